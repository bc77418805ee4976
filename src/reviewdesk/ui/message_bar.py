"""A message bar across the top of the window: one line of news with its buttons, tinted
from the palette so it reads in light and dark alike."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

TINT = 0.2  # how much of the palette's highlight colours the bar's background


def bar_colour(palette: QPalette) -> QColor:
    """The window's colour with a little of the highlight: a light blue on a light window, a
    dark blue on a dark one, so the window's text reads on it either way."""
    window = palette.color(QPalette.ColorRole.Window)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    return QColor.fromRgbF(
        (1 - TINT) * window.redF() + TINT * highlight.redF(),
        (1 - TINT) * window.greenF() + TINT * highlight.greenF(),
        (1 - TINT) * window.blueF() + TINT * highlight.blueF(),
    )


class OneLineLabel(QLabel):
    """Never wraps nor widens the window: text that does not fit ends in an ellipsis (the
    bar's tooltip has the whole). `text()` is the whole text, for screen readers too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's API)
        area = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, area.width()
        )
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter = QPainter(self)
        self.style().drawItemText(
            painter, area, align, self.palette(), self.isEnabled(), shown, self.foregroundRole()
        )


class MessageBar(QFrame):
    """Hidden until there is news. As tall as its text and buttons, never taller: the window's
    spare height goes to the form and the preview whatever layout holds the bar. One line,
    unless `wrap` (for a warning that must be read whole)."""

    def __init__(
        self, accessible_name: str, *, wrap: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.message = QLabel(wordWrap=True) if wrap else OneLineLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(8, 3, 4, 3)
        self._row.addWidget(self.message, 1)
        self.setAccessibleName(accessible_name)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    def say(self, text: str) -> None:
        """Show `text` (on one line: line breaks in an error read as spaces)."""
        one_line = " ".join(text.split())
        self.message.setText(one_line)
        self.setToolTip(one_line)
        self.show()

    def add_button(self, text: str, accessible_name: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible_name)
        self._row.addWidget(button)
        return button

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        # A wrapping label's own hint is for a width of its choosing; the bar is as tall as
        # its lines at the width it has.
        hint = super().sizeHint()
        if self.width() > 0 and self.hasHeightForWidth():
            hint.setHeight(self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self.hasHeightForWidth():
            self.updateGeometry()  # its lines wrap anew

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's API)
        # Painted at each paint from the palette of the moment: a switch to dark shows at once.
        painter = QPainter(self)
        painter.fillRect(self.rect(), bar_colour(self.palette()))
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawLine(self.rect().bottomLeft(), self.rect().bottomRight())
