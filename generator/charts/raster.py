"""PNG downloads, rasterised from the chart SVGs (resvg via vl-convert) in a
second process so that the work overlaps the rest of the build."""

from __future__ import annotations

import hashlib
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path


def png_cache_path(cache_dir: Path, svg: str) -> Path:
    return cache_dir / f"{hashlib.sha256(svg.encode('utf-8')).hexdigest()[:32]}.png"


def rasterise(jobs: list[tuple[str, str]]) -> int:
    """Render each (svg text, cache file) pair not yet cached; return how many were rendered."""
    import vl_convert as vlc

    rendered = 0
    for svg, target in jobs:
        path = Path(target)
        if path.exists():
            continue
        data = vlc.svg_to_png(svg, scale=2)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        rendered += 1
    return rendered


class Rasteriser:
    """Runs :func:`rasterise` in one spawned worker process."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, jobs: list[tuple[str, str]]) -> Future[int] | None:
        todo = [(svg, target) for svg, target in jobs if not Path(target).exists()]
        if not todo:
            return None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return self._pool.submit(rasterise, todo)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
