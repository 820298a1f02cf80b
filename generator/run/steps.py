"""The steps of building one language, each run in a worker process: its pages and charts, its PDF, its engine run."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from generator import cachefs
from generator.errors import BuildError
from generator.publish import engines
from generator.run import workers
from generator.run.output import Output
from generator.run.timings import Timings

if TYPE_CHECKING:
    from generator.load.locales import Locale
    from generator.load.project import Project

# The modules a language worker imports to generate its pages and charts, and to lay out its PDF; with the engine's
# (its PRELOAD), loaded once before the workers are forked (generator.run.workers.start). This project's own are among them:
# where Python writes no bytecode (PYTHONDONTWRITEBYTECODE) each worker compiled them again, 0.2 s, and the second worker
# waited for the first to read its task meanwhile.
PUBLISH_PRELOAD = ("generator.run.steps",)
GENERATE_PRELOAD = (
    *("pydantic", "jinja2", "markdown", "altair", "vl_convert", "citeproc.source.json", "bibtexparser", "feedgen.feed", "PIL.ImageDraw", "uharfbuzz"),
    *(
        "generator.charts.kinds",
        "generator.charts.raster",
        "generator.charts.render",
        "generator.run.generate",
        "generator.render.pages",
        "generator.render.cite",
        "generator.render.datafiles",
    ),
    *("generator.render.share", "generator.render.feed", "generator.publish.engines.settings"),
)
PDF_PRELOAD = ("weasyprint", "pikepdf", "generator.pdf.report")


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
        from generator.render.markup import cache_compiled_templates  # in a worker, where the generating modules are loaded

        cache_compiled_templates(task.state / ".cache" / "templates")


def generate_step(task: Language) -> LanguageDone:
    """Write one language's pages, charts, data, downloads and engine settings into the output (its chart views kept
    in the work folder for its PDF); tells how many charts were drawn and how many taken from the cache."""
    # Imported here, not at the top: the build's own process imports this module to list the steps, and a build whose
    # output is cached runs none of them (the generating modules import Altair, vl-convert and Jinja: 0.6 s).
    from generator.charts.raster import rasterise
    from generator.charts.render import RenderCache
    from generator.publish.engines.settings import site_settings
    from generator.run.generate import generate_language

    project, timings = task.project, Timings()
    assert project is not None
    _compiled_templates(task)
    plan, config, history, locale = project.plan, project.config, project.history, task.locale
    docs = task.output.docs(task.code)
    cache = RenderCache(task.state / ".cache" / "charts")
    pdf = task.report
    generated = generate_language(plan, locale, project.locales, docs, cache, pdf, timings, history, config.site_url, config.data_license.model_dump())
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
    from generator.pdf.report import build_pdf  # here, not at the top: WeasyPrint (0.3 s) only where a report is laid out

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


def _views_file(task: Language) -> Path:
    return task.work / f"views.{task.code}.pickle"
