"""Charts and pages readable on every screen, in both colour schemes, enlarged, and without a mouse.

Run on the real site as each engine publishes it, in headless Chromium, with only the fonts the setup installs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import axe_violations, browser, serve, site_urls
from conftest import real_content

from generator.charts.registry import SMALLEST

pytestmark = pytest.mark.browser

# Every chart on the page, as shown (static or live): its smallest text in CSS px, and any text that is cut by the
# chart's edge or whose box runs into another's. Also each text's contrast with the page behind it
# (labels drawn on a bar are checked against their bar colours in test_chart_colours_keep_their_contrast).
GEOMETRY = """
() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  let ground = null;
  for (let e = document.querySelector("article") || document.body; e && !ground; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && !c.startsWith("rgba(0, 0, 0, 0)") && c !== "transparent") ground = rgb(c);
  }
  ground = ground || [255, 255, 255];
  const out = [];
  for (const fig of document.querySelectorAll("figure.chart")) {
    const svgs = [...fig.querySelectorAll(".chart-static svg, .chart-live svg")].filter(s => s.getBoundingClientRect().width > 0);
    if (svgs.length !== 1) { out.push({chart: fig.id, problem: "shows " + svgs.length + " charts"}); continue; }
    const svg = svgs[0], box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
    const rect = svg.querySelector(":scope > rect");  // the static chart's background; the live one has a background colour
    const backdrop = rect ? getComputedStyle(rect).fill : getComputedStyle(svg).backgroundColor;
    const behind = backdrop && backdrop !== "none" && !backdrop.startsWith("rgba(0, 0, 0, 0)") && backdrop !== "transparent" ? rgb(backdrop) : ground;
    // Vega hides labels that would collide (labelOverlap) by making them transparent: those are not shown.
    const texts = [...svg.querySelectorAll("text")].filter(t => t.textContent.trim() && +getComputedStyle(t).opacity > 0 && +(t.getAttribute("opacity") ?? 1) > 0);
    let smallest = Infinity;
    const boxes = [];
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
        out.push({chart: fig.id, problem: "cut by the edge", text: t.textContent});
      if (!t.closest(".inside_marks") && ratio(rgb(getComputedStyle(t).fill), behind) < 4.5)
        out.push({chart: fig.id, problem: "contrast " + ratio(rgb(getComputedStyle(t).fill), behind).toFixed(2), text: t.textContent});
      boxes.push([t, r]);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i], [b, q] = boxes[j];
      if (Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1)
        out.push({chart: fig.id, problem: "overlaps", text: a.textContent + " / " + b.textContent});
    }
    out.push({chart: fig.id, smallest: Math.round(smallest * 100) / 100, width: Math.round(box.width)});
  }
  return out;
}
"""


URLS = site_urls()


@pytest.fixture(scope="module")
def site(engine_site: tuple[str, Path]) -> Iterator[tuple[str, Path]]:
    with serve(engine_site[1]) as url:
        yield url, engine_site[1]


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with browser() as b:
        yield b


def _check(page) -> tuple[list[dict], list[float]]:
    page.evaluate("document.fonts.ready")
    rows = page.evaluate(GEOMETRY)
    return [r for r in rows if "problem" in r], [r["smallest"] for r in rows if "smallest" in r]


@pytest.mark.parametrize("width", [360, 1280])
def test_every_chart_is_legible_and_whole_at_phone_and_desktop_width(site: tuple[str, Path], chromium, width: int) -> None:
    """At 360 and 1280 px, in both schemes and languages: chart text ≥ 11 CSS px, none cut, none overlapping, in contrast."""
    url, folder = site
    problems, sizes, expected = [], [], 0
    for scheme in ("light", "dark"):
        context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for path in URLS:
            charts = (folder / path / "index.html").read_text(encoding="utf-8").count('<figure class="chart"')
            if not charts:
                continue
            expected += charts
            page.goto(url + path)
            found, smallest = _check(page)
            problems += [f"{scheme} {path}: {p}" for p in found]
            sizes += smallest
            problems += [f"{scheme} {path}: smallest text {s} px" for s in smallest if s < SMALLEST]
        context.close()
    assert problems == []
    assert len(sizes) == expected > 0  # every chart was measured
    print(f"{width} px: smallest chart text {min(sizes)} px over {len(sizes)} charts")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_live_charts_are_legible_and_whole_too(site: tuple[str, Path], chromium, scheme: str) -> None:
    """The interactive chart a reader gets by pointing or focusing is laid out for the same width as the static one."""
    url, _ = site
    problems = []
    for width in (360, 1280):
        context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for path in ("targets/", "en/targets/", "pillars/platforms/", "en/pillars/enterprises/"):
            page.goto(url + path, wait_until="networkidle")
            for figure in page.locator("figure.chart").all():
                figure.focus()  # the keyboard turns it live as pointing does: nothing depends on hover alone
                page.wait_for_function("el => el.dataset.state === 'live'", arg=figure.element_handle())
            found, smallest = _check(page)
            problems += [f"{width} {path}: {p}" for p in found] + [f"{width} {path}: smallest {s}" for s in smallest if s < SMALLEST]
        context.close()
    assert problems == []


def test_colour_scheme_follows_the_system_and_the_toggle_switches_it(site: tuple[str, Path], chromium) -> None:
    url, _ = site
    for system, first in (("light", "default"), ("dark", "slate")):
        context = chromium.new_context(color_scheme=system)
        page = context.new_page()
        page.goto(url + "en/")
        scheme = "() => document.body.getAttribute('data-md-color-scheme')"
        assert page.evaluate(scheme) == first
        seen = []
        for _ in range(3):  # automatic → light → dark → automatic
            toggle = page.locator("form[data-md-component='palette'] label:visible").first
            seen.append(toggle.get_attribute("title"))
            toggle.click()
            seen.append(page.evaluate(scheme))
        assert seen[1] == "default" and seen[3] == "slate" and seen[5] == first, seen
        assert {"Switch to light mode", "Switch to dark mode", "Follow the system's colour scheme"} <= set(seen)
        context.close()
    page = chromium.new_page()
    page.goto(url)
    assert page.locator("form[data-md-component='palette'] label").first.get_attribute("title") in {"切换到浅色模式", "切换到深色模式", "跟随系统配色"}
    page.close()


# Every page but four of the five source pages, in each language: a source page is its text with the figures marked,
# the same colours on each (the light scheme is checked on every page, tests/test_browser.py); every pillar page, whose
# charts differ, is checked.
ONE_OF_EACH_KIND = ["", *(f"pillars/{p.id}/" for p in real_content().pillars), "targets/", "sources/", "sources/002/", "method/", "data/", "changes/"]


def test_axe_finds_nothing_in_the_dark_scheme_on_a_phone(site: tuple[str, Path], chromium) -> None:
    url, _ = site
    context = chromium.new_context(viewport={"width": 360, "height": 800}, color_scheme="dark")
    page = context.new_page()
    found = []
    kinds = [prefix + path for prefix in ("", "en/") for path in ONE_OF_EACH_KIND]
    assert set(kinds) <= set(URLS)
    for path in kinds:
        page.goto(url + path, wait_until="load")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        found += [f"{path}: {v}" for v in axe_violations(page)]
    context.close()
    assert found == []


def test_text_enlarged_to_200_percent_loses_nothing(site: tuple[str, Path], chromium) -> None:
    """A 1280 px window zoomed to 200% (640 CSS px at twice the pixels): nothing runs off the side, charts stay legible."""
    url, _ = site
    context = chromium.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    problems = []
    for path in ("", "en/", "targets/", "en/targets/", "pillars/transfer/", "en/pillars/transfer/"):
        page.goto(url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            problems.append(f"{path}: {overflow} px wider than the window")
        found, smallest = _check(page)
        problems += [f"{path}: {p}" for p in found] + [f"{path}: smallest {s}" for s in smallest if s < SMALLEST]
    context.close()
    assert problems == []


def test_chart_text_stays_out_of_search(site: tuple[str, Path]) -> None:
    """Search finds a chart by its caption and table, never by its axis numbers."""
    import re

    _, folder = site
    for lang in ("", "en/"):
        index = next(p for p in (folder / lang / "search" / "search_index.json", folder / lang / "search.json") if p.exists()).read_text(encoding="utf-8")
        for svg in sorted((folder / lang / "charts").glob("*.svg")):
            ink = "".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg.read_text(encoding="utf-8"))[:6])
            assert len(ink) > 6 and ink not in index, f"{lang}{svg.name}: {ink!r} is in the search index"
