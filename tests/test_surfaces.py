"""The surfaces added after the first hardening pass — editions, locales, reuse outputs and commands — tried as a
hostile pull request and a tired maintainer would: nothing published that the project did not make, no code run from
content, every output escaped for its own syntax, no command that leaves a project its own `validate` refuses."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import bibtexparser
import lxml.etree
import pytest
from conftest import ROOT, edit, revise
from helpers import tree_digest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from generator.changes import markdown
from generator.cli import main
from generator.load import schema
from generator.load.editions import Changes, FigureChange, folder_digest
from generator.render import escape
from generator.render.cite import bibtex
from generator.render.datafiles import csv_bytes

LINE = TypeAdapter(schema.Line)


def accepted(text: str) -> bool:
    """Whether ``validate`` accepts ``text`` as a text of the content."""
    try:
        LINE.validate_python(text)
    except ValidationError:
        return False
    return True


def problems(project: Path, capsys: pytest.CaptureFixture[str], *command: str) -> str:
    """What a command that fails prints (its exit code checked)."""
    capsys.readouterr()
    assert main(["--root", str(project), *command]) == 1
    return capsys.readouterr().err


def redigest(project: Path, date: str) -> None:
    """Record an edited frozen folder's digest, as a hostile pull request would."""
    record = project / "content/editions.yml"
    text = record.read_text(encoding="utf-8")
    start = text.index("digest:", text.index(f"date: {date}"))
    end = text.index("\n", start)
    record.write_text(text[:start] + f'digest: "{folder_digest(project / "content/editions" / date)}"' + text[end:], encoding="utf-8")


def edit_snapshot(project: Path, date: str, change) -> None:  # change: Callable[[dict], None]
    path = project / "content/editions" / date / "snapshot.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    redigest(project, date)


# -- nothing published that the project did not make ---------------------------------------------------------------


def test_a_link_in_a_frozen_edition_is_refused(history_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (history_copy / "content/editions/2025-06-30/hostname.csv").symlink_to("/etc/hostname")
    redigest(history_copy, "2025-06-30")
    assert problems(history_copy, capsys, "validate") == (
        "content/editions.yml:12:5 editions[1].date: content/editions/2025-06-30/ holds a symbolic link, hostname.csv\n"
        "    hint: replace it with the file itself (a link may lead anywhere: nothing is published through one)\n"
        "1 problem found; nothing was written.\n"
    )


def test_a_page_with_a_script_in_a_frozen_edition_is_refused(history_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (history_copy / "content/editions/2025-06-30/x.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    redigest(history_copy, "2025-06-30")
    assert problems(history_copy, capsys, "validate") == (
        "content/editions.yml:12:5 editions[1].date: content/editions/2025-06-30/ holds x.html, which is not a file an edition writes "
        "(its name must end with .csv, datapackage.json, plan.json, snapshot.json)\n"
        "    hint: remove it: an edition's folder holds only what `python -m generator edition` wrote\n"
        "1 problem found; nothing was written.\n"
    )


def test_a_link_in_a_locales_prose_is_refused(history_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "generator/locales/en", history_copy / "locales/en")
    (history_copy / "locales/en/data.md.jinja").unlink()
    (history_copy / "locales/en/data.md.jinja").symlink_to("/etc/hostname")
    assert problems(history_copy, capsys, "validate") == (
        "locales/en/data.md.jinja:1:1 file is a symbolic link to a file outside the project (/etc/hostname)\n"
        "    hint: copy the file into the project instead of linking to it\n"
        "1 problem found; nothing was written.\n"
    )


# -- no code run from content ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        ('{{ "".__class__.__mro__ }}', "access to attribute '__class__' of 'str' object is unsafe."),
        ("{{ counts.__class__ }}", "access to attribute '__class__' of 'dict' object is unsafe."),
        ('{% include "/etc/passwd" %}', "a locale's prose cannot include or import another file"),
        ("{{ plan.pillars }}", "'plan' is undefined"),
    ],
)
def test_a_locales_prose_reaches_no_python(history_copy: Path, capsys: pytest.CaptureFixture[str], added: str, expected: str) -> None:
    shutil.copytree(ROOT / "generator/locales/en", history_copy / "locales/en")
    path = history_copy / "locales/en/method.md.jinja"
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1  # the line added
    with path.open("a", encoding="utf-8") as prose:
        prose.write(added + "\n")
    assert problems(history_copy, capsys, "validate") == (
        f"locales/en/method.md.jinja:{line}:1 the prose cannot be rendered: {expected}\n"
        "    hint: use only counts, pillars, pillar_sources, tasks, names, progress_rules, data_url and license_link, as the reference locale's prose does\n"
        "1 problem found; nothing was written.\n"
    )


@pytest.mark.parametrize("placeholder", ["{count:>99999999}", "{page.__class__}", "{count[0]}", "{count!r}"])
def test_a_label_placeholder_is_a_name_alone(history_copy: Path, capsys: pytest.CaptureFixture[str], placeholder: str) -> None:
    shutil.copytree(ROOT / "generator/locales/en", history_copy / "locales/en")
    path = history_copy / "locales/en/locale.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  wording_summary: '{page}: {count} passages", f"  wording_summary: '{{page}}: {placeholder} passages"), encoding="utf-8")
    line = text[: text.index("  wording_summary:")].count("\n") + 1
    expected = f"label 'wording_summary' uses the placeholder {placeholder}; a placeholder is a name alone, e.g. {{count}}\n"
    assert problems(history_copy, capsys, "validate").startswith(f"locales/en/locale.yml:{line}:3 labels.wording_summary: {expected}")


