"""The benchmark (tests/bench) end to end at a small scale: a file of its own, the suite's longest test, so that the
two test processes start it first and share out the rest."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.slow
def test_bench_measures_every_stage_and_marks_each_goal(tmp_path: Path) -> None:
    """The benchmark runs end to end at a small scale (it prints figures; nothing here is timed)."""
    import json

    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "tests/bench", "--scales", "2", "--history", "3", "1", "--no-lighthouse", "--runs", "1", "--edits", "1", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["real"]["cold"]["stages"]) >= {"load", "charts", "pages", "mkdocs zh", "mkdocs en", "pdf"}
    assert set(data["real"]["cold"]["pdf_bytes"]) == {"", "en"}
    assert data["scale"]["2"]["pages"] > data["scale"]["1"]["pages"]
    # the workers' peak, not the command's alone (about 50 MiB): a worker holds WeasyPrint, Altair and MkDocs
    assert data["scale"]["2"]["tree_peak_mib"] >= data["scale"]["2"]["peak_mib"] > 150, data["scale"]["2"]
    from generator.charts.registry import LAYOUTS

    assert data["real"]["floor"]["charts"] == data["real"]["cold"]["charts"] * len(LAYOUTS) > 0  # every layout's spec drawn
    assert data["real"]["floor"]["bare_mkdocs_s"] > 0
    steps = re.findall(r"^\[ *[\d.]+ s\] (.+)$", result.stderr, re.M)  # a line as each step finishes
    assert steps[0] == f"cold build 1 of 1: {steps[0].split(': ')[1]}" and not steps[1].startswith("cold build"), steps
    assert any(s.startswith("2× synthetic plan") for s in steps) and steps[-1].startswith("1× with 3 editions")
    assert data["machine"]["load_at_start"] and data["sections"] == ["cold", "preview", "scale", "history"]
    assert len(data["preview"]["edit_to_preview_s"]) == 1 and data["preview"]["median_s"] > 0
    assert all(drawn >= shown for drawn, shown in zip(data["preview"]["edit_to_charts_drawn_s"], data["preview"]["edit_to_preview_s"], strict=True))
    assert data["preview_scaled"]["scale"] == 2 and data["preview_scaled"]["files_edited"] > data["preview"]["files_edited"] == 2
    assert "preview at 1×: first page" in result.stdout and "preview at 2×: first page" in result.stdout
    assert data["history"]["editions"] == 3 and data["history"]["with"]["pages"] == data["history"]["without"]["pages"]
    assert "history: 3 editions at 1×" in result.stdout
    goals = result.stdout[result.stdout.index("\ngoals\n") :].split("\n\n")[0].splitlines()[2:]
    assert len(goals) == 8, goals  # warm work, per-chart cost, cold vs floors, one figure changed, edit to preview, 2× time, two pillar pages' weight
    assert data["real"]["floor"]["bare_weasyprint_s"] > 0
    assert all(line.startswith(("  met ", "  NOT MET ")) for line in goals), goals
