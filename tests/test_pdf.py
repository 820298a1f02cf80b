"""The PDF reports, read back with poppler as a reader's tools would."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import browser, serve
from conftest import LOCALE, ROOT, build_fixture_site, drawn_views, real_chart, revise

from generator import cachefs
from generator.load.project import load_plan, load_project
from generator.model import Plan
from generator.pdf.report import chapters

KANGXI = re.compile("[\u2f00-\u2fdf\u2e80-\u2eff]")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found: install poppler-utils (`apt-get install poppler-utils`, done by bash .ci/setup)")
    return found


def pdftext(pdf: Path, page: int | None = None, layout: bool = False) -> str:
    args = [_tool("pdftotext"), "-enc", "UTF-8"]
    if not layout:
        args.append("-raw")  # content order: side-by-side cards stay whole
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def page_count(pdf: Path) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[56]\.\d+ x 84[12]\.\d+ pts \(A4\)", info), info
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def stroked_paths(pdf: Path, page: int, tmp: Path) -> int:
    out = tmp / f"p{page}.svg"
    subprocess.run([_tool("pdftocairo"), "-svg", "-f", str(page), "-l", str(page), str(pdf), str(out)], check=True)
    return sum(1 for line in out.read_text(encoding="utf-8").splitlines() if "<path " in line and "stroke-width" in line)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_has_contents_chapters_figures_and_targets(built_site: Path, plan: Plan, lang: str) -> None:
    pdf = built_site / ("report.pdf" if lang == "zh" else "en/report.pdf")
    pages = page_count(pdf)
    assert 12 <= pages <= 60
    text = squash(pdftext(pdf))
    assert not KANGXI.search(text), "text extracts as Kangxi radicals instead of ordinary characters"
    assert ("目录" if lang == "zh" else "Contents") in text
    for pillar in plan.pillars:
        assert squash(getattr(pillar.title, lang)) in text
    for ind in plan.headline:
        assert squash(LOCALE[lang].observation(ind.latest)) in text
        assert squash(getattr(ind.name, lang)) in text
    for target in plan.targets:
        assert squash(getattr(target.title, lang)) in text
        assert squash(LOCALE[lang].progress_label(target.progress.level)) in text
    assert squash(getattr(plan.title, lang)) in text
    assert plan.content_version in text


def test_chinese_pdf_text_copies_out_as_ordinary_characters(built_site: Path, plan: Plan) -> None:
    text = pdftext(built_site / "report.pdf")
    for pillar in plan.pillars:
        assert pillar.title.zh in text  # as typed, not as look-alike radicals or split glyphs
    figures = [ind.latest for ind in plan.all_indicators if any(ch.isdigit() for ch in ind.latest.value)]
    assert figures and all(squash(obs.value) in squash(text) for obs in figures)


def test_english_pdf_has_english_titles_and_converted_figures(built_site: Path, plan: Plan) -> None:
    text = squash(pdftext(built_site / "en" / "report.pdf"))
    for pillar in plan.pillars:
        assert squash(pillar.title.en) in text
    converted = [ind for ind in plan.all_indicators if ind.latest.unit.en.shift or ind.latest.unit.en.scale_words]
    assert converted  # amounts in 亿元, counts in 万家 …: their English text moves the decimal point
    for ind in converted:
        assert squash(LOCALE["en"].observation(ind.latest)) in text, ind.id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_standing_is_in_the_report_where_the_site_shows_it(built_site: Path, plan: Plan, lang: str) -> None:
    """On the card of each figure it is about and in its pillar's (or the plan's) list: the chapter that shows the card."""
    pdf = built_site / ("report.pdf" if lang == "zh" else "en/report.pdf")
    chapters = squash(pdftext(pdf)).split(squash(LOCALE[lang].label("standings")))
    assert len(chapters) == 1 + sum(1 for owner in [plan, *plan.pillars] if owner.standings)  # one list per owner with standings
    text = squash(pdftext(pdf))
    for standing in plan.all_standings:
        shown = squash(getattr(standing.standing, lang))
        assert text.count(shown) >= 1 + len(standing.indicators), (standing.id, lang)  # the list, and each card
        assert squash(getattr(standing.subject, lang)) in text, standing.id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_keeps_what_was_done_apart_from_the_tasks(built_site: Path, plan: Plan, lang: str) -> None:
    text = squash(pdftext(built_site / ("report.pdf" if lang == "zh" else "en/report.pdf")))
    locale = LOCALE[lang]
    for pillar in plan.pillars:
        chapter = text[text.index(squash(getattr(pillar.heading, lang))) :]
        done, tasks, steps = (
            squash(locale.label("done")),
            squash(locale.label("tasks_of", source=locale.text(next(s for s in plan.sources if s.tasks).short))),
            squash(locale.label("next_steps")),
        )
        assert chapter.index(done) < chapter.index(tasks) < chapter.index(steps), pillar.id
        between = chapter[chapter.index(done) : chapter.index(tasks)]
        assert all(squash(getattr(p, lang))[:30] in between for p in pillar.done), pillar.id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_targets_chart_in_the_report_names_each_figures_year_and_rating(built_site: Path, plan: Plan, lang: str) -> None:
    from generator.charts.data import chart_data

    text = squash(pdftext(built_site / ("report.pdf" if lang == "zh" else "en/report.pdf")))
    for chart in (c for c in plan.all_charts if c.kind == "target_progress"):
        for row in chart_data(chart, LOCALE[lang]).rows:
            assert squash(str(row["label"])) in text, (chart.id, row["label"])


def labels(pdf: Path) -> list[str]:
    """The page labels a PDF viewer shows: i, ii for the front matter, then 1, 2, …"""
    from pypdf import PdfReader

    return list(PdfReader(pdf).page_labels)


def heading_pages(pdf: Path) -> dict[str, int]:
    """Page (1-based) of each named destination, i.e. where each chapter heading was laid out."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    return {name: reader.get_destination_page_number(dest) + 1 for name, dest in reader.named_destinations.items()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_contents_page_numbers_lead_to_each_chapter(built_site: Path, plan: Plan, lang: str) -> None:
    pdf = built_site / ("report.pdf" if lang == "zh" else "en/report.pdf")
    page_labels = labels(pdf)
    chapter_pages = heading_pages(pdf)
    assert page_labels[:3] == ["i", "ii", "1"], page_labels[:3]
    assert page_labels[2:] == [str(n) for n in range(1, len(page_labels) - 1)]
    toc = pdftext(pdf, 2, layout=True)
    numbers = []
    for pillar in plan.pillars:
        title = getattr(pillar.title, lang)
        match = re.search(re.escape(title) + r"[^\n]*?\.{3,}\s*(\d+)", toc)
        assert match, f"no page number for {title} in the table of contents"
        page = page_labels.index(match.group(1)) + 1
        starts = chapter_pages[f"pillar-{pillar.id}"]
        assert page == starts, (title, "contents says", match.group(1), "chapter starts on", page_labels[starts - 1])
        lines = [line.strip() for line in pdftext(pdf, page, layout=True).splitlines() if line.strip()]
        heading = title if lang == "zh" else f"{title} {pillar.title.zh}"
        assert lines[:4].count(heading) == 2, (heading, lines[:4])  # the running header and the chapter heading
        assert lines[-1] == match.group(1), ("the printed page number is the page label", lines[-1])
        numbers.append(int(match.group(1)))
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_contents_entries_link_to_their_chapters(built_site: Path, plan: Plan, lang: str) -> None:
    from pypdf import PdfReader

    pdf = built_site / ("report.pdf" if lang == "zh" else "en/report.pdf")
    destinations = heading_pages(pdf)
    targets = {}
    for annotation in PdfReader(pdf).pages[1]["/Annots"]:
        annotation = annotation.get_object()
        assert annotation["/Subtype"] == "/Link"
        targets[str(annotation["/Dest"])] = destinations[str(annotation["/Dest"])]
    expected = ["goals", *(f"pillar-{p.id}" for p in plan.pillars), "targets", "sources"]
    assert sorted(targets) == sorted(expected)
    for pillar in plan.pillars:
        heading = pdftext(pdf, targets[f"pillar-{pillar.id}"], layout=True).splitlines()[:4]
        assert any(line.strip().startswith(getattr(pillar.title, lang)) for line in heading), heading
    assert [targets[name] for name in expected] == sorted(targets[name] for name in expected)


