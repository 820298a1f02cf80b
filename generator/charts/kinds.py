"""One function per chart kind, each returning an ``alt.Chart``/layer."""

from __future__ import annotations

import altair as alt

from generator.charts import theme  # noqa: F401  (importing it registers and enables the chart theme)
from generator.charts.data import ChartData
from generator.charts.registry import KINDS
from generator.i18n import Locale
from generator.model import Chart

WIDTH = 560


def _tooltip(data: ChartData) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{key}:N", title=title) for key, title in data.columns]


def time_series(chart: Chart, data: ChartData, loc: Locale) -> alt.TopLevelMixin:
    base = alt.Chart(alt.Data(values=data.rows)).encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False, nice=False, padding=24)),
        y=alt.Y("value:Q", title=data.axis_title, scale=alt.Scale(zero=True)),
        color=alt.Color("series:N", title=None, sort=data.order, legend=alt.Legend(orient="bottom", direction="vertical") if len(data.order) > 1 else None),
        tooltip=_tooltip(data),
    )
    lines = base.mark_line()
    points = base.mark_point()
    labels = base.mark_text(dy=-12).encode(text="label:N")
    return alt.layer(lines, points, labels).properties(width=WIDTH, height=260)


def _bars(data: ChartData, scale: alt.Scale, axis_title: str, baseline: float | None = None) -> alt.TopLevelMixin:
    base = alt.Chart(alt.Data(values=data.rows)).encode(
        y=alt.Y("series:N", title=None, sort=data.order, axis=alt.Axis(labelLimit=300)),
        x=alt.X("value:Q", title=axis_title, scale=scale),
        tooltip=_tooltip(data),
    )
    bars = base.mark_bar(height=22)
    if baseline is not None:  # a log scale has no zero: start bars at the domain's lower end
        bars = bars.encode(x2=alt.datum(baseline))
    labels = base.mark_text(align="left", dx=4).encode(text="label:N")
    return alt.layer(bars, labels).properties(width=WIDTH - 200, height=alt.Step(36))


def share_of_national(chart: Chart, data: ChartData, loc: Locale) -> alt.TopLevelMixin:
    return _bars(data, alt.Scale(domain=[0, 100]), data.axis_title)


def comparison(chart: Chart, data: ChartData, loc: Locale) -> alt.TopLevelMixin:
    if chart.scale == "log":
        low = 10 ** (len(str(int(min(float(str(r["value"])) for r in data.rows)))) - 1)
        return _bars(data, alt.Scale(type="log", domainMin=low), data.axis_title, baseline=low)
    return _bars(data, alt.Scale(zero=True), data.axis_title)


def composition(chart: Chart, data: ChartData, loc: Locale) -> alt.TopLevelMixin:
    rows, left = [], 0.0
    for row in data.rows:
        right = left + float(row["value"])  # type: ignore[arg-type]
        rows.append(dict(row, x0=left, x1=right, mid=(left + right) / 2))
        left = right
    base = alt.Chart(alt.Data(values=rows)).encode(tooltip=_tooltip(data))
    bars = base.mark_bar(height=40).encode(
        x=alt.X("x0:Q", title=data.axis_title),
        x2="x1:Q",
        color=alt.Color("series:N", title=None, sort=data.order, legend=alt.Legend(orient="bottom", direction="vertical")),
    )
    labels = base.mark_text(color="#ffffff", baseline="middle").encode(x="mid:Q", text="label:N")
    return alt.layer(bars, labels).properties(width=WIDTH, height=60)


def target_progress(chart: Chart, data: ChartData, loc: Locale) -> alt.TopLevelMixin:
    rows = [*data.rows, {"series": None, "rule": 100}]
    base = alt.Chart(alt.Data(values=rows))
    bar_rows = base.transform_filter("datum.series != null").encode(
        y=alt.Y("series:N", title=None, sort=data.order, axis=alt.Axis(labelLimit=300)),
        x=alt.X("value:Q", title=data.axis_title, scale=alt.Scale(domain=[0, 120])),
        tooltip=_tooltip(data),
    )
    bars = bar_rows.mark_bar(height=22)
    labels = bar_rows.mark_text(align="left", dx=4).encode(text="label:N")
    rule = base.transform_filter("datum.rule != null").mark_rule(color="#c0392b", strokeDash=[4, 3]).encode(x="rule:Q")
    return alt.layer(bars, labels, rule).properties(width=WIDTH - 200, height=alt.Step(36))


def build_chart(chart: Chart, data: ChartData, loc: Locale, validate: bool = True) -> dict:
    """The Vega-Lite spec (dict) of a declared chart in one language."""
    draw = globals()[KINDS[chart.kind].spec]  # the function the kind names in the registry
    spec = draw(chart, data, loc).properties(title=loc.text(chart.title))
    out = spec.to_dict(validate=validate)
    out.pop("$schema", None)
    out["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json"
    out["description"] = data.description
    out.setdefault("config", {})["font"] = loc.data.chart_font
    return out
