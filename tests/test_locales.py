"""A language is data: a third, pseudo-locale builds a whole site without a line of code.

The pseudo-locale ``xx`` is English with every letter accented (``Sóúrçé``),
generated from the built-in English locale and added to a copy of the fixture
project, as a maintainer adding a language would: a ``locales/xx/`` folder, an
``xx`` key beside every ``en`` text in content/, and ``xx`` in site_config.yml.
Any interface text that does not come from the locale shows up as plain
English on the pseudo pages.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT, edit

from generator.errors import ContentError
from generator.load.locales import LOCALES, load_locales
from generator.load.project import load_project
from generator.render.site import site_pages, url_of

_ACCENTS = str.maketrans("aceinouyACEINOUY", "áçéíñóúýÁÇÉÍÑÓÚÝ")
# Left as they are: placeholders, Jinja, link targets, HTML tags, code, and entities.
_KEEP = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{[a-z_]*\}|\]\([^)]*\)|<[^>]+>|`[^`]*`|&\w+;)", re.S)


def pseudo(text: str) -> str:
    return "".join(part if _KEEP.fullmatch(part) else part.translate(_ACCENTS) for part in _KEEP.split(text))


def _pseudo_tree(value: Any) -> Any:
    if isinstance(value, str):
        return pseudo(value)
    if isinstance(value, dict):
        return {k: _pseudo_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_pseudo_tree(v) for v in value]
    return value


def _add_xx(value: Any) -> Any:
    """Beside every ``en`` of a translated item, an ``xx`` made from it."""
    if isinstance(value, list):
        return [_add_xx(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _add_xx(v) for k, v in value.items()}
    if "zh" in value and "en" in value:
        out["xx"] = pseudo(value["en"]) if isinstance(value["en"], str) else value["en"]
    return out


def add_pseudo_locale(project: Path) -> None:
    en = yaml.safe_load((LOCALES / "en" / "locale.yml").read_text(encoding="utf-8"))
    keep = {"engine", "figures", "punctuation", "citation"}
    xx = {k: (v if k in keep else _pseudo_tree(v)) for k, v in en.items()}
    xx |= {"code": "xx", "name": "Pséúdó", "html_lang": "en-XA"}
    scale_words = {pseudo(word): power for word, power in en["figures"]["scale_words"].items()}
    xx["figures"] = en["figures"] | {"qualifiers": _pseudo_tree(en["figures"]["qualifiers"]), "scale_words": scale_words}
    folder = project / "locales" / "xx"
    folder.mkdir(parents=True)
    (folder / "locale.yml").write_text(yaml.safe_dump(xx, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name in ("method.md.jinja", "data.md.jinja"):
        (folder / name).write_text(pseudo((LOCALES / "en" / name).read_text(encoding="utf-8")), encoding="utf-8")
    for path in (project / "content").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_add_xx(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    config["languages"] = ["zh", "en", "xx"]
    config["copyright"]["xx"] = pseudo(config["copyright"]["en"])
    (project / "site_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from generator.run.build import build_site

    project = tmp_path_factory.mktemp("pseudo") / "project"
    shutil.copytree(FIXTURES / "kinds", project)
    add_pseudo_locale(project)
    out = project / "site"
    build_site(project, out, pdf=True)
    return project, out


def _article(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner.*?</article>', text, re.S)
    assert match, page
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(0)))


def test_every_page_exists_in_the_third_language(pseudo_site: tuple[Path, Path]) -> None:
    project, out = pseudo_site
    pages = [p.path for p in site_pages(load_project(project).plan)]
    for path in pages:
        for prefix in ("", "en/", "xx/"):
            assert (out / prefix / url_of(path) / "index.html").is_file(), prefix + path
    assert (out / "xx" / "report.pdf").is_file()
    home = (out / "xx" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in home  # the engine's interface language (engine.language) sets the page's lang
    assert "Íñtérñátíóñál íñflúéñçé" in html.unescape(home)  # a label, from the pseudo-locale


def test_no_interface_text_escapes_the_locale(pseudo_site: tuple[Path, Path]) -> None:
    """No English label, progress wording, period or figure wording appears on a pseudo page's body."""
    project, out = pseudo_site
    en = load_locales(("en",))[0].data
    texts = [*en.labels.values(), *en.progress.labels.values(), *en.progress.reasons.values()]  # not this_page: the link to English is in English
    texts += [*en.periods.model_dump().values(), *en.growth.model_dump().values(), *en.national.model_dump().values()]
    phrases = {bit.strip() for t in texts for bit in re.split(r"\{[a-z_]*\}|[.;:()“”]", t) if len(bit.strip()) >= 5}
    for path in [p.path for p in site_pages(load_project(project).plan)]:
        # Addresses (a citation's permalink) and file names (pillars.csv) are not interface text.
        body = re.sub(r"\S*/\S*|\S+\.(?:csv|json|bib|zip|png)\b", " ", _article(out / "xx" / url_of(path) / "index.html"))
        leaked = sorted(p for p in phrases if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", body))
        assert not leaked, f"xx/{path} shows English interface text: {leaked}"


def test_language_links_reach_every_language(pseudo_site: tuple[Path, Path]) -> None:
    _, out = pseudo_site
    page = html.unescape((out / "pillars" / "alpha" / "index.html").read_text(encoding="utf-8"))
    assert '<a href="../../en/pillars/alpha/" hreflang="en" lang="en">English version of this page</a>' in page
    assert f'<a href="../../xx/pillars/alpha/" hreflang="en-XA" lang="en-XA">{pseudo("English version of this page")}</a>' in page
    xx = html.unescape((out / "xx" / "pillars" / "alpha" / "index.html").read_text(encoding="utf-8"))
    assert '<a href="../../../pillars/alpha/" hreflang="zh-CN" lang="zh-CN">本页中文版</a>' in xx
    assert "Éxámplé · 抓示例" in xx  # a translated page names the pillar as the sources do


def test_a_missing_label_is_reported_with_its_place(minimal: Path) -> None:
    add_pseudo_locale(minimal)
    path = minimal / "locales" / "xx" / "locale.yml"
    path.write_text(re.sub(r"\n  home: [^\n]*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(minimal)
    (problem,) = caught.value.problems
    assert problem.format() == (f"locales/xx/locale.yml:{problem.line}:1 labels: label 'home' is missing\n    hint: add it, translated from en: 'Home'")
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1] == "labels:"


def test_a_label_with_an_unknown_placeholder_is_refused(minimal: Path) -> None:
    add_pseudo_locale(minimal)
    path = minimal / "locales" / "xx" / "locale.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Thé {pillars} píllárs", "Thé {pilars} píllárs"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(minimal)
    assert [p.format().split(" ", 1)[1] for p in caught.value.problems] == [
        "labels.pillars: label 'pillars' uses {pilars}, which is not given\n    hint: it may use: {pillars}"
    ]


def test_content_without_the_new_language_is_reported_where_it_is_missing(minimal: Path) -> None:
    add_pseudo_locale(minimal)
    plan = minimal / "content" / "plan.yml"
    text = plan.read_text(encoding="utf-8")
    first_xx = next(line for line in text.splitlines() if line.strip().startswith("xx:"))
    plan.write_text(text.replace(first_xx + "\n", "", 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(minimal)
    (problem,) = caught.value.problems
    assert problem.file == "content/plan.yml"
    assert problem.message == "no text in 'xx', one of the site's languages"


def test_a_language_without_a_locale_is_named(minimal: Path) -> None:
    (minimal / "site_config.yml").write_text("languages: [zh, en, fr]\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(minimal)
    messages = [p.format() for p in caught.value.problems]
    assert messages[0].startswith("site_config.yml:1:1 no locale for language 'fr'\n    hint: add ")
    assert "generator/locales/fr/locale.yml (see CONTRIBUTING.md, “Add a language”)" in messages[0]


def test_a_text_in_an_unlisted_language_is_refused(minimal: Path) -> None:
    edit(minimal, "plan.yml", "en: Example plan}", "en: Example plan, fr: Plan d'exemple}")
    with pytest.raises(ContentError) as caught:
        load_project(minimal)
    (problem,) = caught.value.problems
    assert problem.message == "unknown key 'fr': not a field here and not one of the site's languages (zh, en)"
