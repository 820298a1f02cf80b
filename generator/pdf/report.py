"""The whole report as one PDF per language, rendered by WeasyPrint from print HTML.

No browser is involved: WeasyPrint lays out the HTML written from
``templates/report.html.jinja`` with ``report.css`` (A4, running header, page
numbers, table of contents with page numbers, footnotes) and embeds the same
static SVG charts as the site, so charts stay vector and text stays text.

WeasyPrint keeps every laid-out page of a document in memory, so a report
with hundreds of chapters would need gigabytes. The report is therefore laid
out in parts (:func:`chapters_per_part`), each written to its own PDF
and released before the next; pikepdf joins them, each font embedded once
(:mod:`generator.pdf.fonts`). Page and footnote numbers continue across parts.
A part is kept in a cache by its print HTML, so a change to one chapter lays
out its part again, and the parts after it only if its page or footnote
count changed. The front matter (cover and
contents, numbered i, ii, … as in a book) is laid out last, when the page of
every chapter is known; its contents entries become links to the chapters'
named destinations.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import gc
import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import weasyprint
from weasyprint.text.fonts import FontConfiguration

from generator import cachefs
from generator.compat import weasyprint as compat_weasyprint
from generator.errors import BuildError
from generator.fingerprint import code_digest
from generator.load.editions import History
from generator.load.locales import Locale
from generator.model import Plan
from generator.pdf import fonts as pdffonts
from generator.pdf.join import join_parts
from generator.render.markup import TEMPLATES, environment
from generator.render.pages import ChartView, render_context
from generator.render.site import Page, site_pages
from generator.render.site import chapters as site_chapters
from generator.run import stopping

# A revised figure lays out again only the parts that show it, so a chapter is a part of its own. Each part costs a
# WeasyPrint document, a font subset and its share of the join, so a large plan's chapters are grouped into at most
# MOST_PARTS parts, of at most LARGEST_PART chapters: memory grows with the part, not the report.
MOST_PARTS, LARGEST_PART = 32, 8


def chapters_per_part(chapters: int) -> int:
    """How many chapters each part of a report of ``chapters`` chapters holds: 1 up to :data:`MOST_PARTS` chapters."""
    return min(LARGEST_PART, max(1, -(-chapters // MOST_PARTS)))


@dataclass
class Layout:
    """What the parts laid out so far tell the front matter."""

    page_of: dict[str, int] = field(default_factory=dict)  # chapter anchor -> printed page number
    pages: int = 0
    footnotes: int = 0


def chapters(plan: Plan) -> list[Page]:
    """The report's chapters in reading order: the pages that have one."""
    return site_chapters(site_pages(plan))


def _contents(plan: Plan, locale: Locale) -> list[tuple[str, str]]:
    titles = {"goals": locale.label("goals"), "targets": locale.label("targets"), "sources": locale.label("source_texts")}

    def title(page: Page) -> str:
        if page.pillar is None:
            return titles[str(page.chapter)]
        return locale.text(page.pillar.title) + ("" if locale.source else f" · {page.pillar.title.zh}")

    return [(page.anchor, title(page)) for page in chapters(plan)]


def report_html(
    plan: Plan,
    locale: Locale,
    views: dict[str, ChartView],
    build_date: str,
    part: list[Page] | None,
    layout: Layout,
    history: History | None = None,
    tight: frozenset[str] = frozenset(),
) -> str:
    """The print HTML of one part of the report: the front matter when ``part`` is None."""
    return print_html(render_context(plan, locale, views, history), build_date, part, layout, tight)


def print_html(context: dict[str, Any], build_date: str, part: list[Page] | None, layout: Layout, tight: frozenset[str] = frozenset()) -> str:
    """:func:`report_html` from the templates' context, worked out once for all the parts of a report (a chapter's
    print HTML is made once or twice, and working the context out took longer than rendering it)."""
    return _template(context["locale"]).render(
        context,
        chapters=part,
        contents=_contents(context["plan"], context["locale"]),
        page_of=layout.page_of,
        first_page=1 if part is None else layout.pages + 1,
        footnotes_before=0 if part is None else layout.footnotes,
        build_date=build_date,
        tight=sorted(tight),
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
    )


def _template(locale: Locale) -> jinja2.Template:
    """The report template (compiled once per process by its environment: compiling it took longer than rendering a part)."""
    env = environment((locale,))
    env.filters["svg_data_uri"] = _svg_data_uri
    return env.get_template("report.html.jinja")


