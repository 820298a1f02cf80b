"""Benchmark: build stages, rebuilds, floors, scaling and page weight, as a table and JSON.

Each measured build runs in a fresh ``python -m generator`` process on a temp
copy of the project, so caches are really cold and imports are counted. Peak
memory is the largest peak resident set (``VmHWM``) of any process of the build —
the command, the workers' server, the language workers and the report's join —
read from ``/proc`` while it runs (:class:`_Tree`), with the most all of them held
at once beside it. ``wait4`` saw only the command itself once the workers were
forked from a server it does not wait for.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .synthetic import add_history, make_project


@dataclass
class Run:
    seconds: float
    stages: dict[str, float]
    peak_mib: float  # the largest peak of any one process of the build
    pages: int
    charts: int
    pdf_bytes: dict[str, int]  # report.pdf per language folder ("" is Chinese, "en")
    tree_peak_mib: float = 0.0  # the most its processes held at once (resident sets summed, polled)


class _Tree:
    """The processes descended from one, followed through ``/proc`` while they run."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peaks: dict[int, int] = {}  # pid -> VmHWM in KiB, the last read
        self.together = 0  # KiB, the largest sum of VmRSS seen at one poll

    def poll(self) -> None:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        tree, grown = {self.pid}, True
        while grown:
            found = {pid for pid, parent in parents.items() if parent in tree} - tree
            grown = bool(found)
            tree |= found
        total = 0
        for pid in tree:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if "VmHWM" in fields:
                self.peaks[pid] = max(self.peaks.get(pid, 0), int(fields["VmHWM"].split()[0]))
                total += int(fields["VmRSS"].split()[0])
        self.together = max(self.together, total)


SITE_URL = ""  # set by run(): the loopback address the built site is served from


def _build(project: Path, pdf: bool = True, engine: str = "mkdocs") -> Run:
    report = project / "timings.json"
    args = [sys.executable, "-m", "generator", "--root", str(project), "build", "--out", str(project / "site"), "--timings", str(report), "--engine", engine]
    if not pdf:
        args.append("--no-pdf")
    started = time.perf_counter()
    env = {**os.environ, "SITE_URL": SITE_URL} if SITE_URL else None
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    tree = _Tree(proc.pid)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        tree.poll()  # about 5 ms of one core
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"build of {project} failed: {proc.stderr.read() if proc.stderr else ''}")
    data = json.loads(report.read_text(encoding="utf-8"))
    site = project / "site"
    pdfs = {str(p.parent.relative_to(site)).strip("."): p.stat().st_size for p in sorted(site.rglob("report.pdf"))}
    peak = max([usage.ru_maxrss, *tree.peaks.values()])
    return Run(seconds, data["stages"], peak / 1024, data["pages"], data["charts"], pdfs, tree.together / 1024)


def _floor_svg(project: Path) -> tuple[float, float, int, float]:
    """Raw vl-convert SVG rendering of every chart spec the build wrote, in a fresh process: per drawing (the first
    call included), after the first call, the count; and per drawing again once the subset of the chart font the build
    measures with is given to vl-convert (:meth:`generator.charts.fonts.FontFile.measuring`), as the build draws."""
    code = """
import json, sys, tempfile, time
from pathlib import Path
started = time.perf_counter()
import vl_convert as vlc
from generator.charts.fonts import chart_font
specs = [json.loads(p.read_text()) for p in sorted(Path(sys.argv[1]).rglob('charts/*.vl.json'))]
t0 = time.perf_counter()
vlc.vegalite_to_svg(specs[0], vl_version='6.1')
t1 = time.perf_counter()
for spec in specs[1:]:
    vlc.vegalite_to_svg(spec, vl_version='6.1')
t2 = time.perf_counter()
with tempfile.TemporaryDirectory() as folder:
    vlc.register_font_directory(str(chart_font().measuring(''.join(json.dumps(s, ensure_ascii=False) for s in specs), Path(folder))))
    t3 = time.perf_counter()
    for spec in specs:
        vlc.vegalite_to_svg(spec, vl_version='6.1')
    t4 = time.perf_counter()
print(json.dumps([t2 - t0, (t2 - t1) / max(1, len(specs) - 1), len(specs), (t4 - t3) / len(specs)]))
"""
    here = Path(__file__).resolve().parents[2]  # the generator's own folder, for its font lookup
    out = subprocess.run([sys.executable, "-c", code, str(project / "site")], capture_output=True, text=True, check=True, cwd=here).stdout
    total, steady, count, measured = json.loads(out)
    return total / count, steady, count, measured


