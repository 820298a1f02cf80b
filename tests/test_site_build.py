"""The built site: files, links to both languages, escaping, no external references."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, LOCALE, LOCALES, ROOT, build_fixture_site, check_golden, edit, real_content
from helpers import PageLinks

from generator.charts.data import chart_data
from generator.charts.kinds import build_chart
from generator.load.project import load_plan
from generator.render.pages import PageEnv, environment, page_paths, render_pages
from generator.render.site import url_of

GOLDEN = Path(__file__).parent / "golden"


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_every_page_exists_in_both_languages(built_site: Path) -> None:
    plan = load_plan(ROOT / "content", ROOT)
    for path in page_paths(plan):
        url = url_of(path)
        assert (built_site / url / "index.html").is_file(), url
        assert (built_site / "en" / url / "index.html").is_file(), url
    for pillar in plan.pillars:
        if pillar.charts:
            html = (built_site / "pillars" / pillar.id / "index.html").read_text(encoding="utf-8")
            assert "<svg" in html and 'role="img"' in html, pillar.id


def test_dataset_and_chart_downloads(built_site: Path) -> None:
    for name in ("observations.csv", "indicators.csv", "pillars.csv", "targets.csv", "sources.csv", "units.csv", "plan.json", "datapackage.json"):
        assert (built_site / "data" / name).stat().st_size > 100
    plan = real_content()
    observations = (built_site / "data" / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert len(observations) == 1 + plan.observation_count
    for ind in plan.all_indicators:
        for obs in ind.observations:
            assert any(line.startswith(f"{ind.id}-{obs.year},{ind.id},{obs.value},") for line in observations), (ind.id, obs.value)
    for lang, lang_root in (("zh", built_site), ("en", built_site / "en")):
        for chart in plan.all_charts:
            for ext in ("svg", "png", "vl.json", "csv"):
                assert (lang_root / "charts" / f"{chart.id}.{ext}").stat().st_size > 50, (lang, chart.id, ext)
            table = (lang_root / "charts" / f"{chart.id}.csv").read_text(encoding="utf-8")
            for item in chart.indicators or chart.targets:
                name = item.name if hasattr(item, "name") else item.title
                assert LOCALE[lang].text(name) in table, (lang, chart.id)


def test_every_figure_is_on_its_page_in_both_languages(built_site: Path) -> None:
    """Every figure of each indicator, formatted for the language, is on its card on its pillar page (or the home page):
    a card shows the earlier figures too, not only the latest."""
    import html

    plan = load_plan(ROOT / "content", ROOT)
    for lang, base in (("zh", built_site), ("en", built_site / "en")):
        for pillar in plan.pillars:
            page = html.unescape((base / "pillars" / pillar.id / "index.html").read_text(encoding="utf-8"))
            for ind in pillar.indicators:
                card = page[page.index(f'id="fig-{ind.id}"') :].split("</li>", 1)[0]
                for obs in ind.observations:
                    assert LOCALE[lang].observation(obs) in card, (lang, pillar.id, ind.id, obs.year)
        home = html.unescape((base / "index.html").read_text(encoding="utf-8"))
        for ind in plan.headline:
            assert LOCALE[lang].observation(ind.latest) in home, (lang, ind.id)


def test_footnotes_lead_to_the_marked_sentence(built_site: Path) -> None:
    """Every footnote of every pillar page links to an anchor on its source page, where its sentence is highlighted."""
    from generator.model.provenance import squash
    from generator.render.sourcetext import quote_anchor

    for pillar in real_content().pillars:
        page = (built_site / "pillars" / pillar.id / "index.html").read_text(encoding="utf-8")
        links = set(re.findall(r'href="\.\./\.\./sources/([0-9]{3})/#(q-[0-9a-f]{10})"', page))
        assert links, pillar.id
        for source_id, anchor in links:
            assert f'id="{anchor}"' in (built_site / "sources" / source_id / "index.html").read_text(encoding="utf-8"), (pillar.id, anchor)
        for obs in (ind.latest for ind in pillar.indicators):  # each card cites its latest figure
            assert ("../../sources/" + obs.source.id + "/#" + quote_anchor(obs.quote)) in page
            source = (built_site / "sources" / obs.source.id / "index.html").read_text(encoding="utf-8")
            marked = [squash(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", source, re.DOTALL)]
            # The quoted sentence is highlighted (within a longer highlight when a longer quote covers it).
            assert any(squash(obs.quote) in m for m in marked), (pillar.id, obs.quote)


EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def external_references(site: Path) -> list[str]:
    found = []
    for page in html_files(site):
        found += [f"{page.relative_to(site)}: {u}" for u in PageLinks.of(page).loads if EXTERNAL.match(u.strip())]
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text):
            if EXTERNAL.match(url.strip()):
                found.append(f"{css.relative_to(site)}: {url}")
    return found


def test_no_page_references_another_host(built_site: Path) -> None:
    assert external_references(built_site) == []
    text = "\n".join(p.read_text(encoding="utf-8") for p in html_files(built_site))
    assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text and "cdn.jsdelivr.net" not in text


def test_scan_catches_an_external_script(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<script src="https://cdn.example.com/x.js"></script><img src="//x.org/a.png">')
    (tmp_path / "a.css").write_text("body{background:url(https://fonts.example/x.woff2)}")
    assert len(external_references(tmp_path)) == 3


XSS_TITLE = '<script>window.__xss=1</script>javascript:alert(1)<img src=x onerror="window.__xss=2">'


@pytest.mark.slow
def test_user_text_is_escaped_in_generated_markdown(minimal: Path) -> None:
    edit(minimal, "pillars/alpha.yml", "title: {zh: 抓示例, en: Example}", f"title: {{zh: '{XSS_TITLE}', en: '{XSS_TITLE}'}}")
    site = build_fixture_site(minimal)
    html = (site / "pillars" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__xss" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;javascript:alert(1)" in html


@pytest.fixture(scope="module")
def real_plan():
    return load_plan(ROOT / "content", ROOT)


@pytest.fixture(scope="module")
def kinds_plan():
    """A fixture with every chart kind, a standing and a rated target: golden files come from it, not from the real content."""
    return load_plan(FIXTURES / "kinds" / "content", FIXTURES / "kinds")


def test_golden_pages(kinds_plan, update_golden: bool) -> None:
    from generator.charts.registry import WIDE
    from generator.render.pages import ChartView
    from generator.run.generate import _svg_inline

    for lang in ("zh", "en"):
        views = {}
        for chart in kinds_plan.all_charts:
            data = chart_data(chart, LOCALE[lang])
            head = [t for _, t in data.columns]
            rows = [[str(r[k]) for k, _ in data.columns] for r in data.rows]
            views[chart.id] = ChartView(chart, ((WIDE, _svg_inline("<svg ></svg>", data.description)),), data.description, head, rows)
        from generator.load.editions import History
        from generator.render.cite import citations

        cites = citations(kinds_plan, LOCALE[lang], History.none(), "https://example.org/")
        pages = render_pages(PageEnv(kinds_plan, LOCALE[lang], LOCALES, views, True, History.none(), cites, "https://example.org/"), environment(LOCALES))
        for name in ("pillars/alpha", "pillars/beta", "targets"):
            check_golden(GOLDEN / f"page-{name.replace('/', '-')}.{lang}.md", pages[f"{name}/index.md"], update_golden)


@pytest.mark.parametrize(
    ("chart_id", "kind"),
    [
        ("labs-over-time", "time_series"),
        ("beta-shares", "share_of_national"),
        ("beta-comparison", "comparison"),
        ("beta-composition", "composition"),
        ("targets-chart", "target_progress"),
    ],
)
def test_golden_chart_specs(kinds_plan, update_golden: bool, chart_id: str, kind: str) -> None:
    import json

    from generator.charts.registry import LAYOUTS

    chart = next(c for c in kinds_plan.all_charts if c.id == chart_id)
    assert chart.kind == kind
    for lang in ("zh", "en"):
        for layout in LAYOUTS:
            spec = build_chart(chart, chart_data(chart, LOCALE[lang]), LOCALE[lang], layout)
            check_golden(GOLDEN / f"chart-{kind}{layout.suffix}.{lang}.vl.json", json.dumps(spec, ensure_ascii=False, indent=1, sort_keys=True) + "\n", update_golden)


def test_a_log_scale_draws_lines_only_where_it_labels_a_power_of_ten(kinds_plan) -> None:
    """A log axis ticks, grids and labels the powers of ten alone: Vega's default lines every multiple 1-9 and labels some."""
    import dataclasses
    import math

    import vl_convert

    from generator.charts.registry import LAYOUTS

    chart = dataclasses.replace(next(c for c in kinds_plan.all_charts if c.id == "beta-comparison"), scale="log")
    for lang in ("zh", "en"):
        data = chart_data(chart, LOCALE[lang])
        one = data.rows[0]
        assert one["value"] == 40.0
        one["value"] = 400000.0  # five decades, as the real tiers of enterprises span (its label is left as it was)
        for layout in LAYOUTS:
            spec = build_chart(chart, data, LOCALE[lang], layout)
            low, high = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
            values = spec["layer"][0]["encoding"]["x"]["axis"]["values"]
            assert values == [10.0**k for k in range(round(math.log10(low)), math.floor(math.log10(high)) + 1)], (lang, layout.name)
            assert len(values) >= 5, values
            svg = vl_convert.vegalite_to_svg(spec)
            grid = re.search(r'<g class="mark-rule role-axis-grid".*?</g>', svg, re.S)
            labels = re.search(r'<g class="mark-text role-axis-label".*?</g>', svg, re.S)
            assert grid and labels
            assert grid.group(0).count("<line") == len(values), (lang, layout.name)
            assert [t.replace(",", "") for t in re.findall(r">([^<>]+)</text>", labels.group(0))] == [str(int(v)) for v in values], (lang, layout.name)


