"""The final, resolved plan that templates and charts see (frozen dataclasses).

Every reference in the authored files (source ids, unit ids, indicator ids)
is resolved to the object it names, so later stages never look anything up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from generator.load import schema
from generator.model.numbers import parse_figure
from generator.model.progress import rate

if TYPE_CHECKING:
    from generator.model.progress import Progress

Text = schema.Text
Unit = schema.Unit


def _number(value: str) -> Decimal:
    """What a validated figure stands for (validation refuses a figure that is not a number)."""
    number = parse_figure(value)
    assert number is not None, value
    return number


@dataclass(frozen=True, kw_only=True)
class SourceType:
    id: str
    name: Text
    citation: str = "document"  # the CSL item type of its documents


@dataclass(frozen=True, kw_only=True)
class Source:
    id: str
    file: str
    type: SourceType
    title: Text
    author: Text
    year: int
    date_basis: Text
    text: str = field(repr=False)
    published: Text | None = None
    url: str | None = None
    tasks: bool = False  # its text numbers its tasks ("17.…"), which passages may cite
    anonymous: bool = False  # its text names no author
    short: Text | None = None  # a short name for footnotes ("2023 work plan")


@dataclass(frozen=True, kw_only=True)
class Passage:
    """Narrative quoted verbatim (``zh``) from its source, with its translations."""

    text: Text
    source: Source
    task: int | None = None
    status: str | None = None  # "done" (reported as done) or "task" (a task to do); None outside a pillar's measures
    note: Text | None = None  # an editorial note, shown after it in brackets

    @property
    def zh(self) -> str:
        return self.text.zh

    @property
    def en(self) -> str:
        return self.text.en

    def get(self, code: str) -> str:
        return self.text.get(code)


@dataclass(frozen=True, kw_only=True)
class Growth:
    value: str
    unit: Unit
    basis: str
    since: int | None
    qualifier: str | None


@dataclass(frozen=True, kw_only=True)
class National:
    value: str
    form: str
    qualifier: str | None


@dataclass(frozen=True, kw_only=True)
class Observation:
    value: str
    unit: Unit
    qualifier: str | None
    period: str
    year: int
    estimated: bool
    growth: Growth | None
    national: National | None
    source: Source
    quote: str
    note: Text | None

    @property
    def number(self) -> Decimal:
        return _number(self.value)


@dataclass(frozen=True, kw_only=True)
class Indicator:
    id: str
    name: Text
    unit: Unit
    observations: tuple[Observation, ...]
    owner: str  # pillar id, or "plan"

    @property
    def latest(self) -> Observation:
        return max(self.observations, key=lambda o: (o.year, o.period == "end_of_year"))


@dataclass(frozen=True, kw_only=True)
class Standing:
    id: str
    subject: Text
    standing: Text
    period: str
    year: int
    source: Source
    quote: str
    indicators: tuple[str, ...]  # ids of the figures it is about
    owner: str


@dataclass(frozen=True, kw_only=True)
class QualitativeGoal:
    id: str
    title: Text
    year: int
    source: Source
    quote: str
    indicators: tuple[Indicator, ...]
    standings: tuple[Standing, ...]


@dataclass(frozen=True, kw_only=True)
class Target:
    id: str
    title: Text
    comparator: str
    value: str
    unit: Unit
    year: int
    source: Source
    quote: str
    indicator: Indicator | None
    no_data: Text | None
    standings: tuple[Standing, ...] = ()
    maintain: bool = False  # a level to keep (保持在…): rated on whether it is held

    @cached_property
    def progress(self) -> Progress:
        """The rating of this target, computed once (rules in :mod:`generator.model.progress`)."""
        return rate(self)

    @property
    def number(self) -> Decimal:
        """The target value as a number (validation guarantees a positive figure)."""
        return _number(self.value)


@dataclass(frozen=True, kw_only=True)
class Chart:
    id: str
    kind: str
    title: Text
    indicators: tuple[Indicator, ...]
    targets: tuple[Target, ...]
    total: Indicator | None
    scale: str
    owner: str

    @property
    def sources(self) -> tuple[Source, ...]:
        """The documents its figures and targets come from, by id (credited by its citation and its embed page)."""
        found = {o.source.id: o.source for i in self.indicators for o in i.observations} | {t.source.id: t.source for t in self.targets}
        return tuple(found[k] for k in sorted(found))


@dataclass(frozen=True, kw_only=True)
class Pillar:
    id: str
    title: Text
    heading: Passage
    definition: Passage
    summary: Passage
    measures: tuple[Passage, ...]
    next_steps: tuple[Passage, ...]
    indicators: tuple[Indicator, ...]
    charts: tuple[Chart, ...]
    standings: tuple[Standing, ...] = ()

    @property
    def done(self) -> tuple[Passage, ...]:
        """The measures the sources report as done."""
        return tuple(p for p in self.measures if p.status == "done")

    @property
    def tasks(self) -> list[tuple[Source, tuple[Passage, ...]]]:
        """The measures that are tasks to do, by the document that sets them."""
        by_source: dict[str, list[Passage]] = {}
        for p in self.measures:
            if p.status == "task":
                by_source.setdefault(p.source.id, []).append(p)
        return [(group[0].source, tuple(group)) for group in by_source.values()]

    @property
    def sources(self) -> tuple[Source, ...]:
        found: dict[str, Source] = {}
        for p in (self.heading, self.definition, self.summary, *self.measures, *self.next_steps):
            found[p.source.id] = p.source
        for ind in self.indicators:
            for obs in ind.observations:
                found[obs.source.id] = obs.source
        for standing in self.standings:
            found[standing.source.id] = standing.source
        return tuple(found[k] for k in sorted(found))


@dataclass(frozen=True, kw_only=True)
class Goal:
    year: int
    text: Text
    source: Source


@dataclass(frozen=True, kw_only=True)
class NotTracked:
    """Figures of a source the site does not track (every figure inside ``quote``), and why."""

    source: Source
    quote: str
    reason: Text


@dataclass(frozen=True, kw_only=True)
class Quoting:
    """A sentence the site quotes, what quotes it, and the card that shows its figure (when one does)."""

    source: Source
    quote: str
    what: str  # e.g. "observation highly-cited-scientists-2024", "standing nature-index-first", "passage platforms measures 3"
    card: Indicator | None = None
    value: str | None = None  # the observation's figure, when ``what`` is an observation


@dataclass(frozen=True, kw_only=True)
class Plan:
    title: Text
    subtitle: Text
    period: schema.Period
    goals: tuple[Goal, ...]
    headline: tuple[Indicator, ...]
    indicators: tuple[Indicator, ...]
    charts: tuple[Chart, ...]
    pillars: tuple[Pillar, ...]
    targets: tuple[Target, ...]
    sources: tuple[Source, ...]
    units: tuple[Unit, ...]
    content_version: str
    standings: tuple[Standing, ...] = ()
    qualitative: tuple[QualitativeGoal, ...] = ()
    structure: tuple[Passage, ...] = ()
    not_tracked: tuple[NotTracked, ...] = ()
    coverage_required: bool = False  # content/coverage.yml exists: every figure of the sources must be accounted for

    @property
    def all_standings(self) -> tuple[Standing, ...]:
        return self.standings + tuple(s for p in self.pillars for s in p.standings)

    @property
    def counts(self) -> dict[str, int]:
        """How many of each thing the plan holds, for sentences that name a count (never written by hand)."""
        tasks = {p.task for pillar in self.pillars for p in pillar.measures if p.task}
        return {"pillars": len(self.pillars), "sources": len(self.sources), "tasks": len(tasks), "targets": len(self.targets)}

    def quotes(self) -> list[tuple[Source, str]]:
        """Every sentence the site quotes, with its source: each is marked and anchored on its source page."""
        return [(q.source, q.quote) for q in self.quoting()]

    def quoting(self) -> list[Quoting]:
        """Every sentence the site quotes, with what quotes it."""
        found = [
            Quoting(source=o.source, quote=o.quote, what=f"observation {ind.id}-{o.year}", card=ind, value=o.value)
            for ind in self.all_indicators
            for o in ind.observations
        ]
        for pillar in self.pillars:
            for part in ("heading", "definition", "summary"):
                p = getattr(pillar, part)
                found.append(Quoting(source=p.source, quote=p.zh, what=f"passage {pillar.id} {part}"))
            for part in ("measures", "next_steps"):
                found += [Quoting(source=p.source, quote=p.zh, what=f"passage {pillar.id} {part} {n}") for n, p in enumerate(getattr(pillar, part), 1)]
        found += [Quoting(source=g.source, quote=g.text.zh, what=f"goal {g.year}") for g in self.goals]
        found += [Quoting(source=p.source, quote=p.zh, what=f"passage plan structure {n}") for n, p in enumerate(self.structure, 1)]
        found += [Quoting(source=t.source, quote=t.quote, what=f"target {t.id}", card=t.indicator) for t in self.targets]
        by_id = {i.id: i for i in self.all_indicators}
        for s in self.all_standings:
            card = by_id.get(s.indicators[0]) if s.indicators else None
            found.append(Quoting(source=s.source, quote=s.quote, what=f"standing {s.id}", card=card))
        found += [Quoting(source=g.source, quote=g.quote, what=f"goal {g.id}") for g in self.qualitative]
        return found

    @property
    def other_indicators(self) -> tuple[Indicator, ...]:
        """The plan's own indicators that are not headline figures: their cards follow the headline's on the home page."""
        shown = {i.id for i in self.headline}
        return tuple(i for i in self.indicators if i.id not in shown)

    def standings_of(self, indicator: Indicator) -> tuple[Standing, ...]:
        """The standings stated about a figure, shown on its card."""
        return tuple(s for s in self.all_standings if indicator.id in s.indicators)

    @property
    def all_indicators(self) -> tuple[Indicator, ...]:
        return self.indicators + tuple(i for p in self.pillars for i in p.indicators)

    @property
    def all_charts(self) -> tuple[Chart, ...]:
        return self.charts + tuple(c for p in self.pillars for c in p.charts)

    @property
    def observation_count(self) -> int:
        return sum(len(i.observations) for i in self.all_indicators)

    @property
    def data_as_of(self) -> int:
        """The latest year any observation refers to."""
        return max(o.year for i in self.all_indicators for o in i.observations)
