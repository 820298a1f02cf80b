"""targets.yml: quantified targets (verified like figures) and goals stated in words."""

from __future__ import annotations

from generator import model
from generator.checks.quotes import figure, verbatim
from generator.checks.refs import Refs
from generator.checks.report import At
from generator.load import schema
from generator.load.yamlio import Document
from generator.model.numbers import COMPARATOR_QUALIFIER, parse_figure
from generator.model.provenance import squash


def load_targets(refs: Refs, found: tuple[Document, schema.TargetsFile] | None) -> tuple[tuple[model.Target, ...], tuple[model.QualitativeGoal, ...]]:
    """Fill ``refs.targets`` (left None when targets.yml did not validate)."""
    if not found:
        return (), ()
    doc, targets = found
    refs.targets = {}
    refs.target_ids = {item.id for item in targets.targets}
    out = [t for i, item in enumerate(targets.targets) if (t := _target(refs, item, At(doc, ("targets", i)))) is not None]
    qualitative: list[model.QualitativeGoal] = []
    for i, g in enumerate(targets.qualitative):
        at = At(doc, ("qualitative", i))
        if g.id in refs.targets or g.id in {q.id for q in qualitative}:
            refs.report.fail(at("id"), f"duplicate target id {g.id!r}", "give each target and qualitative goal its own id")
            continue
        src = refs.source(g.source, at("source"))
        verbatim(refs, g.quote, src, at("quote"))
        if squash(g.title.zh) not in squash(g.quote):
            refs.report.fail(at("title", "zh"), "the goal's Chinese title does not occur in its quote", "write the goal exactly as the quoted sentence states it")
        indicators = tuple(ind for j, ref in enumerate(g.indicators) if (ind := refs.indicator(ref, at("indicators", j))) is not None)
        standings = refs.standing_list(g.standings, at("standings"))
        if src:
            qualitative.append(model.QualitativeGoal(id=g.id, title=g.title, year=g.year, source=src, quote=g.quote, indicators=indicators, standings=standings))
    return tuple(out), tuple(qualitative)


def _target(refs: Refs, t: schema.Target, at: At) -> model.Target | None:
    assert refs.targets is not None
    report = refs.report
    if t.id in refs.targets:
        report.fail(at("id"), f"duplicate target id {t.id!r}", "give each target its own id")
        return None
    src = refs.source(t.source, at("source"))
    unit = refs.unit(t.unit, at("unit"))
    verbatim(refs, t.quote, src, at("quote"))
    number = parse_figure(t.value)
    if number is None:
        report.fail(at("value"), f"target value {t.value!r} is not a number", 'write the digits as the source does, e.g. "8000"')
    elif number <= 0:
        report.fail(at("value"), f"target value {t.value!r} must be greater than zero", "progress is measured as a share of the target value")
    elif unit is not None:
        marker = COMPARATOR_QUALIFIER[t.comparator]
        figure(report, t.value, unit, marker, t.quote, at("value"), at("comparator"), what="target value", key="comparator marker")
    if src and t.year < src.year:
        report.fail(at("year"), f"target year {t.year} is before the source ({src.year})", "")
    indicator = None
    if t.indicator is not None:
        indicator = refs.indicator(t.indicator, at("indicator"))
        if indicator is not None and unit and indicator.unit.dimension != unit.dimension:
            report.fail(at("indicator"), f"indicator {t.indicator!r} is measured in {indicator.unit.dimension}, the target in {unit.dimension}", "")
        if t.no_data is not None:
            report.fail(at("no_data"), "a target with an indicator cannot also say no_data", "remove one of the two")
    elif t.no_data is None:
        report.fail(
            at("indicator"),
            "target has neither an indicator nor a no_data note",
            "name the indicator that measures it, or say in no_data that the sources give no observation",
        )
    standings = refs.standing_list(t.standings, at("standings"))
    for j, standing in enumerate(standings):
        if indicator is None or indicator.id not in standing.indicators:
            measure = f"indicator {indicator.id!r}" if indicator else "a figure (it has no indicator)"
            report.fail(
                at("standings", j),
                f"standing {standing.id!r} is not about this target's measure: it names no {measure}",
                "offer a standing only as evidence for the target it is about (its indicators: list the target's indicator), or list it under a goal stated in words",
            )
    keep = "保持" in squash(t.quote)
    if keep and not t.maintain:
        report.fail(
            at("quote"), "the target is to keep a level (its quote says 保持), but maintain: is not true", "add maintain: true: it is rated on whether the level is held"
        )
    elif t.maintain and not keep:
        report.fail(at("maintain"), "maintain: true, but the quote does not say the level is to be kept (保持)", "remove maintain: true")
    if not (src and unit):
        return None
    built = model.Target(
        id=t.id,
        title=t.title,
        comparator=t.comparator,
        value=t.value,
        unit=unit,
        year=t.year,
        source=src,
        quote=t.quote,
        indicator=indicator,
        no_data=t.no_data,
        standings=standings,
        maintain=t.maintain,
    )
    refs.targets[t.id] = built
    return built
