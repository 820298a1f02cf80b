"""Interface wording in both languages (content wording lives in content/)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from generator.numbers import COMPARATOR_QUALIFIER, Lang, format_amount, format_observation, format_period, plain

if TYPE_CHECKING:
    from generator.model import Target

LANGS: tuple[Lang, ...] = ("zh", "en")
ROOT_LANG: Lang = "zh"  # published at the site root; every other language under its prefix
PREFIX: dict[Lang, str] = {"zh": "", "en": "en/"}
# Search: Chinese pages are indexed for Chinese (split by jieba) and English words.
SEARCH_LANGS: dict[Lang, tuple[str, ...]] = {"zh": ("zh", "en"), "en": ("en",)}


def to_root(lang: Lang, depth: int = 0) -> str:
    """Relative path from a page ``depth`` folders below a language's root up to the site root."""
    return "../" * (depth + PREFIX[lang].count("/"))


COLON: dict[Lang, str] = {"zh": "：", "en": ": "}  # after a label, as each language writes it
LANG_NAMES = {"zh": "中文", "en": "English"}
HTML_LANG = {"zh": "zh-CN", "en": "en"}

LABELS: dict[str, dict[str, str]] = {
    "home": {"zh": "首页", "en": "Home"},
    "pillars": {"zh": "{pillars}个方面", "en": "The {pillars} pillars"},
    "targets": {"zh": "2025年目标", "en": "2025 targets"},
    "sources": {"zh": "来源", "en": "Sources"},
    "source_texts": {"zh": "来源文件", "en": "Source documents"},
    "data": {"zh": "数据下载", "en": "Data"},
    "method": {"zh": "方法", "en": "Method"},
    "goals": {"zh": "规划目标", "en": "Goals of the plan"},
    "headline": {"zh": "国际影响力", "en": "International influence"},
    "key_figures": {"zh": "关键数据", "en": "Key figures"},
    "charts": {"zh": "图表", "en": "Charts"},
    "definition": {"zh": "定义", "en": "Definition"},
    "measures": {"zh": "主要举措", "en": "Key measures"},
    "next_steps": {"zh": "下一步（面向新征程）", "en": "Next steps"},
    "task": {"zh": "工作方案任务", "en": "Work plan task"},
    "target_status": {"zh": "目标状态", "en": "Target status"},
    "data_table": {"zh": "数据表", "en": "Data table"},
    "download": {"zh": "下载", "en": "Download"},
    "source": {"zh": "来源", "en": "Source"},
    "quote": {"zh": "原文", "en": "Original text"},
    "document": {"zh": "文件", "en": "Document"},
    "title": {"zh": "标题", "en": "Title"},
    "author": {"zh": "作者或发布机构", "en": "Author or issuing body"},
    "year": {"zh": "年份", "en": "Year"},
    "type": {"zh": "类型", "en": "Type"},
    "date_basis": {"zh": "日期依据", "en": "How the date is known"},
    "full_text": {"zh": "全文（标黄处为本站引用的句子）", "en": "Full text (highlighted: sentences this site quotes)"},
    "target": {"zh": "目标", "en": "Target"},
    "baseline": {"zh": "基线", "en": "Baseline"},
    "latest": {"zh": "最新观测值", "en": "Latest observation"},
    "status": {"zh": "状态", "en": "Status"},
    "rule": {"zh": "判断依据", "en": "How the status was computed"},
    "none": {"zh": "无", "en": "none"},
    "read_more": {"zh": "查看详情", "en": "Read more"},
    "all_targets": {"zh": "查看全部目标", "en": "See all targets"},
    "estimated": {"zh": "预计", "en": "estimated"},
    "other_page": {"zh": "English version of this page", "en": "本页中文版"},
    "data_as_of": {"zh": "数据截至", "en": "Data as of"},
    "content_version": {"zh": "内容版本", "en": "Content version"},
    "report_pdf": {"zh": "下载完整报告（PDF）", "en": "Download the full report (PDF)"},
    "period": {"zh": "时期", "en": "Period"},
    "no_data_note": {"zh": "说明", "en": "Note"},
    "item": {"zh": "项目", "en": "Item"},
    "published": {"zh": "发布日期", "en": "Published"},
    "address": {"zh": "网址", "en": "Address"},
    "structure": {"zh": "规划的总体布局", "en": "How the plan is organised"},
    "standings": {"zh": "排名与地位", "en": "Rankings and standings"},
    "qualitative_evidence": {"zh": "定性证据", "en": "Qualitative evidence"},
    "qualitative_goals": {"zh": "定性目标", "en": "Goals stated in words"},
    "qualitative_intro": {
        "zh": "以文字表述、没有数值的目标。下列为来源给出的相关数据与排名；本站不对这些目标评级。",
        "en": "Goals stated in words, with no figure to reach. Below are the figures and rankings the sources give on each; the site does not rate these goals.",
    },
    "stated_in": {"zh": "出处", "en": "Stated in"},
    "no_evidence": {"zh": "来源未给出相关数据。", "en": "The sources give no evidence on this goal."},
    "value": {"zh": "内容", "en": "Value"},
    "rating": {"zh": "评级依据", "en": "Why this rating"},
    "rating_column": {"zh": "进展评级", "en": "Progress rating"},
    "required_rate": {"zh": "按期达标所需年均变化", "en": "Average annual change needed"},
    "actual_rate": {"zh": "实际年均变化", "en": "Actual average annual change"},
    "observations": {"zh": "观测值", "en": "Observations"},
    "coverage": {"zh": "数据覆盖", "en": "Which years the sources cover"},
    "coverage_intro": {
        "zh": "每个目标在各年份有无观测值，以及来自哪份文件（点击查看原句）。◎ 表示目标年份。",
        "en": "For each target, the years with an observation and the document it comes from (follow the link to the sentence). ◎ marks the target year.",
    },
    "method_rating": {"zh": "评级方法", "en": "How progress is rated"},
    "targets_intro": {
        "zh": "规划文件提出的量化目标，按下文所述方法评级。每项列出目标及其出处、评级依据和全部观测值及其出处。",
        "en": "The quantified targets set by the plan documents, rated by the method set out below. "
        "Each shows the target and its source, why it has its rating, and every observation with its source.",
    },
    "targets_description": {
        "zh": "2025年量化目标的进展评级、依据、观测值与数据覆盖。",
        "en": "Progress ratings of the 2025 quantified targets, with their reasons, observations and data coverage.",
    },
}

