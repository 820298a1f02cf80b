"""The languages of the site: one :class:`Locale` per language, read from ``locales/<code>/``.

A locale is data: ``locale.yml`` holds every word the site writes around the
content (labels, progress wording, punctuation, how periods, growth and
national shares are phrased, how figures are written) and the prose pages
beside it (``method.md.jinja``, ``data.md.jinja``) hold the longer texts. The
code never asks which language it is writing; it asks the locale.

The site's languages are listed in ``site_config.yml`` (``languages``); the
first is published at the site root, every other under ``<code>/``. A project
may add a language of its own in ``<project>/locales/<code>/``. Content
wording (names, titles, translations) lives in ``content/``, one key per
language.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from generator.errors import ContentError, Problem
from generator.load.files import PROSE, refused
from generator.load.schema import Strict
from generator.load.validation import validate_document
from generator.load.yamlio import Document, read_yaml
from generator.model import numbers, progress
from generator.model.progress import LEVELS, REASONS
from generator.render.markup import ProseError, prose

if TYPE_CHECKING:
    from generator.load.schema import Text
    from generator.model import Growth, National, Observation, Target, Unit

LOCALES = Path(__file__).parents[1] / "locales"
SOURCE_LANG = "zh"  # the language of the sources: content is quoted in it, and figures are shown as written
REFERENCE = "en"  # the built-in locale whose keys and placeholders every other locale must match

# -- what a locale.yml holds --------------------------------------------------------------------------


class Engine(Strict):
    language: str = Field(description="The engine's interface language (Material for MkDocs: theme.language).")
    search: list[str] = Field(min_length=1, description="Search languages (lunr), e.g. [zh, en].")


class Figures(Strict):
    """How figures are written: as the sources write them, or translated."""

    as_written: bool = Field(description="Show each figure exactly as the source writes it, qualifier in place (the sources' language).")
    group: str = Field(",", description="Thousands separator.")
    decimal: str = "."
    scale_words: dict[str, int] = Field({}, description="Words for powers of ten, picked by size for amounts: {billion: 9}.")
    ordinal: Literal["english", "number"] = "number"
    qualifiers: dict[str, str] = Field({}, description="The word for each qualifier of the sources (超 → over).")


class Punctuation(Strict):
    colon: str
    open: str
    close: str
    stop: str
    items: str = Field(description="Between clauses, e.g. a target's observations.")
    names: str = Field(description="Between short names.")
    parts: str = Field(description="Between the parts of a total (which may contain commas).")
    points: str = Field(description="Between the points of a series.")
    word_space: str = Field(description="The space between words (none in Chinese): after a qualifier, after a sentence.")
    dated: str = Field(description="Between a period and its value in a sentence: 2024年，… / 2024: …")


class Periods(Strict):
    year: str
    end_of_year: str
    as_of_writing: str


class GrowthWords(Strict):
    year_on_year: str
    year_on_year_count: str
    annual_average: str
    annual_average_since: str
    since: str


class NationalWords(Strict):
    percent: str
    fraction: str
    half: str
    multiple: str


class ProgressWords(Strict):
    labels: dict[str, str]
    reasons: dict[str, str]
    edge: str
    when: str = Field(description="Said of a target met or held before its target year: {met_year}, {early}, {year}.")
    early_one: str
    early_many: str = Field(description="{n} years.")
    rules: str


class CitationStyle(Strict):
    style: str = Field(description="The CSL style of citations in this language, by its id among the official CSL styles (apa …).")
    locale: str = Field(description="The CSL locale that words them: en-US, zh-CN.")


class LocaleFile(Strict):
    code: str = Field(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$")
    name: str = Field(description="The language's name in itself: 中文, English.")
    html_lang: str = Field(description="BCP 47 tag for the pages' lang attribute: zh-CN, en.")
    this_page: str = Field(description="The link to this language on the other languages' pages.")
    engine: Engine
    figures: Figures
    number_words: list[str] = Field(min_length=1, description="Small counts as words: 零, 一 … / zero, one …")
    punctuation: Punctuation
    periods: Periods
    growth: GrowthWords
    national: NationalWords
    labels: dict[str, str]
    progress: ProgressWords
    citation: CitationStyle
    columns: dict[str, str] = Field(description="What each column and table of the data downloads holds (the data package's descriptions).")


# -- the locale the renderers use ---------------------------------------------------------------------


@dataclass(frozen=True)
class Locale:
    """One language of the site and everything needed to write in it."""

    data: LocaleFile
    folder: Path  # holds locale.yml and the prose templates
    root: bool  # published at the site root

    @property
    def code(self) -> str:
        return self.data.code

    @property
    def prefix(self) -> str:
        """Where its pages are published, relative to the site root: "" or "en/"."""
        return "" if self.root else f"{self.code}/"

    @property
    def source(self) -> bool:
        """Whether this is the sources' language (content quoted verbatim, figures as written)."""
        return self.code == SOURCE_LANG

    @property
    def p(self) -> Punctuation:
        return self.data.punctuation

    def to_root(self, depth: int = 0) -> str:
        """Relative path from a page ``depth`` folders below this language's root up to the site root."""
        return "../" * (depth + self.prefix.count("/"))

    def text(self, item: Text) -> str:
        """A content text (a title, a name, a translation) in this language."""
        return item.get(self.code)

    def number_word(self, n: int) -> str:
        """A small count as written in running text: 五 / five; larger ones in digits."""
        words = self.data.number_words
        return words[n] if 0 <= n < len(words) else str(n)

    def label(self, key: str, **values: int | str) -> str:
        """An interface label with what it names filled in: counts as words (五个方面, the five pillars), texts as given."""
        return self.data.labels[key].format(**{k: self.number_word(v) if isinstance(v, int) else v for k, v in values.items()})

    # -- figures --

    def number(self, number: Decimal, grouping: bool = True) -> str:
        """A decimal written without exponent, with this language's separators."""
        digits = numbers.plain(number, grouping)
        table: dict[str, str | int | None] = {",": self.data.figures.group, ".": self.data.figures.decimal}
        return digits.translate(str.maketrans(table))

    def qualifier(self, qualifier: str | None) -> str:
        """A qualifier as this language writes it before a figure, with its space: "over ", "超"."""
        if not qualifier:
            return ""
        word = qualifier if self.data.figures.as_written else self.data.figures.qualifiers[qualifier]
        return word + self.p.word_space

    def amount(self, value: str, unit: Unit, qualifier: str | None) -> str:
        """One figure with its unit and qualifier."""
        figures = self.data.figures
        if figures.as_written:
            place = numbers.QUALIFIERS[qualifier] if qualifier else None
            before = qualifier if place == "before" else ""
            after_scale = qualifier if place == "after-scale" else ""
            end = qualifier if place == "end" else ""
            return f"{before}{unit.zh.prefix}{value}{unit.zh.scale}{after_scale}{unit.zh.noun}{end}"
        number = numbers.parse_figure(value)
        if number is None:
            raise ValueError(f"figure {value!r} is not a number")
        display = unit.display(self.code)
        if display.ordinal and figures.ordinal == "english":
            text = numbers.english_ordinal(int(number))
        elif display.ordinal:
            text = str(int(number))
        elif display.scale_words:
            text = f"{display.prefix}{self.scaled(number.scaleb(unit.magnitude))}"
        else:
            text = f"{display.prefix}{self.number(number.scaleb(display.shift))}{display.suffix}"
        return self.qualifier(qualifier) + text

    def scaled(self, amount: Decimal) -> str:
        """An amount with the scale word that suits its size: 9.1533e11 → "915.33 billion" (exact, never rounded)."""
        for word, power in sorted(self.data.figures.scale_words.items(), key=lambda item: -item[1]):
            if abs(amount) >= Decimal(10) ** power:
                return f"{self.number(amount.scaleb(-power))}{self.p.word_space}{word}"
        return self.number(amount)

    def observation(self, obs: Observation) -> str:
        return self.amount(obs.value, obs.unit, obs.qualifier)

    def period(self, period: str, year: int) -> str:
        return str(getattr(self.data.periods, period)).format(year=year)

    def growth(self, growth: Growth) -> str:
        amount = self.amount(growth.value, growth.unit, growth.qualifier)
        words = self.data.growth
        if growth.basis == "year_on_year":
            template = words.year_on_year if growth.unit.id == "percent" else words.year_on_year_count
        elif growth.basis == "annual_average":
            template = words.annual_average_since if growth.since else words.annual_average
        else:
            template = words.since
        return template.format(amount=amount, since=growth.since)

    def national(self, national: National) -> str:
        template = getattr(self.data.national, national.form)
        return str(template).format(q=self.qualifier(national.qualifier), value=national.value)

    # -- progress (rules in generator/progress.py) --

    def progress_label(self, level: str) -> str:
        return self.data.progress.labels[level]

    def rate(self, rate: Decimal) -> str:
        """An average annual change as a signed percentage: +2.3% / −1.0%."""
        pct = (rate * 100).quantize(Decimal("0.1"))
        sign = "+" if pct > 0 else ("−" if pct < 0 else "±")
        return f"{sign}{str(abs(pct)).replace('.', self.data.figures.decimal)}%"

    def progress_reason(self, target: Target) -> str:
        """Why the target has its rating, in one sentence."""
        p = target.progress
        goal = self.amount(target.value, target.unit, numbers.COMPARATOR_QUALIFIER[target.comparator])
        edge = ""
        if target.comparator == "about":
            edge = self.data.progress.edge.format(edge=self.amount(numbers.plain(p.threshold, grouping=False), target.unit, None))
        latest = ""
        if p.latest is not None:
            latest = f"{self.period(p.latest.period, p.latest.year)}{self.p.dated}{self.observation(p.latest)}"
        fields: dict[str, object] = {"goal": goal, "edge": edge, "latest": latest, "adopted": target.source.year, "year": target.year, "when": self.met_when(target)}
        if p.base is not None and p.required_rate is not None and p.actual_rate is not None and p.latest is not None:
            fields |= {"base_year": p.base.year, "latest_year": p.latest.year, "actual": self.rate(p.actual_rate), "required": self.rate(p.required_rate)}
        return self.data.progress.reasons[p.reason].format(**fields)

    def early(self, years: int) -> str:
        """How many years early: "a year", "2 years"."""
        words = self.data.progress
        return words.early_one if years == 1 else words.early_many.format(n=years)

    def met_when(self, target: Target) -> str:
        """When a target met or held early was met: ", in 2024: a year before the target year, 2025" (else "")."""
        p = target.progress
        if not p.years_early or p.latest is None:
            return ""
        return self.data.progress.when.format(met_year=p.latest.year, early=self.early(p.years_early), year=target.year)

    def progress_rules(self) -> str:
        return self.data.progress.rules.format(
            tolerance=self.number(progress.ABOUT_TOLERANCE * 100, grouping=False),
            floor=self.number(100 - progress.ABOUT_TOLERANCE * 100, grouping=False),
            on_track=self.number(progress.ON_TRACK * 100, grouping=False),
            moderate=self.number(progress.MODERATE * 100, grouping=False),
        )


