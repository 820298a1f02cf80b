"""WeasyPrint, loaded without running a compiler.

WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject with cffi, trying several names for each, the
Windows and macOS ones first (``libgobject-2.0-0``). For a name the dynamic loader does not know, cffi asks
``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and then gcc and ld to link a test program
against it: about twenty programs, a third of WeasyPrint's import (0.1 s of each build's start, before any
worker can begin). Here those names are left to the loader alone, so the Linux names (``libgobject-2.0.so.0``)
are found as WeasyPrint lists them. Where the loader finds none of a library's names, WeasyPrint is loaded
again with its own search, compiler and all, so nothing that worked before stops working.

Import this module before anything of WeasyPrint's; ``weasyprint`` is the loaded package.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def _loader_only() -> Iterator[None]:
    find = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = find


def _load() -> None:
    if "weasyprint.text.ffi" in sys.modules:
        return
    try:
        # WeasyPrint prints its installation advice before it fails to load a library: printed below, if it fails again.
        with _loader_only(), contextlib.redirect_stdout(io.StringIO()):
            import weasyprint.text.ffi  # noqa: F401
    except OSError:
        for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
            del sys.modules[name]


_load()

import weasyprint  # noqa: E402  (after the libraries are open)

__all__ = ["weasyprint"]
