"""citeproc-py's look-ups in a style's tree, remembered (citeproc-py 0.11.1).

citeproc-py searches a style's tree again (XPath) for every element it formats. The answers depend only on the
style, which is not changed once read, so they are remembered: see :func:`quicker_citeproc`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from generator.compat.patch import Patch

REMEMBERED = Patch(
    library="citeproc-py",
    name="remembered-lookups",
    verified=("0.11.1",),
    changes="five methods of citeproc.model (get_macro, get_layout, get_term, calls_variable twice) wrapped to remember their answers, "
    "and CitationItem.reference kept on the item once found",
    gain="80 % of formatting the 50x plan's citations; the reference alone: its English citations 17.0 -> 9.1 s",
    upstream="citeproc-py could index a style's macros, terms and layouts once, when it reads the style",
)


@functools.cache
def quicker_citeproc() -> None:
    """Keep what citeproc-py looks up in a style's tree again for every element it formats: a macro by its name and a
    locale's term (XPath searches), an element's layout, and whether an element calls a variable (a walk through its
    children and macros). They depend only on the style, which is not changed once read, and took 80 % of formatting
    the citations of the 50x plan. The elements kept as keys stay alive, so lxml gives the same object for them.

    A cited item's reference is kept on the item once found: citeproc-py looks it up through the item's citation,
    bibliography and source for every condition it tests (300 times an entry), and it does not change once the
    citation is registered: the 50x plan's English citations took 17.0 s before it was kept, 9.1 s after."""
    if not REMEMBERED.applies():
        return
    from citeproc import model  # citeproc-py is imported only where citations are formatted
    from citeproc.source import CitationItem

    for cls, name in ((model.CitationStylesElement, "get_macro"), (model.CitationStylesElement, "get_layout"), (model.Locale, "get_term"),
                      (model.Parent, "calls_variable"), (model.Text, "calls_variable")):  # fmt: skip
        setattr(cls, name, _remembered(getattr(cls, name)))
    CitationItem.reference = property(_kept_reference(CitationItem.reference.fget))


def _kept_reference(look_up: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``CitationItem.reference`` kept in the item's attributes (not its keys: the item is a dict of its CSL fields)."""

    @functools.wraps(look_up)
    def kept_reference(item: Any) -> Any:
        attributes = vars(item)
        if "reference" not in attributes:
            attributes["reference"] = look_up(item)
        return attributes["reference"]

    return kept_reference


def _remembered(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` answering each element and arguments once; "not found" (IndexError) is remembered too."""
    answers: dict[tuple[Any, ...], tuple[Any, bool]] = {}

    @functools.wraps(method)
    def remembered(self: Any, *args: Any, **kwargs: Any) -> Any:
        key = (self, args, tuple(sorted(kwargs.items())))
        if key not in answers:
            try:
                answers[key] = (method(self, *args, **kwargs), True)
            except IndexError:
                answers[key] = (None, False)
        answer, found = answers[key]
        if not found:
            raise IndexError(f"{method.__name__}{args}")
        return answer

    return remembered
