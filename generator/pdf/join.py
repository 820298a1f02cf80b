"""The report joined from the parts it is laid out in: pages, structure tree (tagged PDF), contents links, page labels.

WeasyPrint tags each part it writes (``pdf_tags=True``): headings, paragraphs, lists,
figures with their alternative text, links. pikepdf (qpdf) copies the parts' pages, and the
bookmarks, named destinations and structure elements that refer to them; this module joins
the structures into one tree, ties in the contents' links, which are added after layout, and
writes the objects into compressed object streams. (pypdf did this join until it took 0.66 s
of a one-figure rebuild's PDF stage in each language; pikepdf takes 0.23 s, most of it the
font subset, and the reports are a third smaller, drawn pixel for pixel the same.)

The joined objects are held in memory: with pypdf, joining the 32 parts of the 50× report took
500 MiB, on top of what laying them out had left in the process. A report of more than
:data:`IN_PROCESS_PARTS` parts is therefore joined in a process of its own (``python -m generator.pdf.join``).
"""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, String

from generator.errors import BuildError
from generator.pdf.fonts import Origins, share

# Joining 32 parts in the build's process took it 500 MiB higher; up to this many are joined in-process (no process start-up).
IN_PROCESS_PARTS = 8
PX_TO_PT = 0.75  # WeasyPrint positions are CSS px (1/96 in); PDF user space is pt (1/72 in)
Link = tuple[int, str, Sequence[float]]  # (front matter page, destination name, rectangle in CSS px)


def join_parts(front_file: Path, part_files: list[Path], links: list[Link], front_pages: int, target: Path, work_file: Path, fonts: Origins) -> int:
    """Join the front matter and the laid-out parts at ``target``; returns the page count. More than
    :data:`IN_PROCESS_PARTS` parts are joined in a process of its own, so that the memory of the joined objects is given back when it ends."""
    if len(part_files) <= IN_PROCESS_PARTS:
        return join(front_file, part_files, links, front_pages, target, fonts)
    job = {"front": str(front_file), "parts": [str(p) for p in part_files], "links": links, "front_pages": front_pages, "target": str(target), "fonts": fonts}
    work_file.write_text(json.dumps(job))
    package_parent = str(Path(__file__).parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, "-m", "generator.pdf.join", str(work_file)], capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0 or not result.stdout.strip().isdigit():
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise BuildError(f"joining the report's parts into {target.name} failed (exit code {result.returncode}): {last}")
    return int(result.stdout)


def join(front_file: Path, part_files: list[Path], links: list[Link], front_pages: int, target: Path, fonts: Origins) -> int:
    """The report at ``target``: the front matter (its metadata, language and identifier kept), then the parts; returns the page count.

    Each font is embedded once, subset for every part's glyphs from the installed file in ``fonts``. pikepdf (qpdf)
    copies each part's pages with everything they refer to; the structure elements, bookmarks and named destinations
    copied after them refer to those same copies (qpdf keeps one copy of each object of a source)."""

    with pikepdf.open(front_file) as pdf:
        sources = [pikepdf.open(path) for path in part_files]
        try:
            parts = []
            for source in sources:
                first = len(pdf.pages)
                pdf.pages.extend(source.pages)
                parts.append((source, range(first, len(pdf.pages))))
            join_outlines(pdf, sources)
            join_destinations(pdf, sources)
            join_structure(pdf, range(front_pages), parts)
            added = []
            for index, name, (x1, y1, x2, y2) in links:
                page = pdf.pages[index]
                height = float(page.mediabox[3]) - float(page.mediabox[1])
                rect = [round(v, 3) for v in (x1 * PX_TO_PT, height - y2 * PX_TO_PT, x2 * PX_TO_PT, height - y1 * PX_TO_PT)]
                annotation = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect), Border=Array([0, 0, 0]), Dest=String(name), P=page.obj))
                if "/Annots" not in page.obj:
                    page.obj.Annots = Array()
                page.obj.Annots.append(annotation)
                added.append((index, annotation, name))
            tag_links(pdf, added)
            roman, decimal = Dictionary(S=Name.r, St=1), Dictionary(S=Name.D, St=1)
            pdf.Root.PageLabels = Dictionary(Nums=Array([0, roman, front_pages, decimal]) if front_pages else Array([0, decimal]))
            share(pdf, fonts)
            pdf.save(target, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
            return len(pdf.pages)
        finally:
            for source in sources:
                source.close()


def join_outlines(pdf: Any, sources: list[Any]) -> None:
    """The bookmarks of the front matter, then of each part, in one outline (each part's top-level items after the last)."""

    items = list(_siblings(pdf.Root.Outlines)) if "/Outlines" in pdf.Root else []
    for source in sources:
        if "/Outlines" in source.Root:
            items.extend(_copy(pdf, item) for item in _siblings(source.Root.Outlines))
    if not items:
        return
    root = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    for before, item, after in zip([None, *items[:-1]], items, [*items[1:], None], strict=True):
        item.Parent = root
        for key, other in (("/Prev", before), ("/Next", after)):
            if other is None:
                if key in item:
                    del item[key]
            else:
                item[key] = other
    root.First, root.Last = items[0], items[-1]
    root.Count = sum(1 + max(0, int(item.get("/Count", 0))) for item in items)  # the items shown, open ones with their own
    pdf.Root.Outlines = root


def _siblings(outline: Any) -> Iterator[Any]:
    item = outline.get("/First")
    while item is not None:
        yield item
        item = item.get("/Next")


def join_destinations(pdf: Any, sources: list[Any]) -> None:
    """The named destinations (the chapters' anchors the contents link to) of the front matter and every part, in one sorted name tree."""

    named: dict[str, Any] = {}
    for source in [None, *sources]:
        root = (pdf if source is None else source).Root
        if "/Names" not in root or "/Dests" not in root.Names:
            continue
        for name, destination in number_tree(root.Names.Dests, "/Names"):
            named.setdefault(str(name), destination if source is None else _copy(pdf, destination))
    if named:
        names = pdf.Root.Names if "/Names" in pdf.Root else Dictionary()
        names.Dests = pdf.make_indirect(Dictionary(Names=Array([item for name in sorted(named) for item in (name, named[name])])))
        pdf.Root.Names = names


def join_structure(pdf: Any, front: range, parts: list[tuple[Any, range]]) -> None:
    """One structure tree (tagged PDF) over the front matter, already in ``pdf``, and the parts appended after it.

    Each part was tagged by WeasyPrint on its own, its structure parents numbered from 0. Each document's tree becomes a
    ``Part`` of one ``Document``, its parent-tree keys (and its pages' and links' keys into it) shifted past the previous
    document's, so that every page and link finds its elements again.
    """

    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document))
    kids, namespaces = Array(), Array()
    nums: list[Any] = []  # a list, made an Array once: pikepdf's Array.extend copies the whole array (4.8 s for the 50x report's)
    offset = 0
    for source, pages in [(None, front), *parts]:
        tree = (pdf if source is None else source).Root.StructTreeRoot
        copy: Callable[[Any], Any] = (lambda value: value) if source is None else functools.partial(_copy, pdf)
        entries = number_tree(tree.ParentTree)
        for key, value in entries:
            nums.extend([key + offset, copy(value)])
        top = tree.K
        for element in top if isinstance(top, Array) else [top]:
            part = copy(element)
            part.S = Name.Part
            part.P = document
            kids.append(part)
        for namespace in tree.get("/Namespaces", []):
            namespaces.append(copy(namespace))
        if source is not None:
            for index in pages:
                page = pdf.pages[index].obj
                if "/StructParents" in page:
                    page.StructParents = int(page.StructParents) + offset
                for annotation in page.get("/Annots", []):
                    if "/StructParent" in annotation:
                        annotation.StructParent = int(annotation.StructParent) + offset
        offset += max(int(tree.get("/ParentTreeNextKey", 0)), max((key for key, _ in entries), default=-1) + 1)
    document.K = kids
    tree_root = pdf.make_indirect(
        Dictionary(Type=Name.StructTreeRoot, K=Array([document]), ParentTree=pdf.make_indirect(Dictionary(Nums=Array(nums))), ParentTreeNextKey=offset)
    )
    if namespaces:
        tree_root.Namespaces = namespaces
    document.P = tree_root
    pdf.Root.StructTreeRoot = tree_root
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def _copy(pdf: Any, value: Any) -> Any:
    """``value`` of another PDF in ``pdf``: an object through qpdf's copy, which reuses what it copied before (the pages);
    a direct array or dictionary item by item."""

    if isinstance(value, Object) and value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copy(pdf, item) for item in value])
    if isinstance(value, Dictionary):
        return Dictionary({key: _copy(pdf, item) for key, item in value.items()})
    return value


