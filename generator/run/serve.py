"""Local preview: the engine's live-reload server over generated pages that are
regenerated whenever content/ or the templates change.

Every language is previewed (unless ``--lang`` picks one): the first is served
by the engine's server, the others are built by the engine and served, as built,
under their prefix, so that the language links work as on the published site.
A burst of file events (a save, or a figure and its source sentence) makes one
regeneration."""

from __future__ import annotations

import contextlib
import functools
import html
import logging
import multiprocessing
import re
import shutil
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

import vl_convert as vlc

from generator import cachefs
from generator.charts.raster import Job, rasterise
from generator.charts.render import RenderCache, SpecMemo
from generator.errors import BuildError, ContentError
from generator.load.locales import Locale
from generator.load.project import Project, load_project
from generator.publish import engines, outdir
from generator.publish.engines import DEFAULT as DEFAULT_ENGINE
from generator.publish.engines.settings import site_settings
from generator.run import stopping
from generator.run.generate import Generated, generate_language
from generator.run.timings import Timings

log = logging.getLogger("generator.run.serve")


@dataclass(frozen=True)
class Regenerated:
    """What one regeneration changed: the first language's files written (only those whose bytes differ), and the chart specs built."""

    files: list[str]
    specs: int

    @property
    def pages(self) -> list[str]:
        return [name for name in self.files if name.endswith(".md")]

    def __str__(self) -> str:
        others = len(self.files) - len(self.pages)
        return f"{_count(len(self.pages), 'page')} and {_count(others, 'other file')} changed, {_count(self.specs, 'chart layout')} drawn"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


_SPECS = SpecMemo()  # the chart specs of this process (the server's, or the helper's for the other languages)


def regenerate(
    root: Path,
    docs: Path,
    lang: str,
    config: Path | None = None,
    engine: str = DEFAULT_ENGINE,
    others: Sequence[str] = (),
    helper: Helper | None = None,
    preview: engines.Preview | None = None,
    follow: Callable[[Callable[[], object]], None] | None = None,
    quick: bool = True,
) -> Regenerated | None:
    """Write fresh pages into ``docs`` (and, given ``config``, the engine settings with the current nav).

    Every page is rendered, but only the files whose bytes changed are written, and only the
    charts whose data changed are drawn again, so the engine rebuilds only what the change touched.
    ``preview`` (an engine's ``Preview``) is then asked to rebuild. The languages in ``others`` are
    built by the engine afterwards and placed under their prefix (by ``preview``, or in ``docs``),
    so that the language links work: here, or by ``follow`` (the preview's :class:`Follower`), so that
    the first language never waits for them. With ``quick``, the pages are written and shown first, the
    charts the change touched drawn in the browser from their specs, and then everything else. On any
    error — content, template, chart — the previous pages stay, the message is printed once, and
    every page shows it in a banner at its top (the browser reloads), until the next good save.
    Returns what changed, or None after an error.
    """
    fresh = docs.with_name(docs.name + ".new")
    built_before = _SPECS.built
    prefixes = list(others)  # each other language is served under its code (the first is at the root)
    try:
        project = load_project(root)
        locale = _locale(project, lang)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        print("preview keeps the last good pages; fix the content and save again.", file=sys.stderr)
        _show_error(docs, exc.report(), prefixes, preview)
        return None
    except Exception as exc:  # a file problem, or a bug: the watcher must survive it
        _failed(docs, exc, prefixes, preview)
        return None
    written: list[str] = []
    # First the pages alone, with the charts the edit changed drawn in the browser from their specs (vl-convert
    # took 0.25 s a drawing); then everything, the charts drawn, shown as soon as it is.
    for pages_first in (True, False) if quick else (False,):
        try:
            shutil.rmtree(fresh, ignore_errors=True)
            generated = _generate(root, project, fresh, locale, _SPECS, pages_first)
        except Exception as exc:  # a template, chart or file problem, or a bug: the watcher must survive it
            shutil.rmtree(fresh, ignore_errors=True)
            _failed(docs, exc, prefixes, preview)
            return None
        later = _copy_downloads(generated)  # the PNGs and font-carrying SVGs not yet made follow the pages
        with preview.writing() if preview else contextlib.nullcontext():
            written += outdir.sync(fresh, docs, keep=prefixes, prune=not pages_first)
            if config is not None:  # after the pages: a changed file makes the engine rebuild with the new nav
                settings = site_settings(project.plan, project.config, locale, project.locales, feed=bool(project.history.editions), preview=True)
                writer = functools.partial(engines.engine(engine).write_config, settings, root, docs, config.parent / "site", config.parent / "theme")
                _write_if_changed(config, writer)
        if preview:
            preview.rebuild(wait=True)
    if later:
        rasterise(later)
        _copy_downloads(generated)
        with preview.writing() if preview else contextlib.nullcontext():
            written += outdir.sync(fresh, docs, keep=prefixes)  # writes the downloads just made
        if preview:
            preview.rebuild()
    shutil.rmtree(fresh, ignore_errors=True)
    done = Regenerated(list(dict.fromkeys(written)), _SPECS.built - built_before)
    # The first language is served already; the others follow, built by the engine.
    if others:
        job = functools.partial(_others_round, root, project, tuple(others), docs, engine, helper, preview)
        if follow is not None:
            follow(job)
        elif not job():
            return None
    return done


