"""Zensical, from the authors of Material for MkDocs: it reads mkdocs.yml and builds the same pages.

Zensical requires ``docs_dir`` and ``site_dir`` inside the folder of its
config file, so each language builds in a work folder holding the config, a
hard-linked copy of the generated pages and the site it writes. It has no
per-language search setting (its search splits words on a separator), and it
runs as its own process (``python -m zensical build --strict``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import yaml

from generator.errors import BuildError
from generator.publish.engines.base import theme_dir
from generator.publish.outdir import sync

NAME = "zensical"
PRELOAD: tuple[str, ...] = ()  # Zensical builds in a program of its own


class _ProjectLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running code: ``!!python/object/apply:f {kwds: …}`` becomes ``{object: f, kwds: …}``, which Zensical resolves."""


def _apply(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    value = loader.construct_mapping(node, deep=True) if isinstance(node, yaml.MappingNode) else {}
    return {"object": suffix, "kwds": value.get("kwds", {})}


_ProjectLoader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _apply)


def write_config(settings: dict[str, Any], root: Path, docs: Path, site_dir: Path, theme: Path, dest: Path) -> Path:
    """The Zensical config of one language in ``dest``'s folder, which must also hold ``docs``, ``site_dir`` and ``theme``."""
    base = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ProjectLoader)
    folder = dest.parent
    config = {
        **{k: v for k, v in base.items() if k != "plugins"},
        **{k: v for k, v in settings.items() if k != "search"},
        "docs_dir": os.path.relpath(docs, folder),
        "site_dir": os.path.relpath(site_dir, folder),
        "theme": {**base.get("theme", {}), **settings["theme"], "custom_dir": os.path.relpath(theme, folder)},
        "plugins": [{"search": {}}],
        "extra_css": [*base.get("extra_css", []), "assets/stylesheets/zensical.css"],  # from overrides/zensical/
    }
    dest.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def build(config_file: Path) -> None:
    """``zensical build --strict``; any issue it reports fails the build (Zensical then exits with an error)."""
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config_file)],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr).strip()  # without its colours
        raise BuildError(f"Zensical failed for {config_file.name}: {output[-2000:]}")


def stage(docs: Path, folder: Path) -> Path:
    """A hard-linked copy of the generated pages inside ``folder`` (a plain copy across file systems)."""
    dest = folder / "docs"
    shutil.rmtree(dest, ignore_errors=True)
    try:
        shutil.copytree(docs, dest, copy_function=os.link)
    except OSError:
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(docs, dest)
    return dest


class Preview:
    """Zensical's own live-reload server, which watches the first language's pages itself; the other
    languages' built sites are placed among those pages, under their prefix, and served as they are."""

    def __init__(self, config_file: Path, port: int, docs: Path, work: Path) -> None:
        self.config_file, self.port, self.docs = config_file, port, docs
        self._lock = threading.Lock()

    @property
    def others(self) -> Path:
        return self.docs

    def writing(self) -> threading.Lock:
        return self._lock

    def rebuild(self, wait: bool = False) -> None:
        """Nothing to do: Zensical's server sees the pages change."""

    def place(self, prefix: str, site: Path) -> None:
        sync(site, self.docs / prefix)

    def first_build(self) -> None:
        """Zensical's server builds when it starts."""

    def serve(self) -> None:
        print(f"previewing at http://127.0.0.1:{self.port}/ (Ctrl-C stops)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "zensical", "serve", "-f", str(self.config_file), "-a", f"127.0.0.1:{self.port}"], cwd=self.config_file.parent, check=False)


def preview_language(settings: dict[str, Any], root: Path, docs: Path, site_dir: Path, work: Path) -> None:
    """Build another language of the preview (Zensical refuses to replace a site folder: it goes first)."""
    shutil.rmtree(site_dir, ignore_errors=True)
    build_language(settings, root, docs, site_dir, work)


def build_language(settings: dict[str, Any], root: Path, docs: Path, site_dir: Path, work: Path, cache: Path | None = None, previous: Path | None = None) -> None:
    """Build one language's site from its generated pages ``docs`` into ``site_dir`` (in ``work``, then moved); nothing is kept
    in ``cache``, and nothing taken from the ``previous`` site: Zensical writes its files itself."""
    work.mkdir(parents=True, exist_ok=True)
    staged = stage(docs, work)
    theme = theme_dir(NAME, work / "theme")
    built = work / "site"
    build(write_config(settings, root, staged, built, theme, work / "zensical.yml"))
    site_dir.mkdir(parents=True, exist_ok=True)
    for entry in built.iterdir():
        os.replace(entry, site_dir / entry.name)
