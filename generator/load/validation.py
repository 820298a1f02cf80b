"""Validation of one parsed file against its schema model, with each pydantic error explained at its place
in the file, and the salvage of an invalid file's valid items for the checks that can still run."""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Problem, excerpt, suggest
from generator.load import schema
from generator.load.yamlio import Document, Loc

# The lists of each file kind whose items are checked one by one when the file as a whole is invalid.
SALVAGE: dict[str, dict[str, type[BaseModel]]] = {
    "plan": {"indicators": schema.Indicator, "charts": schema.Chart},
    "pillar": {"indicators": schema.Indicator, "charts": schema.Chart},
    "units": {"units": schema.Unit},
    "sources": {"sources": schema.Source},
    "targets": {"targets": schema.Target},
}


@dataclass
class Partial:
    """What can still be checked in a file that failed validation: its valid list items, and every id it writes."""

    doc: Document
    items: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)
    ids: dict[str, set[str]] = field(default_factory=dict)


def salvage(doc: Document, kind: str, context: dict[str, Any] | None = None) -> Partial:
    """Validate the items of an invalid file one by one (their problems are already reported)."""
    part = Partial(doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    for name, item_model in SALVAGE.get(kind, {}).items():
        items = data.get(name)
        if not isinstance(items, list):
            continue
        part.ids[name] = {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}
        valid = []
        for i, item in enumerate(items):
            try:
                valid.append((i, item_model.model_validate(item, context=context)))
            except ValidationError:
                continue
        part.items[name] = valid
    return part


def validate_document(doc: Document, model: type[BaseModel], problems: list[Problem], context: dict[str, Any] | None = None) -> Any:
    """Validate one parsed file against its schema model; record problems."""
    if not isinstance(doc.data, dict):
        found = _describe(doc.data)
        problems.append(doc.problem((), f"expected a mapping of keys at the top of the file, found {found}", "start the file with `key: value` lines"))
        return None
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            message, hint = explain(dict(error), model, loc)
            problems.append(doc.problem(loc, message, hint))
        return None


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {excerpt(value)}"
    if isinstance(value, str):
        return f"text {excerpt(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def explain(error: dict[str, Any], model: type[BaseModel], loc: Loc) -> tuple[str, str]:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return f"required key {loc[-1]!r} is missing", "add it; see the JSON Schema in generator/schema/"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        hint = f"allowed keys here: {', '.join(allowed)}" if allowed else "remove it"
        return f"unknown key {loc[-1]!r}", hint
    if kind == "string_type":
        hint = ""
        if loc and loc[-1] in {"value"} and isinstance(value, int | float):
            hint = 'quote the figure exactly as the source writes it, e.g. value: "9153.3"'
        elif loc and loc[-1] in {"source"}:
            hint = 'quote the source id, e.g. source: "002"'
        elif isinstance(value, bool):
            hint = "quote the text; YAML reads true/false as booleans"
        return f"expected text, found {_describe(value)}", hint
    if kind in {"int_type", "int_from_float"}:
        return f"expected a whole number, found {_describe(value)}", "write digits only, without quotes, e.g. 2024"
    if kind == "bool_type":
        return f"expected true or false, found {_describe(value)}", "write true or false (yes/no/on/off are not accepted)"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = re.findall(r"'([^']*)'", expected)
        return f"expected one of {expected}, found {_describe(value)}", suggest(value, choices)
    if kind == "invisible_text":
        return "text has no visible character (only spaces or invisible characters such as U+200B)", "write the text; delete invisible characters copied with it"
    if kind == "control_character":
        return error["msg"], "delete the character (it was copied along with the text; a line break is written as a new line)"
    if kind == "web_address":
        return f"{_describe(value)} is {error['msg']}", "write the address as a browser shows it, e.g. https://creativecommons.org/licenses/by/4.0/"
    if kind in {"model_type", "dict_type"}:
        return f"expected a mapping of keys, found {_describe(value)}", "indent the keys under this one"
    if kind == "list_type":
        return f"expected a list, found {_describe(value)}", "write each item on its own line starting with '- '"
    if kind == "too_short":
        return "must not be empty", "add at least one item"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        hints = {
            r"^[0-9]{3}$": 'source ids are three digits in quotes, e.g. "002"',
            r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "ids use lower-case letters, digits and single hyphens, e.g. tech-contract-turnover",
            r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$": "a language code is a BCP 47 tag of at most 35 characters, e.g. en, zh, pt-BR",
            r"\S": "write some text",
        }
        return f"{_describe(value)} is not in the required form", hints.get(pattern, f"must match {pattern}")
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        if loc and loc[-1] in {"value"}:
            return f"{_describe(value)} is too long (at most {limit} characters)", "a figure holds only the number as written; put words in name or note"
        return f"{_describe(value)} is too long (at most {limit} characters)", "use a shorter id; it becomes part of file names and addresses"
    return error["msg"], ""


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys the schema accepts at ``loc`` (for the unknown-key hint)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated down to the model or list type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation
