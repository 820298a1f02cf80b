"""Build the whole site: pages, charts, data, the engine per language, PDFs; then swap in.

Everything is written to a staging folder next to the output and moved into
place only when every stage succeeded, so a failed build leaves the previous
site exactly as it was. The languages' steps (:mod:`generator.run.steps`) run in
worker processes (:mod:`generator.run.workers`); what they generate is kept in the
output cache (:mod:`generator.run.output`) for the next build.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator import cachefs
from generator.errors import BuildError
from generator.fingerprint import build_fingerprint
from generator.publish import engines, outdir
from generator.publish.engines import DEFAULT as DEFAULT_ENGINE
from generator.run import stopping, workers
from generator.run.output import Output, finish
from generator.run.steps import GENERATE_PRELOAD, PDF_PRELOAD, PUBLISH_PRELOAD, STEP_NAMES, Language, language_steps
from generator.run.timings import Timings


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


def build_site(root: Path, out: Path, pdf: bool = True, engine: str = DEFAULT_ENGINE, jobs: int | None = None) -> BuildResult:
    """Build ``out`` from ``root/content`` with ``engine``; the previous ``out`` survives any failure.

    The languages are built side by side, each in a process of its own
    (:mod:`generator.run.workers`; ``jobs`` at once, by default one per core, 1 for one
    after another in this process, with the same output byte for byte).

    A build whose fingerprint (content, code, configuration, pins, SITE_URL,
    SOURCE_DATE_EPOCH) matches a finished earlier build reuses that build's
    generated pages, charts and PDFs, and only runs the engine again (either engine: the
    generated output does not depend on it).
    """
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
            from generator.load.project import load_project  # here, not at the top: a build whose output is cached loads no content (pydantic)

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
            manifest = finish(output, project) if project is not None else manifest
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


def _previous(out: Path, prefix: str) -> Path | None:
    """A language's site in the site published before (the first language's at its root, which also holds the others
    under their prefix), if there is one."""
    site = out / prefix.rstrip("/") if prefix else out
    return site if (out / outdir.MARKER).is_file() and site.is_dir() else None


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


def _work_root(state: Path) -> Path:
    path = state / ".build"
    path.mkdir(exist_ok=True)
    return path
