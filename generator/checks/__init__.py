"""Cross-file checks, and the resolution of the validated files into the :class:`~generator.model.Plan`.

Provenance: every quote occurs verbatim (whitespace ignored) in its archived
source; each figure, qualifier, growth and national comparison occurs in its
quote; every reference resolves; ids are unique; years are plausible.

:func:`check` runs the stages in the order their references need, each in its
own module: ``sources`` (units, sources and their texts) → ``plan`` and
``figures`` (pillars, indicators, standings) → ``targets`` → ``charts``. What
a stage resolves goes into :class:`~generator.checks.refs.Refs` for the later
ones; every problem goes into the :class:`~generator.checks.report.Report`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import model
from generator.checks.charts import build_charts
from generator.checks.coverage import check_coverage, load_not_tracked
from generator.checks.figures import build_indicators, build_standings
from generator.checks.plan import goals, load_pillars
from generator.checks.quotes import passage
from generator.checks.refs import Refs
from generator.checks.report import At, Report
from generator.checks.sources import load_sources, load_units
from generator.checks.targets import load_targets
from generator.errors import Problem, display_path
from generator.fingerprint import content_version
from generator.load.yamlio import Document

if TYPE_CHECKING:
    from generator.load.validation import Partial


def check(
    content_dir: Path, root: Path, parsed: dict[str, tuple[Document, Any]], problems: list[Problem], partial: dict[str, Partial], coverage: bool = True
) -> model.Plan | None:
    """The plan, or None when ``problems`` (to which every problem found is added) is not empty.

    ``coverage=False`` leaves unaccounted figures unreported (the coverage command lists them itself)."""

    def file(name: str) -> Any:
        return parsed.get(display_path(content_dir / name, root))

    pillar_paths = sorted((content_dir / "pillars").glob("*.yml"))
    shown = [display_path(p, root) for p in [content_dir / "plan.yml", *pillar_paths]]
    report = Report.of(problems, partial)
    listed = list(file("plan.yml")[1].pillars) if file("plan.yml") else []
    every_pillar_file = all((content_dir / "pillars" / f"{pillar}.yml").exists() for pillar in listed)  # a missing one is reported once, at plan.yml
    refs = Refs(report, indicators_complete=every_pillar_file and all(s in parsed or s in partial for s in shown))

    load_units(refs, file("units.yml"))
    load_sources(refs, file("sources.yml"), content_dir, root)
    plan_file = file("plan.yml")
    plan_indicators = build_indicators(refs, plan_file[0], plan_file[1].indicators, ("indicators",), "plan") if plan_file else ()
    pillars = load_pillars(refs, [(p.stem, parsed.get(display_path(p, root))) for p in pillar_paths], plan_file)
    plan_standings = build_standings(refs, plan_file[0], plan_file[1].standings, ("standings",), "plan") if plan_file else ()
    pillars = [(dataclasses.replace(p, standings=build_standings(refs, doc, m.standings, ("standings",), p.id)), doc, m) for p, doc, m in pillars]
    targets, qualitative = load_targets(refs, file("targets.yml"))
    plan_charts = build_charts(refs, plan_file[0], plan_file[1].charts, ("charts",), "plan") if plan_file else ()
    built_pillars = [dataclasses.replace(p, charts=build_charts(refs, doc, m.charts, ("charts",), p.id)) for p, doc, m in pillars]
    _check_partial(refs, partial)
    if plan_file is None or not report.clean or refs.sources is None or refs.units is None:
        report.flush()
        return None

    doc, plan = plan_file
    plan_goals = goals(refs, doc, plan)
    structure = tuple(p for i, item in enumerate(plan.structure) if (p := passage(refs, doc, item, ("structure", i))) is not None)
    headline = tuple(ind for i, ref in enumerate(plan.headline) if (ind := refs.indicator(ref, At(doc, ("headline", i)))) is not None)
    coverage_file = file("coverage.yml")
    not_tracked = load_not_tracked(refs, coverage_file)
    if not report.clean:
        report.flush()
        return None
    order = {pid: n for n, pid in enumerate(plan.pillars)}
    built = model.Plan(
        title=plan.title,
        subtitle=plan.subtitle,
        period=plan.period,
        goals=plan_goals,
        headline=headline,
        indicators=plan_indicators,
        charts=plan_charts,
        pillars=tuple(sorted(built_pillars, key=lambda p: order[p.id])),
        targets=targets,
        sources=tuple(refs.sources.values()),
        units=tuple(refs.units.values()),
        content_version=content_version(content_dir),
        standings=plan_standings,
        qualitative=qualitative,
        structure=structure,
        not_tracked=not_tracked,
        coverage_required=(content_dir / "coverage.yml").exists(),
    )
    if built.coverage_required and coverage:
        check_coverage(built, coverage_file, content_dir, root, problems)
    return built


def _check_partial(refs: Refs, partial: dict[str, Partial]) -> None:
    """Reference checks on the parts of files that failed validation, so that every problem shows at once."""
    for shown, part in partial.items():
        owner = Path(shown).stem
        indicators = part.items.get("indicators", [])
        build_indicators(refs, part.doc, [item for _, item in indicators], ("indicators",), owner, [i for i, _ in indicators])
        charts = part.items.get("charts", [])
        build_charts(refs, part.doc, [item for _, item in charts], ("charts",), owner, [i for i, _ in charts])
