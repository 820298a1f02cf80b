"""The patches of other packages' internals: all in generator/compat/, each applied only on the versions it was verified
against, and those versions the ones the project pins."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from generator.compat import PATCHES, Patch

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"


def pins(lock: str) -> dict[str, str]:
    """The exact version uv.lock pins of each package, by its normalised name."""
    return {package["name"].lower().replace("_", "-"): package["version"] for package in tomllib.loads(lock)["package"] if "version" in package}


def unverified(lock: str, patches: tuple[Patch, ...]) -> list[str]:
    """For each patch whose library is pinned at a version it was not verified against, what to do about it."""
    pinned = pins(lock)
    problems = []
    for patch in patches:
        version = pinned.get(patch.library)
        if version not in patch.verified:
            problems.append(
                f"{patch.library} is pinned at {version or '(no exact pin)'} in uv.lock, but its patch {patch.name!r} "
                f"(generator/compat/) was verified against {', '.join(patch.verified)} only: check the patch on {version} "
                f"(its tests compare its output with the library's own) and add the version to its verified versions, or delete the patch"
            )
    return problems


def test_every_patched_library_is_pinned_at_a_version_its_patches_were_verified_against() -> None:
    problems = unverified((ROOT / "uv.lock").read_text(encoding="utf-8"), PATCHES)
    assert not problems, "\n".join(problems)


def test_a_bumped_pin_names_the_library_and_its_patch() -> None:
    lock = (ROOT / "uv.lock").read_text(encoding="utf-8")
    (footnotes,) = [patch for patch in PATCHES if patch.name == "footnote-area"]
    version = pins(lock)["weasyprint"]
    other = "999.0"  # a version no patch was verified against, whatever the lock pins
    bumped = lock.replace(f'name = "weasyprint"\nversion = "{version}"', f'name = "weasyprint"\nversion = "{other}"')
    assert bumped != lock
    assert [line for line in unverified(bumped, PATCHES) if "'footnote-area'" in line] == [
        f"weasyprint is pinned at {other} in uv.lock, but its patch 'footnote-area' (generator/compat/) was verified against "
        f"{', '.join(footnotes.verified)} only: check the patch on {other} (its tests compare its output with the library's own) and add "
        "the version to its verified versions, or delete the patch"
    ]
    assert {line.split(" ")[0] for line in unverified(bumped, PATCHES)} == {"weasyprint"}


def test_every_patch_says_what_it_changes_and_gains() -> None:
    assert len({(patch.library, patch.name) for patch in PATCHES}) == len(PATCHES)
    for patch in PATCHES:
        assert patch.verified and patch.changes and patch.gain, patch.name
        assert patch.installed() in patch.verified, f"{patch.library} {patch.installed()} is installed; {patch.name} was verified on {patch.verified}"


# Run with every library at a version no patch was verified against: each patch's entry point leaves the library as it is.
_UNVERIFIED = """
import importlib.metadata, logging, sys
real = importlib.metadata.version
importlib.metadata.version = lambda name: "0.0.0-unverified"
from generator.compat import citeproc, material, mkdocs, weasyprint

import citeproc.model as cm, weasyprint.layout as wl, weasyprint.pdf.fonts as wf, mkdocs.utils as mu, mkdocs.structure.pages as mp
import material.plugins.search.plugin as sp
before = [cm.Text.calls_variable, wl.LayoutContext._update_footnote_area, wf.ffi, mu.write_file, mp.Page.render, sp.SearchIndex.add_entry_from_context, sp.jieba]
for _ in range(2):  # a second call warns no more
    weasyprint.quicker_footnotes(); weasyprint.quicker_subsetting(); citeproc.quicker_citeproc.__wrapped__()
    with mkdocs.page_rendering(None) as a, mkdocs.file_writing(None, None) as b, material.search_indexing(None) as c, material.search_words(None) as d:
        assert (a, b, c, d) == (False, False, False, False)
        during = [cm.Text.calls_variable, wl.LayoutContext._update_footnote_area, wf.ffi, mu.write_file, mp.Page.render, sp.SearchIndex.add_entry_from_context, sp.jieba]
        assert all(x is y for x, y in zip(before, during)), "a patch was applied"
