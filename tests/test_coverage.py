"""Source coverage: the rule that finds the figures of a source text, and the check that each is captured by the
content or listed as not tracked (docs/coverage.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.model.coverage import account
from generator.model.statements import find_figures

RULE = [
    # figures, as written, with their scale, qualifier and the word they count
    ("2024年,北京技术合同成交额9153.3亿元,同比增长7.2%", ["9153.3亿元", "7.2%"]),
    ("约占全国的1/7", ["1/7"]),
    ("已零付费使用高校院所科技成果440余项", ["440余项"]),
    ("由2013年的3500多家增长到2024年的1万多家", ["3500多家", "1万多家"]),
    ("集聚人工智能企业超过2400家", ["2400家"]),  # four digits, but counting firms: not a year
    ("较2010年提升24.7个百分点", ["24.7个百分点"]),
    ("已形成京东、抖音两个收入万亿级民营企业集团", ["两个"]),
    ("集中部署九大专项攻坚行动", ["九大"]),
    ("规模达到千亿元", ["千亿元"]),
    # ranks
    ("连续两年位居全球创新城市第一", ["两年", "第一"]),
    ("均居全国各城市首位", ["首位"]),
    ("居全球创新城市前列", ["前列"]),
    ("处于全球数字经济标杆城市第一梯队", ["第一梯队"]),
    ("在《国际科技创新中心指数2021》中位列第四", ["第四"]),
    ("全市研发经费支出占地区生产总值比重在国际创新城市中名列前位", ["前位"]),
    # not figures: years, dates, document numbers, list numbers, ordinal names, plan and congress names, Latin names
    ("2024年4月,三部门联合印发", ["三部门"]),
    ("3月30日下午，市政府召开常务会议", []),
    ("今年5月，方案印发", []),
    ("国科发规〔2023〕41号", []),
    ("- 17. 统筹推进", []),
    ("《中关村世界领先科技园区建设方案(2024—2027年)》", []),
    ("2025中关村论坛年会", []),
    ("世界第四次科技革命", []),
    ("第三代RISC-V高性能处理器核", []),
    ("第一批重点实验室", []),
    ("“十四五”时期", []),
    ("党的二十大和十九届六中全会", []),
    ("推动量子计算、6G等领域", []),
    ("每万人口高价值发明专利拥有量", []),
    ("向第二个百年奋斗目标进军", []),
    ("一批世界一流科技企业", []),
]


@pytest.mark.parametrize(("text", "figures"), RULE, ids=[text for text, _ in RULE])
def test_the_rule_finds_figures_and_ranks_and_nothing_else(text: str, figures: list[str]) -> None:
    assert [m.figure for m in find_figures(text)] == figures


def test_a_figure_knows_its_line_and_sentence() -> None:
    text = "标题\n第一句没有数据。北京有145家实验室；另一句。\n"
    (found,) = find_figures(text)
    assert (found.figure, found.line, found.kind, found.sentence) == ("145家", 2, "number", "北京有145家实验室；")
    assert text[found.start : found.end] == "145家"


# -- the check, on the small fixture project ---------------------------------------------------------------------------

NEW_SENTENCE = "2024年示例城市新设示例企业300家。\n"
NOT_TRACKED = """not_tracked:
  - source: "001"
    quote: 新设示例企业300家
    reason: {zh: 示例原因。, en: An example reason.}
"""


def _run(project: Path, capsys: pytest.CaptureFixture[str], *command: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--root", str(project), *command])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def covered(minimal: Path) -> Path:
    """The fixture project with content/coverage.yml (nothing listed: each of its figures is quoted)."""
    (minimal / "content/coverage.yml").write_text("not_tracked: []\n", encoding="utf-8")
    return minimal


def test_the_fixture_source_is_covered(covered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(covered, capsys, "validate")
    assert code == 0 and out.startswith("content OK")


def test_a_new_sentence_with_a_figure_is_reported_at_its_line(covered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (covered / "content/sources/001.txt").open("a", encoding="utf-8") as source:
        source.write(NEW_SENTENCE)
    assert _run(covered, capsys, "validate") == (
        1,
        "",
        "content/sources/001.txt:7:16 figure '300家' is not accounted for: 2024年示例城市新设示例企业300家。\n"
        "    hint: quote its sentence where the site shows the figure (an observation, standing, target or passage), "
        "or list the sentence in content/coverage.yml under not_tracked: with the reason\n"
        "1 problem found; nothing was written.\n",
    )
    code, out, _ = _run(covered, capsys, "coverage", "--json")
    rows = json.loads(out)
    assert code == 1
    assert [(r["figure"], r["status"]) for r in rows if r["status"] != "captured"] == [("300家", "unaccounted")]
    assert {"source", "figure", "sentence", "status", "line", "captured_by", "reason"} <= set(rows[0])


def test_marking_it_not_tracked_with_a_reason_silences_it(covered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (covered / "content/sources/001.txt").open("a", encoding="utf-8") as source:
        source.write(NEW_SENTENCE)
    (covered / "content/coverage.yml").write_text(NOT_TRACKED, encoding="utf-8")
    code, out, _ = _run(covered, capsys, "validate")
    assert code == 0 and out.startswith("content OK")
    code, out, _ = _run(covered, capsys, "coverage")
    assert code == 0
    assert "  line 7  300家  — not tracked: An example reason.\n      2024年示例城市新设示例企业300家。" in out
    assert out.endswith("8 figures in 1 source: 7 captured, 1 not tracked, 0 unaccounted\n")


def test_without_coverage_yml_the_rule_is_not_applied(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (minimal / "content/sources/001.txt").open("a", encoding="utf-8") as source:
        source.write(NEW_SENTENCE)
    code, out, _ = _run(minimal, capsys, "validate")
    assert code == 0 and out.startswith("content OK")


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            "新设示例企业999家",
            "content/coverage.yml:3:5 not_tracked[0].quote: not found in source 001 (sources/001.txt)\n    hint: copy the sentence exactly from the archived text\n",
        ),
        (
            "抓示例,就是做示例",
            "content/coverage.yml:3:5 not_tracked[0].quote: holds no figure (by the rule of docs/coverage.md): it marks nothing\n    hint: remove the entry\n",
        ),
        (
            "目前示例实验室145家",
            "content/coverage.yml:3:5 not_tracked[0].quote: every figure in this sentence is captured by the content: the entry is stale\n    hint: remove the entry\n",
        ),
    ],
    ids=["not in the source", "no figure", "stale"],
)
def test_a_wrong_entry_of_coverage_yml_is_reported_at_its_place(covered: Path, capsys: pytest.CaptureFixture[str], quote: str, expected: str) -> None:
    (covered / "content/coverage.yml").write_text(NOT_TRACKED.replace("新设示例企业300家", quote), encoding="utf-8")
    assert _run(covered, capsys, "validate") == (1, "", expected + "1 problem found; nothing was written.\n")


# -- the real content: invariants, not counts ------------------------------------------------------------------------


def test_every_figure_of_the_real_sources_is_accounted_for(plan) -> None:  # type: ignore[no-untyped-def]
    accounts = account(plan)
    assert plan.coverage_required
    assert accounts and not [(a.source.id, a.mention.line, a.mention.figure) for a in accounts if a.status == "unaccounted"]
    for acc in accounts:
        if acc.status == "not_tracked":
            assert acc.reason is not None and acc.reason.zh and acc.reason.en
        else:
            assert acc.by, acc.mention