def tag_links(pdf: Any, added: list[tuple[int, Any, str]]) -> None:
    """Tie the contents' link annotations, added after layout, to the contents' Link elements (one per chapter, in order)."""

    root = pdf.Root.StructTreeRoot
    front = root.K[0].K[0]  # Document → the front matter's part
    names = list(dict.fromkeys(name for _, _, name in added))
    elements = list(_top_links(front))
    if len(elements) != len(names):
        raise BuildError(f"report: the contents have {len(elements)} tagged links for {len(names)} chapters")
    by_name = dict(zip(names, elements, strict=True))
    nums = root.ParentTree.Nums
    key = int(root.ParentTreeNextKey)
    for index, annotation, name in added:
        annotation.StructParent = key
        element = by_name[name]
        kids = element.get("/K")
        kids = Array(kids if isinstance(kids, Array) else [] if kids is None else [kids])
        kids.append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=pdf.pages[index].obj))
        element.K = kids
        nums.extend([key, element])
        key += 1
    root.ParentTreeNextKey = key


def _top_links(element: Any) -> Iterator[Any]:
    """The Link elements under ``element`` that are not inside another Link, in reading order."""

    if element.get("/S") == "/Link":
        yield element
        return
    kids = element.get("/K")
    for kid in kids if isinstance(kids, Array) else [kids]:
        if isinstance(kid, Dictionary) and "/S" in kid:
            yield from _top_links(kid)


def number_tree(node: Any, key: str = "/Nums") -> list[tuple[Any, Any]]:
    """The (key, value) pairs of a PDF number tree (or, with ``key`` ``/Names``, a name tree), in key order; read with
    pikepdf or pypdf."""
    pairs: list[tuple[Any, Any]] = []
    items = list(node.get(key, []))
    pairs.extend(((int(items[i]) if key == "/Nums" else str(items[i])), items[i + 1]) for i in range(0, len(items), 2))
    for kid in node.get("/Kids", []):
        pairs.extend(number_tree(kid.get_object() if hasattr(kid, "get_object") else kid, key))
    return sorted(pairs, key=lambda pair: pair[0])


def _main(work_file: str) -> None:
    """``python -m generator.pdf.join <join.json>``: the join of :func:`join_parts`; prints the page count."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build that started this process handles Ctrl-C, and ends it
    job = json.loads(Path(work_file).read_text(encoding="utf-8"))
    fonts = {name: (str(file), int(index)) for name, (file, index) in job["fonts"].items()}
    pages = join(Path(job["front"]), [Path(p) for p in job["parts"]], job["links"], job["front_pages"], Path(job["target"]), fonts)
    print(pages)


if __name__ == "__main__":
    _main(sys.argv[1])
