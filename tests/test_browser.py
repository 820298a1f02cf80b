"""The built site in headless Chromium, as readers use it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import axe_violations, browser, serve, site_urls
from conftest import LOCALE, ROOT, build_fixture_site, edit, real_chart, revise

pytestmark = pytest.mark.browser


URLS = site_urls()


@pytest.fixture(scope="module")
def site_url(engine_site: tuple[str, Path]) -> Iterator[str]:
    """The real site as each engine publishes it, served on loopback."""
    with serve(engine_site[1]) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with browser() as b:
        yield b


def _watch(page, base: str) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in {"error", "warning"} else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on("request", lambda r: foreign.append(r.url) if not (r.url.startswith(base) or r.url.startswith("data:")) else None)
    return problems, foreign


@pytest.fixture(scope="module")
def visits(site_url: str, chromium) -> dict[str, tuple[int, list[str], list[str]]]:
    """Every page visited once, as a reader would: its status, what axe-core finds on it as loaded, and what went wrong
    (console errors, failed or foreign requests) while it loaded and while each chart became interactive on hover.
    One visit serves the two tests below (visiting every page twice took a minute more)."""
    context = chromium.new_context()
    found = {}
    for url in URLS:
        page = context.new_page()
        problems, foreign = _watch(page, site_url)
        response = page.goto(site_url + url, wait_until="load")  # what loads later is awaited below (network idle)
        violations = axe_violations(page)
        for figure in page.locator("figure.chart").all():
            figure.hover()
            page.wait_for_function("el => el.dataset.state === 'live' || el.dataset.state === 'failed'", arg=figure.element_handle())
        page.wait_for_load_state("networkidle")
        found[url] = (response.status if response else 0, violations, [f"{url}: {p}" for p in problems] + [f"{url}: request to {u}" for u in foreign])
        page.close()
    context.close()
    return found


def test_every_page_loads_with_no_errors_and_no_foreign_requests(visits: dict[str, tuple[int, list[str], list[str]]]) -> None:
    assert [url for url, (status, _, _) in visits.items() if status != 200] == []
    assert [problem for _, _, problems in visits.values() for problem in problems] == []


def test_charts_render_without_javascript(site_url: str, engine_site: tuple[str, Path], chromium) -> None:
    """Every chart figure on every page shows its static SVG with JavaScript off."""
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    seen = expected = 0
    for url in URLS:
        expected += (engine_site[1] / url / "index.html").read_text(encoding="utf-8").count('<figure class="chart')
        page.goto(site_url + url)
        for svg in page.locator("figure.chart .chart-static svg >> visible=true").all():  # the layout that fits the column
            box = svg.bounding_box()
            assert box and box["width"] > 300 and box["height"] > 50, url
            assert svg.get_attribute("aria-label")
            assert svg.locator("path, rect, line, text").count() > 10
            seen += 1
    context.close()
    assert seen == expected > 0


def test_charts_become_interactive_with_tooltips(site_url: str, chromium) -> None:
    pillar, chart = real_chart("time_series")
    page = chromium.new_page()
    page.goto(site_url + f"pillars/{pillar.id}/", wait_until="networkidle")
    figure = page.locator(f"#chart-{chart.id}")
    figure.hover()
    page.wait_for_selector(f"#chart-{chart.id}.is-live .chart-live svg")
    assert page.locator(f"#chart-{chart.id} .chart-static").is_hidden()
    point = page.locator(f"#chart-{chart.id} .chart-live .mark-symbol path").first
    box = point.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator("#vg-tooltip-element.visible")
    tooltip.wait_for(state="visible")
    figures = {LOCALE["zh"].observation(o) for ind in chart.indicators for o in ind.observations}
    assert any(f in tooltip.inner_text() for f in figures), tooltip.inner_text()  # the hovered point's figure, as written
    page.close()


def test_language_switch_lands_on_the_same_page(site_url: str, chromium) -> None:
    page = chromium.new_page()
    for url in URLS[: len(URLS) // 2]:
        page.goto(site_url + url)
        page.locator("p.lang-switch a").click()
        page.wait_for_load_state()
        assert page.url == site_url + "en/" + url
        assert page.locator("html").get_attribute("lang") == "en"
        page.locator("p.lang-switch a").click()
        page.wait_for_load_state()
        assert page.url == site_url + url
        assert page.locator("html").get_attribute("lang") == "zh"
    page.close()


def _switch_in_header(page, lang: str) -> None:
    page.locator(".md-header .md-select button").hover()
    page.locator(f".md-header a.md-select__link[hreflang='{lang}']").click()
    page.wait_for_load_state()


def test_header_language_selector_keeps_the_page_and_the_section(site_url: str, chromium) -> None:
    """The theme's selector leads to the same page, and both language links take the section along."""
    pillar, chart = real_chart("time_series")
    ind = pillar.indicators[0]
    page = chromium.new_page()
    for url in ("", f"pillars/{pillar.id}/", "targets/", "changes/"):
        page.goto(site_url + url)
        _switch_in_header(page, "en")
        assert page.url == site_url + "en/" + url
        _switch_in_header(page, "zh")
        assert page.url == site_url + url
    for anchor in (f"fig-{ind.id}", f"chart-{chart.id}"):
        page.goto(f"{site_url}pillars/{pillar.id}/#{anchor}")
        _switch_in_header(page, "en")
        assert page.url == f"{site_url}en/pillars/{pillar.id}/#{anchor}"
        page.locator("p.lang-switch a").click()
        page.wait_for_load_state()
        assert page.url == f"{site_url}pillars/{pillar.id}/#{anchor}"
    page.close()


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("", "独角兽", "pillars/enterprises/"),
        ("", "概念验证", "pillars/transfer/"),
        ("en/", "unicorn", "en/pillars/enterprises/"),
    ],
)
def test_search_finds_the_right_page(site_url: str, engine_site: tuple[str, Path], chromium, lang: str, query: str, expected: str) -> None:
    page = chromium.new_page()
    page.goto(site_url + lang, wait_until="networkidle")
    if engine_site[0] == "zensical":  # a button opens its search dialog; results list links under the input's aria-controls
        page.locator(".md-search__button").first.click()
        search = page.locator('input[aria-autocomplete="list"]')
        search.fill(query)
        results = "#" + (search.get_attribute("aria-controls") or "") + " a"
    else:
        page.locator("label.md-search__icon, .md-search__input").first.click()
        search = page.locator("input.md-search__input")
        search.fill(query)  # as an input method commits Chinese text
        search.press("End")  # Material updates results on key events
        results = ".md-search-result__item > a"
    page.wait_for_selector(results)
    hrefs = [a.get_attribute("href") or "" for a in page.locator(results).all()]
    pages = list(dict.fromkeys(h.split("?")[0].split("#")[0] for h in hrefs if not h.startswith("#")))  # results list sections; a reader scans pages
    assert any(p.endswith(expected) for p in pages[:3]), pages
    page.close()


