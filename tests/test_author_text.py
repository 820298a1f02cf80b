"""Author text reaches the pages only as text, whatever syntax it contains.

Every text field of the fixture content (titles, names, translations, quotes,
notes, unit wording, chart titles, source metadata, the footer) is filled with
a hostile string, and the result is compared with the same content filled with
a plain placeholder: the HTML must have exactly the same elements and
attributes, and the page text must read the hostile string back verbatim. A
string that turned into markup anywhere (an ``<img>``, a link, emphasis, an
``attr_list`` attribute, a table cell, a heading) changes the structure.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from conftest import FIXTURES, LOCALE, LOCALES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

PLACEHOLDER = "Placeholder"
HOSTILE = [
    '<img src="https://evil.example/a.png" onerror="window.__xss=1">',
    "![x](https://evil.example/b.png)",
    "[click](javascript:alert(1))",
    "</title><script>window.__xss=2</script>",
    '{: onclick="window.__xss=3" }',
    "*em* __strong__ `code` ~~del~~ ==mark== ^sup^",
    "{{ 7*7 }} {% raw %} {#",
    '{"signal": "alert(1)"} datum.x',
    "| a | b |",
    "&lt;b&gt; &amp; &#42;",
    "[^1] [^x]: note",
    "<!-- c --> <https://evil.example/c>",
    "# not a heading",
    "1. not a list",
    "- not a list",
    "!!! danger",
    "??? note",
]
# Characters with a meaning in HTML, Markdown, YAML, Jinja or Vega, plus ordinary text.
_ALPHABET = list("<>&\"'\\`*_{}[]()!|#~^=$+-.?:%/;@ abcXY中文")


def _fill(node: Any, payload: str, verbatim: list[str], key: str = "") -> Any:
    """Put ``payload`` into every text field; verbatim fields (checked against the source) get it appended."""
    if isinstance(node, list):
        return [_fill(item, payload, verbatim, key) for item in node]
    if not isinstance(node, dict):
        return node
    if set(node) == {"zh", "en"} and all(isinstance(v, str) for v in node.values()):  # a Text
        zh = node["zh"] + payload if key == "text" else payload  # a goal's Chinese text is quoted from the source
        if key == "text":
            verbatim.append(zh)
        return {"zh": zh, "en": payload}
    out = {}
    for k, v in node.items():
        out[k] = _fill(v, payload, verbatim, k)
    if {"source", "zh", "en"} <= set(node) and isinstance(node["zh"], str):  # a Passage
        out["zh"] = node["zh"] + payload
        out["en"] = payload
        verbatim.append(f"{node['task']}.{out['zh']}" if node.get("task") else out["zh"])
    if isinstance(node.get("quote"), str):
        out["quote"] = node["quote"] + payload
        verbatim.append(out["quote"])
    if key == "units" or ("dimension" in node and isinstance(node.get("en"), dict)):
        out["en"] = {**node["en"], "suffix": payload}
    return out


def make_project(dest: Path, payload: str) -> Path:
    """The minimal fixture with ``payload`` in every text field (content written as JSON, which is YAML)."""
    shutil.copytree(FIXTURES / "minimal", dest)
    content = dest / "content"
    verbatim: list[str] = []
    for path in sorted(content.rglob("*.yml")):
        data = _fill(yaml.safe_load(path.read_text(encoding="utf-8")), payload, verbatim)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    source = content / "sources" / "001.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + "\n".join(verbatim) + "\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    config["copyright"] = {"zh": payload, "en": payload}
    (dest / "site_config.yml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


class Shape(HTMLParser):
    """The element structure of a page (tags and attribute names) and its text, charts left out.

    A citation's text is left out of the text (its structure is kept): its style may change the case of
    names, as GB/T 7714 capitalises Latin ones. Citations are checked in tests/test_reuse.py.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.scripts: list[str] = []  # JSON-LD: data, checked as data (not page text)
        self._svg = 0
        self._script = False
        self._cite = 0  # depth inside a <span class="cite-ref">
        self._figures: list[str] = []  # the tags of the figure marks open (left out of the shape)
        self._glued = False  # the next text continues the one before (a figure mark in between)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg" or self._svg:
            self._svg += tag == "svg"
            return
        if ("class", "figure") in attrs:  # a figure of a source text, found in the text by a rule (tests/test_coverage.py)
            self._figures.append(tag)
            self._glued = True
            return
        self.shape.append(f"<{tag} {' '.join(sorted(name for name, _ in attrs))}>")
        self.attrs += [(name, value) for name, value in attrs if value]
        if self._cite or ("class", "cite-ref") in attrs:
            self._cite += 1
        self._script = tag == "script"
        if self._script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._svg:
            self._svg -= tag == "svg"
            return
        if self._figures:  # a figure mark holds text only: the next end tag is its own
            self._figures.pop()
            self._glued = True
            return
        self.shape.append(f"</{tag}>")
        self._script = False
        self._cite = max(0, self._cite - 1)

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts[-1] += data
        elif not self._svg and not self._cite:
            if self._glued and self.text:
                self.text[-1] += data  # the text around a figure mark is one text
            else:
                self.text.append(data)
        self._glued = False


def shape(page: str) -> Shape:
    parser = Shape()
    parser.feed(page)
    return parser


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _page_text(parsed: Shape) -> str:
    """The page's text, with the content version (a hash of the content) masked."""
    return re.sub(r"\b[0-9a-f]{12}\b", "VERSION", _squeeze(" ".join(parsed.text)))


