"""A list of items edited as rows of inputs under a header, like a small table: scores, specs,
offers, updates. Rows are added, removed and moved by mouse or keyboard (Alt+Up and Alt+Down
move the row of the input in focus, Enter goes on to the next row); a paste of several lines
may make several rows. The editor reports what the writer does; its owner decides what the
rows hold (`ItemRow.item`) and says what is wrong with them."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.field_binding import hint_label
from reviewdesk.ui.widgets.flow_layout import FlowLayout
from reviewdesk.ui.widgets.row_cells import Cell

MOVE_KEYS = "Alt+Up and Alt+Down move the row; Enter goes to the next"
_LINES_PER_ROW = 3  # the row's inputs, its second line, what is said of it
_HEADER_ROWS = 1
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
_MANY = 20  # rows made at once in a table hidden meanwhile


@dataclass(frozen=True)
class Column:
    """One input of each row: `label` heads its column, or stands before it on the row's
    second line; `stretch` is its share of the spare width."""

    label: str
    make: Callable[[], Cell]
    stretch: int = 0
    second_line: bool = False


def _button(text: str, tip: str, focus: Qt.FocusPolicy) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.setFocusPolicy(focus)
    return button


def _is_return(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
        Qt.KeyboardModifier.KeypadModifier
    )


def _alt_arrow(event: QKeyEvent) -> int:
    """-1 for Alt+Up, 1 for Alt+Down, else 0."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers != Qt.KeyboardModifier.AltModifier:
        return 0
    return {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()), 0)


