"""One language's generated output: its Markdown pages, chart files, data files, downloads and assets."""

from __future__ import annotations

import contextlib
import html
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import vl_convert as vlc

from generator import cachefs
from generator.charts import fonts, theme
from generator.charts.data import chart_data
from generator.charts.raster import Job, png_job, svg_job
from generator.charts.registry import LAYOUTS
from generator.charts.render import RenderCache, SpecMemo, spec_json
from generator.errors import BuildError
from generator.load.editions import History
from generator.load.locales import Locale
from generator.model import Chart, Plan
from generator.render.cite import Citation, citations
from generator.render.datafiles import chart_csv, chart_zip, dataset_files
from generator.render.feed import FILE as FEED_FILE
from generator.render.feed import atom
from generator.render.markup import Safe, safe, text
from generator.render.markup import environment as markup_environment
from generator.render.pages import ChartView, PageEnv, environment, render_context, render_pages
from generator.render.share import card
from generator.render.site import chart_url, page_key, site_pages
from generator.run import stopping
from generator.run.timings import Timings

ASSETS = Path(__file__).parents[1] / "assets"


def _svg_inline(svg: str, description: str) -> Safe:
    """vl-convert's SVG (it escapes the chart's text itself), labelled for screen readers."""
    svg = svg.replace("\n", " ").strip()
    return safe(svg.replace("<svg ", f'<svg role="img" aria-label="{text(description)}" ', 1))


@contextlib.contextmanager
def _chart_failure(chart: Chart, locale: Locale) -> Iterator[None]:
    """Any failure inside Altair or vl-convert named with its chart, the old site kept."""
    try:
        yield
    except BuildError:
        raise
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BuildError(f"chart {chart.id!r} ({locale.code}, declared in {chart.owner}) could not be rendered: {first}") from None


@dataclass
class Generated:
    views: dict[str, ChartView]
    download_jobs: list[Job]  # PNGs and font-carrying SVGs, made by the second process
    download_targets: list[tuple[str, Path]]  # (cache file, file under docs/)
    pending: list[str] = field(default_factory=list)  # the charts left undrawn (``pages_first``): the page draws them from their spec


