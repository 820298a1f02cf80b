"""Editions: dated, frozen releases of the data, and what changed between them.

An edition is a folder ``content/editions/<date>/`` written once by
``python -m generator edition``: the data downloads exactly as they were
published, and ``snapshot.json``, the comparable state of every figure, target,
chart and passage. ``content/editions.yml`` records each edition's date, its
bilingual note and the SHA-256 of its folder, so a published edition can never
change unnoticed. Snapshots live in the repository (not in git tags) so that
a shallow CI checkout, a fresh clone and a pull-request preview all see the
whole history.

Every figure is known by a stable id, ``<indicator>-<year>``, that survives
edits of wording, order and files; targets and charts keep their ids.
"""

from __future__ import annotations

import datetime
import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from generator.errors import ContentError, Problem, display_path, suggest
from generator.fingerprint import tree_digest
from generator.load import schema
from generator.load.files import EDITION_FILE, folder_refused
from generator.load.validation import validate_document
from generator.load.yamlio import Document, read_yaml
from generator.model.ids import figure_id

if TYPE_CHECKING:
    from generator.load.locales import Locale
    from generator.model import Plan

FORMAT = 1
RECORD = "editions.yml"
FOLDER = "editions"
SNAPSHOT = "snapshot.json"
MAX_EDITIONS = 1000  # weekly for nineteen years; each is read, checked and compared on every build
# What a figure is; a change in any of these is a revision. Its quote and source are its citation.
FIGURE_DATA = ("value", "unit", "qualifier", "period", "estimated")
CITATION = ("source", "quote")
SOURCE_LANGUAGE = "zh"  # the language the sources are written in: its display is the figure as the source writes it
HEADER = """\
# yaml-language-server: $schema=../generator/schema/editions.schema.json
# Published editions of the data, oldest first. Record one with
#   python -m generator edition --note zh="…" --note en="…"
# which freezes the data in content/editions/<date>/ and adds its entry here.
# A published edition never changes: the build checks each folder against its digest.
editions:
"""


def snapshot(plan: Plan, locales: Sequence[Locale]) -> dict[str, Any]:
    """The comparable state of the data: every figure, target, chart, source and passage, by id."""
    figures: dict[str, Any] = {}
    for ind in plan.all_indicators:
        for obs in ind.observations:
            figures[figure_id(ind, obs)] = {
                "indicator": ind.id,
                "owner": ind.owner,
                "name": {loc.code: loc.text(ind.name) for loc in locales},
                "year": obs.year,
                "value": obs.value,
                "unit": obs.unit.id,
                "qualifier": obs.qualifier or "",
                "period": obs.period,
                "estimated": obs.estimated,
                "source": obs.source.id,
                "quote": obs.quote,
                "display": {loc.code: loc.observation(obs) for loc in locales},
            }
    texts: dict[str, list[dict[str, str]]] = {"home": [_text(g.text, locales) for g in plan.goals] + [_text(p.text, locales) for p in plan.structure]}
    for pillar in plan.pillars:
        passages = (pillar.heading, pillar.definition, pillar.summary, *pillar.measures, *pillar.next_steps)
        texts[pillar.id] = [_text(p.text, locales) for p in passages]
    return {
        "format": FORMAT,
        "languages": [loc.code for loc in locales],
        "figures": figures,
        "targets": {t.id: {"title": _text(t.title, locales), "level": t.progress.level} for t in plan.targets},
        "charts": {c.id: {"title": _text(c.title, locales), "owner": c.owner} for c in plan.all_charts},
        "sources": {s.id: {"title": _text(s.title, locales)} for s in plan.sources},
        "pages": {p.id: _text(p.title, locales) for p in plan.pillars},
        "texts": texts,
    }


def _text(item: Any, locales: Sequence[Locale]) -> dict[str, str]:
    return {loc.code: loc.text(item) for loc in locales}


def in_language(texts: dict[str, str], code: str) -> str:
    """A text of a snapshot in a language; an edition older than a language shows the sources' language."""
    return texts.get(code) or texts.get("zh") or next(iter(texts.values()), "")


# -- what changed --


@dataclass(frozen=True)
class FigureChange:
    id: str
    old: dict[str, Any] | None  # None: added
    new: dict[str, Any] | None  # None: removed

    @property
    def current(self) -> dict[str, Any]:
        found = self.new or self.old
        assert found is not None
        return found


