"""Provenance: a quote occurs verbatim in its source, and a figure in its quote, written as the source writes it."""

from __future__ import annotations

from generator import model
from generator.checks.refs import Refs
from generator.checks.report import At, Report
from generator.load import schema
from generator.load.yamlio import Document, Loc
from generator.model.provenance import Written, locate, squash, years_in


def written(unit: schema.Unit) -> Written:
    return Written(unit.zh.prefix, unit.zh.scale, unit.zh.noun)


def verbatim(refs: Refs, text: str, src: model.Source | None, at: At, what: str = "quote") -> None:
    if src is None:
        return
    if squash(text) not in refs.flat[src.id]:
        refs.report.fail(at, f"{what} not found in source {src.id} ({src.file})", "copy the text exactly from the archived source; only whitespace may differ")


def dated(report: Report, period: str, year: int, quote: str, src: model.Source, at: At) -> None:
    """The year of a figure or standing agrees with its source and with the years its quote names."""
    if year > src.year:
        report.fail(at, f"year {year} is after the source was written ({src.year})", "check the year against the quoted sentence")
    stated = years_in(quote)
    if period != "as_of_writing" and stated and year not in stated:
        named = ", ".join(str(y) for y in dict.fromkeys(stated))
        report.fail(at, f"year {year} does not agree with the quote, which names {named}", "set the year the quote gives, or quote the sentence that names this year")
    if period == "as_of_writing" and year != src.year:
        report.fail(
            at,
            f"an 'as_of_writing' observation takes the source's year ({src.year}), found {year}",
            f"set year: {src.year}, or use period: year if the text names the year",
        )


def figure(
    report: Report, value: str, unit: schema.Unit, qualifier: str | None, quote: str, at_value: At, at_qualifier: At, what: str = "figure", key: str = "qualifier"
) -> None:
    """The figure must stand in the quote with its unit and exactly its qualifier."""
    w = written(unit)
    found = locate(value, w, qualifier, quote)
    if found.problem == "absent":
        report.fail(
            at_value,
            f"{what} {value!r} does not occur in the quote as a whole number",
            "write it exactly as in the quoted sentence; a figure inside a longer number, a year or a fraction (1/7) does not count",
        )
    elif found.problem == "unit":
        report.fail(
            at_value,
            f"{what} {value!r} does not occur in the quote with its unit {w.prefix}…{w.scale}{w.noun} ({unit.id})",
            f"the quote must write it as {w.prefix}{value}{w.scale}{w.noun}; check the unit",
        )
    elif found.problem == "omitted":
        report.fail(
            at_value,
            f"the quote writes {found.attached!r} with {what} {value!r}, but no {key} is given",
            f"add {key}: {found.attached}" if key == "qualifier" else "",
        )
    elif found.problem == "unattached":
        report.fail(at_qualifier, f"{key} {qualifier!r} is not attached to {what} {value!r} in the quote", f"the {key} must be the word written with this figure")
    elif found.problem == "mismatch":
        report.fail(
            at_qualifier,
            f"{key} {qualifier!r} does not match the quote, which writes {found.attached!r} with {what} {value!r}",
            f"set {key}: {found.attached}" if key == "qualifier" else "",
        )


def passage(refs: Refs, doc: Document, p: schema.Passage, loc: Loc) -> model.Passage | None:
    """Narrative quoted from a source: verbatim, or as a numbered task of a source whose tasks are numbered."""
    at = At(doc, loc)
    src = refs.source(p.source, at("source"))
    if src is None:
        return None
    if p.task is not None:
        if not src.tasks:
            numbered = sorted(s.id for s in (refs.sources or {}).values() if s.tasks)
            hint = (
                f"cite a source with numbered tasks ({', '.join(numbered)}) or remove task" if numbered else "remove task, or mark the source tasks: true in sources.yml"
            )
            refs.report.fail(at("task"), f"task numbers refer to a source whose tasks are numbered; source {src.id} is not marked tasks: true", hint)
        elif squash(f"{p.task}.{p.zh}") not in refs.flat[src.id]:
            refs.report.fail(at("zh"), f"task {p.task} with this title not found in source {src.id}", "check the task number and copy its title exactly")
    else:
        verbatim(refs, p.zh, src, at("zh"), "text")
    status = "task" if p.task is not None else p.status
    text = schema.Text.model_construct(**p.model_dump(exclude={"source", "task", "status", "note"}))
    return model.Passage(text=text, source=src, task=p.task, status=status, note=p.note)