def _bare_engine(project: Path, name: str) -> float:
    """The engine's own build alone (a fresh process per language) on the pages the generator already wrote."""
    import yaml

    from generator.publish.engines import engine, theme_dir

    module = engine(name)
    output = next((project / ".cache" / "output").iterdir())
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    total = 0.0
    for language in manifest["languages"]:
        code = language["code"]
        folder = project / f"bare-{name}-{code}"
        folder.mkdir()
        settings = yaml.safe_load((output / f"settings.{code}.yml").read_text(encoding="utf-8"))
        docs = module.stage(output / "docs" / code, folder) if name == "zensical" else output / "docs" / code
        cfg = module.write_config(settings, project, docs, folder / "site", theme_dir(name, folder / "theme"), folder / f"{name}.yml")
        command = [sys.executable, "-m", name, "build", "-f", str(cfg)] + (["-q"] if name == "mkdocs" else [])
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=folder, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        total += time.perf_counter() - started
    return total


def _engine_imports(name: str) -> float:
    """How long importing the engine's modules takes in a fresh process: a build imports them in the workers' server
    (its PRELOAD), before the engine's stage starts, yet it is the engine's work, as in its bare build."""
    from generator.publish.engines import engine

    code = "import sys, time\nstarted = time.perf_counter()\nfor name in sys.argv[1:]:\n    __import__(name)\nprint(time.perf_counter() - started)"
    modules = list(engine(name).PRELOAD)
    return float(subprocess.run([sys.executable, "-c", code, *modules], capture_output=True, text=True, check=True).stdout)


def _bare_weasyprint(project: Path) -> float:
    """WeasyPrint's own ``write_pdf`` of each language's print HTML (the report's chapters, untagged, in one part), in a fresh process."""
    code = """
import json, sys, tempfile, time
from pathlib import Path
import weasyprint
from generator.publish import outdir
from generator.run.generate import generate_language
from generator.run.timings import Timings
from generator.charts.render import RenderCache
from generator.load.project import load_project
from generator.pdf.report import Layout, build_date, chapters, report_html
root = Path(sys.argv[1])
project = load_project(root)
plan = project.plan
total = 0.0
for locale in project.locales:
    with tempfile.TemporaryDirectory() as tmp:  # the pages and charts again, from the warm chart cache (not timed)
        cache = RenderCache(outdir.state_dir(root) / '.cache' / 'charts')
        views = generate_language(plan, locale, project.locales, Path(tmp), cache, True, Timings(), project.history).views
        html = report_html(plan, locale, views, build_date(), chapters(plan), Layout())
        document = weasyprint.HTML(string=html, base_url=tmp + '/')
        started = time.perf_counter()
        document.write_pdf(Path(tmp) / 'report.pdf')
        total += time.perf_counter() - started
print(json.dumps(total))
"""
    out = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2]).stdout
    return float(json.loads(out.strip().splitlines()[-1]))


PREVIEW_EDITS = 5


