"""MkDocs with Material for MkDocs: ``mkdocs build --strict`` in-process, one build per language; the preview builds
incrementally in-process and serves with MkDocs' live-reload server."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from generator.compat import material as compat_material
from generator.compat import mkdocs as compat_mkdocs
from generator.errors import BuildError
from generator.publish.engines.base import theme_dir
from generator.publish.engines.kept import KeptPages, KeptWords, PreviousSite
from generator.publish.outdir import sync

NAME = "mkdocs"
# The installed modules a build imports, loaded once before the language workers are forked (generator.run.workers).
PRELOAD = ("jieba", "mkdocs.commands.build", "material.plugins.search.plugin", "pymdownx.details", "pymdownx.slugs")


def write_config(settings: dict[str, Any], root: Path, docs: Path, site_dir: Path, theme: Path, dest: Path) -> Path:
    """The MkDocs config of one language: the project's mkdocs.yml, inherited, with this language's settings."""
    config = {
        "INHERIT": str(root / "mkdocs.yml"),
        **{k: v for k, v in settings.items() if k != "search"},
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "theme": {**settings["theme"], "custom_dir": str(theme)},
        # Search per language: Chinese words are split by jieba at build time.
        "plugins": [{"search": {"lang": settings["search"]}}],
    }
    dest.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _prepare() -> None:
    """Before MkDocs runs: its notice about MkDocs 2 and jieba's start-up lines stay out of the output."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("jieba").setLevel(logging.WARNING)