# -- loading ------------------------------------------------------------------------------------------

HOW = "see CONTRIBUTING.md, “Add a language”"


def locale_folder(code: str, root: Path | None) -> Path | None:
    """Where a language's locale lives: the project's ``locales/<code>/`` first, then the built-in one."""
    for base in ((root / "locales",) if root else ()) + (LOCALES,):
        if (base / code / "locale.yml").is_file():
            return base / code
    return None


def load_locales(codes: Sequence[str], root: Path | None = None) -> tuple[Locale, ...]:
    """The site's languages, in order (the first at the site root); every problem at once."""
    problems: list[Problem] = []
    _, reference = _read(LOCALES / REFERENCE, None, problems)
    assert reference is not None, problems  # the built-in reference locale is valid (tested)
    locales: list[Locale] = []
    for i, code in enumerate(codes):
        folder = locale_folder(code, root)
        if folder is None:
            where = f"{root / 'locales'}/{code}/ or " if root else ""
            problems.append(Problem("site_config.yml", 1, 1, "", f"no locale for language {code!r}", f"add {where}generator/locales/{code}/locale.yml ({HOW})"))
            continue
        doc, data = _read(folder, root, problems)
        if doc is None or data is None:
            continue
        shown = _shown(folder, root)
        if data.code != code:
            problems.append(doc.problem(("code",), f"the locale in {code}/ says its code is {data.code!r}", f"write code: {code}"))
        problems += _completeness(doc, data, reference)
        for name in ("method.md.jinja", "data.md.jinja"):
            where = f"{shown.rsplit('/', 1)[0]}/{name}"
            if not (folder / name).exists() and not (folder / name).is_symlink():
                problems.append(Problem(where, 1, 1, "", "the page's prose in this language is missing", f"translate it from generator/locales/{REFERENCE}/{name}"))
                continue
            unsafe = refused(folder / name, root or LOCALES.parent, PROSE)
            if unsafe:
                problems.append(Problem(where, 1, 1, "", f"file {unsafe[0]}", unsafe[1]))
                continue
            problems += _prose_problems(folder / name, where)
        locales.append(Locale(data, folder, root=i == 0))
    if problems:
        raise ContentError(problems)
    return tuple(locales)