@dataclass(frozen=True)
class TargetChange:
    id: str
    title: dict[str, str]
    old: str  # rating levels
    new: str


@dataclass(frozen=True)
class Changes:
    """What differs between two snapshots."""

    added: list[FigureChange]
    revised: list[FigureChange]
    removed: list[FigureChange]
    recited: list[FigureChange]  # same figure, new quote or source
    relabelled: list[FigureChange]  # same figure as the source writes it, its unit reworded (another unit id, same digits)
    renamed: list[FigureChange]  # an indicator's name reworded (one entry per indicator)
    targets: list[TargetChange]
    charts_added: list[dict[str, Any]]  # as in the snapshot, with their "id"
    charts_removed: list[dict[str, Any]]
    passages: list[tuple[dict[str, str] | None, int]]  # (page title, or None for the home page; passages reworded, added or removed)

    @property
    def empty(self) -> bool:
        return not any(
            (self.added, self.revised, self.removed, self.recited, self.relabelled, self.renamed, self.targets, self.charts_added, self.charts_removed, self.passages)
        )

    @property
    def figure_ids(self) -> set[str]:
        return {c.id for c in (*self.added, *self.revised, *self.removed, *self.recited)}


def _relabelled(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Only the unit's wording changed: another unit id, but the same digits, qualifier and period, and the figure written
    the same in the sources' language (so the same magnitude): never a revision of the figure."""
    same = all(a[f] == b[f] for f in FIGURE_DATA if f != "unit")
    return same and a["unit"] != b["unit"] and SOURCE_LANGUAGE in a["display"] and a["display"].get(SOURCE_LANGUAGE) == b["display"].get(SOURCE_LANGUAGE)


def compare(old: dict[str, Any], new: dict[str, Any]) -> Changes:
    """The changes from snapshot ``old`` to snapshot ``new``."""
    before, after = old["figures"], new["figures"]
    added = [FigureChange(k, None, after[k]) for k in sorted(after.keys() - before.keys())]
    removed = [FigureChange(k, before[k], None) for k in sorted(before.keys() - after.keys())]
    revised, recited, relabelled = [], [], []
    for k in sorted(before.keys() & after.keys()):
        a, b = before[k], after[k]
        if _relabelled(a, b):
            relabelled.append(FigureChange(k, a, b))
        elif any(a[f] != b[f] for f in FIGURE_DATA):
            revised.append(FigureChange(k, a, b))
        elif any(a[f] != b[f] for f in CITATION):
            recited.append(FigureChange(k, a, b))
    codes = [c for c in new.get("languages", ()) if c in old.get("languages", ())]  # a language added later is not a rewording
    renamed: dict[str, FigureChange] = {}
    for k in sorted(before.keys() & after.keys()):
        a, b = before[k], after[k]
        if a["indicator"] == b["indicator"] and _in(a["name"], codes) != _in(b["name"], codes):
            renamed.setdefault(b["indicator"], FigureChange(k, a, b))
    targets = []
    for k in sorted(old["targets"].keys() & new["targets"].keys()):
        if old["targets"][k]["level"] != new["targets"][k]["level"]:
            targets.append(TargetChange(k, new["targets"][k]["title"], old["targets"][k]["level"], new["targets"][k]["level"]))
    passages = []
    titles = {**old.get("pages", {}), **new.get("pages", {})}
    for page in sorted(old["texts"].keys() | new["texts"].keys()):
        a_texts = [_in(t, codes) for t in old["texts"].get(page, [])]
        b_texts = [_in(t, codes) for t in new["texts"].get(page, [])]
        changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a_texts, b=b_texts, autojunk=False).get_opcodes() if op != "equal")
        if changed:
            passages.append((titles.get(page), changed))
    return Changes(
        added=added,
        revised=revised,
        removed=removed,
        recited=recited,
        relabelled=relabelled,
        renamed=list(renamed.values()),
        targets=targets,
        charts_added=[{"id": k, **new["charts"][k]} for k in sorted(new["charts"].keys() - old["charts"].keys())],
        charts_removed=[{"id": k, **old["charts"][k]} for k in sorted(old["charts"].keys() - new["charts"].keys())],
        passages=passages,
    )