def _compiled_templates(folder: Path) -> Any:
    """A MkDocs plugin that keeps the theme's templates compiled in ``folder`` (Jinja's bytecode cache): compiling them
    took a fifth of a language's build. A template is found there by its name, since the theme folder is a new one
    each build, and used only if its source is the same."""
    import jinja2
    from mkdocs.plugins import BasePlugin  # MkDocs (0.4 s) and Material (0.5 s) only where an engine builds: the command line imports this module

    class ByName(jinja2.FileSystemBytecodeCache):
        def get_cache_key(self, name: str, filename: str | None = None) -> str:
            return super().get_cache_key(name)

    class CompiledTemplates(BasePlugin):
        def on_env(self, env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = ByName(str(folder))
            return env

    return CompiledTemplates()


def build(config_file: Path, cache: Path | None = None, previous: Path | None = None) -> None:
    """``mkdocs build --strict`` in-process; any warning fails the build. ``cache`` keeps the compiled templates, the
    Chinese words split and the pages converted (:mod:`generator.publish.engines.kept`) from one build to the next; the files
    of the ``previous`` site that MkDocs would write again are taken from there."""
    _prepare()
    from mkdocs.commands.build import build as mkdocs_build  # only where an engine builds (see _compiled_templates)
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    handler = _Collect()
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(handler)
    words = pages = None
    try:
        with contextlib.ExitStack() as patched:
            cfg = load_config(config_file=str(config_file), strict=True)
            if previous is not None:
                site = PreviousSite(Path(cfg["site_dir"]), previous)
                patched.enter_context(compat_mkdocs.file_writing(site.copy, site.write))
            if cache is not None:
                language = cfg["theme"].get("language", "en")
                cfg.plugins["generator-compiled-templates"] = _compiled_templates(cache / "templates")
                words = KeptWords(cache / f"words.{language}.json")
                pages = KeptPages(cache / f"pages.{language}.json", _kept_settings(config_file), words)
                patched.enter_context(compat_material.search_words(words))
                patched.enter_context(compat_mkdocs.page_rendering(pages.render))
                patched.enter_context(compat_material.search_indexing(pages.index))
            mkdocs_build(cfg)
    except (Abort, MkDocsException) as exc:
        details = "; ".join(handler.messages) or str(exc)
        raise BuildError(f"MkDocs failed for {config_file.name}: {details}") from None
    finally:
        mk_log.removeHandler(handler)
    if handler.messages:
        raise BuildError(f"MkDocs warnings for {config_file.name}: " + "; ".join(handler.messages))
    for kept in (words, pages):
        if kept is not None:
            kept.save()


# What MkDocs reads of a language's settings to convert a page's Markdown (with the page and the site's files) and
# Material's search to index it (with the page's title, address and HTML): the rest (its name, footer, nav, colours)
# goes into the theme's templates, which every build renders again.
_CONVERSION_SETTINGS = ("markdown_extensions", "mdx_configs", "validation", "use_directory_urls", "plugins")


def _kept_settings(config_file: Path) -> dict[str, Any]:
    """A language's settings (:func:`write_config`) as its kept pages depend on them, with the text of the project's
    mkdocs.yml that they inherit."""
    settings = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    inherited = settings.get("INHERIT")
    return {
        "settings": {name: settings[name] for name in _CONVERSION_SETTINGS if name in settings},
        "inherited": inherited and Path(inherited).read_text(encoding="utf-8"),
    }


class Incremental:
    """One language's site, built again in this process after each change to its pages.

    Only the pages whose Markdown is newer than their HTML are rendered (MkDocs' dirty build,
    with the theme's templates compiled once), unless the settings changed (the nav, a title),
    which rebuilds every page. The search index keeps the entries of the pages not rendered.
    Entries of ``site_dir`` named in :meth:`build`'s ``keep`` (other languages placed there)
    survive a full build.
    """

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str | None = None, templates: Path | None = None) -> None:
        """``templates``: where the theme's templates are kept compiled (Jinja's bytecode cache), by default beside the config."""
        self.config_file = config_file
        self.templates = templates or config_file.parent / "compiled-templates"
        self.site_dir = site_dir
        self.serve_url = serve_url
        self._config: Any = None
        self._settings = b""
        self._entries: list[dict[str, Any]] = []  # the search index of the last build

    def build(self, keep: Collection[str] = ()) -> list[str] | None:
        """Build what changed; returns the addresses of the pages rendered (None when every page was)."""
        _prepare()
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        settings = self.config_file.read_bytes()
        full = self._config is None or settings != self._settings
        if full:
            config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
            config.plugins["generator-compiled-templates"] = _compiled_templates(self.templates)  # each build loads them compiled
            if self.serve_url:
                config.site_url = self.serve_url
            self._config, self._settings = config, settings
        rendered = None if full else self._modified()
        aside = [name for name in keep if (self.site_dir / name).exists()] if full else []
        for name in aside:  # a full build empties the site folder, except hidden entries
            os.replace(self.site_dir / name, self.site_dir / f".kept-{name}")
        quiet = _Quiet()
        logging.getLogger("mkdocs.commands.build").addFilter(quiet)
        try:
            mkdocs_build(self._config, serve_url=self.serve_url, dirty=not full)
        except Exception:
            self._config = None  # the next build starts afresh
            raise
        finally:
            logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
            for name in aside:
                os.replace(self.site_dir / f".kept-{name}", self.site_dir / name)
        self._merge_search(rendered)
        return rendered

    def _modified(self) -> list[str]:
        """The addresses of the pages MkDocs' dirty build renders: those whose Markdown is newer than their HTML."""
        docs = Path(self._config.docs_dir)
        found = []
        for page in sorted(docs.rglob("*.md")):
            relative = page.relative_to(docs)
            folder = relative.parent if relative.name == "index.md" else relative.with_suffix("")
            url = "" if folder == Path(".") else folder.as_posix() + "/"
            html = self.site_dir / url / "index.html"
            if not html.is_file() or page.stat().st_mtime > html.stat().st_mtime:
                found.append(url)
        return found

    def _merge_search(self, rendered: list[str] | None) -> None:
        """Material's search index holds only the pages a dirty build rendered: the others' entries are added back."""
        index = self.site_dir / "search" / "search_index.json"
        if not index.is_file():
            return
        data = json.loads(index.read_text(encoding="utf-8"))
        if rendered is not None:
            kept = [entry for entry in self._entries if entry["location"].split("#")[0] not in rendered]
            data["docs"] = kept + data["docs"]
            index.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
        self._entries = data["docs"]


