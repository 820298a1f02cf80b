"""Render Vega-Lite specs to SVG with vl-convert, cached by content hash.

The cache key covers the spec, the output format and the vl-convert version,
so an unchanged chart is never rendered twice. Output is byte-stable.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import altair as alt
import vl_convert as vlc

from generator import cachefs
from generator.charts.fonts import chart_font, digest
from generator.charts.kinds import build_chart
from generator.fingerprint import code_digest
from generator.run import workers

if TYPE_CHECKING:
    from generator.charts.data import ChartData
    from generator.charts.fonts import FontFile
    from generator.charts.registry import Layout
    from generator.load.locales import Locale
    from generator.model import Chart

# The Vega-Lite version Altair writes specs for, as vl-convert names it ("6.1").
VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

VERSION = f"vl-convert {vlc.__version__ if hasattr(vlc, '__version__') else ''} vega {vlc.get_vega_version()}"


_MEASURING: list[Path] = []  # the folder of the font given to vl-convert in this process
_TEXTS: dict[int, tuple[dict, str]] = {}  # by the spec's identity; the spec is held, so its id is not reused
_TEXTS_KEPT = 8192


def spec_json(spec: dict) -> str:
    """A spec as its file holds it and as its drawing is keyed (sorted keys, one-space indent), serialised once per
    spec object: the specs are memoised (:class:`SpecMemo`), and the preview at 10x serialised the same 180 specs
    three times on every save. Specs are never changed once built."""
    kept = _TEXTS.get(id(spec))
    if kept is None or kept[0] is not spec:
        if len(_TEXTS) >= _TEXTS_KEPT:
            del _TEXTS[next(iter(_TEXTS))]  # the oldest
        kept = _TEXTS[id(spec)] = (spec, json.dumps(spec, ensure_ascii=False, indent=1, sort_keys=True))
    return kept[1]


@dataclass
class RenderCache:
    folder: Path
    hits: int = 0
    misses: int = 0
    seconds: float = 0.0
    _font: tuple[FontFile, str] | None = field(default=None, init=False, repr=False)

    def measure_with(self, font: FontFile, text: str) -> None:
        """In a build worker, draw with the subset of ``font`` that has the characters of ``text``, every character
        this process will draw (its language's specs): the drawings are the same, three times quicker
        (:meth:`generator.charts.fonts.FontFile.measuring`). The font is made and given to vl-convert at the first
        drawing not in the cache, so a build that draws nothing makes none.

        Nowhere else: vl-convert keeps the first font it is given under a family for the life of the process, and
        a later text with a character that font lacks is measured with whichever installed font has it, which
        can move the chart (tests/test_chart_fonts.py). A worker draws one language once and ends; the preview and a build
        with ``--jobs 1`` draw with the installed font alone, as before.
        """
        if workers.in_worker():
            self._font = (font, text)

    def _key(self, spec_json: str, fmt: str) -> str:
        return hashlib.sha256(f"{VERSION}\0{fmt}\0{spec_json}".encode()).hexdigest()[:32]

    def _path(self, spec: dict) -> Path:
        return self.folder / f"{self._key(spec_json(spec), 'svg')}.svg"

    def _give_font(self, font: FontFile, text: str) -> None:
        self._font = None
        folder = font.measuring(text, self.folder.parent / "fonts")  # named by its characters
        if _MEASURING and _MEASURING[0] != folder:  # never two in a worker: the first would stay, lacking what the second adds
            raise AssertionError(f"vl-convert was given another chart font in this process already ({_MEASURING[0]})")
        if not _MEASURING:
            vlc.register_font_directory(str(folder))
            _MEASURING.append(folder)

    def drawn(self, spec: dict) -> str | None:
        """The chart's SVG if this exact spec was rendered before, else None (nothing is drawn)."""
        cached = cachefs.get(self._path(spec))
        return None if cached is None else cached.decode("utf-8")

    def render_svg(self, spec: dict) -> str:
        """The chart's SVG, from the cache when this exact spec was rendered before."""
        path = self._path(spec)
        cached = cachefs.get(path)
        if cached is not None:
            self.hits += 1
            return cached.decode("utf-8")
        self.misses += 1
        start = time.perf_counter()
        if self._font is not None:
            self._give_font(*self._font)
        svg = vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)
        self.seconds += time.perf_counter() - start
        cachefs.put(path, svg.encode("utf-8"))
        return svg


@dataclass
class SpecMemo:
    """The Vega-Lite specs built, by everything a spec is built from (the chart, its data in the
    language, its title, the language and the layout): only the specs of the charts a change touches
    are built again. Altair took about 0.7 s a language for the real content's 20 charts × 2 layouts.

    Kept in this process (the preview's) and, with ``folder``, on disk for the next build, keyed
    also by the generator's code, the pinned packages and the chart font's file.
    """

    folder: Path | None = None
    specs: dict[str, dict] = field(default_factory=dict)
    built: int = 0
    reused: int = 0

    def spec(self, chart: Chart, data: ChartData, locale: Locale, layout: Layout) -> dict:
        key = hashlib.sha256(repr((chart, data, locale.text(chart.title), locale.code, locale.data, layout)).encode("utf-8")).hexdigest()
        if key not in self.specs and self.folder is not None:
            kept = cachefs.get_json(self._path(key))
            if isinstance(kept, dict):
                self.specs[key] = kept
        if key in self.specs:
            self.reused += 1
        else:
            self.built += 1
            self.specs[key] = build_chart(chart, data, locale, layout, validate=False)  # every spec is schema-validated in the tests
            if self.folder is not None:
                cachefs.put_json(self._path(key), self.specs[key])
        return self.specs[key]

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{hashlib.sha256(_code_and_font() + key.encode()).hexdigest()[:32]}.json"


@functools.cache
def _code_and_font() -> bytes:

    font = chart_font()
    return code_digest() + f"{digest(font.path)}:{font.index}".encode()
