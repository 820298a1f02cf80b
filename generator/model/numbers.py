"""Figures as the sources write them: what they stand for, and the arithmetic on them.

A figure keeps the digits the source printed. How each language shows it
(as written in Chinese; translated in English, the decimal point moved by the
unit's ``shift``, exact, never rounded: ``9153.3`` 亿元 → ``CNY 915.33
billion``) is the locale's business: :meth:`generator.load.locales.Locale.amount`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CHINESE_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "千": 1000, "万": 10000}
_ARABIC = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")

# Where each qualifier of the sources sits in the Chinese text (its word in other languages is in their locale).
QUALIFIERS: dict[str, str] = {
    "超": "before",
    "超过": "before",
    "突破": "before",
    "破": "before",
    "近": "before",
    "约": "before",
    "余": "after-scale",
    "多": "after-scale",
    "左右": "end",
    "以上": "end",
    "及以上": "end",
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


def english_ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
