"""One function per chart kind, each drawing an ``alt.Chart``/layer for one layout.

Every chart is laid out twice, for a wide and a narrow column (:data:`LAYOUTS`),
at its exact width: the page shows the layout that fits without shrinking chart
text below 11 CSS px. Labels are wrapped here, measured with the chart font
(:mod:`generator.charts.fonts`), so none is ever cut; the data table and the
tooltip carry the full texts too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import altair as alt
from altair.utils.schemapi import debug_mode

from generator.charts import fonts
from generator.charts.data import ChartData
from generator.charts.registry import FONT_SIZE, KINDS, WIDE, Layout
from generator.charts.theme import INSIDE, PALETTE, RULE, TITLE_SIZE
from generator.load.locales import Locale
from generator.model import Chart
from generator.render import escape

if TYPE_CHECKING:
    from altair.utils.schemapi import UndefinedType

PAD = 5  # the theme's padding on each side (theme.py "padding")
LINE = 15  # line height of wrapped labels (the theme's text lineHeight)
LABEL_COLUMN = 200  # widest bar label column of the wide layout, in px
GAP = 4  # between a bar's end and its value label


@dataclass(frozen=True)
class Frame:
    """What a kind needs to draw in one layout: the width and the chart font."""

    layout: Layout
    font: fonts.FontFile

    @property
    def inner(self) -> int:
        return self.layout.width - 2 * PAD

    def wrap(self, text: str, width: float, size: float = FONT_SIZE) -> str:
        return "\n".join(self.font.wrap(text, size, width))

    def widest(self, texts: list[str]) -> float:
        return max((self.font.width(line, FONT_SIZE) for text in texts for line in text.split("\n")), default=0.0)


def _tooltip(data: ChartData) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{key}:N", title=title) for key, title in data.columns]


def _split(limit: int) -> dict[str, Any]:
    """Axis or legend labels drawn on as many lines as their wrapped text has, none cut short of ``limit`` px."""
    return {"labelExpr": "split(datum.label, '\\n')", "labelLimit": limit}


def _keyed(data: ChartData, frame: Frame, width: float, text: dict[str, str] | None = None) -> tuple[list[dict[str, object]], list[str]]:
    """The rows with ``key``: each series' text (or ``text[series]``) wrapped to ``width``, and the keys in series order."""
    keys = {name: frame.wrap((text or {}).get(name, name), width) for name in data.order}
    return [dict(row, key=keys[str(row["series"])]) for row in data.rows], [keys[name] for name in data.order]


def _legend(frame: Frame) -> alt.Legend:
    return alt.Legend(orient="bottom", direction="vertical", title=None, **_split(frame.inner))


def time_series(chart: Chart, data: ChartData, frame: Frame) -> alt.TopLevelMixin:
    rows, keys = _keyed(data, frame, frame.inner - 30)
    years = sorted({int(str(r["year"])) for r in rows})
    first, last = years[0], years[-1]
    base = alt.Chart().encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d", values=years, grid=False), scale=alt.Scale(domain=[first, last], nice=False, padding=24)),
        y=alt.Y("value:Q", title=escape.vega_text(data.axis_title), scale=alt.Scale(zero=True)),
        color=alt.Color("key:N", sort=keys, legend=_legend(frame) if len(keys) > 1 else None),
        tooltip=_tooltip(data),
    )
    layers = [base.mark_line(), base.mark_point()]
    # A point's label sits above it: the first year's starts at its point, the last year's ends at it, so
    # neither runs into the axis or off the chart.
    placed: tuple[tuple[Literal["left", "center", "right"], str, int], ...] = (
        ("left", f"datum.year == {first}", -4),
        ("right", f"datum.year == {last}", 4),
        ("center", f"datum.year > {first} && datum.year < {last}", 0),
    )
    for align, test, dx in placed[: len(years)]:  # no middle layer without middle years (Vega warns of an empty extent)
        layers.append(base.transform_filter(test).mark_text(align=align, dy=-12, dx=dx).encode(text=alt.Text("label:N")))
    return alt.layer(*layers, data=alt.Data(values=rows), height=260 if frame.layout is WIDE else 220)


