"""What `.ci/setup` installs on each supported system: the plan of `.ci/plan.py` for the os-release files of
Debian 12 and 13 and Ubuntu 22.04 and 24.04, on a fresh machine of each and on machines that have some of it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
RELEASES = Path(__file__).resolve().parent / "fixtures" / "os-release"
_spec = importlib.util.spec_from_file_location("ci_plan", ROOT / ".ci" / "plan.py")
assert _spec and _spec.loader
ci_plan: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ci_plan)

WEASYPRINT_LIBRARIES = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]


def fresh(python: tuple[int, ...], node: tuple[int, ...] | None = None, browsers: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """A machine as the system installs it: its python3 without venv, nothing else the project needs."""
    return {
        "pythons": {"/usr/bin/python3": {"version": python, "venv": False}},
        "browsers": browsers or {},
        "libraries": [],
        "fonts": False,
        "fc-match": False,
        "pdftotext": False,
        "node": node,
        "npm": node is not None,
    }


def release(name: str) -> dict[str, str]:
    return ci_plan.os_release((RELEASES / name).read_text(encoding="utf-8"))


def test_debian_12() -> None:
    assert ci_plan.plan(release("debian-12"), fresh((3, 11, 2)), test=True) == {
        "system": "Debian GNU/Linux 12 (bookworm)",
        "apt": ["python3.11-venv", "fonts-noto-cjk", "fontconfig", *WEASYPRINT_LIBRARIES, "poppler-utils", "chromium", "nodejs", "npm"],
        "python": "/usr/bin/python3",
        "browser": "apt",
        "notes": ["system packages: python3.11-venv fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils chromium nodejs npm"],
        "problems": [],
    }


def test_debian_13_builds_without_the_test_tools() -> None:
    decided = ci_plan.plan(release("debian-13"), fresh((3, 13, 5)), test=False)
    assert (decided["apt"], decided["python"], decided["browser"], decided["problems"]) == (
        ["python3.13-venv", "fonts-noto-cjk", "fontconfig", *WEASYPRINT_LIBRARIES],
        "/usr/bin/python3",
        None,
        [],
    )
    assert decided["system"] == "Debian GNU/Linux 13 (trixie)"


def test_ubuntu_22_04_gets_python_3_11_and_playwrights_chromium_but_needs_a_newer_node_for_the_tests() -> None:
    build = ci_plan.plan(release("ubuntu-22.04"), fresh((3, 10, 12)), test=False)
    assert (build["apt"], build["python"], build["problems"]) == (
        ["python3.11", "python3.11-venv", "fonts-noto-cjk", "fontconfig", *WEASYPRINT_LIBRARIES],
        "python3.11",
        [],
    )
    assert "Python 3.11 from Ubuntu's python3.11 package (its python3 is 3.10)" in build["notes"]
    test = ci_plan.plan(release("ubuntu-22.04"), fresh((3, 10, 12), node=(12, 22, 9)), test=True)
    assert test["browser"] == "playwright" and "chromium" not in test["apt"]
    assert test["problems"] == [
        "Node.js 12.22.9 is too old for the test tools (Lighthouse 12 needs 18.16 or newer): install Node.js 20 (e.g. from NodeSource, or with nvm), then run this again"
    ]
    assert ci_plan.plan(release("ubuntu-22.04"), fresh((3, 10, 12)), test=True)["problems"] == [
        "Node.js 18.16 or newer is needed for the test tools (Lighthouse 12), and Ubuntu 22.04's nodejs is 12: "
        "install Node.js 20 (e.g. from NodeSource, or with nvm), then run this again"
    ]


def test_ubuntu_24_04_skips_the_snap_chromium() -> None:
    snap = {"chromium-browser": {"path": "/usr/bin/chromium-browser", "snap": True}}
    decided = ci_plan.plan(release("ubuntu-24.04"), fresh((3, 12, 3), browsers=snap), test=True)
    assert decided["apt"] == ["python3.12-venv", "fonts-noto-cjk", "fontconfig", *WEASYPRINT_LIBRARIES, "poppler-utils", "nodejs", "npm"]
    assert decided["browser"] == "playwright"
    assert decided["notes"][:2] == [
        "/usr/bin/chromium-browser is a snap, which fails in containers and with a private /tmp: not used",
        "browser: Playwright's own Chromium (Ubuntu's chromium package is only a snap shim), with the libraries it needs",
    ]


def test_an_installed_chrome_is_used_on_ubuntu() -> None:
    chrome = {"google-chrome": {"path": "/usr/bin/google-chrome", "snap": False}}
    decided = ci_plan.plan(release("ubuntu-24.04"), fresh((3, 12, 3), node=(20, 19, 0), browsers=chrome), test=True)
    assert decided["browser"] == "found" and "browser: /usr/bin/google-chrome" in decided["notes"]


def test_a_machine_that_has_everything_installs_nothing() -> None:
    found = {
        "pythons": {"/usr/bin/python3.12": {"version": (3, 12, 3), "venv": True}, "/usr/bin/python3": {"version": (3, 10, 12), "venv": False}},
        "browsers": {"chromium": {"path": "/usr/bin/chromium", "snap": False}},
        "libraries": list(ci_plan.LIBRARIES),
        "fonts": True,
        "fc-match": True,
        "pdftotext": True,
        "node": (20, 19, 0),
        "npm": True,
    }
    decided = ci_plan.plan(release("ubuntu-22.04"), found, test=True)
    assert (decided["apt"], decided["python"], decided["browser"], decided["problems"]) == ([], "/usr/bin/python3.12", "found", [])


def test_no_python_that_is_new_enough_is_said_plainly() -> None:
    decided = ci_plan.plan({"ID": "fedora", "VERSION_ID": "40", "PRETTY_NAME": "Fedora Linux 40"}, fresh((3, 10, 4)), test=False)
    assert decided["problems"] == [
        "Python 3.11 or newer is needed (found: /usr/bin/python3 3.10.4): install it (e.g. `apt-get install python3.11 python3.11-venv`, or pyenv), then run this again"
    ]
    assert decided["notes"][0].startswith("Fedora Linux 40 is not one of the systems this set-up is tested on")


@pytest.mark.parametrize("name", ["debian-12", "debian-13", "ubuntu-22.04", "ubuntu-24.04"])
def test_the_fixtures_are_the_systems_they_name(name: str) -> None:
    fields = release(name)
    assert f"{fields['ID']}-{fields['VERSION_ID']}" == name


def test_the_plan_of_this_machine_prints_assignments_for_the_shell() -> None:
    run = subprocess.run([sys.executable, str(ROOT / ".ci" / "plan.py")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert [line.split("=", 1)[0] for line in run.stdout.splitlines()] == ["APT_PACKAGES", "PYTHON", "BROWSER_ROUTE"]
