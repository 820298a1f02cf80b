"""Escaping of author text for Markdown, HTML attributes and YAML front matter."""

from __future__ import annotations

import html
import json
import re

# Characters Python-Markdown (with the tables extension) treats as markup.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md(text: object) -> str:
    """Author text as literal Markdown: HTML is escaped, markup characters backslashed."""
    return _MARKDOWN.sub(r"\\\1", html.escape(str(text), quote=False))


def attr(text: object) -> str:
    """Author text for an HTML attribute value or element body inside raw HTML."""
    return html.escape(str(text), quote=True)


def yaml_str(text: object) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)
