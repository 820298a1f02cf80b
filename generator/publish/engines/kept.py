"""What a MkDocs build of a language keeps on disk for the next one, in the build's cache (``.cache/engines/mkdocs``).

- :class:`KeptWords`: jieba's split of each run of Chinese characters, for Material's search.
- :class:`KeptPages`: each page's HTML converted from its Markdown, and its search entries.
- :class:`PreviousSite`: the files of the site before, taken again where MkDocs writes the same bytes.

Each is used around one build through the patches of :mod:`generator.compat.mkdocs` and :mod:`generator.compat.material`
(on versions those were not verified against, MkDocs and Material do all the work themselves); the first two are saved
only after a build that succeeded without a warning. A missing or damaged file is a miss: the build does the work
again, with the same output.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from generator import cachefs
from generator.compat.mkdocs import rendered_title, restore_page
from generator.compat.patch import installed_version
from generator.publish.outdir import link_same


class KeptWords:
    """jieba's split of each run of Chinese characters, kept on disk for the next build of the language.

    Material's search splits every run of Han characters with ``jieba.cut``; its first call loads jieba's dictionary
    (0.6 s) before splitting anything. The split depends on the run alone and on the dictionary, jieba's own
    (:func:`generator.publish.engines.material.write_config` gives the search plugin no other), so a build whose Chinese text
    did not change — a figure revised, a page added in English — splits nothing and never loads the dictionary. Kept
    per jieba version.
    """

    def __init__(self, path: Path) -> None:
        import jieba  # loaded by Material's search in any case; its dictionary only when it splits

        self.path = path.with_name(f"{path.stem}.jieba-{jieba.__version__}{path.suffix}")
        self.jieba = jieba
        kept = cachefs.get_json(self.path)  # None when missing or damaged: split again
        self.words: dict[str, list[str]] = {}
        if isinstance(kept, dict) and all(isinstance(k, str) and isinstance(v, list) for k, v in kept.items()):
            self.words = kept
        self.added = 0
        self.used: set[str] = set()
        self.recording: list[str] | None = None  # the runs split while a page is indexed (:class:`KeptPages`)

    def cut(self, sentence: bytes | str, *args: Any, **kwargs: Any) -> Iterator[str]:
        text = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
        if args or kwargs:
            return iter(self.jieba.cut(sentence, *args, **kwargs))
        if text not in self.words:
            self.words[text] = list(self.jieba.cut(sentence))
            self.added += 1
        self.used.add(text)
        if self.recording is not None:
            self.recording.append(text)
        return iter(self.words[text])

    def __getattr__(self, name: str) -> Any:  # the rest of jieba, as the plugin may use it
        return getattr(self.jieba, name)

    def save(self) -> None:
        """Keep the runs this build split (whole or not at all) when it split new ones, or when more than half of those
        kept were not used (text since removed)."""
        if self.used and (self.added or len(self.words) > 2 * len(self.used)):
            cachefs.put_json(self.path, {text: self.words[text] for text in sorted(self.used)})


_PACKAGES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material", "jieba")
_FORMAT = 1  # of a kept page: a new number when what is kept of it changes


class KeptPages:
    """Each page's HTML converted from its Markdown, and its entries in the search index, kept on disk for the next
    build of the language.

    MkDocs converts every page's Markdown, and Material's search parses every page's HTML, on every build: about half
    of a language's build, when a revised figure changes two or three of its pages. The HTML depends only on the
    page's Markdown, its place, the site's files (links are checked against them and rewritten to their addresses),
    the settings and the installed packages, which make its key. A page whose key is kept is taken as it was, with its
    table of contents, title, anchors and links to other pages' anchors (which MkDocs still checks); the others are
    converted. Its search entries are kept by what they are made from: the HTML, the address, title, metadata and
    table of contents of the page, and the search's settings. Only the pages of the last build are kept.
    """

    def __init__(self, path: Path, settings: dict[str, Any], words: KeptWords | None = None) -> None:
        """``settings`` are those of the language that converting and indexing a page read; ``words`` the search's kept
        words, told which runs a kept page's entries were split into."""
        versions = [sys.version] + [installed_version(name) or "-" for name in _PACKAGES]
        self.path = path
        self.base = json.dumps([_FORMAT, versions, settings], sort_keys=True, default=repr)
        kept = cachefs.get_json(path)  # None when missing or damaged: convert again
        self.kept: dict[str, dict[str, Any]] = kept if isinstance(kept, dict) else {}
        self.used: dict[str, dict[str, Any]] = {}
        self.pages: dict[str, dict[str, Any]] = {}  # this build's, by the page's file
        self.converted = 0
        self.indexed = 0
        self.words = words
        self._files: tuple[object, str] | None = None

    def save(self) -> None:
        """Keep this build's pages when it converted or indexed any, or when some kept were not used."""
        if self.used and (self.converted or self.indexed or self.used.keys() != self.kept.keys()):
            cachefs.put_json(self.path, self.used)

    def _files_key(self, files: Any) -> str:
        if self._files is None or self._files[0] is not files:
            listed = sorted(f"{file.src_uri}\t{file.url}\t{file.inclusion.name}" for file in files)
            self._files = (files, hashlib.sha256("\n".join(listed).encode("utf-8")).hexdigest())
        return self._files[1]

    def render(self, render: Callable[..., None], page: Any, config: Any, files: Any) -> None:
        """MkDocs' ``Page.render`` (:func:`generator.compat.mkdocs.page_rendering`): a kept page is restored, the others converted by ``render``."""
        source = [self.base, self._files_key(files), page.file.src_uri, page.url, page.markdown]
        key = hashlib.sha256(json.dumps(source).encode("utf-8")).hexdigest()
        record = self.kept.get(key)
        if record is None or not _restore(page, record, files):
            render(page, config, files)
            self.converted += 1
            links = None if page.links_to_anchors is None else {file.src_uri: links for file, links in page.links_to_anchors.items()}
            record = {
                "content": page.content,
                "toc": [_token(link) for link in page.toc],
                "title": rendered_title(page),
                "anchors": sorted(page.present_anchor_ids or ()),
                "links": links,
            }
        self.used[key] = record
        self.pages[page.file.src_uri] = record

    def index(self, index: Callable[..., None], search: Any, page: Any) -> None:
        """Material's ``add_entry_from_context`` (:func:`generator.compat.material.search_indexing`): kept entries are added, the others indexed by ``index``."""
        record = self.pages.get(page.file.src_uri)
        if record is None:  # not converted in this build (never, in a whole build)
            index(search, page)
            return
        source = [page.content, page.url, page.title, page.meta, [_token(link) for link in page.toc], search.config]
        key = hashlib.sha256(json.dumps(source, sort_keys=True, default=repr).encode("utf-8")).hexdigest()
        kept = record.get("search")
        if isinstance(kept, dict) and kept.get("key") == key:
            try:
                entries = [dict(entry) for entry in kept["entries"]]  # each as pairs: the index keeps their order
                known = [text for text in kept["runs"] if self.words is not None and text in self.words.words]
            except (KeyError, TypeError, ValueError):  # not as this code keeps them: index again
                pass
            else:
                search.entries.extend(entries)
                if self.words is not None:
                    self.words.used.update(known)
                return
        before = len(search.entries)
        if self.words is not None:
            self.words.recording = []
        try:
            index(search, page)
        finally:
            split = self.words.recording if self.words is not None else None
            if self.words is not None:
                self.words.recording = None
        self.indexed += 1
        record["search"] = {"key": key, "entries": [list(entry.items()) for entry in search.entries[before:]], "runs": sorted(set(split or ()))}