def _in(texts: dict[str, str], codes: list[str]) -> tuple[str, ...]:
    return tuple(texts.get(code, "") for code in codes)


EMPTY: dict[str, Any] = {"format": FORMAT, "languages": [], "figures": {}, "targets": {}, "charts": {}, "sources": {}, "pages": {}, "texts": {}}


# -- the history --


@dataclass(frozen=True)
class EditionEntry:
    date: str
    note: schema.Text
    reasons: dict[str, schema.Text]  # figure id → why it changed
    snapshot: dict[str, Any] = field(repr=False)
    files: dict[str, bytes] = field(repr=False)  # the frozen data downloads
    changes: Changes  # against the edition before it (against nothing for the first)
    first: bool


@dataclass(frozen=True)
class HistoryRow:
    date: str | None  # None: in the content, not yet in an edition
    figure: dict[str, Any]
    event: str  # added / revised / removed


@dataclass(frozen=True)
class History:
    """Every edition, newest first, with what changed in each; and what changed since the newest."""

    editions: tuple[EditionEntry, ...]
    pending: Changes | None  # the content against the newest edition; None when they hold the same data
    current: dict[str, Any] = field(repr=False)

    @staticmethod
    def none() -> History:
        """The history of content without editions."""
        return History((), None, {})

    def version(self, plan: Plan) -> str:
        """The data's version: the newest edition's date, or the content version when the content has changed since."""
        latest = self.latest
        return latest.date if latest is not None and self.pending is None else plan.content_version

    @property
    def latest(self) -> EditionEntry | None:
        return self.editions[0] if self.editions else None

    def revision(self, indicator_id: str) -> list[FigureChange]:
        """This indicator's figures revised in the newest edition (for the quiet marker on its card)."""
        latest = self.latest
        if latest is None or latest.first:
            return []
        return [c for c in latest.changes.revised if c.current["indicator"] == indicator_id]

    def rows(self, indicator_id: str) -> list[HistoryRow]:
        """Every state of this indicator's figures, newest first: one row per edition that added, revised or removed one."""
        rows: list[HistoryRow] = []
        states: list[tuple[str | None, Changes]] = [(e.date, e.changes) for e in reversed(self.editions)]
        if self.pending is not None:
            states.append((None, self.pending))
        for date, changes in states:
            for event, items in (("added", changes.added), ("revised", changes.revised), ("removed", changes.removed)):
                rows += [HistoryRow(date, c.current, event) for c in items if c.current["indicator"] == indicator_id]
        rows.reverse()
        return rows

    def has_history(self, indicator_id: str) -> bool:
        """Whether its card offers the history: some figure of it was added, revised or removed after the first edition."""
        first = self.editions[-1].date if self.editions else None
        return any(r.event != "added" or r.date != first for r in self.rows(indicator_id))


def future(date: str) -> str | None:
    """Today's date (UTC) when ``date`` (YYYY-MM-DD) is after it, else None: the one rule the edition command and
    ``validate`` apply, so that no edition is ever recorded that would stop every later one."""
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    return today if date > today else None


def folder_digest(folder: Path) -> str:
    """The digest an edition's entry records of its frozen folder."""
    return "sha256:" + tree_digest(folder)