# Values of the shape prose_values() gives (generator/render/pages.py), to try a locale's prose with before a build.
_SAMPLE_PROSE_VALUES: dict[str, object] = {
    "counts": {"pillars": "5", "sources": "5", "tasks": "22", "targets": "6"},
    "pillars": ["A", "B"],
    "pillar_sources": ["002"],
    "tasks": 22,
    "names": ", ",
    "progress_rules": "…",
    "data_url": "../data/",
    "license_link": "CC BY 4.0",
}


def _prose_problems(path: Path, shown: str) -> list[Problem]:
    """What stops a locale's prose from rendering in Jinja's sandbox: its syntax, a value it may not use, an attribute
    the sandbox refuses; at its line."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(shown, 1, 1, "", f"file cannot be read as UTF-8 text: {exc}", "save it as UTF-8")]
    try:
        prose(source, _SAMPLE_PROSE_VALUES, shown)
    except ProseError as exc:
        hint = "use only counts, pillars, pillar_sources, tasks, names, progress_rules, data_url and license_link, as the reference locale's prose does"
        return [Problem(shown, exc.line, 1, "", f"the prose cannot be rendered: {exc.what}", hint)]
    return []


def _shown(folder: Path, root: Path | None) -> str:
    if root is not None and folder.is_relative_to(root):
        return (folder / "locale.yml").relative_to(root).as_posix()
    return f"generator/locales/{folder.name}/locale.yml"


def _read(folder: Path, root: Path | None, problems: list[Problem]) -> tuple[Document | None, LocaleFile | None]:
    try:
        doc = read_yaml(folder / "locale.yml", _shown(folder, root))
    except ContentError as exc:
        problems += exc.problems
        return None, None
    result: LocaleFile | None = validate_document(doc, LocaleFile, problems)
    return doc, result


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _placeholder_problem(text: str) -> str | None:
    """Why a text's placeholders cannot be filled in, or None: each is a name alone, ``{count}``, without attribute
    access, indexing, a conversion or a format specification (``{count.real}``, ``{count[0]}``, ``{count!r}``,
    ``{count:>99999}``), which would reach into the values or grow the text without bound."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        return f"has a brace that opens or closes no placeholder ({exc}); write a brace itself as {{{{ or }}}}"
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if not name.isidentifier() or spec or conversion:
            return f"uses the placeholder {shown}; a placeholder is a name alone, e.g. {{count}}"
    return None


