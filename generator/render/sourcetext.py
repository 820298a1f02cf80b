"""A source's full text as HTML, with every quoted sentence marked and anchored, and every figure of it marked
(linked to the card that shows it, when one does)."""

from __future__ import annotations

import functools
import hashlib
import html
import re

from generator.model.coverage import Flat, spans
from generator.model.provenance import squash


def quote_anchor(quote: str) -> str:
    """Stable anchor id of a quote (whitespace-insensitive)."""
    return "q-" + hashlib.sha1(squash(quote).encode("utf-8")).hexdigest()[:10]


Figure = tuple[int, int, str | None]  # start and end offsets in the text, and the address of its card (or None)


def marked_html(text: str, quotes: list[str], figures: list[Figure] | None = None) -> str:
    """Paragraphs of ``text`` with each quote wrapped in <mark>, anchors at quote starts, and each figure in a
    ``<span class="figure">`` (an ``<a class="figure">`` to its card when it has one)."""
    return _marked(text, tuple(quotes), tuple(figures or ()))


@functools.lru_cache(maxsize=64)  # the preview marks every source on each save (20 ms each); an edit changes one
def _marked(text: str, quotes: tuple[str, ...], figures: tuple[Figure, ...] = ()) -> str:
    flat = Flat(text)
    covered = [False] * len(text)
    anchors: dict[int, list[str]] = {}
    for quote in dict.fromkeys(quotes):
        found = next(spans(flat, quote), None)  # marked where it first stands
        if found is None:
            continue
        start, end = found
        anchors.setdefault(start, []).append(quote_anchor(quote))
        for i in range(start, end):
            covered[i] = True
    opens = {start: href for start, _, href in figures}
    closes = {end for _, end, _ in figures}
    out: list[str] = []
    paragraphs: list[str] = []
    in_mark = False
    figure: str | None = None  # the closing tag of the figure being written
    figure_href: str | None = None

    def open_figure(href: str | None) -> str:
        return f'<a class="figure" href="{html.escape(href)}">' if href else '<span class="figure">'

    for i, ch in enumerate(text):
        if i in closes and figure:
            out.append(figure)
            figure = None
        if ch == "\n":
            if in_mark:  # a quote running on into the next paragraph opens its mark again there, at its next character
                out.append("</mark>")
                in_mark = False
            paragraphs.append("".join(out))
            out = []
            continue
        for anchor in sorted(anchors.get(i, [])):
            out.append(f'<span class="quote-anchor" id="{anchor}"></span>')
        if covered[i] != in_mark:
            if figure:  # a figure never straddles a mark's edge: closed here, opened again inside
                out.append(figure)
            out.append("<mark>" if covered[i] else "</mark>")
            in_mark = covered[i]
            if figure:
                out.append(open_figure(figure_href))
        if i in opens:
            figure_href = opens[i]
            out.append(open_figure(figure_href))
            figure = "</a>" if figure_href else "</span>"
        out.append(html.escape(ch))
    if figure:
        out.append(figure)
    if in_mark:
        out.append("</mark>")
    paragraphs.append("".join(out))
    body = [p for p in paragraphs if re.sub(r"<[^>]+>", "", p).strip()]
    return "\n".join(f"<p>{p.strip()}</p>" for p in body)