XSS = '<script>window.__xss=1</script>javascript:alert(1)<img src=x onerror="window.__xss=2">'


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_xss_payload_in_a_title_does_not_execute(minimal: Path, chromium, engine: str) -> None:
    edit(minimal, "pillars/alpha.yml", "title: {zh: 抓示例, en: Example}", f"title: {{zh: '{XSS}', en: '{XSS}'}}")
    edit(minimal, "plan.yml", "title: {zh: 示例规划, en: Example plan}", f"title: {{zh: '{XSS}', en: Example plan}}")
    site = build_fixture_site(minimal, engine=engine)
    with serve(site) as url:
        page = chromium.new_page()
        for path in ("", "pillars/alpha/", "en/pillars/alpha/"):
            page.goto(url + path, wait_until="networkidle")
            assert page.evaluate("window.__xss") is None
            assert "<script>window.__xss=1</script>" in page.locator("h1").first.inner_text()
        page.close()


def test_axe_reports_no_accessibility_violations(visits: dict[str, tuple[int, list[str], list[str]]]) -> None:
    assert sorted(visits) == sorted(URLS)
    assert [f"{url}: {v}" for url, (_, violations, _) in visits.items() for v in violations] == []


def test_with_a_site_url_pages_make_no_failing_requests(tmp_path: Path, chromium) -> None:
    """As deployed (site_url set), Material's language selector loads sitemaps: none may 404."""
    import socket

    from generator.run.build import build_site

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    import os

    os.environ["SITE_URL"] = f"http://127.0.0.1:{port}/"
    try:
        site = build_site(ROOT, tmp_path / "site", pdf=False).out
    finally:
        del os.environ["SITE_URL"]
    from browser import serve_on

    with serve_on(site, port) as url:
        page = chromium.new_page()
        statuses: list[str] = []
        page.on("response", lambda r: statuses.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        problems, foreign = _watch(page, url)
        pillar, _ = real_chart("time_series")
        for path in ("", f"pillars/{pillar.id}/", "en/", f"en/pillars/{pillar.id}/"):
            page.goto(url + path, wait_until="networkidle")
        assert statuses == [] and problems == [] and foreign == []
        alternates = {a.get_attribute("hreflang"): a.get_attribute("href") for a in page.locator('link[rel="alternate"][hreflang]').all()}
        assert alternates == {"zh-CN": url, "en": url + "en/", "x-default": url}
        # As deployed, the theme's script reads the sitemaps on a language click: it must still land on the same page.
        page.goto(url + f"en/pillars/{pillar.id}/")
        _switch_in_header(page, "zh")
        assert page.url == url + f"pillars/{pillar.id}/"
        page.close()


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def history_url(request: pytest.FixtureRequest, history_project: Path) -> Iterator[str]:
    """The three-edition fixture history, as each engine publishes it."""
    from generator.run.build import build_site

    site = history_project / "site"
    if request.param == "zensical":
        site = build_site(history_project, history_project / "site-zensical", pdf=False, engine="zensical").out
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("lang", ["", "en/"])
def test_what_changed_and_figure_history_in_the_browser(history_url: str, chromium, lang: str) -> None:
    """The What changed page links each figure to its card, whose history opens; no errors, no foreign requests, axe clean."""
    page = chromium.new_page()
    problems, foreign = _watch(page, history_url)
    page.goto(history_url + lang + "changes/", wait_until="networkidle")
    assert page.locator("h2#edition-2026-01-31").count() == 1
    page.locator("#edition-2026-01-31 ~ ul a[href*='#fig-contracts']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("pillars/alpha/#fig-contracts")
    card = page.locator("li", has=page.locator("#fig-contracts"))
    marker = card.locator(".kf-revised")
    assert marker.is_visible() and "2026-01-31" in marker.inner_text()
    history = card.locator("details.kf-history")
    assert not history.locator("li").first.is_visible()  # folded until asked for
    history.locator("summary").click()
    rows = history.locator("li")
    assert rows.count() == 3 and rows.first.is_visible()
    assert rows.first.inner_text().startswith("2026-01-31")
    found = []
    for url in (lang + "changes/", lang + "pillars/alpha/"):
        page.goto(history_url + url, wait_until="networkidle")
        for summary in page.locator(".key-figures details.kf-history summary").all():
            summary.click()  # axe checks the opened history too
        found += axe_violations(page)
    page.close()
    assert (problems, foreign, found) == ([], [], [])


def test_a_chart_the_preview_has_not_drawn_yet_is_drawn_from_its_spec(minimal: Path, tmp_path: Path, chromium) -> None:
    """The preview's first pass after an edit leaves the revised chart to the browser: the site's Vega bundle draws it from
    its spec at once, with the revised figure, no error and no request elsewhere."""
    import shutil

    from generator.load.project import load_project
    from generator.publish import outdir
    from generator.publish.engines.material import build_language
    from generator.publish.engines.settings import site_settings
    from generator.run import serve as preview

    for name in ("mkdocs.yml", "site_config.yml"):
        shutil.copy(ROOT / name, minimal / name)
    docs = tmp_path / "docs"
    docs.mkdir()
    assert preview.regenerate(minimal, docs, "zh", quick=False)
    revise(minimal, "145", "150", "目前示例实验室145家", "目前示例实验室150家")
    project = load_project(minimal)
    locale = project.locales[0]
    generated = preview._generate(minimal, project, tmp_path / "fresh", locale, pages_first=True)  # the first pass, as the preview shows it
    assert generated.pending == ["labs-over-time"]
    outdir.sync(tmp_path / "fresh", docs, prune=False)
    site = tmp_path / "site"
    build_language(site_settings(project.plan, project.config, locale, project.locales, preview=True), minimal, docs, site, tmp_path / "work")
    with serve(site) as url:
        page = chromium.new_page()
        problems, foreign = _watch(page, url)
        page.goto(url + "pillars/alpha/", wait_until="networkidle")
        figure = page.locator("#chart-labs-over-time")
        page.wait_for_function("el => el.dataset.state === 'live' || el.dataset.state === 'failed'", arg=figure.element_handle())
        assert figure.get_attribute("data-state") == "live" and not figure.locator(".chart-static svg").count()
        drawn = figure.locator(".chart-live svg")
        labels = drawn.text_content() or ""
        assert drawn.locator("path, rect, line, text").count() > 10 and "150家" in labels and "145家" not in labels  # the revised figure
        box = drawn.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 50
        page.close()
    assert problems == [] and foreign == []