def _others_round(root: Path, project: Project, others: tuple[str, ...], docs: Path, engine: str, helper: Helper | None, preview: engines.Preview | None) -> bool:
    """Build the other languages and place them under their prefix; False after an error (shown on every page)."""
    prefixes = list(others)
    try:
        build = functools.partial(_other_sites, root, project, others, docs.parent, engine)
        sites = helper.run(build) if helper else build()
    except Exception as exc:
        _failed(docs, exc, prefixes, preview)
        return False
    for prefix, site in sites.items():
        if preview:
            preview.place(prefix, site)
        else:
            outdir.sync(site, docs / prefix)
    with preview.writing() if preview else contextlib.nullcontext():
        banner = _banner_in(docs)
        if banner:  # the first language failed since this round began: its message stays on every page
            _mark_built(preview.others if preview else docs, prefixes, banner)
    if banner and preview:
        preview.rebuild()
    return True


class Follower:
    """Builds the other languages in a thread of its own, one round at a time: a round asked for while one
    runs replaces any round still waiting, so saves in quick succession build the other languages once,
    with the latest content, and the first language's regeneration never waits for them."""

    def __init__(self) -> None:
        self._next: Callable[[], object] | None = None
        self._stopped = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="other-languages", daemon=True)
        self._thread.start()

    def __call__(self, job: Callable[[], object]) -> None:
        with self._changed:
            self._next = job
            self._changed.notify_all()

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._next is not None or self._stopped)
                if self._stopped:
                    return
                job, self._next = self._next, None
            try:
                if job is not None:
                    job()
            except stopping.Stopped:  # the preview is stopping
                return

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify_all()
        self._thread.join(timeout=60)


def _failed(docs: Path, exc: Exception, prefixes: Sequence[str], preview: engines.Preview | None) -> None:
    message = str(exc) if isinstance(exc, HelperError) else f"{type(exc).__name__}: {exc}{_template_place(exc)}"
    print(f"preview could not be regenerated: {message}", file=sys.stderr)
    print("preview keeps the last good pages; fix the problem and save again.", file=sys.stderr)
    _show_error(docs, message, prefixes, preview)


def _other_sites(root: Path, project: Project, codes: tuple[str, ...], work: Path, engine: str) -> dict[str, Path]:
    """Each language of ``codes`` built by the engine in ``work``: the site folder by prefix."""
    sites = {}
    for code in codes:
        locale = _locale(project, code)
        sites[locale.prefix.rstrip("/")] = _other_site(root, project, locale, work, engine)
    return sites


class HelperError(Exception):
    """An error in the helper process, with its message as the preview prints it."""


class Helper:
    """One process, kept for the whole preview, that builds the other languages: the server's own
    process keeps its core (in it, the engine's builds of both languages took turns)."""

    def __init__(self) -> None:
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._closed = False

    def run(self, call: Callable[[], dict[str, Path]]) -> dict[str, Path]:
        if self._process is None or self._conn is None or not self._process.is_alive():
            context = multiprocessing.get_context("spawn")
            self._conn, child = context.Pipe()
            self._process = context.Process(target=_helping, args=(child,), name="preview-languages", daemon=True)
            self._process.start()
            child.close()
        self._conn.send(call)
        try:
            kind, value = self._conn.recv()
        except EOFError:
            if self._closed:  # the preview is stopping
                raise stopping.Stopped(signal.SIGINT) from None
            raise HelperError("the process building the other languages ended") from None
        if kind == "error":
            raise HelperError(value)
        return dict(value)

    def close(self) -> None:
        self._closed = True
        if self._process is not None:
            self._process.terminate()
            self._process.join()
        if self._conn is not None:
            self._conn.close()


def _helping(conn: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it ends this process
    while True:
        try:
            call = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", call()))
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}{_template_place(exc)}"))


