"""The documentation stays true: every path, module, function and command that README.md, CONTRIBUTING.md and docs/
name in backticks exists."""

from __future__ import annotations

import ast
import importlib
import re
from functools import cache
from pathlib import Path

import pytest

from generator.cli import _parser

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted([ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")])
TOP = ("generator/", "tests/", "content/", "docs/", ".github/", ".ci/")
TOP_FILES = ("site_config.yml", "mkdocs.yml", "uv.lock", "pyproject.toml", "README.md", "CONTRIBUTING.md")
CODE_FILES = (".py", ".jinja")  # a bare file name of these must be a file of the project (others may be the built site's)
# Names the documents give that are not the project's: environment variables and schema.org terms.
ELSEWHERE = frozenset({"TMPDIR", "SITE_URL", "SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING", "Dataset", "isBasedOn"})


def spans(text: str) -> list[tuple[int, str]]:
    """Each inline code span with its line, outside fenced blocks."""
    found, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            found += [(number, span) for span in re.findall(r"`([^`\n]+)`", line)]
    return found


@cache
def defined() -> frozenset[str]:
    """Every name defined at the top of a module or class in generator/ and tests/ (functions, classes, constants, fixtures)."""
    names: set[str] = set()
    for path in [*(ROOT / "generator").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    if isinstance(target, ast.Name):
                        names.add(target.id)
    return frozenset(names)


@cache
def modules() -> dict[str, list[str]]:
    """The project's modules by their last name: ``build`` -> ``["generator.run.build"]``."""
    found: dict[str, list[str]] = {}
    for path in (ROOT / "generator").rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.setdefault(parts[-1], []).append(".".join(parts))
    return found


def problem(span: str) -> str | None:
    """What is wrong with a code span that names something of the project, or None."""
    if span.startswith(("python -m generator ", ".venv/bin/python -m generator ")):
        command = span.split("generator ", 1)[1].split()[0]
        commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
        return None if command in commands else f"no command {command!r}"
    if " " in span or "…" in span:
        return None
    path = span.rstrip("/")
    if span.startswith(TOP) or span in TOP_FILES:
        pattern = re.sub(r"<[^>]+>", "*", path)
        return None if list(ROOT.glob(pattern)) else f"no file or folder {span}"
    if span.endswith(CODE_FILES) and "<" not in span and not span.startswith("."):  # `.md.jinja` is an ending, not a file
        return None if [p for p in ROOT.glob(f"**/{span}") if ".venv" not in p.parts] else f"no file named {span}"
    name = re.sub(r"\((\.\.\.)?\)$", "", span)
    if re.fullmatch(r"generator(\.\w+)+", name):
        module, _, attribute = name.rpartition(".")
        try:
            importlib.import_module(name)
            return None
        except ImportError:
            pass
        try:
            return None if hasattr(importlib.import_module(module), attribute) else f"{module} has no {attribute}"
        except ImportError:
            return f"no module {module}"
    if re.fullmatch(r"[\w.-]+\.(xml|csv|json|pdf|png|svg|zip|gz|yml|md|txt|toml|css|js|html)", name):
        return None  # a file's name (of the built site, or of the project: those are checked as paths)
    dotted = re.fullmatch(r"(\w+)\.(\w+)", name)
    if dotted and dotted.group(1) in modules():
        owners = [importlib.import_module(m) for m in modules()[dotted.group(1)]]
        return None if any(hasattr(m, dotted.group(2)) for m in owners) else f"no module {dotted.group(1)} with {dotted.group(2)}"
    looks_like_code = re.fullmatch(r"\w+", name) and ("_" in name.strip("_") or name != name.lower() or span.endswith(")"))
    if looks_like_code and name not in defined() and name not in ELSEWHERE:
        return f"nothing called {name} in generator/ or tests/"
    return None


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_name_a_document_gives_exists(document: Path) -> None:
    wrong = [f"{document.name}:{line}: `{span}`: {why}" for line, span in spans(document.read_text(encoding="utf-8")) if (why := problem(span))]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("build.generate", "no module build with generate"),
        ("build.build_language", "no module build with build_language"),
        ("generator/engines/kept.py", "no file or folder generator/engines/kept.py"),
        ("generator/publish/engines/kept.py", None),
        ("generator/locales/<code>/data.md.jinja", None),
        ("generator.run.build.build_site", None),
        ("generator.pdfload", "generator has no pdfload"),
        ("generator.compat.weasyprint.FOOTNOTES", None),
        ("load_project", None),
        ("generate_site()", "nothing called generate_site in generator/ or tests/"),
        ("Kind(...)", None),
        ("pdfload.py", "no file named pdfload.py"),
        ("kept.py", None),
        ("feed.xml", None),
        ("python -m generator publish", "no command 'publish'"),
        ("python -m generator changes --base origin/main", None),
        ("charts/<id>.zip", None),  # a file of the built site, not of the project
    ],
)
def test_the_check_finds_what_no_longer_exists(span: str, expected: str | None) -> None:
    assert problem(span) == expected


def test_the_readme_is_short() -> None:
    assert len((ROOT / "README.md").read_bytes()) <= 15_000
