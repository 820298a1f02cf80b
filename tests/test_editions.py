"""Editions of the data: recording them, what changed between them, each figure's history, the feed and the versioned data."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EDITIONS, FIXTURES, LOCALE, LOCALES, ROOT, build_fixture_site, check_golden, edit, make_history, revise, stub_views

from generator.cli import main
from generator.load.editions import compare, load_history, snapshot
from generator.load.project import load_project
from generator.render.cite import citations
from generator.render.pages import PageEnv, environment, render_pages

GOLDEN = Path(__file__).parent / "golden"


def _pages(project: Path, lang: str) -> dict[str, str]:
    loaded = load_project(project)
    views = stub_views(loaded.plan, lang)
    cites = citations(loaded.plan, LOCALE[lang], loaded.history, "https://example.org/")
    return render_pages(PageEnv(loaded.plan, LOCALE[lang], LOCALES, views, True, loaded.history, cites, "https://example.org/"), environment(LOCALES))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_what_changed_and_figure_histories(history_project: Path, lang: str, update_golden: bool) -> None:
    pages = _pages(history_project, lang)
    check_golden(GOLDEN / f"page-changes.{lang}.md", pages["changes/index.md"], update_golden)
    check_golden(GOLDEN / f"page-history-pillars-alpha.{lang}.md", pages["pillars/alpha/index.md"], update_golden)


def test_the_changes_between_editions(history_project: Path) -> None:
    history = load_project(history_project).history
    assert [e.date for e in history.editions] == list(reversed(EDITIONS))
    third, second, first = history.editions
    assert first.first and not second.first and history.pending is None
    assert [c.id for c in second.changes.revised] == ["labs-2025"]
    assert (second.changes.revised[0].old or {})["value"] == "145" and (second.changes.revised[0].new or {})["value"] == "150"
    assert [c.id for c in second.changes.added] == ["contracts-2023"]
    assert second.changes.removed == [] and second.changes.targets == []
    # The indicator renamed in English keeps its id: its figures are neither added nor removed.
    assert [(c.current["indicator"], (c.old or {})["name"]["en"], c.current["name"]["en"]) for c in second.changes.renamed] == [
        ("labs", "Example laboratories", "Example research laboratories")
    ]
    assert [c.id for c in third.changes.revised] == ["contracts-2024"] and [c.id for c in third.changes.removed] == ["labs-2023"]
    assert [(t.id, t.old, t.new) for t in third.changes.targets] == [("contracts", "achieved", "not_enough_data")]
    assert [c["id"] for c in third.changes.charts_added] == ["contracts-over-time"] and [c["id"] for c in third.changes.charts_removed] == ["labs-over-time"]
    assert third.reasons["contracts-2024"].en == "The example source corrected the figure."
    assert [c.id for c in history.revision("contracts")] == ["contracts-2024"] and history.revision("labs") == []


def test_reordering_moving_and_rewording_change_no_figure(minimal: Path) -> None:
    """Stable ids: a figure moved to another pillar file, indicators reordered and a passage reworded are not added/removed figures."""
    before = load_project(minimal)
    old = snapshot(before.plan, before.locales)
    path = minimal / "content/pillars/alpha.yml"
    text = path.read_text(encoding="utf-8")
    start, middle, end = text.index("  - id: contracts"), text.index("  - id: labs"), text.index("charts:")
    path.write_text(text[:start] + text[middle:end] + text[start:middle] + text[end:], encoding="utf-8")  # the indicators swapped
    edit(minimal, "pillars/alpha.yml", "en: Doing examples,", "en: Doing the examples,")
    after = load_project(minimal)
    changes = compare(old, snapshot(after.plan, after.locales))
    assert (changes.added, changes.removed, changes.revised) == ([], [], [])
    assert changes.passages == [({"zh": "抓示例", "en": "Example"}, 1)]


def test_a_feed_per_language_that_parses_as_atom(history_project: Path) -> None:
    import feedparser
    from lxml import etree

    for lang, folder in (("zh", ""), ("en", "en/")):
        path = history_project / "site" / folder / "feed.xml"
        etree.parse(str(path))  # well-formed XML
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo and feed.version == "atom10", lang
        assert [e.title for e in feed.entries] == [LOCALE[lang].label("edition", date=d) for d in reversed(EDITIONS)]
        assert [e.updated[:10] for e in feed.entries] == list(reversed(EDITIONS))
        assert [e.link for e in feed.entries] == [f"changes/#edition-{d}" for d in reversed(EDITIONS)]
        assert len({e.id for e in feed.entries}) == 3
        assert feed.feed.language == LOCALE[lang].data.html_lang
        summary = feed.entries[0].summary
        assert summary.startswith({"zh": "更正2024年技术合同成交额。", "en": "2024 technology contract turnover corrected."}[lang])
        assert LOCALE[lang].label("figures_revised") in summary
        html = (history_project / "site" / folder / "index.html").read_text(encoding="utf-8")
        assert '<link rel="alternate" type="application/atom+xml" href="feed.xml"' in html


def test_versioned_data_never_changes_and_latest_is_the_newest(history_project: Path, tmp_path: Path) -> None:
    site = history_project / "site"
    for date in EDITIONS:
        frozen = history_project / "content/editions" / date
        for lang_root in (site, site / "en"):
            published = lang_root / "data/editions" / date
            names = sorted(p.name for p in published.iterdir())
            assert names == sorted(p.name for p in frozen.iterdir() if p.name != "snapshot.json")
            assert {"observations.csv", "datapackage.json", "plan.json"} <= set(names)
            for name in names:
                assert (published / name).read_bytes() == (frozen / name).read_bytes(), (date, name)
    latest = site / "data/editions/latest"
    assert {p.name: p.read_bytes() for p in latest.iterdir()} == {p.name: p.read_bytes() for p in (site / "data/editions" / EDITIONS[-1]).iterdir()}
    # Another build (fresh cache, other folder) writes the same bytes.
    again = tmp_path / "again"
    shutil.copytree(history_project / "content", again / "content")
    shutil.copy2(ROOT / "site_config.yml", again / "site_config.yml")
    rebuilt = build_fixture_site(again)
    for path in sorted((site / "data/editions").rglob("*")):
        if path.is_file():
            assert (rebuilt / path.relative_to(site)).read_bytes() == path.read_bytes(), path


def test_home_page_and_pdf_name_the_edition(history_project: Path) -> None:
    site = history_project / "site"
    assert f'<a href="changes/#edition-{EDITIONS[-1]}">{EDITIONS[-1]}</a>' in (site / "en/index.html").read_text(encoding="utf-8")
    for pdf, label in ((site / "report.pdf", "数据版次"), (site / "en/report.pdf", "Edition")):
        text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert label in text and EDITIONS[-1] in text, pdf


def _history_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    shutil.copy2(ROOT / "site_config.yml", project / "site_config.yml")
    return make_history(project)


def _validate(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["--root", str(project), "validate"]) == 1
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  - date: 2025-06-30\n",
            "  - date: 2025-06-31\n",
            "content/editions.yml:12:5 editions[1].date: '2025-06-31' is not a date\n    hint: write the day it was published as YYYY-MM-DD, e.g. 2026-03-31",
        ),
        (
            "  - date: 2025-06-30\n",
            "  - date: 30.06.2025\n",
            "content/editions.yml:12:5 editions[1].date: text '30.06.2025' is not in the required form\n    hint: must match ^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        ),
        (
            "  - date: 2026-01-31\n",
            "  - date: 2025-06-30\n",
            "content/editions.yml:17:5 editions[2].date: edition 2025-06-30 is recorded twice (first at line 12)\n    hint: one edition a day: remove this entry",
        ),
        (
            "      contracts-2024: {zh:",
            "      contract-2024: {zh:",
            "content/editions.yml:23:7 editions[2].figures.contract-2024: figure 'contract-2024' is not in edition 2026-01-31 nor in the one before it\n"
            "    hint: did you mean 'contracts-2024'?",
        ),
    ],
)
def test_bad_edition_records_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str) -> None:
    project = _history_copy(tmp_path)
    edit(project, "editions.yml", old, new)
    assert _validate(project, capsys).startswith(expected + "\n")


def test_a_published_edition_never_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _history_copy(tmp_path)
    edit(project, "editions/2025-06-30/observations.csv", "目前示例实验室150家", "目前示例实验室151家")
    assert _validate(project, capsys).startswith(
        "content/editions.yml:13:5 editions[1].digest: content/editions/2025-06-30/ was changed after the edition was published (its digest no longer matches)\n"
        "    hint: a published edition never changes: restore it (git checkout -- content/editions); publish corrections as a new edition\n"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--date", "2026-01-31", "--note", "zh=新", "--note", "en=new"], "--date 2026-01-31 is not after the newest edition, 2026-01-31"),
        (["--date", "2026-02-30", "--note", "zh=新", "--note", "en=new"], "--date '2026-02-30' is not a date"),
        (["--date", "2026-03-01", "--note", "zh=只有中文"], "no note in en"),
        (["--date", "2026-03-01", "--note", "fr=x"], "--note fr=… names no language of the site (zh, en)"),
    ],
)
def test_recording_an_edition_refuses_bad_requests(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str) -> None:
    project = _history_copy(tmp_path)
    revise(project, "150", "160", "目前示例实验室150家", "目前示例实验室160家")  # a change, so that only the request is wrong
    before = (project / "content/editions.yml").read_bytes()
    capsys.readouterr()
    assert main(["--root", str(project), "edition", *args]) == 1
    assert capsys.readouterr().err.startswith(f"content/editions.yml:1:1 {expected}\n")
    assert (project / "content/editions.yml").read_bytes() == before
    assert sorted(p.name for p in (project / "content/editions").iterdir()) == list(EDITIONS)


def test_an_edition_needs_a_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _history_copy(tmp_path)
    capsys.readouterr()
    assert main(["--root", str(project), "edition", "--date", "2026-03-01", "--note", "zh=无", "--note", "en=none"]) == 1
    assert "the data has not changed since edition 2026-01-31" in capsys.readouterr().err


def test_pending_changes_are_shown_until_the_next_edition(tmp_path: Path) -> None:
    project = _history_copy(tmp_path)
    revise(project, "150", "160", "目前示例实验室150家", "目前示例实验室160家")
    loaded = load_project(project)
    assert loaded.history.pending is not None and [c.id for c in loaded.history.pending.revised] == ["labs-2025"]
    page = _pages(project, "en")["changes/index.md"]
    assert "## Changes not yet in an edition { #pending }" in page and "**160**" in page


def test_two_figures_of_one_indicator_in_one_year_are_refused(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(minimal, "pillars/alpha.yml", "        year: 2023\n        national", "        year: 2025\n        national")
    err = _validate(minimal, capsys)
    assert "pillars[0]" not in err
    assert (
        "content/pillars/alpha.yml:31:9 indicators[1].observations[1].year: a second figure of 'labs' for 2025 (the first is observation 1)\n"
        "    hint: each figure is known across editions by its indicator and year (labs-2025); keep one, or make the other its own indicator"
    ) in err


def test_review_summary_against_a_git_revision(tmp_path: Path) -> None:
    """What the pull-request workflow writes into the job summary: the content against the main branch's."""
    project = _history_copy(tmp_path)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base")
    revise(project, "7900", "9000", "2024年,示例城市技术合同成交额7900亿元", "2024年,示例城市技术合同成交额9000亿元")
    result = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-m", "generator", "--root", str(project), "changes", "--base", "main"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "## What this change does to the data (against `main`)\n\n"
        "### Figures revised (1)\n\n"
        "| Figure | Year | Was | Now | Source was | Source now |\n| --- | --- | --- | --- | --- | --- |\n"
        "| Technology contract turnover (`contracts`) | 2024 | CNY 790 billion | CNY 900 billion "
        "| document 001: “2024年,示例城市技术合同成交额7900亿元” | document 001: “2024年,示例城市技术合同成交额9000亿元” |\n\n"
        "### Targets whose rating would change (1)\n\n"
        "| Target | Was | Now |\n| --- | --- | --- |\n| Technology contract turnover (`contracts`) | not_enough_data | achieved |\n\n"
    )


