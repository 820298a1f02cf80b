"""Corrections from a sentence-by-sentence reading of the sources, held by the real content.

Each test names one correction; an ordinary edit of another figure leaves them all passing.
"""

from __future__ import annotations

import pytest
from conftest import LOCALE

from generator.model import Plan


def _indicator(plan: Plan, ind_id: str):
    return next(i for i in plan.all_indicators if i.id == ind_id)


def _english(plan: Plan) -> str:
    parts = [p.en for pillar in plan.pillars for p in (pillar.heading, pillar.definition, pillar.summary, *pillar.measures, *pillar.next_steps)]
    parts += [i.name.en for i in plan.all_indicators] + [p.en for p in plan.structure]
    parts += [o.note.en for i in plan.all_indicators for o in i.observations if o.note]
    return "\n".join(parts)


def test_jun_applies_to_all_three_figures(plan: Plan) -> None:
    """…66.3万件…159.8件…9153.3亿元…,均稳居全国各城市首位: the patent figures carry the standing too."""
    for ind_id in ("invention-patents", "high-value-patents-per-10k", "tech-contract-turnover"):
        assert [s.standing.zh for s in plan.standings_of(_indicator(plan, ind_id))] == ["均稳居全国各城市首位"]


@pytest.mark.parametrize(
    ("standing", "figures"),
    [
        ("均居全国各城市首位", {"high-tech-enterprises", "little-giants", "unicorns"}),
        ("保持全国第一", set()),
        ("处于全球数字经济标杆城市第一梯队", set()),
    ],
)
def test_rank_statements_are_held_verbatim(plan: Plan, standing: str, figures: set[str]) -> None:
    (found,) = [s for s in plan.all_standings if s.standing.zh == standing]
    assert set(found.indicators) == figures
    assert standing in found.quote


def test_a_standing_is_evidence_only_for_a_target_it_is_about(plan: Plan) -> None:
    """The digital-economy "first tier" says nothing about a growth rate: it is evidence for the benchmark-city goal only."""
    for target in plan.targets:
        for standing in target.standings:
            assert target.indicator is not None and target.indicator.id in standing.indicators, (target.id, standing.id)
    goal = next(g for g in plan.qualitative if g.id == "digital-economy-benchmark-city")
    assert "digital-economy-first-tier" in [s.id for s in goal.standings]


def test_targets_to_keep_a_level_are_rated_on_whether_it_is_held(plan: Plan) -> None:
    for target in plan.targets:
        assert target.maintain == ("保持" in target.quote), target.id
        if target.maintain:
            assert target.progress.level in ("held", "not_held", "not_enough_data"), target.id


def test_qualitative_goals_of_the_work_plan_with_evidence(plan: Plan) -> None:
    goals = {g.title.zh: g for g in plan.qualitative}
    assert set(goals) == {
        '"独角兽"企业数量位居世界城市前列',
        "全球数字经济标杆城市基本建成",
        "中关村国家自主创新示范区企业总收入全国领先",
        "世界一流大学和世界一流学科跻身全球前列",
        "制度型开放走在全国前列",
    }
    assert all(g.source.id == "003" for g in goals.values())
    assert [i.id for i in goals['"独角兽"企业数量位居世界城市前列'].indicators] == ["unicorns"]
    assert [s.standing.zh for s in goals["中关村国家自主创新示范区企业总收入全国领先"].standings] == ["蝉联国家高新区综合评价第一"]


def test_basic_research_is_not_called_behind_on_one_2019_figure(plan: Plan) -> None:
    target = next(t for t in plan.targets if t.id == "basic-research-share")
    if all(o.year < target.source.year for o in target.progress.observations):  # until a newer figure is published
        assert target.progress.level in {"not_enough_data", "achieved"}


def test_undated_streak_is_marked_as_of_writing(plan: Plan) -> None:
    (obs,) = [o for o in _indicator(plan, "research-output-first").observations if "连续三年蝉联" in o.quote]
    assert (obs.period, obs.year) == ("as_of_writing", 2021)


def test_task_17_sits_under_reform(plan: Plan) -> None:
    owners = {p.task: pillar.id for pillar in plan.pillars for p in pillar.measures if p.task}
    assert owners[17] == "reform"


def test_the_education_paragraph_of_source_000_stays_in_one_pillar(plan: Plan) -> None:
    ids = [
        "universities",
        "research-institutes",
        "double-first-class-universities",
        "double-first-class-disciplines",
        "graduate-students",
        "doctoral-students",
        "masters-students",
    ]
    assert {_indicator(plan, i).owner for i in ids} == {"platforms"}


def test_figures_are_shown_as_written(plan: Plan) -> None:
    (obs,) = [o for o in _indicator(plan, "basic-research-campaigns").observations if o.value == "九"]
    assert LOCALE["zh"].observation(obs) == "九大"


def test_english_amounts_use_their_natural_scale(plan: Plan) -> None:
    (trillion,) = [o for o in _indicator(plan, "health-industry-size").observations if o.value == "万"]
    (billions,) = [o for o in _indicator(plan, "tech-contract-turnover").observations if o.value == "9153.3"]
    assert LOCALE["en"].observation(trillion) == "over CNY 1 trillion"
    assert LOCALE["en"].observation(billions) == "CNY 915.33 billion"


@pytest.mark.parametrize(
    "phrase",
    [
        "10 policy measures supporting unicorn companies",
        "Specialised, sophisticated, distinctive and innovative",
        "small, medium-sized and micro enterprises",
        "pharmaceutical and health",
        "build a group of leading and high-growth flagship firms",
        "strong support, high-intensity investment and all-round services and guarantees",
        "has actively planned and advanced the reorganisation",
        "Speed up organising and implementing major science and technology projects and plan them ahead of time",
        "national universities' regional technology transfer centers",
    ],
)
def test_english_restores_what_was_lost(plan: Plan, phrase: str) -> None:
    assert phrase in _english(plan)


@pytest.mark.parametrize("wrong", ["health care", "health-care", "10 policies", "Specialised and sophisticated “little"])
def test_english_mistranslations_are_gone(plan: Plan, wrong: str) -> None:
    assert wrong not in _english(plan)


def test_chart_does_not_mix_a_flow_with_stocks(plan: Plan) -> None:
    chart = next(c for c in plan.all_charts if c.id == "enterprise-tiers")
    assert "new-tech-enterprises" not in {i.id for i in chart.indicators}


def test_plan_structure_of_source_001_is_quoted(plan: Plan) -> None:
    text = "".join(p.zh for p in plan.structure)
    for phrase in ("六大工程", "四个着力", "四个前沿技术", "四个重点领域", "四个领域“先进智造”", "“十百千”工程", "“10+3”政策"):
        assert phrase in text
    assert all(p.source.id == "001" for p in plan.structure)
