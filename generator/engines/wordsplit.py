"""jieba, the Chinese word splitter of Material's search, loaded without ``pkg_resources``.

jieba reads its dictionary through ``pkg_resources`` when that imports, and otherwise opens the file beside
itself: the same bytes. Importing ``pkg_resources`` (setuptools, in every Python 3.11 virtual environment) took
three quarters of jieba's import, 0.06 s of each build's start before any worker can begin, and warns that it is
deprecated. Import this module before jieba; ``jieba`` is the loaded package.
"""

from __future__ import annotations

import sys

if "jieba" not in sys.modules:
    kept = sys.modules.get("pkg_resources")
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        import jieba
    finally:
        if kept is None:
            del sys.modules["pkg_resources"]
        else:
            sys.modules["pkg_resources"] = kept

import jieba

__all__ = ["jieba"]