def test_the_real_content_is_its_first_edition_or_later() -> None:
    """Invariants of the real history (not its figures): it loads, each edition's snapshot lists the figures of its data files."""
    project = load_project(ROOT)
    history = project.history
    assert history.editions, "the real content has no edition: record one (python -m generator edition)"
    assert history.editions[-1].first
    for entry in history.editions:
        rows = json.loads(entry.files["plan.json"])["observations"]
        assert {f"{r['indicator']}-{r['year']}" for r in rows} == set(entry.snapshot["figures"]), entry.date
    assert load_history(ROOT, project.plan, project.locales) == history


def test_a_unit_reworded_is_not_a_revision_of_the_figure() -> None:
    """159.8 件 counted as "pieces", then as "patents": the same figure as the source writes it, shown as a relabel."""
    from generator.load.editions import compare

    def snapshot(unit: str, en: str, zh: str = "159.8件") -> dict:
        figure = {"indicator": "p", "owner": "plan", "name": {"zh": "专利", "en": "Patents"}, "year": 2024, "value": "159.8", "unit": unit,
                  "qualifier": "", "period": "end_of_year", "estimated": False, "source": "002", "quote": "159.8件", "display": {"zh": zh, "en": en}}  # fmt: skip
        return {"figures": {"p-2024": figure}, "targets": {}, "charts": {}, "texts": {}, "languages": ["zh", "en"]}

    changes = compare(snapshot("pieces", "159.8"), snapshot("patents", "159.8 patents"))
    assert ([c.id for c in changes.relabelled], changes.revised) == (["p-2024"], [])
    # another unit that writes the figure differently in the sources' language is a revision
    changes = compare(snapshot("pieces", "159.8"), snapshot("wan-pieces", "1,598,000", zh="159.8万件"))
    assert ([c.id for c in changes.revised], changes.relabelled) == (["p-2024"], [])
