"""Render the Markdown pages of one language from templates."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jinja2

from generator.load.editions import History, in_language
from generator.load.locales import Locale
from generator.model import Chart, Indicator, Observation, Passage, Pillar, Plan, Source
from generator.model.coverage import account_of
from generator.model.ids import anchor
from generator.model.numbers import COMPARATOR_QUALIFIER
from generator.model.provenance import squash
from generator.render.cite import Citation
from generator.render.datafiles import jsonld
from generator.render.markup import Safe, environment, prose, safe, text
from generator.render.site import card_page, page_key, site_pages, url_of
from generator.render.sourcetext import marked_html, quote_anchor

if TYPE_CHECKING:
    from generator.charts.registry import Layout


@dataclass
class Notes:
    """Footnotes of one page: one per (source, quote), numbered in order of first use."""

    root: str
    items: list[tuple[int, Source, str]] = field(default_factory=list)
    _index: dict[tuple[str, str], int] = field(default_factory=dict)

    def ref(self, source: Source, quote: str) -> Safe:
        key = (source.id, squash(quote))
        if key not in self._index:
            self._index[key] = len(self._index) + 1
            self.items.append((self._index[key], source, quote))
        return safe(f"[^{self._index[key]}]")

    def cite(self, item: Passage | Observation) -> Safe:
        return self.ref(item.source, item.zh if isinstance(item, Passage) else item.quote)


@dataclass(frozen=True)
class Coverage:
    """Which years have an observation for each target: the years from the first observation to the last target year."""

    years: list[int]
    cells: dict[str, dict[int, list[Observation]]]

    @staticmethod
    def of(plan: Plan) -> Coverage:
        observed = [o for t in plan.targets for o in t.progress.observations]
        target_years = [t.year for t in plan.targets]
        first = min([o.year for o in observed] + target_years, default=plan.period.start)
        years = list(range(first, max(target_years, default=first) + 1))
        cells = {t.id: {y: [o for o in t.progress.observations if o.year == y] for y in years} for t in plan.targets}
        return Coverage(years, cells)


@dataclass(frozen=True)
class ChartView:
    chart: Chart
    svgs: tuple[tuple[Layout, str], ...]  # the static chart in each layout, widest first (inline SVG)
    description: str
    table_head: list[str]
    table_rows: list[list[str]]
    pending: bool = False  # not drawn yet (the preview's first pass after an edit): the page draws it from its spec


@dataclass(frozen=True)
class PageEnv:
    plan: Plan
    locale: Locale
    locales: tuple[Locale, ...]  # every language of the site, for the language links
    charts: dict[str, ChartView]
    pdf: bool
    history: History = field(default_factory=History.none)
    citations: dict[str, Citation] = field(default_factory=dict)  # by key: figure-…, chart-…, page-…
    site_url: str = ""
    license: dict[str, str] = field(default_factory=dict)


def page_paths(plan: Plan) -> list[str]:
    """Every page of one language, as paths under docs/."""
    return [page.path for page in site_pages(plan)]


def _depth(path: str) -> int:
    """How many folders below its language's root a page's address is (every page is a folder's index.md)."""
    return path.count("/")


def language_href(path: str, here: Locale, there: Locale) -> str:
    """Relative link from a page in one language to the same page in another."""
    return here.to_root(depth=_depth(path)) + there.prefix + url_of(path)


def render_context(plan: Plan, locale: Locale, charts: dict[str, ChartView], history: History | None = None) -> dict[str, Any]:
    """What every template sees, site pages and print HTML alike: the plan and how to word it in ``locale``."""
    p = locale.p
    sources = {s.id: s for s in plan.sources}
    quoted = {(s.id, squash(q)) for s, q in plan.quotes()}
    counts = plan.counts  # counted once: a page names counts in many sentences (7,000 at 10x, 0.2 s counted each time)
    return {
        "plan": plan,
        "locale": locale,
        "t": lambda key, **values: locale.label(key, **counts, **values),
        "history": history or History.none(),
        "anchor": anchor,
        "S": lambda texts: in_language(texts, locale.code),  # a text of an edition's snapshot
        "source_of": sources.get,
        "card_page": card_page,
        "indicator_ids": {i.id for i in plan.all_indicators},
        "target_ids": {t.id for t in plan.targets},
        "chart_ids": {c.id for c in plan.all_charts},
        "quoted_now": lambda fig: (fig["source"], squash(fig["quote"])) in quoted,  # an edition's figure whose sentence the site still quotes
        "counts": {k: locale.number_word(v) for k, v in counts.items()},
        "L": locale.text,
        "P": lambda passage: _passage(passage, locale),
        # on a card, a standing about several figures names what it ranks ("均…": each of them), one about this figure alone does not
        "standing_on_card": lambda s: (locale.text(s.subject) + p.colon if len(s.indicators) > 1 else "") + locale.text(s.standing),
        "short": lambda source: _short(source, locale),
        "colon": p.colon,
        "lp": safe(p.open),  # parentheses as the language writes them
        "rp": safe(p.close),
        "stop": p.stop,
        "items": p.items,
        "names": p.names,
        "fig": locale.observation,
        "period": lambda obs: locale.period(obs.period, obs.year),
        "growth": lambda obs: locale.growth(obs.growth) if obs.growth else "",
        "national": lambda obs: locale.national(obs.national) if obs.national else "",
        "figure_line": lambda obs: _figure_line(obs, locale),
        "goal": lambda target: locale.amount(target.value, target.unit, COMPARATOR_QUALIFIER[target.comparator]),
        "charts": charts,
        "progress_label": locale.progress_label,
        "progress_reason": locale.progress_reason,
        "progress_rules": locale.progress_rules(),
        "rate": locale.rate,
        "coverage": Coverage.of(plan),
        "pillar_sources": sorted({p.definition.source for p in plan.pillars}, key=lambda s: s.id),
    }


def render_pages(env: PageEnv, jinja: jinja2.Environment) -> dict[str, str]:
    plan, locale = env.plan, env.locale
    shared = render_context(plan, locale, env.charts, env.history)
    pages: dict[str, str] = {}
    for page in site_pages(plan):
        path = page.path
        root = "../" * _depth(path)
        ctx = {
            **shared,
            **page.context(),
            "notes": Notes(root),
            "root": safe(root),
            "path": safe(path),
            "pdf": env.pdf,
            "citations": env.citations,
            "page_key": page_key(path),
            "dataset_jsonld": lambda root=root: _dataset_jsonld(env, root),
            "embed_code": lambda chart, root=root: _embed_code(chart, env.site_url + locale.prefix if env.site_url else root, locale),
            "data_url": safe((env.site_url + locale.prefix if env.site_url else root) + "data/"),
            "license_link": safe(f'<a href="{text(env.license.get("path", ""))}">{text(env.license.get("title", env.license.get("name", "")))}</a>'),
            "others": [(other, safe(language_href(path, locale, other))) for other in env.locales if other != locale],
            "source_link": lambda source, quote=None, path=path: _source_link(source, quote, path),
            "link_to": lambda target, path=path: safe(posixpath.relpath(target, posixpath.dirname(path) or ".")),
        }
        ctx["prose"] = lambda name, ctx=ctx: prose((locale.folder / name).read_text(encoding="utf-8"), prose_values(plan, locale, ctx), f"{locale.code}/{name}")
        if page.source is not None:
            ctx["body"] = safe(marked_html(page.source.text, _quotes_of(plan, page.source), _figures_of(plan, page.source, path)))
        pages[path] = jinja.get_template(page.template).render(ctx)
    return pages


def prose_values(plan: Plan, locale: Locale, ctx: dict[str, Any]) -> dict[str, object]:
    """What a locale's prose pages may use: plain texts, counts and lists of them (rendered in Jinja's sandbox)."""
    return {
        "counts": dict(ctx["counts"]),
        "pillars": [locale.text(p.title) for p in plan.pillars],
        "pillar_sources": [s.id for s in ctx["pillar_sources"]],
        "tasks": plan.counts["tasks"],
        "names": locale.p.names,
        "progress_rules": ctx["progress_rules"],
        "data_url": ctx["data_url"],
        "license_link": ctx["license_link"],
    }


def _dataset_jsonld(env: PageEnv, root: str) -> Safe:
    latest = env.history.latest
    data_url = (env.site_url + env.locale.prefix if env.site_url else root) + "data/"
    ld = jsonld(env.plan, env.locale, env.history.version(env.plan), latest.date if latest else None, data_url, env.license)
    return safe(f'<script type="application/ld+json">{ld}</script>')


def _embed_code(chart: Chart, base: str, locale: Locale) -> str:
    """The <iframe> snippet that embeds a chart's own page (shown as text, to copy). Its title is the chart's id, which
    needs no escaping: author text in a snippet would have to be HTML-escaped, and so would not read back as written."""
    return f'<iframe src="{base}embed/{chart.id}/" title="{chart.id}" width="100%" height="480" style="border:0" loading="lazy"></iframe>'


def _source_link(source: Source, quote: str | None, path: str) -> Safe:
    link = posixpath.relpath(f"sources/{source.id}/index.md", posixpath.dirname(path) or ".")
    return safe(link + (f"#{quote_anchor(quote)}" if quote else ""))


def _short(source: Source, locale: Locale) -> str:
    """A source's short name ("2023 work plan"), or "Document 003" when it has none; the full title is on its page."""
    return locale.text(source.short) if source.short else f"{locale.label('document')} {source.id}"


def _passage(passage: Passage, locale: Locale) -> str:
    """A passage in ``locale``, with its editorial note in brackets."""
    note = f"{locale.p.open}{locale.text(passage.note)}{locale.p.close}" if passage.note else ""
    return locale.text(passage.text) + note


def _figure_line(obs: Observation, locale: Locale) -> str:
    bits = [locale.period(obs.period, obs.year)]
    if obs.estimated:
        bits.append(locale.label("estimated"))
    if obs.growth:
        bits.append(locale.growth(obs.growth))
    if obs.national:
        bits.append(locale.national(obs.national))
    if obs.note:
        bits.append(locale.text(obs.note))
    return " · ".join(bits)


def _figures_of(plan: Plan, source: Source, path: str) -> list[tuple[int, int, str | None]]:
    """The figures of a source's text, each with the address of the card that shows it (relative to ``path``)."""
    out: list[tuple[int, int, str | None]] = []
    for acc in account_of(plan, source):
        shown = acc.card
        href = None
        if shown is not None and shown.card is not None:
            here = "../" * _depth(path)  # raw HTML: the final address, not the page's .md
            href = here + url_of(card_page(shown.card.owner)) + "#" + anchor(shown.card.id)
        out.append((acc.mention.start, acc.mention.end, href))
    return out


def _quotes_of(plan: Plan, source: Source) -> list[str]:
    return [quote for src, quote in plan.quotes() if src.id == source.id]


__all__ = ["ChartView", "Indicator", "PageEnv", "Pillar", "environment", "page_paths", "render_context", "render_pages"]
