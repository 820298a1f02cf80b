"""Where a figure sits in its quoted sentence.

A figure is verified at its place in the sentence, never as a substring: it is
a whole number (not part of a longer number, a year or a fraction such as
1/7), written with its unit as the source writes it (``9153.3亿元``,
``2.97万家``, ``6%``), and with exactly the qualifier attached to it — the 超
before it, the 多 between scale and noun (``1万多家``), the 左右 after it. A
qualifier elsewhere in the sentence does not count, and a qualifier the source
attaches to the figure may not be left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from generator.model.numbers import CHINESE_DIGITS, QUALIFIERS

_WS = re.compile(r"\s+")
_ARABIC = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_NUMERALS = set("零〇一二两三四五六七八九十百千万")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")
# Longest first, so that 超过 is found before 超 and 及以上 before 以上.
_BY_PLACE = {place: sorted((q for q, where in QUALIFIERS.items() if where == place), key=len, reverse=True) for place in ("before", "after-scale", "end")}


def squash(text: str) -> str:
    """Whitespace-free form used to compare quotes with source texts."""
    return _WS.sub("", text)


@dataclass(frozen=True)
class Written:
    """How a unit is written around a figure in Chinese."""

    prefix: str = ""
    scale: str = ""
    noun: str = ""


@dataclass(frozen=True)
class Found:
    """The outcome of looking for a figure in a quote.

    ``problem`` is None when the figure stands in the quote as declared, else
    ``"absent"`` (not a whole figure anywhere), ``"unit"`` (never with its
    unit), ``"omitted"`` (the text attaches ``attached`` but none was
    declared), ``"unattached"`` (the declared qualifier is not the figure's) or
    ``"mismatch"`` (the text attaches ``attached`` instead).
    """

    problem: str | None = None
    attached: str | None = None


def _whole_figures(value: str, text: str) -> list[tuple[int, int]]:
    """Spans where ``value`` stands as a whole figure."""
    if _ARABIC.match(value):
        pattern = rf"(?<![0-9./]){re.escape(value)}(?![0-9/]|\.[0-9])"
        return [m.span() for m in re.finditer(pattern, text)]
    if value in CHINESE_DIGITS:
        spans = []
        for m in re.finditer(re.escape(value), text):
            if m.start() > 0 and text[m.start() - 1] in _NUMERALS:
                continue
            spans.append(m.span())
        return spans
    return []


def _qualifier_around(before: str, after_scale: str, after_noun: str) -> str | None:
    """A qualifier the text attaches to a figure, if any."""
    for q in _BY_PLACE["before"]:
        if before.endswith(q):
            return q
    for q in _BY_PLACE["after-scale"]:
        if after_scale.startswith(q):
            return q
    for q in _BY_PLACE["end"]:
        if after_noun.startswith(q):
            return q
    return None


def locate(value: str, written: Written, qualifier: str | None, text: str) -> Found:
    """Check that ``text`` writes ``value`` with its unit and exactly ``qualifier``."""
    spans = _whole_figures(value, text)
    if not spans:
        return Found("absent")
    with_unit: list[str | None] = []  # the qualifier the text attaches, at each occurrence with the right unit
    for start, end in spans:
        before, after = text[:start], text[end:]
        if written.prefix:
            if not before.endswith(written.prefix):
                continue
            before = before[: -len(written.prefix)]
        if not after.startswith(written.scale):
            continue
        after_scale = after[len(written.scale) :]
        middle = next((q for q in _BY_PLACE["after-scale"] if after_scale.startswith(q) and not after_scale.startswith(written.noun)), "")
        if not after_scale[len(middle) :].startswith(written.noun):
            continue
        after_noun = after_scale[len(middle) + len(written.noun) :]
        if not (written.scale or written.noun) and after_noun[:1] and (after_noun[0].isdigit() or after_noun[0] in _NUMERALS):
            continue
        if _YEAR.match(f"{value}{after}") and not written.noun.startswith("年"):
            continue
        attached = _qualifier_around(before, after_scale, after_noun)
        if attached == qualifier:
            return Found()
        with_unit.append(attached)
    if not with_unit:
        return Found("unit")
    attached = with_unit[0]
    if qualifier is None:
        return Found("omitted", attached)
    if attached is None:
        return Found("unattached")
    return Found("mismatch", attached)


def national_in(value: str, form: str, text: str) -> str | None:
    """Why a national comparison is not in ``text`` as declared, or None."""
    if form == "half":
        return None if value == "一半" and "一半" in text else "a comparison of form half is written 一半 and must occur in the quote"
    sign = {"percent": "%", "multiple": "倍", "fraction": ""}[form]
    spans = (
        [(a, b) for a, b in _whole_figures(value, text) if text[b:].startswith(sign)]
        if "/" not in value
        else [m.span() for m in re.finditer(rf"(?<![0-9./]){re.escape(value)}(?![0-9/])", text)]
    )
    if not spans:
        return f"national comparison {value + sign!r} does not occur in the quote as a whole figure"
    return None


def share_problem(value: str, form: str) -> str | None:
    """A share of the national total above the whole is a misreading, whatever the quote says."""
    try:
        if form == "percent" and Decimal(value) > 100:
            return f"a share of the national total cannot exceed 100% (found {value}%)"
        if form == "fraction" and "/" in value:
            top, bottom = (Decimal(x) for x in value.split("/", 1))
            if bottom == 0 or top > bottom:
                return f"a fraction of the national total must be at most 1 (found {value})"
    except InvalidOperation:
        return f"national comparison {value!r} is not a number"
    return None


def years_in(text: str) -> list[int]:
    """The years a text names (2024年, 2024年末)."""
    return [int(y) for y in _YEAR.findall(text)]
