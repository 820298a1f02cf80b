"""Browser measurements for the benchmark: requests a page makes, Lighthouse scores."""

from __future__ import annotations

import functools
import gzip
import io
import json
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Gzip(SimpleHTTPRequestHandler):
    """Static files with gzip for text, as GitHub Pages serves them."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in {".html", ".css", ".js", ".json", ".svg", ".xml", ".csv"} and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, folder: Path, port: int = 0) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Gzip, directory=str(folder)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not path:
        raise RuntimeError("Chromium not found: apt-get install chromium")
    return path


def requested_files(site: Path, page: str, port: int = 0) -> list[str]:
    """Site files a page requests on load, before any interaction."""
    from playwright.sync_api import sync_playwright

    server = Server(site, port)
    seen: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
            tab = browser.new_page()
            tab.on("request", lambda r: seen.append(urlsplit(r.url).path))
            tab.goto(server.url + page.removesuffix("index.html"), wait_until="networkidle")
            tab.wait_for_timeout(500)
            browser.close()
    finally:
        server.close()
    files = []
    for path in dict.fromkeys(seen):
        target = site / path.lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            files.append(target.relative_to(site).as_posix())
    return files


def lighthouse_scores(root: Path, site: Path, pages: list[str], port: int = 0, runs: int = 3) -> dict[str, dict[str, Any]]:
    """Lighthouse (npm, mobile preset, offline) against the site served with gzip on loopback, ``runs`` times a page:
    the run with the median performance score is kept (as Lighthouse's documentation advises against its variance),
    with every run's performance score beside it (``performance_runs``)."""
    binary = root / "tests" / "js" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise RuntimeError("Lighthouse is missing: run bash .ci/setup --test (npm ci in tests/js)")
    server = Server(site, port)
    scores: dict[str, dict[str, Any]] = {}
    try:
        for page in pages:
            reports = []
            for _ in range(runs):
                result = subprocess.run(
                    [
                        str(binary),
                        server.url + page,
                        "--output=json",
                        "--quiet",
                        "--only-categories=performance,accessibility,best-practices,seo",
                        f"--chrome-flags={' '.join(CHROMIUM_ARGS)} --user-data-dir=/tmp/lighthouse-profile",
                    ],
                    capture_output=True,
                    text=True,
                    check=False,
                    env={"CHROME_PATH": _chromium(), "PATH": "/usr/bin:/bin"},
                )
                if result.returncode != 0:
                    raise RuntimeError(f"Lighthouse failed on {page}: {result.stderr[-500:]}")
                reports.append(json.loads(result.stdout))
            reports.sort(key=lambda report: report["categories"]["performance"]["score"])
            report = reports[len(reports) // 2]
            scores[page] = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
            scores[page]["performance_runs"] = [round(r["categories"]["performance"]["score"] * 100) for r in reports]
            scores[page]["failed_audits"] = sorted(
                a["id"] for a in report["audits"].values() if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in {"binary", "numeric"}
            )
    finally:
        server.close()
    return scores
