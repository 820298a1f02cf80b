"""The report joined from the parts it is laid out in: pages, structure tree (tagged PDF), contents links, page labels.

WeasyPrint tags each part it writes (``pdf_tags=True``): headings, paragraphs, lists,
figures with their alternative text, links. pypdf joins the parts' pages but not their
structure; this module joins the structure too, and ties in the contents' links, which
are added after layout.

pypdf holds every joined object in memory: joining the 32 parts of the 50× report took
500 MiB, on top of what laying them out had left in the process. A report of more than
:data:`IN_PROCESS_PARTS` parts is therefore joined in a process of its own (``python -m generator.pdftags``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import BuildError
from generator.pdffonts import Origins, share

# Joining 32 parts in the build's process took it 500 MiB higher; up to this many are joined in-process (no process start-up).
IN_PROCESS_PARTS = 8
PX_TO_PT = 0.75  # WeasyPrint positions are CSS px (1/96 in); PDF user space is pt (1/72 in)
Link = tuple[int, str, Sequence[float]]  # (front matter page, destination name, rectangle in CSS px)

if TYPE_CHECKING:
    from pypdf import PdfReader, PdfWriter


def join_parts(front_file: Path, part_files: list[Path], links: list[Link], front_pages: int, target: Path, work_file: Path, fonts: Origins) -> int:
    """Join the front matter and the laid-out parts at ``target``; returns the page count. More than
    :data:`IN_PROCESS_PARTS` parts are joined in a process of its own, so that the memory of the joined objects is given back when it ends."""
    if len(part_files) <= IN_PROCESS_PARTS:
        return join(front_file, part_files, links, front_pages, target, fonts)
    job = {"front": str(front_file), "parts": [str(p) for p in part_files], "links": links, "front_pages": front_pages, "target": str(target), "fonts": fonts}
    work_file.write_text(json.dumps(job))
    package_parent = str(Path(__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, "-m", "generator.pdftags", str(work_file)], capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0 or not result.stdout.strip().isdigit():
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise BuildError(f"joining the report's parts into {target.name} failed (exit code {result.returncode}): {last}")
    return int(result.stdout)


def join(front_file: Path, part_files: list[Path], links: list[Link], front_pages: int, target: Path, fonts: Origins) -> int:
    """The report at ``target``: the front matter (its metadata, language and identifier kept), then the parts; returns the page count.

    Each font is embedded once, subset for every part's glyphs from the installed file in ``fonts``."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

    writer = PdfWriter(clone_from=front_file)
    parts = []
    for path in part_files:
        reader = PdfReader(path)
        first = len(writer.pages)
        writer.append(reader)
        parts.append((reader, range(first, len(writer.pages))))
    join_structure(writer, range(front_pages), parts)
    added = []
    for index, name, (x1, y1, x2, y2) in links:
        page = writer.pages[index]
        height = float(page.mediabox.height)
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject(FloatObject(round(v, 3)) for v in (x1 * PX_TO_PT, height - y2 * PX_TO_PT, x2 * PX_TO_PT, height - y1 * PX_TO_PT)),
                NameObject("/Border"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(0)]),
                NameObject("/Dest"): TextStringObject(name),
            }
        )
        added.append((index, writer.add_annotation(index, annotation).indirect_reference, name))
    tag_links(writer, added)
    writer.set_page_label(0, front_pages - 1, PageLabelStyle.LOWERCASE_ROMAN, start=1)
    writer.set_page_label(front_pages, len(writer.pages) - 1, PageLabelStyle.DECIMAL, start=1)
    share(writer, fonts)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    with target.open("wb") as stream:
        writer.write(stream)
    return len(writer.pages)


