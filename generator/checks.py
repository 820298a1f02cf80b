"""Cross-file checks and resolution of the validated files into the Plan.

Provenance: every quote occurs verbatim (whitespace ignored) in its archived
source; each figure, qualifier, growth and national comparison occurs in its
quote; every reference resolves; ids are unique; years are plausible.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import model, schema
from generator.charts.registry import KINDS
from generator.errors import Problem, display_path, excerpt, suggest
from generator.fingerprint import content_version
from generator.numbers import COMPARATOR_QUALIFIER, parse_figure
from generator.provenance import Written, locate, national_in, share_problem, squash, years_in
from generator.yamlio import Document, Loc, format_loc, unsafe_file

if TYPE_CHECKING:
    from generator.load import Partial

GROWTH_MARKERS = {"year_on_year": "同比", "annual_average": "年均"}


def written(unit: schema.Unit) -> Written:
    return Written(unit.zh.prefix, unit.zh.scale, unit.zh.noun)


@dataclass
class _At:
    doc: Document
    loc: Loc


class Checker:
    def __init__(
        self,
        content_dir: Path,
        root: Path,
        parsed: dict[str, tuple[Document, Any]],
        problems: list[Problem],
        partial: dict[str, Partial] | None = None,
    ) -> None:
        self.content_dir = content_dir
        self.root = root
        self.parsed = parsed
        self.partial = partial or {}
        self.problems = problems
        # Ids written in files that failed validation: referring to them is not a second problem.
        self.written_ids: dict[str, set[str]] = {}
        for part in self.partial.values():
            for name, ids in part.ids.items():
                self.written_ids.setdefault(name, set()).update(ids)
        self.broken_sources: set[str] = set()  # declared, but the text could not be read: reported once, at the cause
        self.unknown: dict[tuple[str, str], list[Any]] = {}  # (kind, id) -> [first place, message, hint, uses]
        self.sources: dict[str, model.Source] | None = None
        self.units: dict[str, schema.Unit] | None = None
        self.indicators: dict[str, model.Indicator] = {}
        self.declared: dict[str, str] = {}  # indicator id -> owner, even if it failed to build
        self.targets: dict[str, model.Target] = {}
        self.targets_loaded = False
        defining = [content_dir / "plan.yml", *sorted((content_dir / "pillars").glob("*.yml"))]
        self.indicators_complete = all(display_path(p, root) in parsed or display_path(p, root) in self.partial for p in defining)
        self.chart_ids: dict[str, _At] = {}
        self.flat: dict[str, str] = {}  # source id -> its text without whitespace, computed once
        self.standings: dict[str, model.Standing] = {}
        self.standing_ids: set[str] = set()

    # -- helpers ---------------------------------------------------------
    def fail(self, at: _At, message: str, hint: str = "") -> None:
        self.problems.append(at.doc.problem(at.loc, message, hint))

    def _file(self, name: str) -> tuple[Document, Any] | None:
        return self.parsed.get(display_path(self.content_dir / name, self.root))

    def unknown_ref(self, kind: str, ref: str, at: _At, known: list[str], where: str) -> None:
        """Record a reference to an id that does not exist; reported once, at its first use, with the nearest name."""
        entry = self.unknown.get((kind, ref))
        if entry is not None:
            entry[3] += 1
            return
        close = suggest(ref, known)
        hint = f"{close} " if close else ""
        hint += f"{kind.capitalize()}s are defined in {where}" + (f"; known: {', '.join(sorted(known))}" if len(", ".join(known)) <= 200 else "")
        self.unknown[(kind, ref)] = [at, f"unknown {kind} {excerpt(ref)}", hint, 1]

    def report_unknown(self) -> None:
        for at, message, hint, uses in self.unknown.values():
            more = f" (used {uses} times; the first use is shown)" if uses > 1 else ""
            self.fail(at, message + more, hint)
        self.unknown.clear()

    def source(self, source_id: str, at: _At) -> model.Source | None:
        if self.sources is None:
            return None
        found = self.sources.get(source_id)
        if found is None and source_id not in self.broken_sources and source_id not in self.written_ids.get("sources", set()):
            self.unknown_ref("source", source_id, at, list(self.sources), "content/sources.yml")
        return found

    def indicator(self, ref: str, at: _At) -> model.Indicator | None:
        found = self.indicators.get(ref)
        known = set(self.declared) | self.written_ids.get("indicators", set())
        if ref not in known and self.indicators_complete:
            self.unknown_ref("indicator", ref, at, sorted(known), "plan.yml and the pillar files")
        return found

    def unit(self, unit_id: str, at: _At) -> schema.Unit | None:
        if self.units is None:
            return None
        found = self.units.get(unit_id)
        if found is None and unit_id not in self.written_ids.get("units", set()):
            self.unknown_ref("unit", unit_id, at, list(self.units), "content/units.yml")
        return found

    def verbatim(self, text: str, src: model.Source | None, at: _At, what: str = "quote") -> None:
        if src is None:
            return
        if squash(text) not in self.flat[src.id]:
            self.fail(at, f"{what} not found in source {src.id} ({src.file})", "copy the text exactly from the archived source; only whitespace may differ")

    def dated(self, period: str, year: int, quote: str, src: model.Source, at: _At) -> None:
        """The year of a figure or standing agrees with its source and with the years its quote names."""
        if year > src.year:
            self.fail(at, f"year {year} is after the source was written ({src.year})", "check the year against the quoted sentence")
        stated = years_in(quote)
        if period != "as_of_writing" and stated and year not in stated:
            named = ", ".join(str(y) for y in dict.fromkeys(stated))
            self.fail(at, f"year {year} does not agree with the quote, which names {named}", "set the year the quote gives, or quote the sentence that names this year")
        if period == "as_of_writing" and year != src.year:
            self.fail(
                at,
                f"an 'as_of_writing' observation takes the source's year ({src.year}), found {year}",
                f"set year: {src.year}, or use period: year if the text names the year",
            )

    def figure(
        self, value: str, unit: schema.Unit, qualifier: str | None, quote: str, at_value: _At, at_qualifier: _At, what: str = "figure", key: str = "qualifier"
    ) -> None:
        """The figure must stand in the quote with its unit and exactly its qualifier."""
        w = written(unit)
        found = locate(value, w, qualifier, quote)
        if found.problem == "absent":
            self.fail(
                at_value,
                f"{what} {value!r} does not occur in the quote as a whole number",
                "write it exactly as in the quoted sentence; a figure inside a longer number, a year or a fraction (1/7) does not count",
            )
        elif found.problem == "unit":
            self.fail(
                at_value,
                f"{what} {value!r} does not occur in the quote with its unit {w.prefix}…{w.scale}{w.noun} ({unit.id})",
                f"the quote must write it as {w.prefix}{value}{w.scale}{w.noun}; check the unit",
            )
        elif found.problem == "omitted":
            self.fail(
                at_value,
                f"the quote writes {found.attached!r} with {what} {value!r}, but no {key} is given",
                f"add {key}: {found.attached}" if key == "qualifier" else "",
            )
        elif found.problem == "unattached":
            self.fail(at_qualifier, f"{key} {qualifier!r} is not attached to {what} {value!r} in the quote", f"the {key} must be the word written with this figure")
        elif found.problem == "mismatch":
            self.fail(
                at_qualifier,
                f"{key} {qualifier!r} does not match the quote, which writes {found.attached!r} with {what} {value!r}",
                f"set {key}: {found.attached}" if key == "qualifier" else "",
            )

    # -- run -------------------------------------------------------------
    def run(self) -> model.Plan | None:
        self.load_units()
        self.load_sources()
        plan_file = self._file("plan.yml")
        plan_indicators: tuple[model.Indicator, ...] = ()
        if plan_file:
            doc, plan = plan_file
            plan_indicators = self.build_indicators(doc, plan.indicators, ("indicators",), "plan")
        pillars = self.load_pillars(plan_file)
        plan_standings: tuple[model.Standing, ...] = ()
        if plan_file:
            plan_standings = self.build_standings(plan_file[0], plan_file[1].standings, ("standings",), "plan")
        pillars = [(model.Pillar(**{**p.__dict__, "standings": self.build_standings(d, m.standings, ("standings",), p.id)}), d, m) for p, d, m in pillars]
        targets, qualitative = self.load_targets()
        plan_charts: tuple[model.Chart, ...] = ()
        if plan_file:
            plan_charts = self.build_charts(plan_file[0], plan_file[1].charts, ("charts",), "plan")
        built_pillars = tuple(model.Pillar(**{**p.__dict__, "charts": self.build_charts(d, m.charts, ("charts",), p.id)}) for p, d, m in pillars)
        self.check_partial()
        if plan_file is None or self.problems or self.unknown or self.sources is None or self.units is None:
            self.report_unknown()
            return None
        doc, plan = plan_file
        goals = []
        for i, goal in enumerate(plan.goals):
            at = _At(doc, ("goals", i, "text", "zh"))
            src = self.source(goal.source, _At(doc, ("goals", i, "source")))
            self.verbatim(goal.text.zh, src, at, "goal text")
            if src is not None:
                goals.append(model.Goal(goal.year, goal.text, src))
        structure = tuple(p for i, item in enumerate(plan.structure) if (p := self.passage(doc, item, ("structure", i))) is not None)
        headline = []
        for i, ref in enumerate(plan.headline):
            ind = self.indicator(ref, _At(doc, ("headline", i)))
            if ind is not None:
                headline.append(ind)
        if self.problems or self.unknown:
            self.report_unknown()
            return None
        order = {pid: n for n, pid in enumerate(plan.pillars)}
        return model.Plan(
            title=plan.title,
            subtitle=plan.subtitle,
            period=plan.period,
            goals=tuple(goals),
            headline=tuple(headline),
            indicators=plan_indicators,
            charts=plan_charts,
            pillars=tuple(sorted(built_pillars, key=lambda p: order[p.id])),
            targets=targets,
            sources=tuple(self.sources.values()),
            units=tuple(self.units.values()),
            content_version=content_version(self.content_dir),
            standings=plan_standings,
            qualitative=qualitative,
            structure=structure,
        )

    def check_partial(self) -> None:
        """Reference checks on the parts of files that failed validation, so that every problem shows at once."""
        for shown, part in self.partial.items():
            owner = Path(shown).stem
            self.build_indicators(
                part.doc, [item for _, item in part.items.get("indicators", [])], ("indicators",), owner, [i for i, _ in part.items.get("indicators", [])]
            )
            self.build_charts(part.doc, [item for _, item in part.items.get("charts", [])], ("charts",), owner, [i for i, _ in part.items.get("charts", [])])

    # -- files -----------------------------------------------------------
    def load_units(self) -> None:
        found = self._file("units.yml")
        if not found:
            return
        doc, units = found
        self.units = {}
        for i, unit in enumerate(units.units):
            if unit.id in self.units:
                self.fail(_At(doc, ("units", i, "id")), f"duplicate unit id {unit.id!r}", "give each unit its own id")
            self.units[unit.id] = unit

    def load_sources(self) -> None:
        found = self._file("sources.yml")
        if not found:
            return
        doc, sources = found
        self.sources = {}
        types = {t.id: model.SourceType(t.id, t.name) for t in sources.types}
        for i, src in enumerate(sources.sources):
            at = _At(doc, ("sources", i, "id"))
            if src.id in self.sources:
                self.fail(at, f"duplicate source id {src.id!r}", "give each source its own id")
                continue
            text = self.source_text(src, _At(doc, ("sources", i, "file")))
            if text is None:
                self.broken_sources.add(src.id)
                continue
            kind = types.get(src.type)
            if kind is None:
                self.unknown_ref("source type", src.type, _At(doc, ("sources", i, "type")), list(types), "the types: list of content/sources.yml")
                self.broken_sources.add(src.id)  # reported once, here: its uses stay silent
                continue
            self.sources[src.id] = model.Source(src.id, src.file, kind, src.title, src.author, src.year, src.date_basis, text, src.published, src.url)
            self.flat[src.id] = squash(text)

    def source_text(self, src: schema.Source, at: _At) -> str | None:
        """The archived text of a source, or None after reporting why it cannot be used (once: its uses stay silent)."""
        path = self.content_dir / src.file
        shown = f"archived text {src.file}"

        def broken(message: str, hint: str) -> None:
            line, column = at.doc.position(at.loc)
            self.problems.append(Problem(at.doc.file, line, column, format_loc(at.loc), f"{shown} {message}", hint, rank=0))

        if not path.exists() and not path.is_symlink():
            broken("not found", f"keep a copy of every source text under content/sources/ (looked for {display_path(path, self.root)})")
            return None
        unsafe = unsafe_file(path, self.root)
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

    def load_pillars(self, plan_file: tuple[Document, Any] | None) -> list[tuple[model.Pillar, Document, schema.Pillar]]:
        listed = list(plan_file[1].pillars) if plan_file else []
        out = []
        present: set[str] = set()
        for path in sorted((self.content_dir / "pillars").glob("*.yml")):
            entry = self.parsed.get(display_path(path, self.root))
            if not entry:
                present.add(path.stem)
                continue
            doc, pillar = entry
            present.add(pillar.id)
            if pillar.id != path.stem:
                self.fail(
                    _At(doc, ("id",)),
                    f"pillar id {pillar.id!r} does not match the file name {path.name!r}",
                    f"rename the file to {pillar.id}.yml or change the id",
                )
            if plan_file and pillar.id not in listed:
                self.fail(
                    _At(doc, ("id",)),
                    f"pillar {pillar.id!r} is not listed in plan.yml pillars",
                    "add it to `pillars:` in content/plan.yml, in the order it should appear",
                )
            passages = {key: self.passage(doc, getattr(pillar, key), (key,)) for key in ("heading", "definition", "summary")}
            measures = tuple(self.passage(doc, p, ("measures", i)) for i, p in enumerate(pillar.measures))
            steps = tuple(self.passage(doc, p, ("next_steps", i)) for i, p in enumerate(pillar.next_steps))
            indicators = self.build_indicators(doc, pillar.indicators, ("indicators",), pillar.id)
            heading, definition, summary = passages["heading"], passages["definition"], passages["summary"]
            if heading is None or definition is None or summary is None:
                continue
            kept_measures = tuple(p for p in measures if p is not None)
            kept_steps = tuple(p for p in steps if p is not None)
            if len(kept_measures) != len(measures) or len(kept_steps) != len(steps):
                continue
            out.append(
                (
                    model.Pillar(pillar.id, pillar.title, heading, definition, summary, kept_measures, kept_steps, indicators, ()),
                    doc,
                    pillar,
                )
            )
        if plan_file:
            doc = plan_file[0]
            for i, pid in enumerate(listed):
                if pid not in present:
                    self.fail(_At(doc, ("pillars", i)), f"pillar {pid!r} has no file content/pillars/{pid}.yml", "create the file or remove the id from the list")
                elif listed.index(pid) != i:
                    self.fail(_At(doc, ("pillars", i)), f"pillar {pid!r} is listed twice", "list each pillar once")
        return out

    def passage(self, doc: Document, p: schema.Passage, loc: Loc) -> model.Passage | None:
        src = self.source(p.source, _At(doc, (*loc, "source")))
        if src is None:
            return None
        if p.task is not None:
            if src.id != "003":
                self.fail(_At(doc, (*loc, "task")), "task numbers refer to the 2023 work plan (source 003)", 'set source: "003" or remove task')
            elif squash(f"{p.task}.{p.zh}") not in self.flat[src.id]:
                self.fail(_At(doc, (*loc, "zh")), f"task {p.task} with this title not found in source 003", "check the task number and copy its title exactly")
        else:
            self.verbatim(p.zh, src, _At(doc, (*loc, "zh")), "text")
        return model.Passage(schema.Text.model_construct(**p.model_dump(exclude={"source", "task"})), src, p.task)

    def build_indicators(self, doc: Document, items: list[schema.Indicator], loc: Loc, owner: str, indices: list[int] | None = None) -> tuple[model.Indicator, ...]:
        out = []
        for i, ind in zip(indices or range(len(items)), items, strict=True):
            at = _At(doc, (*loc, i, "id"))
            if ind.id in self.declared:
                self.fail(at, f"duplicate indicator id {ind.id!r}", f"already defined for {self.declared[ind.id]}; ids must be unique across all files")
                continue
            self.declared[ind.id] = owner
            unit = self.unit(ind.unit, _At(doc, (*loc, i, "unit")))
            observations = []
            for j, obs in enumerate(ind.observations):
                built = self.observation(doc, obs, (*loc, i, "observations", j), unit)
                if built is not None:
                    observations.append(built)
            if unit is None or len(observations) != len(ind.observations):
                continue
            built_ind = model.Indicator(ind.id, ind.name, unit, tuple(observations), owner)
            self.indicators[ind.id] = built_ind
            out.append(built_ind)
        return tuple(out)

    def observation(self, doc: Document, obs: schema.Observation, loc: Loc, indicator_unit: schema.Unit | None) -> model.Observation | None:
        def at(*more: str | int) -> _At:
            return _At(doc, (*loc, *more))

        src = self.source(obs.source, at("source"))
        unit = indicator_unit
        if obs.unit is not None:
            unit = self.unit(obs.unit, at("unit"))
            if unit and indicator_unit and unit.dimension != indicator_unit.dimension:
                self.fail(
                    at("unit"),
                    f"unit {unit.id!r} measures {unit.dimension}, but the indicator's unit {indicator_unit.id!r} measures {indicator_unit.dimension}",
                    "an observation may only use another unit of the same dimension",
                )
        quote = obs.quote
        if parse_figure(obs.value) is None:
            self.fail(
                at("value"),
                f"figure {obs.value!r} is not a number",
                'write the digits as the source does (e.g. "9153.3"), or a single Chinese numeral such as 两',
            )
        elif unit is not None:
            self.figure(obs.value, unit, obs.qualifier, quote, at("value"), at("qualifier"))
        if obs.estimated and "预计" not in quote:
            self.fail(at("estimated"), "marked estimated, but the quote does not say 预计", "remove `estimated: true` or quote the sentence that says 预计")
        if src is not None:
            self.verbatim(quote, src, at("quote"))
            self.dated(obs.period, obs.year, quote, src, at("year"))
        growth = None
        if obs.growth is not None:
            g = obs.growth
            gunit = self.unit(g.unit, at("growth", "unit"))
            if gunit is not None and parse_figure(g.value) is None:
                self.fail(at("growth", "value"), f"growth {g.value!r} is not a number", 'write the digits as the source does, e.g. "7.2"')
            elif gunit is not None:
                self.figure(g.value, gunit, g.qualifier, quote, at("growth", "value"), at("growth", "qualifier"), what="growth")
            marker = GROWTH_MARKERS.get(g.basis) or (f"较{g.since}年" if g.since else "")
            if g.basis == "since" and g.since is None:
                self.fail(at("growth", "since"), "growth with basis 'since' needs the year it is measured from", "add since: YEAR")
            elif marker and marker not in quote:
                self.fail(at("growth", "basis"), f"growth basis {g.basis!r} needs {marker!r} in the quote", "")
            if gunit:
                growth = model.Growth(g.value, gunit, g.basis, g.since, g.qualifier)
        national = None
        if obs.national is not None:
            n = obs.national
            share = share_problem(n.value, n.form)
            problem = national_in(n.value, n.form, quote)
            if share:
                self.fail(at("national", "value"), share, "check the figure and its form against the quoted sentence")
            elif problem:
                self.fail(
                    at("national", "value"),
                    problem,
                    "write the share as the source does: 28.7 with form percent, 1/7 with form fraction, 一半 with form half, 11.4 with form multiple",
                )
            if n.qualifier and n.qualifier not in quote:
                self.fail(at("national", "qualifier"), f"qualifier {n.qualifier!r} does not occur in the quote", "")
            national = model.National(n.value, n.form, n.qualifier)
        if src is None or unit is None:
            return None
        return model.Observation(obs.value, unit, obs.qualifier, obs.period, obs.year, obs.estimated, growth, national, src, quote, obs.note)

    def load_targets(self) -> tuple[tuple[model.Target, ...], tuple[model.QualitativeGoal, ...]]:
        found = self._file("targets.yml")
        if not found:
            return (), ()
        doc, targets = found
        self.targets_loaded = True
        out = []
        for i, t in enumerate(targets.targets):

            def at(*more: str, i: int = i) -> _At:
                return _At(doc, ("targets", i, *more))

            if t.id in self.targets:
                self.fail(at("id"), f"duplicate target id {t.id!r}", "give each target its own id")
                continue
            src = self.source(t.source, at("source"))
            unit = self.unit(t.unit, at("unit"))
            self.verbatim(t.quote, src, at("quote"))
            number = parse_figure(t.value)
            if number is None:
                self.fail(at("value"), f"target value {t.value!r} is not a number", 'write the digits as the source does, e.g. "8000"')
            elif number <= 0:
                self.fail(at("value"), f"target value {t.value!r} must be greater than zero", "progress is measured as a share of the target value")
            elif unit is not None:
                marker = COMPARATOR_QUALIFIER[t.comparator]
                self.figure(t.value, unit, marker, t.quote, at("value"), at("comparator"), what="target value", key="comparator marker")
            if src and t.year < src.year:
                self.fail(at("year"), f"target year {t.year} is before the source ({src.year})", "")
            indicator = None
            if t.indicator is not None:
                indicator = self.indicator(t.indicator, at("indicator"))
                if indicator is not None and unit and indicator.unit.dimension != unit.dimension:
                    self.fail(at("indicator"), f"indicator {t.indicator!r} is measured in {indicator.unit.dimension}, the target in {unit.dimension}", "")
                if t.no_data is not None:
                    self.fail(at("no_data"), "a target with an indicator cannot also say no_data", "remove one of the two")
            elif t.no_data is None:
                self.fail(
                    at("indicator"),
                    "target has neither an indicator nor a no_data note",
                    "name the indicator that measures it, or say in no_data that the sources give no observation",
                )
            standings = self.standing_refs(t.standings, lambda j, i=i: _At(doc, ("targets", i, "standings", j)))
            if src and unit:
                built = model.Target(t.id, t.title, t.comparator, t.value, unit, t.year, src, t.quote, indicator, t.no_data, standings)
                self.targets[t.id] = built
                out.append(built)
        qualitative: list[model.QualitativeGoal] = []
        for i, g in enumerate(targets.qualitative):

            def gat(*more: str | int, i: int = i) -> _At:
                return _At(doc, ("qualitative", i, *more))

            if g.id in self.targets or g.id in {q.id for q in qualitative}:
                self.fail(gat("id"), f"duplicate target id {g.id!r}", "give each target and qualitative goal its own id")
                continue
            src = self.source(g.source, gat("source"))
            self.verbatim(g.quote, src, gat("quote"))
            if squash(g.title.zh) not in squash(g.quote):
                self.fail(gat("title", "zh"), "the goal's Chinese title does not occur in its quote", "write the goal exactly as the quoted sentence states it")
            indicators = tuple(ind for j, ref in enumerate(g.indicators) if (ind := self.indicator(ref, gat("indicators", j))) is not None)
            standings = self.standing_refs(g.standings, lambda j, i=i: _At(doc, ("qualitative", i, "standings", j)))
            if src:
                qualitative.append(model.QualitativeGoal(g.id, g.title, g.year, src, g.quote, indicators, standings))
        return tuple(out), tuple(qualitative)

    def standing_refs(self, refs: list[str], at: Any) -> tuple[model.Standing, ...]:
        out = []
        for j, ref in enumerate(refs):
            found = self.standings.get(ref)
            if found is not None:
                out.append(found)
            elif ref not in self.standing_ids:
                self.unknown_ref("standing", ref, at(j), sorted(self.standing_ids), "the standings: lists of plan.yml and the pillar files")
        return tuple(out)

    def build_standings(self, doc: Document, items: list[schema.Standing], loc: Loc, owner: str) -> tuple[model.Standing, ...]:
        out = []
        for i, st in enumerate(items):

            def at(*more: str | int, i: int = i) -> _At:
                return _At(doc, (*loc, i, *more))

            if st.id in self.standing_ids:
                self.fail(at("id"), f"duplicate standing id {st.id!r}", "standing ids must be unique across all files")
                continue
            self.standing_ids.add(st.id)
            src = self.source(st.source, at("source"))
            if squash(st.standing.zh) not in squash(st.quote):
                self.fail(
                    at("standing", "zh"), "the standing does not occur in its quote", "write the rank exactly as the quoted sentence states it, e.g. 稳居全国各城市首位"
                )
            for j, ref in enumerate(st.indicators):
                self.indicator(ref, at("indicators", j))
            if src is None:
                continue
            self.verbatim(st.quote, src, at("quote"))
            self.dated(st.period, st.year, st.quote, src, at("year"))
            built = model.Standing(st.id, st.subject, st.standing, st.period, st.year, src, st.quote, tuple(st.indicators), owner)
            self.standings[st.id] = built
            out.append(built)
        return tuple(out)

    def build_charts(self, doc: Document, charts: list[schema.Chart], loc: Loc, owner: str, indices: list[int] | None = None) -> tuple[model.Chart, ...]:
        out = []
        for i, c in zip(indices or range(len(charts)), charts, strict=True):

            def at(*more: str | int, i: int = i) -> _At:
                return _At(doc, (*loc, i, *more))

            if c.id in self.chart_ids:
                self.fail(at("id"), f"duplicate chart id {c.id!r}", "chart ids must be unique across all files")
                continue
            self.chart_ids[c.id] = at("id")
            indicators = []
            for j, ref in enumerate(c.indicators):
                ind = self.indicator(ref, at("indicators", j))
                if ind is not None:
                    indicators.append(ind)
            targets = []
            for j, ref in enumerate(c.targets):
                tgt = self.targets.get(ref)
                if tgt is None and self.targets_loaded and ref not in self.written_ids.get("targets", set()):
                    self.unknown_ref("target", ref, at("targets", j), list(self.targets), "content/targets.yml")
                elif tgt is not None:
                    targets.append(tgt)
            total = None
            if c.total is not None:
                total = self.indicator(c.total, at("total"))
            self._chart_rules(c, indicators, targets, total, at)
            out.append(model.Chart(c.id, c.kind, c.title, tuple(indicators), tuple(targets), total, c.scale, owner))
        return tuple(out)

    def _chart_rules(self, c: schema.Chart, indicators: list[model.Indicator], targets: list[model.Target], total: model.Indicator | None, at: Any) -> None:
        """The rules of the chart's kind, read from :mod:`generator.charts.registry`."""
        kind = KINDS[c.kind]
        if kind.takes == "targets":
            if not c.targets:
                self.fail(at("targets"), f"a {c.kind} chart needs targets", "list target ids under targets:")
            if c.indicators:
                self.fail(at("indicators"), f"a {c.kind} chart takes targets, not indicators", "")
            return
        if c.targets:
            self.fail(at("targets"), f"a {c.kind} chart takes indicators, not targets", "")
        if not c.indicators:
            self.fail(at("indicators"), f"a {c.kind} chart needs indicators", "list indicator ids under indicators:")
            return
        if kind.min_observations > 1:
            for j, ind in enumerate(indicators):
                if len(ind.observations) < kind.min_observations:
                    self.fail(
                        at("indicators", j),
                        f"indicator {ind.id!r} has one observation; a time series needs two or more",
                        "show it as a key figure instead (indicators with one observation are key figures)",
                    )
        if len(c.indicators) < kind.min_indicators:
            self.fail(at("indicators"), f"a {c.kind} chart needs at least two indicators", "")
        if kind.national_percent:
            for j, ind in enumerate(indicators):
                nat = ind.latest.national
                if nat is None or nat.form != "percent":
                    self.fail(at("indicators", j), f"indicator {ind.id!r} has no share of the national total in percent", "")
        if kind.total and total is None and c.total is None:
            self.fail(at("total"), f"a {c.kind} chart needs the indicator that is the whole", "add total: INDICATOR_ID")
        if not kind.total and c.total is not None:
            self.fail(at("total"), f"total is only used by {' and '.join(k for k, v in KINDS.items() if v.total)} charts, not {c.kind}", "")
        dims = {ind.unit.dimension for ind in indicators} | ({total.unit.dimension} if total else set())
        if kind.one_dimension and len(dims) > 1:
            self.fail(at("indicators"), f"indicators on one chart must share a dimension, found {', '.join(sorted(dims))}", "")
        if c.scale == "log" and not kind.log_scale:
            self.fail(at("scale"), f"a log scale is only available for {' and '.join(k for k, v in KINDS.items() if v.log_scale)} charts", "")