def _other_site(root: Path, project: Project, locale: Locale, work: Path, engine: str) -> Path:
    """Another language's pages, generated and built by the engine in ``work`` (only what changed, where the engine can): the site folder."""
    generated_docs = work / f"docs-{locale.code}"
    fresh = work / f"docs-{locale.code}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    generated = _generate(root, project, fresh, locale, _SPECS)
    later = _copy_downloads(generated)
    if later:
        rasterise(later)
        _copy_downloads(generated)
    outdir.sync(fresh, generated_docs)
    shutil.rmtree(fresh, ignore_errors=True)
    settings = site_settings(project.plan, project.config, locale, project.locales, feed=bool(project.history.editions), preview=True)
    site = work / f"site-{locale.code}"
    engines.engine(engine).preview_language(settings, root, generated_docs, site, work / f"{engine}-{locale.code}")
    (site / "404.html").unlink(missing_ok=True)  # the preview's 404 page is the first language's
    return site


QUIET = 0.05  # seconds without a new file event before regenerating
BANNER = "<!-- preview error -->"  # marks the banner, so that a second error replaces the first


def _show_error(docs: Path, message: str, prefixes: Sequence[str] = (), preview: engines.Preview | None = None) -> None:
    """Put ``message`` at the top of every page of the last good preview: the reader's browser reloads and shows it."""
    banner = (
        f'{BANNER}\n<div class="admonition failure" role="alert"><p class="admonition-title">The preview was not updated: '
        f"this is the last good version</p><pre>{html.escape(message)}</pre></div>\n{BANNER}\n\n"
    )
    with preview.writing() if preview else contextlib.nullcontext():
        _mark_built(preview.others if preview else docs, prefixes, banner)
        for page in docs.rglob("*.md"):
            if page.relative_to(docs).parts[0] in prefixes:
                continue
            text = page.read_text(encoding="utf-8")
            if BANNER in text:  # the previous error's banner goes
                before, _, rest = text.partition(BANNER)
                text = before + rest.partition(BANNER)[2].lstrip("\n")
            head, body = "", text
            if text.startswith("---\n") and "\n---\n" in text[4:]:  # after the front matter
                end = text.index("\n---\n", 4) + 5
                head, body = text[:end] + "\n", text[end:].lstrip("\n")
            page.write_text(head + banner + body, encoding="utf-8")
    if preview:
        preview.rebuild()


def _mark_built(others: Path, prefixes: Sequence[str], banner: str) -> None:
    """The banner in the other languages' built pages, inside the article (replacing an earlier one)."""
    for prefix in prefixes:
        for built in sorted((others / prefix).rglob("*.html")):
            text = built.read_text(encoding="utf-8")
            if BANNER in text:
                before, _, rest = text.partition(BANNER)
                text = before + rest.partition(BANNER)[2]
            found = re.search(r"<article[^>]*>", text)
            if found:
                built.write_text(text[: found.end()] + banner + text[found.end() :], encoding="utf-8")


def _banner_in(docs: Path) -> str | None:
    """The error banner the first language's pages show now, if any."""
    home = docs / "index.md"
    text = home.read_text(encoding="utf-8") if home.is_file() else ""
    if BANNER not in text:
        return None
    inside = text.partition(BANNER)[2].partition(BANNER)[0]
    return f"{BANNER}{inside}{BANNER}\n\n"


def _template_place(exc: BaseException) -> str:
    """Where in a template the error arose, from the traceback (Jinja keeps template lines in it)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".jinja"):
            return f" (at {Path(frame.filename).name}:{frame.lineno})"
    return ""


def _locale(project: Project, lang: str) -> Locale:
    for locale in project.locales:
        if locale.code == lang:
            return locale
    codes = ", ".join(loc.code for loc in project.locales)
    raise BuildError(f"--lang {lang}: not one of the site's languages ({codes}); see languages in site_config.yml")


def _generate(root: Path, project: Project, fresh: Path, locale: Locale, specs: SpecMemo | None = None, pages_first: bool = False) -> Generated:
    """One language's pages, charts and data files in ``fresh``; the chart downloads are left to :func:`_copy_downloads`."""
    cache = RenderCache(outdir.state_dir(root) / ".cache" / "charts")
    return generate_language(
        project.plan,
        locale,
        project.locales,
        fresh,
        cache,
        False,
        Timings(),
        project.history,
        project.config.site_url,
        project.config.data_license.model_dump(),
        specs,
        pages_first,
    )


def _copy_downloads(generated: Generated) -> list[Job]:
    """Put the chart downloads made already in place; returns the jobs of those still to make."""
    later = []
    for job, (source, target) in zip(generated.download_jobs, generated.download_targets, strict=True):
        data = cachefs.get(Path(source))
        if data is None:
            later.append(job)
        else:
            target.write_bytes(data)
    return later


