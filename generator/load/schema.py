"""What authors write in content/: pydantic models, one per file kind.

Unknown keys are rejected and types are strict, so a figure written without
quotes (``value: 9153.30``) or a ``yes`` where a boolean belongs is an error,
not a silent change of meaning. ``python -m generator schema`` publishes these
models as JSON Schema for editors.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from generator.charts import registry as chart_registry

ID_MAX = 64
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=ID_MAX),
    Field(description=f"Lower-case id: letters, digits and single hyphens, at most {ID_MAX} characters."),
]
SourceId = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{3}$"),
    Field(description='Three-digit source id, quoted: "002".'),
]


def _visible(text: str) -> str:
    """Text must show something: not only spaces and invisible characters (U+200B and the like)."""
    if not any(unicodedata.category(ch)[0] not in "ZC" for ch in text):
        raise PydanticCustomError("invisible_text", "text has no visible character")
    return text


# Characters XML 1.0 cannot hold (the feed, the SVG, the sitemap): C0 controls but tab and line feed, the surrogates and
# the two non-characters U+FFFE and U+FFFF; and the carriage return, which XML turns into a line feed and a CSV file
# into a new row. Every text is refused with them, here, where it is read.
_UNSTORABLE = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


def _storable(text: str) -> str:
    found = _UNSTORABLE.search(text)
    if found:
        raise PydanticCustomError(
            "control_character", "text has the control character U+{code}, which no page, feed or chart can hold", {"code": f"{ord(found.group()):04X}"}
        )
    return text


def _web_address(value: str) -> str:
    """An address a link may lead to: http or https, with a host, and no character a web address cannot contain."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or not re.fullmatch(r"[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+", value):
        raise PydanticCustomError("web_address", "not a web address: it must start with https:// (or http://) and name a host")
    return value


Line = Annotated[str, StringConstraints(min_length=1, pattern=r"\S"), AfterValidator(_visible), AfterValidator(_storable)]
WebAddress = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_web_address)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Figure = Annotated[
    str,
    StringConstraints(min_length=1, max_length=20),
    Field(description='The figure exactly as the source writes it, quoted: "9153.3", "2.97", "两".'),
]
Qualifier = Literal["超", "超过", "突破", "破", "近", "余", "多", "约", "左右", "以上", "及以上"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


DEFAULT_LANGUAGES = ("zh", "en")


class Translated(Strict):
    """Something written in each of the site's languages: ``zh`` and ``en`` always, and one key per further language.

    The further languages are those of ``site_config.yml``, passed as the
    validation context ``{"languages": (...)}``; any other key is an error.
    """

    model_config = ConfigDict(extra="allow")

    @model_validator(mode="after")
    def _languages(self, info: ValidationInfo) -> Translated:
        languages = (info.context or {}).get("languages", DEFAULT_LANGUAGES)
        extra = self.__pydantic_extra__ or {}
        for key in extra:
            if key not in languages:
                raise PydanticCustomError(
                    "unknown_language",
                    "unknown key '{key}': not a field here and not one of the site's languages ({languages})",
                    {"key": key, "languages": ", ".join(languages)},
                )
        for code in languages:
            if code not in DEFAULT_LANGUAGES and code not in extra:
                raise PydanticCustomError("missing_language", "no text in '{code}', one of the site's languages", {"code": code})
        return self

    def get(self, code: str) -> Any:
        """The value in language ``code``."""
        return getattr(self, code)


class Text(Translated):
    """A text in each of the site's languages."""

    __pydantic_extra__: dict[str, Line] = Field(init=False)

    zh: Line
    en: Line


class Passage(Translated):
    """Narrative quoted verbatim (zh) from a source, with a faithful translation into each further language."""

    __pydantic_extra__: dict[str, Line] = Field(init=False)

    source: SourceId
    zh: Line = Field(description="Verbatim from the source text.")
    en: Line
    task: int | None = Field(None, ge=1, description="Task number in its source, which must be marked tasks: true in sources.yml.")
    note: Text | None = Field(None, description="An editorial note shown after it in brackets, e.g. the year a “this year” means.")
    status: Literal["done", "task"] | None = Field(None, description="A pillar's measure: done (the source reports it as done) or task (a task to do; implied by task:).")


class Growth(Strict):
    value: Figure
    unit: Id
    basis: Literal["year_on_year", "annual_average", "since"]
    since: Year | None = None
    qualifier: Qualifier | None = None


class National(Strict):
    """Beijing relative to the national total, as the source states it."""

    value: Figure
    form: Literal["percent", "fraction", "half", "multiple"]
    qualifier: Qualifier | None = None


class Observation(Strict):
    value: Figure
    unit: Id | None = Field(None, description="Only when this observation is written in another unit of the same dimension.")
    qualifier: Qualifier | None = None
    period: Literal["year", "end_of_year", "as_of_writing"] = "year"
    year: Year
    estimated: bool = False
    growth: Growth | None = None
    national: National | None = None
    source: SourceId
    quote: Line = Field(description="The sentence or clause, verbatim from the source.")
    note: Text | None = None


class Indicator(Strict):
    id: Id
    name: Text
    unit: Id
    observations: list[Observation] = Field(min_length=1)


class Standing(Strict):
    """A rank or standing as a source states it ("first among Chinese cities"), with or without a figure."""

    id: Id
    subject: Text = Field(description="What is ranked, in words (need not be verbatim).")
    standing: Text = Field(description="The rank as written; zh occurs verbatim in the quote, e.g. 均居全国各城市首位.")
    period: Literal["year", "end_of_year", "as_of_writing"] = "as_of_writing"
    year: Year
    source: SourceId
    quote: Line
    indicators: list[Id] = Field([], description="Figures the standing is about: their cards show it.")


ChartKind = Literal[chart_registry.NAMES]  # type: ignore[valid-type]  # derived from the registry


class Chart(Strict):
    id: Id
    kind: ChartKind
    title: Text
    indicators: list[Id] = []
    targets: list[Id] = []
    total: Id | None = None
    scale: Literal["linear", "log"] = "linear"


class Pillar(Strict):
    id: Id
    title: Text
    heading: Passage
    definition: Passage
    summary: Passage
    measures: list[Passage] = Field(min_length=1)
    next_steps: list[Passage] = Field(min_length=1)
    indicators: list[Indicator] = []
    standings: list[Standing] = []
    charts: list[Chart] = []


class Period(Strict):
    start: Year
    end: Year
    label: Text


class Goal(Strict):
    year: Year
    source: SourceId
    text: Text


class PlanFile(Strict):
    title: Text
    subtitle: Text
    period: Period
    goals: list[Goal] = Field(min_length=1)
    structure: list[Passage] = Field([], description="How the plan is organised (its programmes and focus areas), quoted.")
    headline: list[Id] = Field(min_length=1)
    pillars: list[Id] = Field(min_length=1)
    indicators: list[Indicator] = []
    standings: list[Standing] = []
    charts: list[Chart] = []


class Target(Strict):
    id: Id
    title: Text
    comparator: Literal["about", "over"]
    value: Figure
    unit: Id
    year: Year
    source: SourceId
    quote: Line
    indicator: Id | None = None
    no_data: Text | None = None
    maintain: bool = Field(False, description="A level to keep (the quote says 保持在…): rated on whether it is held from the year the target was set.")
    standings: list[Id] = Field(
        [], description="Standings that bear on the target as qualitative evidence (never turned into a number); only a standing about the target's own measure."
    )


class QualitativeGoal(Strict):
    """A goal the sources state in words only: shown with the evidence the sources give, never rated."""

    id: Id
    title: Text = Field(description="The goal; zh occurs verbatim in the quote.")
    year: Year
    source: SourceId
    quote: Line
    indicators: list[Id] = []
    standings: list[Id] = []


class TargetsFile(Strict):
    targets: list[Target] = Field(min_length=1)
    qualitative: list[QualitativeGoal] = []


class NotTracked(Strict):
    """Figures of a source the site does not track, with the reason (a product specification, a count in a name …)."""

    source: SourceId
    quote: Line = Field(description="Verbatim from the source: every figure in it (by the rule of docs/coverage.md) is not tracked.")
    reason: Text


class CoverageFile(Strict):
    """``content/coverage.yml``: with it, every figure of every source must be captured or listed here."""

    not_tracked: list[NotTracked] = []


class SourceType(Strict):
    """A kind of document (policy document, news report …): declared in content, so a new kind needs no code."""

    id: Id
    name: Text
    citation: Literal["document", "report", "article-newspaper", "article-magazine", "webpage", "legislation"] = Field(
        "document", description="The kind of item citations give documents of this type (a CSL item type)."
    )


class Source(Strict):
    id: SourceId
    file: Annotated[str, StringConstraints(pattern=r"^sources/[A-Za-z0-9_.-]+\.txt$")]
    type: Id = Field(description="The id of one of the types: listed in this file.")
    title: Text
    short: Text | None = Field(None, description="A short name for footnotes and lists (“2023 work plan”); the full title stays on the source page.")
    author: Text
    year: Year
    date_basis: Text
    published: Text | None = Field(None, description="The publication date exactly as the text or its page gives it, when it does.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s\"'<>]+$")] | None = Field(None, description="Where the document is published.")
    tasks: bool = Field(False, description="Its text numbers its tasks (17. …): passages may cite a task by number.")
    anonymous: bool = Field(False, description="The text names no author: citations then name none (author: says so in words).")


