"""WeasyPrint's internals, changed where the report's layout spends its time (WeasyPrint 70.0).

**Footnote areas** (:data:`FOOTNOTES`).
WeasyPrint 70 places a footnote on a page by laying out the page's whole footnote area again with every
footnote placed so far, only to learn its new height (``LayoutContext._update_footnote_area``): a page of
*n* footnotes lays out 1 + 2 + … + *n* footnotes. A chapter of the report has a sourced footnote for most of
its figures, and at 50× this was about a fifth of the PDF work.

The footnotes of an area are stacked blocks: while none of them has a vertical margin (nothing collapses
between them) and the area has no set height, minimum or maximum, the area is as tall as the sum of its
footnotes, each as tall as it is alone. So each footnote is laid out once, alone in the page's area, and the
area's height is added up in the order WeasyPrint adds it (from the bottom of the footnotes before it). An
area that does not meet this is laid out whole, as WeasyPrint does. The laid-out pages are the same: a test
lays out the real reports with and without this and compares the PDFs' bytes.

**Subsetting arrays** (:data:`SUBSETTING`): see :class:`_SizedArrays`.
"""

from __future__ import annotations

import re
from math import inf
from typing import Any

from generator.compat.patch import Patch

FOOTNOTES = Patch(
    library="weasyprint",
    name="footnote-area",
    verified=("70.0",),
    changes="LayoutContext._update_footnote_area (private method) replaced: a page's footnote area is measured by adding each footnote's height, laid out once alone",
    gain="the 50x plan's cold build 151.5 -> 137.7 s (about a fifth of its PDF work); the real reports are the same bytes",
    upstream="WeasyPrint lays out the whole footnote area again for each footnote placed (quadratic in the footnotes of a page): a fix to offer upstream",
)
SUBSETTING = Patch(
    library="weasyprint",
    name="subset-arrays",
    verified=("70.0",),
    changes="the module global weasyprint.pdf.fonts.ffi wrapped: an array made with its values is declared without its length",
    gain="0.16 s of the 0.6 s it took to write one chapter of the report (cffi parsed each new array length's type string)",
    upstream="WeasyPrint could declare its subsetting arrays as hb_codepoint_t[] (cffi sizes them from the values)",
)

_ORIGINAL: Any = None


def quicker_footnotes() -> None:
    """Let WeasyPrint measure footnote areas with :func:`_update_footnote_area` (once per process, where verified)."""
    global _ORIGINAL
    if _ORIGINAL is not None or not FOOTNOTES.applies():
        return
    from weasyprint.layout import LayoutContext  # WeasyPrint is imported only where the report is laid out

    _ORIGINAL = LayoutContext._update_footnote_area
    LayoutContext._update_footnote_area = _update_footnote_area


class _Measured:
    """One page's footnote area: each footnote's height alone, and the bottom of each run of footnotes measured."""

    def __init__(self, area: Any) -> None:
        self.area = area
        self.alone: dict[int, float | None] = {}  # id(footnote) -> its margin height alone; None: not stackable
        self.bottom: dict[tuple[int, ...], float] = {}  # ids of the footnotes, in order -> where the last one ends
        self.top = 0.0  # where the area's content starts
        self.kept: list[Any] = []  # the footnotes measured, kept alive so that their ids stay theirs


def _laid_out(context: Any, footnotes: list[Any]) -> Any:
    """The page's footnote area laid out with ``footnotes``, as WeasyPrint lays it out to measure it."""
    from weasyprint.formatting_structure import build
    from weasyprint.layout import block_level_layout

    area = context.current_footnote_area
    placed, area.children = area.children, footnotes
    try:
        copy = build.create_anonymous_boxes(area.deepcopy())
    finally:
        area.children = placed
    return block_level_layout(context, copy, -inf, None, area.page)[0]


def _alone(context: Any, measured: _Measured, footnote: Any) -> float | None:
    """The footnote's margin height alone in the area, or None if it may not be stacked by adding heights."""
    key = id(footnote)
    if key not in measured.alone:
        laid = _laid_out(context, [footnote])
        child: Any = laid.children[0] if len(laid.children) == 1 else None  # one block for the footnote, nothing around it
        stackable = (
            child is not None
            and child.margin_top == 0
            and child.margin_bottom == 0
            and child.position_y == laid.content_box_y()  # no margin inside it collapsed through its top
            and laid.height == child.margin_height()  # nor through its bottom
        )
        measured.alone[key] = child.margin_height() if stackable else None
        measured.top = laid.content_box_y()
        measured.kept.append(footnote)
    return measured.alone[key]


def _update_footnote_area(self: Any) -> bool:
    """``LayoutContext._update_footnote_area``: set the page bottom and the area's height for the footnotes placed."""
    area, footnotes = self.current_footnote_area, self.current_page_footnotes
    if not footnotes or area.style["height"] != "auto" or area.max_height != inf or area.min_height != 0:
        return bool(_ORIGINAL(self))
    measured = getattr(self, "_footnotes_measured", None)
    if measured is None or measured.area is not area:
        measured = self._footnotes_measured = _Measured(area)
    ids = tuple(id(footnote) for footnote in footnotes)
    bottom = measured.bottom.get(ids)
    if bottom is None:
        if len(ids) > 1 and ids[:-1] not in measured.bottom:  # not placed one after another: measured whole
            return bool(_ORIGINAL(self))
        height = _alone(self, measured, footnotes[-1])
        if height is None:
            return bool(_ORIGINAL(self))
        bottom = measured.bottom[ids] = (measured.bottom[ids[:-1]] if len(ids) > 1 else measured.top) + height
    if area.height != "auto" and not self.in_column:
        self.page_bottom += area.margin_height()
    area.children = footnotes
    area.height = bottom - measured.top
    if not self.in_column:
        self.page_bottom -= area.margin_height()
    return False  # an area of no set height holds its footnotes: they never overflow it


class _SizedArrays:
    """WeasyPrint's cffi handle, but an array given with its values is declared without its length.

    WeasyPrint 70 subsets each font of each document it writes with arrays made as
    ``ffi.new(f"hb_codepoint_t[{n}]", values)``. cffi parses every type string it has not seen with
    pycparser, about 14 ms each, and each length is a new string: twelve parses a part, 0.16 s of the
    0.6 s it took to write one chapter. ``hb_codepoint_t[]`` with the same values is the same array,
    parsed once; the parts' bytes are unchanged (a test compares them).
    """

    def __init__(self, ffi: Any) -> None:
        self._ffi = ffi

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ffi, name)

    def new(self, cdecl: str, init: Any = None) -> Any:
        sized = re.fullmatch(r"(.+)\[(\d+)\]", cdecl)
        if sized and init is not None and len(init) == int(sized.group(2)):
            return self._ffi.new(sized.group(1) + "[]", init)
        return self._ffi.new(cdecl, init)


def quicker_subsetting() -> None:
    """Let WeasyPrint's font subsetting allocate its arrays through :class:`_SizedArrays` (once per process, where verified)."""
    if not SUBSETTING.applies():
        return
    import weasyprint.pdf.fonts  # WeasyPrint is imported only where the report is laid out

    if not isinstance(weasyprint.pdf.fonts.ffi, _SizedArrays):
        weasyprint.pdf.fonts.ffi = _SizedArrays(weasyprint.pdf.fonts.ffi)
