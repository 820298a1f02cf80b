"""Command line: help with examples, serve's regeneration keeps the last good pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, edit

from generator.cli import main
from generator.serve import regenerate


@pytest.mark.parametrize("command", ["validate", "build", "serve", "schema"])
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert f"example: python -m generator {command}" in out


def test_top_level_help_lists_commands() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], cwd=ROOT, capture_output=True, text=True, check=True)
    for command in ("validate", "build", "serve", "schema"):
        assert command in result.stdout
    assert "examples:" in result.stdout


def test_serve_regeneration_keeps_last_good_pages_on_error(minimal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    assert regenerate(minimal, docs, "zh") is True
    page = docs / "pillars" / "alpha.md"
    before = page.read_text(encoding="utf-8")
    edit(minimal, "pillars/alpha.yml", "    unit: yi-yuan\n", "    unit: yi-yuan\n    colour: red\n")
    assert regenerate(minimal, docs, "zh") is False
    err = capsys.readouterr().err
    assert "content/pillars/alpha.yml:14:5 indicators[0].colour: unknown key 'colour'" in err
    assert page.read_text(encoding="utf-8") == before
    edit(minimal, "pillars/alpha.yml", "    colour: red\n", "")
    edit(minimal, "pillars/alpha.yml", "title: {zh: 抓示例, en: Example}", "title: {zh: 抓新示例, en: Example}")
    assert regenerate(minimal, docs, "zh") is True
    assert "# 抓新示例" in page.read_text(encoding="utf-8")