# -- links and markup from data ----------------------------------------------------------------------------------------


def test_a_licence_address_is_a_web_address(history_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = history_copy / "site_config.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("path: https://creativecommons.org/licenses/by/4.0/", 'path: "javascript:alert(1)"'), encoding="utf-8")
    assert problems(history_copy, capsys, "validate") == (
        "site_config.yml:15:3 data_license.path: text 'javascript:alert(1)' is not a web address: it must start with https:// (or http://) and name a host\n"
        "    hint: write the address as a browser shows it, e.g. https://creativecommons.org/licenses/by/4.0/\n"
        "1 problem found; nothing was written.\n"
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["figures"]["contracts-2024"].update(owner="../../javascript:alert(1)"), "figures.contracts-2024.owner: String should match pattern"),
        (lambda d: d.pop("targets"), "targets: Field required"),
        (lambda d: d["figures"]["contracts-2024"]["name"].update(en="a\x07b"), "figures.contracts-2024.name.en: Value error"),
        (lambda d: d.update(figures={f"f-{n}": {} for n in range(100_001)}), "figures: Dictionary should have at most 100000 items"),
    ],
)
def test_a_frozen_snapshot_is_checked_like_any_content(history_copy: Path, capsys: pytest.CaptureFixture[str], change, expected: str) -> None:
    edit_snapshot(history_copy, "2025-01-15", change)
    err = problems(history_copy, capsys, "validate")
    assert err.startswith("content/editions.yml:7:5 editions[0].date: content/editions/2025-01-15/snapshot.json is not a snapshot the edition command wrote: "), err
    assert expected in err.splitlines()[0] or expected.split(":")[0] in err.splitlines()[0], err