def test_report_laid_out_in_parts_matches_the_report_laid_out_at_once(built_site: Path, plan: Plan, tmp_path: Path) -> None:
    """Page and footnote numbers carry across parts: the built report, a chapter per part, has the pages of the report laid out at once."""
    from generator.pdf.report import build_date, build_report, chapters, chapters_per_part

    assert chapters_per_part(len(chapters(plan))) == 1  # the built report is laid out a chapter at a time
    views = drawn_views(plan, "zh")
    work = tmp_path / "work"
    work.mkdir()
    target = built_site / "report.pdf"
    history = load_project(ROOT).history  # the cover names the edition
    pages = build_report(plan, LOCALE["zh"], views, build_date(), built_site, tmp_path / "whole.pdf", work, part_size=len(chapters(plan)), history=history)
    assert len(list(work.glob("report.zh.part*.pdf"))) == 1
    whole = tmp_path / "whole.pdf"
    assert pages == page_count(whole) == page_count(target)
    assert labels(target) == labels(whole)
    for n in range(1, pages + 1):
        assert pdftext(target, n, layout=True) == pdftext(whole, n, layout=True), f"page {n} differs"
    notes = [int(m) for m in re.findall(r"^(\d+)\. [^\n“]*：“", pdftext(target), re.M)]  # "12. 2025年署名文章：“…”"
    assert notes == list(range(1, len(notes) + 1)) and len(notes) > 50
    assert structure_problems(target) == []  # the parts' structure trees joined into one
    assert tags(target) == tags(whole)  # the same elements on the same pages in the same order


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_part_laid_out_chapter_by_chapter_is_the_part_laid_out_as_one_document(built_site: Path, plan: Plan, lang: str, tmp_path: Path) -> None:
    """Each chapter is laid out on its own (a chapter set tighter alone), and the part written from their pages is byte
    for byte the part laid out as one document, set tighter where its chapters end on a nearly empty page."""
    import functools

    import weasyprint

    from generator.pdf.report import Layout, _lay_out, _stragglers, build_date, chapters, report_html

    views, part, date = drawn_views(plan, lang), chapters(plan), build_date()
    base_url, identifier = f"{built_site}/", b"same"
    chapter_html = functools.partial(report_html, plan, LOCALE[lang], views, date)
    laid = _lay_out(chapter_html, base_url, tmp_path / "chapters.pdf", identifier, part, Layout(pages=4, footnotes=7), tmp_path / "fonts")

    start = Layout(pages=4, footnotes=7)
    document = weasyprint.HTML(string=chapter_html(part, start), base_url=base_url).render()
    tight = _stragglers(document.pages, part)
    if tight:
        document = weasyprint.HTML(string=chapter_html(part, start, tight=tight), base_url=base_url).render()
    document.write_pdf(tmp_path / "one.pdf", pdf_identifier=identifier, pdf_tags=True)
    first = {chapter.anchor: min(n for n, page in enumerate(document.pages) if chapter.anchor in page.anchors) for chapter in part}
    assert laid.pages == len(document.pages) and laid.first_page == first
    assert (tmp_path / "chapters.pdf").read_bytes() == (tmp_path / "one.pdf").read_bytes()
    assert pdftext(tmp_path / "one.pdf", 1, layout=True).split()[-1] == "5"  # numbered on from the pages before