def _preview(root: Path, tmp: Path, started: float, factor: int = 1, edits: int = PREVIEW_EDITS) -> dict:
    """Edit-to-preview on the real content (or ``factor``× it): ``serve`` on a copy, a figure changed in its YAML and its
    source, the served page polled until it shows the new value, and then until its revised charts are drawn (the page
    shows them first drawn in the browser from their specs); each of :data:`PREVIEW_EDITS` edits timed from the save, made
    once the previous one shows in both languages. In a larger plan every copy of the pillar quotes the sentence, so the
    figure is revised in each."""
    import signal
    import statistics
    import urllib.request

    from .browser import free_port

    project = make_project(root, tmp / f"preview{factor}", factor)
    port = free_port()
    url = f"http://127.0.0.1:{port}/pillars/transfer/"
    english = f"http://127.0.0.1:{port}/en/pillars/transfer/"
    log = tmp / f"preview{factor}.log"  # a file, not a pipe: the server logs each request polled, and a full pipe would stop it
    with log.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=err)
    value = "9153.3"
    files = [p for p in (*sorted((project / "content" / "pillars").glob("*.yml")), project / "content" / "sources" / "002.txt") if value in p.read_text(encoding="utf-8")]

    def page(address: str = url) -> str:
        try:
            with urllib.request.urlopen(address, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def until(shown: str, limit: float, address: str = url, drawn: bool = False) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            if proc.poll() is not None:
                raise RuntimeError(f"serve ended: {log.read_text(encoding='utf-8')[-3000:]}")
            body = page(address)
            if shown in body and "The preview was not updated" not in body and not (drawn and "data-pending" in body):
                return time.perf_counter() - start
            time.sleep(0.02)
        raise RuntimeError(f"the preview did not show {shown} within {limit:.0f} s: {log.read_text(encoding='utf-8')[-3000:]}")

    try:
        first = until(value, 900)
        seconds, drawn = [], []
        for n in range(edits):
            until(value, 300, english)  # each edit starts from a settled preview: the last one shows in English too
            new = f"9153.{4 + n}"
            saved = time.perf_counter()
            for path in files:  # the figure and its source sentence
                path.write_text(path.read_text(encoding="utf-8").replace(value, new), encoding="utf-8")
            until(new, 120)
            seconds.append(time.perf_counter() - saved)
            until(new, 120, drawn=True)
            drawn.append(time.perf_counter() - saved)
            value = new
            _progress(started, f"preview at {factor}×, edit {n + 1} of {edits}: page {seconds[-1]:.2f} s, charts drawn {drawn[-1]:.2f} s")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
        shutil.rmtree(project, ignore_errors=True)
    return {
        "scale": factor,
        "files_edited": len(files),
        "first_preview_s": first,
        "edit_to_preview_s": seconds,
        "median_s": statistics.median(seconds),
        "edit_to_charts_drawn_s": drawn,
        "drawn_median_s": statistics.median(drawn),
    }


def _engine_stage(run: Run, name: str) -> float:
    return sum(v for k, v in run.stages.items() if k.startswith(name + " "))


def _change_one_figure(project: Path) -> None:
    """Change one figure and its source sentence consistently (in the temp copy only)."""
    for rel in ("content/pillars/transfer.yml", "content/sources/002.txt"):
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert text.count("9153.3") >= 1
        path.write_text(text.replace("9153.3", "9153.4"), encoding="utf-8")


FIRST_FLIGHT = 10 * 1460 - 300  # what a new TCP connection sends before its first acknowledgement, less the response headers


def _served_bytes(path: Path) -> int:
    """A file's size gzipped at level 6, as GitHub Pages (and the bench's server) serves it."""
    return len(gzip.compress(path.read_bytes(), 6))


def page_weight(site: Path, pages: list[str]) -> dict[str, dict[str, int]]:
    """Bytes (gzip -6, as GitHub Pages serves) a page transfers before any interaction, in Chromium."""
    from .browser import requested_files

    out = {}
    for page in pages:
        files = requested_files(site, page, int(SITE_URL.rsplit(":", 1)[1].strip("/")))
        out[page] = {
            "requests": len(files),
            "gzip_bytes": sum(_served_bytes(site / f) for f in files),
            "raw_bytes": sum((site / f).stat().st_size for f in files),
        }
    return out


# What --only picks: the real content (cold, warm, floors, weight, Lighthouse), the preview, the synthetic scales, the history.
SECTIONS = ("cold", "preview", "scale", "history")


def _progress(started: float, text: str) -> None:
    """One line as each step finishes, so that a long run shows where it is."""
    print(f"[{time.perf_counter() - started:7.1f} s] {text}", file=sys.stderr, flush=True)


def run(
    root: Path,
    scales: list[int],
    lighthouse: bool,
    json_out: Path,
    history: tuple[int, int] = (20, 10),
    only: tuple[str, ...] = SECTIONS,
    runs: int = 3,
    edits: int = PREVIEW_EDITS,
) -> dict:
    global SITE_URL
    from .browser import free_port

    port = free_port()
    SITE_URL = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    load = os.getloadavg()
    results: dict = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(), "load_at_start": [round(v, 2) for v in load]},
        "sections": list(only),
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        cold = None
        if "cold" in only:
            cold = _real(root, Path(tmp), lighthouse, results, started, runs)
        if "preview" in only:
            results["preview"] = _preview(root, Path(tmp), started, edits=edits)
            larger = max((factor for factor in scales if 1 < factor <= 10), default=None)  # goal: 10×
            if larger:
                results["preview_scaled"] = _preview(root, Path(tmp), started, larger, edits)
        if "scale" in only and scales:
            if cold is None:  # the 1× reference the scales are compared with
                cold = _build(make_project(root, Path(tmp) / "reference", 1))
                _progress(started, f"1× reference build: {cold.seconds:.1f} s")
            scale = {}
            for factor in scales:
                project = make_project(root, Path(tmp) / f"x{factor}", factor)
                scale[str(factor)] = _build(project).__dict__
                shutil.rmtree(project, ignore_errors=True)
                _progress(started, f"{factor}× synthetic plan: {scale[str(factor)]['seconds']:.1f} s, peak {scale[str(factor)]['peak_mib']:.0f} MiB")
            results["scale"] = {"1": cold.__dict__, **scale}
            for factor in scales:
                results["scale"][str(factor)]["time_ratio_vs_1x"] = scale[str(factor)]["seconds"] / cold.seconds
        if "history" in only:
            # The cost of history: the same synthetic plan built cold without editions and with a history of them.
            editions, factor = history
            # Both start from no published edition (at 1× the real content's own editions are left out).
            without = _build(make_project(root, Path(tmp) / "nohistory", factor, editions=False))
            _progress(started, f"{factor}× without history: {without.seconds:.1f} s")
            project = make_project(root, Path(tmp) / "history", factor, editions=False)
            add_history(project, editions)
            with_history = _build(project)
            _progress(started, f"{factor}× with {editions} editions: {with_history.seconds:.1f} s")
            results["history"] = {"editions": editions, "scale": factor, "without": without.__dict__, "with": with_history.__dict__}
    results["machine"]["load_at_end"] = [round(v, 2) for v in os.getloadavg()]
    json_out.parent.mkdir(parents=True, exist_ok=True)
    json_out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def _real(root: Path, tmp: Path, lighthouse: bool, results: dict, started: float, runs: int = 3) -> Run:
    """The real content: ``runs`` cold builds (the median reported), warm, one figure changed, the floors, page weight, Lighthouse."""
    colds = []
    for n in range(runs):  # on separate copies, empty caches each time
        copy = make_project(root, tmp / f"cold{n}", 1)
        colds.append((_build(copy), copy))
        _progress(started, f"cold build {n + 1} of {runs}: {colds[-1][0].seconds:.1f} s")
    colds.sort(key=lambda pair: pair[0].seconds)
    cold, base = colds[len(colds) // 2]
    cold_spread = [round(c.seconds, 2) for c, _ in colds]
    charts_spread = sorted(round(c.stages.get("charts", 0.0), 2) for c, _ in colds)
    warm = _build(base)
    _progress(started, f"warm build, nothing changed: {warm.seconds:.1f} s")
    _change_one_figure(base)
    changed = _build(base)
    _progress(started, f"one figure changed: {changed.seconds:.1f} s")
    floor_total, floor_steady, count, floor_measured = _floor_svg(base)
    bare = _bare_engine(base, "mkdocs")
    bare_zensical = _bare_engine(base, "zensical")
    bare_pdf = _bare_weasyprint(base)
    bares = f"bare MkDocs {bare:.1f} s, bare Zensical {bare_zensical:.1f} s, bare WeasyPrint {bare_pdf:.1f} s"
    _progress(started, f"floors: vl-convert {floor_total * 1000:.0f} ms a drawing, {bares}")
    warm_zensical = _build(base, engine="zensical")  # the same generated output, published by Zensical
    _progress(started, f"warm build with Zensical: {warm_zensical.seconds:.1f} s")
    charts_stage = cold.stages.get("charts", 0.0)
    pages_stage = cold.stages.get("pages", 0.0) + sum(v for k, v in cold.stages.items() if k.startswith("mkdocs"))
    engine_runs = [v for k, v in warm.stages.items() if k.startswith("mkdocs ")]
    # The languages' engine runs overlap when there is a core for each: the longest is the engine's share of the wall time.
    warm_mkdocs = max(engine_runs) if (os.cpu_count() or 1) >= len(engine_runs) else sum(engine_runs)
    warm_mkdocs += (imports := _engine_imports("mkdocs"))  # imported once, in the server the workers are forked from
    results["real"] = {
        "cold": cold.__dict__,
        "warm_unchanged": warm.__dict__,
        "one_figure_changed": changed.__dict__,
        "warm_unchanged_zensical": warm_zensical.__dict__,
        "engine_stage_s": {"mkdocs": _engine_stage(warm, "mkdocs"), "zensical": _engine_stage(warm_zensical, "zensical")},
        "engine_imports_s": {"mkdocs": imports},
        "floor": {
            "vl_convert_svg_per_chart_s": floor_total,
            "vl_convert_svg_per_chart_after_first_s": floor_steady,
            "vl_convert_svg_per_chart_subset_font_s": floor_measured,
            "charts": count,
            "bare_mkdocs_s": bare,
            "bare_zensical_s": bare_zensical,
            "bare_weasyprint_s": bare_pdf,
            "sum_s": floor_total * count + bare + bare_pdf,  # what a cold build may take: its three floors one after another
        },
        "cold_runs_seconds": cold_spread,
        "cold_runs_charts_stage_seconds": charts_spread,
        "ratios": {
            # per drawing: each chart is drawn once per layout, as the floor draws each spec the build wrote
            "per_chart_cost_vs_floor": (charts_stage / count) / floor_total,
            "per_chart_cost_vs_floor_range": [c / count / floor_total for c in charts_spread],
            "per_chart_cost_vs_subset_font_floor": (charts_stage / count) / floor_measured,
            "per_page_cost_vs_bare_mkdocs": (pages_stage / cold.pages) / (bare / cold.pages),
            "warm_generator_work_s": warm.seconds - warm_mkdocs,
            "warm_generator_work_vs_bare_mkdocs": (warm.seconds - warm_mkdocs) / bare,
            "cold_vs_sum_of_floors": cold.seconds / (floor_total * count + bare + bare_pdf),
            "one_figure_changed_vs_cold": changed.seconds / cold.seconds,
        },
    }
    site = base / "site"
    pillar = sorted(p.name for p in (site / "pillars").iterdir())[0]
    results["page_weight"] = page_weight(site, ["index.html", f"pillars/{pillar}/index.html", "en/index.html", f"en/pillars/{pillar}/index.html"])
    documents = ["index.html", "en/index.html", *(f"{lang}pillars/{p.name}/index.html" for lang in ("", "en/") for p in sorted((site / "pillars").iterdir()))]
    results["documents_gzip_bytes"] = {page: _served_bytes(site / page) for page in documents}
    _progress(started, "page weight measured")
    if lighthouse:
        from .browser import lighthouse_scores

        pages = ["", f"pillars/{pillar}/", "en/", f"en/pillars/{pillar}/"]
        results["lighthouse"] = lighthouse_scores(root, site, pages, int(SITE_URL.rsplit(":", 1)[1].strip("/")))
        results["lighthouse_load"] = [round(v, 2) for v in os.getloadavg()]  # a noisy run shows here
        _progress(started, "Lighthouse scored")
    return cold


def table(results: dict) -> str:
    machine = results["machine"]
    load = f"load average at start {machine.get('load_at_start')}, at end {machine.get('load_at_end')}"
    lines = [f"machine: {machine['cpus']} CPUs, {machine['platform']}, Python {machine['python']}; {load}", ""]
    if "real" in results:
        lines += _real_table(results)
    for key in ("preview", "preview_scaled"):
        if key in results:
            preview = results[key]
            runs = ", ".join(f"{v:.2f}" for v in preview["edit_to_preview_s"])
            drawn = ", ".join(f"{v:.2f}" for v in preview["edit_to_charts_drawn_s"])
            lines += [
                "",
                f"preview at {preview['scale']}×: first page {preview['first_preview_s']:.1f} s; a figure edited ({preview['files_edited']} files) to the page served,"
                f" median {preview['median_s']:.2f} s (runs {runs} s); to its charts drawn, median {preview['drawn_median_s']:.2f} s (runs {drawn} s)",
            ]
    if "scale" in results:
        lines += ["", "scale    pages  charts   seconds  ×time vs 1×  peak MiB (one process, all at once)  report.pdf MB (zh, en)"]
        for factor, run in results["scale"].items():
            ratio = run.get("time_ratio_vs_1x", 1.0)
            sizes = ", ".join(f"{run['pdf_bytes'][folder] / 1e6:.1f}" for folder in ("", "en") if folder in run["pdf_bytes"])
            peaks = f"{run['peak_mib']:9.0f} {run.get('tree_peak_mib', 0.0):9.0f}"
            lines.append(f"{factor + '×':<8} {run['pages']:5d} {run['charts']:7d} {run['seconds']:9.2f} {ratio:11.2f} {peaks}                  {sizes}")
    if "history" in results:
        h = results["history"]
        lines += [
            "",
            f"history: {h['editions']} editions at {h['scale']}×              cold build {h['with']['seconds']:7.2f} s"
            f"   without the history: {h['without']['seconds']:.2f} s ({h['with']['seconds'] / h['without']['seconds'] - 1:+.1%})",
        ]
    lines += ["", "goals"] + [f"  {'met    ' if ok else 'NOT MET'}  {text}" for text, ok in goals_met(results)]
    return "\n".join(lines)


def _real_table(results: dict) -> list[str]:
    real = results["real"]
    lines = [
        f"cold builds of the real content: {real['cold_runs_seconds']} s (median shown)",
        "stage (median cold build; work summed over the language processes)  seconds",
    ]
    for stage, seconds in real["cold"]["stages"].items():
        lines.append(f"  {stage:<65} {seconds:7.2f}")
    lines.append(f"  {'total (process wall time)':<65} {real['cold']['seconds']:7.2f}")
    goals = real["ratios"]
    floor = real["floor"]
    lines += [
        "",
        f"warm rebuild, nothing changed            {real['warm_unchanged']['seconds']:7.2f} s"
        f"   generator work {goals['warm_generator_work_s']:.3f} s = {goals['warm_generator_work_vs_bare_mkdocs']:.1%} of bare MkDocs (goal ≤ 10%;"
        f" the engine's share: its longest stage and its imports, {real.get('engine_imports_s', {}).get('mkdocs', 0.0):.2f} s)",
        f"rebuild after one figure changed         {real['one_figure_changed']['seconds']:7.2f} s",
        f"floor: vl-convert SVG per chart          {floor['vl_convert_svg_per_chart_s'] * 1000:7.1f} ms"
        f"   (after the first call: {floor['vl_convert_svg_per_chart_after_first_s'] * 1000:.1f} ms;"
        f" with the build's subset of the chart font: {floor['vl_convert_svg_per_chart_subset_font_s'] * 1000:.1f} ms)",
        f"floor: bare mkdocs build, both languages {floor['bare_mkdocs_s']:7.2f} s   bare zensical build: {floor['bare_zensical_s']:.2f} s",
        f"floor: bare WeasyPrint, both languages   {floor['bare_weasyprint_s']:7.2f} s   sum of the floors (charts, MkDocs, WeasyPrint): {floor['sum_s']:.2f} s",
        f"engine stage of a warm build             {real['engine_stage_s']['mkdocs']:7.2f} s   with --engine zensical: {real['engine_stage_s']['zensical']:.2f} s",
        f"per-chart cost / floor                   {goals['per_chart_cost_vs_floor']:7.2f}×   (goal ≤ 1.3×; the cold runs: "
        + ", ".join(f"{r:.2f}×" for r in goals["per_chart_cost_vs_floor_range"])
        + f"; {goals['per_chart_cost_vs_subset_font_floor']:.2f}× vl-convert with the subset font)",
        f"per-page cost / bare MkDocs              {goals['per_page_cost_vs_bare_mkdocs']:7.2f}×",
    ]
    lines += ["", "page weight before interaction (gzip)     requests    KB"]
    for page, weight in results["page_weight"].items():
        lines.append(f"  {page:<40} {weight['requests']:6d} {weight['gzip_bytes'] / 1024:7.1f}")
    if "documents_gzip_bytes" in results:
        sizes = results["documents_gzip_bytes"]
        over = [f"{page.removesuffix('index.html') or '/'} {size / 1024:.1f}" for page, size in sizes.items() if size > FIRST_FLIGHT]
        lines.append(
            f"  home and pillar pages' HTML: {min(sizes.values()) / 1024:.1f}–{max(sizes.values()) / 1024:.1f} KB;"
            f" over {FIRST_FLIGHT / 1024:.1f} KB (a new connection's first 10 packets with the headers: one more round trip before the styles load): "
            + (", ".join(over) or "none")
        )
    if "lighthouse" in results:
        lines += [
            "",
            f"Lighthouse (mobile preset, each page's median run; load after: {results.get('lighthouse_load')})  perf  a11y  best   seo   (perf runs)  audits below 1",
        ]
        for page, s in results["lighthouse"].items():
            lines.append(
                f"  {page or '/':<40} {s['performance']:5.0f} {s['accessibility']:5.0f} {s['best-practices']:5.0f} {s['seo']:5.0f}"
                f"   ({', '.join(str(r) for r in s['performance_runs'])})  {', '.join(s['failed_audits'])}"
            )
    return lines


def goals_met(results: dict) -> list[tuple[str, bool]]:
    """Each goal of the benchmark with the measured figure and whether it holds."""
    out = []
    if "real" in results:
        ratios = results["real"]["ratios"]
        warm = ratios["warm_generator_work_vs_bare_mkdocs"]
        out += [
            (f"warm rebuild generator work {warm:.1%} of bare MkDocs ≤ 10%", warm <= 0.10),
            (f"per-chart cost {ratios['per_chart_cost_vs_floor']:.2f}× the vl-convert floor ≤ 1.3×", ratios["per_chart_cost_vs_floor"] <= 1.3),
            (f"cold build {ratios['cold_vs_sum_of_floors']:.2f}× the sum of its floors ≤ 1×", ratios["cold_vs_sum_of_floors"] <= 1.0),
            (f"one figure changed {ratios['one_figure_changed_vs_cold']:.0%} of a cold build ≤ 40%", ratios["one_figure_changed_vs_cold"] <= 0.40),
        ]
    if "preview" in results:
        median = results["preview"]["median_s"]
        out.append((f"edit to preview {median:.2f} s (median of {len(results['preview']['edit_to_preview_s'])}) ≤ 1 s", median <= 1.0))
    if results.get("preview_scaled", {}).get("scale") == 10:
        median = results["preview_scaled"]["median_s"]
        out.append((f"edit to preview at 10× {median:.2f} s (median of {len(results['preview_scaled']['edit_to_preview_s'])}) ≤ 3 s", median <= 3.0))
    for factor, run in results.get("scale", {}).items():
        if factor == "1":
            continue
        limit = 1.1 * int(factor)
        out.append((f"{factor}× data in {run['time_ratio_vs_1x']:.1f}× the time ≤ {limit:g}×", run["time_ratio_vs_1x"] <= limit))
        if factor == "50":
            out.append((f"50× cold build {run['seconds']:.0f} s ≤ 120 s", run["seconds"] <= 120))
            out.append((f"peak memory at 50× {run['peak_mib']:.0f} MiB < 1024 MiB", run["peak_mib"] < 1024))
    for page, weight in results.get("page_weight", {}).items():
        if "pillars/" in page:
            out.append((f"{page} transfers {weight['gzip_bytes'] / 1024:.0f} KB ≤ 300 KB", weight["gzip_bytes"] <= 300 * 1024))
    for page, s in results.get("lighthouse", {}).items():
        scores = f"{s['performance']:.0f}/{s['accessibility']:.0f}/{s['best-practices']:.0f}/{s['seo']:.0f}"
        ok = s["performance"] == s["accessibility"] == s["best-practices"] == s["seo"] == 100
        out.append((f"Lighthouse {page or '/'} {scores} = 100/100/100/100", ok))
    return out
