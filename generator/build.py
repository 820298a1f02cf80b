"""Build the whole site: pages, charts, data, MkDocs per language, PDFs; then swap in.

Everything is written to a staging folder next to the output and moved into
place only when every stage succeeded, so a failed build leaves the previous
site exactly as it was.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator import cachefs, engines, outdir, stopping, workers
from generator.engines import DEFAULT as DEFAULT_ENGINE
from generator.errors import BuildError
from generator.markup import Safe, cache_compiled_templates, safe, text

if TYPE_CHECKING:
    from generator.charts.raster import Job
    from generator.charts.render import RenderCache, SpecMemo
    from generator.cite import Citation
    from generator.editions import History
    from generator.i18n import Locale
    from generator.load import Project
    from generator.model import Chart, Plan
    from generator.pages import ChartView

ASSETS = Path(__file__).parent / "assets"


# The modules a language worker imports to generate its pages and charts, and to lay out its PDF; with the engine's
# (its PRELOAD), loaded once before the workers are forked (generator.workers.start). This project's own are among them:
# where Python writes no bytecode (PYTHONDONTWRITEBYTECODE) each worker compiled them again, 0.2 s, and the second worker
# waited for the first to read its task meanwhile.
PUBLISH_PRELOAD = ("generator.build",)
GENERATE_PRELOAD = (
    *("pydantic", "jinja2", "markdown", "altair", "vl_convert", "citeproc.source.json", "bibtexparser", "feedgen.feed", "PIL.ImageDraw", "uharfbuzz"),
    *("generator.charts.kinds", "generator.charts.raster", "generator.charts.render", "generator.pages", "generator.cite", "generator.datafiles"),
    *("generator.share", "generator.feed", "generator.engines.settings"),
)
PDF_PRELOAD = ("generator.pdfload", "pikepdf", "generator.pdf")


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        stopping.check()
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start
        stopping.check()


@dataclass
class BuildResult:
    out: Path
    languages: int
    pages: int
    charts: int
    rendered: int
    cached: int
    pdfs: list[Path]
    timings: Timings
    seconds: float

    def __str__(self) -> str:
        pdfs = f", {len(self.pdfs)} PDFs" if self.pdfs else ""
        return (
            f"built {self.out.name}/ in {self.seconds:.1f} s: {self.languages} languages, {self.pages} pages, {self.charts} charts "
            f"({self.rendered} rendered, {self.cached} from cache){pdfs}"
        )


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
    from generator.charts import fonts, theme
    from generator.charts.data import chart_data
    from generator.charts.raster import png_job, svg_job
    from generator.charts.registry import LAYOUTS
    from generator.charts.render import SpecMemo, spec_json
    from generator.datafiles import chart_csv, dataset_files
    from generator.pages import ChartView, PageEnv, environment, render_pages

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
    from generator.cite import citations
    from generator.editions import History

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
    import html
    import re

    from generator.datafiles import chart_zip
    from generator.markup import environment
    from generator.pages import render_context
    from generator.site import chart_url

    template = environment(locales, plain=True).get_template("chart-readme.md.jinja")
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
    from generator.share import card
    from generator.site import page_key, site_pages

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
    from generator.markup import environment
    from generator.pages import render_context
    from generator.site import chart_url

    template = environment(locales).get_template("embed.html.jinja")
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
        from generator.feed import FILE, atom

        (docs / FILE).write_bytes(atom(plan, locale, history, site_url))


def _vega_bundle(cache_dir: Path) -> str:
    import vl_convert as vlc

    path = cache_dir / f"vega-bundle-{vlc.get_vega_version()}-{vlc.get_vega_embed_version()}.js"
    data = cachefs.get(path)
    if data is None:
        data = vlc.javascript_bundle().encode("utf-8")  # type: ignore[call-arg]  # the stub marks the optional snippet as required
        cachefs.put(path, data)
    return data.decode("utf-8")


def build_site(root: Path, out: Path, pdf: bool = True, engine: str = DEFAULT_ENGINE, jobs: int | None = None) -> BuildResult:
    """Build ``out`` from ``root/content`` with ``engine``; the previous ``out`` survives any failure.

    The languages are built side by side, each in a process of its own
    (:mod:`generator.workers`; ``jobs`` at once, by default one per core, 1 for one
    after another in this process, with the same output byte for byte).

    A build whose fingerprint (content, code, configuration, pins, SITE_URL,
    SOURCE_DATE_EPOCH) matches a finished earlier build reuses that build's
    generated pages, charts and PDFs, and only runs the engine again (either engine: the
    generated output does not depend on it).
    """
    from generator.fingerprint import build_fingerprint

    started = time.perf_counter()
    root = root.resolve()
    out = outdir.check_output(root, out)
    state = outdir.state_dir(root)
    timings = Timings()
    project = None
    jobs = jobs or workers.default_jobs()
    with timings.stage("load"):
        output = Output(state / ".cache" / "output" / build_fingerprint(root, pdf))
        manifest = output.manifest()  # None when missing or unreadable: a miss
        generating = GENERATE_PRELOAD + (PDF_PRELOAD if pdf else ()) if manifest is None else ()
        workers.start(jobs, generating + engines.engine(engine).PRELOAD + PUBLISH_PRELOAD)  # the workers' imports, while the content loads
        if manifest is None:  # content is loaded (and refused) before anything is written
            from generator.load import load_project

            project = load_project(root)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not os.access(out.parent, os.W_OK):
        raise BuildError(f"cannot write to {out.parent}: permission denied")
    work = Path(tempfile.mkdtemp(prefix="build-", dir=_work_root(state)))
    try:
        if project is not None:
            shutil.rmtree(output.folder, ignore_errors=True)
            languages = [(loc.code, loc.prefix) for loc in project.locales]
        else:
            assert manifest is not None
            languages = [(language["code"], language["prefix"]) for language in manifest["languages"]]
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-staging-", dir=out.parent))
        try:
            cachefs.publish_mode(staging)
            steps = language_steps(
                [Language(root, state, code, output, project, pdf, engine, staging / f".language-{code}", work, _previous(out, prefix)) for code, prefix in languages]
            )
            done = workers.run(
                [functools.partial(step, task) for step, task, _ in steps],
                jobs,
                [f"{task.code} ({STEP_NAMES[step]})" for step, task, _ in steps],
                [after for _, _, after in steps],
            )
            for result in done:
                for name, seconds in result.stages.items():
                    timings.stages[name] = timings.stages.get(name, 0.0) + seconds
            manifest = _finish(output, project) if project is not None else manifest
            assert manifest is not None
            pdfs = _assemble(staging, output, languages)
            stopping.check()
            outdir.swap(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise BuildError(f"{exc.strerror or exc}: {exc.filename or ''}".strip()) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(
        out,
        len(manifest["languages"]),
        manifest["pages"],
        manifest["charts"],
        sum(result.rendered for result in done),
        sum(result.cached for result in done),
        [out / p.relative_to(output.pdf) for p in pdfs],
        timings,
        time.perf_counter() - started,
    )


@dataclass(frozen=True)
class Output:
    """What generation writes and publishing reads: one finished build, cached by its fingerprint.

    ``docs/<lang>/`` holds each language's Markdown pages, charts, data files
    and assets; ``settings.<lang>.yml`` its site settings for the engines; ``pdf/`` the reports,
    placed as in the site; ``manifest.json``, written last, marks it complete.
    """

    folder: Path

    def docs(self, code: str) -> Path:
        return self.folder / "docs" / code

    def settings(self, code: str) -> Path:
        return self.folder / f"settings.{code}.yml"

    @property
    def pdf(self) -> Path:
        return self.folder / "pdf"

    def manifest(self) -> dict[str, Any] | None:
        found = cachefs.get_json(self.folder / "manifest.json")
        return found if isinstance(found, dict) else None


@dataclass(frozen=True)
class Language:
    """One language's part of a build, done in the steps of :func:`language_steps` (each in a worker process)."""

    root: Path
    state: Path  # the folder holding .cache/
    code: str
    output: Output
    project: Project | None  # given when the output is generated (a cache miss); None to publish the cached one
    pdf: bool
    engine: str
    site_dir: Path  # where the engine writes this language's site
    work: Path
    previous: Path | None = None  # this language's site as the build before published it

    @property
    def locale(self) -> Locale:
        assert self.project is not None
        (found,) = [loc for loc in self.project.locales if loc.code == self.code]
        return found

    @property
    def report(self) -> bool:
        """Whether this build lays out the language's PDF (it is generated, and neither the command nor the site settings turn PDFs off)."""
        return self.pdf and self.project is not None and self.project.config.pdf


