from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.load.locales import Locale, load_locales

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOCALES: tuple[Locale, ...] = load_locales(("zh", "en"))  # the built-in languages, Chinese at the root
LOCALE: dict[str, Locale] = {loc.code: loc for loc in LOCALES}


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of the small, complete fixture project (with the real site settings) that tests may change."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", dest)
    shutil.copy2(ROOT / "site_config.yml", dest / "site_config.yml")
    return dest


@functools.cache
def real_content():  # -> model.Plan
    """The real content, loaded once: real-content tests derive what they expect from it, never from fixed values."""
    from generator.load.project import load_plan

    return load_plan(ROOT / "content", ROOT)


@pytest.fixture
def plan():  # -> model.Plan
    """The real content's plan (loaded once per session)."""
    return real_content()


def real_chart(kind: str):  # -> tuple[model.Pillar, model.Chart]
    """The first chart of ``kind`` on a pillar page of the real content, with its pillar."""
    return next((p, c) for p in real_content().pillars for c in p.charts if c.kind == kind)


def edit(project: Path, file: str, old: str, new: str) -> None:
    """Replace one exact occurrence of ``old`` in a content file."""
    path = project / "content" / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_file(file: str, old: str, new: str) -> Callable[[Path], None]:
    """A mutation of a fixture project: replace one exact occurrence in a content file."""
    return lambda project: edit(project, file, old, new)


