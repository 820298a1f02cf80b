"""Author text reaches every page as text, whatever it contains: one escape, applied in one place.

Pages pass through several languages before a browser sees them: Jinja
templates write Markdown with raw HTML blocks and YAML front matter, Python-
Markdown (with ``md_in_html``, ``attr_list``, admonitions, tables, footnotes)
turns it into HTML, and MkDocs Material places titles into its own templates.
A backslash escape works only in Markdown and an HTML escape only in HTML, so
author text is written with *numeric character references* for every
character that means something in any of them (``*`` → ``&#42;``). A browser
and WeasyPrint read those as the characters; Markdown, ``attr_list`` and
YAML see no syntax in them.

The MkDocs settings (site name, nav titles, footer) are not Markdown: Material
prints them as HTML, raw in element bodies and some attributes, escaped again
with ``| e`` in others. They get :func:`theme_text`, the HTML escape of the
characters that could open a tag or leave a double-quoted attribute, so the
second escape shows as little as possible (only ``& < > "``).

Templates never call the escape: :func:`environment` applies it to the value
of every ``{{ … }}``. Fragments the generator itself produces (footnote
references, links built from validated ids, chart SVG from vl-convert, the
marked-up source text) are :class:`Safe` and pass through unchanged.
"""

from __future__ import annotations

import functools
import html
import json
import re
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import jinja2.sandbox
from markupsafe import Markup

from generator.errors import BuildError

if TYPE_CHECKING:
    from generator.load.locales import Locale

TEMPLATES = Path(__file__).parents[1] / "templates"

# Characters with a meaning in HTML, Markdown or one of the extensions used, anywhere in a line.
_ALWAYS = frozenset("&<>\"'\\`*_{}[]()!|#~^=$")
# At the start of a line they begin a list, heading rule, admonition or code block.
_LEADING = frozenset("+-.?:>%") | frozenset(" \t")
_ORDERED = re.compile(r"^[0-9]+[.)](?=\s|$)")


def _ref(ch: str) -> str:
    return f"&#{ord(ch)};"


class Safe(Markup):
    """Markup the generator made; anything joined to it is escaped with :func:`text`."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: object) -> Safe:
        return text(s)


def text(value: object) -> Safe:
    """Author text as inert text for Markdown, HTML (body or attribute) and YAML alike."""
    if isinstance(value, Markup):
        return Safe(value)
    s = str(value)
    out = [_ref(ch) if ch in _ALWAYS or ch in "\r\n\x0b\x0c" else ch for ch in s]
    if out and s[0] in _LEADING:
        out[0] = _ref(s[0])
    ordered = _ORDERED.match(s)
    if ordered:
        out[ordered.end() - 1] = _ref(s[ordered.end() - 1])
    return Safe("".join(out))


def theme_text(value: object) -> str:
    """Author text for MkDocs Material's own templates (HTML, never Markdown)."""
    return html.escape(str(value), quote=False).replace('"', "&quot;")


def safe(fragment: str) -> Safe:
    """Mark a fragment the generator built itself (never author text) as markup."""
    return Safe(fragment)


def yaml_str(value: object) -> Safe:
    """A YAML double-quoted scalar holding escaped text (JSON strings are valid YAML)."""
    return Safe(json.dumps(str(text(value)), ensure_ascii=False))


def _finalize(value: object) -> object:
    return value if isinstance(value, Markup) else text(value)


_COMPILED: list[Path] = []  # where this process keeps compiled templates (cache_compiled_templates), if anywhere


def cache_compiled_templates(folder: Path) -> None:
    """Keep the templates this process compiles in ``folder``, and take them from there while their source is
    unchanged (Jinja's bytecode cache, keyed by the template's file and source). A build worker renders with a fresh
    process: compiling the page templates took 0.19 s of a language's pages and charts in a one-figure rebuild.
    Each kind of environment has a folder of its own, as a template compiles differently in each."""
    if [folder] != _COMPILED:
        _COMPILED[:] = [folder]
        _environment.cache_clear()


def environment(locales: Sequence[Locale] = (), plain: bool = False) -> jinja2.Environment:
    """The Jinja environment of every template, pages and print HTML alike.

    Autoescaping is on and every value is finalised by :func:`text`, so a
    template can only output author text as text. Each locale's prose
    templates are found as ``<code>/<name>``. One environment serves each set of
    folders for the whole process, so that a template is compiled once; Jinja
    compiles it again when its file changes (the preview's template edits).
    """
    return _environment(tuple(dict.fromkeys(locale.folder.parent for locale in locales)), plain)


@functools.cache
def _environment(folders: tuple[Path, ...], plain: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([TEMPLATES, *folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=not plain,  # plain: a text file that nothing renders as markup (a README in a ZIP)
        finalize=None if plain else _finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
        bytecode_cache=_bytecode_cache("plain" if plain else "markup"),
    )
    env.filters["yaml"] = yaml_str
    return env


def _bytecode_cache(kind: str) -> jinja2.BytecodeCache | None:
    if not _COMPILED:
        return None
    folder = _COMPILED[0] / kind
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def prose(source: str, values: dict[str, object], shown: str) -> Safe:
    """A locale's prose page (``method.md.jinja``, ``data.md.jinja``) rendered in Jinja's sandbox, from ``values`` alone.

    A locale is data: a translator's template sees only the plain values given (texts, counts, lists of them), escaped
    as every template's are, cannot include another file, and Jinja's sandbox refuses it any attribute a value's Python
    object has beyond its data (``''.__class__``). ``shown`` names the file in messages."""
    try:
        return Safe(_prose_template(source).render(values))
    except Exception as exc:  # whatever the template does wrong, it is the locale's: named at its line, never a traceback
        line = getattr(exc, "lineno", None) or next((f.lineno for f in reversed(traceback.extract_tb(exc.__traceback__)) if f.filename == "<template>"), None)
        message = "a locale's prose cannot include or import another file" if "no loader" in str(exc) else str(exc) or type(exc).__name__
        raise ProseError(shown, line or 1, message) from None


class ProseError(BuildError):
    """A locale's prose that cannot be rendered: its file, line and what is wrong (``validate`` reports it there)."""

    def __init__(self, shown: str, line: int, what: str) -> None:
        super().__init__(f"{shown}:{line}: {what}")
        self.shown, self.line, self.what = shown, line, what


@functools.lru_cache(maxsize=64)
def _prose_template(source: str) -> jinja2.Template:
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.from_string(source)
