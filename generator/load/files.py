"""The one rule for every file that content brings into the site: a regular file inside the project, of a kind
expected where it is found, within a size limit.

The YAML files, the archived source texts, the project's own locales and their prose, and the frozen folders of
the editions are all read through :func:`refused` (or :func:`folder_refused` for a folder), so a symbolic link to a
file elsewhere, a pipe, a file of another kind (an HTML page with a script among an edition's data) or a file too
large to publish is reported by ``validate`` at the entry that brought it in, and never published.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Kind:
    """What may be found at a place: the file names or endings it may have, and its largest size."""

    what: str  # in messages: "a source text", "a frozen edition's file"
    plural: str  # "source texts"
    endings: tuple[str, ...]  # a name must end with one of these (a whole name is an ending too)
    max_bytes: int
    too_large: str = "split it into smaller files"  # the hint for a file over the limit
    foreign: str = "remove it, or give it its proper name"  # the hint for a file of another kind

    def allows(self, name: str) -> bool:
        return name.endswith(self.endings)


MiB = 1 << 20
YAML = Kind("a content file", "content files", (".yml",), 1_000_000, "split the data into smaller files")
SOURCE_TEXT = Kind("a source text", "source texts", (".txt",), 2 * MiB, "archive the document's text alone, without its page's markup")
PROSE = Kind("a page's prose", "pages' prose", (".md.jinja",), 1 * MiB)
# What the edition command writes into content/editions/<date>/: the data downloads of that day and the snapshot.
EDITION_FILE = Kind(
    "a file an edition writes",
    "an edition's files",
    (".csv", "datapackage.json", "plan.json", "snapshot.json"),
    64 * MiB,
    "restore the folder from git (git checkout -- content/editions)",
    "remove it: an edition's folder holds only what `python -m generator edition` wrote",
)


def refused(path: Path, root: Path, kind: Kind) -> tuple[str, str] | None:
    """Why ``path`` may not be read as ``kind`` — with a hint — or None.

    Checked before anything reads it: a named pipe would block for ever, a link to a file elsewhere would publish that
    file, and a file of another kind or size would be published as it is."""
    name = path.name
    try:
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root.resolve()):
                return f"is a symbolic link to a file outside the project ({target})", "copy the file into the project instead of linking to it"
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot be read: {exc.strerror}", "check that the file exists and is readable"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe, device or folder)", "replace it with an ordinary file"
    if not kind.allows(name):
        return f"is not {kind.what} (its name must end with {', '.join(kind.endings)})", kind.foreign
    size = path.stat().st_size
    if size > kind.max_bytes:
        return f"is {size:,} bytes; {kind.plural} are limited to {kind.max_bytes:,} bytes", kind.too_large
    return None


def folder_refused(folder: Path, root: Path, kind: Kind, max_files: int = 64) -> tuple[str, str] | None:
    """Why a folder whose every entry is published may not be — an entry that is not a regular file of ``kind``, or too
    many of them — or None. A link is refused here even inside the project: the folder holds its own files."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        return f"cannot be read: {exc.strerror}", "check that the folder exists and is readable"
    if len(entries) > max_files:
        return f"holds {len(entries)} entries; at most {max_files} are expected", "remove what the command that made it did not write"
    for entry in entries:
        if entry.is_symlink():
            return f"holds a symbolic link, {entry.name}", "replace it with the file itself (a link may lead anywhere: nothing is published through one)"
        problem = refused(entry, root, kind)
        if problem:
            return f"holds {entry.name}, which {problem[0]}", problem[1]
    return None
