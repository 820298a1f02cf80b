"""The chart downloads made from the chart SVGs in a second process, so that the work overlaps the rest of
the build: the PNGs (rasterised by resvg via vl-convert) and the SVGs that carry their font
(:func:`generator.charts.fonts.embed`). Each is cached by what it is made from."""

from __future__ import annotations

import hashlib
import multiprocessing
import signal
import sys
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import NamedTuple

from generator import cachefs, stopping
from generator.errors import BuildError


class Job(NamedTuple):
    svg: str  # the chart as drawn
    target: str  # the cache file of the download
    font: bytes | None = None  # the site's chart font, for an SVG download; None for a PNG


def png_job(cache_dir: Path, svg: str) -> Job:
    return Job(svg, str(cache_dir / f"{hashlib.sha256(svg.encode('utf-8')).hexdigest()[:32]}.png"))


def svg_job(cache_dir: Path, svg: str, font: bytes) -> Job:
    key = hashlib.sha256(svg.encode("utf-8") + b"\0" + hashlib.sha256(font).digest()).hexdigest()[:32]
    return Job(svg, str(cache_dir / f"{key}.download.svg"), font)


def rasterise(jobs: list[Job]) -> int:
    """Make each download not yet cached; return how many were made."""
    import vl_convert as vlc

    from generator.charts.fonts import embed

    made = 0
    for job in jobs:
        path = Path(job.target)
        if cachefs.has(path):
            continue
        cachefs.put(path, vlc.svg_to_png(job.svg, scale=2) if job.font is None else embed(job.svg, job.font).encode("utf-8"))
        made += 1
    return made


def _worker(jobs: list[Job]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # already ignored from birth (see submit); kept for clarity
    try:
        rasterise(jobs)
    except Exception as exc:  # reported by the parent through the exit code and this line
        print(f"chart downloads failed: {exc}", file=sys.stderr)
        sys.exit(1)


class Rasteriser:
    """Runs :func:`rasterise` in one spawned worker process, ended with the build whatever happens.

    A plain process shares no locks with the parent, so it can be ended at any
    moment (a process pool cannot: a worker killed while holding the pool's
    queue lock makes ``Pool.terminate`` wait for ever).
    """

    def __init__(self) -> None:
        self._process: BaseProcess | None = None

    def submit(self, jobs: list[Job]) -> bool:
        """Start making the downloads not yet cached; False when there is nothing to do."""
        todo = [job for job in jobs if not cachefs.has(Path(job.target))]
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
            raise BuildError(f"the chart download worker process failed (exit code {code})")

    def close(self) -> None:
        """End the worker at once if it is still running (after a failure or an interrupt)."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None
