"""The whole report as one PDF per language, rendered by WeasyPrint from print HTML.

No browser is involved: WeasyPrint lays out the HTML written from
``templates/report.html.jinja`` with ``report.css`` (A4, running header, page
numbers, table of contents with page numbers, footnotes) and embeds the same
static SVG charts as the site, so charts stay vector and text stays text.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from generator import i18n, markup
from generator.model import Plan
from generator.numbers import Lang, format_amount, format_observation, format_period
from generator.pages import ChartView, _figure_line
from generator.status import RULES, STATUS_LABELS, target_status

TEMPLATES = Path(__file__).parent / "templates"


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined, autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env


def report_html(plan: Plan, lang: Lang, views: dict[str, ChartView], build_date: str) -> str:
    """The print HTML of the report in one language."""
    statuses = {t.id: target_status(t) for t in plan.targets}
    return (
        _env()
        .get_template("report.html.jinja")
        .render(
            plan=plan,
            lang=lang,
            html_lang=i18n.HTML_LANG[lang],
            charts=views,
            statuses=statuses,
            t=lambda key: i18n.LABELS[key][lang],
            L=lambda text: getattr(text, lang),
            fig=lambda obs: format_observation(obs, lang),
            period=lambda obs: format_period(obs.period, obs.year, lang),
            figure_line=lambda obs: _figure_line(obs, lang),
            status_labels=STATUS_LABELS,
            rules=RULES[lang],
            goal=lambda target: format_amount(target.value, target.unit, "超过" if target.comparator == "over" else "左右", lang),
            source_types=i18n.SOURCE_TYPES,
            build_date=build_date,
            css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
            attr=markup.attr,
        )
    )


def build_date() -> str:
    """Date printed in the PDF metadata: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_pdfs(plan: Plan, views: dict[str, dict[str, ChartView]], staging: Path, work: Path) -> list[Path]:
    """Write report.pdf (Chinese) and en/report.pdf (English) into ``staging``."""
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    written = []
    date = build_date()
    for lang in i18n.LANGS:
        site_root = staging if lang == "zh" else staging / "en"
        html = report_html(plan, lang, views[lang], date)
        (work / f"report.{lang}.html").write_text(html, encoding="utf-8")
        target = site_root / "report.pdf"
        document = weasyprint.HTML(string=html, base_url=str(site_root) + "/").render()
        document.write_pdf(target, pdf_identifier=f"{plan.content_version}-{lang}".encode(), uncompressed_pdf=False)
        written.append(target)
    return written