def _svg_data_uri(view: ChartView) -> str:
    """The chart's widest layout as an image address. Not the downloadable file: its embedded font subset
    would be shared by name with the other charts' in WeasyPrint, which draws them with the installed font."""
    return "data:image/svg+xml;base64," + base64.b64encode(view.svgs[0][1].encode("utf-8")).decode("ascii")


def build_date() -> str:
    """Date printed in the PDF metadata: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# A4 less the top and bottom margins of report.css, in CSS px: the height a page has for content.
PAGE_TOP_PX, PAGE_BODY_PX = 22 / 25.4 * 96, (297 - 44) / 25.4 * 96
STRAGGLER = 0.25  # a chapter's last page filled less than this is laid out again, tighter


def _stragglers(pages: Sequence[Any], part: list[Page]) -> frozenset[str]:
    """The chapters of a laid-out part that end on a page of their own filled less than :data:`STRAGGLER`."""
    start: dict[str, int] = {}
    found = set()
    for index, page in enumerate(pages):
        for chapter in part:
            if chapter.anchor in page.anchors:
                start.setdefault(chapter.anchor, index)
            end = page.anchors.get(f"end-{chapter.anchor}")
            if end is not None and start.get(chapter.anchor, index) < index and (end[1] - PAGE_TOP_PX) / PAGE_BODY_PX < STRAGGLER:
                found.add(chapter.anchor)
    return frozenset(found)


@dataclass(frozen=True)
class LaidOut:
    """A part as laid out: its page count and the page (from 0) where each chapter starts."""

    pages: int
    first_page: dict[str, int]
    fonts: pdffonts.Origins


def _lay_out(chapter_html: Callable[..., str], base_url: str, path: Path, identifier: bytes, part: list[Page], layout: Layout, fonts: Path) -> LaidOut:
    """Lay out one part chapter by chapter and write it to ``path``; a chapter that would end in a near-empty page is
    set tighter. Each chapter starts a page, so it is laid out on its own (``chapter_html(chapter, layout)`` gives its
    print HTML from the page and footnote it starts at) and the part is written from all their pages, byte for byte
    what one document of the part gives: a tighter chapter is laid out again alone, not with the whole part.
    The installed fonts it embeds are kept in ``fonts`` for the join to share."""

    font_config = FontConfiguration()  # one for the part, so that its pages' fonts are one set when it is written
    at = Layout(pages=layout.pages, footnotes=layout.footnotes)
    first_page: dict[str, int] = {}
    documents = []
    for chapter in part:
        html = chapter_html([chapter], at)
        document = weasyprint.HTML(string=html, base_url=base_url).render(font_config=font_config)
        tight = _stragglers(document.pages, [chapter])
        if tight:  # set the chapter a little tighter so that its last lines join the page before
            document = weasyprint.HTML(string=chapter_html([chapter], at, tight=tight), base_url=base_url).render(font_config=font_config)
        if chapter.anchor in document.pages[0].anchors:  # else reported as not found with the report's other chapters
            first_page[chapter.anchor] = at.pages - layout.pages
        documents.append(document)
        at.pages += len(document.pages)
        at.footnotes += html.count('<span class="fn">')
    whole = documents[0].copy([page for document in documents for page in document.pages])  # the first's metadata
    whole.write_pdf(path, pdf_identifier=identifier, pdf_tags=True)
    laid = LaidOut(len(whole.pages), first_page, pdffonts.record(whole.fonts.values(), fonts))
    del whole, documents, document
    gc.collect()  # release this part's boxes before the next part is laid out
    return laid


def _part_key(html: str) -> str:
    """What a laid-out part depends on: its print HTML and the code that lays it out."""
    return hashlib.sha256(code_digest() + html.encode("utf-8")).hexdigest()[:32]


def _cached_part(cache_dir: Path, key: str, anchors: set[str]) -> tuple[LaidOut, bytes] | None:

    meta, pdf = cachefs.get_json(cache_dir / f"{key}.json"), cachefs.get(cache_dir / f"{key}.pdf")
    if not isinstance(meta, dict) or pdf is None or not set(meta.get("first_page", {})) <= anchors:
        return None
    fonts = {name: (str(file), int(index)) for name, (file, index) in meta.get("fonts", {}).items()}
    if not all(Path(file).exists() for file, _ in fonts.values()):  # the join needs the installed fonts it came from
        return None
    return LaidOut(int(meta["pages"]), dict(meta["first_page"]), fonts), pdf


def _keep_part(cache_dir: Path, key: str, path: Path, laid: LaidOut) -> None:

    cachefs.put(cache_dir / f"{key}.pdf", path.read_bytes())
    meta = {"pages": laid.pages, "first_page": laid.first_page, "fonts": laid.fonts}
    cachefs.put_json(cache_dir / f"{key}.json", meta)  # written last: the entry is whole


def _parts(items: list[Page], size: int) -> Iterator[list[Page]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextlib.contextmanager
def _heap_set_aside() -> Iterator[None]:
    """Set aside from the garbage collector everything alive before the report is laid out (``gc.freeze``), so that
    the collection after each part walks only what was made since: a full collection walked the worker's whole heap
    (the libraries, the plan, the pages), about 95 ms a part."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@_heap_set_aside()