@dataclass(frozen=True)
class LanguageDone:
    stages: dict[str, float]
    rendered: int = 0
    cached: int = 0


Step = Callable[[Language], LanguageDone]


def language_steps(tasks: list[Language]) -> list[tuple[Step, Language, int | None]]:
    """What building the languages takes, each step with the one it waits for: each language's pages, charts and
    downloads, then its PDF and its engine run, which both read what that made. The long PDFs are listed before the
    engine runs, so that a core done with its language's PDF runs the engine of the other language as well: each
    language used to be one step, and the core of the shorter one waited for the longer one at the end."""
    steps: list[tuple[Step, Language, int | None]] = []
    generated_at: dict[str, int] = {}
    for task in tasks:
        if task.project is not None:
            generated_at[task.code] = len(steps)
            steps.append((generate_step, task, None))
    steps += [(pdf_step, task, generated_at[task.code]) for task in tasks if task.report]
    steps += [(engine_step, task, generated_at.get(task.code)) for task in tasks]
    return steps


def _compiled_templates(task: Language) -> None:
    """A worker is a new process: it takes the templates compiled by the workers before it while their source is
    unchanged. With ``jobs`` 1 the build's own process compiles each template once, as it always did."""
    if workers.in_worker():
        cache_compiled_templates(task.state / ".cache" / "templates")


