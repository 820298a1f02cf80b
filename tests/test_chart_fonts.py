"""The charts' one font (measured, wrapped, served, embedded) and their colours in both schemes."""

from __future__ import annotations

import base64
import html
import io
import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from generator.charts import fonts, theme
from generator.charts.registry import LAYOUTS, SMALLEST, WIDE
from generator.errors import BuildError

SAMPLES = [
    "2025年目标进展（最新观测值占目标值的百分比）",
    "Specialised, sophisticated, distinctive and innovative “little giant” enterprises: 1,035",
    "全社会研发经费支出占地区生产总值比重：100.0%（已达成）；基础研究，占比。",
    "Value of technology contracts from Beijing to Tianjin and Hebei (CNY billion)",
]


def _contrast(a: str, b: str) -> float:
    def lum(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("text", SAMPLES)
def test_line_breaks_keep_every_character_and_the_punctuation_rules(text: str) -> None:
    tokens = fonts.tokens(text)
    assert "".join(tokens) == text
    for token in tokens[1:]:
        assert token[0] not in fonts.NO_LINE_START, (token, tokens)  # no line starts with a closing mark
    for token in tokens[:-1]:
        assert token.rstrip()[-1] not in fonts.NO_LINE_END, (token, tokens)  # none ends with an opening one


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("width", [120, 200, 310])
def test_wrapped_lines_fit_the_width_measured_with_the_chart_font(text: str, width: int) -> None:
    font = fonts.chart_font()
    lines = font.wrap(text, 12, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert font.width(line, 12) <= width or len(fonts.tokens(line)) == 1, (line, font.width(line, 12))


def test_text_is_measured_with_the_font_files_own_advance_widths() -> None:
    """Widths are HarfBuzz's advances: for every character the chart font maps they are the widths its tables hold
    (read here with fontTools), and a character it lacks is as wide as its .notdef glyph."""
    from fontTools.ttLib import TTFont

    font = fonts.chart_font()
    tables = TTFont(font.path, fontNumber=font.index, lazy=True)
    cmap, advances, em = tables.getBestCmap(), tables["hmtx"].metrics, tables["head"].unitsPerEm
    assert len(cmap) > 40000
    wrong = [hex(code) for code, glyph in cmap.items() if font.width(chr(code), em) != advances[glyph][0]]
    assert wrong == []
    assert font.width("\U0010fffd", em) == advances[".notdef"][0]
    assert font.width("".join(SAMPLES), 12) == sum(advances[cmap[ord(ch)]][0] for ch in "".join(SAMPLES)) * 12 / em


def test_a_missing_chart_font_says_what_to_install() -> None:
    with pytest.raises(BuildError) as caught:
        fonts.find("No Such Family Anywhere", "regular")
    assert re.fullmatch(
        r"the font No Such Family Anywhere is not installed \(fontconfig offers [^)]+\): install fonts-noto-cjk \(bash \.ci/setup does\)", str(caught.value)
    ), caught.value


def test_each_layout_is_shown_only_where_its_text_stays_legible() -> None:
    css = theme.stylesheet("../fonts/chart.woff2")
    assert [layout.width for layout in LAYOUTS] == sorted((layout.width for layout in LAYOUTS), reverse=True)
    for wider, narrower in itertools.pairwise(LAYOUTS):
        assert wider.shown_from * 12 / wider.width >= SMALLEST  # shrunk to its narrowest column, text is still ≥ 11 px
        assert f"@container (max-width: {wider.shown_from - 0.02:.2f}px) {{ figure.chart .chart-layout.chart-{wider.name} {{ display: none; }}" in css
        assert narrower.width <= 320  # a 360 px phone's column (328 px) shows the narrow one unshrunk
    assert f'font-family: "{fonts.WEB_FAMILY}"; src: url("../fonts/chart.woff2")' in css
    assert WIDE.width <= 688  # the content column of Material at 1280 px: the wide layout is not shrunk on a desktop


def test_chart_colours_keep_their_contrast_in_both_schemes() -> None:
    """Bars and lines stand out from the page (3:1), labels on bars and around the chart read (4.5:1)."""
    dark_page = "#1e2129"  # Material's slate background
    for light, dark in zip(theme.PALETTE, theme.PALETTE_DARK, strict=True):
        assert _contrast(light, theme.BACKGROUND) >= 3 and _contrast(light, theme.INSIDE) >= 4.5, light
        assert _contrast(dark, dark_page) >= 3 and _contrast(dark, theme.INSIDE_DARK) >= 4.5, dark
    for ink in (theme.TITLE, theme.LABEL):
        assert _contrast(ink, theme.BACKGROUND) >= 4.5 and _contrast(theme.DARK[ink], dark_page) >= 4.5, ink
    css = theme.stylesheet("x")
    assert all(f'[fill="{light}"] {{ fill: {dark}; }}' in css for light, dark in theme.DARK.items())


def _cmap(woff2: bytes) -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(io.BytesIO(woff2)).getBestCmap())


@pytest.mark.parametrize("folder", ["", "en/"])
def test_the_site_serves_the_font_its_charts_were_measured_with(built_site: Path, folder: str) -> None:
    from fontTools.ttLib import TTFont

    served = (built_site / folder / fonts.WEB_FILE).read_bytes()
    font = TTFont(io.BytesIO(served))
    assert font.flavor == "woff2" and font["name"].getBestFamilyName() == fonts.WEB_FAMILY
    covered = set(font.getBestCmap())
    for spec in (built_site / folder / "charts").glob("*.vl.json"):
        text = json.dumps(json.loads(spec.read_text(encoding="utf-8")), ensure_ascii=False)
        assert {ord(ch) for ch in text} <= covered, spec.name
        assert json.loads(spec.read_text(encoding="utf-8"))["config"]["font"] == fonts.STACK
    css = (built_site / folder / "assets" / "stylesheets" / "charts.css").read_text(encoding="utf-8")
    assert 'src: url("../fonts/chart.woff2")' in css
    assert len(served) < 120_000, len(served)  # a subset, not the 16 MB collection


@pytest.mark.parametrize("folder", ["", "en/"])
def test_a_downloaded_svg_carries_the_glyphs_it_draws(built_site: Path, folder: str) -> None:
    families = set()
    for path in sorted((built_site / folder / "charts").glob("*.svg")):
        svg = path.read_text(encoding="utf-8")
        family, data = re.search(r'@font-face \{ font-family: "([^"]+)"; src: url\(data:font/woff2;base64,([^)]+)\)', svg).groups()
        drawn = {ord(ch) for run in re.findall(r"<t(?:ext|span)[^>]*>([^<]+)<", svg) for ch in html.unescape(run)}
        assert drawn and drawn <= _cmap(base64.b64decode(data)), path.name
        assert f'font-family="{family}, {fonts.STACK}"' in svg and f'font-family="{fonts.STACK}"' not in svg, path.name
        families.add(family)
    assert len(families) == len(list((built_site / folder / "charts").glob("*.svg")))  # each its own: two in one page cannot clash


DRAW = """
import json, sys
from pathlib import Path
import vl_convert as vlc
from generator.charts.fonts import chart_font
specs, subset_of, folder = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")), sys.argv[2], sys.argv[3]
if subset_of:
    vlc.register_font_directory(str(chart_font().measuring(Path(subset_of).read_text(encoding="utf-8"), Path(folder))))
print(json.dumps([vlc.vegalite_to_svg(spec, vl_version="6.1") for spec in specs]))
"""


def _drawn(specs: list[dict], subset_of: str, folder: Path) -> list[str]:
    """The specs drawn by vl-convert in a fresh process, given first the subset of the chart font with the characters of ``subset_of``, if any."""
    import subprocess
    import sys

    (folder / "specs.json").write_text(json.dumps(specs, ensure_ascii=False), encoding="utf-8")
    (folder / "text.txt").write_text(subset_of, encoding="utf-8")
    given = str(folder / "text.txt") if subset_of else ""
    run = subprocess.run([sys.executable, "-c", DRAW, str(folder / "specs.json"), given, str(folder / "fonts")], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return list(json.loads(run.stdout))


def test_charts_drawn_with_the_subset_font_are_the_same_drawings(built_site: Path, tmp_path: Path) -> None:
    """A build worker gives vl-convert the subset of the chart font with every character of its specs (named first in
    each chart's font list, as the site serves it): each chart is drawn byte for byte as with the installed font alone,
    rare characters included. A subset lacking characters a chart draws would move it: the subset must hold them all."""
    from fontTools.ttLib import TTFont

    specs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(built_site.rglob("charts/*.vl.json"))]
    rare = ["龘靐齉 Ωψ", "鬱鬱 𠀀 ｆｕｌｌ　ｗｉｄｔｈ", "“引号”（括号）"]  # as labels: their widths decide where the plot starts
    bars = {"mark": "bar", "encoding": {"y": {"field": "k", "type": "nominal", "axis": {"labelLimit": 0}}, "x": {"field": "v", "type": "quantitative"}}}
    specs.append({"config": specs[0]["config"], "data": {"values": [{"k": k, "v": i + 1} for i, k in enumerate(rare)]}, **bars})
    text = "".join(json.dumps(spec, ensure_ascii=False) for spec in specs)  # what the build gives: its specs' characters
    installed = _drawn(specs, "", tmp_path)
    assert _drawn(specs, text, tmp_path) == installed
    (made,) = (tmp_path / "fonts").glob("measure-*/chart.otf")
    font = TTFont(made)
    assert font.flavor is None and font["name"].getBestFamilyName() == fonts.WEB_FAMILY
    has = set(TTFont(fonts.chart_font().path, fontNumber=fonts.chart_font().index, lazy=True).getBestCmap())
    assert {ord(ch) for ch in "".join(rare)} & has <= set(font.getBestCmap())  # 𠀀 is in neither
    lacking = _drawn(specs, "北京", tmp_path)  # the characters of the charts' text left out
    assert [n for n, (a, b) in enumerate(zip(installed, lacking, strict=True)) if a != b], "a subset lacking characters drew every chart the same"
