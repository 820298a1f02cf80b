"""Command line: help with examples, serve's regeneration keeps the last good pages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, edit, revise

from generator.cli import main
from generator.run import serve
from generator.run.serve import regenerate


@pytest.mark.parametrize("command", ["validate", "build", "serve", "schema"])
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert f"example: python -m generator {command}" in out


def test_top_level_help_lists_commands() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], cwd=ROOT, capture_output=True, text=True, check=True)
    for command in ("validate", "build", "serve", "schema"):
        assert command in result.stdout
    assert "examples:" in result.stdout


@pytest.mark.slow
def test_serve_regeneration_keeps_last_good_pages_on_error(minimal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    for name in ("mkdocs.yml", "site_config.yml"):  # the other language is built by the engine
        shutil.copy(ROOT / name, minimal / name)
    docs = tmp_path / "docs"
    docs.mkdir()
    assert regenerate(minimal, docs, "zh", others=["en"])
    page = docs / "pillars" / "alpha" / "index.md"
    english = docs / "en" / "pillars" / "alpha" / "index.html"  # the other language, built by the engine
    before = page.read_text(encoding="utf-8")
    assert '<html lang="en"' in english.read_text(encoding="utf-8")
    edit(minimal, "pillars/alpha.yml", "    unit: yi-yuan\n", "    unit: yi-yuan\n    colour: red\n")
    assert regenerate(minimal, docs, "zh", others=["en"]) is None
    err = capsys.readouterr().err
    assert "content/pillars/alpha.yml:14:5 indicators[0].colour: unknown key 'colour'" in err
    shown = page.read_text(encoding="utf-8")  # the last good page, with the error in a banner at its top
    front, _, body = before.partition("\n---\n\n")
    banner = shown[len(front) + 6 : shown.index(body)]
    assert shown.startswith(front + "\n---\n\n") and shown.endswith(body)
    assert banner.startswith(serve.BANNER) and "content/pillars/alpha.yml:14:5 indicators[0].colour: unknown key &#x27;colour&#x27;" in banner
    assert all(serve.BANNER in p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))
    assert "unknown key &#x27;colour&#x27;" in english.read_text(encoding="utf-8").split(serve.BANNER)[1]  # in the English pages too
    assert regenerate(minimal, docs, "zh", others=["en"]) is None  # a second error replaces the banner, never stacks it
    assert page.read_text(encoding="utf-8").count(serve.BANNER) == 2
    assert english.read_text(encoding="utf-8").count(serve.BANNER) == 2
    edit(minimal, "pillars/alpha.yml", "    colour: red\n", "")
    edit(minimal, "pillars/alpha.yml", "title: {zh: 抓示例, en: Example}", "title: {zh: 抓新示例, en: Example}")
    assert regenerate(minimal, docs, "zh", others=["en"])
    assert "# 抓新示例" in page.read_text(encoding="utf-8")
    assert not any(serve.BANNER in p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))  # the next good save recovers
    assert serve.BANNER not in english.read_text(encoding="utf-8") and "Example" in english.read_text(encoding="utf-8")


def test_bench_table_shows_only_the_sections_run() -> None:
    """``--only history`` measures the history alone: its table has that section, the machine line and no goals it did not measure."""
    from bench.run import table

    build = {"seconds": 30.0}
    machine = {"cpus": 2, "platform": "Linux", "python": "3.11", "load_at_start": [0.5, 0.4, 0.3]}
    results = {"machine": machine, "history": {"editions": 3, "scale": 2, "without": build, "with": {"seconds": 31.5}}}
    text = table(results)
    assert "machine: 2 CPUs, Linux, Python 3.11; load average at start [0.5, 0.4, 0.3]" in text
    assert "history: 3 editions at 2×" in text and "(+5.0%)" in text
    assert "cold builds" not in text and "scale    pages" not in text and text.endswith("goals")


def test_bench_goal_lines_say_which_goals_are_not_met() -> None:
    from bench.run import goals_met

    results = {
        "real": {
            "ratios": {
                "warm_generator_work_vs_bare_mkdocs": 0.04,
                "per_chart_cost_vs_floor": 1.4,
                "cold_vs_sum_of_floors": 0.92,
                "one_figure_changed_vs_cold": 0.55,
            }
        },
        "scale": {
            "1": {"seconds": 10.0},
            "10": {"seconds": 120.0, "time_ratio_vs_1x": 12.0, "peak_mib": 500.0},
            "50": {"seconds": 300.0, "time_ratio_vs_1x": 30.0, "peak_mib": 2211.0},
        },
        "page_weight": {"pillars/parks/index.html": {"gzip_bytes": 142 * 1024}},
        "lighthouse": {"en/": {"performance": 97.0, "accessibility": 100.0, "best-practices": 100.0, "seo": 100.0}},
    }
    assert goals_met(results) == [
        ("warm rebuild generator work 4.0% of bare MkDocs ≤ 10%", True),
        ("per-chart cost 1.40× the vl-convert floor ≤ 1.3×", False),
        ("cold build 0.92× the sum of its floors ≤ 1×", True),
        ("one figure changed 55% of a cold build ≤ 40%", False),
        ("10× data in 12.0× the time ≤ 11×", False),
        ("50× data in 30.0× the time ≤ 55×", True),
        ("50× cold build 300 s ≤ 120 s", False),
        ("peak memory at 50× 2211 MiB < 1024 MiB", False),
        ("pillars/parks/index.html transfers 142 KB ≤ 300 KB", True),
        ("Lighthouse en/ 97/100/100/100 = 100/100/100/100", False),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_serve_regeneration_updates_the_nav_when_a_pillar_is_added(minimal: Path, tmp_path: Path, engine: str) -> None:
    import shutil

    import yaml

    for name in ("mkdocs.yml", "site_config.yml"):
        shutil.copy(ROOT / name, minimal / name)
    docs, config = tmp_path / "docs", tmp_path / f"{engine}.zh.yml"
    docs.mkdir()
    assert regenerate(minimal, docs, "zh", config, engine)
    beta = (minimal / "content" / "pillars" / "alpha.yml").read_text(encoding="utf-8")
    for old, new in [
        ("id: alpha", "id: beta"),
        ("title: {zh: 抓示例, en: Example}", "title: {zh: 抓新例, en: New example}"),
        ("id: labs-over-time", "id: beta-labs"),
        ("id: contracts", "id: contracts-b"),  # indicator ids are unique across files
        ("id: labs\n", "id: labs-b\n"),
        ("[labs]", "[labs-b]"),
    ]:
        beta = beta.replace(old, new)
    (minimal / "content" / "pillars" / "beta.yml").write_text(beta, encoding="utf-8")
    edit(minimal, "plan.yml", "pillars: [alpha]", "pillars: [alpha, beta]")
    assert regenerate(minimal, docs, "zh", config, engine)
    nav = yaml.safe_load(config.read_text(encoding="utf-8"))["nav"]
    assert {"抓新例": "pillars/beta/index.md"} in next(v for item in nav for k, v in item.items() if isinstance(v, list) and "pillars/alpha/index.md" in str(v))
    assert (docs / "pillars" / "beta" / "index.md").is_file()


def _work_folders(tmp_path: Path) -> set[Path]:
    """The preview's work folders: under the test's folder (the project's .build/, or TMPDIR), or in memory."""
    from generator.publish.outdir import MEMORY

    return {*tmp_path.glob("**/serve-*"), *MEMORY.glob("serve-*")}


def test_the_preview_works_in_memory_when_there_is_room(minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the memory folder when it has room and no TMPDIR is chosen; else in the project's .build/ (if a build made one),
    or in TMPDIR."""
    import shutil

    from generator.publish import outdir

    memory, chosen = tmp_path / "memory", tmp_path / "chosen"
    memory.mkdir(), chosen.mkdir()
    monkeypatch.setattr(outdir, "MEMORY", memory)
    monkeypatch.delenv("TMPDIR", raising=False)
    assert outdir.work_dir(minimal, "serve-").parent == memory
    monkeypatch.setattr(outdir, "MEMORY_ROOM", 1 << 62)  # more than any disk has free
    (minimal / ".build").mkdir()
    assert outdir.work_dir(minimal, "serve-").parent == minimal / ".build"
    monkeypatch.setattr(outdir, "MEMORY_ROOM", 0)
    monkeypatch.setenv("TMPDIR", str(chosen))
    monkeypatch.setattr(outdir.tempfile, "tempdir", None)  # tempfile reads TMPDIR once
    shutil.rmtree(minimal / ".build")
    assert outdir.work_dir(minimal, "serve-").parent == chosen


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_serve_previews_the_site_and_cleans_up(minimal: Path, tmp_path: Path, engine: str) -> None:
    """``serve --engine`` answers with the pillar page in both languages, serves a revised figure after the save, shows a content
    error on every page of both languages until the next good save, and Ctrl-C leaves no work folder behind."""
    import shutil
    import signal
    import time
    import urllib.request

    from bench.browser import free_port

    for name in ("mkdocs.yml", "site_config.yml"):
        shutil.copy(ROOT / name, minimal / name)
    port = free_port()
    before = _work_folders(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(minimal), "serve", "--engine", engine, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    try:
        body = ""
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/pillars/alpha/", timeout=2) as response:
                    body = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert "抓示例" in body, proc.stderr.read() if proc.poll() is not None and proc.stderr else "no answer"
        revise(minimal, "145", "150", "目前示例实验室145家", "目前示例实验室150家")  # a maintainer saves a revised figure

        def page(path: str) -> str:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                    return str(response.read().decode("utf-8"))
            except OSError:  # Zensical's server does not answer while it rebuilds
                return ""

        for _ in range(240):
            body = page("/pillars/alpha/")
            if "目前示例实验室150家" in body:
                break
            time.sleep(0.5)
        assert "目前示例实验室150家" in body and "The preview was not updated" not in body, "the preview never showed the revised figure"
        for _ in range(120):  # both languages in one preview: the language links work
            english = page("/en/pillars/alpha/")
            if "目前示例实验室150家" in english:  # the source sentence, quoted on the English page too
                break
            time.sleep(0.5)
        assert '<html lang="en"' in english and "目前示例实验室150家" in english
        edit(minimal, "pillars/alpha.yml", "    unit: yi-yuan\n", "    unit: yi-yuan\n    colour: red\n")  # a mistake: both languages say so
        shown = {path: "" for path in ("/pillars/alpha/", "/en/pillars/alpha/", "/method/")}
        for _ in range(120):
            shown = {path: page(path) for path in shown}
            if all("The preview was not updated" in body for body in shown.values()):
                break
            time.sleep(0.5)
        assert all("unknown key &#x27;colour&#x27;" in body for body in shown.values()), {path: body[-500:] for path, body in shown.items()}
        edit(minimal, "pillars/alpha.yml", "    colour: red\n", "")  # the next good save recovers
        for _ in range(120):
            shown = {path: page(path) for path in shown}
            if all(body and "The preview was not updated" not in body for body in shown.values()):
                break
            time.sleep(0.5)
        assert all(body and "The preview was not updated" not in body for body in shown.values())
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert _work_folders(tmp_path) == before
    err = proc.stderr.read() if proc.stderr else ""
    assert f"previewing at http://127.0.0.1:{port}/ (Ctrl-C stops)" in err and "Traceback" not in err, err[-3000:]
    assert "regenerated after change to content/pillars/alpha.yml" in err


def test_serve_survives_a_template_error(minimal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    from generator.run import serve

    docs = tmp_path / "docs"
    docs.mkdir()
    assert regenerate(minimal, docs, "zh")
    page = (docs / "pillars" / "alpha" / "index.md").read_text(encoding="utf-8")

    def broken(*args: object) -> None:
        raise jinja2.TemplateSyntaxError("unexpected '}'", 3)

    with monkeypatch.context() as patch:
        patch.setattr(serve, "_generate", broken)
        assert regenerate(minimal, docs, "zh") is None
    err = capsys.readouterr().err
    assert err == (
        "preview could not be regenerated: TemplateSyntaxError: unexpected '}'\n  line 3\npreview keeps the last good pages; fix the problem and save again.\n"
    )
    shown = (docs / "pillars" / "alpha" / "index.md").read_text(encoding="utf-8")
    assert serve.BANNER in shown and "TemplateSyntaxError: unexpected &#x27;}&#x27;" in shown and shown.endswith(page.partition("\n---\n\n")[2])

    def bug(*args: object) -> None:  # not a template error: the watcher survives it all the same
        raise TypeError("unsupported operand type(s) for +: 'int' and 'str'")

    with monkeypatch.context() as patch:
        patch.setattr(serve, "_generate", bug)
        assert regenerate(minimal, docs, "zh") is None
    assert "preview could not be regenerated: TypeError: unsupported operand" in capsys.readouterr().err
    assert regenerate(minimal, docs, "zh")  # the next good save recovers
    assert (docs / "pillars" / "alpha" / "index.md").read_text(encoding="utf-8") == page


@pytest.mark.slow
def test_an_edit_regenerates_only_the_pages_and_charts_that_use_the_figure(minimal: Path, tmp_path: Path) -> None:
    """The preview renders every page but writes only those whose text changed, and draws only the charts whose data changed;
    MkDocs then renders only the pages written, and its search index keeps the others' entries."""
    import json
    import shutil

    from generator.charts.registry import LAYOUTS
    from generator.load.project import load_project
    from generator.publish.engines.material import Incremental, write_config
    from generator.publish.engines.settings import site_settings

    for name in ("mkdocs.yml", "site_config.yml"):
        shutil.copy(ROOT / name, minimal / name)
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    first = regenerate(minimal, docs, "zh")
    assert first and len(first.pages) == len(list(docs.rglob("*.md"))) > 5
    project = load_project(minimal)
    settings = site_settings(project.plan, project.config, project.locales[0], project.locales, preview=True)
    config = write_config(settings, minimal, docs, site, tmp_path / "theme", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "generator" / "overrides", tmp_path / "theme")
    mkdocs = Incremental(config, site)
    assert mkdocs.build() is None  # the first build renders every page
    search = site / "search" / "search_index.json"
    pages_indexed = sorted({entry["location"].split("#")[0] for entry in json.loads(search.read_text(encoding="utf-8"))["docs"]})
    method = (site / "method" / "index.html").stat().st_mtime_ns

    again = regenerate(minimal, docs, "zh")  # nothing changed: nothing written, nothing drawn, nothing rendered
    assert again and (again.files, again.specs) == ([], 0)
    assert mkdocs.build() == []

    edit(minimal, "pillars/alpha.yml", 'value: "9153.3"', 'value: "9153.4"')  # a figure no chart shows, but a target uses
    edit(minimal, "pillars/alpha.yml", "成交额9153.3亿元", "成交额9153.4亿元")
    edit(minimal, "sources/001.txt", "成交额9153.3亿元", "成交额9153.4亿元")
    revised = regenerate(minimal, docs, "zh")
    pages = ["data/index.md", "index.md", "pillars/alpha/index.md", "sources/001/index.md", "targets/index.md"]  # home and targets show the target
    assert revised and revised.pages == pages and revised.specs == 0
    assert not any(name.startswith("charts/") for name in revised.files)
    assert mkdocs.build() == ["data/", "", "pillars/alpha/", "sources/001/", "targets/"]
    assert "9153.4" in (site / "pillars" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert (site / "method" / "index.html").stat().st_mtime_ns == method  # a page the figure is not on is not rendered again

    revise(minimal, "145", "150", "目前示例实验室145家", "目前示例实验室150家")  # a figure the chart labs-over-time shows
    charted = regenerate(minimal, docs, "zh")
    assert charted and charted.specs == len(LAYOUTS)  # that chart's layouts, drawn again
    assert {name.split("/")[1].split(".")[0] for name in charted.files if name.startswith("charts/")} == {"labs-over-time"}
    assert mkdocs.build() == [page.removesuffix("index.md") for page in charted.pages]
    index = json.loads(search.read_text(encoding="utf-8"))["docs"]
    assert sorted({entry["location"].split("#")[0] for entry in index}) == pages_indexed  # every page still searchable, once
    assert len(index) == len({(entry["location"], entry["text"]) for entry in index})
    texts = ["".join(entry["text"].split()).replace("\u200b", "") for entry in index]  # jieba's word breaks taken out
    assert any("目前示例实验室150家" in text for text in texts) and not any("目前示例实验室145家" in text for text in texts)

    edit(minimal, "pillars/alpha.yml", "title: {zh: 抓示例, en: Example}", "title: {zh: 抓新示例, en: Example}")  # the nav changes
    assert regenerate(minimal, docs, "zh")
    project = load_project(minimal)
    write_config(site_settings(project.plan, project.config, project.locales[0], project.locales, preview=True), minimal, docs, site, tmp_path / "theme", config)
    assert mkdocs.build() is None  # every page, with the new nav
    assert "抓新示例" in (site / "method" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_preview_shows_the_pages_first_and_draws_the_revised_chart_after(minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a save the pages are written and shown first, the chart whose data changed marked for the browser to draw from
    its spec (already revised); the second pass draws it and writes everything else; every other chart stays drawn."""
    import json
    import threading

    pillar = minimal / "content" / "pillars" / "alpha.yml"  # a second chart, which the edit does not touch
    pillar.write_text(
        pillar.read_text(encoding="utf-8") + "  - id: contracts-target\n    kind: target_progress\n    title: {zh: 技术合同, en: Contracts}\n    targets: [contracts]\n",
        encoding="utf-8",
    )
    from generator.charts.render import SpecMemo

    monkeypatch.setattr(serve, "_SPECS", SpecMemo())  # a preview of its own: another test's preview built the revised spec already
    docs = tmp_path / "docs"
    docs.mkdir()
    assert regenerate(minimal, docs, "zh", quick=False)  # the first preview: complete, every chart drawn
    page = docs / "pillars" / "alpha" / "index.md"
    assert "data-pending" not in page.read_text(encoding="utf-8")
    shown: list[tuple[str, str, str, list[str]]] = []  # at each build: the pillar page, every page, the chart's spec and files

    class Shown:
        others = tmp_path / "others"

        def writing(self) -> threading.Lock:
            return threading.Lock()

        def rebuild(self, wait: bool = False) -> None:
            if wait:  # what the engine builds and the browser shows at this point
                spec = (docs / "charts" / "labs-over-time.vl.json").read_text(encoding="utf-8")
                every = "".join(p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md")))
                shown.append((page.read_text(encoding="utf-8"), every, spec, sorted(p.name for p in (docs / "charts").glob("labs-over-time.*"))))

    revise(minimal, "145", "150", "目前示例实验室145家", "目前示例实验室150家")
    done = regenerate(minimal, docs, "zh", preview=Shown())  # type: ignore[arg-type]
    assert done and done.specs > 0
    (first, every, first_spec, first_files), (last, _, last_spec, _) = shown
    figures = {m.group(1): m.group(0) for m in re.finditer(r'<figure class="chart" id="chart-([\w-]+)"[^>]*>', every)}
    assert "目前示例实验室150家" in first and "data-pending" in figures.pop("labs-over-time")
    assert list(figures) == ["contracts-target"] and "data-pending" not in figures["contracts-target"]  # the chart the edit did not touch stays drawn
    values = [row["value"] for row in json.loads(first_spec)["data"]["values"]]
    assert 150 in values and 145 not in values, values  # the browser draws the revised figure
    assert first_spec == last_spec and "data-pending" not in last and last.count("<svg ") > first.count("<svg ")
    files = [f"labs-over-time{ext}" for ext in (".csv", ".narrow.vl.json", ".png", ".svg", ".vl.json", ".zip")]
    assert first_files == files == sorted(p.name for p in (docs / "charts").glob("labs-over-time.*"))  # the downloads follow the drawing


def test_serve_refuses_a_port_in_use_before_building(minimal: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator", "--root", str(minimal), "serve", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "TMPDIR": str(tmp_path)},
        )
    assert result.returncode == 1
    assert result.stderr.startswith(f"build failed: cannot preview on port {port}: Address already in use; choose another with --port\n"), result.stderr
    assert not list(tmp_path.glob("**/serve-*"))