@pytest.mark.parametrize("lang", ["zh", "en", "footnotes with margins"])
def test_footnote_areas_measured_one_footnote_at_a_time_lay_out_the_same_pages(built_site: Path, plan: Plan, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``compat.weasyprint.quicker_footnotes`` measures a page's footnote area by adding each footnote's height once instead of laying out the
    whole area again for each footnote placed: the real report (all its chapters as one document) is byte for byte the
    same as WeasyPrint lays it out, and footnotes with margins, which may collapse, are measured WeasyPrint's way."""
    import weasyprint
    from weasyprint.layout import LayoutContext

    from generator.compat import weasyprint as compat_weasyprint
    from generator.pdf.report import Layout, build_date, report_html

    if lang in LOCALE:
        html = report_html(plan, LOCALE[lang], drawn_views(plan, lang), build_date(), chapters(plan), Layout())
    else:
        notes = "".join(f'<p>Line {n}<span class="fn" style="margin: {n % 3}px 0">Note {n} {"long " * (n % 40)}</span></p>' for n in range(120))
        html = f"<style>.fn {{ float: footnote }}</style>{notes}"
    compat_weasyprint.quicker_footnotes()
    weasyprint_own, whole = compat_weasyprint._ORIGINAL, []

    def laid_out_whole(context: LayoutContext) -> bool:
        whole.append(context)
        return bool(weasyprint_own(context))

    monkeypatch.setattr(compat_weasyprint, "_ORIGINAL", laid_out_whole)
    quick = weasyprint.HTML(string=html, base_url=f"{built_site}/").write_pdf(pdf_identifier=b"same")
    measured = len(whole)
    monkeypatch.setattr(LayoutContext, "_update_footnote_area", laid_out_whole)  # every area laid out whole
    plain = weasyprint.HTML(string=html, base_url=f"{built_site}/").write_pdf(pdf_identifier=b"same")
    placed = len(whole) - measured
    assert quick == plain
    assert (measured < placed / 4) if lang in LOCALE else 0 < measured < placed  # the real report mostly adds heights


def tags(pdf: Path) -> list[tuple[str, int]]:
    """Every structure element in reading order with its page (0 for none), leaving out the grouping ones (Document, Part)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}
    out: list[tuple[str, int]] = []

    def walk(node: object) -> None:
        element = node.get_object()  # type: ignore[attr-defined]
        if not isinstance(element, dict) or "/S" not in element:
            return
        if element["/S"] not in ("/Document", "/Part"):
            page = element.raw_get("/Pg") if "/Pg" in element else None
            out.append((str(element["/S"]), pages.get(page.idnum, -1) if page is not None else 0))
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                walk(kid)

    walk(reader.root_object["/StructTreeRoot"].get_object()["/K"][0])
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_pages_carry_vector_drawing(built_site: Path, plan: Plan, lang: str, tmp_path: Path) -> None:
    from generator.charts.data import chart_data

    pdf = built_site / ("report.pdf" if lang == "zh" else "en/report.pdf")
    pages = {n: squash(pdftext(pdf, n)) for n in range(1, page_count(pdf) + 1)}
    for chart in plan.all_charts:
        caption = squash(chart_data(chart, LOCALE[lang]).description)
        found = [n for n, text in pages.items() if caption in text]
        assert found, f"caption of {chart.id} not found"
        assert stroked_paths(pdf, found[0], tmp_path) >= 10, f"page {found[0]} with {chart.id} has no vector chart"
    assert stroked_paths(pdf, 1, tmp_path) == 0  # the cover has no chart


def test_pdf_links_on_home_and_pillar_pages(built_site: Path) -> None:
    for page in ("index.html", "pillars/transfer/index.html", "en/index.html", "en/pillars/transfer/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert re.search(r'href="(\.\./\.\./)?report\.pdf"', html), page


@pytest.mark.browser
def test_browser_print_of_a_pillar_page_has_the_chart_and_no_navigation(engine_site: tuple[str, Path], plan: Plan, tmp_path: Path) -> None:
    from generator.charts.data import chart_data

    site = engine_site[1]
    pillar, chart = real_chart("time_series")
    html = (site / "pillars" / pillar.id / "index.html").read_text(encoding="utf-8")
    with serve(site) as url, browser() as b:
        page = b.new_page()
        page.goto(url + f"pillars/{pillar.id}/", wait_until="networkidle")
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator("details[open]").count() == html.count("<details") > 0  # every folded part is printed open
        pdf = tmp_path / f"{pillar.id}.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
    text = pdftext(pdf)
    assert squash(chart_data(chart, LOCALE["zh"]).description) in squash(text)  # chart caption
    assert pillar.title.zh in text
    for nav in ("English version of this page", "搜索", LOCALE["zh"].label("pillars", **plan.counts), "目录", "下载"):
        assert nav not in text, nav
    assert any(stroked_paths(pdf, n, tmp_path) >= 10 for n in range(1, page_count(pdf) + 1))


@pytest.mark.parametrize("report", ["report.pdf", "en/report.pdf"])
def test_middle_dots_copy_out_as_middle_dots(built_site: Path, report: str) -> None:
    """Noto Sans CJK shares one glyph between · and •: with disc bullets every · copied out as •."""
    text = pdftext(built_site / report)
    assert "·" in text
    assert "•" not in text


def structure_problems(pdf: Path) -> list[str]:
    """What is wrong with a tagged PDF's structure: a page or link its tree does not reach, or reaches on another page."""
    from pypdf import PdfReader

    from generator.pdf.join import number_tree

    reader = PdfReader(pdf)
    tree = reader.root_object["/StructTreeRoot"].get_object()
    parents = dict(number_tree(tree["/ParentTree"].get_object()))
    problems = []
    for number, page in enumerate(reader.pages, 1):
        key = page.get("/StructParents")
        if key is None or int(key) not in parents:
            problems.append(f"page {number}: no structure parents")
            continue
        for element in parents[int(key)].get_object():
            element = element.get_object()
            if hasattr(element, "get") and element.get("/Pg") is not None and element.raw_get("/Pg").idnum != page.indirect_reference.idnum:
                problems.append(f"page {number}: an element of another page")
        for annotation in page.get("/Annots", []):
            key = annotation.get_object().get("/StructParent")
            link = parents.get(int(key)) if key is not None else None
            kids = link.get_object().get("/K", []) if link is not None else []
            kids = kids if isinstance(kids, list) else [kids]
            objrs = [k.get_object() for k in kids if isinstance(k.get_object(), dict) and k.get_object().get("/Type") == "/OBJR"]
            if not any(objr.raw_get("/Obj").idnum == annotation.idnum for objr in objrs):
                problems.append(f"page {number}: a link annotation outside the structure")
    return problems


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_is_tagged_for_screen_readers(built_site: Path, plan: Plan, lang: str) -> None:
    """A structure tree (tagged PDF) reaching every page and link, the document's language, and its text in reading order."""
    from pypdf import PdfReader

    pdf = built_site / ("report.pdf" if lang == "zh" else "en/report.pdf")
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert PdfReader(pdf).root_object["/Lang"] == LOCALE[lang].data.html_lang
    assert structure_problems(pdf) == []
    outline = subprocess.run([_tool("pdfinfo"), "-struct", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert outline.startswith("Document\n"), outline[:200]
    found = tags(pdf)
    headings = [page for kind, page in found if kind == "/H1"]
    assert headings == [1, *chapter_starts(pdf, plan)], headings  # the cover's title, then each chapter's, in reading order
    assert sum(kind == "/Figure" for kind, _ in found) >= len(plan.all_charts)
    assert all(page > 0 for kind, page in found if kind in ("/P", "/H1", "/H2", "/Figure"))
    assert labels(pdf)[:3] == ["i", "ii", "1"]  # page labels and bookmarks kept
    assert len(PdfReader(pdf).outline) >= len(plan.pillars)


def chapter_starts(pdf: Path, plan: Plan) -> list[int]:
    from generator.pdf.report import chapters

    pages = heading_pages(pdf)
    return [pages[chapter.anchor] for chapter in chapters(plan)]


def body_fill(pdf: Path, tmp: Path) -> dict[int, float]:
    """How far down each page its content reaches, as a share of the page's text area (A4 less 22 mm margins)."""
    from PIL import Image

    subprocess.run([_tool("pdftoppm"), "-r", "36", "-gray", str(pdf), str(tmp / "p")], check=True)
    fill = {}
    for image_file in sorted(tmp.glob("p-*.pgm")):
        image = Image.open(image_file)
        width, height = image.size
        top, bottom = round(height * 22 / 297), round(height * 275 / 297)
        pixels = image.load()
        inked = [y for y in range(top, bottom) if any(pixels[x, y] < 200 for x in range(width))]
        fill[int(image_file.stem.split("-")[1])] = (inked[-1] - top) / (bottom - top) if inked else 0.0
    return fill


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_of_the_body_is_nearly_empty(built_site: Path, plan: Plan, lang: str, tmp_path: Path) -> None:
    """Every page after the contents holds at least a quarter page; a chapter's last page may hold less only when
    even setting the chapter tighter could not bring its last lines back."""
    pdf = built_site / ("report.pdf" if lang == "zh" else "en/report.pdf")
    fill = body_fill(pdf, tmp_path)
    starts = set(chapter_starts(pdf, plan))
    first = min(starts)
    ends = {page - 1 for page in starts if page > first} | {max(fill)}
    thin = {page: round(share, 2) for page, share in fill.items() if page >= first and share < 0.25}
    assert set(thin) <= ends, f"pages under a quarter full that are not a chapter's end: {thin}"
    print(f"{lang}: {len(fill)} pages; least filled body page {min(v for p, v in fill.items() if p >= first):.2f}; chapter ends under a quarter: {thin}")


def test_a_large_report_is_laid_out_in_at_most_32_parts_of_at_most_8_chapters() -> None:
    from generator.pdf.report import chapters_per_part

    assert [chapters_per_part(n) for n in (1, 8, 32, 33, 64, 65, 258, 2000)] == [1, 1, 1, 2, 2, 3, 8, 8]


def test_a_chapter_ending_on_a_nearly_empty_page_is_set_tighter() -> None:
    """The layout check: a chapter that started earlier and ends in the top quarter of a page is picked, others are not."""
    from types import SimpleNamespace

    from generator.pdf.report import PAGE_BODY_PX, PAGE_TOP_PX, _stragglers

    def page(**anchors: float) -> SimpleNamespace:
        return SimpleNamespace(anchors={name.replace("_", "-"): (0, PAGE_TOP_PX + y * PAGE_BODY_PX) for name, y in anchors.items()})

    part = [SimpleNamespace(anchor="a"), SimpleNamespace(anchor="b"), SimpleNamespace(anchor="c")]
    pages = [page(a=0.0), page(end_a=0.1, b=0.0), page(end_b=0.6), page(c=0.0, end_c=0.05)]
    assert _stragglers(pages, part) == {"a"}  # b ends well down its page; c is short but on its own first page


@pytest.mark.slow
def test_a_revised_figure_lays_out_only_its_part_again(minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Laid-out parts are reused; the report joined from them is the report a cold build makes, byte for byte.

    One chapter per part, as built; the builds run in this process (jobs=1).
    """
    import json

    from generator.pdf import report as pdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    assert pdf.chapters_per_part(len(chapters(load_plan(minimal / "content", minimal)))) == 1
    cold = tmp_path / "cold"
    shutil.copytree(minimal, cold)
    build_fixture_site(minimal, pdf=True, jobs=1)
    parts = minimal / ".cache" / "pdf"
    before = set(parts.glob("*.json"))
    assert len(before) == 2 * len(chapters(load_plan(minimal / "content", minimal)))  # every chapter, in each language
    revise(minimal, "145", "150", "目前示例实验室145家", "目前示例实验室150家")
    site = build_fixture_site(minimal, pdf=True, jobs=1)
    again = [json.loads(cachefs.get(path) or b"{}")["first_page"] for path in set(parts.glob("*.json")) - before]
    assert sorted(chapter for laid in again for chapter in laid) == ["pillar-alpha", "pillar-alpha"]  # once per language
    revise(cold, "145", "150", "目前示例实验室145家", "目前示例实验室150家")
    fresh = build_fixture_site(cold, pdf=True, jobs=1)
    for report in ("report.pdf", "en/report.pdf"):
        assert (site / report).read_bytes() == (fresh / report).read_bytes(), report


@pytest.mark.slow
def test_a_report_of_many_parts_is_joined_in_a_process_of_its_own_with_the_same_bytes(minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The join of more than ``IN_PROCESS_PARTS`` parts runs as ``python -m generator.pdf.join`` (to give its memory back);
    joined here, in this process, the same parts give the same file."""
    import gc
    import json

    from generator.charts.render import RenderCache
    from generator.pdf import join as pdftags
    from generator.pdf.report import build_report
    from generator.run.generate import generate_language
    from generator.run.timings import Timings

    monkeypatch.setattr(pdftags, "IN_PROCESS_PARTS", 1)
    project = load_project(minimal)
    zh = project.locales[0]
    docs, work = tmp_path / "docs", tmp_path / "work"
    work.mkdir()
    views = generate_language(project.plan, zh, project.locales, docs, RenderCache(tmp_path / "cache"), True, Timings(), project.history).views
    pages = build_report(project.plan, zh, views, "2026-01-01T00:00:00Z", docs, tmp_path / "apart.pdf", work, part_size=1, history=project.history)
    assert gc.get_freeze_count() == 0  # what was set aside from the collector while laying out is given back
    job = json.loads((work / "report.zh.join.json").read_text(encoding="utf-8"))  # what the joining process was given
    assert len(job["parts"]) == len(chapters(project.plan)) > 1
    fonts = {name: (file, index) for name, (file, index) in job["fonts"].items()}
    here = pdftags.join(Path(job["front"]), [Path(p) for p in job["parts"]], job["links"], job["front_pages"], tmp_path / "here.pdf", fonts)
    assert here == pages == page_count(tmp_path / "apart.pdf")
    assert (tmp_path / "here.pdf").read_bytes() == (tmp_path / "apart.pdf").read_bytes()


def embedded_fonts(pdf: Path) -> dict[str, set[int]]:
    """Each embedded font's name (its subset tag kept) and the objects of the font files its descriptors point at."""
    from pypdf import PdfReader

    found: dict[str, set[int]] = {}
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            for descendant in font.get_object().get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                key = "/FontFile3" if "/FontFile3" in descriptor else "/FontFile2"
                found.setdefault(str(descendant.get_object()["/BaseFont"]), set()).add(descriptor.raw_get(key).idnum)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_font_is_embedded_once_in_the_built_report(built_site: Path, lang: str) -> None:
    """The report is laid out a chapter at a time, and each part embeds its own subset of each font; the join keeps one file per font."""
    fonts = embedded_fonts(built_site / ("report.pdf" if lang == "zh" else "en/report.pdf"))
    assert any("Noto-Sans-CJK-SC" in name for name in fonts), fonts
    assert {name: len(files) for name, files in fonts.items()} == dict.fromkeys(fonts, 1)


@pytest.mark.slow
def test_a_shared_font_draws_every_page_as_the_parts_own_subsets_did(minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Joined with one subset per font for all the parts' glyphs, the report draws pixel for pixel as joined with each part's
    own subsets, and its text is the same; it is smaller."""
    import json

    from PIL import ImageChops

    from generator.charts.render import RenderCache
    from generator.pdf import join as pdftags
    from generator.pdf.report import build_report
    from generator.run.generate import generate_language
    from generator.run.timings import Timings

    monkeypatch.setattr(pdftags, "IN_PROCESS_PARTS", 1)  # to read the join's job
    project = load_project(minimal)
    zh = project.locales[0]
    docs, work = tmp_path / "docs", tmp_path / "work"
    work.mkdir()
    views = generate_language(project.plan, zh, project.locales, docs, RenderCache(tmp_path / "cache"), True, Timings(), project.history).views
    build_report(project.plan, zh, views, "2026-01-01T00:00:00Z", docs, tmp_path / "report.pdf", work, part_size=1, history=project.history)
    job = json.loads((work / "report.zh.join.json").read_text(encoding="utf-8"))
    fonts = {name: (file, index) for name, (file, index) in job["fonts"].items()}
    assert any("Noto-Sans-CJK-SC" in name for name in fonts) and all(Path(file).exists() for file, _ in fonts.values())
    args = (Path(job["front"]), [Path(p) for p in job["parts"]], job["links"], job["front_pages"])
    pages = pdftags.join(*args, tmp_path / "shared.pdf", fonts)
    assert pdftags.join(*args, tmp_path / "apart.pdf", {}) == pages  # no installed font known: each part keeps its own
    shared, apart = embedded_fonts(tmp_path / "shared.pdf"), embedded_fonts(tmp_path / "apart.pdf")
    assert shared.keys() == apart.keys()
    assert all(len(files) == 1 for files in shared.values()) and any(len(files) > 1 for files in apart.values())
    assert (tmp_path / "shared.pdf").stat().st_size < (tmp_path / "apart.pdf").stat().st_size
    assert pdftext(tmp_path / "shared.pdf") == pdftext(tmp_path / "apart.pdf")
    for name in ("shared", "apart"):
        subprocess.run([_tool("pdftoppm"), "-r", "60", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True)
    from PIL import Image

    drawn = sorted(tmp_path.glob("shared-*.png"))
    assert len(drawn) == pages
    for image in drawn:
        other = tmp_path / image.name.replace("shared", "apart")
        assert ImageChops.difference(Image.open(image).convert("RGB"), Image.open(other).convert("RGB")).getbbox() is None, image.name


def test_weasyprint_subsets_with_unsized_arrays_and_writes_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """``compat.weasyprint.quicker_subsetting`` spares cffi a type parse per array length; what WeasyPrint writes does not change."""
    import weasyprint
    import weasyprint.pdf.fonts as wf

    from generator.compat import weasyprint as compat_weasyprint

    plain = getattr(wf.ffi, "_ffi", wf.ffi)
    html = '<p style="font-family: Noto Sans CJK SC">北京国际科技创新中心 <b>抓平台</b> platforms</p><p style="font-family: DejaVu Sans">text</p>'
    monkeypatch.setattr(wf, "ffi", plain)
    before = weasyprint.HTML(string=html).write_pdf(pdf_identifier=b"x")
    declared: list[str] = []

    class Spy:
        def __getattr__(self, name: str) -> object:
            return getattr(plain, name)

        def new(self, cdecl: str, init: object = None) -> object:
            declared.append(cdecl)
            return plain.new(cdecl, init)

    monkeypatch.setattr(wf, "ffi", Spy())
    compat_weasyprint.quicker_subsetting()
    after = weasyprint.HTML(string=html).write_pdf(pdf_identifier=b"x")
    assert after == before
    assert "hb_codepoint_t[]" in declared and not [d for d in declared if re.fullmatch(r"hb_codepoint_t\[\d+\]", d)]


@pytest.mark.parametrize(("lang", "report"), [("zh", "report.pdf"), ("en", "en/report.pdf")])
def test_golden_report_text(history_project: Path, lang: str, report: str, update_golden: bool) -> None:
    """The fixture's report as a reader's copy-and-paste gets it, page by page: a WeasyPrint (or font, or Markdown)
    update that changes what the report says, or where, changes this file (``--update-golden`` after review)."""
    from conftest import check_golden

    text = pdftext(history_project / "site" / report, layout=True)
    assert text.count("\f") == page_count(history_project / "site" / report)
    check_golden(Path(__file__).parent / "golden" / f"report.{lang}.txt", text, update_golden)
