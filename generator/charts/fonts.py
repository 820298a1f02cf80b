"""The one font of every chart: measured, wrapped, drawn and served as the same file.

Chart text is laid out by vl-convert, which measures it with the fonts of the
build machine. A reader's browser, WeasyPrint and the PNG rasteriser must draw it
with the very same font or labels overflow and get cut. So charts name a single
family that the setup installs (``fonts-noto-cjk``), found through fontconfig, and
the site serves a subset of that font (only the characters its charts use, as
WOFF2, subset by HarfBuzz and written by fontTools) under its own family name, ``WEB_FAMILY``, listed
first. Nothing depends on fonts the reader happens to have.

The same font file measures text here, so labels can be wrapped to a width
before the chart is laid out.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont

from generator import cachefs
from generator.errors import BuildError

FAMILY = "Noto Sans CJK SC"  # installed by the setup (fonts-noto-cjk); its Latin glyphs set English too
WEB_FAMILY = "Tracker Chart"  # the subset served with the site, the same glyphs and metrics as FAMILY
STACK = f"{WEB_FAMILY}, {FAMILY}, sans-serif"  # what charts name: vl-convert, WeasyPrint and resvg skip to FAMILY
# Characters a chart may draw that its spec does not spell out: d3-format's minus sign and SI prefixes.
ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "\u2212µ…–—·"
WEB_FILE = "assets/fonts/chart.woff2"  # in each language's site; tracker.css declares it


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int  # face in a collection (.ttc)

    def width(self, text: str, size: float) -> float:
        """The advance width of ``text`` at ``size`` px, as vl-convert lays it out (no kerning); a character the font
        lacks is as wide as its .notdef glyph."""
        font, em = _harfbuzz_font(self.path, self.index)
        return sum(font.get_glyph_h_advance(font.get_nominal_glyph(ord(ch)) or 0) for ch in text) * size / em

    def wrap(self, text: str, size: float, width: float) -> list[str]:
        """``text`` broken into lines no wider than ``width`` px, between words or between CJK characters.

        A single word wider than ``width`` keeps its own line (never cut).
        """
        lines: list[str] = []
        line = ""
        for token in tokens(text):
            trial = line + token
            if not line or self.width(trial.rstrip(), size) <= width:
                line = trial
            else:
                lines.append(line.rstrip())
                line = token.lstrip()
        if line.strip():
            lines.append(line.rstrip())
        return lines or [""]

    def subset(self, text: str, cache_dir: Path) -> bytes:
        """A WOFF2 font with the glyphs of ``text`` (and :data:`ALWAYS`) named :data:`WEB_FAMILY`, cached by content."""
        chars = _chars(text)
        return self._made(cache_dir / f"{self._key(chars)}.woff2", chars, woff2=True)

    def measuring(self, text: str, cache_dir: Path) -> Path:
        """The folder of an OpenType font with the glyphs of ``text`` (and :data:`ALWAYS`) named :data:`WEB_FAMILY`,
        for vl-convert to measure and draw the charts with (:meth:`generator.charts.render.RenderCache.measure_with`).

        vl-convert finds :data:`WEB_FAMILY` first in every chart's :data:`STACK`; when that family is not installed it
        looks each text up in the whole CJK collection, which took two thirds of a drawing's time. The subset has the
        same glyphs and metrics, so the drawings are byte for byte the same, provided it holds every character drawn
        with it: one it lacks is measured with whichever installed font has it (tests/test_chart_fonts.py). vl-convert
        reads every font of a folder: each subset has its own.
        """
        chars = _chars(text)
        path = cache_dir / f"measure-{self._key(chars)}" / "chart.otf"
        self._made(path, chars, woff2=False)
        return path.parent

    def _key(self, chars: str) -> str:
        return hashlib.sha256(f"{digest(self.path)}\0{self.index}\0{WEB_FAMILY}\0{chars}\0 4".encode()).hexdigest()[:32]

    def _made(self, path: Path, chars: str, woff2: bool) -> bytes:
        data = cachefs.get(path)
        if data is None:
            data = _subset(self, chars, woff2)
            cachefs.put(path, data)
        return data


@cache
def _harfbuzz_font(path: str, index: int) -> tuple[hb.Font, int]:
    """The font file read by HarfBuzz (mapped, not parsed: fontTools took 0.15 s to read the CJK collection's
    character map and widths, a tenth of a language's pages and charts in a one-figure rebuild), with its units per em."""

    face = hb.Face(hb.Blob.from_file_path(path), index)
    return hb.Font(face), face.upem


def _chars(text: str) -> str:
    return "".join(sorted(set(text) | set(ALWAYS)))


def _subset(font: FontFile, chars: str, woff2: bool = True) -> bytes:
    """The glyphs of ``chars`` from the installed ``font``, named :data:`WEB_FAMILY`: WOFF2 for browsers, else OpenType.

    HarfBuzz subsets (a few milliseconds; fontTools' subsetter took about a second a language to read the CJK
    collection), fontTools renames the font and writes WOFF2 (brotli at its best, the bulk of the time).
    """

    wanted = hb.SubsetInput()
    wanted.sets(hb.SubsetInputSets.UNICODE).update(ord(ch) for ch in chars)
    wanted.flags = hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NO_HINTING  # browsers draw CJK outlines unhinted: 15% smaller
    # recalcTimestamp=False: the subset keeps the installed font's own head.modified (HarfBuzz copies it), never the
    # build's clock, so two builds of one commit write the same font bytes and name hash.
    subset = TTFont(io.BytesIO(bytes(hb.subset(_face(font.path, font.index), wanted).blob.data)), recalcTimestamp=False)
    names = subset["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            names.setName(WEB_FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(WEB_FAMILY.replace(" ", ""), record.nameID, record.platformID, record.platEncID, record.langID)
    if woff2:
        subset.flavor = "woff2"  # brotli-compressed, as browsers fetch fonts
    out = io.BytesIO()
    subset.save(out)
    return out.getvalue()


@cache
def _face(path: str, index: int) -> hb.Face:
    """The installed font as HarfBuzz reads it (the file mapped, not read), once per process."""

    return hb.Face(hb.Blob.from_file_path(path), index)


def embed(svg: str, font: FontFile) -> str:
    """A standalone copy of a chart's SVG that carries its font: the glyphs it draws, subset from ``font`` (the
    installed file the site's subset comes from, so the same outlines and metrics).

    The SVG a reader downloads then draws its text as it was measured, on any machine. Its family is named
    after its glyphs, so that two such SVGs placed in one page cannot take each other's font.
    """
    chars = "".join(sorted({ch for run in re.findall(r">([^<]+)<", svg) for ch in html.unescape(run)}))
    data = _subset(font, chars)
    family = f"{WEB_FAMILY} {hashlib.sha256(data).hexdigest()[:8]}"
    encoded = base64.b64encode(data).decode("ascii")
    style = f'<defs><style>@font-face {{ font-family: "{family}"; src: url(data:font/woff2;base64,{encoded}) format("woff2"); }}</style></defs>'
    end = svg.index(">", svg.index("<svg")) + 1
    return svg[:end] + style + svg[end:].replace(f'font-family="{STACK}"', f'font-family="{family}, {STACK}"')


@cache
def chart_font() -> FontFile:
    """The installed file of :data:`FAMILY`; a BuildError saying what to install when fontconfig cannot find it."""
    return find(FAMILY, "regular")


def find(family: str, weight: str) -> FontFile:
    """The file and face of ``family`` at ``weight`` as fontconfig resolves it; never a substitute."""
    if shutil.which("fc-match") is None:
        raise BuildError("charts need fontconfig (fc-match) to find their font: install fontconfig and fonts-noto-cjk (bash .ci/setup does)")
    out = subprocess.run(["fc-match", "-f", "%{family}|%{file}|%{index}", f"{family}:weight={weight}"], capture_output=True, text=True).stdout
    found, file, index = [*out.split("|"), "", "", ""][:3]
    if family not in found.split(","):
        raise BuildError(f"the font {family} is not installed (fontconfig offers {found.split(',')[0] or 'nothing'}): install fonts-noto-cjk (bash .ci/setup does)")
    return FontFile(file, int(index or 0))


@cache
def digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


NO_LINE_START = set("，。、；：！？）》」』】〕”’％…·,.;:!?)%")  # stays on the line of what it follows
NO_LINE_END = set("（《「『【〔“‘(")  # goes to the line of what follows it


def tokens(text: str) -> list[str]:
    """Words with their following space; each CJK character on its own (a line may break before any of them),
    except that closing punctuation never starts a line and opening punctuation never ends one."""
    out: list[str] = []
    word = ""
    held = ""  # opening punctuation waiting for what it opens
    for ch in text:
        if ch in NO_LINE_START and not word and out and not out[-1].endswith(" "):
            out[-1] += ch
            continue
        if ch in NO_LINE_END and ord(ch) >= 0x2E80:
            if word:
                out.append(word)
                word = ""
            held += ch
            continue
        if ord(ch) >= 0x2E80:
            if word:
                out.append(word)
                word = ""
            out.append(held + ch)
            held = ""
        elif ch == " ":
            out.append(word + held + ch)
            word = held = ""
        else:
            word += held + ch
            held = ""
    if word or held:
        out.append(word + held)
    return out