class ItemRow(QObject):
    """One item's inputs, its buttons and what is said of it. `item` is what the review holds
    for the row (None until the row makes a valid item); `touched` once the writer edits it."""

    edited = Signal(object, bool)  # the row, merge
    move_asked = Signal(object, int)  # the row, -1 (up) or 1 (down)
    remove_asked = Signal(object)
    return_pressed = Signal(object)
    focused = Signal(QWidget)

    def __init__(
        self,
        columns: tuple[Column, ...],
        extra: QWidget | None,
        pasted: Callable[[ItemRow, str], bool],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.item: Any = None
        self.touched = False
        self.placed = -1  # the row's place in the editor's grid, -1 before it has one
        self._pasted = pasted
        self.cells = [column.make() for column in columns]
        placed = list(zip(columns, self.cells, strict=True))
        self.first_line = [cell for column, cell in placed if not column.second_line]
        self.extra = extra
        # Moving is Alt+Up/Down in the inputs: the arrows take no Tab stop of their own.
        self.up = _button("\N{UPWARDS ARROW}", "Move up (Alt+Up)", Qt.FocusPolicy.NoFocus)
        self.down = _button("\N{DOWNWARDS ARROW}", "Move down (Alt+Down)", Qt.FocusPolicy.NoFocus)
        self.remove = _button("\N{MULTIPLICATION SIGN}", "Remove this row", Qt.FocusPolicy.TabFocus)
        self.second_line = self._second_line(columns)
        self.hint = hint_label()
        for cell in self.cells:
            cell.edited.connect(self._edited)
        for widget in self.focus_chain():
            widget.installEventFilter(self)
        self.up.clicked.connect(lambda: self.move_asked.emit(self, -1))
        self.down.clicked.connect(lambda: self.move_asked.emit(self, 1))
        self.remove.clicked.connect(lambda: self.remove_asked.emit(self))

    def _second_line(self, columns: tuple[Column, ...]) -> QWidget | None:
        """The inputs after the first line, each after its label; they wrap in a narrow pane."""
        placed = zip(columns, self.cells, strict=True)
        later = [(column, cell) for column, cell in placed if column.second_line]
        if not later:
            return None
        line = QWidget()
        flow = FlowLayout(line)
        flow.setContentsMargins(0, 0, 0, 0)
        for column, cell in later:
            unit = QWidget()
            row = QHBoxLayout(unit)
            row.setContentsMargins(0, 0, 0, 0)
            if column.label:
                label = QLabel(column.label)
                label.setBuddy(next(iter(cell.inputs.values())))
                row.addWidget(label)
            row.addWidget(cell.widget)
            flow.addWidget(unit)
        return line

    def _edited(self, merge: bool) -> None:
        self.touched = True
        self.edited.emit(self, merge)

    def widgets(self) -> list[QWidget]:
        """Every widget the row lays out."""
        extra = [self.extra] if self.extra else []
        line = [self.second_line] if self.second_line else []
        shown = [cell.widget for cell in self.first_line]
        return [*shown, *extra, self.up, self.down, self.remove, *line, self.hint]

    def focus_chain(self) -> list[QWidget]:
        """The row's inputs in Tab order, then its remove button."""
        chain: list[QWidget] = []
        for cell in self.cells:
            for widget in cell.inputs.values():
                proxy = widget.focusProxy()
                own = widget.findChildren(QWidget, options=_DIRECT)
                parts = [w for w in own if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
                chain += parts if proxy is not None and parts else [widget]
        return chain

    def first_input(self, column: int = 0) -> QWidget:
        return next(iter(self.cells[column].inputs.values()))

    def names(self) -> dict[str, str]:
        return {key: name for cell in self.cells for key, name in cell.names.items()}

    def inputs(self) -> dict[str, QWidget]:
        return {key: widget for cell in self.cells for key, widget in cell.inputs.items()}

    def read(self) -> tuple[dict[str, Any], dict[str, str]]:
        """What the row holds by key, and what it cannot read, by key."""
        values: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for cell in self.cells:
            cell.read(values, problems)
        return values, problems

    def show(self, item: dict[str, Any]) -> None:
        for cell in self.cells:
            cell.show(item)

    def is_blank(self) -> bool:
        return all(cell.is_blank() for cell in self.cells)

    def number(self, index: int, count: int, owner: str) -> None:
        """Name the row for its place: `owner` is what it is called ("score 2")."""
        for cell in self.cells:
            cell.name_inputs(owner)
        self.remove.setAccessibleName(f"Remove {owner}")
        self.up.setAccessibleName(f"Move {owner} up")
        self.down.setAccessibleName(f"Move {owner} down")
        self.up.setEnabled(index > 0)
        self.down.setEnabled(index < count - 1)

    def say(self, message: str, problems: dict[str, str]) -> None:
        """`message` under the row; the inputs of the keys in `problems` marked with theirs."""
        self.hint.setText(message)
        self.hint.setVisible(bool(message))
        for key, widget in self.inputs().items():
            widget.setProperty("invalid", key in problems)
            widget.setToolTip(problems.get(key) or MOVE_KEYS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if isinstance(watched, QWidget) and event.type() == QEvent.Type.FocusIn:
            self.focused.emit(watched)
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if step := _alt_arrow(event):
            self.move_asked.emit(self, step)
            return True
        if _is_return(event) and isinstance(watched, QLineEdit):
            self.return_pressed.emit(self)
            return True
        if event.matches(QKeySequence.StandardKey.Paste) and isinstance(watched, QLineEdit):
            return self._pasted(self, QGuiApplication.clipboard().text())
        return super().eventFilter(watched, event)


class RowListEditor(QWidget):
    """The rows under their column labels, in a scrolling area, and a button to add one.

    `row_edited` says the writer edited a row's input; `rows_changed` that rows were removed,
    moved or pasted. `new_row` readies a row the writer adds (today's date, a currency);
    `paste` reads pasted text as rows' values (an empty list when it is none)."""

    row_edited = Signal(object, bool)  # the row, merge
    rows_changed = Signal()

    def __init__(
        self,
        columns: tuple[Column, ...],
        *,
        noun: str,
        add_text: str,
        empty_text: str,
        limit: int,
        extra: Callable[[], QWidget] | None = None,
        extra_label: str = "",
        new_row: Callable[[ItemRow], None] | None = None,
        paste: Callable[[str], list[dict[str, Any]]] | None = None,
        at_top: bool = False,
        focus_column: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns, self._noun, self._limit = columns, noun, limit
        self._extra, self._new_row, self._paste = extra, new_row, paste
        self._at_top, self._focus_column = at_top, focus_column
        self._rows: list[ItemRow] = []
        self._width = 0  # grid columns a row's first line takes
        self.table = QWidget()
        self.grid = QGridLayout(self.table)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(2)
        self.headers = self._lay_out_header(extra_label)
        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.add = QPushButton(add_text)
        self.add.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.add.clicked.connect(self.add_row)
        # The button goes where a new row goes: under the last, or over the first.
        inner = QWidget()
        inner_box = QVBoxLayout(inner)
        inner_box.setContentsMargins(0, 0, 0, 0)
        parts = [self.add, self.table, self.empty] if at_top else [self.table, self.empty, self.add]
        for part in parts:
            inner_box.addWidget(part)
        inner_box.addStretch()
        self.area = QScrollArea()
        self.area.setWidget(inner)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.hint = hint_label()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.area, 1)
        column.addWidget(self.hint)
        # Rows of two lines stand apart, or the second line reads as the next row's.
        self._gap = self.fontMetrics().height() // 2 if self._two_lines() else 0
        self._renumber()

    def _lay_out_header(self, extra_label: str) -> list[QLabel]:
        first = [column for column in self._columns if not column.second_line]
        headers = []
        for index, column in enumerate(first):
            headers.append(QLabel(column.label))
            self.grid.addWidget(headers[-1], 0, index)
            self.grid.setColumnStretch(index, column.stretch)
        self._width = len(first)
        if self._extra is not None:
            headers.append(QLabel(extra_label))
            self.grid.addWidget(headers[-1], 0, self._width)
            self.grid.setColumnStretch(self._width, 1)
            self._width += 1
        return headers

    def rows(self) -> list[ItemRow]:
        return list(self._rows)

    def _two_lines(self) -> bool:
        return any(column.second_line for column in self._columns)

    def add_row(self) -> ItemRow:
        """A new row, readied by `new_row`, its first input focused: at the top or the end."""
        row = self._insert(0 if self._at_top else len(self._rows))
        if self._new_row is not None:
            self._new_row(row)
        self._lay_out()
        row.first_input(self._focus_column).setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def show_items(self, items: list[dict[str, Any]]) -> list[ItemRow]:
        """Show `items`, one a row, in the rows there are (rows are added or removed at the
        end); the rows, for their owner to set what they hold."""
        changed = len(self._rows) != len(items)
        # Rows made in a table on screen are shown and laid out one by one, a thousand in 17 s:
        # the table is hidden meanwhile and shows them all at once.
        hidden = self.table.isVisible() and abs(len(items) - len(self._rows)) > _MANY
        if hidden:
            self.table.hide()
        while len(self._rows) > len(items):
            self._drop(self._rows[-1])
        while len(self._rows) < len(items):
            self._insert(len(self._rows))
        for row, item in zip(self._rows, items, strict=True):
            row.show(item)
        if changed:
            self._lay_out()
        if hidden:
            self.table.show()
        return self.rows()

    def say(self, message: str) -> None:
        self.hint.setText(message)
        self.hint.setVisible(bool(message))

    def _insert(self, index: int) -> ItemRow:
        extra = self._extra() if self._extra is not None else None
        row = ItemRow(self._columns, extra, self._pasted, self)
        row.edited.connect(self.row_edited)
        row.move_asked.connect(self._move)
        row.remove_asked.connect(self._remove)
        row.return_pressed.connect(self._return_pressed)
        row.focused.connect(lambda widget: self.area.ensureWidgetVisible(widget, 0, 8))
        self._rows.insert(index, row)
        return row

    def _drop(self, row: ItemRow) -> None:
        self._rows.remove(row)
        for widget in row.widgets():
            if row.placed >= 0:
                self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        row.deleteLater()

    def _lay_out(self) -> None:
        """Place each row where it now is in the grid (a row in place stays: a grid takes its
        widgets out one by one), and name it for its place."""
        for index, row in enumerate(self._rows):
            if row.placed == index:
                continue
            if row.placed >= 0:
                for widget in row.widgets():
                    self.grid.removeWidget(widget)
            row.placed = index
            top = _HEADER_ROWS + index * _LINES_PER_ROW
            shown = [cell.widget for cell in row.first_line] + ([row.extra] if row.extra else [])
            for place, widget in enumerate(shown):
                self.grid.addWidget(widget, top, place)
            for offset, button in enumerate((row.up, row.down, row.remove)):
                self.grid.addWidget(button, top, self._width + offset)
            if row.second_line is not None:
                self.grid.addWidget(row.second_line, top + 1, 0, 1, self._width)
            self.grid.addWidget(row.hint, top + 2, 0, 1, self._width)
            self.grid.setRowMinimumHeight(top + 2, self._gap)
            for widget in row.widgets():
                if widget is not row.hint:
                    widget.show()  # now: Tab skips a widget shown on the next turn of the loop
        self._renumber()

    def _renumber(self) -> None:
        count = len(self._rows)
        for index, row in enumerate(self._rows):
            row.number(index, count, f"{self._noun} {index + 1}")
        for header in self.headers:
            header.setVisible(bool(count))
        self.empty.setVisible(not count)
        self.add.setEnabled(count < self._limit)
        # Tab follows the rows as shown, whatever order they were made in.
        chain = [widget for row in self._rows for widget in [*row.focus_chain(), row.remove]]
        chain = [self.add, *chain] if self._at_top else [*chain, self.add]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _move(self, row: ItemRow, step: int) -> None:
        index = self._rows.index(row)
        target = index + step
        if not 0 <= target < len(self._rows):
            return
        self._rows.insert(target, self._rows.pop(index))
        self._lay_out()  # the same widgets: the focus stays where it was
        self.rows_changed.emit()

    def _remove(self, row: ItemRow) -> None:
        index = self._rows.index(row)
        self._drop(row)
        self._lay_out()
        self.rows_changed.emit()
        following = self._rows[min(index, len(self._rows) - 1)] if self._rows else None
        target = following.first_input() if following else self.add
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _return_pressed(self, row: ItemRow) -> None:
        # As in a spreadsheet: Enter goes on to the next row, and past the last starts one.
        index = self._rows.index(row)
        if index + 1 < len(self._rows):
            self._rows[index + 1].first_input(self._focus_column).setFocus()
        elif not row.is_blank() and not self._at_top and len(self._rows) < self._limit:
            self.add_row()

    def _pasted(self, row: ItemRow, text: str) -> bool:
        """Rows from a paste of several lines, or of one into an empty row; False leaves the
        paste to the input."""
        items = self._paste(text) if self._paste is not None else []
        if not items or (len(items) == 1 and not row.is_blank()):
            return False
        items = items[: max(self._limit - len(self._rows) + row.is_blank(), 0)]
        index = self._rows.index(row)
        if row.is_blank():
            self._drop(row)
        else:
            index += 1
        added = []
        for offset, item in enumerate(items):
            added.append(self._insert(index + offset))
            added[-1].show(item)
            added[-1].touched = True
        self._lay_out()
        self.rows_changed.emit()
        if added:
            added[-1].first_input().setFocus(Qt.FocusReason.OtherFocusReason)
        return True
