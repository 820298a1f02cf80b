"""Figures as written, and their display in each language.

A figure keeps the digits the source printed. Chinese shows it unchanged with
its unit; English moves the decimal point by the unit's ``shift`` (exact
decimal arithmetic, never rounded) and adds the English prefix and suffix:
``9153.3`` 亿元 → ``CNY 915.33 billion``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from generator.model import Growth, National, Observation, Unit

Lang = Literal["zh", "en"]

CHINESE_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "千": 1000, "万": 10000}
_ARABIC = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")

# Where each qualifier sits in Chinese, and what it means in English.
QUALIFIERS: dict[str, tuple[str, str]] = {
    "超": ("before", "over"),
    "超过": ("before", "over"),
    "突破": ("before", "over"),
    "破": ("before", "over"),
    "近": ("before", "nearly"),
    "约": ("before", "about"),
    "余": ("after-scale", "more than"),
    "多": ("after-scale", "more than"),
    "左右": ("end", "about"),
    "以上": ("end", "above"),
    "及以上": ("end", "at least"),
}


# What each target comparator means in the sources' words: "about" is …左右, "over" is 超过….
COMPARATOR_QUALIFIER = {"about": "左右", "over": "超过"}


def parse_figure(value: str) -> Decimal | None:
    """The number a figure stands for, or None if it is not a plain number."""
    if _ARABIC.match(value):
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - regex guarantees validity
            return None
    if value in CHINESE_DIGITS:
        return Decimal(CHINESE_DIGITS[value])
    return None


def plain(number: Decimal, grouping: bool) -> str:
    """Decimal without exponent or trailing zeros beyond what it carries."""
    # normalize() drops trailing zeros only (800.0 -> 800); the value is unchanged.
    return format(number.normalize(), ",f" if grouping else "f")


SCALE_WORDS = ((12, "trillion"), (9, "billion"), (6, "million"))


def scaled(amount: Decimal) -> str:
    """An amount with the English scale word that suits its size: 9.1533e11 → "915.33 billion" (exact, never rounded)."""
    for power, word in SCALE_WORDS:
        if abs(amount) >= Decimal(10) ** power:
            return f"{plain(amount.scaleb(-power), grouping=True)} {word}"
    return plain(amount, grouping=True)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_amount(value: str, unit: Unit, qualifier: str | None, lang: Lang) -> str:
    """One figure with its unit and qualifier, in the given language."""
    if lang == "zh":
        place = QUALIFIERS[qualifier][0] if qualifier else None
        before = qualifier if place == "before" else ""
        after_scale = qualifier if place == "after-scale" else ""
        end = qualifier if place == "end" else ""
        return f"{before}{unit.zh.prefix}{value}{unit.zh.scale}{after_scale}{unit.zh.noun}{end}"
    number = parse_figure(value)
    if number is None:
        raise ValueError(f"figure {value!r} is not a number")
    if unit.en.ordinal:
        text = ordinal(int(number))
    elif unit.en.scale_words:
        text = f"{unit.en.prefix}{scaled(number.scaleb(unit.magnitude))}"
    else:
        text = f"{unit.en.prefix}{plain(number.scaleb(unit.en.shift), grouping=True)}{unit.en.suffix}"
    if qualifier:
        text = f"{QUALIFIERS[qualifier][1]} {text}"
    return text


def english_number(value: str, unit: Unit) -> Decimal:
    """The figure scaled as the English text shows it."""
    number = parse_figure(value)
    assert number is not None
    return number.scaleb(unit.en.shift)


def base_number(value: str, unit: Unit, magnitude: int) -> float:
    """The figure expressed at ``magnitude`` (for putting two units on one chart axis)."""
    number = parse_figure(value)
    assert number is not None
    return float(number.scaleb(unit.magnitude - magnitude))


def format_observation(obs: Observation, lang: Lang) -> str:
    return format_amount(obs.value, obs.unit, obs.qualifier, lang)


def format_period(period: str, year: int, lang: Lang) -> str:
    if lang == "zh":
        return {"year": f"{year}年", "end_of_year": f"{year}年末", "as_of_writing": f"{year}年发文时"}[period]
    return {"year": f"{year}", "end_of_year": f"end of {year}", "as_of_writing": f"as of writing, {year}"}[period]


def format_growth(growth: Growth, lang: Lang) -> str:
    amount = format_amount(growth.value, growth.unit, growth.qualifier, lang)
    percent = growth.unit.id == "percent"
    if lang == "zh":
        if growth.basis == "year_on_year":
            return f"同比{'增长' if percent else '增加'}{amount}"
        if growth.basis == "annual_average":
            return f"年均增长{amount}"
        return f"较{growth.since}年提升{amount}"
    if growth.basis == "year_on_year":
        return f"up {amount} year on year"
    if growth.basis == "annual_average":
        since = f" since {growth.since}" if growth.since else ""
        return f"average annual growth of {amount}{since}"
    return f"up {amount} on {growth.since}"


def format_national(national: National, lang: Lang) -> str:
    q = national.qualifier
    if lang == "zh":
        if national.form == "percent":
            return f"占全国的{q or ''}{national.value}%"
        if national.form == "fraction":
            return f"{q or ''}占全国的{national.value}"
        if national.form == "half":
            return f"占全国{q or ''}一半"
        return f"是全国平均水平的{national.value}倍"
    lead = f"{QUALIFIERS[q][1]} " if q else ""
    if national.form == "percent":
        return f"{lead}{national.value}% of the national total"
    if national.form == "fraction":
        return f"{lead}{national.value} of the national total"
    if national.form == "half":
        return f"{lead}half of the national total"
    return f"{lead}{national.value} times the national average"
