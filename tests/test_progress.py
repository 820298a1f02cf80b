"""The progress rating of a target, over constructed cases: every level, qualifier, comparator and edge."""

from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import LOCALE

from generator import model
from generator.load import schema
from generator.model.progress import rate

PERCENT = schema.Unit.model_validate(
    {"id": "percent", "dimension": "percent", "magnitude": 0, "zh": {"noun": "%"}, "en": {"suffix": "%"}, "axis": {"zh": "%", "en": "%"}}
)
YI = schema.Unit.model_validate(
    {
        "id": "yi-yuan",
        "dimension": "yuan",
        "magnitude": 8,
        "zh": {"scale": "亿", "noun": "元"},
        "en": {"shift": -1, "prefix": "CNY ", "suffix": " billion", "scale_words": True},
        "axis": {"zh": "亿元", "en": "CNY billion"},
    }
)
WAN_YI = schema.Unit.model_validate(
    {
        "id": "wanyi-yuan",
        "dimension": "yuan",
        "magnitude": 12,
        "zh": {"scale": "万亿", "noun": "元"},
        "en": {"prefix": "CNY ", "suffix": " trillion", "scale_words": True},
        "axis": {"zh": "万亿元", "en": "CNY trillion"},
    }
)
TEXT = schema.Text(zh="示例", en="Example")
POLICY = model.SourceType(id="policy", name=TEXT)
PLAN_2023 = model.Source(id="003", file="sources/003.txt", type=POLICY, title=TEXT, author=TEXT, year=2023, date_basis=TEXT, text="")
LATER = model.Source(id="002", file="sources/002.txt", type=POLICY, title=TEXT, author=TEXT, year=2025, date_basis=TEXT, text="")


def _obs(year: int, value: str, qualifier: str | None = None, unit: schema.Unit = PERCENT) -> model.Observation:
    return model.Observation(
        value=value, unit=unit, qualifier=qualifier, period="year", year=year, estimated=False, growth=None, national=None, source=LATER, quote="", note=None
    )


def _target(comparator: str, value: str, *observations: model.Observation, unit: schema.Unit = PERCENT) -> model.Target:
    indicator = model.Indicator(id="x", name=TEXT, unit=unit, observations=tuple(observations), owner="plan") if observations else None
    return model.Target(id="t", title=TEXT, comparator=comparator, value=value, unit=unit, year=2025, source=PLAN_2023, quote="", indicator=indicator, no_data=None)


