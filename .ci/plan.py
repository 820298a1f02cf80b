"""What `.ci/setup` installs on this machine, and how.

Reads /etc/os-release and looks at what the machine has (Python interpreters, system libraries, fonts, a
browser, Node.js), then prints the plan as shell assignments for `.ci/setup` to run, and says in words on
stderr what it will install and why. Runs on any Python 3, so that a machine whose `python3` is too old still
gets a clear message. `tests/test_setup.py` runs `plan()` on the os-release files of Debian 12 and 13 and
Ubuntu 22.04 and 24.04.

    python3 .ci/plan.py [--test]
"""

import os
import re
import shlex
import shutil
import subprocess
import sys

MIN_PYTHON = (3, 11)
MIN_NODE = (18, 16)  # Lighthouse 12 (tests/js/package-lock.json)
SUPPORTED = {("debian", "12"), ("debian", "13"), ("ubuntu", "22.04"), ("ubuntu", "24.04")}
LIBRARIES = {  # a shared library WeasyPrint needs -> the Debian and Ubuntu package that has it
    "libpango-1.0.so.0": "libpango-1.0-0",
    "libpangoft2-1.0.so.0": "libpangoft2-1.0-0",
    "libharfbuzz-subset.so.0": "libharfbuzz-subset0",  # WeasyPrint subsets fonts with HarfBuzz (fontTools otherwise: slower, other bytes)
}
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def os_release(text):
    """The fields of an os-release file."""
    fields = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Z_]+)=(.*)$", line.strip())
        if match:
            value = match.group(2)
            fields[match.group(1)] = shlex.split(value)[0] if value else ""
    return fields


def version_of(text):
    """The first dotted version number in a program's output, as a tuple of ints."""
    match = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text or "")
    return tuple(int(part) for part in match.groups() if part is not None) if match else None


def probe():
    """What this machine has: each fact that decides the plan."""

    def run(*command):
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=30, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return ""

    pythons = {}
    for name in ("python3.13", "python3.12", "python3.11", "python3"):
        path = shutil.which(name)
        if path and path not in pythons:
            found = run(path, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])")
            venv = run(path, "-c", "import venv, ensurepip; print('ok')").strip() == "ok"
            pythons[path] = {"version": version_of(found), "venv": venv}
    browsers = {}
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            real = os.path.realpath(path)
            try:
                with open(real, "rb") as handle:
                    head = handle.read(4096)
            except OSError:
                head = b""
            browsers[name] = {"path": path, "snap": real.startswith("/snap/") or (head.startswith(b"#!") and b"snap" in head)}
    ldconfig = next((path for path in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.path.exists(path)), shutil.which("ldconfig"))
    libraries = run(ldconfig, "-p") if ldconfig else ""
    node = shutil.which("node")
    return {
        "pythons": pythons,
        "browsers": browsers,
        "libraries": [name for name in LIBRARIES if name in libraries],
        "fonts": "Noto Sans CJK" in run("fc-list", ":", "family") if shutil.which("fc-list") else False,
        "fc-match": bool(shutil.which("fc-match")),
        "pdftotext": bool(shutil.which("pdftotext")),
        "node": version_of(run(node, "--version")) if node else None,
        "npm": bool(shutil.which("npm")),
    }