# -- progress towards the targets (rules in generator/progress.py) ----------------------------------

PROGRESS_LABELS: dict[str, dict[str, str]] = {
    "achieved": {"zh": "已达成", "en": "Achieved"},
    "on_track": {"zh": "进展顺利", "en": "On track"},
    "moderate": {"zh": "进展一般", "en": "Moderate progress"},
    "insufficient": {"zh": "进展不足", "en": "Insufficient progress"},
    "moving_away": {"zh": "偏离目标", "en": "Moving away"},
    "not_enough_data": {"zh": "数据不足", "en": "Not enough data"},
}

# Why a target has its rating; filled with the figures of that target.
PROGRESS_REASONS: dict[str, dict[str, str]] = {
    "met": {
        "zh": "最新观测值（{latest}）达到目标（{goal}{edge}）。",
        "en": "The latest observation ({latest}) meets the target ({goal}{edge}).",
    },
    "no_observation": {
        "zh": "来源未给出这一目标的观测值。",
        "en": "The sources give no observation for this target.",
    },
    "single_observation": {
        "zh": "只有一个年份的观测值（{latest}），尚未达到目标（{goal}{edge}），无法计算趋势。",
        "en": "There is an observation for one year only ({latest}); it does not meet the target ({goal}{edge}), and no trend can be computed.",
    },
    "before_plan": {
        "zh": "全部观测值都早于{adopted}年设定这一目标的文件，最新观测值（{latest}）尚未达到目标（{goal}{edge}）。",
        "en": "All observations predate the {adopted} document that set this target, and the latest ({latest}) does not meet it ({goal}{edge}).",
    },
    "no_rate": {
        "zh": "最新观测值（{latest}）尚未达到目标（{goal}{edge}），且无法由首个观测值计算年均变化。",
        "en": "The latest observation ({latest}) does not meet the target ({goal}{edge}), and no average annual change can be computed from the first observation.",
    },
    "rates": {
        "zh": "{base_year}—{latest_year}年实际年均变化{actual}，按期（{year}年）达到目标每年需要{required}。最新观测值：{latest}。",
        "en": "From {base_year} to {latest_year} the value changed by {actual} a year on average; "
        "reaching the target by {year} needs {required} a year. Latest observation: {latest}.",
    },
}
PROGRESS_EDGE = {"zh": "，即不低于{edge}", "en": "; met from {edge}"}

