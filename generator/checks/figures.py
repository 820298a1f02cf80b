"""Indicators with their observations, and standings: each figure verified against its quote."""

from __future__ import annotations

from generator import model
from generator.checks.quotes import dated, figure, verbatim
from generator.checks.refs import Refs
from generator.checks.report import At
from generator.load import schema
from generator.load.yamlio import Document, Loc
from generator.model.numbers import parse_figure
from generator.model.provenance import national_in, share_problem, squash

GROWTH_MARKERS = {"year_on_year": "同比", "annual_average": "年均"}


def build_indicators(refs: Refs, doc: Document, items: list[schema.Indicator], loc: Loc, owner: str, indices: list[int] | None = None) -> tuple[model.Indicator, ...]:
    """Register and build the indicators of one file (``indices``: their positions, when only some items validated)."""
    out = []
    for i, ind in zip(indices or range(len(items)), items, strict=True):
        at = At(doc, (*loc, i))
        if ind.id in refs.declared:
            refs.report.fail(at("id"), f"duplicate indicator id {ind.id!r}", f"already defined for {refs.declared[ind.id]}; ids must be unique across all files")
            continue
        refs.declared[ind.id] = owner
        unit = refs.unit(ind.unit, at("unit"))
        observations = []
        years: dict[int, int] = {}
        for j, obs in enumerate(ind.observations):
            if obs.year in years:  # a figure's id is its indicator and its year: it must name one figure
                refs.report.fail(
                    at("observations", j, "year"),
                    f"a second figure of {ind.id!r} for {obs.year} (the first is observation {years[obs.year] + 1})",
                    f"each figure is known across editions by its indicator and year ({ind.id}-{obs.year}); keep one, or make the other its own indicator",
                )
            years.setdefault(obs.year, j)
            built = observation(refs, obs, at("observations", j), unit)
            if built is not None:
                observations.append(built)
        if unit is None or len(observations) != len(ind.observations):
            continue
        built_ind = model.Indicator(id=ind.id, name=ind.name, unit=unit, observations=tuple(observations), owner=owner)
        refs.indicators[ind.id] = built_ind
        out.append(built_ind)
    return tuple(out)


def observation(refs: Refs, obs: schema.Observation, at: At, indicator_unit: schema.Unit | None) -> model.Observation | None:
    report = refs.report
    src = refs.source(obs.source, at("source"))
    unit = indicator_unit
    if obs.unit is not None:
        unit = refs.unit(obs.unit, at("unit"))
        if unit and indicator_unit and unit.dimension != indicator_unit.dimension:
            report.fail(
                at("unit"),
                f"unit {unit.id!r} measures {unit.dimension}, but the indicator's unit {indicator_unit.id!r} measures {indicator_unit.dimension}",
                "an observation may only use another unit of the same dimension",
            )
    quote = obs.quote
    if parse_figure(obs.value) is None:
        report.fail(
            at("value"),
            f"figure {obs.value!r} is not a number",
            'write the digits as the source does (e.g. "9153.3"), or a single Chinese numeral such as 两',
        )
    elif unit is not None:
        figure(report, obs.value, unit, obs.qualifier, quote, at("value"), at("qualifier"))
    if obs.estimated and "预计" not in quote:
        report.fail(at("estimated"), "marked estimated, but the quote does not say 预计", "remove `estimated: true` or quote the sentence that says 预计")
    if src is not None:
        verbatim(refs, quote, src, at("quote"))
        dated(report, obs.period, obs.year, quote, src, at("year"))
    growth = _growth(refs, obs.growth, quote, at("growth")) if obs.growth is not None else None
    national = _national(refs, obs.national, quote, at("national")) if obs.national is not None else None
    if src is None or unit is None:
        return None
    return model.Observation(
        value=obs.value,
        unit=unit,
        qualifier=obs.qualifier,
        period=obs.period,
        year=obs.year,
        estimated=obs.estimated,
        growth=growth,
        national=national,
        source=src,
        quote=quote,
        note=obs.note,
    )


def _growth(refs: Refs, g: schema.Growth, quote: str, at: At) -> model.Growth | None:
    unit = refs.unit(g.unit, at("unit"))
    if unit is not None and parse_figure(g.value) is None:
        refs.report.fail(at("value"), f"growth {g.value!r} is not a number", 'write the digits as the source does, e.g. "7.2"')
    elif unit is not None:
        figure(refs.report, g.value, unit, g.qualifier, quote, at("value"), at("qualifier"), what="growth")
    marker = GROWTH_MARKERS.get(g.basis) or (f"较{g.since}年" if g.since else "")
    if g.basis == "since" and g.since is None:
        refs.report.fail(at("since"), "growth with basis 'since' needs the year it is measured from", "add since: YEAR")
    elif marker and marker not in quote:
        refs.report.fail(at("basis"), f"growth basis {g.basis!r} needs {marker!r} in the quote", "")
    if unit is None:
        return None
    return model.Growth(value=g.value, unit=unit, basis=g.basis, since=g.since, qualifier=g.qualifier)


def _national(refs: Refs, n: schema.National, quote: str, at: At) -> model.National:
    share = share_problem(n.value, n.form)
    problem = national_in(n.value, n.form, quote)
    if share:
        refs.report.fail(at("value"), share, "check the figure and its form against the quoted sentence")
    elif problem:
        refs.report.fail(
            at("value"),
            problem,
            "write the share as the source does: 28.7 with form percent, 1/7 with form fraction, 一半 with form half, 11.4 with form multiple",
        )
    if n.qualifier and n.qualifier not in quote:
        refs.report.fail(at("qualifier"), f"qualifier {n.qualifier!r} does not occur in the quote", "")
    return model.National(value=n.value, form=n.form, qualifier=n.qualifier)


def build_standings(refs: Refs, doc: Document, items: list[schema.Standing], loc: Loc, owner: str) -> tuple[model.Standing, ...]:
    out = []
    for i, st in enumerate(items):
        at = At(doc, (*loc, i))
        if st.id in refs.standing_ids:
            refs.report.fail(at("id"), f"duplicate standing id {st.id!r}", "standing ids must be unique across all files")
            continue
        refs.standing_ids.add(st.id)
        src = refs.source(st.source, at("source"))
        if squash(st.standing.zh) not in squash(st.quote):
            refs.report.fail(
                at("standing", "zh"), "the standing does not occur in its quote", "write the rank exactly as the quoted sentence states it, e.g. 稳居全国各城市首位"
            )
        for j, ref in enumerate(st.indicators):
            refs.indicator(ref, at("indicators", j))
        if src is None:
            continue
        verbatim(refs, st.quote, src, at("quote"))
        dated(refs.report, st.period, st.year, st.quote, src, at("year"))
        built = model.Standing(
            id=st.id,
            subject=st.subject,
            standing=st.standing,
            period=st.period,
            year=st.year,
            source=src,
            quote=st.quote,
            indicators=tuple(st.indicators),
            owner=owner,
        )
        refs.standings[st.id] = built
        out.append(built)
    return tuple(out)
