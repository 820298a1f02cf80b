"""The engines that turn the generated Markdown pages into HTML: MkDocs (Material) and Zensical.

An engine is one module here with ``NAME``, ``PRELOAD`` (the installed modules its build imports),
``write_config``, ``build_language`` (given a folder of its own in the build's cache, and the language's previous site), ``preview_language``
and a :class:`Preview` server, listed in :data:`ENGINES`, and an optional folder ``overrides/<name>/`` of
theme templates laid over the shared ones in ``generator/overrides/``.
Both read the same engine-neutral settings (:func:`generator.engines.settings.site_settings`,
written per language into the build's output) and the project's ``mkdocs.yml``.
This module stays light: the command line imports it before anything is loaded.
"""

from __future__ import annotations

import shutil
from contextlib import AbstractContextManager
from pathlib import Path
from types import ModuleType
from typing import Protocol

SHARED_OVERRIDES = Path(__file__).parent.parent / "overrides"
ENGINE_OVERRIDES = Path(__file__).parent / "overrides"
DEFAULT = "mkdocs"


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


from generator.engines import material, zensical  # noqa: E402  (light modules; they use theme_dir above when building)

ENGINES: dict[str, ModuleType] = {module.NAME: module for module in (material, zensical)}
NAMES = tuple(ENGINES)


def engine(name: str) -> ModuleType:
    """The engine module called ``name``."""
    return ENGINES[name]
