"""What every engine shares: the :class:`Preview` server's interface and the theme overrides laid out for a build."""

from __future__ import annotations

import shutil
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

SHARED_OVERRIDES = Path(__file__).parents[2] / "overrides"
ENGINE_OVERRIDES = Path(__file__).parent / "overrides"


class Preview(Protocol):
    """The live-reload server of ``serve``: it serves the first language's pages, which the preview writes into
    its pages folder, and the other languages' built sites, placed under their prefix."""

    @property
    def others(self) -> Path:
        """The folder under which the other languages' built sites are, each in its prefix."""

    def writing(self) -> AbstractContextManager[object]:
        """Held while pages are written, so that no build reads them half written."""

    def rebuild(self, wait: bool = False) -> None:
        """The pages changed: build what changed and reload the browsers (``wait``: until done)."""

    def place(self, prefix: str, site: Path) -> None:
        """Show another language's built site under ``prefix``."""

    def first_build(self) -> None: ...

    def serve(self) -> None:
        """Serve until Ctrl-C."""


def theme_dir(name: str, dest: Path) -> Path:
    """The theme overrides of engine ``name``: the shared templates with the engine's own laid over them."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(SHARED_OVERRIDES, dest)
    if (ENGINE_OVERRIDES / name).is_dir():
        shutil.copytree(ENGINE_OVERRIDES / name, dest, dirs_exist_ok=True)
    return dest
