"""PNG downloads, rasterised from the chart SVGs (resvg via vl-convert) in a
second process so that the work overlaps the rest of the build."""

from __future__ import annotations

import hashlib
import multiprocessing
import signal
import sys
from multiprocessing.process import BaseProcess
from pathlib import Path

from generator import cachefs, stopping
from generator.errors import BuildError


def png_cache_path(cache_dir: Path, svg: str) -> Path:
    return cache_dir / f"{hashlib.sha256(svg.encode('utf-8')).hexdigest()[:32]}.png"


def rasterise(jobs: list[tuple[str, str]]) -> int:
    """Render each (svg text, cache file) pair not yet cached; return how many were rendered."""
    import vl_convert as vlc

    rendered = 0
    for svg, target in jobs:
        path = Path(target)
        if cachefs.has(path):
            continue
        cachefs.put(path, vlc.svg_to_png(svg, scale=2))
        rendered += 1
    return rendered


def _worker(jobs: list[tuple[str, str]]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # already ignored from birth (see submit); kept for clarity
    try:
        rasterise(jobs)
    except Exception as exc:  # reported by the parent through the exit code and this line
        print(f"PNG rendering failed: {exc}", file=sys.stderr)
        sys.exit(1)


class Rasteriser:
    """Runs :func:`rasterise` in one spawned worker process, ended with the build whatever happens.

    A plain process shares no locks with the parent, so it can be ended at any
    moment (a process pool cannot: a worker killed while holding the pool's
    queue lock makes ``Pool.terminate`` wait for ever).
    """

    def __init__(self) -> None:
        self._process: BaseProcess | None = None

    def submit(self, jobs: list[tuple[str, str]]) -> bool:
        """Start rendering the PNGs not yet cached; False when there is nothing to do."""
        todo = [(svg, target) for svg, target in jobs if not cachefs.has(Path(target))]
        if not todo:
            return False
        process = multiprocessing.get_context("spawn").Process(target=_worker, args=(todo,), name="png-rasteriser", daemon=True)
        # Ctrl-C reaches every process of the terminal's group: the parent alone handles it and
        # ends the worker. The worker is started with SIGINT ignored (an ignored signal stays
        # ignored across exec), so it cannot print a traceback while it is still importing.
        with stopping.held():  # started and recorded, or neither
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                process.start()
            finally:
                signal.signal(signal.SIGINT, previous)
            self._process = process
        return True

    def wait(self) -> None:
        """Wait for the worker; BuildError if it failed."""
        if self._process is None:
            return
        self._process.join()
        code = self._process.exitcode
        self._process = None
        if code != 0:
            raise BuildError(f"the PNG worker process failed (exit code {code})")

    def close(self) -> None:
        """End the worker at once if it is still running (after a failure or an interrupt)."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None
