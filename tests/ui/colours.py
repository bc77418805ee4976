"""Colour checks shared by the tests of the app's look."""

from PySide6.QtGui import QColor


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2's contrast ratio of two colours: 1 (the same) to 21 (black on white)."""

    def luminance(colour: QColor) -> float:
        rgb = (colour.redF(), colour.greenF(), colour.blueF())
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
