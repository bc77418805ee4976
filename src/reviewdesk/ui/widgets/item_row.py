"""A row of a row list editor: one item's inputs on a line (and a second line of labelled
inputs that wraps), its move and remove buttons, and what is said of it under them.

A row's widgets are made when its editor comes to them, a few rows at a time, or at once when
something needs them: until then what the row shows, its number, what is said of it and where
it is in the review wait, and are given to the widgets as they are made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from reviewdesk.ui.field_binding import FIELD_PROPERTY, hint_label
from reviewdesk.ui.widgets.flow_layout import FlowLayout
from reviewdesk.ui.widgets.row_cells import Cell

MOVE_KEYS = "Alt+Up and Alt+Down move the row; Enter goes to the next"
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
BUTTONS = 3  # up, down, remove: the last columns of a row's first line
SECOND_LINE, HINT_LINE = 1, 2  # the lines of a row's grid under its first


@dataclass(frozen=True)
class Column:
    """One input of each row: `label` heads its column, or stands before it on the row's
    second line; `stretch` is its share of the spare width."""

    label: str
    make: Callable[[], Cell]
    stretch: int = 0
    second_line: bool = False


@dataclass(frozen=True)
class _Parts:
    """The widgets of a row, once made. `box` holds them all, laid out by `grid`."""

    box: QWidget
    grid: QGridLayout
    cells: list[Cell]
    first_line: list[Cell]
    extra: QWidget | None
    up: QToolButton
    down: QToolButton
    remove: QToolButton
    second_line: QWidget | None
    hint: QLabel


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


class _SecondLine(QWidget):
    """The inputs after a row's first line, which wrap in a narrow pane. It takes the height
    its width needs as it is resized, instead of Qt asking its layout for a height at every
    width a layout pass tries (asked of a thousand rows, that took seconds a pass)."""

    def __init__(self) -> None:
        super().__init__()
        self.flow = FlowLayout(self, height_for_width=False)
        self.flow.setContentsMargins(0, 0, 0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        needed = self.flow.heightForWidth(event.size().width())
        wanted = needed if needed > self.flow.minimumSize().height() else 0  # 0: one line
        if wanted != self.minimumHeight():
            self.setMinimumHeight(wanted)


@cache
def _hint_name() -> str:
    return hint_label().objectName()


class _Hint(QLabel):
    """What is said of a row, under it. It wraps, taking the height its width needs as it is
    resized (as `_SecondLine` does): a label that wraps otherwise makes every row, and every
    layout holding one, asked for heights at every width a layout pass tries."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName(_hint_name())  # as the hints under the other fields
        self.setWordWrap(True)
        # What is said of a row takes no width of its own: every row's columns are the header's.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setVisible(False)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return False  # a QLabel says so again at each text it is given

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        needed = self.heightForWidth(event.size().width())
        wanted = needed if needed > self.sizeHint().height() else 0  # 0: as the text says
        if wanted != self.minimumHeight():
            self.setMinimumHeight(wanted)


def _second_line(placed: list[tuple[Column, Cell]]) -> QWidget | None:
    """The inputs after the first line, each after its label; they wrap in a narrow pane."""
    later = [(column, cell) for column, cell in placed if column.second_line]
    if not later:
        return None
    line = _SecondLine()
    for column, cell in later:
        unit = QWidget()
        row = QHBoxLayout(unit)
        row.setContentsMargins(0, 0, 0, 0)
        if column.label:
            label = QLabel(column.label)
            label.setBuddy(next(iter(cell.inputs.values())))
            row.addWidget(label)
        row.addWidget(cell.widget)
        line.flow.addWidget(unit)
    return line


def _lay_out(parts: _Parts, width: int) -> None:
    """The row's widgets in its grid, added in Tab order: the inputs of the first line, then
    those of the second, then the remove button (the arrows take no Tab stop)."""
    shown = [cell.widget for cell in parts.first_line] + ([parts.extra] if parts.extra else [])
    for place, widget in enumerate(shown):
        parts.grid.addWidget(widget, 0, place)
    if parts.second_line is not None:
        parts.grid.addWidget(parts.second_line, SECOND_LINE, 0, 1, width)
    for offset, button in enumerate((parts.up, parts.down, parts.remove)):
        parts.grid.addWidget(button, 0, width + offset)
    parts.grid.addWidget(parts.hint, HINT_LINE, 0, 1, width)


