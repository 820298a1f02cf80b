"""Text made inert for each output format that is not HTML or Markdown (those are :func:`generator.render.markup.text`'s).

Every text of the content reaches these outputs through one function per format, here:

- :func:`bibtex`: a BibTeX field's value, inside the braces that delimit it. BibTeX counts every brace, escaped or
  not, so a brace of the text is written as a LaTeX command with balanced braces (``\\textbraceleft{}``), as are a
  backslash and the characters LaTeX gives a meaning (``\\input{…}`` becomes plain text).
- :func:`spreadsheet`: a cell of the CSV copies meant for spreadsheets (``data/excel/``). A cell a spreadsheet would
  run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and not a number) is
  written with a leading apostrophe, as OWASP advises; the plain CSVs, read by programs, keep every cell as it is.

- :func:`vega_text`: a chart's title or axis title. Vega looks some texts up as names (``if``, and the names every
  JavaScript object has: ``toString``, ``constructor``…) and fails to draw the chart; such a text is written with a
  word joiner (U+2060, invisible and of no width) after it.

XML (the Atom feed, the SVG drawings, the sitemap) needs no function: every text is escaped by the library that
writes it, and the characters XML cannot hold at all are refused where the text is read (``validate``).
"""

from __future__ import annotations

import re

_BIBTEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX)) + "]")


def bibtex(value: str) -> str:
    """``value`` as the text of a BibTeX field, between its delimiting braces."""
    return _BIBTEX_SPECIAL.sub(lambda found: _BIBTEX[found.group()], value)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def spreadsheet(value: object) -> object:
    """A cell of a CSV meant for spreadsheets: text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA) and not _NUMBER.match(value):
        return "'" + value
    return value


# What Vega 6 takes for a name rather than a text when a title is exactly it: "if", and JavaScript's Object.prototype.
_VEGA_NAMES = frozenset(
    {"if", "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf"}
    | {"__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "__proto__"}
)


def vega_text(text: str) -> str:
    """A title or axis title as Vega draws it as text: one that Vega would look up as a name gets a word joiner."""
    return text + "\u2060" if text in _VEGA_NAMES else text
