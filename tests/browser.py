"""Serving a built site on loopback and driving the system Chromium."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bench.browser import CHROMIUM_ARGS  # one list of flags for tests and benchmark


def chromium_path() -> str:
    """A Chromium-family browser that is not a snap (a snap fails in containers and with a private /tmp), or
    Playwright's own Chromium (installed by bash .ci/setup --test on Ubuntu, whose chromium package is a snap shim)."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found and not _snap(found):
            return found
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            own = p.chromium.executable_path
    except Exception:  # Playwright is missing or has no browser of its own: the message below says what to install
        own = ""
    if own and Path(own).exists():
        return own
    pytest.fail(
        "Chromium not found: install it with `apt-get install chromium` on Debian, or `.venv/bin/python -m playwright install --with-deps chromium` "
        "on Ubuntu (bash .ci/setup --test does this)"
    )


def _snap(path: str) -> bool:
    real = Path(path).resolve()
    if str(real).startswith("/snap/"):
        return True
    head = real.read_bytes()[:4096] if real.is_file() else b""
    return head.startswith(b"#!") and b"snap" in head


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    with serve_on(folder, 0) as url:
        yield url


@contextmanager
def serve_on(folder: Path, port: int) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        pytest.fail("Playwright is missing: run bash .ci/setup --test")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


AXE = Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page: object) -> list[str]:
    """axe-core's violations on the page as loaded: rule (count): the first two places."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run bash .ci/setup --test (npm ci in tests/js)")
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    return page.evaluate(  # type: ignore[attr-defined]
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | '))"
    )


def site_urls() -> list[str]:
    """Every page of the real content, in both languages, as addresses relative to the site's root."""
    from conftest import ROOT

    from generator.load.project import load_plan
    from generator.render.pages import page_paths
    from generator.render.site import url_of

    plan = load_plan(ROOT / "content", ROOT)
    paths = [url_of(p) for p in page_paths(plan)]
    return paths + [f"en/{p}" for p in paths]