def test_a_snapshot_nested_too_deeply_is_a_message(history_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = history_copy / "content/editions/2025-01-15/snapshot.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    redigest(history_copy, "2025-01-15")
    assert problems(history_copy, capsys, "validate").startswith(
        "content/editions.yml:7:5 editions[0].date: content/editions/2025-01-15/snapshot.json cannot be read: it is nested too deeply\n"
    )


# -- each output escaped for its own syntax ----------------------------------------------------------------------------

TEXT = st.text(min_size=1, max_size=60).filter(accepted)
FORMULAS = ["-5", "+3", "=1+1", "@SUM(A1)", "-", "\tx", '=HYPERLINK("https://example.org","x")']


def unbibtex(value: str) -> str:
    """A BibTeX field's text back, undoing :func:`generator.render.escape.bibtex`."""
    reverse = {v: k for k, v in escape._BIBTEX.items()}
    return re.sub("|".join(re.escape(k) for k in sorted(reverse, key=len, reverse=True)), lambda m: reverse[m.group()], value)


@settings(max_examples=150, deadline=None)
@given(title=TEXT, author=TEXT)
def test_any_text_in_bibtex_parses_back_to_the_same_fields(title: str, author: str) -> None:
    item = {"id": "bj-istic-figure-x", "title": title, "author": [{"literal": author}], "language": "en", "URL": "https://example.org/a"}
    written = bibtex([item])
    library = bibtexparser.parse_string(written)
    assert not library.failed_blocks and len(library.entries) == 1
    (entry,) = library.entries
    assert entry.key == "bj-istic-figure-x"
    assert sorted(entry.fields_dict) == ["author", "langid", "title", "url"]
    assert unbibtex(entry["title"][1:-1]) == title and unbibtex(entry["author"][1:-1]) == author
    assert "\\input" not in written.replace("\\textbackslash{}input", "")


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.lists(st.one_of(TEXT, st.integers(-(10**6), 10**6), st.sampled_from(["-5", "+3", "=1+1", "@SUM(A1)", "-", "\tx"])), min_size=2, max_size=2), max_size=5
    )
)
def test_csv_for_spreadsheets_holds_no_formula_and_round_trips(rows: list[list[object]]) -> None:
    written = csv_bytes(["a", "b"], [[escape.spreadsheet(cell) for cell in row] for row in rows]).decode("utf-8")
    read = list(csv.reader(io.StringIO(written)))[1:]
    assert len(read) == len(rows)
    for cells, row in zip(read, rows, strict=True):
        for cell, original in zip(cells, row, strict=True):
            assert not cell.startswith(("=", "+", "@", "\t", "\r")) or re.fullmatch(r"[+-]?[\d.]+", cell), cell
            assert (cell[1:] if cell != str(original) and cell.startswith("'") else cell) == str(original)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_a_text_validate_accepts_is_one_xml_can_hold(text: str) -> None:
    element = lxml.etree.Element("note")
    try:
        element.text = text
    except ValueError:
        assert not accepted(text)  # refused where it is read, never a crash where it is written
    else:
        assert lxml.etree.fromstring(lxml.etree.tostring(element)).text == (text or None) or not accepted(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=TEXT, quote=TEXT)
def test_any_text_in_the_pull_request_summary_stays_in_its_cell(name: str, quote: str) -> None:
    figure = {"indicator": "labs", "name": {"en": name, "zh": name}, "year": 2024, "display": {"en": name, "zh": name}, "source": "001", "quote": quote}
    summary = markdown(Changes([FigureChange("labs-2024", None, figure)], [], [], [], [], [], [], [], [], []), "`main`")
    row = [line for line in summary.split("\n") if line.startswith("| ")][-1]  # Markdown's lines end at \n alone
    assert row.count("|") == 5, row  # four cells: no | of the text splits one
    assert "<" not in row and "](" not in row  # no markup: no comment hides the rest, no link is made
    assert html.unescape(row.split(" | ")[0].removeprefix("| ")) == f"{name} (`labs`)".replace("\n", " ")


# -- commands that leave a project valid -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--date", "2999-01-01"], "--date 2999-01-01 is in the future (today is {today}, UTC)"),
        (["--date", "2026-13-01"], "--date '2026-13-01' is not a date"),
        (["--note", "en=a\x01b"], "--note en: text has the control character U+0001, which no page, feed or chart can hold"),
        (["--note", "en=\u200b"], "--note en: text has no visible character (only spaces or invisible characters such as U+200B)"),
    ],
)
def test_the_edition_command_checks_what_validate_checks(history_copy: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str) -> None:
    import datetime

    revise(history_copy, "150", "160", "目前示例实验室150家", "目前示例实验室160家")
    before = tree_digest(history_copy / "content")
    notes = ["--note", "zh=新"] + ([] if any(a.startswith("en=") for a in args) else ["--note", "en=new"])
    err = problems(history_copy, capsys, "edition", *notes, *args)
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    assert err.startswith(f"content/editions.yml:1:1 {expected.format(today=today)}\n"), err
    assert tree_digest(history_copy / "content") == before


def test_an_interrupted_edition_stops_nothing(history_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import datetime

    revise(history_copy, "150", "160", "目前示例实验室150家", "目前示例实验室160家")
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    editions = history_copy / "content/editions"
    (editions / today).mkdir()  # renamed into place, not yet recorded
    (editions / today / "observations.csv").write_text("half", encoding="utf-8")
    (editions / ".edition-x1").mkdir()  # a work folder
    (history_copy / "content/.editions.yml.new").write_text("half", encoding="utf-8")
    assert main(["--root", str(history_copy), "edition", "--note", "zh=新", "--note", "en=new"]) == 0
    assert sorted(p.name for p in editions.iterdir()) == ["2025-01-15", "2025-06-30", "2026-01-31", today]
    assert not (history_copy / "content/.editions.yml.new").exists()
    assert main(["--root", str(history_copy), "validate"]) == 0


def test_changes_says_plainly_what_is_wrong_with_its_base(history_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert problems(history_copy, capsys, "changes", "--base", "main") == (
        f"changes failed: --base main: {history_copy} is not a git repository, so it has no revisions to compare with; run it in a clone, or leave out --base\n"
    )
    assert problems(ROOT, capsys, "changes", "--base", "no-such-ref") == (
        "changes failed: --base no-such-ref: no such revision in this repository; name a branch, tag or commit (e.g. origin/main, after git fetch)\n"
    )


# -- bounds, cascades -------------------------------------------------------------------------------------------------


def test_thousands_of_editions_are_a_message(history_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = history_copy / "content/editions.yml"
    text = record.read_text(encoding="utf-8")
    first = text[text.index("  - date: 2025-01-15") : text.index("  - date: 2025-06-30")]
    record.write_text(text + first * 1000, encoding="utf-8")
    err = problems(history_copy, capsys, "validate")
    assert re.match(r"content/editions\.yml:\d+:5 editions\[1000\]\.date: more than 1000 editions are recorded \(1003\)\n", err), err


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_serve_checks_its_port(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--port", port])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith(f"error: argument --port: '{port}' is not a port: give 1 to 65535, or 0 for any free port\n")


def test_a_long_language_code_is_refused(history_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = history_copy / "site_config.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nlanguages: [zh, en, en-" + "x" * 300 + "]\n", encoding="utf-8")
    err = problems(history_copy, capsys, "validate")
    assert re.match(r"site_config\.yml:\d+:21 languages\[2\]: text 'en-x+…' is too long \(at most 35 characters\)\n", err), err


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "units.yml",
            "units:\n",
            "units:\n  - {<<: {dimension: percent}, id: pct2}\n",
            "content/units.yml:2:6 units[0]: YAML merge keys (<<) are not allowed in content files",
        ),
        ("units.yml", "  - {id: percent,", "  - {id: percent, :::[", "content/units.yml:2:"),
        ("units.yml", "magnitude: 8, zh: {scale: 亿", "magnitude: eight, zh: {scale: 亿", "content/units.yml:3:"),
    ],
)
def test_one_cause_is_one_problem(minimal: Path, capsys: pytest.CaptureFixture[str], file: str, old: str, new: str, expected: str) -> None:
    edit(minimal, file, old, new)
    err = problems(minimal, capsys, "validate")
    assert err.startswith(expected) and err.endswith("1 problem found; nothing was written.\n"), err


def test_a_missing_pillar_file_is_one_problem(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minimal / "content/pillars/alpha.yml").unlink()
    assert problems(minimal, capsys, "validate") == (
        "content/plan.yml:12:11 pillars[0]: pillar 'alpha' has no file content/pillars/alpha.yml\n"
        "    hint: create the file or remove the id from the list\n"
        "1 problem found; nothing was written.\n"
    )


def test_the_spreadsheet_copies_hold_no_formula_and_the_plain_ones_the_text_as_written(minimal: Path) -> None:
    from generator.load.project import load_project
    from generator.render.datafiles import dataset_files

    formula = '=HYPERLINK("https://example.org","x")'
    edit(minimal, "pillars/alpha.yml", "en: Example laboratories}\n    unit", f"en: '{formula}'}}\n    unit")
    project = load_project(minimal)
    files = dataset_files(project.plan, project.locales, "", project.config.data_license.model_dump())
    plain = list(csv.reader(io.StringIO(files["indicators.csv"].decode("utf-8"))))
    excel = list(csv.reader(io.StringIO(files["excel/indicators.csv"].decode("utf-8-sig"))))
    assert formula in [cell for row in plain for cell in row]
    assert "'" + formula in [cell for row in excel for cell in row] and formula not in [cell for row in excel for cell in row]


@settings(max_examples=25, deadline=None)
@given(title=st.one_of(TEXT, st.sampled_from(["if", "toString", "constructor"])))  # names Vega would look up (hypothesis found "if")
def test_any_text_in_a_chart_is_text_in_its_svg(title: str) -> None:
    import vl_convert

    shown = escape.vega_text(title)  # as the generator writes a chart's title
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "title": shown, "mark": "bar", "data": {"values": [{"a": shown, "b": 1}]},
            "encoding": {"x": {"field": "a", "type": "nominal", "axis": {"labelLimit": 0}}, "y": {"field": "b", "type": "quantitative"}}}  # fmt: skip
    # labelLimit 0: the generator never lets Vega cut a label (it wraps them, kinds._split); a cut can split a surrogate
    # pair, which vl-convert then fails to measure ("unexpected end of hex escape").
    svg = lxml.etree.fromstring(vl_convert.vegalite_to_svg(spec).encode("utf-8"))
    texts = ["".join(node.itertext()).replace("\u2060", "") for node in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert not list(svg.iter("{http://www.w3.org/2000/svg}script")) and not list(svg.iter("{http://www.w3.org/2000/svg}foreignObject"))
    squashed = " ".join(title.split())
    assert any(" ".join(text.split()) == squashed for text in texts) or not squashed, (title, texts)


def test_serve_on_port_0_takes_a_free_port() -> None:
    from generator.run.serve import _check_port

    port = _check_port(0)
    assert 1024 <= port <= 65535


@pytest.mark.slow
@pytest.mark.parametrize("figure", ["0", "99999999999999999999", "0.00000000000000001"])
def test_an_extreme_figure_builds(minimal: Path, figure: str) -> None:
    from conftest import build_fixture_site

    revise(minimal, "9153.3", figure, "2024年,示例城市技术合同成交额9153.3亿元,同比增长7.2%", f"2024年,示例城市技术合同成交额{figure}亿元,同比增长7.2%")
    site = build_fixture_site(minimal)
    assert figure in (site / "pillars/alpha/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_chart_titled_with_a_name_vega_looks_up_is_drawn(minimal: Path) -> None:
    from conftest import build_fixture_site

    old, new = "title: {zh: 示例实验室, en: Example laboratories}\n    indicators: [labs]", "title: {zh: 示例实验室, en: toString}\n    indicators: [labs]"
    edit(minimal, "pillars/alpha.yml", old, new)
    site = build_fixture_site(minimal)
    assert "toString\u2060</text>" in (site / "en/charts/labs-over-time.svg").read_text(encoding="utf-8")
