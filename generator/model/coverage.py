"""Source coverage: each figure a source states (by :mod:`generator.model.statements`) is captured, not tracked, or
unaccounted.

*Captured* — the figure lies inside a sentence the site quotes (an observation's, a target's, a standing's, a goal's
or a passage's). *Not tracked* — inside a sentence listed in ``content/coverage.yml`` with the reason. Otherwise
*unaccounted*: with ``content/coverage.yml`` present, ``validate`` reports it at its line in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from generator.model.provenance import squash
from generator.model.statements import Mention, find_figures

if TYPE_CHECKING:
    from generator.model import NotTracked, Plan, Quoting, Source, Text

Status = Literal["captured", "not_tracked", "unaccounted"]
STATUSES: tuple[Status, ...] = ("captured", "not_tracked", "unaccounted")


@dataclass(frozen=True)
class Account:
    """One figure of a source and how the content accounts for it."""

    source: Source
    mention: Mention
    status: Status
    by: tuple[Quoting, ...] = ()  # what quotes its sentence, when captured
    reason: Text | None = None  # why it is not tracked

    @property
    def card(self) -> Quoting | None:
        """The quoting whose card shows this figure: an observation of this very figure first, else any with a card."""
        number = re.match(r"[0-9.]+|[零〇一二两三四五六七八九十百千万]+", self.mention.figure)
        for q in self.by:
            if q.card is not None and number is not None and q.value == number.group():
                return q
        return next((q for q in self.by if q.card is not None), None)


class Flat:
    """A text without its whitespace, and where each of its characters is in the text."""

    def __init__(self, text: str) -> None:
        self.keep = [i for i, ch in enumerate(text) if not ch.isspace()]
        self.flat = "".join(text[i] for i in self.keep)


def spans(text: str | Flat, quote: str) -> Iterator[tuple[int, int]]:
    """Where ``quote`` occurs in ``text``, whitespace ignored, as offsets into ``text``."""
    found = text if isinstance(text, Flat) else Flat(text)
    keep, flat = found.keep, found.flat
    needle = squash(quote)
    if not needle:
        return
    at = flat.find(needle)
    while at >= 0:
        yield keep[at], keep[at + len(needle) - 1] + 1
        at = flat.find(needle, at + 1)


def account_source(source: Source, quoting: list[Quoting], not_tracked: list[NotTracked]) -> list[Account]:
    """How each figure of one source is accounted for."""
    flat = Flat(source.text)
    quoted = [(span, q) for q in quoting for span in spans(flat, q.quote)]
    skipped = [(span, n) for n in not_tracked for span in spans(flat, n.quote)]
    out = []
    for mention in find_figures(source.text):
        by = tuple({id(q): q for (start, end), q in quoted if start <= mention.start and mention.end <= end}.values())
        if by:
            out.append(Account(source, mention, "captured", by=by))
            continue
        reason = next((n.reason for (start, end), n in skipped if start <= mention.start and mention.end <= end), None)
        out.append(Account(source, mention, "not_tracked" if reason else "unaccounted", reason=reason))
    return out


def account_of(plan: Plan, source: Source) -> list[Account]:
    """How each figure of one of the plan's sources is accounted for, in the order of its text."""
    quoting = [q for q in plan.quoting() if q.source.id == source.id]
    return account_source(source, quoting, [n for n in plan.not_tracked if n.source.id == source.id])


def account(plan: Plan) -> list[Account]:
    """How each figure of every source is accounted for, source by source."""
    return [acc for source in plan.sources for acc in account_of(plan, source)]
