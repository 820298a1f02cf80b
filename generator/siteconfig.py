"""site_config.yml: settings of the published site (not the data)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from generator.errors import ContentError, Problem
from generator.load import validate_document
from generator.yamlio import read_yaml


class SiteConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    site_url: str = Field("", description="Public address, e.g. https://owner.github.io/repo/ (SITE_URL overrides).")
    pdf: bool = True
    copyright: dict[str, str] = Field(default_factory=dict)


def load_site_config(root: Path) -> SiteConfig:
    path = root / "site_config.yml"
    if not path.exists():
        raise ContentError([Problem("site_config.yml", 1, 1, "", "required file is missing", "restore it from git")])
    doc = read_yaml(path, "site_config.yml")
    problems: list[Problem] = []
    config = validate_document(doc, SiteConfig, problems)
    if problems:
        raise ContentError(problems)
    url = os.environ.get("SITE_URL", config.site_url)
    if url and not url.endswith("/"):
        url += "/"
    return config.model_copy(update={"site_url": url})
