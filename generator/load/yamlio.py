"""Read YAML strictly and keep the position of every value.

PyYAML implements YAML 1.1, where ``yes``/``on`` become booleans, ``0755`` an
octal integer and ``2024-01-01`` a date, and a duplicate key silently keeps the
last value. Content files must mean what they say, so this loader:

* resolves only ``true``/``false`` as booleans, decimal integers without
  leading zeros and plain decimal floats; everything else stays text;
* rejects duplicate keys, anchors/aliases, non-string keys and deep nesting;
* records ``(line, column)`` for every path so later errors can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError, Problem, excerpt
from generator.load.files import YAML, refused

MAX_DEPTH = 50

Loc = tuple[str | int, ...]
ALIASES = "YAML anchors and aliases (&name / *name) are not allowed in content files"

# Characters PyYAML's reader refuses (outside the printable set of YAML 1.1).
_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Line breaks to YAML, invisible to editors: every later line number would be off by one.
_SEPARATORS = re.compile("[\x85\u2028\u2029]")
# A key written with the full-width colon of Chinese input methods (id：transfer).
_FULLWIDTH_KEY = re.compile(r"(?:^[ \t]*(?:-[ \t]+)?|[{,][ \t]*)([A-Za-z_][A-Za-z0-9_]*)[ \t]*(：)", re.MULTILINE)


class _StrictResolver(yaml.resolver.BaseResolver):
    """Implicit types limited to what content files need."""


_StrictResolver.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_StrictResolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:0|-?[1-9][0-9]*)$"), list("-0123456789"))
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$"),
    list("-0123456789"),
)
_StrictResolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _StrictResolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _StrictResolver.__init__(self)


@dataclass
class Document:
    """A parsed YAML file: plain Python data plus positions by path."""

    file: str
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc) -> tuple[int, int]:
        """Position of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc not in self.positions and loc:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))

    def problem(self, loc: Loc, message: str, hint: str = "") -> Problem:
        line, column = self.position(loc)
        return Problem(self.file, line, column, format_loc(loc), message, hint)


def format_loc(loc: Loc) -> str:
    """``("indicators", 0, "quote")`` → ``indicators[0].quote``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def file_problem(shown_as: str, message: str, hint: str = "", data: str | bytes = "", offset: int = 0) -> Problem:
    """A problem with the file as a whole (a root cause), located at ``offset`` in ``data``."""
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line = data[:offset].count(newline) + 1  # type: ignore[arg-type]
    column = offset - (data.rfind(newline, 0, offset) + 1) + 1  # type: ignore[arg-type]
    return Problem(shown_as, line, column, "", message, hint, rank=0)


def _file_problem(shown_as: str, message: str, hint: str = "", data: str | bytes = "", offset: int = 0) -> ContentError:
    return ContentError([file_problem(shown_as, message, hint, data, offset)])


def read_yaml(path: Path, shown_as: str, root: Path | None = None) -> Document:
    """Parse one content file or raise ContentError with its position."""
    unsafe = refused(path, root or path.parent, YAML)
    if unsafe:
        raise _file_problem(shown_as, f"file {unsafe[0]}", unsafe[1])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _file_problem(shown_as, f"cannot read file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _file_problem(shown_as, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8", raw, exc.start) from None
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise _file_problem(shown_as, "file is empty", "add the data, or delete the file if it is not needed")
    bad = _FORBIDDEN.search(text)
    if bad:
        raise _file_problem(
            shown_as, f"control character U+{ord(bad.group()):04X} is not allowed in YAML", "delete it; it is often left over from copying text", text, bad.start()
        )
    sep = _SEPARATORS.search(text)
    if sep:
        raise _file_problem(
            shown_as,
            f"invisible line separator U+{ord(sep.group()):04X}: YAML reads it as a line break, so every later line number would be off",
            "delete it (it is often copied from web pages), or replace it with a space",
            text,
            sep.start(),
        )
    colon = _FULLWIDTH_KEY.search(text)
    if colon:
        raise _file_problem(
            shown_as,
            f"full-width colon '：' after key {colon.group(1)!r}: YAML needs an ASCII colon followed by a space",
            f"write {colon.group(1)}: … (switch the input method to half-width for keys)",
            text,
            colon.start(2),
        )
    kept = _PARSED.get(shown_as)
    if kept is not None and kept[0] == text:
        return kept[1]
    doc = _parse(text, shown_as)
    _PARSED[shown_as] = (text, doc)
    return doc


# The last parse of each file, by the name it is shown as: the preview loads the content again on every
# save, and parsing took most of that time (0.2 s for the real content), for files that mostly did not change.
# A Document is only read once made.
_PARSED: dict[str, tuple[str, Document]] = {}


def _parse(text: str, shown_as: str) -> Document:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = (exc.problem or exc.context or "invalid YAML").strip()
        if exc.context and exc.context_mark and exc.problem:
            start = exc.context_mark
            message += f" ({exc.context.strip()} that starts at line {start.line + 1}, column {start.column + 1})"
        raise ContentError(
            [
                Problem(
                    shown_as,
                    line,
                    column,
                    "",
                    f"YAML syntax error: {message}",
                    "check indentation and quoting; text containing ': ' or starting with '{', '[', '*' or '&' needs quotes",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(shown_as, 1, 1, "", f"YAML error: {exc}")]) from None
    except RecursionError:
        raise ContentError(
            [
                Problem(
                    shown_as,
                    1,
                    1,
                    "",
                    f"nesting is too deep (more than {MAX_DEPTH} levels)",
                )
            ]
        ) from None
    finally:
        loader.dispose()
    if node is None:  # only comments: caught as an empty file above, kept for the type checker
        raise _file_problem(shown_as, "file is empty", "add the data, or delete the file if it is not needed")
    doc = Document(shown_as, None)
    problems: list[Problem] = []
    doc.data = _build(node, (), doc, loader, problems, set(), 0)
    if problems:
        raise ContentError(problems)
    return doc


def _describe_node(node: yaml.Node) -> str:
    """A short description of a node for a message: never its (possibly huge) contents."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kind = {"tag:yaml.org,2002:int": "number", "tag:yaml.org,2002:float": "number", "tag:yaml.org,2002:bool": "boolean", "tag:yaml.org,2002:null": "null"}
    return f"{kind.get(node.tag, 'value')} {excerpt(node.value)}"


