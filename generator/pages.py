"""Render the Markdown pages of one language from templates."""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import jinja2

from generator import i18n
from generator.markup import Safe, environment, safe
from generator.model import Chart, Indicator, Observation, Passage, Pillar, Plan, Source
from generator.numbers import COMPARATOR_QUALIFIER, Lang, format_amount, format_growth, format_national, format_observation, format_period
from generator.progress import LEVELS
from generator.provenance import squash
from generator.site import site_pages
from generator.sourcetext import marked_html, quote_anchor


@dataclass
class Notes:
    """Footnotes of one page: one per (source, quote), numbered in order of first use."""

    lang: Lang
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
    svg: str
    description: str
    table_head: list[str]
    table_rows: list[list[str]]


@dataclass(frozen=True)
class PageEnv:
    plan: Plan
    lang: Lang
    charts: dict[str, ChartView]
    pdf: bool


def page_paths(plan: Plan) -> list[str]:
    """Every page of one language, as paths under docs/."""
    return [page.path for page in site_pages(plan)]


def _depth(path: str) -> int:
    parts = path[:-3].split("/")
    return len(parts) - 1 if parts[-1] == "index" else len(parts)


def other_language_href(path: str, lang: Lang) -> str:
    """Relative link from a page to the same page in the other language."""
    url = path[:-3]
    url = url[: -len("index")] if url.endswith("index") else url + "/"
    other = next(code for code in i18n.LANGS if code != lang)
    return i18n.to_root(lang, depth=_depth(path)) + i18n.PREFIX[other] + url


def render_context(plan: Plan, lang: Lang, charts: dict[str, ChartView]) -> dict[str, Any]:
    """What every template sees, site pages and print HTML alike: the plan and how to word it in ``lang``."""
    return {
        "plan": plan,
        "lang": lang,
        "other_lang": "en" if lang == "zh" else "zh",
        "t": lambda key: i18n.label(key, lang, **plan.counts),
        "counts": {k: i18n.number_word(v, lang) for k, v in plan.counts.items()},
        "L": lambda text: getattr(text, lang),
        "lang_names": i18n.LANG_NAMES,
        "html_lang": i18n.HTML_LANG,
        "colon": i18n.COLON[lang],
        "lp": safe("（" if lang == "zh" else " ("),  # parentheses as each language writes them
        "rp": safe("）" if lang == "zh" else ")"),
        "fig": lambda obs: format_observation(obs, lang),
        "period": lambda obs: format_period(obs.period, obs.year, lang),
        "growth": lambda obs: format_growth(obs.growth, lang) if obs.growth else "",
        "national": lambda obs: format_national(obs.national, lang) if obs.national else "",
        "figure_line": lambda obs: _figure_line(obs, lang),
        "goal": lambda target: format_amount(target.value, target.unit, COMPARATOR_QUALIFIER[target.comparator], lang),
        "charts": charts,
        "levels": LEVELS,
        "level_counts": Counter(t.progress.level for t in plan.targets),
        "progress_label": lambda level: i18n.PROGRESS_LABELS[level][lang],
        "progress_reason": lambda target: i18n.progress_reason(target, lang),
        "progress_rules": i18n.progress_rules(lang),
        "rate": lambda r: i18n.rate_text(r, lang),
        "coverage": Coverage.of(plan),
        "pillar_sources": sorted({p.definition.source for p in plan.pillars}, key=lambda s: s.id),
    }


def render_pages(env: PageEnv, jinja: jinja2.Environment) -> dict[str, str]:
    plan, lang = env.plan, env.lang
    shared = render_context(plan, lang, env.charts)
    pages: dict[str, str] = {}
    for page in site_pages(plan):
        path = page.path
        root = "../" * _depth(path)
        ctx = {
            **shared,
            **page.context(),
            "notes": Notes(lang, root),
            "root": safe(root),
            "path": safe(path),
            "pdf": env.pdf,
            "other_href": safe(other_language_href(path, lang)),
            "source_link": lambda source, quote=None, path=path: _source_link(source, quote, path),
        }
        if page.source is not None:
            ctx["body"] = safe(marked_html(page.source.text, _quotes_of(plan, page.source)))
        pages[path] = jinja.get_template(page.template).render(ctx)
    return pages


def _source_link(source: Source, quote: str | None, path: str) -> Safe:
    link = posixpath.relpath(f"sources/{source.id}.md", posixpath.dirname(path) or ".")
    return safe(link + (f"#{quote_anchor(quote)}" if quote else ""))


def _figure_line(obs: Observation, lang: Lang) -> str:
    bits = [format_period(obs.period, obs.year, lang)]
    if obs.estimated:
        bits.append(i18n.LABELS["estimated"][lang])
    if obs.growth:
        bits.append(format_growth(obs.growth, lang))
    if obs.national:
        bits.append(format_national(obs.national, lang))
    if obs.note:
        bits.append(getattr(obs.note, lang))
    return " · ".join(bits)


def _quotes_of(plan: Plan, source: Source) -> list[str]:
    return [quote for src, quote in plan.quotes() if src.id == source.id]


__all__ = ["ChartView", "Indicator", "PageEnv", "Pillar", "environment", "page_paths", "render_context", "render_pages"]