PROGRESS_RULES = {
    "zh": "评级方法：最新观测值达到目标即为“已达成”。“超过”类目标须高于目标值；“左右”类目标以目标值的{tolerance}%为容差，"
    "不低于目标值的{floor}%即视为达到，超过亦然。观测值的限定词保留原意：“超”“余”“多”等表示多于所写数字，“以上”表示不少于，"
    "“近”表示少于（因此带“近”的数值不能证明已达标）。未达成时：没有观测值、只有一个年份的观测值，或全部观测值都早于设定目标的文件，"
    "评为“数据不足”；否则比较首个与最新观测值之间的实际年均复合变化率和从首个观测值按期达到目标所需的年均复合变化率："
    "实际不低于所需的{on_track}%为“进展顺利”，{moderate}%至{on_track}%为“进展一般”，高于0为“进展不足”，数值下降为“偏离目标”。"
    "方法参照加拿大统计局（Open SDG 采用）和欧盟统计局可持续发展目标评估的做法。",
    "en": "Method: a target is “Achieved” when the latest observation meets it. “Over” targets need more than the target value; "
    "“about” targets have a tolerance of {tolerance}% of the target value, so they count as met from {floor}% of it, and above. "
    "Qualifiers keep their meaning: “over”, “more than” are more than the figure written, “above” at least it, “nearly” less than it "
    "(so a “nearly” figure never proves a target met). A target not yet met is rated “Not enough data” when there is no observation, "
    "observations for one year only, or only observations older than the document that set the target. Otherwise the actual compound "
    "average annual change between the first and the latest observation is compared with the change needed each year to go from the "
    "first observation to the target by the target year: at least {on_track}% of it is “On track”, {moderate}–{on_track}% “Moderate "
    "progress”, above zero “Insufficient progress”, and a fall “Moving away”. The method follows Statistics Canada's (used by Open SDG) "
    "and Eurostat's assessment of the Sustainable Development Goals.",
}


def rate_text(rate: Decimal, lang: str) -> str:
    """An average annual change as a signed percentage: +2.3% / −1.0%."""
    pct = (rate * 100).quantize(Decimal("0.1"))
    sign = "+" if pct > 0 else ("−" if pct < 0 else "±")
    return f"{sign}{abs(pct)}%"


def progress_reason(target: Target, lang: Lang) -> str:
    """Why the target has its rating, in one sentence of the given language."""
    p = target.progress
    goal = format_amount(target.value, target.unit, COMPARATOR_QUALIFIER[target.comparator], lang)
    edge = PROGRESS_EDGE[lang].format(edge=format_amount(plain(p.threshold, grouping=False), target.unit, None, lang)) if target.comparator == "about" else ""
    latest = ""
    if p.latest is not None:
        sep = "，" if lang == "zh" else ": "
        latest = f"{format_period(p.latest.period, p.latest.year, lang)}{sep}{format_observation(p.latest, lang)}"
    fields = {"goal": goal, "edge": edge, "latest": latest, "adopted": target.source.year, "year": target.year}
    if p.base is not None and p.required_rate is not None and p.actual_rate is not None and p.latest is not None:
        fields |= {"base_year": p.base.year, "latest_year": p.latest.year, "actual": rate_text(p.actual_rate, lang), "required": rate_text(p.required_rate, lang)}
    return PROGRESS_REASONS[p.reason][lang].format(**fields)


def progress_rules(lang: Lang) -> str:
    from generator import progress

    return PROGRESS_RULES[lang].format(
        tolerance=plain(progress.ABOUT_TOLERANCE * 100, grouping=False),
        floor=plain(100 - progress.ABOUT_TOLERANCE * 100, grouping=False),
        on_track=plain(progress.ON_TRACK * 100, grouping=False),
        moderate=plain(progress.MODERATE * 100, grouping=False),
    )


_ZH_NUMERALS = "零一二三四五六七八九十"
_EN_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int, lang: Lang) -> str:
    """A small count as written in running text: 五 / five; larger ones in digits."""
    if 0 <= n <= 10:
        return _ZH_NUMERALS[n] if lang == "zh" else _EN_NUMBERS[n]
    return str(n)


def label(key: str, lang: Lang, **counts: int) -> str:
    """An interface label, with any counts it names filled in as words (五个方面, the five pillars)."""
    return LABELS[key][lang].format(**{k: number_word(v, lang) for k, v in counts.items()})
