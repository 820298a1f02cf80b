"""What the earlier stages of the checks resolved, for the later ones to refer to.

:func:`generator.checks.check` fills it in a fixed order: units and sources
first, then indicators and standings (plan.yml and the pillar files), then
targets, then charts. A registry that is ``None`` belongs to a file that
failed validation: references into it are not checked (the file's own
problems are reported instead).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator import model, schema
from generator.checks.report import At, Report


@dataclass
class Refs:
    report: Report
    units: dict[str, schema.Unit] | None = None
    sources: dict[str, model.Source] | None = None
    broken_sources: set[str] = field(default_factory=set)  # declared but unusable: reported once, at the cause
    flat: dict[str, str] = field(default_factory=dict)  # source id -> its text without whitespace
    indicators: dict[str, model.Indicator] = field(default_factory=dict)
    declared: dict[str, str] = field(default_factory=dict)  # indicator id -> owner, even if it failed to build
    indicators_complete: bool = False  # every file that defines indicators validated: unknown ids can be named
    standings: dict[str, model.Standing] = field(default_factory=dict)
    standing_ids: set[str] = field(default_factory=set)  # declared, even if it failed to build
    targets: dict[str, model.Target] | None = None
    chart_ids: set[str] = field(default_factory=set)

    def source(self, ref: str, at: At) -> model.Source | None:
        if self.sources is None:
            return None
        found = self.sources.get(ref)
        if found is None and ref not in self.broken_sources and not self.report.written("sources", ref):
            self.report.unknown("source", ref, at, list(self.sources), "content/sources.yml")
        return found

    def unit(self, ref: str, at: At) -> schema.Unit | None:
        if self.units is None:
            return None
        found = self.units.get(ref)
        if found is None and not self.report.written("units", ref):
            self.report.unknown("unit", ref, at, list(self.units), "content/units.yml")
        return found

    def indicator(self, ref: str, at: At) -> model.Indicator | None:
        found = self.indicators.get(ref)
        known = set(self.declared) | self.report.written_ids.get("indicators", set())
        if ref not in known and self.indicators_complete:
            self.report.unknown("indicator", ref, at, sorted(known), "plan.yml and the pillar files")
        return found

    def target(self, ref: str, at: At) -> model.Target | None:
        if self.targets is None:
            return None
        found = self.targets.get(ref)
        if found is None and not self.report.written("targets", ref):
            self.report.unknown("target", ref, at, list(self.targets), "content/targets.yml")
        return found

    def standing_list(self, refs: list[str], at: Callable[[int], At]) -> tuple[model.Standing, ...]:
        out = []
        for j, ref in enumerate(refs):
            found = self.standings.get(ref)
            if found is not None:
                out.append(found)
            elif ref not in self.standing_ids:
                self.report.unknown("standing", ref, at(j), sorted(self.standing_ids), "the standings: lists of plan.yml and the pillar files")
        return tuple(out)
