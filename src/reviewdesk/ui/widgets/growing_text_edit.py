"""A text field that grows with what is typed: a sentence or two (alt text, a meta description)
shows whole, not as the tail of one scrolled line, nor in a tall empty box."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget


class GrowingTextEdit(QPlainTextEdit):
    """As tall as its wrapped text, between `min_lines` and `max_lines` (then it scrolls).
    Tab moves to the next field, as in a line edit."""

    def __init__(
        self, min_lines: int = 1, max_lines: int = 8, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._min_lines, self._max_lines = min_lines, max_lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._text_height = self._clamped(0)
        self.textChanged.connect(self._fit)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        return QSize(super().minimumSizeHint().width(), self._height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # the text wraps anew
            self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _laid_out_height(self) -> float:
        """The height of the text wrapped at the view's width, as the view lays it out."""
        width = self.viewport().width() - 2 * self.document().documentMargin()
        if width <= 0:
            return 0
        height = 0.0
        for paragraph in self.toPlainText().split("\n"):
            layout = QTextLayout(paragraph, self.font())
            layout.setTextOption(self.document().defaultTextOption())
            layout.beginLayout()
            while (line := layout.createLine()).isValid():
                line.setLineWidth(width)
                height += line.height()
            layout.endLayout()
        return height

    def _clamped(self, height: float) -> int:
        line = self.fontMetrics().lineSpacing()
        return max(self._min_lines * line, min(math.ceil(height), self._max_lines * line))

    def _height(self) -> int:
        # The view scrolls unless its viewport holds the text, a document margin above and
        # below, and one pixel more.
        viewport = self._text_height + 2 * math.ceil(self.document().documentMargin()) + 1
        return viewport + 2 * self.frameWidth()

    def _fit(self) -> None:
        height = self._clamped(self._laid_out_height())
        if height != self._text_height:
            self._text_height = height
            self.updateGeometry()
