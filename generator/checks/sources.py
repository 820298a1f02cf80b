"""units.yml and sources.yml: the registries every other file refers to, and the archived source texts."""

from __future__ import annotations

from pathlib import Path

from generator import model
from generator.checks.refs import Refs
from generator.checks.report import At
from generator.errors import Problem, display_path
from generator.load import schema
from generator.load.files import SOURCE_TEXT, refused
from generator.load.yamlio import Document, format_loc
from generator.model.provenance import squash


def load_units(refs: Refs, found: tuple[Document, schema.UnitsFile] | None) -> None:
    """Fill ``refs.units`` (left None when units.yml did not validate)."""
    if not found:
        return
    doc, units = found
    refs.units = {}
    for i, unit in enumerate(units.units):
        if unit.id in refs.units:
            refs.report.fail(At(doc, ("units", i, "id")), f"duplicate unit id {unit.id!r}", "give each unit its own id")
        refs.units[unit.id] = unit


def load_sources(refs: Refs, found: tuple[Document, schema.SourcesFile] | None, content_dir: Path, root: Path) -> None:
    """Fill ``refs.sources`` and their whitespace-free texts (left None when sources.yml did not validate)."""
    if not found:
        return
    doc, sources = found
    refs.sources = {}
    types = {t.id: model.SourceType(id=t.id, name=t.name, citation=t.citation) for t in sources.types}
    for i, src in enumerate(sources.sources):
        at = At(doc, ("sources", i))
        if src.id in refs.sources:
            refs.report.fail(at("id"), f"duplicate source id {src.id!r}", "give each source its own id")
            continue
        text = source_text(refs, src, at("file"), content_dir, root)
        if text is None:
            refs.broken_sources.add(src.id)
            continue
        kind = types.get(src.type)
        if kind is None:
            refs.report.unknown("source type", src.type, at("type"), list(types), "the types: list of content/sources.yml")
            refs.broken_sources.add(src.id)  # reported once, here: its uses stay silent
            continue
        refs.sources[src.id] = model.Source(
            id=src.id,
            file=src.file,
            type=kind,
            title=src.title,
            author=src.author,
            year=src.year,
            date_basis=src.date_basis,
            text=text,
            published=src.published,
            url=src.url,
            tasks=src.tasks,
            anonymous=src.anonymous,
            short=src.short,
        )
        refs.flat[src.id] = squash(text)


def source_text(refs: Refs, src: schema.Source, at: At, content_dir: Path, root: Path) -> str | None:
    """The archived text of a source, or None after reporting why it cannot be used (once: its uses stay silent)."""
    path = content_dir / src.file
    shown = f"archived text {src.file}"

    def broken(message: str, hint: str) -> None:
        line, column = at.doc.position(at.loc)
        refs.report.problems.append(Problem(at.doc.file, line, column, format_loc(at.loc), f"{shown} {message}", hint, rank=0))

    if not path.exists() and not path.is_symlink():
        broken("not found", f"keep a copy of every source text under content/sources/ (looked for {display_path(path, root)})")
        return None
    unsafe = refused(path, root, SOURCE_TEXT)
    if unsafe:
        broken(*unsafe)
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        broken(f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} on line {line})", "save the text as UTF-8")
        return None
    if not text.strip():
        broken("is empty", "paste the full text of the document into the file")
        return None
    return text.removeprefix("\ufeff")
