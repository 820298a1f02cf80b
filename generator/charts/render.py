"""Render Vega-Lite specs to SVG/PNG with vl-convert, cached by content hash.

The cache key covers the spec, the output format and the vl-convert version,
so an unchanged chart is never rendered twice. Output is byte-stable.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import vl_convert as vlc

# The Vega-Lite version Altair writes specs for, as vl-convert names it ("6.1").
VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

VERSION = f"vl-convert {vlc.__version__ if hasattr(vlc, '__version__') else ''} vega {vlc.get_vega_version()}"


@dataclass
class RenderCache:
    folder: Path
    hits: int = 0
    misses: int = 0
    seconds: float = 0.0
    _used: set[str] = field(default_factory=set)

    def _key(self, spec_json: str, fmt: str) -> str:
        return hashlib.sha256(f"{VERSION}\0{fmt}\0{spec_json}".encode()).hexdigest()[:32]

    def render(self, spec: dict, fmt: str) -> bytes:
        import time

        spec_json = json.dumps(spec, sort_keys=True, ensure_ascii=False)
        key = self._key(spec_json, fmt)
        path = self.folder / f"{key}.{fmt}"
        self._used.add(path.name)
        if path.exists():
            self.hits += 1
            return path.read_bytes()
        self.misses += 1
        start = time.perf_counter()
        if fmt == "svg":
            data = vlc.vegalite_to_svg(spec, vl_version=VL_VERSION).encode("utf-8")
        elif fmt == "png":
            data = vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=2)
        else:  # pragma: no cover - callers pass svg or png
            raise ValueError(fmt)
        self.seconds += time.perf_counter() - start
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        return data
