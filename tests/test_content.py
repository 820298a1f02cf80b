"""The real content: it validates, and what it holds matches the plan's shape."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT

from generator.load.jsonschema import schema_documents
from generator.model import Plan

PILLARS = ["platforms", "enterprises", "transfer", "parks", "reform"]


def test_validate_command_summarises_real_content() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "validate"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    # The form of the line, not the counts: a maintainer's data edit must not break this test.
    pattern = r"content OK: \d+ pillars, \d+ indicators, \d+ observations, \d+ standings, \d+ targets, \d+ goals stated in words, \d+ sources, \d+ charts\n"
    assert re.fullmatch(pattern, result.stdout), result.stdout


def test_five_pillars_in_order_with_their_chinese_titles(plan: Plan) -> None:
    assert [p.id for p in plan.pillars] == PILLARS
    assert [p.title.zh for p in plan.pillars] == ["抓平台", "抓主体", "抓转化", "抓园区", "抓改革"]
    for pillar in plan.pillars:
        assert pillar.definition.zh.startswith(pillar.title.zh + ",就是")


def test_six_targets_of_the_2023_work_plan(plan: Plan) -> None:
    summary = [(t.id, t.comparator, t.value, t.unit.id) for t in plan.targets]
    assert summary == [
        ("rd-intensity", "about", "6", "percent"),
        ("basic-research-share", "about", "17", "percent"),
        ("rd-staff", "about", "260", "people"),
        ("high-tech-value-added", "over", "1.2", "wanyi-yuan"),
        ("digital-economy-growth", "about", "7.5", "percent"),
        ("tech-contract-turnover", "over", "8000", "yi-yuan"),
    ]
    # Which targets have figures changes as statistics are published; a target without one says why.
    assert all(t.no_data is not None for t in plan.targets if t.indicator is None)


def test_time_series_named_in_the_issue(plan: Plan) -> None:
    by_id = {i.id: i for i in plan.all_indicators}

    def series(ind_id: str) -> set[tuple[int, str, str | None, str]]:
        return {(o.year, o.value, o.qualifier, o.source.id) for o in by_id[ind_id].observations}

    # These points must stay; a newer observation may be added to any series.
    assert series("trillion-clusters") >= {(2023, "两", None, "000"), (2025, "3", None, "002")}
    assert series("hundred-billion-clusters") >= {(2023, "五", None, "000"), (2025, "7", None, "002")}
    assert series("beijing-to-tianjin-hebei-contracts") >= {(2015, "111.5", None, "002"), (2024, "834.7", None, "002")}
    assert series("zgc-branches-tianjin-hebei") >= {(2013, "3500", "多", "002"), (2024, "1", "多", "002")}


def test_headline_figures(plan: Plan) -> None:
    assert plan.headline  # the home page leads with key figures; which, and in what order, is an editorial choice
    for ind in plan.headline:
        assert ind.latest.source.id in {s.id for s in plan.sources}


def test_the_archived_sources_are_the_seed_documents_unchanged(plan: Plan) -> None:
    """The five source documents are archived byte for byte (their SHA-256, taken from the seeds, is kept in the tests)."""
    digests = json.loads((FIXTURES / "source-digests.json").read_text(encoding="utf-8"))
    archived = {src.id: hashlib.sha256((ROOT / "content" / src.file).read_bytes()).hexdigest() for src in plan.sources}
    assert {sid: archived.get(sid) for sid in digests} == digests
    seeds = ROOT.parent / "shared" / "seeds"  # where they came from, when this checkout sits beside it
    for seed in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        assert hashlib.sha256(seed.read_bytes()).hexdigest() == digests[seed.name[:3]], seed.name


def test_published_json_schema_is_current() -> None:
    for name, text in schema_documents().items():
        path = ROOT / "generator" / "schema" / name
        assert path.read_text(encoding="utf-8") == text, f"run: python -m generator schema ({name} is stale)"


def test_content_files_point_editors_at_the_schema() -> None:
    for path in [*(ROOT / "content").glob("*.yml"), *(ROOT / "content" / "pillars").glob("*.yml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "pillar" if path.parent.name == "pillars" else path.stem
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(f"{kind}.schema.json"), path


def test_validation_failure_writes_nothing(minimal: Path) -> None:
    (minimal / "content" / "targets.yml").write_text("targets: []\n", encoding="utf-8")
    before = sorted(p.relative_to(minimal) for p in minimal.rglob("*"))
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(minimal), "build"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("content/targets.yml:1:1 targets: must not be empty\n")
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(minimal) for p in minimal.rglob("*")) == before