def _write_if_changed(path: Path, write: Callable[[Path], Path]) -> None:
    """Rewrite the engine settings only when they changed: MkDocs rebuilds (and reloads them) when the file changes."""
    tmp = path.with_name(path.name + ".new")
    write(tmp)
    if path.exists() and path.read_bytes() == tmp.read_bytes():
        tmp.unlink()
    else:
        tmp.replace(path)


def serve(root: Path, port: int = 8000, lang: str | None = None, engine: str = DEFAULT_ENGINE) -> None:
    from watchdog.events import FileSystemEventHandler  # the preview alone watches files: build does not import watchdog
    from watchdog.observers import Observer

    project = load_project(root)  # refuse to start on bad content, with the usual message
    port = _check_port(port)
    code = _locale(project, lang or project.locales[0].code).code
    others = [] if lang else [loc.code for loc in project.locales[1:]]  # every language unless one is asked for
    work = outdir.work_dir(root, "serve-")
    docs = work / "docs"
    docs.mkdir()
    config = work / f"{engine}.{code}.yml"
    engines.theme_dir(engine, work / "theme")
    helper = Helper()
    follower = Follower()  # builds the other languages, in the helper process
    preview = engines.engine(engine).Preview(config, port, docs, work)
    changed = threading.Event()
    saved: set[Path] = set()  # the files saved in this burst, for the message
    saving = threading.Lock()  # the watcher's thread adds to it while the regeneration's reads it

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type not in {"modified", "created", "deleted", "moved"}:
                return  # watchdog also reports opened/closed: reading files must not trigger a rebuild
            path = Path(str(getattr(event, "dest_path", "") or event.src_path))  # an editor saves by moving a temporary file into place
            if event.is_directory or path.name.endswith(("~", ".swp", ".swx")) or path.name.startswith(".#"):
                return
            with saving:
                saved.add(path)
            changed.set()

    stopped = threading.Event()

    def regenerating() -> None:
        """One regeneration for a burst of events: a save writes a file in several steps, and a revised figure touches two files."""
        while True:
            changed.wait()
            time.sleep(QUIET)
            changed.clear()  # what is saved from here on makes another round
            with saving:
                files = ", ".join(sorted(_shown(path, root) for path in saved))
                saved.clear()
            if stopped.is_set():
                return
            try:
                done = regenerate(root, docs, code, config, engine, others, helper, preview, follower)
                if done and files:
                    print(f"regenerated after change to {files}: {done}", file=sys.stderr)
                elif done:
                    print(f"building {', '.join(others)} too, to be served under {', '.join(f'{preview_url}{other}/' for other in others)}", file=sys.stderr)
            except stopping.Stopped:  # Ctrl-C or SIGTERM while regenerating: the server's own stop cleans up
                return

    preview_url = f"http://127.0.0.1:{port}/"
    try:  # the first language is served as soon as it is built; the others follow (the first round below)
        if not regenerate(root, docs, code, config, engine, (), helper, preview, quick=False):
            raise BuildError("the first preview could not be generated (see above)")
        preview.first_build()
        _warm_up()
    except BaseException:
        follower.stop()
        helper.close()
        shutil.rmtree(work, ignore_errors=True)
        raise
    observer = Observer()
    watched = [root / "content", Path(__file__).parents[1] / "templates", Path(__file__).parents[1] / "assets", *(loc.folder for loc in project.locales)]
    for folder in dict.fromkeys(watched):
        observer.schedule(Changed(), str(folder), recursive=True)
    observer.start()
    worker = threading.Thread(target=regenerating, name="regenerate", daemon=True)
    if others:
        changed.set()
    worker.start()
    try:
        preview.serve()
    finally:
        observer.stop()
        observer.join()
        stopped.set()
        changed.set()
        helper.close()  # a build of the other languages under way ends here
        follower.stop()
        worker.join(timeout=60)  # a regeneration under way finishes before its folder goes
        shutil.rmtree(work, ignore_errors=True)


def _check_port(port: int) -> int:
    """The port to preview on: ``port``, refused before the first build (not after it) when another program listens
    on it, or with 0 a free port, which the preview announces."""
    if not 0 <= port <= 65535:
        raise BuildError(f"cannot preview on port {port}: a port is 1 to 65535, or 0 for any free port; choose another with --port")
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise BuildError(f"cannot preview on port {port}: {exc.strerror}; choose another with --port") from None
        return int(probe.getsockname()[1])


def _warm_up() -> None:
    """vl-convert starts its JavaScript engine on its first drawing (0.7 s here): at the start, not on the first save."""

    vlc.vegalite_to_svg({"mark": "point"})


def _shown(path: Path, root: Path) -> str:
    """A saved file's name as the maintainer knows it: relative to the project, or to the generator."""
    for base in (root, Path(__file__).parents[2]):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return str(path)