def _build(
    node: yaml.Node,
    loc: Loc,
    doc: Document,
    loader: _Loader,
    problems: list[Problem],
    seen: set[int],
    depth: int,
) -> Any:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    doc.positions[loc] = (line, column)

    def at_key(key_node: yaml.Node, where: Loc, message: str, hint: str) -> Problem:
        mark = key_node.start_mark
        return Problem(doc.file, mark.line + 1, mark.column + 1, format_loc(where), message, hint)

    def fail(message: str, hint: str = "") -> None:
        problems.append(Problem(doc.file, line, column, format_loc(loc), message, hint))

    if depth > MAX_DEPTH:
        fail(f"nesting is too deep (more than {MAX_DEPTH} levels)")
        return None
    if id(node) in seen:
        fail(ALIASES, "write the value out in full")
        return None
    if isinstance(node, yaml.MappingNode):
        seen.add(id(node))
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            merge = isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and key_node.style is None  # this loader resolves no merge tag
            if key_node.tag == "tag:yaml.org,2002:merge" or merge:
                problems.append(at_key(key_node, loc, "YAML merge keys (<<) are not allowed in content files", "write the keys out in full"))
                continue
            if id(key_node) in seen:
                problems.append(at_key(key_node, loc, ALIASES, "write the key out in full"))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                problems.append(at_key(key_node, loc, f"a key must be text, found {_describe_node(key_node)}", "write keys as plain words, e.g. id: …"))
                continue
            key = key_node.value
            key_loc = (*loc, key)
            if id(value_node) in seen:
                problems.append(at_key(key_node, key_loc, ALIASES, "write the value out in full"))
                continue
            if key in out:
                first = doc.positions.get(key_loc, (0, 0))[0]
                problems.append(
                    at_key(key_node, key_loc, f"duplicate key {key!r} (first defined on line {first})", "keep one of the two; YAML would silently use the last")
                )
                continue
            out[key] = _build(value_node, key_loc, doc, loader, problems, seen, depth + 1)
            doc.positions[key_loc] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        seen.add(id(node))
        return [_build(item, (*loc, i), doc, loader, problems, seen, depth + 1) for i, item in enumerate(node.value)]
    if node.tag not in {
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
    }:
        fail(f"unsupported YAML tag {excerpt(node.tag)}", "remove the tag")
        return None
    seen.add(id(node))
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as exc:
        fail(f"cannot read value: {excerpt(exc, 120)}")
        return None