def _token(link: Any) -> dict[str, Any]:
    """A table of contents entry as MkDocs makes it from Python-Markdown's tokens (:func:`mkdocs.structure.toc.get_toc`)."""
    return {"level": link.level, "id": link.id, "name": link.title, "children": [_token(child) for child in link.children]}


def _restore(page: Any, record: dict[str, Any], files: Any) -> bool:
    """Give ``page`` what converting its Markdown gave before; False if a page it links to is no longer a file of the site."""
    from mkdocs.structure.toc import get_toc  # MkDocs (0.4 s) is imported only where an engine builds: the command line imports this module

    try:
        links = None
        if record["links"] is not None:
            links = {}
            for src_uri, anchors in record["links"].items():
                target = files.get_file_from_path(src_uri)
                if target is None:
                    return False
                links[target] = dict(anchors)
        content, toc, title, anchors = str(record["content"]), get_toc(record["toc"]), record["title"], set(record["anchors"])
    except (KeyError, TypeError, ValueError, AttributeError):  # not as this code keeps a page: convert it again
        return False
    restore_page(page, content, toc, title, anchors, links)
    return True


class PreviousSite:
    """The files of the language's site as the build before published it, taken again where MkDocs writes the same
    bytes (:func:`generator.publish.outdir.link_same`): a revised figure changes a few of a language's 400 files, and MkDocs
    copies or writes them all into a new folder. A file that differs, or is new, is written as MkDocs writes it; the
    previous site itself is only read, so a build that fails leaves it as it was."""

    def __init__(self, site_dir: Path, previous: Path) -> None:
        self.site_dir, self.previous = Path(site_dir), previous

    def copy(self, copy_file: Callable[[str, str], None], source_path: str, output_path: str) -> None:
        """MkDocs' ``copy_file`` (:func:`generator.compat.mkdocs.file_writing`)."""
        if not self._linked(output_path, Path(source_path).read_bytes()):
            copy_file(source_path, output_path)

    def write(self, write_file: Callable[[bytes, str], None], content: bytes, output_path: str) -> None:
        """MkDocs' ``write_file`` (:func:`generator.compat.mkdocs.file_writing`)."""
        if not self._linked(output_path, content):
            write_file(content, output_path)

    def _linked(self, output_path: str, data: bytes) -> bool:
        target = Path(output_path)
        try:
            relative = target.relative_to(self.site_dir)
        except ValueError:
            return False
        if target.is_file() or target.is_symlink():
            target.unlink()  # written twice in one build: never through a link to the previous site
        return link_same(self.previous / relative, target, data)
