"""The project's one error type for bad content, with positions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str = ""
    rank: int = 1  # 0 for a root cause (a file that cannot be read): listed first

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.path}:" if self.path else ""
        text = f"{where}{field} {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class ContentError(Exception):
    """Raised when content cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.rank, p.file, p.line, p.column, p.path, p.message))
        super().__init__(self.report())

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem]]]:
        """Pickled with its problems (a build worker sends it to the parent whole)."""
        return (ContentError, (self.problems,))

    def report(self, limit: int = 100) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [p.format() for p in self.problems[:limit]]
        if count > limit:
            lines.append(f"… {count - limit:,} more problems not shown")
        lines.append(f"{count:,} {noun} found; nothing was written.")
        return "\n".join(lines)


class BuildError(Exception):
    """Raised when a build stage other than content loading fails."""


def excerpt(value: object, limit: int = 60) -> str:
    """A short, bounded quotation of a value for a message (never a whole node or a huge figure)."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text) if isinstance(value, str) else text


def suggest(value: object, choices: list[str]) -> str:
    """A hint naming the nearest valid name to a misspelt one, or ""."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def display_path(path: Path, root: Path) -> str:
    """Path as the user would type it: relative to the project root when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