CASES = [
    # name, target, level, Chinese reason, English reason
    (
        "about: exactly the target",
        _target("about", "17", _obs(2024, "17")),
        "achieved",
        "最新观测值（2024年，17%）达到目标（17%左右，即不低于16.15%），2024年即已做到，比目标年份（2025年）早一年。",
        "The latest observation (2024: 17%) meets the target (about 17%; met from 16.15%), in 2024: a year before the target year, 2025.",
    ),
    (
        "about: the lower edge of the band",
        _target("about", "17", _obs(2024, "16.15")),
        "achieved",
        "最新观测值（2024年，16.15%）达到目标（17%左右，即不低于16.15%），2024年即已做到，比目标年份（2025年）早一年。",
        "The latest observation (2024: 16.15%) meets the target (about 17%; met from 16.15%), in 2024: a year before the target year, 2025.",
    ),
    (
        "about: just below the band, one year",
        _target("about", "17", _obs(2024, "16.1")),
        "not_enough_data",
        "只有一个年份的观测值（2024年，16.1%），尚未达到目标（17%左右，即不低于16.15%），无法计算趋势。",
        "There is an observation for one year only (2024: 16.1%); it does not meet the target (about 17%; met from 16.15%), and no trend can be computed.",
    ),
    (
        "about: above the band counts as met",
        _target("about", "6", _obs(2024, "6.5")),
        "achieved",
        "最新观测值（2024年，6.5%）达到目标（6%左右，即不低于5.7%），2024年即已做到，比目标年份（2025年）早一年。",
        "The latest observation (2024: 6.5%) meets the target (about 6%; met from 5.7%), in 2024: a year before the target year, 2025.",
    ),
    (
        "about: 以上 means at least the figure",
        _target("about", "6", _obs(2022, "6", "以上"), _obs(2024, "6", "以上")),
        "achieved",
        "最新观测值（2024年，6%以上）达到目标（6%左右，即不低于5.7%），2024年即已做到，比目标年份（2025年）早一年。",
        "The latest observation (2024: above 6%) meets the target (about 6%; met from 5.7%), in 2024: a year before the target year, 2025.",
    ),
    (
        "over: equal is not over",
        _target("over", "8000", _obs(2024, "8000", unit=YI), unit=YI),
        "not_enough_data",
        "只有一个年份的观测值（2024年，8000亿元），尚未达到目标（超过8000亿元），无法计算趋势。",
        "There is an observation for one year only (2024: CNY 800 billion); it does not meet the target (over CNY 800 billion), and no trend can be computed.",
    ),
    (
        "over: 超 the target figure is over it",
        _target("over", "8000", _obs(2024, "8000", "超", unit=YI), unit=YI),
        "achieved",
        "最新观测值（2024年，超8000亿元）达到目标（超过8000亿元），2024年即已做到，比目标年份（2025年）早一年。",
        "The latest observation (2024: over CNY 800 billion) meets the target (over CNY 800 billion), in 2024: a year before the target year, 2025.",
    ),
    (
        "over: 以上 the target figure is not over it",
        _target("over", "8000", _obs(2024, "8000", "以上", unit=YI), unit=YI),
        "not_enough_data",
        "只有一个年份的观测值（2024年，8000亿元以上），尚未达到目标（超过8000亿元），无法计算趋势。",
        "There is an observation for one year only (2024: above CNY 800 billion); it does not meet the target (over CNY 800 billion), and no trend can be computed.",
    ),
    (
        "over: 近 never proves a target met",
        _target("over", "8000", _obs(2024, "9000", "近", unit=YI), unit=YI),
        "not_enough_data",
        "只有一个年份的观测值（2024年，近9000亿元），尚未达到目标（超过8000亿元），无法计算趋势。",
        "There is an observation for one year only (2024: nearly CNY 900 billion); it does not meet the target (over CNY 800 billion), and no trend can be computed.",
    ),
    (
        "over: another unit of the same dimension",
        _target("over", "1.2", _obs(2024, "13000", unit=YI), unit=WAN_YI),
        "achieved",
        "最新观测值（2024年，13000亿元）达到目标（超过1.2万亿元），2024年即已做到，比目标年份（2025年）早一年。",
        "The latest observation (2024: CNY 1.3 trillion) meets the target (over CNY 1.2 trillion), in 2024: a year before the target year, 2025.",
    ),
    (
        "no observation",
        _target("about", "260"),
        "not_enough_data",
        "来源未给出这一目标的观测值。",
        "The sources give no observation for this target.",
    ),
    (
        "observations only before the plan",
        _target("about", "17", _obs(2019, "15.9"), _obs(2021, "16")),
        "not_enough_data",
        "全部观测值都早于2023年设定这一目标的文件，最新观测值（2021年，16%）尚未达到目标（17%左右，即不低于16.15%）。",
        "All observations predate the 2023 document that set this target, and the latest (2021: 16%) does not meet it (about 17%; met from 16.15%).",
    ),
    (
        "on track: actual growth at the required pace",
        _target("over", "8000", _obs(2021, "6000", unit=YI), _obs(2023, "7000", unit=YI), unit=YI),
        "on_track",
        "2021—2023年实际年均变化+8.0%，按期（2025年）达到目标每年需要+7.5%。最新观测值：2023年，7000亿元。",
        "From 2021 to 2023 the value changed by +8.0% a year on average; reaching the target by 2025 needs +7.5% a year. Latest observation: 2023: CNY 700 billion.",
    ),
    (
        "moderate progress",
        _target("over", "8000", _obs(2021, "6000", unit=YI), _obs(2023, "6500", unit=YI), unit=YI),
        "moderate",
        "2021—2023年实际年均变化+4.1%，按期（2025年）达到目标每年需要+7.5%。最新观测值：2023年，6500亿元。",
        "From 2021 to 2023 the value changed by +4.1% a year on average; reaching the target by 2025 needs +7.5% a year. Latest observation: 2023: CNY 650 billion.",
    ),
    (
        "insufficient progress",
        _target("over", "8000", _obs(2021, "6000", unit=YI), _obs(2023, "6100", unit=YI), unit=YI),
        "insufficient",
        "2021—2023年实际年均变化+0.8%，按期（2025年）达到目标每年需要+7.5%。最新观测值：2023年，6100亿元。",
        "From 2021 to 2023 the value changed by +0.8% a year on average; reaching the target by 2025 needs +7.5% a year. Latest observation: 2023: CNY 610 billion.",
    ),
    (
        "moving away",
        _target("about", "17", _obs(2021, "16"), _obs(2023, "15.5")),
        "moving_away",
        "2021—2023年实际年均变化−1.6%，按期（2025年）达到目标每年需要+1.5%。最新观测值：2023年，15.5%。",
        "From 2021 to 2023 the value changed by −1.6% a year on average; reaching the target by 2025 needs +1.5% a year. Latest observation: 2023: 15.5%.",
    ),
]


