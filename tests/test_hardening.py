"""A build never destroys what it did not make, provenance cannot be fooled, and bad input gets one clear message."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, all_of, build_fixture_site, edit, edit_file
from helpers import tree_digest

from generator import cachefs
from generator.cli import main
from generator.errors import BuildError, ContentError, Problem
from generator.publish.outdir import MARKER

A = "pillars/alpha.yml"


# -- where a build may write ---------------------------------------------------------------------


def _project(minimal: Path) -> Path:
    for name in ("mkdocs.yml", "site_config.yml"):
        shutil.copy(ROOT / name, minimal / name)
    (minimal / "notes").mkdir()
    (minimal / "notes" / "todo.txt").write_text("my notes\n", encoding="utf-8")
    (minimal / "notes.txt").write_text("a file\n", encoding="utf-8")
    return minimal


@pytest.mark.parametrize(
    ("out", "why"),
    [
        (".", "is the project folder itself"),
        ("..", "contains the project folder"),
        ("content", "lies inside the project's content/ folder"),
        ("content/pillars/site", "lies inside the project's content/ folder"),
        ("generator", "lies inside the project's generator/ folder"),
        ("notes", f"is a folder that this project's build did not make (it has no {MARKER} file)"),
        ("notes.txt", "is a file, not a folder"),
    ],
)
def test_output_that_the_build_did_not_make_is_refused_and_untouched(
    minimal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, out: str, why: str
) -> None:
    project = _project(minimal)
    (project / "generator").mkdir()
    (project / "generator" / "keep.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.chdir(project)
    watched = project.parent if out == ".." else project
    before = tree_digest(watched)
    code = main(["--root", str(project), "build", "--no-pdf", "--out", out])
    _, err = capsys.readouterr()
    assert code == 1
    assert err == (
        f"build refused: --out {out} {why}\n    hint: choose a new folder, an empty one, or one an earlier build made (e.g. --out site); nothing was changed\n"
    )
    assert tree_digest(watched) == before


def test_a_link_as_output_is_refused(minimal: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = _project(minimal)
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "precious.txt").write_text("keep\n", encoding="utf-8")
    (project / "site").symlink_to(target)
    assert main(["--root", str(project), "build", "--no-pdf", "--out", str(project / "site")]) == 1
    assert "is a symbolic link" in capsys.readouterr().err
    assert (target / "precious.txt").read_text(encoding="utf-8") == "keep\n"


@pytest.mark.slow
def test_a_folder_an_earlier_build_made_is_replaced_with_normal_permissions(minimal: Path) -> None:
    site = build_fixture_site(minimal)
    assert (site / MARKER).is_file()
    (site / "stale.html").write_text("old\n", encoding="utf-8")
    site = build_fixture_site(minimal)
    assert not (site / "stale.html").exists()
    assert sorted(p.name for p in minimal.iterdir() if p.name.startswith(".site-")) == []  # no staging or backup left
    umask = os.umask(0o022)
    os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~umask  # not the 0700 of a temporary folder
    assert (site / "index.html").stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.slow
def test_an_empty_folder_is_accepted(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    assert main(["--root", str(_project(minimal)), "build", "--no-pdf", "--out", str(out)]) == 0
    assert (out / "index.html").is_file()


@pytest.mark.slow
def test_a_read_only_project_keeps_its_caches_elsewhere(minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root may write anywhere, so the read-only project is simulated: only the project refuses writes."""
    from generator.publish import outdir
    from generator.run.build import build_site

    project = _project(minimal)
    real_access = os.access
    monkeypatch.setattr(outdir.os, "access", lambda path, mode: False if Path(path) == project else real_access(path, mode))
    monkeypatch.setattr(outdir.tempfile, "gettempdir", lambda: str(tmp_path))
    before = tree_digest(project)
    build_site(project, tmp_path / "out", pdf=False)
    assert (tmp_path / "out" / "index.html").is_file()
    assert tree_digest(project) == before
    assert list(tmp_path.glob("bj-tracker-*/.cache/output/*/manifest.json"))


