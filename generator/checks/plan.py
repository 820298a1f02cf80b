"""plan.yml and the pillar files: the pillars with their passages, and the plan's goals, structure and headline."""

from __future__ import annotations

from generator import model
from generator.checks.figures import build_indicators
from generator.checks.quotes import passage, verbatim
from generator.checks.refs import Refs
from generator.checks.report import At
from generator.load import schema
from generator.load.yamlio import Document

PillarFile = tuple[model.Pillar, Document, schema.Pillar]


def load_pillars(refs: Refs, files: list[tuple[str, tuple[Document, schema.Pillar] | None]], plan_file: tuple[Document, schema.PlanFile] | None) -> list[PillarFile]:
    """Each pillar file (by file stem, None if it failed validation) with its passages and indicators; standings and charts come later."""
    listed = list(plan_file[1].pillars) if plan_file else []
    out = []
    present: set[str] = set()
    for stem, entry in files:
        if entry is None:
            present.add(stem)
            continue
        doc, pillar = entry
        present.add(pillar.id)
        if pillar.id != stem:
            refs.report.fail(
                At(doc, ("id",)), f"pillar id {pillar.id!r} does not match the file name {stem + '.yml'!r}", f"rename the file to {pillar.id}.yml or change the id"
            )
        if plan_file and pillar.id not in listed:
            refs.report.fail(
                At(doc, ("id",)),
                f"pillar {pillar.id!r} is not listed in plan.yml pillars",
                "add it to `pillars:` in content/plan.yml, in the order it should appear",
            )
        heading, definition, summary = (passage(refs, doc, getattr(pillar, key), (key,)) for key in ("heading", "definition", "summary"))
        measures = tuple(passage(refs, doc, p, ("measures", i)) for i, p in enumerate(pillar.measures))
        steps = tuple(passage(refs, doc, p, ("next_steps", i)) for i, p in enumerate(pillar.next_steps))
        _statuses(refs, doc, pillar)
        indicators = build_indicators(refs, doc, pillar.indicators, ("indicators",), pillar.id)
        if heading is None or definition is None or summary is None or None in measures or None in steps:
            continue
        built = model.Pillar(
            id=pillar.id,
            title=pillar.title,
            heading=heading,
            definition=definition,
            summary=summary,
            measures=tuple(p for p in measures if p is not None),
            next_steps=tuple(p for p in steps if p is not None),
            indicators=indicators,
            charts=(),
        )
        out.append((built, doc, pillar))
    if plan_file:
        doc = plan_file[0]
        for i, pid in enumerate(listed):
            if pid not in present:
                refs.report.fail(At(doc, ("pillars", i)), f"pillar {pid!r} has no file content/pillars/{pid}.yml", "create the file or remove the id from the list")
            elif listed.index(pid) != i:
                refs.report.fail(At(doc, ("pillars", i)), f"pillar {pid!r} is listed twice", "list each pillar once")
    return out


def goals(refs: Refs, doc: Document, plan: schema.PlanFile) -> tuple[model.Goal, ...]:
    out = []
    for i, goal in enumerate(plan.goals):
        at = At(doc, ("goals", i))
        src = refs.source(goal.source, at("source"))
        verbatim(refs, goal.text.zh, src, at("text", "zh"), "goal text")
        if src is not None:
            out.append(model.Goal(year=goal.year, text=goal.text, source=src))
    return tuple(out)


def _statuses(refs: Refs, doc: Document, pillar: schema.Pillar) -> None:
    """Each measure says whether it reports something done or a task to do; next steps are plans."""
    for i, p in enumerate(pillar.measures):
        at = At(doc, ("measures", i))
        if p.task is not None and p.status == "done":
            refs.report.fail(at("status"), f"task {p.task} of a work plan is a task to do, not something done", "remove status: (task: makes it a task)")
        elif p.task is None and p.status is None:
            refs.report.fail(
                at, "a measure must say whether it reports something done or a task to do", "add status: done (the source reports it as done) or status: task"
            )
    for i, p in enumerate(pillar.next_steps):
        if p.status is not None:
            refs.report.fail(At(doc, ("next_steps", i, "status")), "next steps are plans: they take no status", "remove status:, or move the passage to measures:")