class ItemRow(QObject):
    """One item's inputs, its buttons and what is said of it. `item` is what the review holds
    for the row (None until the row makes a valid item); `touched` once the writer edits it;
    `made` once its widgets are (asking for one makes them, and `needed` tells the editor)."""

    edited = Signal(object, bool)  # the row, merge
    move_asked = Signal(object, int)  # the row, -1 (up) or 1 (down)
    remove_asked = Signal(object)
    return_pressed = Signal(object)
    focused = Signal(object, QWidget)  # the row, its widget that took the focus

    def __init__(
        self,
        columns: tuple[Column, ...],
        extra: Callable[[], QWidget] | None,
        pasted: Callable[[ItemRow, str], bool],
        parent: QObject,
        *,
        needed: Callable[[ItemRow], None],
        names: Callable[[], dict[str, str]],
        dress: Callable[[str, QWidget], None] = lambda _key, _input: None,
    ) -> None:
        super().__init__(parent)
        self.item: Any = None
        self.touched = False
        self._columns, self._extra, self._pasted = columns, extra, pasted
        self._needed, self._names, self._dress = needed, names, dress
        self._parts: _Parts | None = None
        self._waiting: dict[str, Any] | None = None  # the item to show once made
        self._numbered: tuple[str, bool, bool] | None = None  # its name, up and down enabled
        self._said: tuple[str, dict[str, str]] | None = None
        self._place = ""

    @property
    def made(self) -> bool:
        return self._parts is not None

    def make(self) -> bool:
        """Make the row's widgets if they are not yet; True when they were made now (for the
        editor to place them)."""
        if self._parts is not None:
            return False
        cells = [column.make() for column in self._columns]
        placed = list(zip(self._columns, cells, strict=True))
        box = QWidget()
        # A row takes the width the editor gives it: its columns follow the header's.
        box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self._parts = _Parts(
            box=box,
            grid=grid,
            cells=cells,
            first_line=[cell for column, cell in placed if not column.second_line],
            extra=self._extra() if self._extra is not None else None,
            up=_button("\N{UPWARDS ARROW}", "Move up (Alt+Up)", Qt.FocusPolicy.NoFocus),
            down=_button("\N{DOWNWARDS ARROW}", "Move down (Alt+Down)", Qt.FocusPolicy.NoFocus),
            remove=_button("\N{MULTIPLICATION SIGN}", "Remove this row", Qt.FocusPolicy.TabFocus),
            second_line=_second_line(placed),
            hint=_Hint(),
        )
        _lay_out(self._parts, self.width())
        for key, widget in self.inputs().items():
            self._dress(key, widget)
        for cell in cells:
            cell.edited.connect(self._edited)
        for widget in self.focus_chain():
            widget.installEventFilter(self)
        self.up.clicked.connect(lambda: self.move_asked.emit(self, -1))
        self.down.clicked.connect(lambda: self.move_asked.emit(self, 1))
        self.remove.clicked.connect(lambda: self.remove_asked.emit(self))
        if self._waiting is not None:
            self._show(self._waiting)
            self._waiting = None
        self._show_number()
        self._show_said()
        self._show_place()
        return True

    def width(self) -> int:
        """The columns of the row's first line before its buttons."""
        first = [column for column in self._columns if not column.second_line]
        return len(first) + (self._extra is not None)

    def _made(self) -> _Parts:
        if self._parts is None:
            self.make()
            self._needed(self)
        assert self._parts is not None
        return self._parts

    @property
    def box(self) -> QWidget:
        return self._made().box

    @property
    def grid(self) -> QGridLayout:
        return self._made().grid

    @property
    def cells(self) -> list[Cell]:
        return self._made().cells

    @property
    def first_line(self) -> list[Cell]:
        return self._made().first_line

    @property
    def extra(self) -> QWidget | None:
        return self._made().extra

    @property
    def up(self) -> QToolButton:
        return self._made().up

    @property
    def down(self) -> QToolButton:
        return self._made().down

    @property
    def remove(self) -> QToolButton:
        return self._made().remove

    @property
    def second_line(self) -> QWidget | None:
        return self._made().second_line

    @property
    def hint(self) -> QLabel:
        return self._made().hint

    def _edited(self, merge: bool) -> None:
        self.touched = True
        self.edited.emit(self, merge)

    def focus_chain(self) -> list[QWidget]:
        """The row's inputs in Tab order (its remove button comes after them)."""
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
        """What each key is called ("Price"): the same for every row, made or not."""
        if self._parts is None:
            return self._names()
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
        if self._parts is None:
            self._waiting = item
        else:
            self._show(item)

    def _show(self, item: dict[str, Any]) -> None:
        for cell in self.cells:
            cell.show(item)

    def is_blank(self) -> bool:
        return all(cell.is_blank() for cell in self.cells)

    def number(self, index: int, count: int, owner: str) -> None:
        """Name the row for its place: `owner` is what it is called ("score 2")."""
        numbered = (owner, index > 0, index < count - 1)
        if numbered != self._numbered:  # a thousand rows are numbered at each row added
            self._numbered = numbered
            self._show_number()

    def _show_number(self) -> None:
        if self._parts is None or self._numbered is None:
            return
        owner, up, down = self._numbered
        for cell in self.cells:
            cell.name_inputs(owner)
        self.remove.setAccessibleName(f"Remove {owner}")
        self.up.setAccessibleName(f"Move {owner} up")
        self.down.setAccessibleName(f"Move {owner} down")
        self.up.setEnabled(up)
        self.down.setEnabled(down)

    def say(self, message: str, problems: dict[str, str]) -> None:
        """`message` under the row; the inputs of the keys in `problems` marked with theirs."""
        said = (message, dict(problems))
        if said != self._said:  # every row is said again at each key typed in one
            self._said = said
            self._show_said()

    def _show_said(self) -> None:
        if self._parts is None or self._said is None:
            return
        message, problems = self._said
        # Off, the row's layout does not lay out its block and the table again as the hint
        # shows (a problem under each of a thousand rows took a second): it waits for the
        # event loop, as does every row said meanwhile.
        self.grid.setEnabled(False)
        try:
            self.hint.setText(message)
            self.hint.setVisible(bool(message))
        finally:
            self.grid.setEnabled(True)
        for key, widget in self.inputs().items():
            widget.setProperty("invalid", key in problems)
            widget.setToolTip(problems.get(key) or MOVE_KEYS)

    def locate(self, place: str) -> None:
        """Name each input for the window by the row's place in the review and its key
        (`offers.2.price`): a problem of that part goes to that input."""
        if place != self._place:
            self._place = place
            self._show_place()

    def _show_place(self) -> None:
        if self._parts is None or not self._place:
            return
        for key, widget in self.inputs().items():
            widget.setProperty(FIELD_PROPERTY, f"{self._place}.{key}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if isinstance(watched, QWidget) and event.type() == QEvent.Type.FocusIn:
            self.focused.emit(self, watched)
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