def join_structure(writer: PdfWriter, front: range, parts: list[tuple[PdfReader, range]]) -> None:
    """One structure tree (tagged PDF) over the front matter, already in ``writer``, and the parts appended after it.

    Each part was tagged by WeasyPrint on its own, its structure parents numbered from 0; pypdf copies
    pages but not structure. Each document's tree becomes a ``Part`` of one ``Document``, its parent-tree
    keys shifted past the previous document's, so that every page and link finds its elements again.
    """
    from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, NameObject, NumberObject

    document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document")})
    document_ref = writer._add_object(document)
    kids, nums, namespaces = ArrayObject(), ArrayObject(), ArrayObject()
    offset = 0
    for source, pages in [(None, front), *parts]:
        tree: Any = (writer.root_object if source is None else source.root_object)["/StructTreeRoot"].get_object()
        entries = number_tree(tree["/ParentTree"].get_object())
        for key, value in entries:
            nums.extend([NumberObject(key + offset), value if source is None else value.clone(writer)])
        top = tree["/K"]
        for element in top if isinstance(top, list) else [top]:
            ref = element if source is None else element.clone(writer)
            part = ref.get_object()
            part[NameObject("/S")] = NameObject("/Part")
            part[NameObject("/P")] = document_ref
            kids.append(ref)
        for namespace in tree.get("/Namespaces", []):
            namespaces.append(namespace if source is None else namespace.clone(writer))
        parents = dict(entries)
        originals: Any = [writer.pages[i] for i in pages] if source is None else source.pages  # pypdf drops structure keys when it copies
        for index, original in zip(pages, originals, strict=True):
            page: Any = writer.pages[index]
            if "/StructParents" in original:
                page[NameObject("/StructParents")] = NumberObject(int(original["/StructParents"]) + offset)
            keys = {_rect(a): int(a.get_object()["/StructParent"]) for a in original.get("/Annots", []) if "/StructParent" in a.get_object()}
            for annotation_ref in page.get("/Annots", []):
                annotation: Any = annotation_ref.get_object()
                found = keys.get(_rect(annotation_ref))
                if found is None:
                    continue
                annotation[NameObject("/StructParent")] = NumberObject(found + offset)
                element = parents.get(found)
                if element is not None:  # its link element names this copy of the annotation
                    _point_objr(element if source is None else element.clone(writer), annotation_ref, page.indirect_reference)
        offset += max(int(tree.get("/ParentTreeNextKey", 0)), max((key for key, _ in entries), default=-1) + 1)
    document[NameObject("/K")] = kids
    tree_root = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructTreeRoot"),
            NameObject("/K"): ArrayObject([document_ref]),
            NameObject("/ParentTree"): writer._add_object(DictionaryObject({NameObject("/Nums"): nums})),
            NameObject("/ParentTreeNextKey"): NumberObject(offset),
        }
    )
    if namespaces:
        tree_root[NameObject("/Namespaces")] = namespaces
    document[NameObject("/P")] = writer._add_object(tree_root)
    writer.root_object[NameObject("/StructTreeRoot")] = document["/P"]
    writer.root_object[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})


def tag_links(writer: PdfWriter, added: list[tuple[int, Any, str]]) -> None:
    """Tie the contents' link annotations, added after layout, to the contents' Link elements (one per chapter, in order)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    root: Any = writer.root_object["/StructTreeRoot"].get_object()
    front = root["/K"][0].get_object()["/K"][0]  # Document → the front matter's part
    names = list(dict.fromkeys(name for _, _, name in added))
    elements = list(_top_links(front))
    if len(elements) != len(names):
        raise BuildError(f"report: the contents have {len(elements)} tagged links for {len(names)} chapters")
    by_name = dict(zip(names, elements, strict=True))
    nums = root["/ParentTree"].get_object()["/Nums"]
    key = int(root["/ParentTreeNextKey"])
    for index, ref, name in added:
        ref.get_object()[NameObject("/StructParent")] = NumberObject(key)
        element = by_name[name]
        kids = element.get_object().get("/K")
        kids = ArrayObject(kids if isinstance(kids, list) else [] if kids is None else [kids])
        page = writer.pages[index].indirect_reference
        kids.append(DictionaryObject({NameObject("/Type"): NameObject("/OBJR"), NameObject("/Obj"): ref, NameObject("/Pg"): page}))
        element.get_object()[NameObject("/K")] = kids
        nums.extend([NumberObject(key), element])
        key += 1
    root[NameObject("/ParentTreeNextKey")] = NumberObject(key)


def _top_links(element: Any) -> Iterator[Any]:
    """The Link elements under ``element`` (a reference) that are not inside another Link, in reading order."""
    node = element.get_object()
    if node.get("/S") == "/Link":
        yield element
        return
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict) and "/S" in kid.get_object():
            yield from _top_links(kid)


def number_tree(node: Any) -> list[tuple[int, Any]]:
    """The (key, value) pairs of a PDF number tree, in key order."""
    pairs: list[tuple[int, Any]] = []
    nums = node.get("/Nums", [])
    pairs.extend((int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2))
    for kid in node.get("/Kids", []):
        pairs.extend(number_tree(kid.get_object()))
    return sorted(pairs, key=lambda pair: pair[0])


def _rect(annotation: Any) -> tuple[float, ...]:
    return tuple(round(float(v), 2) for v in annotation.get_object().get("/Rect", []))


def _point_objr(element: Any, annotation: Any, page: Any) -> None:
    """Make the object reference (OBJR) under a link element name ``annotation`` on ``page``."""
    from pypdf.generic import NameObject

    element = element.get_object()
    kids = element.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if kid is not None and hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and kid.get("/Type") == "/OBJR":
            kid[NameObject("/Obj")] = annotation
            kid[NameObject("/Pg")] = page


def _main(work_file: str) -> None:
    """``python -m generator.pdftags <join.json>``: the join of :func:`join_parts`; prints the page count."""
    import logging
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build that started this process handles Ctrl-C, and ends it
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    job = json.loads(Path(work_file).read_text(encoding="utf-8"))
    fonts = {name: (str(file), int(index)) for name, (file, index) in job["fonts"].items()}
    pages = join(Path(job["front"]), [Path(p) for p in job["parts"]], job["links"], job["front_pages"], Path(job["target"]), fonts)
    print(pages)


if __name__ == "__main__":
    _main(sys.argv[1])
