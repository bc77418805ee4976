"""A score as a bar on the rating's scale: empty at the worst, full at the best."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from reviewdesk.ui.widgets.locale_number import format_number

OFF_SCALE = QColor(204, 51, 51)  # readable on light and dark windows alike


class ScoreBar(QWidget):
    """A value off the scale fills the bar in a warning colour and says so in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: float | None = None
        self._scale = (5.0, 1.0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def show_value(self, value: float | None, best: float, worst: float) -> None:
        if (value, (best, worst)) == (self._value, self._scale):
            return
        self._value, self._scale = value, (best, worst)
        scale = f"{format_number(worst)}\N{EN DASH}{format_number(best)}"
        if value is None:
            said = f"No value yet, on the scale {scale}"
        elif self.off_scale():
            said = f"{format_number(value)} is off the scale {scale}"
        else:
            said = f"{format_number(value)} on the scale {scale}"
        self.setToolTip(said)
        self.setAccessibleName(said)
        self.update()

    def fraction(self) -> float:
        """How much of the bar the value fills, 0 to 1."""
        best, worst = self._scale
        if self._value is None or best <= worst:
            return 0.0
        return min(max((self._value - worst) / (best - worst), 0.0), 1.0)

    def off_scale(self) -> bool:
        best, worst = self._scale
        return self._value is not None and not worst <= self._value <= best

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        height = self.fontMetrics().height()
        return QSize(height * 5, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        height = self.fontMetrics().height()
        return QSize(height * 2, height)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's API)
        thickness = max(4.0, self.fontMetrics().height() * 0.45)
        track = QRectF(0, (self.height() - thickness) / 2, self.width(), thickness)
        radius = thickness / 2
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(track, radius, radius)
        filled = track.adjusted(0, 0, -(1 - self.fraction()) * track.width(), 0)
        if filled.width() > 0:
            colour = OFF_SCALE if self.off_scale() else palette.color(QPalette.ColorRole.Highlight)
            painter.setBrush(colour)
            painter.drawRoundedRect(filled, radius, radius)
        painter.end()
