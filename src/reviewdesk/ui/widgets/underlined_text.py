"""An item view's text drawn as Qt's style draws it, with some of its words underlined (the
misspellings of an item of pros, a field not being edited)."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainter, QPalette, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem


def paint_underlined(
    painter: QPainter,
    option: QStyleOptionViewItem,
    spans: list[tuple[int, int]],
    underline: QTextCharFormat,
) -> None:
    """Paint the item of `option` (its style option, filled in), the (start, length) `spans`
    of its text underlined: the item's frame and background by the style, its text here, laid
    out as the style lays it out (wrapped at words, a margin each side, centred in height)."""
    text = option.text
    option.text = ""
    widget = option.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    rect = rect.adjusted(margin, 0, -margin, 0)
    layout = QTextLayout(text, option.font)
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(wrap)
    formats = []
    for start, length in spans:
        span = QTextLayout.FormatRange()
        span.start, span.length, span.format = start, length, underline
        formats.append(span)
    layout.setFormats(formats)
    height = 0.0
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(rect.width())
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    group = (
        QPalette.ColorGroup.Normal
        if option.state & QStyle.StateFlag.State_Active
        else QPalette.ColorGroup.Inactive
    )
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    painter.save()
    painter.setPen(option.palette.color(group, role))
    painter.setClipRect(rect)
    layout.draw(painter, QPointF(rect.left(), rect.top() + (rect.height() - height) / 2))
    painter.restore()
