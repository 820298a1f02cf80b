"""Where the checks write what they find: every problem, at its place in its file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.errors import Problem, excerpt, suggest
from generator.load.yamlio import Document, Loc

if TYPE_CHECKING:
    from generator.load.validation import Partial


@dataclass(frozen=True)
class At:
    """A place in a file: the document and the key path inside it."""

    doc: Document
    loc: Loc

    def __call__(self, *more: str | int) -> At:
        """A place below this one."""
        return At(self.doc, (*self.loc, *more))


@dataclass
class _Unknown:
    at: At
    message: str
    hint: str
    uses: int = 1


@dataclass
class Report:
    """The problems found so far, and references to ids that do not exist (reported once, at their first use)."""

    problems: list[Problem]
    # Ids written in files that failed validation: referring to them is not a second problem.
    written_ids: dict[str, set[str]] = field(default_factory=dict)
    _unknown: dict[tuple[str, str], _Unknown] = field(default_factory=dict)

    @staticmethod
    def of(problems: list[Problem], partial: dict[str, Partial]) -> Report:
        written: dict[str, set[str]] = {}
        for part in partial.values():
            for name, ids in part.ids.items():
                written.setdefault(name, set()).update(ids)
        return Report(problems, written)

    def fail(self, at: At, message: str, hint: str = "") -> None:
        self.problems.append(at.doc.problem(at.loc, message, hint))

    def written(self, kind: str, ref: str) -> bool:
        """Whether ``ref`` is an id of this kind in a file that failed validation."""
        return ref in self.written_ids.get(kind, set())

    def unknown(self, kind: str, ref: str, at: At, known: list[str], where: str) -> None:
        """Record a reference to an id that does not exist, with the nearest name."""
        entry = self._unknown.get((kind, ref))
        if entry is not None:
            entry.uses += 1
            return
        close = suggest(ref, known)
        hint = f"{close} " if close else ""
        hint += f"{kind.capitalize()}s are defined in {where}" + (f"; known: {', '.join(sorted(known))}" if len(", ".join(known)) <= 200 else "")
        self._unknown[(kind, ref)] = _Unknown(at, f"unknown {kind} {excerpt(ref)}", hint)

    @property
    def clean(self) -> bool:
        return not self.problems and not self._unknown

    def flush(self) -> None:
        """Turn the recorded unknown references into problems."""
        for entry in self._unknown.values():
            more = f" (used {entry.uses} times; the first use is shown)" if entry.uses > 1 else ""
            self.fail(entry.at, entry.message + more, entry.hint)
        self._unknown.clear()