def test_golden_fixture_covers_every_chart_kind(kinds_plan) -> None:
    from generator.charts.registry import KINDS

    assert {c.kind for c in kinds_plan.all_charts} == set(KINDS)


def test_every_declared_chart_is_a_valid_spec(real_plan) -> None:
    from generator.charts.registry import LAYOUTS

    for chart in real_plan.all_charts:
        for lang in ("zh", "en"):
            for layout in LAYOUTS:
                spec = build_chart(chart, chart_data(chart, LOCALE[lang]), LOCALE[lang], layout)  # to_dict(validate=True) inside
                assert spec["description"] and spec["title"] and spec["width"] == layout.width


def test_no_template_placeholder_reaches_a_page(built_site: Path) -> None:
    """Labels with counts ({pillars}) are filled in everywhere: pages, navigation, titles."""
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        found = re.search(r".{0,40}\{[a-z_]+\}", text)
        assert found is None, f"{page.relative_to(built_site)}: {found.group() if found else ''}"


def test_every_chart_kind_is_one_registry_entry() -> None:
    """The schema's kinds, the rows and the drawing all come from generator/charts/registry.py."""
    import json

    from generator.charts import data, kinds
    from generator.charts.registry import KINDS

    schema = json.loads((ROOT / "generator" / "schema" / "pillar.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["Chart"]["properties"]["kind"]["enum"] == list(KINDS)
    for kind in KINDS.values():
        assert callable(getattr(data, kind.data)), kind.name
        assert callable(getattr(kinds, kind.spec)), kind.name


def test_source_page_shows_address_and_publication_date_when_known(minimal: Path) -> None:
    from generator.render.markup import environment

    edit(minimal, "sources.yml", "    year: 2025\n", "    year: 2025\n    published: {zh: 2025年3月1日, en: 1 March 2025}\n    url: https://example.org/doc_001\n")
    plan = load_plan(minimal / "content", minimal)
    zh = render_pages(PageEnv(plan, LOCALE["zh"], LOCALES, {c.id: _stub_view(c, "zh") for c in plan.all_charts}, False), environment(LOCALES))["sources/001/index.md"]
    en = render_pages(PageEnv(plan, LOCALE["en"], LOCALES, {c.id: _stub_view(c, "en") for c in plan.all_charts}, False), environment(LOCALES))["sources/001/index.md"]
    assert "| 发布日期 | 2025年3月1日 |" in zh and '| 网址 | <a href="https://example.org/doc_001">https://example.org/doc_001</a> |'.replace("_", "&#95;") in zh
    assert "| Published | 1 March 2025 |" in en


def _stub_view(chart, lang):
    from generator.render.pages import ChartView

    return ChartView(chart, (), chart_data(chart, LOCALE[lang]).description, [], [])
