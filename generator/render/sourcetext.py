"""A source's full text as HTML, with every quoted sentence marked and anchored."""

from __future__ import annotations

import functools
import hashlib
import html
import re

from generator.model.provenance import squash


def quote_anchor(quote: str) -> str:
    """Stable anchor id of a quote (whitespace-insensitive)."""
    return "q-" + hashlib.sha1(squash(quote).encode("utf-8")).hexdigest()[:10]


def marked_html(text: str, quotes: list[str]) -> str:
    """Paragraphs of ``text`` with each quote wrapped in <mark>, anchors at quote starts."""
    return _marked(text, tuple(quotes))


@functools.lru_cache(maxsize=64)  # the preview marks every source on each save (20 ms each); an edit changes one
def _marked(text: str, quotes: tuple[str, ...]) -> str:
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    flat = "".join(text[i] for i in keep)
    covered = [False] * len(text)
    anchors: dict[int, list[str]] = {}
    for quote in dict.fromkeys(quotes):
        needle = squash(quote)
        at = flat.find(needle)
        if at < 0 or not needle:
            continue
        start, end = keep[at], keep[at + len(needle) - 1] + 1
        anchors.setdefault(start, []).append(quote_anchor(quote))
        for i in range(start, end):
            covered[i] = True
    out: list[str] = []
    paragraphs: list[str] = []
    in_mark = False
    for i, ch in enumerate(text):
        if ch == "\n":
            if in_mark:
                out.append("</mark>")
            paragraphs.append("".join(out))
            out = ["<mark>"] if in_mark else []
            continue
        for anchor in sorted(anchors.get(i, [])):
            out.append(f'<span class="quote-anchor" id="{anchor}"></span>')
        if covered[i] and not in_mark:
            out.append("<mark>")
            in_mark = True
        elif not covered[i] and in_mark:
            out.append("</mark>")
            in_mark = False
        out.append(html.escape(ch))
    if in_mark:
        out.append("</mark>")
    paragraphs.append("".join(out))
    body = [p for p in paragraphs if re.sub(r"<[^>]+>", "", p).strip()]
    return "\n".join(f"<p>{p.strip()}</p>" for p in body)
