"""The report's structure tree (tagged PDF) across the parts it is laid out in.

WeasyPrint tags each part it writes (``pdf_tags=True``): headings, paragraphs, lists,
figures with their alternative text, links. pypdf joins the parts' pages but not their
structure; this module joins the structure too, and ties in the contents' links, which
are added after layout.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from generator.errors import BuildError

if TYPE_CHECKING:
    from pypdf import PdfReader, PdfWriter


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