class _Quiet(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave the nav inaccurate: a change to the nav makes a full build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


_LANGUAGES: dict[Path, Incremental] = {}  # the preview's other languages, built in its helper process


def preview_language(settings: dict[str, Any], root: Path, docs: Path, site_dir: Path, work: Path) -> None:
    """Build another language of the preview from its pages ``docs`` into ``site_dir``: after the first time, only what changed."""
    work.mkdir(parents=True, exist_ok=True)
    theme = work / "theme"
    if not theme.is_dir():
        theme_dir(NAME, theme)
    config = write_config(settings, root, docs, site_dir, theme, work / "mkdocs.yml")  # Incremental compares its bytes
    if site_dir not in _LANGUAGES:
        _LANGUAGES[site_dir] = Incremental(config, site_dir)
    builder = _LANGUAGES[site_dir]
    try:
        builder.build()
    except Exception as exc:
        raise BuildError(f"MkDocs failed for {docs.name}: {exc}") from None


class Preview:
    """MkDocs' live-reload server over the first language's site, which this process builds (:class:`Incremental`)
    when the preview says its pages changed; the other languages are placed under their prefix."""

    def __init__(self, config_file: Path, port: int, docs: Path, work: Path) -> None:
        _prepare()
        from mkdocs.livereload import LiveReloadServer

        self.url = f"http://127.0.0.1:{port}/"
        self.site = work / "site-served"
        self.site.mkdir(exist_ok=True)
        self._signals = work / "rebuild"  # a file written here asks the server's build loop to build and reload
        self._signals.mkdir(exist_ok=True)
        self._asked = 0  # builds asked for
        self._done = 0  # the last of them built
        self._pages = 0  # the last of them that wrote pages (the others only reload the browsers)
        self._progress = threading.Condition()
        self._serving = False
        self._placed: set[str] = set()
        self._lock = threading.Lock()  # pages are never written while MkDocs reads them
        self._incremental = Incremental(config_file, self.site, self.url)
        self._server = LiveReloadServer(builder=self._build, host="127.0.0.1", port=port, root=str(self.site), polling_interval=0.05)
        self._server.error_handler = self._error_page
        self._server.watch(str(self._signals))

    @property
    def others(self) -> Path:
        """Where the other languages' built sites are, each under its prefix."""
        return self.site

    def writing(self) -> threading.Lock:
        """Held while the first language's pages are written: no build reads them half written."""
        return self._lock

    def rebuild(self, wait: bool = False, pages: bool = True) -> None:
        """Ask for a build of what changed and a reload of the browsers (done by the server's build loop);
        ``wait`` until it is done (once the server runs), so that what follows does not slow the build down.
        Without ``pages`` (another language placed) the browsers reload with no build."""
        with self._progress:
            self._asked += 1
            asked = self._asked
            if pages:
                self._pages = asked
        for old in self._signals.iterdir():
            old.unlink()
        (self._signals / str(asked)).touch()
        if wait and self._serving:
            with self._progress:
                self._progress.wait_for(lambda: self._done >= asked or not self._serving, timeout=60)

    def place(self, prefix: str, site: Path) -> None:
        """Show another language's built site under ``prefix``."""
        with self._lock:
            sync(site, self.site / prefix)
            self._placed.add(prefix)
        self.rebuild(pages=False)  # a build of nothing changed took MkDocs 0.13 s, in the process that regenerates the pages

    def first_build(self) -> None:
        with self._lock:
            self._incremental.build(keep=self._placed)

    def _build(self) -> None:
        with self._progress:
            asked = self._asked  # every page written before this was asked for is in this build
            if self._pages <= self._done:  # only other languages placed: the reload is all
                self._done = asked
                self._progress.notify_all()
                return
        try:
            with self._lock:
                rendered = self._incremental.build(keep=self._placed)
        except Exception as exc:  # the server keeps serving the last good site
            print(f"preview could not be built by MkDocs: {type(exc).__name__}: {exc}", file=sys.stderr)
            return
        finally:
            with self._progress:
                self._done = max(self._done, asked)
                self._progress.notify_all()
        if rendered is None or rendered:
            pages = "every page" if rendered is None else ", ".join(url or "/" for url in rendered)
            print(f"MkDocs built {pages}", file=sys.stderr)

    def _error_page(self, code: int) -> bytes | None:
        page = self.site / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    def serve(self) -> None:
        """Serve until Ctrl-C."""
        print(f"previewing at {self.url} (Ctrl-C stops)", file=sys.stderr)
        self._serving = True
        try:
            self._server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            with self._progress:  # a regeneration waiting for a build stops waiting
                self._serving = False
                self._progress.notify_all()
            self._server.shutdown()


def build_language(settings: dict[str, Any], root: Path, docs: Path, site_dir: Path, work: Path, cache: Path | None = None, previous: Path | None = None) -> None:
    """Build one language's site from its generated pages ``docs`` into ``site_dir``; ``cache`` keeps the compiled theme templates,
    the Chinese words split and the pages converted between builds; the files of the language's ``previous`` site that are
    written again are taken from there."""
    work.mkdir(parents=True, exist_ok=True)
    theme = theme_dir(NAME, work / "theme")
    build(write_config(settings, root, docs, site_dir, theme, work / "mkdocs.yml"), cache, previous)
