"""MkDocs with Material for MkDocs: ``mkdocs build --strict`` in-process, one build per language."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import yaml

from generator.engines import theme_dir  # defined before the package imports this module
from generator.errors import BuildError

NAME = "mkdocs"


def write_config(settings: dict[str, Any], root: Path, docs: Path, site_dir: Path, theme: Path, dest: Path) -> Path:
    """The MkDocs config of one language: the project's mkdocs.yml, inherited, with this language's settings."""
    config = {k: v for k, v in settings.items() if k != "search"}
    config = {
        "INHERIT": str(root / "mkdocs.yml"),
        **config,
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "theme": {**settings["theme"], "custom_dir": str(theme)},
        # Search per language: Chinese words are split by jieba at build time.
        "plugins": [{"search": {"lang": settings["search"]}}],
    }
    dest.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build(config_file: Path) -> None:
    """``mkdocs build --strict`` in-process; any warning fails the build."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import jieba  # used by Material's search to split Chinese words

    jieba.setLogLevel(logging.WARNING)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    handler = _Collect()
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(handler)
    try:
        cfg = load_config(config_file=str(config_file), strict=True)
        mkdocs_build(cfg)
    except (Abort, MkDocsException) as exc:
        details = "; ".join(handler.messages) or str(exc)
        raise BuildError(f"MkDocs failed for {config_file.name}: {details}") from None
    finally:
        mk_log.removeHandler(handler)
    if handler.messages:
        raise BuildError(f"MkDocs warnings for {config_file.name}: " + "; ".join(handler.messages))


def serve(config_file: Path, port: int) -> None:
    """MkDocs' live-reload server over ``config_file`` (which the preview rewrites when the nav changes)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(config_file), livereload=True, dev_addr=f"127.0.0.1:{port}")


def build_language(settings: dict[str, Any], root: Path, docs: Path, site_dir: Path, work: Path) -> None:
    """Build one language's site from its generated pages ``docs`` into ``site_dir``."""
    work.mkdir(parents=True, exist_ok=True)
    theme = theme_dir(NAME, work / "theme")
    build(write_config(settings, root, docs, site_dir, theme, work / "mkdocs.yml"))
