"""What a careful reader checks, in headless Chromium: each figure of a source leads to its card, a pillar keeps what
was done apart from the tasks with each rank on its cards, the home page opens with where the targets stand, and the
404 page's language links work from any address.

The pages are the same Markdown for both engines (tests/test_engines.py compares what they publish), so these run on
the MkDocs site; the 404 page's links come from a theme template, so that test runs on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import browser, serve
from conftest import LOCALE

from generator.charts.data import chart_data

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def mkdocs_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def site_url(engine_site: tuple[str, Path]) -> Iterator[str]:
    with serve(engine_site[1]) as url:
        yield url


@pytest.mark.parametrize("lang", ["", "en/"])
def test_each_figure_of_a_source_links_to_the_card_that_shows_it(mkdocs_url: str, chromium, lang: str) -> None:
    page = chromium.new_page()
    linked: dict[str, str] = {}
    for source in ("000", "001", "002", "003"):
        page.goto(f"{mkdocs_url}{lang}sources/{source}/", wait_until="load")
        assert page.locator(".source-text .figure").count() > 0, source
        for a in page.locator(".source-text a.figure").all():
            linked.setdefault(page.evaluate("a => a.href", a.element_handle()), a.inner_text())
    assert linked
    by_page: dict[str, set[str]] = {}
    for href in linked:
        address, _, anchor = href.partition("#")
        by_page.setdefault(address, set()).add(anchor)
    for address, anchors in by_page.items():
        page.goto(address, wait_until="load")
        missing = [a for a in sorted(anchors) if page.locator(f"[id='{a}']").count() != 1]
        assert missing == [], address
    page.close()


HEADINGS = """() => [...document.querySelectorAll('article h2')].map(
  h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink'))).map(n => n.textContent).join('').trim())"""
ITEMS_AFTER = """title => {
  const h = [...document.querySelectorAll('article h2')].find(h => h.textContent.trim().startsWith(title));
  const list = h && h.nextElementSibling;
  return list && list.tagName === 'UL' ? list.children.length : -1;
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_pillar_page_shows_what_was_done_apart_from_the_tasks_and_ranks_on_cards(mkdocs_url: str, chromium, plan, lang: str) -> None:  # type: ignore[no-untyped-def]
    locale = LOCALE[lang]
    page = chromium.new_page()
    for pillar in plan.pillars:
        page.goto(f"{mkdocs_url}{'' if lang == 'zh' else 'en/'}pillars/{pillar.id}/", wait_until="load")
        headings = page.evaluate(HEADINGS)
        wanted = [locale.label("done")] + [locale.label("tasks_of", source=locale.text(s.short)) for s, _ in pillar.tasks] + [locale.label("next_steps")]
        assert [h for h in headings if h in wanted] == wanted, (pillar.id, headings)
        assert page.evaluate(ITEMS_AFTER, locale.label("done")) == len(pillar.done), pillar.id
        for standing in pillar.standings:
            for indicator in standing.indicators:
                card = page.locator(f"li:has(#fig-{indicator})")
                assert locale.text(standing.standing) in card.inner_text(), (standing.id, indicator)
    page.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_home_page_opens_with_where_the_targets_stand(mkdocs_url: str, chromium, plan, lang: str) -> None:  # type: ignore[no-untyped-def]
    locale = LOCALE["zh" if not lang else "en"]
    page = chromium.new_page()
    page.goto(mkdocs_url + lang, wait_until="load")
    assert page.evaluate(HEADINGS)[0] == locale.label("targets_glance", targets=locale.number_word(len(plan.targets)))
    rows = page.locator("article table").first.locator("tbody tr")  # the first table, under that first heading
    assert rows.count() == len(plan.targets)
    for row, target in zip(rows.all(), plan.targets, strict=True):
        assert row.locator(".status").inner_text().strip() == locale.progress_label(target.progress.level), target.id
    for chart in (c for c in plan.charts if c.kind == "target_progress"):  # the chart below: each row's label drawn as text
        drawn = page.locator(f"#chart-{chart.id} svg text").evaluate_all("texts => texts.map(t => t.textContent)")
        assert [str(r["label"]) for r in chart_data(chart, locale).rows if str(r["label"]) not in drawn] == [], chart.id
    page.close()


def test_the_404_page_links_each_language_from_any_address(site_url: str, engine_site: tuple[str, Path], chromium) -> None:
    page = chromium.new_page()
    page.goto(site_url + "404.html", wait_until="load")
    hrefs = [a.get_attribute("href") for a in page.locator("a.md-select__link").all()]
    assert hrefs == ["/", "/en/"]  # root-absolute: the server shows this page at any missing address
    for href in hrefs:
        response = page.goto(site_url.rstrip("/") + str(href), wait_until="load")
        assert response is not None and response.status == 200
    page.close()