print("unchanged")
"""


def test_on_a_version_not_verified_no_patch_is_applied_and_each_says_so_once() -> None:
    run = subprocess.run([sys.executable, "-c", _UNVERIFIED], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "unchanged\n"
    lines = run.stderr.splitlines()
    assert len(lines) == len(PATCHES), run.stderr
    for patch, line in zip(sorted(PATCHES, key=lambda p: p.name), sorted(lines, key=lambda line: line.split("'")[1]), strict=True):
        assert line == (
            f"warning: {patch.library} 0.0.0-unverified is not a version the patch '{patch.name}' was verified against "
            f"({', '.join(patch.verified)}): {patch.library}'s own behaviour runs, which may be slower"
        )


# Made to be assigned: Python's documented hooks. (pikepdf's dictionaries, ``pdf.Root.Outlines = …``, are a PDF's data: capitalised keys.)
HOOKS = ("sys.unraisablehook", "sys.excepthook", "sys.displayhook", "sys.breakpointhook")


def foreign_changes(source: str, path: str) -> list[str]:
    """Places in ``source`` that change another package: an assignment to (or ``setattr`` on, or ``del`` of) an attribute of
    an imported name that is not the project's, a write to ``sys.modules``, an assignment to a private attribute of
    anything but ``self`` or ``cls``, and, since an object's type is not known from the code, what replaces a method of
    an object it was given: a function assigned to an attribute, or an attribute of an object's attribute
    (``config.theme.get_env = …``; a PDF's capitalised keys in pikepdf are its data, not methods)."""
    tree = ast.parse(source)
    foreign = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            foreign |= {(alias.asname or alias.name).split(".")[0] for alias in node.names if alias.name.split(".")[0] != "generator"}
        elif isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] != "generator":
            foreign |= {alias.asname or alias.name for alias in node.names}

    def root(node: ast.expr) -> str | None:
        while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
            node = node.func if isinstance(node, ast.Call) else node.value
        return node.id if isinstance(node, ast.Name) else None

    found = []

    def check(target: ast.expr, line: int, value: ast.expr | None = None) -> None:
        if isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                check(element, line)
        elif isinstance(target, ast.Subscript) and ast.unparse(target.value) == "sys.modules":
            found.append(f"{path}:{line}: writes {ast.unparse(target)}")
        elif isinstance(target, ast.Attribute):
            name = root(target.value)
            if ast.unparse(target) in HOOKS:
                return
            if name in foreign:
                found.append(f"{path}:{line}: assigns {ast.unparse(target)}")
            elif target.attr.startswith("_") and not target.attr.startswith("__") and name not in ("self", "cls"):
                found.append(f"{path}:{line}: assigns the private {ast.unparse(target)}")
            elif name not in ("self", "cls") and (isinstance(value, ast.Lambda) or (isinstance(target.value, ast.Attribute) and target.attr[:1].islower())):
                found.append(f"{path}:{line}: replaces {ast.unparse(target)}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                check(target, node.lineno, node.value)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            check(node.target, node.lineno)
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                check(target, node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr") and node.args:
            if ast.unparse(node.args[0]) not in ("self", "cls"):
                found.append(f"{path}:{node.lineno}: {node.func.id}({ast.unparse(node.args[0])}, …)")
        elif isinstance(node, ast.Call) and ast.unparse(node.func).startswith(("sys.modules.", "monkeypatch.")):
            found.append(f"{path}:{node.lineno}: {ast.unparse(node.func)}(…)")
    return found


def test_nothing_outside_compat_changes_another_package() -> None:
    found = []
    for path in sorted(GENERATOR.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if not relative.startswith("generator/compat/"):
            found += foreign_changes(path.read_text(encoding="utf-8"), relative)
    assert not found, "move these to generator/compat/ (with the versions they were verified against), or delete them:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import weasyprint.pdf.fonts\nweasyprint.pdf.fonts.ffi = None\n", "x.py:2: assigns weasyprint.pdf.fonts.ffi"),
        ("from weasyprint.layout import LayoutContext\nLayoutContext._update = f\n", "x.py:2: assigns LayoutContext._update"),
        ("import sys\nsys.modules['pkg_resources'] = None\n", "x.py:2: writes sys.modules['pkg_resources']"),
        ("def f(cls, name, value):\n    setattr(owner, name, value)\n", "x.py:2: setattr(owner, …)"),
        ("def f(page):\n    page._title_from_render = 't'\n", "x.py:2: assigns the private page._title_from_render"),
        ("def f(config, env):\n    config.theme.get_env = lambda: env\n", "x.py:2: replaces config.theme.get_env"),
        ("def f(env):\n    env.list_templates = lambda: []\n", "x.py:2: replaces env.list_templates"),
        ("def f(server):\n    server.build_delay = 0\n", ""),  # an attribute of an object it was given: not told from the code
        ("import pikepdf\ndef f(pdf):\n    pdf.Root.Outlines = pikepdf.Dictionary()\n", ""),
        ("import sys\nsys.unraisablehook = hook\n", ""),
        ("import material.plugins.search.plugin as search\nsearch.jieba = kept\n", "x.py:2: assigns search.jieba"),
        ("class A:\n    def f(self):\n        self._x = 1\n", ""),
    ],
)
def test_the_scan_finds_each_kind_of_change(source: str, expected: str) -> None:
    assert foreign_changes(source, "x.py") == ([expected] if expected else [])
