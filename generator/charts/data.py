"""Rows, table and description of a chart, in one language.

Values keep the source's digits: the sources' language plots the figures as
written (in the smallest unit on the chart), a translated language in the unit
its text uses (CNY billion…).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from generator.charts.registry import KINDS
from generator.load.locales import Locale
from generator.model import Chart, Indicator, Observation, Unit


@dataclass(frozen=True)
class ChartData:
    rows: list[dict[str, object]]
    columns: list[tuple[str, str]]  # (row key, column heading)
    axis_title: str
    description: str
    order: list[str]
    colon: str  # the language's colon, for labels that join a name and its value


def _display_unit(indicators: tuple[Indicator, ...]):
    units = [o.unit for i in indicators for o in i.observations] + [i.unit for i in indicators]
    return min(units, key=lambda u: u.magnitude)


def plotted(obs: Observation, display: Unit, loc: Locale) -> float:
    shift = obs.unit.magnitude - display.magnitude + (0 if loc.data.figures.as_written else display.display(loc.code).shift)
    return float(obs.number.scaleb(shift))


def chart_data(chart: Chart, loc: Locale) -> ChartData:
    """The rows, table and description of a chart, built by the function its kind names in the registry."""
    build: Callable[[Chart, Locale], ChartData] = globals()[KINDS[chart.kind].data]
    return build(chart, loc)


def _columns(loc: Locale) -> tuple[str, str, str, str]:
    return loc.label("chart_indicator"), loc.label("chart_value"), loc.label("chart_period"), loc.label("source")


def _axis(chart: Chart, loc: Locale) -> tuple[Unit, str]:
    display = _display_unit(chart.indicators + ((chart.total,) if chart.total else ()))
    return display, loc.text(display.axis)


def _sentences(parts: list[str], loc: Locale) -> str:
    return loc.p.items.join(parts) + loc.p.stop


def _dated(text: str, period: object, loc: Locale) -> str:
    return f"{text}{loc.p.open}{period}{loc.p.close}"


def series_rows(chart: Chart, loc: Locale) -> ChartData:
    """Every observation of each indicator, in time order (time series)."""
    display, axis = _axis(chart, loc)
    label_col, value_col, period_col, source_col = _columns(loc)
    rows: list[dict[str, object]] = []
    for ind in chart.indicators:
        for obs in ind.observations:
            rows.append(
                {
                    "series": loc.text(ind.name),
                    "year": obs.year,
                    "period": loc.period(obs.period, obs.year),
                    "value": plotted(obs, display, loc),
                    "label": loc.observation(obs),
                    "source": obs.source.id,
                }
            )
    parts = []
    for ind in chart.indicators:
        points = loc.p.points.join(_dated(loc.observation(o), loc.period(o.period, o.year), loc) for o in ind.observations)
        parts.append(f"{loc.text(ind.name)}{loc.p.colon}{points}")
    description = _sentences(parts, loc)
    columns = [("series", label_col), ("period", period_col), ("label", value_col), ("source", source_col)]
    order = [loc.text(i.name) for i in chart.indicators]
    return ChartData(rows, columns, axis, description, order, loc.p.colon)


def share_rows(chart: Chart, loc: Locale) -> ChartData:
    """Each indicator's latest share of the national total."""
    label_col, value_col, period_col, source_col = _columns(loc)
    rows: list[dict[str, object]] = []
    for ind in chart.indicators:
        obs = ind.latest
        assert obs.national is not None
        rows.append(
            {
                "series": loc.text(ind.name),
                "value": float(Decimal(obs.national.value)),
                "label": f"{obs.national.value}%",
                "period": loc.period(obs.period, obs.year),
                "figure": loc.observation(obs),
                "source": obs.source.id,
            }
        )
    description = _sentences([_dated(f"{r['series']}{loc.p.colon}{_national(ind, loc)}", r["period"], loc) for r, ind in zip(rows, chart.indicators, strict=True)], loc)
    columns = [("series", label_col), ("figure", value_col), ("label", loc.label("share_of_national")), ("period", period_col), ("source", source_col)]
    return ChartData(rows, columns, loc.label("share_of_national_axis"), description, [str(r["series"]) for r in rows], loc.p.colon)


def latest_rows(chart: Chart, loc: Locale) -> ChartData:
    """The latest observation of each indicator (comparison, composition of a total)."""
    display, axis = _axis(chart, loc)
    label_col, value_col, period_col, source_col = _columns(loc)
    rows: list[dict[str, object]] = []
    for ind in chart.indicators:
        obs = ind.latest
        rows.append(
            {
                "series": loc.text(ind.name),
                "value": plotted(obs, display, loc),
                "label": loc.observation(obs),
                "period": loc.period(obs.period, obs.year),
                "source": obs.source.id,
            }
        )
    parts = [_dated(f"{r['series']}{loc.p.colon}{r['label']}", r["period"], loc) for r in rows]
    if chart.total is not None:
        lead = f"{loc.text(chart.total.name)}{loc.p.colon}{loc.observation(chart.total.latest)}{loc.label('of_which')}"
        description = lead + loc.p.parts.join(parts) + loc.p.stop
    else:
        description = _sentences(parts, loc)
    columns = [("series", label_col), ("label", value_col), ("period", period_col), ("source", source_col)]
    return ChartData(rows, columns, axis, description, [str(r["series"]) for r in rows], loc.p.colon)


def _national(ind: Indicator, loc: Locale) -> str:
    national = ind.latest.national
    assert national is not None  # share_of_national charts are checked to have it
    return loc.national(national)


def target_rows(chart: Chart, loc: Locale) -> ChartData:
    """Each target's latest observation as a percentage of the target, with the year of that figure and its rating.

    A bar says no more than the rating: a target rated "not enough data" has none (its row says why), and a figure
    the source bounds ("above 6%") is a bound of the share too ("at least 100%")."""
    rows: list[dict[str, object]] = []
    parts = []
    for target in chart.targets:
        progress = target.progress
        label = loc.progress_label(progress.level)
        title = loc.text(target.title)
        latest = loc.observation(progress.latest) if progress.latest else loc.label("no_data")
        percent = progress.percent_of_target
        drawn = percent is not None and progress.level != "not_enough_data"
        if drawn and percent is not None and progress.latest is not None:
            share = f"{loc.number(percent, grouping=False)}%"
            share = loc.label(f"bound_{progress.bound}", value=share) if progress.bound else share
            early = loc.label("early_label", early=loc.early(progress.years_early)) if progress.years_early else ""
            text = f"{share} · {progress.latest.year} · {label}{early}"
        else:
            reason = loc.label(f"short_{progress.reason}", year=progress.latest.year if progress.latest else "")
            text = f"{label}{loc.p.colon}{reason}"
        rows.append(
            {
                "series": title,
                "value": float(percent) if drawn and percent is not None else 0.0,
                "label": text,
                "latest": latest,
                "status": label,
                "source": target.source.id,
            }
        )
        parts.append(f"{title}{loc.p.colon}{text}")
    description = _sentences(parts, loc)
    columns = [("series", loc.label("target")), ("latest", loc.label("latest")), ("label", loc.label("share_year_rating")), ("status", loc.label("status"))]
    return ChartData(rows, columns, loc.label("share_of_target_axis"), description, [str(r["series"]) for r in rows], loc.p.colon)