# Every qualifier on an observation of exactly the target figure, against an "over" and an "about" target.
QUALIFIED = [
    # qualifier, meets "over 8000" when written on 8000, meets "about 8000" when written on 8000
    ("超", True, True),
    ("超过", True, True),
    ("突破", True, True),
    ("破", True, True),
    ("余", True, True),
    ("多", True, True),
    ("以上", False, True),
    ("及以上", False, True),
    ("约", False, True),
    ("左右", False, True),
    ("近", False, False),
    (None, False, True),
]


@pytest.mark.parametrize(("qualifier", "over", "about"), QUALIFIED, ids=[str(q[0]) for q in QUALIFIED])
def test_every_qualifier_keeps_its_meaning(qualifier: str | None, over: bool, about: bool) -> None:
    for comparator, expected in (("over", over), ("about", about)):
        target = _target(comparator, "8000", _obs(2024, "8000", qualifier, unit=YI), unit=YI)
        assert (target.progress.level == "achieved") is expected, (comparator, qualifier)


@pytest.mark.parametrize(("name", "target", "level", "zh", "en"), CASES, ids=[c[0] for c in CASES])
def test_rating(name: str, target: model.Target, level: str, zh: str, en: str) -> None:
    assert target.progress.level == level
    assert LOCALE["zh"].progress_reason(target) == zh
    assert LOCALE["en"].progress_reason(target) == en


def test_rates_are_compound_annual_changes() -> None:
    progress = rate(_target("over", "8000", _obs(2021, "6000", unit=YI), _obs(2023, "7000", unit=YI), unit=YI))
    assert progress.required_rate is not None and progress.actual_rate is not None
    assert abs(progress.required_rate - (Decimal(8000) / 6000) ** Decimal("0.25") + 1) < Decimal("1e-20")
    assert abs(progress.actual_rate - (Decimal(7000) / 6000) ** Decimal("0.5") + 1) < Decimal("1e-20")
    assert progress.percent_of_target == Decimal("87.5")


def test_every_level_has_words_in_both_languages() -> None:
    from generator.model.progress import LEVELS

    for lang in ("zh", "en"):
        assert set(LOCALE[lang].data.progress.labels) == set(LEVELS)
        assert "{" not in LOCALE[lang].progress_rules()


def _kept(value: str, *observations: model.Observation) -> model.Target:
    """A target to keep a level (保持在…左右), as the work plan sets for R&D intensity."""
    indicator = model.Indicator(id="x", name=TEXT, unit=PERCENT, observations=tuple(observations), owner="plan")
    return model.Target(
        id="t", title=TEXT, comparator="about", value=value, unit=PERCENT, year=2025, source=PLAN_2023, quote="", indicator=indicator, no_data=None, maintain=True
    )


