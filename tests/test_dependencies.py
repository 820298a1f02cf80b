"""One source of truth for dependencies: pyproject.toml declares them, uv.lock pins them, and nothing is imported
that is not declared."""

from __future__ import annotations

import ast
import importlib.metadata
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def uv() -> str:
    found = Path(sys.executable).parent / "uv"
    if not found.exists():
        pytest.fail("uv is missing from the virtual environment: run bash .ci/setup --test")
    return str(found)


def lock_check(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([uv(), "lock", "--check", "--offline"], cwd=folder, capture_output=True, text=True, check=False, timeout=120)


def test_the_lock_is_up_to_date_with_the_declared_dependencies() -> None:
    run = lock_check(ROOT)
    assert run.returncode == 0, run.stderr


def test_a_stale_lock_is_refused(tmp_path: Path) -> None:
    for name in ("pyproject.toml", "uv.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    declared = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(declared.replace('"jieba>=0.42.1,<0.43"', '"jieba>=0.42.1,<0.42.2"'), encoding="utf-8")
    run = lock_check(tmp_path)
    assert run.returncode == 1
    assert "error: The lockfile at `uv.lock` needs to be updated, but `--check` was provided." in " ".join(run.stderr.split())


def declared(*extras: str) -> set[str]:
    names = [Requirement(line).name for line in PROJECT["dependencies"]]
    names += [Requirement(line).name for extra in extras for line in PROJECT["optional-dependencies"][extra]]
    return {name.lower().replace("_", "-") for name in names}


def imported(folder: Path) -> dict[str, str]:
    """The top-level modules that the Python files below ``folder`` import (not the project's own), each with a place."""
    found: dict[str, str] = {}
    local = {path.stem for path in folder.glob("*.py")} | {path.name for path in folder.iterdir() if path.is_dir()}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            for name in names:
                top = name.split(".")[0]
                if top and top not in sys.stdlib_module_names and top not in {"generator", *local}:
                    found.setdefault(top, f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}")
    return found


@pytest.mark.parametrize(("folder", "extras"), [("generator", ()), ("tests", ("test",))])
def test_every_package_the_code_imports_is_declared(folder: str, extras: tuple[str, ...]) -> None:
    distributions = importlib.metadata.packages_distributions()
    wanted = declared(*extras)
    missing = []
    for module, place in imported(ROOT / folder).items():
        names = {name.lower().replace("_", "-") for name in distributions.get(module, [])}
        if not names & wanted:
            missing.append(f"{place}: imports {module} ({', '.join(sorted(names)) or 'not installed'}), not declared in pyproject.toml")
    assert not missing, "\n".join(missing)


def test_mkdocs_stays_below_2() -> None:
    (mkdocs,) = [Requirement(line) for line in PROJECT["dependencies"] if Requirement(line).name == "mkdocs"]
    assert not mkdocs.specifier.contains("2.0") and mkdocs.specifier.contains("1.6.1")
