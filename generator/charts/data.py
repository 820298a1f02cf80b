"""Rows, table and description of a chart, in one language.

Values keep the source's digits: Chinese plots the figures as written (in the
smallest unit on the chart), English in the unit its text uses (CNY billion…).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from generator.charts.registry import KINDS
from generator.i18n import COLON, PROGRESS_LABELS
from generator.model import Chart, Indicator, Observation
from generator.numbers import Lang, format_national, format_observation, format_period

SEP = {"zh": "；", "en": "; "}


@dataclass(frozen=True)
class ChartData:
    rows: list[dict[str, object]]
    columns: list[tuple[str, str]]  # (row key, column heading)
    axis_title: str
    description: str
    order: list[str]


def _display_unit(indicators: tuple[Indicator, ...]):
    units = [o.unit for i in indicators for o in i.observations] + [i.unit for i in indicators]
    return min(units, key=lambda u: u.magnitude)


def plotted(obs: Observation, display, lang: Lang) -> float:
    shift = obs.unit.magnitude - display.magnitude + (display.en.shift if lang == "en" else 0)
    return float(obs.number.scaleb(shift))


def chart_data(chart: Chart, lang: Lang) -> ChartData:
    """The rows, table and description of a chart, built by the function its kind names in the registry."""
    build: Callable[[Chart, Lang], ChartData] = globals()[KINDS[chart.kind].data]
    return build(chart, lang)


def _columns(lang: Lang) -> tuple[str, str, str, str]:
    if lang == "zh":
        return "指标", "数值", "时间", "来源"
    return "Indicator", "Value", "Period", "Source"


def _axis(chart: Chart, lang: Lang):
    display = _display_unit(chart.indicators + ((chart.total,) if chart.total else ()))
    return display, (display.axis.zh if lang == "zh" else display.axis.en)


def series_rows(chart: Chart, lang: Lang) -> ChartData:
    """Every observation of each indicator, in time order (time series)."""
    display, axis = _axis(chart, lang)
    label_col, value_col, period_col, source_col = _columns(lang)
    rows: list[dict[str, object]] = []
    for ind in chart.indicators:
        for obs in ind.observations:
            rows.append(
                {
                    "series": ind.name.zh if lang == "zh" else ind.name.en,
                    "year": obs.year,
                    "period": format_period(obs.period, obs.year, lang),
                    "value": plotted(obs, display, lang),
                    "label": format_observation(obs, lang),
                    "source": obs.source.id,
                }
            )
    parts = []
    for ind in chart.indicators:
        name = ind.name.zh if lang == "zh" else ind.name.en
        points = ("，" if lang == "zh" else ", ").join(f"{format_period(o.period, o.year, lang)} {format_observation(o, lang)}" for o in ind.observations)
        parts.append(f"{name}{COLON[lang]}{points}")
    description = SEP[lang].join(parts) + ("。" if lang == "zh" else ".")
    columns = [("series", label_col), ("period", period_col), ("label", value_col), ("source", source_col)]
    order = [i.name.zh if lang == "zh" else i.name.en for i in chart.indicators]
    return ChartData(rows, columns, axis, description, order)


def share_rows(chart: Chart, lang: Lang) -> ChartData:
    """Each indicator's latest share of the national total."""
    label_col, value_col, period_col, source_col = _columns(lang)
    rows: list[dict[str, object]] = []
    for ind in chart.indicators:
        obs = ind.latest
        assert obs.national is not None
        rows.append(
            {
                "series": ind.name.zh if lang == "zh" else ind.name.en,
                "value": float(Decimal(obs.national.value)),
                "label": f"{obs.national.value}%",
                "period": format_period(obs.period, obs.year, lang),
                "figure": format_observation(obs, lang),
                "source": obs.source.id,
            }
        )
    description = SEP[lang].join(
        f"{r['series']}{COLON[lang]}{_national(ind, lang)}（{r['period']}）" if lang == "zh" else f"{r['series']}: {_national(ind, lang)} ({r['period']})"
        for r, ind in zip(rows, chart.indicators, strict=True)
    ) + ("。" if lang == "zh" else ".")
    share_col = "占全国比重" if lang == "zh" else "Share of national total"
    columns = [("series", label_col), ("figure", value_col), ("label", share_col), ("period", period_col), ("source", source_col)]
    return ChartData(rows, columns, "%" if lang == "zh" else "% of national total", description, [str(r["series"]) for r in rows])


def latest_rows(chart: Chart, lang: Lang) -> ChartData:
    """The latest observation of each indicator (comparison, composition of a total)."""
    display, axis = _axis(chart, lang)
    label_col, value_col, period_col, source_col = _columns(lang)
    rows: list[dict[str, object]] = []
    for ind in chart.indicators:
        obs = ind.latest
        rows.append(
            {
                "series": ind.name.zh if lang == "zh" else ind.name.en,
                "value": plotted(obs, display, lang),
                "label": format_observation(obs, lang),
                "period": format_period(obs.period, obs.year, lang),
                "source": obs.source.id,
            }
        )
    parts = [f"{r['series']}{COLON[lang]}{r['label']}（{r['period']}）" if lang == "zh" else f"{r['series']}: {r['label']} ({r['period']})" for r in rows]
    if chart.total is not None:
        total = chart.total.latest
        name = chart.total.name.zh if lang == "zh" else chart.total.name.en
        lead = f"{name}{COLON[lang]}{format_observation(total, lang)}"
        lead += "，其中" if lang == "zh" else ", of which "
        description = lead + ("、" if lang == "zh" else "; ").join(parts) + ("。" if lang == "zh" else ".")
    else:
        description = SEP[lang].join(parts) + ("。" if lang == "zh" else ".")
    columns = [("series", label_col), ("label", value_col), ("period", period_col), ("source", source_col)]
    return ChartData(rows, columns, axis, description, [str(r["series"]) for r in rows])


def _national(ind: Indicator, lang: Lang) -> str:
    national = ind.latest.national
    assert national is not None  # share_of_national charts are checked to have it
    return format_national(national, lang)


def target_rows(chart: Chart, lang: Lang) -> ChartData:
    """Each target's latest observation as a percentage of the target, with its rating."""
    rows: list[dict[str, object]] = []
    parts = []
    for target in chart.targets:
        progress = target.progress
        label = PROGRESS_LABELS[progress.level][lang]
        title = target.title.zh if lang == "zh" else target.title.en
        latest = format_observation(progress.latest, lang) if progress.latest else ("无数据" if lang == "zh" else "no data")
        percent = progress.percent_of_target
        rows.append(
            {
                "series": title,
                "value": float(percent) if percent is not None else 0.0,
                "has_data": percent is not None,
                "label": f"{percent}%" if percent is not None else latest,
                "latest": latest,
                "status": label,
                "source": target.source.id,
            }
        )
        if percent is not None:
            parts.append(f"{title}{COLON[lang]}{percent}%（{label}）" if lang == "zh" else f"{title}: {percent}% ({label})")
        else:
            parts.append(f"{title}{COLON[lang]}{label}")
    description = SEP[lang].join(parts) + ("。" if lang == "zh" else ".")
    columns = [
        ("series", "目标" if lang == "zh" else "Target"),
        ("latest", "最新观测值" if lang == "zh" else "Latest observation"),
        ("label", "占目标值" if lang == "zh" else "Share of target"),
        ("status", "状态" if lang == "zh" else "Status"),
    ]
    return ChartData(rows, columns, "占目标值的百分比" if lang == "zh" else "% of target", description, [str(r["series"]) for r in rows])