def generate_language(
    plan: Plan,
    locale: Locale,
    locales: tuple[Locale, ...],
    docs: Path,
    cache: RenderCache,
    pdf: bool,
    timings: Timings,
    history: History | None = None,
    site_url: str = "",
    license: dict[str, str] | None = None,
    specs: SpecMemo | None = None,
    pages_first: bool = False,
) -> Generated:
    """Write one language's Markdown pages, chart files, data files and assets into ``docs``.

    PNG downloads are not rendered here: the returned jobs are rasterised from
    the SVGs by :mod:`generator.charts.raster`. ``specs`` keeps the charts' specs from one call to
    the next (the preview's); by default they are kept on disk beside the drawings, for the next build.
    With ``pages_first`` (the preview's first pass after an edit) only the pages and what they draw
    from (chart specs, data tables, the chart font) are written, and a chart not drawn before is left
    undrawn: its page draws it in the browser from its spec. The downloads, citation files, chart ZIPs,
    embed pages, share images, data files and assets are left to a second, complete pass.
    """
    out = Generated({}, [], [])
    specs = specs if specs is not None else SpecMemo(cache.folder / "specs")
    chart_dir = docs / "charts"
    chart_dir.mkdir(parents=True, exist_ok=True)
    with timings.stage("charts"):
        font = fonts.chart_font()
        specced = []
        for chart in plan.all_charts:
            stopping.check()
            with _chart_failure(chart, locale):
                data = chart_data(chart, locale)
                specced.append((chart, data, [(layout, specs.spec(chart, data, locale, layout)) for layout in LAYOUTS]))
        text = "".join(spec_json(spec) for _, _, drawings in specced for _, spec in drawings)  # every character the charts draw
        cache.measure_with(font, text)
        drawn = []
        for chart, data, drawings in specced:
            stopping.check()
            with _chart_failure(chart, locale):
                svgs = [(layout, cache.drawn(spec) if pages_first else cache.render_svg(spec)) for layout, spec in drawings]
            for layout, spec in drawings:
                (chart_dir / f"{chart.id}{layout.suffix}.vl.json").write_text(spec_json(spec), encoding="utf-8")
            (chart_dir / f"{chart.id}.csv").write_bytes(chart_csv(chart, locale))
            head = [title for _, title in data.columns]
            rows = [[str(r[key]) for key, _ in data.columns] for r in data.rows]
            if all(svg is not None for _, svg in svgs):
                shown = tuple((layout, _svg_inline(svg, data.description)) for layout, svg in svgs if svg is not None)
                out.views[chart.id] = ChartView(chart, shown, data.description, head, rows)
            else:
                out.views[chart.id] = ChartView(chart, tuple((layout, safe("")) for layout, _ in svgs), data.description, head, rows, pending=True)
                out.pending.append(chart.id)
            drawn.append((chart, drawings, svgs))
        # The font the charts were measured with, served with the site: the glyphs of this language's charts.
        site_font = font.subset(text, cache.folder.parent / "fonts")
        (docs / fonts.WEB_FILE).parent.mkdir(parents=True, exist_ok=True)
        (docs / fonts.WEB_FILE).write_bytes(site_font)
        (docs / "assets" / "stylesheets").mkdir(parents=True, exist_ok=True)
        (docs / "assets" / "stylesheets" / "charts.css").write_text(theme.stylesheet("../fonts/" + Path(fonts.WEB_FILE).name), encoding="utf-8")
        for chart, _, svgs in [] if pages_first else drawn:
            svg = svgs[0][1]  # the widest layout is the download, the PNG and the PDF's
            assert svg is not None  # every chart is drawn in a complete pass
            for job, name in ((svg_job(cache.folder, svg, font), f"{chart.id}.svg"), (png_job(cache.folder, svg), f"{chart.id}.png")):
                out.download_jobs.append(job)
                out.download_targets.append((job.target, chart_dir / name))
    history = history or History.none()
    with timings.stage("citations"):
        cites = citations(plan, locale, history, site_url, cache.folder.parent / "citations")
    with timings.stage("pages"):
        pages = render_pages(PageEnv(plan, locale, locales, out.views, pdf, history, cites, site_url, license or {}), environment(locales))
        for path, text in pages.items():
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    if pages_first:
        return out
    with timings.stage("citations"):
        (docs / "cite").mkdir(exist_ok=True)
        for key, c in cites.items():
            (docs / "cite" / f"{key}.bib").write_text(c.bibtex, encoding="utf-8")
            (docs / "cite" / f"{key}.json").write_text(c.csl_json, encoding="utf-8")
        _write_chart_zips(chart_dir, plan, locale, locales, out.views, cites, site_url, license or {})
    with timings.stage("pages"):
        _write_embeds(docs, plan, locale, out.views, site_url, license or {}, locales)
    with timings.stage("share images"):
        _write_share_cards(docs / "share", plan, locale, history, cache.folder.parent / "share")
    with timings.stage("pages"):
        data_dir = docs / "data"
        data_dir.mkdir(exist_ok=True)
        for name, blob in dataset_files(plan, locales, history.version(plan), license).items():
            (data_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (data_dir / name).write_bytes(blob)
        _write_editions(docs, plan, locale, history, site_url)
        shutil.copytree(ASSETS, docs / "assets", dirs_exist_ok=True)
        vega = docs / "assets" / "javascripts" / "vega.js"
        vega.write_text(_vega_bundle(cache.folder), encoding="utf-8")
    return out


def _write_chart_zips(
    chart_dir: Path,
    plan: Plan,
    locale: Locale,
    locales: tuple[Locale, ...],
    views: dict[str, ChartView],
    cites: dict[str, Citation],
    site_url: str,
    license: dict[str, str],
) -> None:
    """charts/<id>.zip: the chart's CSV and Vega-Lite JSON with a README of its quotes, sources, licence and citation."""
    template = markup_environment(locales, plain=True).get_template("chart-readme.md.jinja")
    context = render_context(plan, locale, views)
    base = site_url + locale.prefix if site_url else locale.prefix
    for chart in plan.all_charts:
        cited = cites[f"chart-{chart.id}"]
        citation = html.unescape(re.sub(r"<[^>]+>", "", str(cited.html).replace("<br>", "\n\n")))
        readme = template.render(
            context,
            chart=chart,
            description=views[chart.id].description,
            page_url=f"{base}{chart_url(chart)}",
            license=license,
            citation=citation + "\n\n```bibtex\n" + cited.bibtex.strip() + "\n```",
        )
        files = {f"{chart.id}/{chart.id}{ext}": (chart_dir / f"{chart.id}{ext}").read_bytes() for ext in (".csv", ".vl.json")}
        (chart_dir / f"{chart.id}.zip").write_bytes(chart_zip(chart, locale, files, readme))


def _write_share_cards(folder: Path, plan: Plan, locale: Locale, history: History, cache_dir: Path) -> None:
    """A link-preview image per page: share/<page>.png."""
    folder.mkdir(parents=True, exist_ok=True)
    colon = locale.p.colon
    footer = f"{locale.label('data_as_of')}{colon}{plan.data_as_of}"
    if history.latest is not None:
        footer += f" · {locale.label('current_edition')}{colon}{history.latest.date}"
    for page in site_pages(plan):
        if page.pillar is not None:
            subtitle = locale.text(page.pillar.definition.text)
        elif page.source is not None:
            subtitle = locale.text(page.source.title)
        else:
            subtitle = locale.text(plan.subtitle)
        title = locale.text(plan.title) if page.path == "index.md" else page.title(locale)
        kicker = locale.text(plan.period.label) if page.path == "index.md" else locale.text(plan.title)
        (folder / f"{page_key(page.path)}.png").write_bytes(card(cache_dir, kicker, title, subtitle, footer))


def _write_embeds(docs: Path, plan: Plan, locale: Locale, views: dict[str, ChartView], site_url: str, license: dict[str, str], locales: tuple[Locale, ...]) -> None:
    """Each chart on a page of its own, for <iframe> embeds: embed/<chart-id>/index.html."""
    template = markup_environment(locales).get_template("embed.html.jinja")
    context = render_context(plan, locale, views)
    base = site_url + locale.prefix if site_url else "../../"
    for chart in plan.all_charts:
        folder = docs / "embed" / chart.id
        folder.mkdir(parents=True, exist_ok=True)
        html = template.render(context, chart=chart, view=views[chart.id], sources=chart.sources, page_url=f"{base}{chart_url(chart)}", license=license)
        (folder / "index.html").write_text(html, encoding="utf-8")


def _write_editions(docs: Path, plan: Plan, locale: Locale, history: History, site_url: str) -> None:
    """Each edition's frozen data at data/editions/<date>/ (never changing), the newest also at data/editions/latest/, and the feed."""
    for entry in history.editions:
        for folder in (entry.date, "latest") if entry is history.latest else (entry.date,):
            target = docs / "data" / "editions" / folder
            target.mkdir(parents=True, exist_ok=True)
            for name, blob in entry.files.items():
                (target / name).write_bytes(blob)
    if history.editions:
        (docs / FEED_FILE).write_bytes(atom(plan, locale, history, site_url))


def _vega_bundle(cache_dir: Path) -> str:
    path = cache_dir / f"vega-bundle-{vlc.get_vega_version()}-{vlc.get_vega_embed_version()}.js"
    data = cachefs.get(path)
    if data is None:
        data = vlc.javascript_bundle().encode("utf-8")  # type: ignore[call-arg]  # the stub marks the optional snippet as required
        cachefs.put(path, data)
    return data.decode("utf-8")