def plan(release, found, test):
    """What to install on a machine of ``release`` (os-release fields) that has what ``found`` says; ``test``: the test tools too.

    Returns a dict: ``system`` (its name), ``apt`` (packages), ``python`` (the interpreter for the virtual environment,
    or the name it will have once ``apt`` installed it), ``browser`` (how the tests get Chromium: ``found``, ``apt`` or
    ``playwright``), ``notes`` (what the plan does and why, in words) and ``problems`` (what stops it, with how to
    solve it)."""
    distro, version = release.get("ID", ""), release.get("VERSION_ID", "")
    system = release.get("PRETTY_NAME") or f"{distro} {version}".strip() or "an unknown system"
    apt, notes, problems = [], [], []
    if (distro, version) not in SUPPORTED:
        notes.append(f"{system} is not one of the systems this set-up is tested on (Debian 12 and 13, Ubuntu 22.04 and 24.04): trying as on Debian")

    good = [path for path, info in found["pythons"].items() if info["version"] and info["version"][:2] >= MIN_PYTHON]
    python = good[0] if good else None
    if python is None:
        if (distro, version) == ("ubuntu", "22.04"):
            python = "python3.11"
            apt += ["python3.11", "python3.11-venv"]
            notes.append("Python 3.11 from Ubuntu's python3.11 package (its python3 is 3.10)")
        else:
            seen = ", ".join(f"{path} {'.'.join(map(str, info['version'] or ()))}" for path, info in found["pythons"].items()) or "none"
            problems.append(
                f"Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed (found: {seen}): install it "
                "(e.g. `apt-get install python3.11 python3.11-venv`, or pyenv), then run this again"
            )
    elif not found["pythons"][python]["venv"]:
        major, minor = found["pythons"][python]["version"][:2]
        apt.append(f"python{major}.{minor}-venv")

    if not found["fonts"]:
        apt.append("fonts-noto-cjk")
    if not found["fc-match"]:
        apt.append("fontconfig")  # the share cards find Noto Sans CJK through it
    apt += [package for library, package in LIBRARIES.items() if library not in found["libraries"]]

    browser = None
    if test:
        if not found["pdftotext"]:
            apt.append("poppler-utils")
        usable = [name for name, info in found["browsers"].items() if not info["snap"]]
        for info in found["browsers"].values():
            if info["snap"]:
                notes.append(f"{info['path']} is a snap, which fails in containers and with a private /tmp: not used")
        if usable:
            browser = "found"
            notes.append(f"browser: {found['browsers'][usable[0]]['path']}")
        elif distro == "ubuntu":
            browser = "playwright"
            notes.append("browser: Playwright's own Chromium (Ubuntu's chromium package is only a snap shim), with the libraries it needs")
        else:
            browser = "apt"
            apt.append("chromium")
        if found["node"] is None or not found["npm"]:
            if (distro, version) == ("ubuntu", "22.04"):
                problems.append(
                    f"Node.js {'.'.join(map(str, MIN_NODE))} or newer is needed for the test tools (Lighthouse 12), and Ubuntu 22.04's "
                    "nodejs is 12: install Node.js 20 (e.g. from NodeSource, or with nvm), then run this again"
                )
            else:
                apt += ["nodejs", "npm"]
        elif found["node"][:2] < MIN_NODE:
            problems.append(
                f"Node.js {'.'.join(map(str, found['node']))} is too old for the test tools (Lighthouse 12 needs "
                f"{'.'.join(map(str, MIN_NODE))} or newer): install Node.js 20 (e.g. from NodeSource, or with nvm), then run this again"
            )
    if apt:
        notes.append("system packages: " + " ".join(apt))
    return {"system": system, "apt": apt, "python": python, "browser": browser, "notes": notes, "problems": problems}


def main(argv):
    test = "--test" in argv
    try:
        with open(os.environ.get("OS_RELEASE", "/etc/os-release"), encoding="utf-8") as handle:
            release = os_release(handle.read())
    except OSError:
        release = {}
    decided = plan(release, probe(), test)
    for line in decided["notes"]:
        print(f"setup: {line}", file=sys.stderr)
    for line in decided["problems"]:
        print(f"setup: {line}", file=sys.stderr)
    if decided["problems"]:
        return 1
    print(f"APT_PACKAGES={shlex.quote(' '.join(decided['apt']))}")
    print(f"PYTHON={shlex.quote(decided['python'] or '')}")
    print(f"BROWSER_ROUTE={shlex.quote(decided['browser'] or '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