def all_of(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    """Several mutations of a fixture project, applied in order."""

    def mutate(project: Path) -> None:
        for m in mutations:
            m(project)

    return mutate


# Fixtures that build a whole site (or drive a browser): a test that uses one is slow, and stays out of the quick loop
# (`bash .ci/test -m "not slow"`); a test that builds, lays out a PDF or starts a browser by itself is marked slow.
SLOW_FIXTURES = frozenset(
    {"built_site", "zensical_site", "engine_site", "history_project", "fixture_site", "pseudo_site", "plain", "chromium", "site_url", "history_url"}
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with the golden file; ``--update-golden`` rewrites it."""
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path.name} did not exist; it was written, check it and commit it")
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs; if intended, run pytest --update-golden"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once per test session (both languages and PDFs)."""
    from generator.run.build import build_site

    out = tmp_path_factory.mktemp("real") / "site"
    build_site(ROOT, out, pdf=True)
    return out


@pytest.fixture(scope="session")
def zensical_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content published by Zensical (the generated pages are shared with ``built_site``: only the engine runs)."""
    from generator.run.build import build_site

    out = tmp_path_factory.mktemp("zensical") / "site"
    build_site(ROOT, out, pdf=True, engine="zensical")
    return out


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def engine_site(request: pytest.FixtureRequest) -> tuple[str, Path]:
    """The real site as each engine publishes it: (engine, folder)."""
    return request.param, request.getfixturevalue("built_site" if request.param == "mkdocs" else "zensical_site")


def build_fixture_site(project: Path, pdf: bool = False, engine: str = "mkdocs", jobs: int | None = None) -> Path:
    """Build a fixture project with the real mkdocs.yml and site_config.yml."""
    from generator.run.build import build_site

    for name in ("mkdocs.yml", "site_config.yml"):
        shutil.copy(ROOT / name, project / name)
    out = project / "site"
    build_site(project, out, pdf=pdf, engine=engine, jobs=jobs)
    return out


# The fixture history: three editions of the minimal project, recorded with the edition command as a maintainer would.
EDITIONS = ("2025-01-15", "2025-06-30", "2026-01-31")


def _edition(project: Path, date: str, zh: str, en: str) -> None:
    from generator.cli import main

    assert main(["--root", str(project), "edition", "--date", date, "--note", f"zh={zh}", "--note", f"en={en}"]) == 0


def revise(project: Path, value: str, new_value: str, quote: str, new_quote: str) -> None:
    """Revise a figure of the minimal project as a maintainer would: its value, its quote and the sentence in the source."""
    edit(project, "sources/001.txt", quote, new_quote)
    edit(project, "pillars/alpha.yml", f'value: "{value}"', f'value: "{new_value}"')
    edit(project, "pillars/alpha.yml", f"quote: {quote}", f"quote: {new_quote}")


def make_history(project: Path) -> Path:
    """Edition 1 is the minimal project. Edition 2 revises a figure, adds one and renames an indicator (its id kept).
    Edition 3 removes a figure and revises another, so that its target's rating changes; it says why."""
    _edition(project, EDITIONS[0], "首个版次。", "First edition.")
    revise(project, "145", "150", "目前示例实验室145家", "目前示例实验室150家")
    edit(project, "sources/001.txt", "2023年示例实验室120家", "2023年,示例城市技术合同成交额8536.9亿元。\n2023年示例实验室120家")
    edit(
        project,
        "pillars/alpha.yml",
        '    observations:\n      - value: "9153.3"',
        '    observations:\n      - {value: "8536.9", year: 2023, source: "001", quote: "2023年,示例城市技术合同成交额8536.9亿元"}\n      - value: "9153.3"',
    )
    edit(project, "pillars/alpha.yml", "en: Example laboratories}\n    unit", "en: Example research laboratories}\n    unit")
    _edition(project, EDITIONS[1], "更新实验室数量。", "Laboratory count updated.")
    revise(project, "9153.3", "7900", "2024年,示例城市技术合同成交额9153.3亿元,同比增长7.2%", "2024年,示例城市技术合同成交额7900亿元")
    edit(project, "pillars/alpha.yml", '        growth: {value: "7.2", unit: percent, basis: year_on_year}\n', "")
    edit(
        project,
        "pillars/alpha.yml",
        '      - value: "120"\n        year: 2023\n        national: {value: "25.1", form: percent}\n'
        '        source: "001"\n        quote: 2023年示例实验室120家、占全国的25.1%\n',
        "",
    )
    edit(project, "pillars/alpha.yml", "  - id: labs-over-time", "  - id: contracts-over-time")
    edit(
        project,
        "pillars/alpha.yml",
        "title: {zh: 示例实验室, en: Example laboratories}\n    indicators: [labs]",
        "title: {zh: 技术合同成交额, en: Technology contract turnover}\n    indicators: [contracts]",
    )
    _edition(project, EDITIONS[2], "更正2024年技术合同成交额。", "2024 technology contract turnover corrected.")
    edit(
        project,
        "editions.yml",
        '      en: "2024 technology contract turnover corrected."',
        '      en: "2024 technology contract turnover corrected."\n    figures:\n'
        "      contracts-2024: {zh: 示例来源更正了该数值。, en: The example source corrected the figure.}",
    )
    return project


@pytest.fixture(scope="session")
def history_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project with its three-edition history, recorded once (not built): copy it with ``history_copy``."""
    project = tmp_path_factory.mktemp("history-template") / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    shutil.copy2(ROOT / "site_config.yml", project / "site_config.yml")
    return make_history(project)


@pytest.fixture
def history_copy(history_template: Path, tmp_path: Path) -> Path:
    """A copy of the minimal project with its three editions, that a test may change."""
    project = tmp_path / "project"
    shutil.copytree(history_template, project, symlinks=True)
    return project


@pytest.fixture(scope="session")
def history_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project with its three-edition history, built once (with PDFs) into ``site/``."""
    project = tmp_path_factory.mktemp("history") / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    shutil.copy2(ROOT / "site_config.yml", project / "site_config.yml")
    make_history(project)
    build_fixture_site(project, pdf=True)
    return project


def stub_views(plan, lang: str) -> dict:  # chart id -> ChartView
    """Chart views without the SVG, for rendering pages in tests."""
    from generator.charts.data import chart_data
    from generator.render.pages import ChartView

    return {c.id: ChartView(c, (), chart_data(c, LOCALE[lang]).description, [], []) for c in plan.all_charts}


def drawn_views(plan, lang: str) -> dict:  # chart id -> ChartView
    """Chart views with their SVG in every layout, drawn by vl-convert as the build draws them."""
    import vl_convert as vlc

    from generator.charts.data import chart_data
    from generator.charts.kinds import build_chart
    from generator.charts.registry import LAYOUTS
    from generator.charts.render import VL_VERSION
    from generator.render.pages import ChartView

    views = {}
    for c in plan.all_charts:
        data = chart_data(c, LOCALE[lang])
        svgs = tuple((layout, vlc.vegalite_to_svg(build_chart(c, data, LOCALE[lang], layout), vl_version=VL_VERSION)) for layout in LAYOUTS)
        views[c.id] = ChartView(c, svgs, data.description, [], [])
    return views
