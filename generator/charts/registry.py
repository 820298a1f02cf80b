"""Every chart kind and layout in one place: what it takes, the rules its declaration must meet, and which
functions build its rows (:mod:`generator.charts.data`) and draw it (:mod:`generator.charts.kinds`).

Adding a chart kind is one entry here plus those two functions and a golden spec test; the
schema's list of kinds, the validation rules and the build all read this table. It imports
nothing heavy, so validation stays fast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Kind:
    name: str
    takes: Literal["indicators", "targets"]
    data: str  # function in generator.charts.data: (chart, lang) -> ChartData
    spec: str  # function in generator.charts.kinds: (chart, data, lang) -> Altair chart
    min_indicators: int = 1
    min_observations: int = 1  # each indicator's
    one_dimension: bool = False  # all indicators (and the total) measure the same thing
    national_percent: bool = False  # each indicator states a share of the national total in percent
    total: bool = False  # needs the indicator that is the whole
    log_scale: bool = False  # may use scale: log


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("time_series", "indicators", data="series_rows", spec="time_series", min_observations=2, one_dimension=True),
        Kind("share_of_national", "indicators", data="share_rows", spec="share_of_national", min_indicators=2, national_percent=True),
        Kind("comparison", "indicators", data="latest_rows", spec="comparison", min_indicators=2, one_dimension=True, log_scale=True),
        Kind("composition", "indicators", data="latest_rows", spec="composition", min_indicators=2, one_dimension=True, total=True),
        Kind("target_progress", "targets", data="target_rows", spec="target_progress"),
    )
}
NAMES = tuple(KINDS)


FONT_SIZE = 12  # CSS px of every chart label (titles are larger)
SMALLEST = 11  # CSS px: no chart text is drawn smaller at any width the layouts are shown at


@dataclass(frozen=True)
class Layout:
    name: str
    width: int  # the SVG's whole width in CSS px, padding included
    suffix: str  # in file names: "" for the downloads, ".narrow" for the phone layout

    @property
    def shown_from(self) -> int:
        """The narrowest column (CSS px) this layout is shown in: where its text shrinks to :data:`SMALLEST`."""
        return math.ceil(self.width * SMALLEST / FONT_SIZE)


WIDE = Layout("wide", 640, "")
NARROW = Layout("narrow", 320, ".narrow")
LAYOUTS = (WIDE, NARROW)
