"""Render Vega-Lite specs to SVG with vl-convert, cached by content hash.

The cache key covers the spec, the output format and the vl-convert version,
so an unchanged chart is never rendered twice. Output is byte-stable.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import vl_convert as vlc

from generator import cachefs

# The Vega-Lite version Altair writes specs for, as vl-convert names it ("6.1").
VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

VERSION = f"vl-convert {vlc.__version__ if hasattr(vlc, '__version__') else ''} vega {vlc.get_vega_version()}"


@dataclass
class RenderCache:
    folder: Path
    hits: int = 0
    misses: int = 0
    seconds: float = 0.0

    def _key(self, spec_json: str, fmt: str) -> str:
        return hashlib.sha256(f"{VERSION}\0{fmt}\0{spec_json}".encode()).hexdigest()[:32]

    def render_svg(self, spec: dict) -> str:
        """The chart's SVG, from the cache when this exact spec was rendered before."""
        spec_json = json.dumps(spec, sort_keys=True, ensure_ascii=False)
        path = self.folder / f"{self._key(spec_json, 'svg')}.svg"
        cached = cachefs.get(path)
        if cached is not None:
            self.hits += 1
            return cached.decode("utf-8")
        self.misses += 1
        start = time.perf_counter()
        svg = vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)
        self.seconds += time.perf_counter() - start
        cachefs.put(path, svg.encode("utf-8"))
        return svg