# -- stopping a build ------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _cmdline(pid: int) -> str:
    """A process's command line, or "" when it ended between being listed and being read."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "word", "code"), [(signal.SIGINT, "interrupted", 130), (signal.SIGTERM, "terminated", 143)])
def test_a_stopped_build_ends_its_worker_and_cleans_up(minimal: Path, sig: signal.Signals, word: str, code: int) -> None:
    """Ctrl-C reaches the whole process group; SIGTERM comes from a CI runner or a service manager."""
    project = _project(minimal)
    site = build_fixture_site(project)
    before = tree_digest(site)
    edit(
        project, A, "title: {zh: 示例实验室, en: Example laboratories}\n    indicators: [labs]", "title: {zh: 示例实验室, en: Example labs}\n    indicators: [labs]"
    )  # a changed chart title: the download worker has work to do
    shutil.rmtree(project / ".cache" / "charts")
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), "build", "--out", str(site)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    server: list[int] = []
    workers: list[int] = []
    while not workers and time.monotonic() < deadline and proc.poll() is None:
        server = [c for c in _children(proc.pid) if "multiprocessing.forkserver" in _cmdline(c)]
        workers = [w for s in server for w in _children(s)]  # the workers are forked from the server
        time.sleep(0.02)
    assert workers, "no language worker process started"
    os.killpg(proc.pid, sig) if sig == signal.SIGINT else proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err == f"{word}: build stopped, its work folders and worker processes cleaned up; the previous output was left unchanged.\n"
    assert "Traceback" not in err and out == ""
    time.sleep(0.2)
    assert not [w for w in workers if _alive(w)], "a worker process outlived the build"
    assert not [s for s in server if _alive(s)], "the workers' server outlived the build"
    assert tree_digest(site) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []
    assert list((project / ".build").iterdir()) == []


# -- work in worker processes ---------------------------------------------------------------------


def _double(n: int) -> int:
    return 2 * n


def _refuse(message: str) -> None:
    raise BuildError(message)


def _bad_content() -> None:
    raise ContentError([Problem("content/pillars/alpha.yml", 3, 5, "indicators[0]", "unknown key 'colour'", "allowed keys here: id, name")])


def _bug() -> None:
    raise ValueError("not a number")


def _die() -> None:
    os._exit(3)


def test_workers_answer_in_order_and_pass_errors_whole(capfd: pytest.CaptureFixture[str]) -> None:
    from functools import partial

    from generator.run import workers

    assert workers.run([partial(_double, n) for n in range(5)], jobs=2) == [0, 2, 4, 6, 8]
    with pytest.raises(BuildError) as refused:
        workers.run([partial(_double, 1), partial(_refuse, "chart 'x' (en, declared in alpha) could not be rendered: boom")], jobs=2)
    assert str(refused.value) == "chart 'x' (en, declared in alpha) could not be rendered: boom"
    with pytest.raises(ContentError) as content:
        workers.run([_bad_content, partial(_double, 1)], jobs=2)
    assert content.value.report() == (
        "content/pillars/alpha.yml:3:5 indicators[0]: unknown key 'colour'\n    hint: allowed keys here: id, name\n1 problem found; nothing was written."
    )
    with pytest.raises(BuildError) as bug:
        workers.run([_bug, partial(_double, 1)], jobs=2, names=["zh", "en"])
    assert str(bug.value) == "ValueError: not a number (in a build worker; its traceback is above)"
    assert 'raise ValueError("not a number")' in capfd.readouterr().err
    with pytest.raises(BuildError) as died:
        workers.run([partial(_double, 1), _die], jobs=2, names=["zh", "en"])
    assert str(died.value) == "the build worker for en ended without finishing (exit code 3)"


def _stamp(folder: Path, name: str, pause: float) -> list[str]:
    """Wait ``pause`` s, leave a file named ``name`` and answer which files were there before it."""
    import time

    time.sleep(pause)
    before = sorted(p.name for p in folder.iterdir())
    (folder / name).touch()
    return before


def test_a_worker_call_starts_after_the_call_it_waits_for(tmp_path: Path) -> None:
    """A call given another to wait for starts when that one has finished, however quickly a core became free; a
    call free to start meanwhile is started instead (the build's PDF and engine steps wait for their language's pages)."""
    from functools import partial

    from generator.run import workers

    calls = [
        partial(_stamp, tmp_path, "slow", 1.0),
        partial(_stamp, tmp_path, "quick", 0.0),
        partial(_stamp, tmp_path, "after-slow", 0.0),
        partial(_stamp, tmp_path, "free", 0.0),
    ]
    seen = workers.run(calls, jobs=2, after=[None, None, 0, None])
    assert "slow" in seen[2] and "free" in seen[2]  # the free call ran on the core the quick one left, before the slow one ended
    assert seen[3] == ["quick"]
    with pytest.raises(ValueError, match="a call may wait only for an earlier one"):
        workers.run(calls[:2], jobs=2, after=[1, None])


def _environment(name: str) -> str | None:
    return os.environ.get(name)


def _stderr_file() -> tuple[int, int]:
    found = os.fstat(2)
    return found.st_dev, found.st_ino


def test_workers_see_this_process_as_it_is_when_they_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers are forked from a server that started with the first build of the process; each still gets the
    environment, folder and standard error this process has when the worker starts (the settings a test or a
    command sets, the messages a caller captures)."""
    from functools import partial

    from generator.run import workers

    workers.start(2)  # running from here on, if it was not already
    monkeypatch.setenv("TRACKER_WORKER_PROBE", "set after the server started")
    monkeypatch.chdir(tmp_path)
    errors = tmp_path / "stderr"
    saved = os.dup(2)
    try:
        with errors.open("w") as stream:
            os.dup2(stream.fileno(), 2)
            seen = workers.run([partial(_environment, "TRACKER_WORKER_PROBE"), os.getcwd, _stderr_file], jobs=2)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    found = errors.stat()
    assert seen == ["set after the server started", str(tmp_path), (found.st_dev, found.st_ino)]


