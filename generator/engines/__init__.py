"""The engines that turn the generated Markdown pages into HTML: MkDocs (Material) and Zensical.

An engine is one module here with ``NAME``, ``write_config``, ``build_language``
and ``serve``, listed in :data:`ENGINES`, and an optional folder ``overrides/<name>/``
of theme templates laid over the shared ones in ``generator/overrides/``.
Both read the same engine-neutral settings (:func:`generator.engines.settings.site_settings`,
written per language into the build's output) and the project's ``mkdocs.yml``.
This module stays light: the command line imports it before anything is loaded.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

SHARED_OVERRIDES = Path(__file__).parent.parent / "overrides"
ENGINE_OVERRIDES = Path(__file__).parent / "overrides"
DEFAULT = "mkdocs"


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
