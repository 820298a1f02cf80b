"""Charts: their references, and the rules of their kind from :mod:`generator.charts.registry`."""

from __future__ import annotations

from generator import model
from generator.charts.registry import KINDS
from generator.checks.refs import Refs
from generator.checks.report import At
from generator.load import schema
from generator.load.yamlio import Document, Loc


def build_charts(refs: Refs, doc: Document, charts: list[schema.Chart], loc: Loc, owner: str, indices: list[int] | None = None) -> tuple[model.Chart, ...]:
    out = []
    for i, c in zip(indices or range(len(charts)), charts, strict=True):
        at = At(doc, (*loc, i))
        if c.id in refs.chart_ids:
            refs.report.fail(at("id"), f"duplicate chart id {c.id!r}", "chart ids must be unique across all files")
            continue
        refs.chart_ids.add(c.id)
        indicators = [ind for j, ref in enumerate(c.indicators) if (ind := refs.indicator(ref, at("indicators", j))) is not None]
        targets = [tgt for j, ref in enumerate(c.targets) if (tgt := refs.target(ref, at("targets", j))) is not None]
        total = refs.indicator(c.total, at("total")) if c.total is not None else None
        _kind_rules(refs, c, indicators, total, at)
        out.append(
            model.Chart(
                id=c.id,
                kind=c.kind,
                title=c.title,
                indicators=tuple(indicators),
                targets=tuple(targets),
                total=total,
                scale=c.scale,
                owner=owner,
            )
        )
    return tuple(out)


def _kind_rules(refs: Refs, c: schema.Chart, indicators: list[model.Indicator], total: model.Indicator | None, at: At) -> None:
    """The rules of the chart's kind, read from its registry entry."""
    fail = refs.report.fail
    kind = KINDS[c.kind]
    if kind.takes == "targets":
        if not c.targets:
            fail(at("targets"), f"a {c.kind} chart needs targets", "list target ids under targets:")
        if c.indicators:
            fail(at("indicators"), f"a {c.kind} chart takes targets, not indicators", "")
        return
    if c.targets:
        fail(at("targets"), f"a {c.kind} chart takes indicators, not targets", "")
    if not c.indicators:
        fail(at("indicators"), f"a {c.kind} chart needs indicators", "list indicator ids under indicators:")
        return
    if kind.min_observations > 1:
        for j, ind in enumerate(indicators):
            if len(ind.observations) < kind.min_observations:
                fail(
                    at("indicators", j),
                    f"indicator {ind.id!r} has one observation; a time series needs two or more",
                    "show it as a key figure instead (indicators with one observation are key figures)",
                )
    if len(c.indicators) < kind.min_indicators:
        fail(at("indicators"), f"a {c.kind} chart needs at least two indicators", "")
    if kind.national_percent:
        for j, ind in enumerate(indicators):
            nat = ind.latest.national
            if nat is None or nat.form != "percent":
                fail(at("indicators", j), f"indicator {ind.id!r} has no share of the national total in percent", "")
    if kind.total and total is None and c.total is None:
        fail(at("total"), f"a {c.kind} chart needs the indicator that is the whole", "add total: INDICATOR_ID")
    if not kind.total and c.total is not None:
        fail(at("total"), f"total is only used by {' and '.join(k for k, v in KINDS.items() if v.total)} charts, not {c.kind}", "")
    dims = {ind.unit.dimension for ind in indicators} | ({total.unit.dimension} if total else set())
    if kind.one_dimension and len(dims) > 1:
        fail(at("indicators"), f"indicators on one chart must share a dimension, found {', '.join(sorted(dims))}", "")
    if c.scale == "log" and not kind.log_scale:
        fail(at("scale"), f"a log scale is only available for {' and '.join(k for k, v in KINDS.items() if v.log_scale)} charts", "")
