"""Numbers as the writer's locale writes them ("4.5", "4,5", "1 234,50"), read back exactly."""

from __future__ import annotations

import math

from PySide6.QtCore import QLocale

_SHORTEST = QLocale.FloatingPointPrecisionOption.FloatingPointShortest


def format_number(value: float, *, money: bool = False) -> str:
    """`value` in the fewest digits that read back as it; `money` shows cents as two digits
    ("19.50", not "19.5")."""
    locale = QLocale()
    text = locale.toString(float(value), "g", _SHORTEST)
    point = locale.decimalPoint()
    if money and point in text and "e" not in text.lower():
        decimals = len(text) - text.index(point) - 1
        if decimals == 1:
            text += locale.zeroDigit()
    return text


def parse_number(text: str) -> float | None:
    """The number `text` writes in the locale (or with a point, as a price is often copied
    from a web page); None when it is no finite number."""
    text = text.strip()
    if not text:
        return None
    for locale in (QLocale(), QLocale.c()):
        value, ok = locale.toDouble(text)
        if ok and math.isfinite(value):
            return value
    return None


def example(value: float) -> str:
    """A number as an example in a message: "4.5" or "4,5"."""
    return format_number(value)
