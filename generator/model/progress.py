"""Progress towards a quantified target, rated by a stated method.

The method follows the published ones (Statistics Canada's, used by Open
SDG; Eurostat's SDG assessment): compare the *actual* average annual growth
between the first and the latest observation with the growth *required* to
go from the first observation to the target by the target year, both as
compound annual rates.

* **achieved** — the latest observation meets the target. "Over" (超过) needs
  strictly more than the target value; "about" (左右, 约) is met from the lower
  edge of a tolerance band of ``ABOUT_TOLERANCE`` of the target value, and
  exceeding the band also counts. A qualified observation keeps its meaning:
  超/超过/突破/破/余/多 are *more than* the figure written, 以上/及以上 *at least*
  it, 近 *less than* it (so 近 never proves a target met), 约/左右 about it.
* a target to *keep* a level (保持在…, ``maintain: true``) is rated on whether
  it is held: **held** when every observation from the year of the document
  that set it on meets the level, **not held** when one of them falls short,
  **not enough data** when there is none from that year on.
* **not enough data** — otherwise, when there is no observation, observations
  that all predate the plan that set the target, or a single one.
* otherwise, with ``ratio = actual / required``: **on track** when ratio ≥
  ``ON_TRACK``, **moderate progress** from ``MODERATE``, **insufficient
  progress** above zero, **moving away** when the value fell.

The result is structured (:class:`Progress`); the words are in
each locale (``generator/locales/<code>/locale.yml``) and the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from generator.model import Observation, Target

Level = Literal["achieved", "held", "on_track", "moderate", "insufficient", "moving_away", "not_held", "not_enough_data"]
LEVELS: tuple[Level, ...] = ("achieved", "held", "on_track", "moderate", "insufficient", "moving_away", "not_held", "not_enough_data")
Reason = Literal["met", "no_observation", "single_observation", "before_plan", "no_rate", "rates", "held", "not_held"]
REASONS: tuple[Reason, ...] = ("met", "no_observation", "single_observation", "before_plan", "no_rate", "rates", "held", "not_held")

ABOUT_TOLERANCE = Decimal("0.05")  # "about" targets: met from 95% of the target value
ON_TRACK = Decimal("0.95")
MODERATE = Decimal("0.5")

MORE_THAN = frozenset({"超", "超过", "突破", "破", "余", "多"})
AT_LEAST = frozenset({"以上", "及以上"})
LESS_THAN = frozenset({"近"})


@dataclass(frozen=True)
class Progress:
    level: Level
    reason: Reason
    observations: tuple[Observation, ...]  # oldest first
    base: Observation | None  # the first observation, when rates were computed
    latest: Observation | None
    threshold: Decimal  # what the latest value must reach (the band's lower edge for "about")
    required_rate: Decimal | None  # average annual growth needed from the base to the target, a fraction
    actual_rate: Decimal | None  # average annual growth from the base to the latest observation
    percent_of_target: Decimal | None  # latest value as a percentage of the target value
    target_year: int = 0

    @property
    def rates(self) -> bool:
        return self.required_rate is not None and self.actual_rate is not None

    @property
    def years_early(self) -> int:
        """For a target met: how many years before the target year the latest observation is (0 when not)."""
        if self.level != "achieved" or self.latest is None:
            return 0
        return max(self.target_year - self.latest.year, 0)

    @property
    def bound(self) -> str | None:
        """How the latest figure bounds the value: "at_least", "over", "nearly" or "about" (its qualifier), or None."""
        qualifier = self.latest.qualifier if self.latest else None
        if qualifier in AT_LEAST:
            return "at_least"
        if qualifier in MORE_THAN:
            return "over"
        if qualifier in LESS_THAN:
            return "nearly"
        return "about" if qualifier else None


def value_in(obs: Observation, target: Target) -> Decimal:
    """The observation in the target's unit (same dimension, another magnitude)."""
    return obs.number.scaleb(obs.unit.magnitude - target.unit.magnitude)


def threshold(target: Target) -> Decimal:
    if target.comparator == "about":
        return target.number * (1 - ABOUT_TOLERANCE)
    return target.number


def meets(value: Decimal, qualifier: str | None, target: Target) -> bool:
    """Whether an observation of ``value`` written with ``qualifier`` meets the target."""
    if qualifier in LESS_THAN:
        return False  # "nearly v" is below v by an unknown amount
    edge = threshold(target)
    if target.comparator == "over":
        return value > edge or (value == edge and qualifier in MORE_THAN)
    return value >= edge


def _annual(start: Decimal, end: Decimal, years: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        return (end / start) ** (Decimal(1) / Decimal(years)) - 1


def rate(target: Target) -> Progress:
    """Rate the progress of one target from its indicator's observations."""
    observations = tuple(sorted(target.indicator.observations, key=lambda o: (o.year, o.period == "end_of_year"))) if target.indicator else ()
    edge = threshold(target)

    def result(level: Level, reason: Reason, base: Observation | None = None, required: Decimal | None = None, actual: Decimal | None = None) -> Progress:
        latest = observations[-1] if observations else None
        percent = (value_in(latest, target) / target.number * 100).quantize(Decimal("0.1")) if latest else None
        return Progress(level, reason, observations, base, latest, edge, required, actual, percent, target.year)

    if not observations:
        return result("not_enough_data", "no_observation")
    if target.maintain:
        since = [o for o in observations if o.year >= target.source.year]
        if not since:
            return result("not_enough_data", "before_plan")
        if all(meets(value_in(o, target), o.qualifier, target) for o in since):
            return result("held", "held")
        return result("not_held", "not_held")
    latest = observations[-1]
    if meets(value_in(latest, target), latest.qualifier, target):
        return result("achieved", "met")
    if all(o.year < target.source.year for o in observations):
        return result("not_enough_data", "before_plan")
    if len({o.year for o in observations}) < 2:
        return result("not_enough_data", "single_observation")
    base = observations[0]
    start, end = value_in(base, target), value_in(latest, target)
    if start <= 0 or target.year <= base.year:
        return result("not_enough_data", "no_rate")  # no compound rate from a zero base, or past the target year
    required = _annual(start, target.number, target.year - base.year)
    actual = _annual(start, end, latest.year - base.year) if end > 0 else Decimal(-1)
    if actual < 0 or required <= 0:
        level: Level = "moving_away"
    elif actual / required >= ON_TRACK:
        level = "on_track"
    elif actual / required >= MODERATE:
        level = "moderate"
    else:
        level = "insufficient"
    return result(level, "rates", base, required, actual)
