"""YAML 1.1 surprises never change what content means."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError
from generator.load.project import load_plan
from generator.load.yamlio import read_yaml


def _read(tmp_path: Path, text: str | bytes):
    path = tmp_path / "f.yml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return read_yaml(path, "f.yml").data


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: yes", "yes"),
        ("a: on", "on"),
        ("a: No", "No"),
        ("a: 2024-01-01", "2024-01-01"),
        ("a: 0755", "0755"),
        ("a: 002", "002"),
        ("a: 1_000", "1_000"),
        ("a: 0x1F", "0x1F"),
        ("a: 1e3", "1e3"),
        ("a: .5", ".5"),
        ("a: true", True),
        ("a: 2024", 2024),
        ("a: 9153.30", 9153.3),
        ("a: ~", None),
    ],
)
def test_scalars_mean_what_they_say(tmp_path: Path, text: str, value: object) -> None:
    assert _read(tmp_path, text) == {"a": value}


def test_octal_looking_source_id_stays_text(minimal: Path) -> None:
    plan_file = minimal / "content" / "targets.yml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace('source: "001"', "source: 001"), encoding="utf-8")
    plan = load_plan(minimal / "content", minimal)
    assert plan.targets[0].source.id == "001"


def test_billion_laughs_is_rejected_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    with pytest.raises(ContentError) as info:
        _read(tmp_path, "\n".join(lines))
    assert "anchors and aliases" in info.value.problems[0].message
    assert info.value.problems[0].path == "a1[0]"


def test_deep_nesting_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        _read(tmp_path, "a: " + "[" * 5000 + "]" * 5000)
    assert info.value.problems[0].message.startswith("nesting is too deep")


def test_huge_file_is_rejected_before_parsing(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        _read(tmp_path, "a: '" + "x" * 1_100_000 + "'")
    assert info.value.problems[0].message == "file is 1,100,005 bytes; content files are limited to 1,000,000 bytes"


def test_control_character_is_located(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        _read(tmp_path, "a: b\nc: d\x1b")
    problem = info.value.problems[0]
    assert (problem.line, problem.column, problem.message) == (2, 5, "control character U+001B is not allowed in YAML")


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    assert _read(tmp_path, "\ufeffa: b".encode()) == {"a": "b"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_arbitrary_input_only_raises_content_error(tmp_path: Path, data: str | bytes) -> None:
    try:
        _read(tmp_path, data)
    except ContentError as exc:
        assert exc.problems and all(p.file == "f.yml" and p.line >= 1 and p.column >= 1 for p in exc.problems)


YAMLISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(YAMLISH)
def test_arbitrary_structures_in_a_pillar_file_only_raise_content_error(minimal: Path, data: object) -> None:
    import yaml

    (minimal / "content" / "pillars" / "alpha.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        load_plan(minimal / "content", minimal)
    except ContentError as exc:
        assert exc.problems
