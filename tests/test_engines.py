"""Both engines publish the same site: the same pages with the same figures, headings, footnotes and links."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from helpers import PageLinks


class _Page(PageLinks):
    """What a reader gets from a page's article: headings, figures, footnotes, links, charts; and every id and reference."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.figures: list[str] = []
        self.footnotes: list[str] = []
        self.links: list[str] = []  # hrefs inside the article
        self.charts: list[str] = []
        self._depth = 0  # inside <article>
        self._capture: list[str] | None = None
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        a = {k: v or "" for k, v in attrs}
        if tag == "article":
            self._depth += 1
        if not self._depth:
            return
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "figure" and "chart" in a.get("class", "").split():
            self.charts.append(a.get("id", ""))
        classes = a.get("class", "").split()
        if tag in {"h1", "h2", "h3", "h4"}:
            self._capture, self._tag = [], tag
        elif tag == "li" and a.get("id", "").startswith("fn:"):
            self._capture, self._tag = [], "li"
        elif tag == "span" and "kf-value" in classes:
            self._capture, self._tag = [], "span"

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._depth -= 1
        if self._capture is not None and tag == self._tag:
            text = re.sub(r"\s+", " ", "".join(self._capture)).replace("¶", "").replace("↩", "").strip()
            {"li": self.footnotes, "span": self.figures}.get(tag, self.headings).append(text)
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture.append(data)


def _pages(site: Path) -> dict[str, _Page]:
    out = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        out[path.relative_to(site).as_posix()] = parser
    return out


def _local(ref: str) -> bool:
    parts = urlsplit(ref)
    return not parts.scheme and not parts.netloc and not ref.startswith(("mailto:", "javascript:", "data:"))


def test_internal_links_resolve(engine_site: tuple[str, Path]) -> None:
    """Every relative link, script, stylesheet and image of every page exists, and every #fragment names an element there."""
    engine, site = engine_site
    pages = _pages(site)
    broken = []
    for name, page in pages.items():
        for ref in page.refs:
            if not _local(ref) or not ref:
                continue
            parts = urlsplit(ref)
            path = unquote(parts.path)
            if path.startswith("/"):  # from the site root (the 404 page's links)
                target = posixpath.normpath(path.lstrip("/") or ".")
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            if target == "." or (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            if not (site / target).is_file():
                broken.append(f"{name}: {ref} (no {target})")
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{name}: {ref} (no #{unquote(parts.fragment)} in {target})")
    assert broken == [], f"{engine}: " + "\n".join(broken[:20])


def test_both_engines_publish_the_same_pages(built_site: Path, zensical_site: Path) -> None:
    """Not byte for byte: the same pages, and on each the same headings, figures, footnotes, links and charts."""
    mkdocs, zensical = _pages(built_site), _pages(zensical_site)
    ours = {n for n in mkdocs if n != "404.html"}
    assert ours <= set(zensical), sorted(ours - set(zensical))
    differences = []
    for name in sorted(ours):
        a, b = mkdocs[name], zensical[name]
        for what in ("headings", "figures", "footnotes", "links", "charts"):
            if getattr(a, what) != getattr(b, what):
                differences.append(f"{name} {what}: {getattr(a, what)[:3]} … vs {getattr(b, what)[:3]} …")
    assert differences == [], "\n".join(differences[:20])
    assert sum(len(p.figures) for p in mkdocs.values()) > 0 and sum(len(p.footnotes) for p in mkdocs.values()) > 0


@pytest.mark.parametrize("report", ["report.pdf", "en/report.pdf"])
def test_the_pdfs_do_not_depend_on_the_engine(built_site: Path, zensical_site: Path, report: str) -> None:
    assert (built_site / report).read_bytes() == (zensical_site / report).read_bytes()


def test_each_engine_names_itself_as_generator(engine_site: tuple[str, Path]) -> None:
    engine, site = engine_site
    (generator,) = re.findall(r'<meta name="generator" content="([^"]*)">', (site / "index.html").read_text(encoding="utf-8"))
    assert generator.startswith({"mkdocs": "mkdocs-1.", "zensical": "zensical-0."}[engine]), generator


def test_no_script_holds_up_the_first_paint(engine_site: tuple[str, Path]) -> None:
    """Every script a page loads from a file is deferred (the theme's bundle, the chart and language scripts): the page is
    painted before they are fetched and run. Inline scripts are the theme's small configuration and stay as they are."""
    engine, site = engine_site
    blocking = []
    for page in sorted(site.rglob("*.html")):
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page.read_text(encoding="utf-8")):
            if not re.search(r"\s(defer|async)[\s>=]", tag):
                blocking.append(f"{page.relative_to(site)}: {tag}")
    assert blocking == [], f"{engine}: " + "\n".join(blocking[:10])


def test_the_search_index_holds_figures_not_cite_boxes_downloads_or_embed_code(engine_site: tuple[str, Path]) -> None:
    """A search for a figure finds its own words: the "Cite this" boxes, the download rows and the embed code are kept out
    (data-search-exclude, which both engines honour)."""
    import json

    site = engine_site[1]
    index = next(p for p in (site / "search" / "search_index.json", site / "search.json") if p.exists())
    data = json.loads(index.read_text(encoding="utf-8"))
    text = " ".join(item["text"] for item in data.get("docs") or data["items"]).replace("\u200b", "")  # Material marks Chinese word breaks
    for kept_out in ("BibTeX", "CSL-JSON", "iframe", "Vega-Lite JSON", "引用本项", "Cite this"):
        assert kept_out not in text, (engine_site[0], kept_out)
    assert "9153.3亿元" in text and "CNY 915.33 billion" in text  # the figures themselves are found
