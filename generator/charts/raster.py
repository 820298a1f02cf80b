"""The chart downloads made from the chart SVGs: the PNGs (rasterised by resvg via vl-convert) and the SVGs
that carry their font (:func:`generator.charts.fonts.embed`). Each is cached by what it is made from."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import vl_convert as vlc

from generator import cachefs
from generator.charts.fonts import digest, embed

if TYPE_CHECKING:
    from generator.charts.fonts import FontFile


class Job(NamedTuple):
    svg: str  # the chart as drawn
    target: str  # the cache file of the download
    font: FontFile | None = None  # the installed chart font, for an SVG download; None for a PNG


def png_job(cache_dir: Path, svg: str) -> Job:
    return Job(svg, str(cache_dir / f"{hashlib.sha256(svg.encode('utf-8')).hexdigest()[:32]}.png"))


def svg_job(cache_dir: Path, svg: str, font: FontFile) -> Job:
    key = hashlib.sha256(f"{svg}\0{digest(font.path)}\0{font.index}\0hb".encode()).hexdigest()[:32]
    return Job(svg, str(cache_dir / f"{key}.download.svg"), font)


def rasterise(jobs: list[Job]) -> int:
    """Make each download not yet cached; return how many were made."""

    made = 0
    for job in jobs:
        path = Path(job.target)
        if cachefs.has(path):
            continue
        cachefs.put(path, vlc.svg_to_png(job.svg, scale=2) if job.font is None else embed(job.svg, job.font).encode("utf-8"))
        made += 1
    return made