def _completeness(doc: Document, data: LocaleFile, reference: LocaleFile) -> list[Problem]:
    """Every key the reference locale has, no other, and the same placeholders in each text."""
    problems: list[Problem] = []

    def compare(where: tuple[str, ...], mine: Mapping[str, str], theirs: Mapping[str, str], what: str) -> None:
        for key in theirs.keys() - mine.keys():
            problems.append(doc.problem(where, f"{what} {key!r} is missing", f"add it, translated from {REFERENCE}: {theirs[key]!r}"))
        for key in mine.keys() - theirs.keys():
            problems.append(doc.problem((*where, key), f"unknown {what} {key!r}", f"remove it; the {what}s are those of generator/locales/{REFERENCE}/locale.yml"))
        for key in mine.keys() & theirs.keys():
            wrong = _placeholder_problem(mine[key])
            if wrong:
                problems.append(doc.problem((*where, key), f"{what} {key!r} {wrong}", "write each placeholder as the reference locale does"))
                continue
            extra = _fields(mine[key]) - _fields(theirs[key])
            if extra:
                given = ", ".join("{" + f + "}" for f in sorted(_fields(theirs[key]))) or "none"
                problems.append(doc.problem((*where, key), f"{what} {key!r} uses {{{sorted(extra)[0]}}}, which is not given", f"it may use: {given}"))

    compare(("labels",), data.labels, reference.labels, "label")
    compare(("columns",), data.columns, reference.columns, "column description")
    compare(("progress", "labels"), data.progress.labels, dict.fromkeys(LEVELS, ""), "progress level")
    compare(("progress", "reasons"), data.progress.reasons, reference.progress.reasons, "progress reason")
    assert set(reference.progress.reasons) == set(REASONS)
    for section in ("periods", "growth", "national"):
        mine, theirs = getattr(data, section).model_dump(), getattr(reference, section).model_dump()
        compare((section,), mine, theirs, section.rstrip("s") + " text")
    if not data.figures.as_written:
        missing = [q for q in numbers.QUALIFIERS if q not in data.figures.qualifiers]
        if missing:
            problems.append(
                doc.problem(
                    ("figures", "qualifiers"),
                    f"no word for the qualifier {missing[0]!r}",
                    "give a word for each qualifier the sources use: " + ", ".join(numbers.QUALIFIERS),
                )
            )
    return problems