def test_build_options_refuse_a_bad_number_of_jobs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--jobs", "0"])
    assert "argument --jobs: '0' is not a whole number of processes, 1 or more" in capsys.readouterr().err


# -- caches that cannot poison a build -----------------------------------------------------------


@pytest.mark.slow
def test_damaged_cache_entries_are_misses(minimal: Path) -> None:
    import vl_convert as vlc

    project = _project(minimal)
    build_fixture_site(project)
    cache = project / ".cache"
    (manifest,) = cache.glob("output/*/manifest.json")
    manifest.write_text("", encoding="utf-8")  # emptied by a crash of an earlier version
    (bundle,) = cache.glob("charts/vega-bundle-*.js")
    bundle.write_bytes(bundle.read_bytes()[:1000])  # truncated
    for svg in cache.glob("charts/*.svg"):
        svg.write_text("<svg", encoding="utf-8")
    site = build_fixture_site(project)
    assert (site / "assets" / "javascripts" / "vega.js").read_text(encoding="utf-8") == vlc.javascript_bundle()
    for svg in (site / "charts").glob("*.svg"):
        assert svg.read_text(encoding="utf-8").rstrip().endswith("</svg>")


@pytest.mark.slow
def test_a_revised_figure_builds_again_only_its_charts_specs_and_no_citation(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chart specs (Altair) and formatted citations (citeproc-py) are kept on disk: the next build makes only what the change touches."""
    from conftest import revise

    from generator.charts import render as chart_render
    from generator.charts.registry import LAYOUTS
    from generator.render import cite

    project = _project(minimal)
    build_fixture_site(project, jobs=1)
    assert list((project / ".cache" / "charts" / "specs").glob("*.json")) and list((project / ".cache" / "citations").glob("*.json"))
    built: list[str] = []
    formatted: list[str] = []
    build_chart, entry = chart_render.build_chart, cite._entry
    monkeypatch.setattr(chart_render, "build_chart", lambda chart, *args, **kw: built.append(chart.id) or build_chart(chart, *args, **kw))
    monkeypatch.setattr(cite, "_entry", lambda item, *args: formatted.append(item) or entry(item, *args))
    edit(project, "sources/001.txt", "成交额9153.3亿元", "成交额9153.4亿元")  # a figure no chart draws
    edit(project, "pillars/alpha.yml", 'value: "9153.3"', 'value: "9153.4"')
    edit(project, "pillars/alpha.yml", "成交额9153.3亿元", "成交额9153.4亿元")
    build_fixture_site(project, jobs=1)
    assert (built, formatted) == ([], [])
    revise(project, "145", "150", "目前示例实验室145家", "目前示例实验室150家")  # the figure the chart draws
    site = build_fixture_site(project, jobs=1)
    assert built == ["labs-over-time"] * len(LAYOUTS) * 2  # each layout, in each language
    assert formatted == []  # no citation names a value
    assert "150" in (site / "charts" / "labs-over-time.vl.json").read_text(encoding="utf-8")


def test_cache_entries_are_whole_or_missing(tmp_path: Path) -> None:
    entry = tmp_path / "a.bin"
    assert cachefs.get(entry) is None
    cachefs.put(entry, b"data")
    assert cachefs.get(entry) == b"data"
    entry.write_bytes(b"dat")
    assert cachefs.get(entry) is None
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


# -- bad input: one clear message at the cause -------------------------------------------------------


_edit = edit_file
_both = all_of


def _source(mutate: Callable[[Path], None]) -> Callable[[Path], None]:
    return lambda project: mutate(project / "content" / "sources" / "001.txt")


def _replace_source(text: str) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        path.unlink()
        path.write_bytes(text.encode("latin-1") if "é" in text else text.encode("utf-8"))

    return _source(mutate)


def _append_to_source(text: str) -> Callable[[Path], None]:
    return _source(lambda p: p.write_text(p.read_text(encoding="utf-8") + text, encoding="utf-8"))


def _link_out(path: Path) -> None:
    path.unlink()
    path.symlink_to("/etc/hostname")


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _in_quote_and_source(old: str, new: str) -> Callable[[Path], None]:
    """Change a figure in the quote and in the archived text alike, so only the figure check can object."""
    return _both(_edit(A, old, new), _source(lambda p: p.write_text(p.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")))


CASES: list[tuple[str, Callable[[Path], None], str]] = [
    (
        "figure inside a year",
        _edit(A, 'value: "9153.3"', 'value: "2024"'),
        "content/pillars/alpha.yml:15:9 indicators[0].observations[0].value: figure '2024' does not occur in the quote with its unit …亿元 (yi-yuan)\n"
        "    hint: the quote must write it as 2024亿元; check the unit\n",
    ),
    (
        "figure inside a fraction",
        _both(_in_quote_and_source("占全国的25.1%", "占全国的1/7"), _edit(A, 'value: "120"', 'value: "7"'), _edit(A, 'national: {value: "25.1", form: percent}', "")),
        "content/pillars/alpha.yml:24:9 indicators[1].observations[0].value: figure '7' does not occur in the quote as a whole number\n"
        "    hint: write it exactly as in the quoted sentence; a figure inside a longer number, a year or a fraction (1/7) does not count\n",
    ),
    (
        "qualifier elsewhere in the sentence",
        _both(_in_quote_and_source("占全国的25.1%", "约占全国的25.1%"), _edit(A, 'value: "120"', 'value: "120"\n        qualifier: 约')),
        "content/pillars/alpha.yml:25:9 indicators[1].observations[0].qualifier: qualifier '约' is not attached to figure '120' in the quote\n"
        "    hint: the qualifier must be the word written with this figure\n",
    ),
    (
        "qualifier left out",
        _in_quote_and_source("示例实验室120家", "示例实验室120余家"),
        "content/pillars/alpha.yml:24:9 indicators[1].observations[0].value: the quote writes '余' with figure '120', but no qualifier is given\n"
        "    hint: add qualifier: 余\n",
    ),
    (
        "year against the quote",
        _edit(A, "        year: 2024\n", "        year: 2023\n"),
        "content/pillars/alpha.yml:16:9 indicators[0].observations[0].year: year 2023 does not agree with the quote, which names 2024\n"
        "    hint: set the year the quote gives, or quote the sentence that names this year\n",
    ),
    (
        "share above the whole",
        _both(_in_quote_and_source("占全国的25.1%", "占全国的125.1%"), _edit(A, '"25.1"', '"125.1"')),
        "content/pillars/alpha.yml:26:20 indicators[1].observations[0].national.value: a share of the national total cannot exceed 100% (found 125.1%)\n"
        "    hint: check the figure and its form against the quoted sentence\n",
    ),
    (
        "target value zero",
        _both(
            _edit("targets.yml", 'value: "8000"', 'value: "0"'),
            _edit("targets.yml", "超过8000亿元", "超过0亿元"),
            _append_to_source("技术合同成交额超过0亿元。\n"),
        ),
        "content/targets.yml:5:5 targets[0].value: target value '0' must be greater than zero\n    hint: progress is measured as a share of the target value\n",
    ),
    (
        "missing source text",
        _source(lambda p: p.unlink()),
        "content/sources.yml:5:5 sources[0].file: archived text sources/001.txt not found\n"
        "    hint: keep a copy of every source text under content/sources/ (looked for content/sources/001.txt)\n",
    ),
    (
        "empty source text",
        _replace_source("  \n"),
        "content/sources.yml:5:5 sources[0].file: archived text sources/001.txt is empty\n    hint: paste the full text of the document into the file\n",
    ),
    (
        "source text not UTF-8",
        _replace_source("abc\nrésumé\n"),
        "content/sources.yml:5:5 sources[0].file: archived text sources/001.txt is not valid UTF-8 (byte 0xe9 on line 2)\n    hint: save the text as UTF-8\n",
    ),
    (
        "source text linked from outside",
        _source(_link_out),
        "content/sources.yml:5:5 sources[0].file: archived text sources/001.txt is a symbolic link to a file outside the project (/etc/hostname)\n"
        "    hint: copy the file into the project instead of linking to it\n",
    ),
    (
        "source text is a pipe",
        _source(_fifo),
        "content/sources.yml:5:5 sources[0].file: archived text sources/001.txt is not a regular file (a pipe, device or folder)\n"
        "    hint: replace it with an ordinary file\n",
    ),
    (
        "misspelt source id in sources.yml",
        _edit("sources.yml", '- id: "001"', '- id: "010"'),
        "content/pillars/alpha.yml:3:11 heading.source: unknown source '001' (used 9 times; the first use is shown)\n"
        "    hint: did you mean '010'? Sources are defined in content/sources.yml; known: 010\n",
    ),
    (
        "unknown source type",
        _edit("sources.yml", "    type: article", "    type: articel"),
        "content/sources.yml:6:5 sources[0].type: unknown source type 'articel'\n"
        "    hint: did you mean 'article'? Source types are defined in the types: list of content/sources.yml; known: article\n",
    ),
    (
        "schema error does not hide a reference error",
        _both(_edit(A, "kind: time_series", "kind: timeseries"), _edit(A, "unit: organisations", "unit: organisation")),
        "content/pillars/alpha.yml:22:5 indicators[1].unit: unknown unit 'organisation'\n"
        "    hint: did you mean 'organisations'? Units are defined in content/units.yml; known: organisations, percent, yi-yuan\n"
        "content/pillars/alpha.yml:37:5 charts[0].kind: expected one of 'time_series', 'share_of_national', 'comparison', "
        "'composition' or 'target_progress', found text 'timeseries'\n"
        "    hint: did you mean 'time_series'?\n",
    ),
    (
        "very long id",
        _edit(A, "  - id: contracts\n", "  - id: " + "c" * 300 + "\n"),
        "content/pillars/alpha.yml:11:5 indicators[0].id: text 'ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc…' is too long (at most 64 characters)\n"
        "    hint: use a shorter id; it becomes part of file names and addresses\n"
        "content/targets.yml:10:5 targets[0].indicator: unknown indicator 'contracts'\n"
        "    hint: Indicators are defined in plan.yml and the pillar files\n",
    ),
    (
        "invisible title",
        _edit(A, "title: {zh: 抓示例, en: Example}", 'title: {zh: "\u200b\u200b", en: Example}'),
        "content/pillars/alpha.yml:2:9 title.zh: text has no visible character (only spaces or invisible characters such as U+200B)\n"
        "    hint: write the text; delete invisible characters copied with it\n",
    ),
    (
        "line separator",
        _edit(A, "title: {zh: 抓示例, en: Example}", "title: {zh: 抓\u2028示例, en: Example}"),
        "content/pillars/alpha.yml:2:14 invisible line separator U+2028: YAML reads it as a line break, so every later line number would be off\n"
        "    hint: delete it (it is often copied from web pages), or replace it with a space\n",
    ),
    (
        "full-width colon",
        _edit(A, "id: alpha", "id：alpha"),
        "content/pillars/alpha.yml:1:3 full-width colon '：' after key 'id': YAML needs an ASCII colon followed by a space\n"
        "    hint: write id: … (switch the input method to half-width for keys)\n",
    ),
    (
        "complex key",
        _edit(A, "id: alpha\n", "id: alpha\n? [1, 2]\n: x\n"),
        "content/pillars/alpha.yml:2:3 a key must be text, found a list\n    hint: write keys as plain words, e.g. id: …\n",
    ),
]


@pytest.mark.parametrize(("name", "mutate", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_message(minimal: Path, capsys: pytest.CaptureFixture[str], name: str, mutate: Callable[[Path], None], expected: str) -> None:
    mutate(minimal)
    code = main(["--root", str(minimal), "validate"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    count = sum(1 for line in expected.splitlines() if not line.startswith("    "))
    noun = "problem" if count == 1 else "problems"
    assert err == expected + f"{count} {noun} found; nothing was written.\n"


def test_missing_content_folder_names_a_real_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tmp_path), "validate"]) == 1
    assert capsys.readouterr().err == (
        "content:1:1 content folder not found\n"
        "    hint: run from the project root, or pass --root PATH (the folder that holds content/)\n"
        "site_config.yml:1:1 required file is missing\n    hint: restore it from git\n2 problems found; nothing was written.\n"
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ('https://x.github.io/r/"><script>', "the site address contains characters a web address cannot contain (spaces, quotes, < > or non-ASCII)"),
        ("javascript:alert(1)", "the site address must start with https:// (or http://) and name a host"),
        ("https://x.github.io/r/?a=1", "the site address cannot have a query (?…) or fragment (#…)"),
    ],
)
def test_site_url_must_be_a_web_address(minimal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str, message: str) -> None:
    monkeypatch.setenv("SITE_URL", url)
    assert main(["--root", str(_project(minimal)), "build", "--no-pdf"]) == 1
    assert capsys.readouterr().err.startswith(f"SITE_URL (environment):1:1 {message}: {url!r}\n")
    assert not (minimal / "site").exists()


@pytest.mark.slow
def test_what_validate_accepts_builds(minimal: Path) -> None:
    """A target written as a Chinese numeral (十) used to pass validation and crash the build."""
    edit(minimal, "targets.yml", 'value: "8000"', "value: 十")
    edit(minimal, "targets.yml", "quote: 技术合同成交额超过8000亿元", "quote: 技术合同成交额超过十亿元")
    source = minimal / "content" / "sources" / "001.txt"
    source.write_text(source.read_text(encoding="utf-8") + "技术合同成交额超过十亿元。\n", encoding="utf-8")
    site = build_fixture_site(minimal)
    assert "超过十亿元" in (site / "targets" / "index.html").read_text(encoding="utf-8")
