"""The figures a source text states: the rule that finds them, so that coverage is checked, not counted by hand.

A *figure* is a quantity or a rank as the text writes it:

* an Arabic number, with its decimals, a fraction (``1/7``), its scale
  (万, 亿, 万亿, 千), a per cent sign and the word it counts (``9153.3亿元``,
  ``15.5%``, ``431人次``, ``24.7个百分点``);
* a Chinese numeral (two or more, ``两`` … ``九``, ``十``, ``百``, ``千``,
  ``万``) before a measure word (``两个``, ``三大``, ``九大``, ``三轮``), and a
  scale word before a currency (``千亿元``, ``万亿元``) — ``一`` alone is "a",
  not a count (一批, 一流);
* a rank: ``第一`` … ``第十`` standing alone (``位列第四``, ``第一梯队``),
  ``首位``, ``榜首``, ``前列``, ``前位``, ``首个``.

Not figures: a year (four digits from 1900 to 2099 not followed by a scale,
a measure word or ``%``: ``2024年``, ``2025中关村论坛``, ``2024—2027``); a
month, day or hour (``3月30日``, ``今年5月``); a document number (``〔2023〕41号``);
a list number at the start of a line (``1. 形成``); an ordinal name (``第三代``,
``第二十二次``, ``第四次``: 第 with a numeral and a measure word); the
name of a five-year plan (``十四五``) or of a party congress (``二十大``, ``十九届``); ``百年`` (a century); the
denominator of a rate (``每万人``, ``每万名``); a digit inside a Latin name (``6G``,
``RISC-V``).

What the rule finds is either captured by the content (quoted by an
observation, target, standing, goal or passage) or listed in
``content/coverage.yml`` as not tracked, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALE = "(?:万亿|千亿|百亿|万|亿|千)"
_WORDS = "个百分点|百分点|人次|美元|元|件|家|人|项|个|款|位|只|所|名|倍|年|条|微瓦|批|轮|大|种|座|次|台|篇|届|公里|平方公里|户"
_ARABIC = re.compile(rf"[0-9]+(?:\.[0-9]+)?(?:/[0-9]+)?(?:%|(?:{_SCALE})?(?:多|余)?(?:{_WORDS})?)")
_COUNTERS = "个|家|项|大|条|只|轮|款|位|名|所|批|倍|年|种|座|次|届|方面|部门"
_CHINESE = re.compile(rf"[两二三四五六七八九十百千万]+(?:多|余)?(?:{_COUNTERS})|[千万]亿元|[千万]亿级?元|破?万亿元")
_RANK = re.compile(r"第一梯队|第[一二三四五六七八九十]+|首位|榜首|前列|前位|首个")

_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_AFTER_NUMBER_NOT_FIGURE = re.compile(r"[月日时号]|[A-Za-z]")
_ORDINAL = re.compile(r"第[0-9零〇一二两三四五六七八九十百千]+")
_PLAN_NAME = re.compile(r"十[一二三四五六七八九]五")
_CONGRESS = re.compile(r"(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)[大届]")  # 二十大, 十九届: a party congress
_WORDS_NOT_COUNTS = re.compile(r"百年")  # a century, a centenary
_LIST_NUMBER = re.compile(r"^[\s\-*]*[0-9]+[.．、]", re.M)
_DOCUMENT_NUMBER = re.compile(r"〔[0-9]{4}〕[0-9]+号")


@dataclass(frozen=True)
class Mention:
    """One figure of a text: where it is (offsets, line) and what it says."""

    start: int
    end: int
    figure: str  # as written, with its scale and the word it counts
    kind: str  # "number" or "rank"
    line: int  # 1-based
    sentence: str  # the sentence it is in (up to 。；; or the end of the line)


_SENTENCE_END = "。；;！？!?\n"


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``."""
    left = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
    ends = [i for ch in _SENTENCE_END if (i := text.find(ch, end)) >= 0]
    right = min(ends) + 1 if ends else len(text)
    return text[left:right].strip().rstrip("\n")


def find_figures(text: str) -> list[Mention]:
    """Every figure ``text`` states, in order, by the rule of this module."""
    blocked = [False] * (len(text) + 1)

    def block(span: tuple[int, int]) -> None:
        for i in range(*span):
            blocked[i] = True

    for pattern in (_ORDINAL, _PLAN_NAME, _CONGRESS, _WORDS_NOT_COUNTS, _LIST_NUMBER, _DOCUMENT_NUMBER):
        for m in pattern.finditer(text):
            if pattern is _ORDINAL and not _ordinal_follows(text, m.end()):
                continue  # 第一, 第四 standing alone are ranks
            block(m.span())
    found: list[tuple[int, int, str]] = []
    for m in _ARABIC.finditer(text):
        digits = re.match(r"[0-9]+(?:\.[0-9]+)?(?:/[0-9]+)?", m.group())
        assert digits
        after = text[m.start() + digits.end() : m.start() + digits.end() + 1]
        before = text[m.start() - 1 : m.start()] if m.start() else ""
        if blocked[m.start()] or re.match(r"[A-Za-z+每]", before) or _AFTER_NUMBER_NOT_FIGURE.match(after) or after == "+":
            continue
        if _YEAR.fullmatch(digits.group()) and m.group() in (digits.group(), digits.group() + "年"):
            continue  # a year: nothing after it that a quantity would carry
        found.append((m.start(), m.end(), "number"))
    taken = [False] * (len(text) + 1)
    for start, end, _ in found:
        for i in range(start, end):
            taken[i] = True
    for m in _CHINESE.finditer(text):
        if blocked[m.start()] or taken[m.start()] or text[m.start() - 1 : m.start()] in ("第", "每"):
            continue
        found.append((m.start(), m.end(), "number"))
    for m in _RANK.finditer(text):
        if blocked[m.start()]:
            continue
        found.append((m.start(), m.end(), "rank"))
    found.sort()
    lines = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
    out = []
    for start, end, kind in found:
        line = sum(1 for offset in lines if offset <= start)
        out.append(Mention(start, end, text[start:end], kind, line, sentence_at(text, start, end)))
    return out


def _ordinal_follows(text: str, at: int) -> bool:
    """第 with a numeral followed by a measure word is an ordinal name (第一批, 第四次, 第三代), not a rank."""
    return bool(re.match(r"[次届代批个阶期章节条部轮号项名句段篇款]", text[at : at + 1]))
