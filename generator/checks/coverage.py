"""content/coverage.yml: the figures of the sources that are not tracked, and the rule that every other figure is
captured (quoted by the content). Each unaccounted figure is reported at its line in its source."""

from __future__ import annotations

from pathlib import Path

from generator import model
from generator.checks.refs import Refs
from generator.checks.report import At
from generator.errors import Problem, display_path
from generator.load import schema
from generator.load.yamlio import Document
from generator.model.coverage import account_of, spans
from generator.model.statements import find_figures

HINT = (
    "quote its sentence where the site shows the figure (an observation, standing, target or passage), "
    "or list the sentence in content/coverage.yml under not_tracked: with the reason"
)


def load_not_tracked(refs: Refs, found: tuple[Document, schema.CoverageFile] | None) -> tuple[model.NotTracked, ...]:
    """The entries of content/coverage.yml, each checked: its sentence is in its source and holds a figure."""
    if not found:
        return ()
    doc, coverage = found
    out = []
    for i, entry in enumerate(coverage.not_tracked):
        at = At(doc, ("not_tracked", i))
        src = refs.source(entry.source, at("source"))
        if src is None:
            continue
        where = list(spans(src.text, entry.quote))
        if not where:
            refs.report.fail(at("quote"), f"not found in source {src.id} ({src.file})", "copy the sentence exactly from the archived text")
            continue
        start, end = where[0]
        if not any(start <= m.start and m.end <= end for m in find_figures(src.text)):
            refs.report.fail(at("quote"), "holds no figure (by the rule of docs/coverage.md): it marks nothing", "remove the entry")
            continue
        out.append(model.NotTracked(source=src, quote=entry.quote, reason=entry.reason))
    return tuple(out)


def check_coverage(plan: model.Plan, found: tuple[Document, schema.CoverageFile] | None, content_dir: Path, root: Path, problems: list[Problem]) -> None:
    """Every figure of every source captured or not tracked; an entry of coverage.yml whose figures are all captured is stale."""
    for source in plan.sources:
        accounts = account_of(plan, source)
        shown = display_path(content_dir / source.file, root)
        for acc in accounts:
            if acc.status != "unaccounted":
                continue
            m = acc.mention
            column = m.start - (source.text.rfind("\n", 0, m.start) + 1) + 1
            problems.append(Problem(shown, m.line, column, "", f"figure {m.figure!r} is not accounted for: {m.sentence}", HINT))
        if found is None:
            continue
        doc = found[0]
        for i, entry in enumerate(found[1].not_tracked):
            if entry.source != source.id:
                continue
            start, end = next(spans(source.text, entry.quote), (0, 0))
            inside = [a for a in accounts if start <= a.mention.start and a.mention.end <= end]
            if inside and all(a.status == "captured" for a in inside):
                problems.append(
                    doc.problem(("not_tracked", i, "quote"), "every figure in this sentence is captured by the content: the entry is stale", "remove the entry")
                )


__all__ = ["check_coverage", "load_not_tracked"]