def _log_axis(domain: list[float]) -> alt.Axis | UndefinedType:
    """A log axis ticked, gridded and labelled at the powers of ten inside ``domain`` alone, so no line goes unlabelled
    (Vega lines every multiple from 1 to 9 and labels some); Vega's own ticks when the domain holds fewer than two."""
    decades = [10.0**k for k in range(math.ceil(math.log10(domain[0])), math.floor(math.log10(domain[1])) + 1)]
    return alt.Axis(values=decades) if len(decades) >= 2 else alt.Undefined


def _domain(rows: list[dict[str, object]], frame: Frame, plot: float, low: float, high: float, log: bool, labels: bool) -> list[float]:
    """[low, high], high raised until every value label fits right of its bar inside ``plot`` px."""
    if not labels:
        return [low, high]
    for row in rows:
        value = float(str(row["value"]))
        room = plot - GAP - frame.font.width(str(row["label"]), FONT_SIZE) - 2
        if value <= low or room <= 0:
            continue
        # the bar may take room/plot of the axis: the end of the domain moves out accordingly
        needed = 10 ** (math.log10(low) + (math.log10(value) - math.log10(low)) * plot / room) if log else low + (value - low) * plot / room
        high = max(high, needed)
    return [low, high]


def _bars(
    data: ChartData,
    frame: Frame,
    axis_title: str,
    low: float = 0.0,
    high: float = 0.0,
    log: bool = False,
    rule: float | None = None,
) -> alt.TopLevelMixin:
    """Horizontal bars, one per series: names left of the bars in the wide layout, above them in the narrow one."""
    wide = frame.layout is WIDE
    if wide:
        rows, keys = _keyed(data, frame, LABEL_COLUMN)
        label_width = frame.widest(keys)
        plot = frame.inner - label_width - 10
        lines = max(key.count("\n") + 1 for key in keys)
        step = max(36, LINE * lines + 14)
    else:
        colon = data.colon
        rows, keys = _keyed(data, frame, frame.inner, {str(r["series"]): f"{r['series']}{colon}{r['label']}" for r in data.rows})
        plot = frame.inner - 8
        lines = max(key.count("\n") + 1 for key in keys)
        step = LINE * lines + 26
    high = max(high, max(float(str(r["value"])) for r in rows))
    domain = _domain(rows, frame, plot, low, high, log, wide)
    scale = alt.Scale(type="log", domain=domain, nice=False) if log else alt.Scale(domain=domain, nice=False, zero=low == 0)
    y_axis = alt.Axis(**_split(LABEL_COLUMN + 20)) if wide else None
    base = alt.Chart().encode(
        y=alt.Y("key:N", title=None, sort=keys, axis=y_axis, scale=alt.Scale(paddingInner=0, paddingOuter=0)),
        x=alt.X("value:Q", title=escape.vega_text(axis_title), scale=scale, axis=_log_axis(domain) if log else alt.Undefined),
        tooltip=_tooltip(data),
    )
    bar_height = 22 if wide else 14
    offset = 0 if wide else step / 2 - bar_height / 2 - 4  # narrow: the bar at the foot of its band, its text above
    bars = base.mark_bar(height=bar_height, yOffset=offset, color=PALETTE[0])
    if log:  # a log scale has no zero: bars start at the domain's lower end
        bars = bars.encode(x2=alt.X2Datum(low))
    layers = [bars] if rule is None else [alt.Chart(alt.Data(values=[{"rule": rule}])).mark_rule(color=RULE, strokeDash=[4, 3]).encode(x=alt.X("rule:Q")), bars]
    if wide:
        layers.append(base.mark_text(align="left", baseline="middle", dx=GAP).encode(text=alt.Text("label:N")))
    else:  # the name and value, wrapped, just above the bar
        # a text's first line is placed; blank lines ahead of a shorter text bring its last line down to the bar
        top = offset - bar_height / 2 - 3 - LINE * lines
        for row in rows:
            row["text"] = "\n" * (lines - 1 - str(row["key"]).count("\n")) + str(row["key"])
        layers.append(base.mark_text(align="left", baseline="top", lineBreak="\n", yOffset=top).encode(x=alt.XDatum(low), text=alt.Text("text:N")))
    return alt.layer(*layers, data=alt.Data(values=rows), height=step * len(rows))  # a fixed height: "fit-x" warns with a stepped one


