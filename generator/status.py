"""Status of each 2025 target, computed from its observations by stated rules.

* no data   — the sources give no observation;
* achieved  — the latest observation meets the target (``over`` needs more than
  the value, ``about`` needs at least the value; a qualifier such as 以上/超 counts
  as more than the figure, 近 as less);
* on track  — not met yet, but the straight line through the first and latest
  observations reaches the target by the target year;
* behind    — otherwise, including a single observation below the target (no trend).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.model import Observation, Target
from generator.numbers import COMPARATOR_QUALIFIER, Lang, format_amount, format_period

ABOVE = {"超", "超过", "突破", "余", "多", "以上"}
BELOW = {"近"}
STATUS_LABELS = {
    "achieved": {"zh": "已达成", "en": "Achieved"},
    "on_track": {"zh": "进展顺利", "en": "On track"},
    "behind": {"zh": "落后", "en": "Behind"},
    "no_data": {"zh": "无数据", "en": "No data"},
}
RULES = {
    "zh": "状态规则：无观测值为“无数据”；最新观测值满足目标（“超过”须高于目标值，“左右”须不低于目标值；“以上”“超”等视为高于所写数字，“近”视为低于）为“已达成”；"
    "未满足但首个与最新观测值连线外推至目标年份可满足为“进展顺利”；其余为“落后”（仅有一个低于目标的观测值时无法计算趋势，也记为“落后”）。",
    "en": "Status rules: no observation gives “No data”; the latest observation meeting the target (“over” needs more than the target value, "
    "“about” at least the target value; qualifiers such as “above” or “over” count as more than the figure written, “nearly” as less) gives “Achieved”; "
    "not met, but the straight line through the first and latest observations reaches the target by the target year, gives “On track”; "
    "anything else gives “Behind” (a single observation below the target has no trend and also counts as “Behind”).",
}


@dataclass(frozen=True)
class Status:
    code: str
    baseline: Observation | None
    latest: Observation | None
    reason: dict[str, str]
    percent_of_target: Decimal | None

    def label(self, lang: Lang) -> str:
        return STATUS_LABELS[self.code][lang]


def _in_target_unit(obs: Observation, target: Target) -> Decimal:
    return obs.number.scaleb(obs.unit.magnitude - target.unit.magnitude)


def _meets(value: Decimal, qualifier: str | None, target: Target) -> bool:
    goal = target.number
    if target.comparator == "over":
        return value > goal or (value == goal and qualifier in ABOVE)
    return value > goal or (value == goal and qualifier not in BELOW)


def target_status(target: Target) -> Status:
    def describe(obs: Observation, lang: Lang) -> str:
        sep = "，" if lang == "zh" else ": "
        return f"{format_period(obs.period, obs.year, lang)}{sep}{format_amount(obs.value, obs.unit, obs.qualifier, lang)}"

    goal = {lang: format_amount(target.value, target.unit, COMPARATOR_QUALIFIER[target.comparator], lang) for lang in ("zh", "en")}
    if target.indicator is None:
        return Status("no_data", None, None, {"zh": "来源未给出观测值。", "en": "The sources give no observation."}, None)
    observations = sorted(target.indicator.observations, key=lambda o: o.year)
    latest, first = observations[-1], observations[0]
    latest_value = _in_target_unit(latest, target)
    percent = (latest_value / target.number * 100).quantize(Decimal("0.1"))
    baseline = first if first is not latest else None
    if _meets(latest_value, latest.qualifier, target):
        return Status(
            "achieved",
            baseline,
            latest,
            {
                "zh": f"最新观测值（{describe(latest, 'zh')}）满足目标值（{goal['zh']}）。",
                "en": f"The latest observation ({describe(latest, 'en')}) meets the target ({goal['en']}).",
            },
            percent,
        )
    if baseline is not None and latest.year > first.year:
        first_value = _in_target_unit(first, target)
        slope = (latest_value - first_value) / (latest.year - first.year)
        projected = latest_value + slope * (target.year - latest.year)
        if _meets(projected, None, target):
            return Status(
                "on_track",
                baseline,
                latest,
                {
                    "zh": f"最新观测值（{describe(latest, 'zh')}）尚未满足目标值（{goal['zh']}），但按{first.year}—{latest.year}年的趋势外推至{target.year}年可以满足。",
                    "en": f"The latest observation ({describe(latest, 'en')}) does not yet meet the target ({goal['en']}), "
                    f"but the {first.year}–{latest.year} trend extended to {target.year} does.",
                },
                percent,
            )
        return Status(
            "behind",
            baseline,
            latest,
            {
                "zh": f"最新观测值（{describe(latest, 'zh')}）未满足目标值（{goal['zh']}），按{first.year}—{latest.year}年的趋势外推至{target.year}年也不能满足。",
                "en": f"The latest observation ({describe(latest, 'en')}) does not meet the target ({goal['en']}), "
                f"and the {first.year}–{latest.year} trend extended to {target.year} does not either.",
            },
            percent,
        )
    return Status(
        "behind",
        baseline,
        latest,
        {
            "zh": f"唯一的观测值（{describe(latest, 'zh')}）低于目标值（{goal['zh']}），无法计算趋势。",
            "en": f"The only observation ({describe(latest, 'en')}) is below the target ({goal['en']}); no trend can be computed.",
        },
        percent,
    )
