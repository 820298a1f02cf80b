"""The pages of the site: one list, from which the rendered pages, the navigation and the PDF chapters derive.

Adding a page type is one entry in :func:`site_pages` plus its template;
nothing else needs to know about it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from generator.load.locales import Locale
from generator.model import Chart, Pillar, Plan, Source

Chapter = Literal["goals", "pillar", "targets", "sources"]


@dataclass(frozen=True)
class Page:
    """One output page in every language."""

    path: str  # under docs/, always a folder's index.md ("pillars/transfer/index.md"): see site_pages()
    template: str  # in generator/templates/
    title: Callable[[Locale], str]  # its navigation title, in a language
    section: str | None = None  # label of the navigation group it belongs to, or None at the top level
    chapter: Chapter | None = None  # its chapter in the PDF report, if it has one
    pillar: Pillar | None = None
    source: Source | None = None

    @property
    def url(self) -> str:
        """Its address relative to its language's root: "" or "pillars/transfer/"."""
        return url_of(self.path)

    @property
    def anchor(self) -> str:
        """The id of its chapter in the PDF report."""
        return f"pillar-{self.pillar.id}" if self.pillar is not None else str(self.chapter)

    def context(self) -> dict[str, Any]:
        """What its template needs besides the shared render context."""
        return {"pillar": self.pillar, "source": self.source}


def site_pages(plan: Plan) -> list[Page]:
    """Every page, in navigation order.

    Each page is the ``index.md`` of its own folder, so that the folder of its Markdown file is
    the folder of its address: a relative link in raw HTML then means the same to MkDocs (which
    reads it against the address) and to Zensical (which reads it against the Markdown file).
    """

    def label(key: str) -> Callable[[Locale], str]:
        return lambda locale: locale.label(key, **plan.counts)

    def text_of(item: Pillar | Source) -> Callable[[Locale], str]:
        return lambda locale: locale.text(item.title)

    def document(source: Source) -> Callable[[Locale], str]:
        return lambda locale: f"{locale.label('document')} {source.id}"

    return [
        Page("index.md", "home.md.jinja", label("home"), chapter="goals"),
        *(Page(f"pillars/{p.id}/index.md", "pillar.md.jinja", text_of(p), section="pillars", chapter="pillar", pillar=p) for p in plan.pillars),
        Page("targets/index.md", "targets.md.jinja", label("targets"), chapter="targets"),
        Page("sources/index.md", "sources.md.jinja", label("source_texts"), section="sources", chapter="sources"),
        *(Page(f"sources/{s.id}/index.md", "source.md.jinja", document(s), section="sources", source=s) for s in plan.sources),
        Page("changes/index.md", "changes.md.jinja", label("changes")),
        Page("data/index.md", "data.md.jinja", label("data")),
        Page("method/index.md", "method.md.jinja", label("method")),
    ]


def card_page(owner: str) -> str:
    """The page that holds the cards of an indicator's figures: its pillar's, or the home page for the plan's own."""
    return "index.md" if owner == "plan" else f"pillars/{owner}/index.md"


def chart_url(chart: Chart) -> str:
    """A chart's permalink relative to its language's root: the page that shows it, and its anchor there."""
    return f"{url_of(card_page(chart.owner))}#chart-{chart.id}"


def page_key(path: str) -> str:
    """A page's name in file names (citations, share images): "home", "pillars-transfer"."""
    return url_of(path).strip("/").replace("/", "-") or "home"


def url_of(path: str) -> str:
    """The address of the page at ``path`` (a folder's index.md) relative to its language's root."""
    return path.removesuffix("index.md")


def navigation(pages: list[Page], plan: Plan, locale: Locale, escape: Callable[[str], str]) -> list[dict[str, Any]]:
    """The MkDocs ``nav`` of one language: top-level pages and groups, in page order."""
    nav: list[dict[str, Any]] = []
    groups: dict[str, list[dict[str, str]]] = {}
    for page in pages:
        entry = {escape(page.title(locale)): page.path}
        if page.section is None:
            nav.append(entry)
        elif page.section in groups:
            groups[page.section].append(entry)
        else:
            groups[page.section] = [entry]
            nav.append({escape(locale.label(page.section, **plan.counts)): groups[page.section]})
    return nav


def chapters(pages: list[Page]) -> list[Page]:
    """The pages that are chapters of the PDF report, in reading order."""
    return [p for p in pages if p.chapter is not None]
