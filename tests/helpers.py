"""Helpers shared by the tests: what a folder holds, and what a page links to and loads."""

from __future__ import annotations

import hashlib
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar


def tree_digest(path: Path) -> dict[str, str]:
    """Every file, link and folder below ``path`` (or the file itself, as ``.``) with its content's SHA-256."""
    if path.is_file():
        return {".": hashlib.sha256(path.read_bytes()).hexdigest()}
    found = {}
    for entry in sorted(path.rglob("*")):
        relative = entry.relative_to(path).as_posix()
        if entry.is_symlink():
            found[relative] = "link:" + os.readlink(entry)
        elif entry.is_file():
            found[relative] = hashlib.sha256(entry.read_bytes()).hexdigest()
        else:
            found[relative] = "dir"
    return found


def file_digests(folder: Path) -> dict[str, str]:
    """Each regular file below ``folder`` with its content's SHA-256 (folders and links left out)."""
    return {name: digest for name, digest in tree_digest(folder).items() if digest != "dir" and not digest.startswith("link:")}


class PageLinks(HTMLParser):
    """Every id of a page, every address it refers to (``href`` and ``src``), and those that make the browser load
    something (``loads``)."""

    LOADING: ClassVar[set[tuple[str, str]]] = {
        ("script", "src"),
        ("img", "src"),
        ("img", "srcset"),
        ("source", "src"),
        ("source", "srcset"),
        ("iframe", "src"),
        ("video", "src"),
        ("audio", "src"),
        ("embed", "src"),
        ("object", "data"),
        ("image", "href"),
        ("use", "href"),
        ("image", "xlink:href"),
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[str] = []  # every href and src
        self.followed: list[str] = []  # the same, but a page's canonical and language addresses
        self.loads: list[str] = []  # those that make the browser load something

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for name in ("href", "src"):
            if values.get(name):
                self.refs.append(values[name])
                if not (tag == "link" and values.get("rel") in {"canonical", "alternate"}):
                    self.followed.append(values[name])
        self.loads += [value for name, value in values.items() if value and (tag, name) in self.LOADING]
        if tag == "link" and values.get("href") and values.get("rel") not in {"canonical", "alternate"}:
            self.loads.append(values["href"])
        if values.get("style"):
            self.loads += re.findall(r"url\(\s*['\"]?([^'\")]+)", values["style"])

    @classmethod
    def of(cls, path: Path) -> PageLinks:
        parser = cls()
        parser.feed(path.read_text(encoding="utf-8"))
        return parser
