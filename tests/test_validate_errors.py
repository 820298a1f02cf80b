"""Bad input gives the exact message, position and exit code, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import all_of, edit_file

from generator.cli import main


def _write(file: str, data: bytes) -> Callable[[Path], None]:
    def mutate(project: Path) -> None:
        (project / "content" / file).write_bytes(data)

    return mutate


_edit = edit_file
_both = all_of


A = "pillars/alpha.yml"

CASES: list[tuple[str, Callable[[Path], None], str]] = [
    (
        "task number cited from a source whose tasks are not numbered",
        _edit(A, '  - {source: "001", zh: 就是做示例, en: Doing examples, status: done}', '  - {source: "001", task: 1, zh: 就是做示例, en: Doing examples}'),
        (
            "content/pillars/alpha.yml:7:21 measures[0].task: task numbers refer to a source whose tasks are numbered; source 001 is not marked tasks: true\n"
            "    hint: remove task, or mark the source tasks: true in sources.yml\n"
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "syntax error",
        _edit(A, "title: {zh: 抓示例, en: Example}", "title: {zh: 抓示例, en: Example"),
        (
            "content/pillars/alpha.yml:3:8 YAML syntax error: expected ',' or '}', but got ':' (while parsing a flow mapping that starts at line 2, column 8)\n"
            "    hint: check indentation and quoting; text containing ': ' or starting with '{', '[', '*' or '&' needs quotes\n"
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "wrong type",
        _edit(A, "        year: 2024\n", '        year: "2024"\n'),
        (
            "content/pillars/alpha.yml:16:9 indicators[0].observations[0].year: expected a whole number, found text '2024'\n"
            "    hint: write digits only, without quotes, e.g. 2024\n"
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "unknown key",
        _edit(A, "    unit: yi-yuan\n", "    unit: yi-yuan\n    colour: red\n"),
        (
            "content/pillars/alpha.yml:14:5 indicators[0].colour: unknown key 'colour'\n"
            "    hint: allowed keys here: id, name, unit, observations\n"
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "duplicate key",
        _edit(A, "    unit: yi-yuan\n", "    unit: yi-yuan\n    unit: percent\n"),
        (
            "content/pillars/alpha.yml:14:5 indicators[0].unit: duplicate key 'unit' (first defined on line 13)\n"
            "    hint: keep one of the two; YAML would silently use the last\n"
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "missing source",
        _edit(A, '        source: "001"\n        quote: 2024年', '        source: "009"\n        quote: 2024年'),
        (
            "content/pillars/alpha.yml:18:9 indicators[0].observations[0].source: unknown source '009'\n"
            "    hint: did you mean '001'? Sources are defined in content/sources.yml; known: 001\n"
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "quote not in source",
        _edit(A, "quote: 2024年,示例城市技术合同成交额9153.3亿元,同比增长7.2%", "quote: 2024年,示例城市技术合同成交额9153.3亿元,同比增长7.9%"),
        (
            "content/pillars/alpha.yml:17:18 indicators[0].observations[0].growth.value: growth '7.2' does not occur in the quote as a whole number\n"
            "    hint: write it exactly as in the quoted sentence; a figure inside a longer number, a year or a fraction (1/7) does not count\n"
            "content/pillars/alpha.yml:19:9 indicators[0].observations[0].quote: quote not found in source 001 (sources/001.txt)\n"
            "    hint: copy the text exactly from the archived source; only whitespace may differ\n"
            "2 problems found; nothing was written.\n"
        ),
    ),
    (
        "value not in quote",
        _edit(A, 'value: "9153.3"', 'value: "9153"'),
        (
            "content/pillars/alpha.yml:15:9 indicators[0].observations[0].value: figure '9153' does not occur in the quote as a whole number\n"
            "    hint: write it exactly as in the quoted sentence; a figure inside a longer number, a year or a fraction (1/7) does not count\n"
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "unknown pillar",
        _edit("plan.yml", "pillars: [alpha]", "pillars: [alpha, beta]"),
        (
            "content/plan.yml:12:18 pillars[1]: pillar 'beta' has no file content/pillars/beta.yml\n"
            "    hint: create the file or remove the id from the list\n"
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "duplicate id",
        _edit(A, "  - id: labs\n", "  - id: contracts\n"),
        (
            "content/pillars/alpha.yml:20:5 indicators[1].id: duplicate indicator id 'contracts'\n"
            "    hint: already defined for alpha; ids must be unique across all files\n"
            "content/pillars/alpha.yml:39:18 charts[0].indicators[0]: unknown indicator 'labs'\n"
            "    hint: Indicators are defined in plan.yml and the pillar files; known: contracts\n"
            "2 problems found; nothing was written.\n"
        ),
    ),
    (
        "empty file",
        _write("targets.yml", b"# nothing yet\n\n"),
        ("content/targets.yml:1:1 file is empty\n    hint: add the data, or delete the file if it is not needed\n1 problem found; nothing was written.\n"),
    ),
    (
        "bad encoding",
        _write("units.yml", "units:\n  - id: caf\u00e9\n".encode("latin-1")),
        ("content/units.yml:2:12 file is not valid UTF-8 (byte 0xe9)\n    hint: save the file as UTF-8\n1 problem found; nothing was written.\n"),
    ),
    (
        "unquoted figure",
        _edit(A, 'value: "9153.3"', "value: 9153.30"),
        (
            "content/pillars/alpha.yml:15:9 indicators[0].observations[0].value: expected text, found number 9153.3\n"
            '    hint: quote the figure exactly as the source writes it, e.g. value: "9153.3"\n'
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "yes is not a boolean",
        _edit(A, "        year: 2024\n", "        year: 2024\n        estimated: yes\n"),
        (
            "content/pillars/alpha.yml:17:9 indicators[0].observations[0].estimated: expected true or false, found text 'yes'\n"
            "    hint: write true or false (yes/no/on/off are not accepted)\n"
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "bare date",
        _edit(A, "        year: 2024\n", "        year: 2024-01-01\n"),
        (
            "content/pillars/alpha.yml:16:9 indicators[0].observations[0].year: expected a whole number, found text '2024-01-01'\n"
            "    hint: write digits only, without quotes, e.g. 2024\n"
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "alias",
        _edit("plan.yml", "title: {zh: 示例规划, en: Example plan}\nsubtitle: {zh: 示例, en: Example}", "title: &t {zh: 示例规划, en: Example plan}\nsubtitle: *t"),
        (
            "content/plan.yml:2:1 subtitle: YAML anchors and aliases (&name / *name) are not allowed in content files\n"
            "    hint: write the value out in full\n"
            "1 problem found; nothing was written.\n"
        ),
    ),
    (
        "problems in two files at once",
        _both(
            _edit("targets.yml", "comparator: over", "comparator: above"),
            _edit(A, 'value: "120"', 'value: "12O"'),
        ),
        (
            "content/pillars/alpha.yml:24:9 indicators[1].observations[0].value: figure '12O' is not a number\n"
            '    hint: write the digits as the source does (e.g. "9153.3"), or a single Chinese numeral such as 两\n'
            "content/targets.yml:4:5 targets[0].comparator: expected one of 'about' or 'over', found text 'above'\n"
            "    hint: did you mean 'over'?\n"
            "2 problems found; nothing was written.\n"
        ),
    ),
]


@pytest.mark.parametrize(("name", "mutate", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_message(minimal: Path, capsys: pytest.CaptureFixture[str], name: str, mutate: Callable[[Path], None], expected: str) -> None:
    mutate(minimal)
    code = main(["--root", str(minimal), "validate"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert err == expected
