"""Local preview: MkDocs' live-reload server over generated pages that are
regenerated whenever content/ or the templates change."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from generator.build import Timings, generate_language, mkdocs_config
from generator.errors import ContentError
from generator.load import load_plan
from generator.numbers import Lang
from generator.siteconfig import load_site_config

log = logging.getLogger("generator.serve")


def regenerate(root: Path, docs: Path, lang: Lang) -> bool:
    """Write fresh pages into ``docs``; on a content error keep the previous ones."""
    try:
        plan = load_plan(root / "content", root)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        print("preview keeps the last good pages; fix the content and save again.", file=sys.stderr)
        return False
    fresh = docs.with_name(docs.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    from generator.charts.raster import rasterise
    from generator.charts.render import RenderCache

    generated = generate_language(plan, lang, fresh, RenderCache(root / ".cache" / "charts"), False, Timings())
    rasterise(generated.png_jobs)
    for source, target in generated.png_targets:
        shutil.copy2(source, target)
    # Replace file by file so the server never sees an empty folder.
    for path in sorted(fresh.rglob("*")):
        target = docs / path.relative_to(fresh)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif not target.exists() or target.read_bytes() != path.read_bytes():
            shutil.copy2(path, target)
    for path in sorted(docs.rglob("*"), reverse=True):
        if not (fresh / path.relative_to(docs)).exists():
            path.unlink() if path.is_file() else shutil.rmtree(path)
    shutil.rmtree(fresh, ignore_errors=True)
    return True


def serve(root: Path, port: int = 8000, lang: Lang = "zh") -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    work = Path(tempfile.mkdtemp(prefix="serve-", dir=root / ".build" if (root / ".build").is_dir() else None))
    docs = work / "docs"
    docs.mkdir()
    plan = load_plan(root / "content", root)
    regenerate(root, docs, lang)
    config = mkdocs_config(root, plan, load_site_config(root), lang, docs, work / "site", work / f"mkdocs.{lang}.yml")
    lock = threading.Lock()

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type not in {"modified", "created", "deleted", "moved"}:
                return  # watchdog also reports opened/closed: reading files must not trigger a rebuild
            if event.is_directory or str(event.src_path).endswith(("~", ".swp")):
                return
            with lock:
                if regenerate(root, docs, lang):
                    print(f"regenerated after change to {event.src_path}", file=sys.stderr)

    observer = Observer()
    for folder in (root / "content", Path(__file__).parent / "templates", Path(__file__).parent / "assets"):
        observer.schedule(Changed(), str(folder), recursive=True)
    observer.start()
    try:
        mkdocs_serve(config_file=str(config), livereload=True, dev_addr=f"127.0.0.1:{port}")
    finally:
        observer.stop()
        observer.join()
        shutil.rmtree(work, ignore_errors=True)
