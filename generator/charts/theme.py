"""The site's chart look, as one registered Altair theme, and the colours the dark scheme draws instead.

Every colour a chart draws is listed here once. The static charts are drawn in
the light colours; :func:`stylesheet` writes the CSS that redraws them in the
dark scheme (CSS outranks SVG presentation attributes), and the font the charts
were measured with.
"""

from __future__ import annotations

import itertools

import altair as alt

from generator.charts import fonts
from generator.charts.registry import FONT_SIZE, LAYOUTS

# Data colours: each draws white text at ≥ 4.5:1 and stands at ≥ 3:1 on white; the dark ones on the dark page likewise.
PALETTE = ["#1f5aa6", "#b35900", "#1d7a6e", "#7a4a96", "#b03a2e", "#5c6670"]
PALETTE_DARK = ["#8ab4f8", "#f5a25d", "#5cc8b6", "#c9a2e0", "#f28b82", "#b0b8c0"]
TITLE, LABEL, GRID, DOMAIN = "#222222", "#333333", "#e6e6e6", "#888888"
RULE = PALETTE[4]  # the 100% line of target charts
BACKGROUND = "#ffffff"
INSIDE = "#ffffff"  # labels drawn on a bar; the dark scheme writes them dark on its lighter bars
DARK = {
    TITLE: "#e8eaed",
    LABEL: "#e2e4e9",
    GRID: "#3b404d",
    DOMAIN: "#9aa0a6",
    **dict(zip(PALETTE, PALETTE_DARK, strict=True)),
}
INSIDE_DARK = "#111111"
TITLE_SIZE = 14
THEME = "tracker"


@alt.theme.register(THEME, enable=True)
def tracker_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": fonts.STACK,
            "background": BACKGROUND,
            "padding": 5,
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 260},
            "axis": {
                "labelFontSize": FONT_SIZE,
                "titleFontSize": FONT_SIZE,
                "titleFontWeight": "normal",
                "labelColor": LABEL,
                "titleColor": LABEL,
                "gridColor": GRID,
                "domainColor": DOMAIN,
                "tickColor": DOMAIN,
                "titlePadding": 10,  # a CJK line box is taller than its glyphs: keep the boxes of labels and title apart
            },
            "axisY": {"titleAngle": 0, "titleAlign": "left", "titleAnchor": "end", "titleY": -10, "titleX": 0, "titleBaseline": "bottom"},
            "legend": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "titleFontWeight": "normal", "labelColor": LABEL, "orient": "bottom", "rowPadding": 6},
            "title": {"fontSize": TITLE_SIZE, "fontWeight": "normal", "anchor": "start", "color": TITLE, "lineHeight": 18},
            "range": {"category": PALETTE},
            "text": {"fontSize": FONT_SIZE, "color": LABEL, "lineHeight": 15},
            "bar": {"color": PALETTE[0]},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 70, "filled": True},
            "rule": {"color": RULE},
        }
    }


def stylesheet(font_url: str) -> str:
    """The charts' CSS: their font (the subset served with the site), which layout shows at which width, and their colours in the dark scheme."""
    scope = '[data-md-color-scheme="slate"] figure.chart svg'
    rules = [
        "/* Written by the build (generator/charts/theme.py): the charts' font and their dark-scheme colours. */",
        f'@font-face {{ font-family: "{fonts.WEB_FAMILY}"; src: url("{font_url}") format("woff2"); font-display: swap; }}',
        f"{scope} > rect:first-child {{ fill: transparent; }}",  # the static chart's background
        f"{scope} {{ background-color: transparent !important; }}",  # the live chart's, an inline style
    ]
    for light, dark in DARK.items():
        rules.append(f'{scope} [fill="{light}"] {{ fill: {dark}; }}')
        rules.append(f'{scope} [stroke="{light}"] {{ stroke: {dark}; }}')
    rules.append(f"{scope} .inside_marks text {{ fill: {INSIDE_DARK}; }}")
    # Each layout is shown only where its text stays at 11 CSS px or more (the widest one without container queries).
    rules.append("figure.chart .chart-static { container-type: inline-size; }")
    rules.append(f"figure.chart .chart-layout:not(.chart-{LAYOUTS[0].name}) {{ display: none; }}")
    for wider, layout in itertools.pairwise(LAYOUTS):
        below = f"{wider.shown_from - 0.02:.2f}px"
        swap = f"figure.chart .chart-layout.chart-{wider.name} {{ display: none; }} figure.chart .chart-layout.chart-{layout.name} {{ display: block; }}"
        rules.append(f"@container (max-width: {below}) {{ {swap} }}")
    return "\n".join(rules) + "\n"
