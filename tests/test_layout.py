"""The shape of the package: no import circles (imports inside functions count, ``if TYPE_CHECKING:`` blocks do not),
and a short list of modules at the top of generator/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, known: set[str], name: str | None = None) -> set[str]:
    """The project's modules that ``path`` (the module ``name``) imports anywhere but in an ``if TYPE_CHECKING:`` block."""
    name = name or module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If) and ast.unparse(block.test).endswith("TYPE_CHECKING") for node in ast.walk(block)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        for imported in names:
            while imported and imported not in known:
                imported = imported.rpartition(".")[0]
            if imported:
                found.add(imported)
    return found - {name}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    paths = {module_name(path): path for path in GENERATOR.rglob("*.py")}
    graph = {name: imports(path, set(paths)) for name, path in paths.items()}
    assert circles(graph) == []


def test_circles_are_found_through_imports_inside_functions(tmp_path: Path) -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from generator.x import A\ndef f():\n    from generator.y import b\n"
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    assert imports(path, {"generator.x", "generator.y", "generator.probe"}, "generator.probe") == {"generator.y"}


def test_at_most_eight_modules_at_the_top_of_the_package() -> None:
    top = sorted(path.name for path in GENERATOR.glob("*.py"))
    assert len(top) <= 8, top
