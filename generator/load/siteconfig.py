"""site_config.yml: settings of the published site (not the data)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from generator.errors import ContentError, Problem, excerpt
from generator.load.schema import LanguageCode, Line, WebAddress
from generator.load.validation import validate_document
from generator.load.yamlio import read_yaml


class DataLicense(BaseModel):
    """A Data Package licence: its SPDX id, the address of its text and its title."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    name: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9.+-]{1,64}$")] = Field(description="SPDX id, e.g. CC-BY-4.0.")
    path: WebAddress = Field(description="The address of the licence's text (https://…).")
    title: Line


class SiteConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    site_url: str = Field("", description="Public address, e.g. https://owner.github.io/repo/ (SITE_URL overrides).")
    languages: list[LanguageCode] = Field(
        ["zh", "en"], min_length=1, description="The site's languages, each a locale in generator/locales/ or locales/; the first is published at the root."
    )
    pdf: bool = True
    copyright: dict[LanguageCode, Line] = Field(default_factory=dict)
    data_license: DataLicense = Field(
        default_factory=lambda: DataLicense(name="CC-BY-4.0", path="https://creativecommons.org/licenses/by/4.0/", title="Creative Commons Attribution 4.0"),
        description="The licence of the data downloads, as a Data Package licence: name (SPDX id), path (its address) and title.",
    )


def load_site_config(root: Path) -> SiteConfig:
    path = root / "site_config.yml"
    if not path.exists():
        raise ContentError([Problem("site_config.yml", 1, 1, "", "required file is missing", "restore it from git")])
    doc = read_yaml(path, "site_config.yml")
    problems: list[Problem] = []
    config = validate_document(doc, SiteConfig, problems)
    if config is not None:
        for i, code in enumerate(config.languages):
            if code in config.languages[:i]:
                problems.append(doc.problem(("languages", i), f"language {code!r} is listed twice", "list each language once"))
            if config.copyright and code not in config.copyright:
                problems.append(doc.problem(("copyright",), f"no copyright line in {code!r}", f"add `{code}: …` under copyright"))
    if problems:
        raise ContentError(problems)
    from_env = "SITE_URL" in os.environ
    url = os.environ["SITE_URL"] if from_env else config.site_url
    problem = url_problem(url)
    if problem:
        if from_env:
            raise ContentError([Problem("SITE_URL (environment)", 1, 1, "", f"{problem}: {excerpt(url)}", URL_HINT)])
        raise ContentError([doc.problem(("site_url",), f"{problem}: {excerpt(url)}", URL_HINT)])
    if url and not url.endswith("/"):
        url += "/"
    return config.model_copy(update={"site_url": url})


URL_HINT = "write the public address of the site, e.g. https://owner.github.io/repository/, or leave it empty"
_URL_CHARS = re.compile(r"^[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*$")


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the site's address, or None (an empty address is allowed)."""
    if not url:
        return None
    if not _URL_CHARS.match(url):
        return "the site address contains characters a web address cannot contain (spaces, quotes, < > or non-ASCII)"
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return "the site address must start with https:// (or http://) and name a host"
    if parts.query or parts.fragment:
        return "the site address cannot have a query (?…) or fragment (#…)"
    return None
