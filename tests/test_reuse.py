"""Reuse and citation: the data package, CSVs, chart files, "Cite this", embeds, share cards and dataset metadata."""

from __future__ import annotations

import csv
import html as html_module
import json
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from browser import browser, serve
from conftest import LOCALE, ROOT, check_golden, real_content

from generator.load.project import load_project
from generator.render.datafiles import columns
from generator.render.site import page_key, site_pages

GOLDEN = Path(__file__).parent / "golden"
LANGS = (("zh", ""), ("en", "en/"))


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    return header, rows


def test_the_data_package_validates_with_frictionless(built_site: Path) -> None:
    from frictionless import validate

    for _, folder in LANGS:
        report = validate(str(built_site / folder / "data" / "datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
        package = json.loads((built_site / folder / "data" / "datapackage.json").read_text(encoding="utf-8"))
        assert {r["name"] for r in package["resources"]} == {"observations", "indicators", "pillars", "targets", "sources", "units"}
        assert package["licenses"][0]["name"] == "CC-BY-4.0" and len(package["sources"]) == len(real_content().sources)
        keys = {r["name"]: [fk["reference"]["resource"] for fk in r["schema"].get("foreignKeys", [])] for r in package["resources"]}
        assert keys["observations"] == ["indicators", "units", "units", "sources"] and keys["indicators"] == ["pillars", "units"]
        fields = {f["name"]: f for r in package["resources"] for f in r["schema"]["fields"] if r["name"] == "observations"}
        assert fields["number"]["type"] == "number" and fields["year"]["type"] == "integer"
        assert " / " in fields["quote"]["description"]  # in each language


def test_every_csv_round_trips_through_the_csv_module(built_site: Path) -> None:
    plan = real_content()
    expected = {
        "observations": plan.observation_count,
        "indicators": len(plan.all_indicators),
        "pillars": len(plan.pillars),
        "targets": len(plan.targets),
        "sources": len(plan.sources),
        "units": len(plan.units),
    }
    project = load_project(ROOT)
    for _, folder in LANGS:
        data = built_site / folder / "data"
        for name, count in expected.items():
            header, rows = _rows(data / f"{name}.csv")
            assert header == columns(project.locales)[name] and len(rows) == count, name
            assert all(len(r) == len(header) for r in rows), name
            excel = (data / "excel" / f"{name}.csv").read_bytes()
            assert excel == b"\xef\xbb\xbf" + (data / f"{name}.csv").read_bytes()  # Excel needs the byte order mark
        header, rows = _rows(data / "observations.csv")
        number = header.index("number")
        assert all(Decimal(r[number]) > 0 for r in rows)


def test_chart_csvs_carry_numbers_and_each_chart_has_a_zip(built_site: Path) -> None:
    plan = real_content()
    for lang, folder in LANGS:
        for chart in plan.all_charts:
            header, rows = _rows(built_site / folder / "charts" / f"{chart.id}.csv")
            value_columns = [c for c in header if c.endswith("number")]
            assert value_columns and rows, chart.id
            for row in rows:
                for c in value_columns:
                    cell = row[header.index(c)]
                    assert cell == "" or Decimal(cell) >= 0, (chart.id, c, cell)
            with zipfile.ZipFile(built_site / folder / "charts" / f"{chart.id}.zip") as archive:
                names = sorted(archive.namelist())
                assert names == sorted([f"{chart.id}/{chart.id}.csv", f"{chart.id}/{chart.id}.vl.json", f"{chart.id}/README.md"])
                readme = archive.read(f"{chart.id}/README.md").decode("utf-8")
                assert archive.read(f"{chart.id}/{chart.id}.csv") == (built_site / folder / "charts" / f"{chart.id}.csv").read_bytes()
            quotes = [o.quote for i in chart.indicators for o in i.observations] + [t.quote for t in chart.targets]
            assert all(q in readme for q in quotes) and "@misc{" in readme and "creativecommons.org" in readme, (lang, chart.id)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_citations_in_each_style(minimal: Path, lang: str, update_golden: bool) -> None:
    import bibtexparser

    from generator.render.cite import citations

    project = load_project(minimal)
    found = citations(project.plan, LOCALE[lang], project.history, "https://example.org/tracker/")
    assert set(found) >= {"figure-contracts", "chart-labs-over-time", "page-home", "page-pillars-alpha"}
    shown = []
    for key in ("figure-contracts", "chart-labs-over-time", "page-sources-001"):
        c = found[key]
        library = bibtexparser.parse_string(c.bibtex)
        assert not library.failed_blocks and [e.key for e in library.entries][-1] == f"bj-istic-{key}"
        items = json.loads(c.csl_json)
        assert items[0]["id"] == "bj-istic-source-001" and items[-1]["URL"].startswith("https://example.org/tracker/")
        shown += [f"## {key}", str(c.html), c.bibtex, c.csl_json]
    check_golden(GOLDEN / f"citations.{lang}.md", "\n".join(shown), update_golden)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_citeproc_remembering_its_style_lookups_formats_every_citation_the_same(lang: str) -> None:
    """The build keeps citeproc-py's macro, term and layout lookups and its "calls a variable" answers: every citation
    of the real content is the same as citeproc-py gives without them (in a process where they are not kept)."""
    import subprocess
    import sys

    from citeproc import model

    from generator.render.cite import citations

    project = load_project(ROOT)
    kept = {key: str(c.html) for key, c in citations(project.plan, LOCALE[lang], project.history, "https://example.org/").items()}
    from citeproc.source import CitationItem

    assert hasattr(model.Text.calls_variable, "__wrapped__") and hasattr(model.Locale.get_term, "__wrapped__")
    assert hasattr(CitationItem.reference.fget, "__wrapped__")
    script = (
        "import json, sys; from pathlib import Path; import generator.render.cite as cite; from generator.load.project import load_project\n"
        "import dataclasses, generator.compat.citeproc as c; c.REMEMBERED = dataclasses.replace(c.REMEMBERED, verified=())  # not applied\n"
        "project = load_project(Path(sys.argv[1])); (locale,) = [l for l in project.locales if l.code == sys.argv[2]]\n"
        "found = cite.citations(project.plan, locale, project.history, 'https://example.org/')\n"
        "from citeproc import model; assert not hasattr(model.Text.calls_variable, '__wrapped__')\n"
        "from citeproc.source import CitationItem; assert not hasattr(CitationItem.reference.fget, '__wrapped__')\n"
        "print(json.dumps({key: str(c.html) for key, c in found.items()}))\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(ROOT), lang], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(run.stdout) == kept and len(kept) > 50


def test_citations_are_in_the_reader_style_and_credit_the_source_first(built_site: Path) -> None:
    from generator.load.project import load_project

    project = load_project(ROOT)
    plan, history = project.plan, project.history
    pillar = plan.pillars[0]
    ind = pillar.indicators[0]
    for lang, folder in LANGS:
        html = (built_site / folder / "pillars" / pillar.id / "index.html").read_text(encoding="utf-8")
        card = html[html.index(f'id="fig-{ind.id}"') :]
        refs = [html_module.unescape(r) for r in re.findall(r'<span class="cite-ref">(.*?)</span>(?:<br>|</p>)', card)[:2]]
        assert len(refs) == 2, lang
        assert ind.latest.source.title.zh in refs[0]  # the original document first, then the tracker
        assert f"#fig-{ind.id}" in refs[1]
        if lang == "zh":
            assert refs[0].startswith("[1]") and refs[1].startswith("[2]") and "[DS/OL]" in refs[1]  # GB/T 7714-2015
        elif history.pending:  # data edited since the last edition: cited undated, without a version
            assert "(n.d.)" in refs[1] and "[Dataset]" in refs[1] and "Version" not in refs[1]  # APA 7
        else:
            assert f"(Version {len(history.editions)}) [Dataset]" in refs[1]  # APA 7: the edition's number
        assert "2026" not in refs[0] or str(ind.latest.source.year) == "2026"  # no date from the build's clock
        bib = (built_site / folder / "cite" / f"figure-{ind.id}.bib").read_text(encoding="utf-8")
        assert f"@misc{{bj-istic-figure-{ind.id}," in bib


def test_share_cards_and_page_metadata(engine_site: tuple[str, Path]) -> None:
    """Each engine's pages name their share card, which exists at 1200×630."""
    from PIL import Image

    built_site = engine_site[1]
    plan = real_content()
    for _, folder in LANGS:
        for page in site_pages(plan):
            image = built_site / folder / "share" / f"{page_key(page.path)}.png"
            with Image.open(image) as im:
                assert im.size == (1200, 630) and im.format == "PNG", image
            html = (built_site / folder / page.url / "index.html").read_text(encoding="utf-8")
            meta = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)"', html))
            assert meta["og:image"].endswith(f"share/{page_key(page.path)}.png") and meta["twitter:card"] == "summary_large_image", page.path
            assert meta["og:title"] and meta["og:description"], page.path


def test_the_data_page_describes_the_dataset_in_json_ld(engine_site: tuple[str, Path]) -> None:
    built_site = engine_site[1]
    plan = real_content()
    for lang, folder in LANGS:
        html = (built_site / folder / "data" / "index.html").read_text(encoding="utf-8")
        (found,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(found)
        assert data["@type"] == "Dataset" and data["name"] == LOCALE[lang].text(plan.title)
        for key in ("description", "creator", "license", "temporalCoverage", "distribution", "isBasedOn", "version"):
            assert data[key], key
        assert len(data["isBasedOn"]) == len(plan.sources)
        assert {d["name"] for d in data["distribution"]} >= {"observations.csv", "datapackage.json"}


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with browser() as b:
        yield b


@pytest.mark.browser
@pytest.mark.parametrize("folder", ["", "en/"])
def test_an_embedded_chart_works_in_a_narrow_frame_on_another_site(built_site: Path, chromium, tmp_path: Path, folder: str) -> None:
    """The embed page inside a 320 px <iframe> of a page served from another port: chart shown, nothing fetched from elsewhere."""
    chart = real_content().all_charts[0]
    with serve(built_site) as site:
        host = tmp_path / "host"
        host.mkdir()
        (host / "index.html").write_text(
            '<!doctype html><html lang="en"><link rel="icon" href="data:,"><title>host</title>'
            f'<iframe src="{site}{folder}embed/{chart.id}/" width="320" height="480" title="chart"></iframe></html>',
            encoding="utf-8",
        )
        with serve(host) as other:
            page = chromium.new_page()
            outside: list[str] = []
            errors: list[str] = []
            page.on("request", lambda r: outside.append(r.url) if not (r.url.startswith((site, other, "data:"))) else None)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(other, wait_until="networkidle")
            frame = next(f for f in page.frames if f.url.startswith(site))
            svg = frame.locator("figure.chart svg >> visible=true").first  # the layout that fits the frame
            assert svg.is_visible()
            box = svg.bounding_box()
            assert box is not None and 0 < box["width"] <= 320
            frame.locator("figure.chart").hover()
            frame.wait_for_function("document.querySelector('figure.chart').dataset.state === 'live'")
            assert frame.locator("a[target=_top]").first.get_attribute("href")
            page.close()
    assert outside == [] and errors == []
