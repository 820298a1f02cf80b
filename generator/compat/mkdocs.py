"""MkDocs' internals, changed for one build of a language so that a rebuild reuses what did not change (MkDocs 1.6.1).

MkDocs 1.x is frozen (1.6.1 is its last release; ``mkdocs<2`` is pinned), so these internals will not move; a
version outside :attr:`Patch.verified` gets MkDocs' own behaviour. MkDocs' plugin events cannot skip converting a
page or writing a file, which is why these are patches and not a plugin.

- :data:`KEPT_PAGES`: ``Page.render`` replaced, so that a page whose Markdown, place, site files and settings are
  unchanged takes its HTML, table of contents, title and anchors from the last build
  (:class:`generator.publish.engines.kept.KeptPages`); its title is MkDocs' private ``_title_from_render``.
- :data:`LINKED_FILES`: ``mkdocs.utils.copy_file`` and ``write_file`` replaced, so that a file written with the
  same bytes as the site before is hard-linked from it (:class:`generator.publish.engines.kept.PreviousSite`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from generator.compat.patch import Patch

KEPT_PAGES = Patch(
    library="mkdocs",
    name="kept-pages",
    verified=("1.6.1",),
    changes="Page.render replaced for one build, and a kept page's private _title_from_render set",
    gain="with KEPT_SEARCH and LINKED_FILES: a language's MkDocs step in a one-figure rebuild 0.45-0.75 s -> 0.30 s (one figure changed: 43 % -> 38 % of a cold build)",
)
LINKED_FILES = Patch(
    library="mkdocs",
    name="linked-files",
    verified=("1.6.1",),
    changes="mkdocs.utils.copy_file and mkdocs.utils.write_file replaced for one build",
    gain="a one-figure rebuild makes 76 new files instead of about 1,450 (this machine's ext4 spent 8 % of the rebuild's processor time on new inodes)",
)


@contextlib.contextmanager
def replaced(owner: object, name: str, value: object) -> Iterator[None]:
    """``owner.name`` is ``value`` until the block ends, then what it was."""
    before = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, before)


Render = Callable[[Any, Any, Any], None]  # MkDocs' Page.render(page, config, files)


@contextlib.contextmanager
def page_rendering(render: Callable[[Render, Any, Any, Any], None]) -> Iterator[bool]:
    """Within the block MkDocs converts each page with ``render(mkdocs_render, page, config, files)``; yields whether it does."""
    if not KEPT_PAGES.applies():
        yield False
        return
    from mkdocs.structure.pages import Page  # MkDocs is imported only where an engine builds

    original = Page.render

    def kept_render(page: Any, config: Any, files: Any) -> None:
        render(original, page, config, files)

    with replaced(Page, "render", kept_render):
        yield True


def rendered_title(page: Any) -> str | None:
    """The title MkDocs found in a page's converted HTML (its first heading), kept with the page."""
    return page._title_from_render


def restore_page(page: Any, content: str, toc: Any, title: str | None, anchors: set[str], links: dict[Any, Any] | None) -> None:
    """Give ``page`` what converting its Markdown gave before (inside :func:`page_rendering` only)."""
    page.content, page.toc, page._title_from_render, page.present_anchor_ids = content, toc, title, anchors
    if links is not None:
        page.links_to_anchors = links


@contextlib.contextmanager
def file_writing(copy: Callable[[Callable[[str, str], None], str, str], None], write: Callable[[Callable[[bytes, str], None], bytes, str], None]) -> Iterator[bool]:
    """Within the block MkDocs copies a theme or docs file with ``copy(mkdocs_copy, source, output)`` and writes a page
    with ``write(mkdocs_write, content, output)``; yields whether it does."""
    if not LINKED_FILES.applies():
        yield False
        return
    from mkdocs import utils

    copy_file, write_file = utils.copy_file, utils.write_file

    def kept_copy(source_path: str, output_path: str) -> None:
        copy(copy_file, source_path, output_path)

    def kept_write(content: bytes, output_path: str) -> None:
        write(write_file, content, output_path)

    with replaced(utils, "copy_file", kept_copy), replaced(utils, "write_file", kept_write):
        yield True
