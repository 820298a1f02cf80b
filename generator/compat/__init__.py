"""Every change this project makes to another package's internals, one module per library.

Nothing else in ``generator/`` assigns to another package's modules, classes or objects (``tests/test_compat.py``
scans for it). Each patch is declared as a :class:`~generator.compat.patch.Patch` with the versions it was verified
against, what it changes and what it gains; on any other installed version it is not applied, the library's own
behaviour runs and one warning line says so. ``tests/test_compat.py`` fails, naming the library and the patch, when a
version pinned in ``uv.lock`` is not one a patch was verified against: re-verify the patch (its tests compare
its output with the library's own), then add the version, or delete the patch.
"""

from __future__ import annotations

from generator.compat import citeproc, material, mkdocs, weasyprint
from generator.compat.patch import Patch

PATCHES: tuple[Patch, ...] = (
    weasyprint.FOOTNOTES,
    weasyprint.SUBSETTING,
    citeproc.REMEMBERED,
    mkdocs.KEPT_PAGES,
    mkdocs.LINKED_FILES,
    material.KEPT_SEARCH,
    material.KEPT_WORDS,
)

__all__ = ["PATCHES", "Patch"]