def build_report(
    plan: Plan,
    locale: Locale,
    views: dict[str, ChartView],
    date: str,
    site_root: Path,
    target: Path,
    work: Path,
    part_size: int | None = None,
    history: History | None = None,
    cache_dir: Path | None = None,
) -> int:
    """Lay out the report part by part into ``work`` and join the parts at ``target``; returns the page count.

    ``site_root`` is the built site of that language. With ``cache_dir``, a part whose print HTML
    (which holds its text, charts, style, first page and first footnote number) was laid out
    before by the same code is taken from there instead of being laid out again.
    """
    compat_weasyprint.quicker_subsetting()
    compat_weasyprint.quicker_footnotes()

    base_url = str(site_root) + "/"
    identifier = f"{plan.content_version}-{locale.code}".encode()
    layout = Layout()
    anchors = {page.anchor for page in chapters(plan)}
    part_files = []
    fonts_folder = (cache_dir or work) / "fonts"
    origins: pdffonts.Origins = {}
    chapter_html = functools.partial(print_html, render_context(plan, locale, views), date)
    for number, part in enumerate(_parts(chapters(plan), part_size or chapters_per_part(len(anchors)))):
        stopping.check()  # a stop swallowed by a WeasyPrint destructor is honoured here
        html = chapter_html(part, layout)
        path = work / f"report.{locale.code}.part{number:03d}.pdf"
        key = _part_key(html) if cache_dir else ""
        cached = _cached_part(cache_dir, key, anchors) if cache_dir else None
        if cached is not None:
            laid, data = cached
            path.write_bytes(data)
        else:
            laid = _lay_out(chapter_html, base_url, path, identifier, part, layout, fonts_folder)
            if cache_dir:
                _keep_part(cache_dir, key, path, laid)
        for name, index in laid.first_page.items():
            layout.page_of.setdefault(name, layout.pages + index + 1)
        layout.pages += laid.pages
        origins.update(laid.fonts)
        layout.footnotes += html.count('<span class="fn">')
        part_files.append(path)
    missing = anchors - layout.page_of.keys()
    if missing:
        raise BuildError(f"report ({locale.code}): chapters not found in the laid-out parts: {', '.join(sorted(missing))}")

    html = report_html(plan, locale, views, date, None, layout, history)
    front = weasyprint.HTML(string=html, base_url=base_url).render()
    front_file = work / f"report.{locale.code}.front.pdf"
    front.write_pdf(front_file, pdf_identifier=identifier, pdf_tags=True)
    links = [(index, name, rect) for index, page in enumerate(front.pages) for kind, name, rect, _ in page.links if kind == "internal"]
    front_pages = len(front.pages)
    origins.update(pdffonts.record(front.fonts.values(), fonts_folder))
    del front

    return join_parts(front_file, part_files, links, front_pages, target, work / f"report.{locale.code}.join.json", origins)


def build_pdf(
    plan: Plan, locale: Locale, views: dict[str, ChartView], docs: Path, folder: Path, work: Path, history: History | None = None, cache_dir: Path | None = None
) -> Path:
    """Write one language's report into ``folder``, placed as in the site (report.pdf, en/report.pdf).

    ``docs`` is the generated pages of that language; ``cache_dir`` keeps laid-out parts for reuse.
    """
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    target = folder / locale.prefix / "report.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    build_report(plan, locale, views, build_date(), docs, target, work, history=history, cache_dir=cache_dir)
    return target
