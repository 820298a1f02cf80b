"""Material for MkDocs' search, changed for one build of a language so that a rebuild reuses its work (Material 9.8.1).

Material for MkDocs reached end of life in November 2026 (maintenance only), so its search plugin will not move; a
version outside :attr:`Patch.verified` gets Material's own behaviour.

- :data:`KEPT_SEARCH`: ``SearchIndex.add_entry_from_context`` replaced, so that a page whose HTML, address, title and
  settings are unchanged takes its search entries from the last build (:class:`generator.publish.engines.kept.KeptPages`).
- :data:`KEPT_WORDS`: the plugin module's global ``jieba`` replaced by the kept split of each run of Chinese
  characters (:class:`generator.publish.engines.kept.KeptWords`), so that a build whose Chinese text did not change
  never loads jieba's dictionary (0.6 s).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from generator.compat.mkdocs import replaced
from generator.compat.patch import Patch

KEPT_SEARCH = Patch(
    library="mkdocs-material",
    name="kept-search-entries",
    verified=("9.8.1",),
    changes="material.plugins.search.plugin.SearchIndex.add_entry_from_context replaced for one build",
    gain="with mkdocs' KEPT_PAGES: a language's MkDocs step in a one-figure rebuild 0.45-0.75 s -> 0.30 s",
)
KEPT_WORDS = Patch(
    library="mkdocs-material",
    name="kept-words",
    verified=("9.8.1",),
    changes="the module global material.plugins.search.plugin.jieba replaced for one build",
    gain="a build whose Chinese text is unchanged skips loading jieba's dictionary: 0.6 s of the Chinese site's MkDocs step",
)

Index = Callable[[Any, Any], None]  # Material's SearchIndex.add_entry_from_context(search, page)


@contextlib.contextmanager
def search_indexing(index: Callable[[Index, Any, Any], None]) -> Iterator[bool]:
    """Within the block Material's search indexes each page with ``index(material_index, search, page)``; yields whether it does."""
    if not KEPT_SEARCH.applies():
        yield False
        return
    from material.plugins.search.plugin import SearchIndex  # Material is imported only where an engine builds

    original = SearchIndex.add_entry_from_context

    def kept_index(search: Any, page: Any) -> None:
        index(original, search, page)

    with replaced(SearchIndex, "add_entry_from_context", kept_index):
        yield True


@contextlib.contextmanager
def search_words(splitter: object) -> Iterator[bool]:
    """Within the block Material's search splits Chinese text with ``splitter.cut`` (jieba's signature); yields whether it does."""
    if not KEPT_WORDS.applies():
        yield False
        return
    import material.plugins.search.plugin as search

    with replaced(search, "jieba", splitter):
        yield True
