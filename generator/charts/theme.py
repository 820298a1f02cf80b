"""The site's chart look, as one registered Altair theme."""

from __future__ import annotations

import altair as alt

FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Noto Sans SC, sans-serif"  # each chart sets its locale's chart_font
PALETTE = ["#1f5aa6", "#d9822b", "#2a9d8f", "#8e5ea2", "#c0392b", "#6c757d"]
THEME = "tracker"


@alt.theme.register(THEME, enable=True)
def tracker_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": "#ffffff",
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 260},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "labelColor": "#333333",
                "titleColor": "#333333",
                "gridColor": "#e6e6e6",
                "domainColor": "#888888",
                "labelLimit": 260,
            },
            "axisY": {"titleAngle": 0, "titleAlign": "left", "titleAnchor": "end", "titleY": -10, "titleX": 0, "titleBaseline": "bottom"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "labelLimit": 400},
            "title": {"fontSize": 14, "anchor": "start", "color": "#222222"},
            "range": {"category": PALETTE},
            "text": {"fontSize": 12, "color": "#222222"},
            "bar": {"color": PALETTE[0]},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 70, "filled": True},
        }
    }