def generate_step(task: Language) -> LanguageDone:
    """Write one language's pages, charts, data, downloads and engine settings into the output (its chart views kept
    in the work folder for its PDF); tells how many charts were drawn and how many taken from the cache."""
    import pickle

    from generator.charts.raster import rasterise
    from generator.charts.render import RenderCache
    from generator.engines.settings import site_settings

    project, timings = task.project, Timings()
    assert project is not None
    _compiled_templates(task)
    plan, config, history, locale = project.plan, project.config, project.history, task.locale
    docs = task.output.docs(task.code)
    cache = RenderCache(task.state / ".cache" / "charts")
    pdf = task.report
    generated = generate_language(plan, locale, project.locales, docs, cache, pdf, timings, history, config.site_url, config.data_license)
    with timings.stage("downloads"):
        rasterise(generated.download_jobs)
        for source, target in generated.download_targets:
            data = cachefs.get(Path(source))
            if data is None:
                raise BuildError(f"the download {target.name} was not made (cache entry {source} is missing or damaged)")
            target.write_bytes(data)
    settings = site_settings(plan, config, locale, project.locales, feed=bool(history.editions))
    task.output.settings(task.code).write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if pdf:
        _views_file(task).write_bytes(pickle.dumps(generated.views, protocol=pickle.HIGHEST_PROTOCOL))
    return LanguageDone(timings.stages, cache.misses, cache.hits)


def pdf_step(task: Language) -> LanguageDone:
    """Lay out one language's report from its generated pages and chart views."""
    import pickle

    from generator.pdf import build_pdf

    assert task.project is not None
    project, timings = task.project, Timings()
    _compiled_templates(task)
    views = pickle.loads(_views_file(task).read_bytes())
    with timings.stage("pdf"):
        build_pdf(project.plan, task.locale, views, task.output.docs(task.code), task.output.pdf, task.work, project.history, task.state / ".cache" / "pdf")
    return LanguageDone(timings.stages)


def engine_step(task: Language) -> LanguageDone:
    """Run the engine on one language's generated pages."""
    timings = Timings()
    settings = yaml.safe_load(task.output.settings(task.code).read_text(encoding="utf-8"))
    with timings.stage(f"{task.engine} {task.code}"):
        engines.engine(task.engine).build_language(
            settings,
            task.root,
            task.output.docs(task.code),
            task.site_dir,
            task.work / f"{task.engine}-{task.code}",
            task.state / ".cache" / "engines" / task.engine,
            task.previous,
        )
    return LanguageDone(timings.stages)


STEP_NAMES: dict[Step, str] = {generate_step: "pages and charts", pdf_step: "PDF", engine_step: "engine"}  # in messages


def _previous(out: Path, prefix: str) -> Path | None:
    """A language's site in the site published before (the first language's at its root, which also holds the others
    under their prefix), if there is one."""
    site = out / prefix.rstrip("/") if prefix else out
    return site if (out / outdir.MARKER).is_file() and site.is_dir() else None


def _views_file(task: Language) -> Path:
    return task.work / f"views.{task.code}.pickle"


def _finish(output: Output, project: Project) -> dict[str, Any]:
    """Mark the generated output complete (its manifest, written last) and drop older outputs."""
    from generator.pages import page_paths

    plan, locales = project.plan, project.locales
    manifest = {
        "languages": [{"code": loc.code, "prefix": loc.prefix} for loc in locales],  # what publishing needs, without loading anything
        "pages": len(locales) * len(page_paths(plan)),
        "charts": len(locales) * len(plan.all_charts),
        "content_version": plan.content_version,
    }
    cachefs.put_json(output.folder / "manifest.json", manifest)
    _prune(output.folder.parent, keep=output.folder.name)
    return manifest


def _assemble(staging: Path, output: Output, languages: list[tuple[str, str]]) -> list[Path]:
    """Move each language's site to its place in ``staging`` (the first at the root, the others under their prefix) and add the PDFs."""
    for code, prefix in languages:
        built = staging / f".language-{code}"
        if prefix:
            target = staging / prefix.rstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(built, target)
            (target / "404.html").unlink(missing_ok=True)  # GitHub Pages serves only the root 404.html
        else:
            for entry in sorted(built.iterdir()):
                os.replace(entry, staging / entry.name)
            built.rmdir()
    pdfs = sorted(output.pdf.rglob("*.pdf")) if output.pdf.is_dir() else []
    for kept in pdfs:
        shutil.copy2(kept, staging / kept.relative_to(output.pdf))
    return pdfs


def _prune(folder: Path, keep: str) -> None:
    """Keep only the newest finished output (the cache is for rebuilding, not history)."""
    for entry in folder.iterdir():
        if entry.name != keep:
            shutil.rmtree(entry, ignore_errors=True)


def _work_root(state: Path) -> Path:
    path = state / ".build"
    path.mkdir(exist_ok=True)
    return path
