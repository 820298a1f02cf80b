"""The output cache: what generation writes and publishing reads, one finished build kept by its fingerprint."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import cachefs

if TYPE_CHECKING:
    from generator.load.project import Project


@dataclass(frozen=True)
class Output:
    """What generation writes and publishing reads: one finished build, cached by its fingerprint.

    ``docs/<lang>/`` holds each language's Markdown pages, charts, data files
    and assets; ``settings.<lang>.yml`` its site settings for the engines; ``pdf/`` the reports,
    placed as in the site; ``manifest.json``, written last, marks it complete.
    """

    folder: Path

    def docs(self, code: str) -> Path:
        return self.folder / "docs" / code

    def settings(self, code: str) -> Path:
        return self.folder / f"settings.{code}.yml"

    @property
    def pdf(self) -> Path:
        return self.folder / "pdf"

    def manifest(self) -> dict[str, Any] | None:
        found = cachefs.get_json(self.folder / "manifest.json")
        return found if isinstance(found, dict) else None


def finish(output: Output, project: Project) -> dict[str, Any]:
    """Mark the generated output complete (its manifest, written last) and drop older outputs."""
    from generator.render.pages import page_paths  # here, not at the top: a build whose output is cached loads no page code

    plan, locales = project.plan, project.locales
    manifest = {
        "languages": [{"code": loc.code, "prefix": loc.prefix} for loc in locales],  # what publishing needs, without loading anything
        "pages": len(locales) * len(page_paths(plan)),
        "charts": len(locales) * len(plan.all_charts),
        "content_version": plan.content_version,
    }
    cachefs.put_json(output.folder / "manifest.json", manifest)
    prune(output.folder.parent, keep=output.folder.name)
    return manifest


def prune(folder: Path, keep: str) -> None:
    """Keep only the newest finished output (the cache is for rebuilding, not history)."""
    for entry in folder.iterdir():
        if entry.name != keep:
            shutil.rmtree(entry, ignore_errors=True)
