"""One embedded font file per font in the joined report, however many parts it was laid out in.

WeasyPrint embeds in each PDF it writes a subset of every font it used, keeping the glyph ids
(HarfBuzz ``RETAIN_GIDS``): glyph 9544 is glyph 9544 in every subset. Each part of the report
therefore carried its own copy of the same font, and a report laid out a chapter at a time was
about three times the size of one laid out whole. This module records, for each part, which
installed font each embedded font came from (:func:`record`); when the parts are joined,
:func:`share` subsets each font once, with HarfBuzz and the flags WeasyPrint uses, for the glyphs
every part used, and points all the parts' font descriptors at that one file. The parts' widths
and text maps stay valid because the glyph ids do not change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import uharfbuzz as hb
from pikepdf import Array, Name
from weasyprint.text.fonts import get_hb_object_data

from generator.cachefs import write_atomic

Origins = dict[str, tuple[str, int]]  # embedded font name (without its subset tag's slash) -> (installed font file copy, face index)


def record(fonts: Iterable[Any], folder: Path) -> Origins:
    """The installed font behind each font of a written WeasyPrint document, kept in ``folder`` by its bytes' digest."""

    origins: Origins = {}
    for font in fonts:
        if font.bitmap:
            continue
        data = get_hb_object_data(font.hb_face)  # the whole installed file (the subset replaced file_content when written)
        path = folder / f"{_digest(data)}.font"
        if not path.exists():
            write_atomic(path, data)  # whole or absent, when the two languages record the same font at once
        origins[font.name.decode("ascii").lstrip("/")] = (str(path), int(font.index))
    return origins


def _digest(data: bytes) -> str:
    """Names an installed font file: its length and both ends (hashing all 19 MB of a CJK collection took 14 ms, for each font of each part)."""
    return hashlib.sha256(len(data).to_bytes(8, "big") + data[:65536] + data[-65536:]).hexdigest()[:32]


def share(pdf: Any, origins: Origins) -> int:
    """Give every font embedded more than once in ``pdf`` (a pikepdf document) one subset of its installed file; returns
    how many fonts were shared. A font whose installed file is not in ``origins`` keeps its copies."""

    groups: dict[str, list[tuple[Any, Any]]] = {}
    for font, descendant in _cid_fonts(pdf):
        groups.setdefault(str(descendant.BaseFont).lstrip("/"), []).append((font, descendant))
    shared = 0
    for name, fonts in sorted(groups.items()):
        descriptors = {d.FontDescriptor.objgen: d.FontDescriptor for _, d in fonts}
        key = "/FontFile3" if all("/FontFile3" in d for d in descriptors.values()) else "/FontFile2"
        files = {d[key].objgen for d in descriptors.values() if key in d}
        if len(files) < 2 or name not in origins:
            continue
        glyphs = set().union(*(_glyphs(d.W) for _, d in fonts))
        notdef = any(font.get("/Encoding") != Name("/Identity-H") for font, _ in fonts)  # WeasyPrint's sign of missing glyphs
        data = _subset(*origins[name], glyphs, notdef)
        stream = pikepdf.Stream(pdf, data)  # compressed when the report is written
        if key == "/FontFile3":
            stream.Subtype = Name.OpenType
        else:
            stream.Length1 = len(data)
        reference = pdf.make_indirect(stream)
        for descriptor in descriptors.values():
            descriptor[key] = reference
        shared += 1
    return shared


def _cid_fonts(pdf: Any) -> Iterator[tuple[Any, Any]]:
    """Each CID font used on the pages or in the forms they draw, once, with the Type 0 font it descends from."""
    seen: set[tuple[int, int]] = set()
    for font in _type0_fonts(pdf):
        for descendant in font.get("/DescendantFonts", []):
            if descendant.objgen not in seen and "/FontDescriptor" in descendant and "/W" in descendant:
                seen.add(descendant.objgen)
                yield font, descendant


def _type0_fonts(pdf: Any) -> Iterator[Any]:
    seen: set[tuple[int, int]] = set()
    stack = [page.obj.get("/Resources") for page in pdf.pages]
    while stack:
        resources = stack.pop()
        if resources is None or (resources.is_indirect and resources.objgen in seen):
            continue
        if resources.is_indirect:
            seen.add(resources.objgen)
        for font in resources.get("/Font", {}).values():
            if font.get("/Subtype") == "/Type0":
                yield font
        for xobject in resources.get("/XObject", {}).values():
            stack.append(xobject.get("/Resources"))
        for pattern in resources.get("/Pattern", {}).values():
            stack.append(pattern.get("/Resources"))


def _glyphs(widths: Any) -> set[int]:
    """The glyph ids a CID font's ``/W`` array gives widths for: WeasyPrint lists exactly the glyphs it drew."""

    glyphs: set[int] = set()
    items = list(widths)
    index = 0
    while index < len(items):
        first, second = items[index], items[index + 1]
        if isinstance(second, Array):
            glyphs.update(range(int(first), int(first) + len(second)))
            index += 2
        else:  # c_first c_last w
            glyphs.update(range(int(first), int(second) + 1))
            index += 3
    return glyphs


def _subset(path: str, index: int, glyphs: set[int], notdef: bool) -> bytes:
    """The installed font subset to ``glyphs`` as WeasyPrint 70 subsets it (``pdf/fonts.py``): glyph ids kept, then the
    empty glyphs after the last one used dropped."""

    face = hb.Face(hb.Blob.from_file_path(path), index)  # mapped, not read: 19 MB for a CJK collection
    glyphs = {g for g in glyphs if g < face.glyph_count}  # ids past the font's are WeasyPrint's stand-ins for missing glyphs
    notdef_flag = hb.SubsetFlags.NOTDEF_OUTLINE if notdef else hb.SubsetFlags(0)
    first = hb.SubsetInput()
    first.sets(hb.SubsetInputSets.GLYPH_INDEX).update(sorted(glyphs))
    first.flags = hb.SubsetFlags.RETAIN_GIDS | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE | notdef_flag
    first.sets(hb.SubsetInputSets.DROP_TABLE_TAG).update(int.from_bytes(tag.encode("ascii"), "big") for tag in DROPPED_TABLES)
    retained = hb.subset(face, first)
    second = hb.SubsetInput()
    second.sets(hb.SubsetInputSets.GLYPH_INDEX).update(range(max(glyphs, default=0) + 1))
    second.flags = hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NO_HINTING | notdef_flag
    return bytes(hb.subset(retained, second).blob.data)


DROPPED_TABLES = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG ")  # as WeasyPrint drops them