def share_of_national(chart: Chart, data: ChartData, frame: Frame) -> alt.TopLevelMixin:
    return _bars(data, frame, data.axis_title, high=100)


def comparison(chart: Chart, data: ChartData, frame: Frame) -> alt.TopLevelMixin:
    if chart.scale == "log":
        low = 10 ** (len(str(int(min(float(str(r["value"])) for r in data.rows)))) - 1)
        return _bars(data, frame, data.axis_title, low=low, log=True)
    return _bars(data, frame, data.axis_title)


def composition(chart: Chart, data: ChartData, frame: Frame) -> alt.TopLevelMixin:
    """One bar split into its parts; the legend names each part with its value, a part wide enough shows it too."""
    colon = data.colon
    rows, keys = _keyed(data, frame, frame.inner - 30, {str(r["series"]): f"{r['series']}{colon}{r['label']}" for r in data.rows})
    total = sum(float(str(r["value"])) for r in rows)
    plot = frame.inner - 10
    left = 0.0
    drawn = []
    for row in rows:
        right = left + float(str(row["value"]))
        fits = frame.font.width(str(row["label"]), FONT_SIZE) + 8 <= plot * (right - left) / total
        drawn.append(dict(row, x0=left, x1=right, mid=(left + right) / 2, inside=str(row["label"]) if fits else ""))
        left = right
    base = alt.Chart().encode(tooltip=_tooltip(data))
    bars = base.mark_bar(height=40).encode(
        x=alt.X("x0:Q", title=escape.vega_text(data.axis_title), scale=alt.Scale(domain=[0, total], nice=False)),
        x2=alt.X2("x1:Q"),
        color=alt.Color("key:N", sort=keys, legend=_legend(frame)),
    )
    labels = base.mark_text(color=INSIDE, baseline="middle").encode(x=alt.X("mid:Q"), text=alt.Text("inside:N")).properties(name="inside")
    return alt.layer(bars, labels, data=alt.Data(values=drawn), height=60)


def target_progress(chart: Chart, data: ChartData, frame: Frame) -> alt.TopLevelMixin:
    return _bars(data, frame, data.axis_title, high=120, rule=100)


def build_chart(chart: Chart, data: ChartData, loc: Locale, layout: Layout = WIDE, validate: bool = True) -> dict:
    """The Vega-Lite spec (dict) of a declared chart in one language and layout."""
    frame = Frame(layout, fonts.chart_font())
    draw = globals()[KINDS[chart.kind].spec]  # the function the kind names in the registry
    title = [escape.vega_text(line) for line in frame.font.wrap(loc.text(chart.title), TITLE_SIZE, frame.inner)]
    with debug_mode(validate):  # in its debug mode (the default) Altair also validates each object as it is made
        spec = draw(chart, data, frame)
        # set on the layer the kind made rather than by .properties(), which copies every layer twice (about 3 ms a spec)
        spec.title = alt.TitleParams(title if len(title) > 1 else title[0])
        spec.width = layout.width
        spec.autosize = alt.AutoSizeParams(type="fit-x", contains="padding")
        out = spec.to_dict(validate=validate)
    out.pop("$schema", None)
    out["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json"
    out["description"] = data.description
    return out
