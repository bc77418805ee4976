"""The column labels over a row list editor's rows, which set the width of each column.

Each row lays out its inputs in a grid of its own (a row is moved, added or removed without
laying out the others again). The header's grid holds, besides the labels, a strut as wide as
each input of a row would be in that column, so its columns are what one grid of all the rows
would make of them; the rows then take the header's widths (`fit`), and again each time they
change (`widths_changed`)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget, QWidgetItem

from reviewdesk.ui.widgets.item_row import BUTTONS, Column, ItemRow

_UNBOUNDED = (1 << 24) - 1  # QWIDGETSIZE_MAX


class _Strut(QWidget):
    """Takes the width a row's widget takes in the same column, in the header; draws nothing
    and takes no height. (A strut spanning columns, for a row's second line, would take the
    spacing out from between them.)"""

    def __init__(self, like: QWidget) -> None:
        super().__init__()
        item = QWidgetItem(like)
        self._hint = QSize(item.sizeHint().width(), 0)
        self.setSizePolicy(like.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(item.minimumSize().width())
        if item.maximumSize().width() < _UNBOUNDED:
            self.setMaximumWidth(item.maximumSize().width())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._hint.expandedTo(self.minimumSizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self.minimumWidth(), 0)


class RowHeader(QWidget):
    """The labels of the first line's columns (and of the extra widget's), over every row."""

    widths_changed = Signal()

    def __init__(
        self, columns: tuple[Column, ...], extra_label: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        first = [column for column in columns if not column.second_line]
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        # One spacing between all columns, in the header and in every row: the style's
        # depends on the widgets on either side (labels here, inputs there).
        kind = QSizePolicy.ControlType.LineEdit
        self.spacing = self.style().layoutSpacing(kind, kind, Qt.Orientation.Horizontal)
        self.grid.setHorizontalSpacing(self.spacing)
        self.labels = [QLabel(column.label) for column in first]
        self.stretches = [column.stretch for column in first]
        if extra_label is not None:
            self.labels.append(QLabel(extra_label))
            self.stretches.append(1)
        self.first_columns = len(self.labels)
        self.stretches += [0] * BUTTONS
        for index, label in enumerate(self.labels):
            self.grid.addWidget(label, 0, index)
        for index, stretch in enumerate(self.stretches):
            self.grid.setColumnStretch(index, stretch)
        self._measured = False
        self._widths: tuple[int, ...] = ()

    def measure(self, row: ItemRow) -> None:
        """Take the widths of a row's widgets (every row's are alike), once."""
        if self._measured:
            return
        self._measured = True
        shown = [cell.widget for cell in row.first_line] + ([row.extra] if row.extra else [])
        struts = [_Strut(widget) for widget in [*shown, row.up, row.down, row.remove]]
        if row.second_line is not None:
            self._widen(struts[: self.first_columns], QWidgetItem(row.second_line))
        for index, strut in enumerate(struts):
            self.grid.addWidget(strut, 0, index)

    def _widen(self, first: list[_Strut], line: QWidgetItem) -> None:
        """The first line's columns at least as wide as the second line, which spans them:
        what they lack shared by their stretch, as a grid shares it."""
        spacing = self.spacing * (len(first) - 1)
        lacking = line.minimumSize().width() - sum(s.minimumWidth() for s in first) - spacing
        shares = self.stretches[: len(first)]
        shares = shares if any(shares) else [1] * len(first)
        for strut, share in zip(first, shares, strict=True):
            strut.setMinimumWidth(strut.minimumWidth() + max(lacking, 0) * share // sum(shares))

    def fit(self, grid: QGridLayout) -> None:
        """Give a row's grid the header's columns."""
        grid.setHorizontalSpacing(self.spacing)
        for index, stretch in enumerate(self.stretches):
            grid.setColumnStretch(index, stretch)
        for index, width in enumerate(self._widths):
            grid.setColumnMinimumWidth(index, width)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # Laid out anew (its layout has handled the event by now): the columns may differ.
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and self._measured:
            cells = [self.grid.cellRect(0, index) for index in range(len(self.stretches))]
            widths = tuple(cell.width() for cell in cells)
            if all(cell.isValid() for cell in cells) and widths != self._widths:
                self._widths = widths
                self.widths_changed.emit()
        return handled