class SourcesFile(Strict):
    types: list[SourceType] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)


class UnitZh(Strict):
    prefix: str = ""
    scale: str = ""
    noun: str = ""


class UnitDisplay(Strict):
    """How a translated language writes figures in this unit (English: ``en``)."""

    shift: int = Field(0, ge=-12, le=12, description="Power of ten applied to the figure for this language.")
    prefix: str = ""
    suffix: str = ""
    ordinal: bool = False
    scale_words: bool = Field(
        False,
        description="Amounts: English text picks million, billion or trillion by size (CNY 1 trillion, not 1,000 billion); suffix and shift then serve chart axes only.",
    )


class Unit(Translated):
    __pydantic_extra__: dict[str, UnitDisplay] = Field(init=False)

    id: Id
    dimension: Id
    magnitude: int = Field(ge=0, le=16)
    zh: UnitZh
    en: UnitDisplay
    axis: Text

    def display(self, code: str) -> UnitDisplay:
        """How language ``code`` writes figures in this unit (not the sources' language, which writes them as ``zh``)."""
        display: UnitDisplay = self.get(code)
        return display


class UnitsFile(Strict):
    units: list[Unit] = Field(min_length=1)


class Edition(Strict):
    """One published edition of the data (recorded by ``python -m generator edition``)."""

    date: Annotated[
        str,
        StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
        Field(description="The day it was published, YYYY-MM-DD; also its id and the name of its folder content/editions/<date>/."),
    ]
    note: Text = Field(description="What was updated and why, in each of the site's languages.")
    digest: Annotated[
        str,
        StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$"),
        Field(description="SHA-256 of its frozen folder, written by the edition command: an edition never changes."),
    ]
    figures: dict[Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")], Text] = Field(
        default_factory=dict, description="Why a figure changed in this edition, by figure id (<indicator>-<year>); optional."
    )


LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$", max_length=35)]
Texts = Annotated[dict[LanguageCode, Line], Field(max_length=50)]  # a text of a snapshot, by language


class Snap(BaseModel):
    """A part of a frozen snapshot: read from JSON (so not strict about its types' origin), but no other key."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Owner = Annotated[str, StringConstraints(pattern=r"^(?:plan|[a-z0-9]+(?:-[a-z0-9]+)*)$", max_length=ID_MAX)]  # plan or a pillar id
PageKey = Annotated[str, StringConstraints(pattern=r"^(?:home|[a-z0-9]+(?:-[a-z0-9]+)*)$", max_length=ID_MAX)]  # home or a pillar id
FigureKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]  # <indicator>-<year>


class SnapFigure(Snap):
    indicator: Id
    owner: Owner  # the page of its card: the home page or a pillar's
    name: Texts
    year: Year
    value: Figure
    unit: Id
    qualifier: Literal[""] | Qualifier
    period: Literal["year", "end_of_year", "as_of_writing"]
    estimated: bool
    source: SourceId
    quote: Line
    display: Texts


class SnapTarget(Snap):
    title: Texts
    level: Literal["achieved", "held", "on_track", "moderate", "insufficient", "moving_away", "not_held", "not_enough_data"]


class SnapChart(Snap):
    title: Texts
    owner: Owner


class SnapSource(Snap):
    title: Texts


SNAPSHOT_ITEMS = 100_000  # figures, targets, charts or passages a snapshot may hold; the real content has about a hundred


class Snapshot(Snap):
    """``content/editions/<date>/snapshot.json``, written by the edition command: the state of every figure, target,
    chart, source and passage. A pull request can edit it (and recompute the digest), so it is checked like any content."""

    format: Literal[1]
    languages: Annotated[list[LanguageCode], Field(min_length=1, max_length=50)]
    figures: Annotated[dict[FigureKey, SnapFigure], Field(max_length=SNAPSHOT_ITEMS)]
    targets: Annotated[dict[Id, SnapTarget], Field(max_length=SNAPSHOT_ITEMS)]
    charts: Annotated[dict[Id, SnapChart], Field(max_length=SNAPSHOT_ITEMS)]
    sources: Annotated[dict[SourceId, SnapSource], Field(max_length=1000)]
    pages: Annotated[dict[Id, Texts], Field(max_length=SNAPSHOT_ITEMS)]
    texts: Annotated[dict[PageKey, Annotated[list[Texts], Field(max_length=SNAPSHOT_ITEMS)]], Field(max_length=SNAPSHOT_ITEMS)]


class EditionsFile(Strict):
    editions: list[Edition] = Field(description="Every published edition, oldest first.")


FILE_MODELS: dict[str, type[Strict]] = {
    "plan": PlanFile,
    "pillar": Pillar,
    "targets": TargetsFile,
    "sources": SourcesFile,
    "units": UnitsFile,
    "editions": EditionsFile,
    "coverage": CoverageFile,
}
