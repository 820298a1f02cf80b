"""Load content/: read every file, validate it, check provenance, build the Plan.

All problems in all files are collected and raised together as one
ContentError; nothing is returned unless the whole content is valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.checks import check
from generator.errors import ContentError, Problem, display_path
from generator.load import schema
from generator.load.editions import History, load_history
from generator.load.locales import Locale, load_locales, locale_folder
from generator.load.siteconfig import SiteConfig, load_site_config
from generator.load.validation import Partial, salvage, validate_document
from generator.load.yamlio import Document, read_yaml
from generator.model import Plan

REQUIRED_FILES = ("plan.yml", "targets.yml", "sources.yml", "units.yml")


def content_files(content_dir: Path) -> list[Path]:
    """Every YAML file that makes up the content, in a stable order."""
    files = [content_dir / name for name in REQUIRED_FILES]
    files += sorted((content_dir / "pillars").glob("*.yml"))
    optional = content_dir / "coverage.yml"
    if optional.exists() or optional.is_symlink():
        files.append(optional)
    return files


def load_plan(content_dir: Path, root: Path | None = None, languages: Sequence[str] = schema.DEFAULT_LANGUAGES, coverage: bool = True) -> Plan:
    """Load and verify all content, written in ``languages``; raise ContentError listing every problem.

    ``coverage=False``: a figure of a source that the content does not account for is not a problem."""
    root = root or content_dir.parent
    context = {"languages": tuple(languages)}
    problems: list[Problem] = []
    parsed: dict[str, tuple[Document, Any]] = {}
    partial: dict[str, Partial] = {}
    if not content_dir.is_dir():
        raise ContentError(
            [
                Problem(
                    display_path(content_dir, root),
                    1,
                    1,
                    "",
                    "content folder not found",
                    "run from the project root, or pass --root PATH (the folder that holds content/)",
                )
            ]
        )
    for path in content_files(content_dir):
        shown = display_path(path, root)
        if not path.exists():
            problems.append(Problem(shown, 1, 1, "", "required file is missing", f"create {shown}; see the README for its layout", rank=0))
            continue
        kind = "pillar" if path.parent.name == "pillars" else path.stem
        try:
            doc = read_yaml(path, shown, root)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        model = validate_document(doc, schema.FILE_MODELS[kind], problems, context)
        if model is not None:
            parsed[shown] = (doc, model)
        else:
            partial[shown] = salvage(doc, kind, context)
    plan = check(content_dir, root, parsed, problems, partial, coverage)
    if problems or plan is None:
        raise ContentError(problems)
    return plan


@dataclass(frozen=True)
class Project:
    """Everything a build reads: the site settings, its languages and the verified content."""

    config: SiteConfig
    locales: tuple[Locale, ...]  # in site order, the first at the root
    plan: Plan
    history: History  # the published editions of the data


def load_project(root: Path, coverage: bool = True) -> Project:
    """Read site_config.yml, the locales it names and content/; raise ContentError listing every problem of all three."""

    problems: list[Problem] = []
    config: SiteConfig | None = None
    locales: tuple[Locale, ...] = ()
    plan: Plan | None = None
    try:
        config = load_site_config(root)
        locales = load_locales(config.languages, root)
    except ContentError as exc:
        problems += exc.problems
    # Content is checked even when the settings are wrong: in the languages that have a locale, or the built-in ones.
    languages = [code for code in config.languages if locale_folder(code, root)] if config else schema.DEFAULT_LANGUAGES
    try:
        plan = load_plan(root / "content", root, languages, coverage)
    except ContentError as exc:
        problems += exc.problems
    if problems or config is None or plan is None:
        raise ContentError(problems)
    return Project(config, locales, plan, load_history(root, plan, locales))
