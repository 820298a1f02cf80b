"""The engines that turn the generated Markdown pages into HTML: MkDocs (Material) and Zensical.

An engine is one module here with ``NAME``, ``PRELOAD`` (the installed modules its build imports),
``write_config``, ``build_language`` (given a folder of its own in the build's cache, and the language's previous site), ``preview_language``
and a :class:`Preview` server, listed in :data:`ENGINES`, and an optional folder ``overrides/<name>/`` of
theme templates laid over the shared ones in ``generator/overrides/``.
Both read the same engine-neutral settings (:func:`generator.publish.engines.settings.site_settings`,
written per language into the build's output) and the project's ``mkdocs.yml``.
This module stays light: the command line imports it before anything is loaded.
"""

from __future__ import annotations

from types import ModuleType

from generator.publish.engines import material, zensical
from generator.publish.engines.base import Preview, theme_dir

DEFAULT = "mkdocs"

ENGINES: dict[str, ModuleType] = {module.NAME: module for module in (material, zensical)}
NAMES = tuple(ENGINES)


def engine(name: str) -> ModuleType:
    """The engine module called ``name``."""
    return ENGINES[name]


__all__ = ["DEFAULT", "ENGINES", "NAMES", "Preview", "engine", "theme_dir"]