def test_a_level_to_keep_is_held_when_every_figure_since_the_plan_meets_it() -> None:
    target = _kept("6", _obs(2022, "5"), _obs(2024, "6", "以上"))  # a figure before the plan does not count
    assert (target.progress.level, target.progress.years_early) == ("held", 0)
    assert LOCALE["en"].progress_reason(target) == (
        "The target is to keep a level: every observation from 2023, the year it was set, is at that level (about 6%; met from 5.7%). Latest: 2024: above 6%."
    )
    assert LOCALE["zh"].progress_reason(target) == (
        "目标是保持某一水平：自设定目标的2023年起，每个观测值都在这一水平（6%左右，即不低于5.7%）。最新观测值：2024年，6%以上。"
    )


def test_a_level_to_keep_is_not_held_when_one_figure_since_the_plan_falls_short() -> None:
    target = _kept("6", _obs(2023, "5.5"), _obs(2024, "6.1"))
    assert target.progress.level == "not_held"
    assert LOCALE["en"].progress_reason(target) == (
        "The target is to keep a level, but an observation from 2023, the year it was set, on is below it (about 6%; met from 5.7%). Latest: 2024: 6.1%."
    )


def test_a_level_to_keep_with_figures_only_from_before_the_plan_has_not_enough_data() -> None:
    assert _kept("6", _obs(2021, "6"), _obs(2022, "6")).progress.reason == "before_plan"


def test_met_in_the_target_year_is_not_early_and_says_no_when() -> None:
    target = _target("over", "8000", _obs(2025, "9000", unit=YI), unit=YI)
    assert (target.progress.level, target.progress.years_early) == ("achieved", 0)
    assert LOCALE["en"].progress_reason(target) == "The latest observation (2025: CNY 900 billion) meets the target (over CNY 800 billion)."


def test_figures_all_older_than_the_plan_say_so_even_when_there_is_one() -> None:
    """A single 2019 figure for a target set in 2023: the reason is its age, not only that it is one (the chart says so)."""
    assert _target("about", "17", _obs(2019, "15.9")).progress.reason == "before_plan"


@pytest.mark.parametrize(("qualifier", "bound"), [("以上", "at_least"), ("超过", "over"), ("余", "over"), ("近", "nearly"), ("约", "about"), (None, None)])
def test_the_bound_of_the_latest_figure_follows_its_qualifier(qualifier: str | None, bound: str | None) -> None:
    assert _target("about", "6", _obs(2024, "6", qualifier)).progress.bound == bound


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_targets_chart_says_no_more_than_the_ratings(plan: model.Plan, lang: str) -> None:
    """No bar for "not enough data" (its row says why); each bar names its figure's year and its rating; a bound stays one."""
    from generator.charts.data import chart_data

    locale = LOCALE[lang]
    for chart in (c for c in plan.all_charts if c.kind == "target_progress"):
        rows = {row["series"]: row for row in chart_data(chart, locale).rows}
        for target in chart.targets:
            p, row = target.progress, rows[locale.text(target.title)]
            label = str(row["label"])
            assert locale.progress_label(p.level) in label, target.id
            if p.level == "not_enough_data":
                assert row["value"] == 0.0 and label.startswith(locale.progress_label(p.level) + locale.p.colon), target.id
            else:
                assert p.latest is not None and str(p.latest.year) in label, target.id
                assert p.percent_of_target is not None
                share = f"{locale.number(p.percent_of_target, grouping=False)}%"
                assert label.startswith(locale.label(f"bound_{p.bound}", value=share) if p.bound else share), (target.id, label)


def test_the_downloaded_svg_of_the_targets_chart_carries_each_label(built_site: Path, plan: model.Plan) -> None:
    from generator.charts.data import chart_data

    for chart in (c for c in plan.all_charts if c.kind == "target_progress"):
        for lang, prefix in (("zh", ""), ("en", "en/")):
            svg = (built_site / f"{prefix}charts/{chart.id}.svg").read_text(encoding="utf-8")
            for row in chart_data(chart, LOCALE[lang]).rows:
                assert f">{html.escape(str(row['label']), quote=False)}</text>" in svg, (chart.id, lang, row["label"])
