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
from typing import TypeVar

from generator import model
from generator.checks.report import At, Report
from generator.load import schema

T = TypeVar("T")


@dataclass
class Refs:
    report: Report
    units: dict[str, schema.Unit] | None = None
    sources: dict[str, model.Source] | None = None
    broken_sources: set[str] = field(default_factory=set)  # declared but unusable: reported once, at the cause
    flat: dict[str, str] = field(default_factory=dict)  # source id -> its text without whitespace
    indicators: dict[str, model.Indicator] = field(default_factory=dict)
    declared: dict[str, str] = field(default_factory=dict)  # indicator id -> owner, even if it failed to build
    indicators_complete: bool = False  # every file that defines indicators (and standings) validated: unknown ids can be named
    standings: dict[str, model.Standing] = field(default_factory=dict)
    standing_ids: set[str] = field(default_factory=set)  # declared, even if it failed to build
    targets: dict[str, model.Target] | None = None
    target_ids: set[str] = field(default_factory=set)  # declared, even if it failed to build (a unit unknown, say)
    chart_ids: set[str] = field(default_factory=set)

    def _lookup(self, registry: dict[str, T] | None, kind: str, ref: str, at: At, where: str, silent: bool = False) -> T | None:
        """The item ``ref`` names; an unknown id is recorded unless the registry's file failed or ``silent``."""
        if registry is None:
            return None
        found = registry.get(ref)
        if found is None and not silent and not self.report.written(kind + "s", ref):
            self.report.unknown(kind, ref, at, list(registry), where)
        return found

    def source(self, ref: str, at: At) -> model.Source | None:
        return self._lookup(self.sources, "source", ref, at, "content/sources.yml", silent=ref in self.broken_sources)

    def unit(self, ref: str, at: At) -> schema.Unit | None:
        return self._lookup(self.units, "unit", ref, at, "content/units.yml")

    def indicator(self, ref: str, at: At) -> model.Indicator | None:
        found = self.indicators.get(ref)
        known = set(self.declared) | self.report.written_ids.get("indicators", set())
        if ref not in known and self.indicators_complete:
            self.report.unknown("indicator", ref, at, sorted(known), "plan.yml and the pillar files")
        return found

    def target(self, ref: str, at: At) -> model.Target | None:
        # A target declared but not built has its own problem, at its cause (its unit, its indicator): not a second one here.
        return self._lookup(self.targets, "target", ref, at, "content/targets.yml", silent=ref in self.target_ids)

    def standing_list(self, refs: list[str], at: Callable[[int], At]) -> tuple[model.Standing, ...]:
        out = []
        for j, ref in enumerate(refs):
            found = self.standings.get(ref)
            if found is not None:
                out.append(found)
            elif ref not in self.standing_ids and self.indicators_complete:  # the files that declare standings all read
                self.report.unknown("standing", ref, at(j), sorted(self.standing_ids), "the standings: lists of plan.yml and the pillar files")
        return tuple(out)