def render(project: Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every page of both languages as HTML (Python-Markdown with the site's extensions) and its front matter."""
    from generator.charts.data import chart_data
    from generator.charts.registry import WIDE
    from generator.load.project import load_plan
    from generator.render.pages import ChartView, PageEnv, render_pages
    from generator.run.generate import _svg_inline

    config = yaml_load((ROOT / "mkdocs.yml").open(encoding="utf-8"))
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        extensions.append(name)
        configs[name] = options or {}
    plan = load_plan(project / "content", project)
    out = {}
    for lang in ("zh", "en"):
        views = {}
        for chart in plan.all_charts:
            data = chart_data(chart, LOCALE[lang])
            rows = [[str(r[key]) for key, _ in data.columns] for r in data.rows]
            views[chart.id] = ChartView(chart, ((WIDE, _svg_inline("<svg ></svg>", data.description)),), data.description, [t for _, t in data.columns], rows)
        from generator.render.markup import environment

        for path, page in render_pages(PageEnv(plan, LOCALE[lang], LOCALES, views, True), environment(LOCALES)).items():
            body, meta = get_data(page)
            out[f"{lang}/{path}"] = (markdown.markdown(body, extensions=extensions, extension_configs=configs), meta)
    return out


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, dict[str, Any]]]:
    return render(make_project(tmp_path_factory.mktemp("plain") / "project", PLACEHOLDER))


def _replaced(value: Any, payload: str) -> Any:
    """A JSON value with the placeholder replaced by the payload in every string."""
    if isinstance(value, dict):
        return {k: _replaced(v, payload) for k, v in value.items()}
    if isinstance(value, list):
        return [_replaced(v, payload) for v in value]
    return value.replace(PLACEHOLDER, payload) if isinstance(value, str) else value


def _masked(value: Any) -> Any:
    """The content version (a hash of the content) masked in a JSON value."""
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return re.sub(r"\b[0-9a-f]{12}\b", "VERSION", value) if isinstance(value, str) else value


def check_only_text(plain: dict[str, tuple[str, dict[str, Any]]], hostile: dict[str, tuple[str, dict[str, Any]]], payload: str) -> None:
    assert plain.keys() == hostile.keys()
    want = _squeeze(payload)
    for path, (page, meta) in hostile.items():
        base_page, base_meta = plain[path]
        got, base = shape(page), shape(base_page)
        assert got.shape == base.shape, f"{path}: author text {payload!r} changed the page structure"
        assert _page_text(got) == _page_text(base).replace(PLACEHOLDER, want), f"{path}: author text {payload!r} does not read back as written"
        data = [_masked(json.loads(s)) for s in got.scripts]
        assert data == [_masked(_replaced(json.loads(s), payload)) for s in base.scripts], f"{path}: author text {payload!r} in JSON-LD"
        for name, value in base_meta.items():
            if isinstance(value, str) and PLACEHOLDER in html.unescape(value):
                assert html.unescape(meta[name]) == html.unescape(value).replace(PLACEHOLDER, payload), f"{path}: front matter {name}"


@pytest.mark.parametrize("payload", HOSTILE)
def test_known_attacks_stay_text(tmp_path: Path, plain: dict[str, tuple[str, dict[str, Any]]], payload: str) -> None:
    check_only_text(plain, render(make_project(tmp_path / "project", payload)), payload)


_payloads = st.lists(st.one_of(st.text(alphabet=_ALPHABET, min_size=1, max_size=12), st.sampled_from(HOSTILE)), min_size=1, max_size=3).map(
    lambda parts: _squeeze(" ".join(parts))
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(payload=_payloads.filter(lambda s: any(ch.isalnum() or not ch.isspace() for ch in s)))
def test_any_string_in_any_text_field_stays_text(tmp_path_factory: pytest.TempPathFactory, plain: dict[str, tuple[str, dict[str, Any]]], payload: str) -> None:
    check_only_text(plain, render(make_project(tmp_path_factory.mktemp("hyp") / "project", payload)), payload)


def _built(project: Path) -> dict[str, str]:
    from generator.run.build import build_site

    out = project / "site"
    build_site(project, out, pdf=False)
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


@pytest.mark.slow
def test_built_site_shows_every_attack_as_text(tmp_path: Path) -> None:
    """The whole MkDocs Material build: nav, <title>, meta tags, footer, search dialog and pages."""
    payload = " ".join(HOSTILE)
    hostile = _built(make_project(tmp_path / "hostile", payload))
    plain = _built(make_project(tmp_path / "plain", PLACEHOLDER))
    assert hostile.keys() == plain.keys()
    for path, page in hostile.items():
        got, base = shape(page), shape(plain[path])
        assert got.shape == base.shape, f"{path}: author text changed the page structure"
        assert _page_text(got) == _page_text(base).replace(PLACEHOLDER, payload), f"{path}: author text does not read back as written"
        for name, value in got.attrs:
            if name in {"src", "href", "srcset", "action", "formaction", "poster", "data", "xlink:href"}:
                assert "evil.example" not in value and not value.strip().lower().startswith("javascript:"), f"{path}: {name}={value!r}"
            if name not in {"title", "aria-label"}:  # Material escapes these a second time (README, "Author text")
                assert "&#" not in value.replace(payload, ""), f"{path}: {name}={value!r} shows a character reference"