def load_history(root: Path, plan: Plan, locales: Sequence[Locale]) -> History:
    """Read content/editions.yml and each edition's frozen folder; raise ContentError listing every problem."""
    content = root / "content"
    current = snapshot(plan, locales)
    path = content / RECORD
    if not path.exists():
        return History((), None, current)
    shown = display_path(path, root)
    problems: list[Problem] = []
    doc = read_yaml(path, shown, root)
    context = {"languages": tuple(loc.code for loc in locales)}
    record = validate_document(doc, schema.EditionsFile, problems, context)
    if record is None:
        raise ContentError(problems)
    entries: list[EditionEntry] = []
    seen: dict[str, int] = {}
    previous: dict[str, Any] = EMPTY
    if len(record.editions) > MAX_EDITIONS:
        problems.append(
            doc.problem(
                ("editions", MAX_EDITIONS, "date"),
                f"more than {MAX_EDITIONS} editions are recorded ({len(record.editions)})",
                "an edition records a published change of the data; remove the entries that were not published",
            )
        )
        raise ContentError(problems)
    for i, ed in enumerate(record.editions):
        at = ("editions", i)
        if _problem_with_date(doc, at, ed.date, seen, entries, problems):
            continue
        seen[ed.date] = i
        folder = content / FOLDER / ed.date
        loaded = _read_edition(doc, at, folder, ed.digest, root, problems)
        if loaded is None:
            continue
        snap, files = loaded
        known = snap["figures"].keys() | previous["figures"].keys()
        for fid in ed.figures:
            if fid not in known:
                problems.append(
                    doc.problem(
                        (*at, "figures", fid),
                        f"figure {fid!r} is not in edition {ed.date} nor in the one before it",
                        suggest(fid, sorted(known)) or "a figure id is its indicator id and year, e.g. tech-contract-turnover-2024",
                    )
                )
        entries.append(EditionEntry(ed.date, ed.note, dict(ed.figures), snap, files, compare(previous, snap), first=not entries))
        previous = snap
    if problems:
        raise ContentError(problems)
    pending = compare(previous, current) if entries else None
    return History(tuple(reversed(entries)), pending if pending and not pending.empty else None, current)


def _problem_with_date(doc: Document, at: tuple[str | int, ...], date: str, seen: dict[str, int], entries: list[EditionEntry], problems: list[Problem]) -> bool:
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        problems.append(doc.problem((*at, "date"), f"{date!r} is not a date", "write the day it was published as YYYY-MM-DD, e.g. 2026-03-31"))
        return True
    today = future(date)
    if today:
        problems.append(doc.problem((*at, "date"), f"edition {date} is dated in the future (today is {today}, UTC)", "an edition is dated the day it was published"))
        return True
    if date in seen:
        line = doc.position(("editions", seen[date], "date"))[0]
        problems.append(doc.problem((*at, "date"), f"edition {date} is recorded twice (first at line {line})", "one edition a day: remove this entry"))
        return True
    if entries and date < entries[-1].date:
        problems.append(doc.problem((*at, "date"), f"edition {date} is listed after {entries[-1].date}", "list the editions oldest first"))
        return True
    return False


Frozen = tuple[dict[str, Any], dict[str, bytes]]  # an edition's snapshot and its data files


def _read_edition(doc: Document, at: tuple[str | int, ...], folder: Path, digest: str, root: Path, problems: list[Problem]) -> Frozen | None:
    shown = display_path(folder, root)
    if (folder / SNAPSHOT).exists() or (folder / SNAPSHOT).is_symlink():
        unsafe = folder_refused(folder, root, EDITION_FILE)
        if unsafe:
            problems.append(doc.problem((*at, "date"), f"{shown}/ {unsafe[0]}", unsafe[1]))
            return None
    if not (folder / SNAPSHOT).is_file():
        missing = f"the frozen data of this edition is missing: {shown}/{SNAPSHOT}"
        problems.append(doc.problem((*at, "date"), missing, "restore the folder from git (git checkout -- content/editions)"))
        return None
    if folder_digest(folder) != digest:
        problems.append(
            doc.problem(
                (*at, "digest"),
                f"{shown}/ was changed after the edition was published (its digest no longer matches)",
                "a published edition never changes: restore it (git checkout -- content/editions); publish corrections as a new edition",
            )
        )
        return None
    try:
        snap = json.loads((folder / SNAPSHOT).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        why = "it is nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        problems.append(doc.problem((*at, "date"), f"{shown}/{SNAPSHOT} cannot be read: {why}", "restore the folder from git"))
        return None
    if not isinstance(snap, dict) or snap.get("format") != FORMAT:
        problems.append(doc.problem((*at, "date"), f"{shown}/{SNAPSHOT} is not a format-{FORMAT} snapshot", "restore the folder from git"))
        return None
    try:
        schema.Snapshot.model_validate(snap)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        problems.append(
            doc.problem(
                (*at, "date"),
                f"{shown}/{SNAPSHOT} is not a snapshot the edition command wrote: {where}: {first['msg']}",
                "restore the folder from git (git checkout -- content/editions); a published edition never changes",
            )
        )
        return None
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != SNAPSHOT}
    return snap, files
