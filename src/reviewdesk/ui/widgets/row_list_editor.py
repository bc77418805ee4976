"""A list of items edited as rows of inputs under a header, like a small table: scores, specs,
offers, updates. Rows are added, removed and moved by mouse or keyboard (Alt+Up and Alt+Down
move the row of the input in focus, Enter goes on to the next row); a paste of several lines
may make several rows. The editor reports what the writer does; its owner decides what the
rows hold (`ItemRow.item`) and says what is wrong with them.

A list shown at once (a thousand offers) gets its rows' widgets a slice of time at a time, in
order, the event loop running between slices: the first rows show at once and the window
answers meanwhile (a thousand offers held the UI thread 3 s in one go). So that the rows made
later cost the same as the first, nothing is done again for every row made before: each row
lays out its inputs in a grid of its own, whose columns the header sets (row_header.py); the
rows made together stand in a block, laid out on its own; and a block, or a row, goes into the
Tab order in one step, its inputs with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.field_binding import hint_label
from reviewdesk.ui.widgets.item_row import HINT_LINE, MOVE_KEYS, Column, ItemRow
from reviewdesk.ui.widgets.row_header import RowHeader

__all__ = ["MOVE_KEYS", "Column", "ItemRow", "RowListEditor"]

_FIRST_ROWS = 10  # rows made at once when a list is shown: about a window's height
_SLICE_MS = 15  # then rows are made for this long at a time, the event loop running between
_SPACING = 2  # between the lines of a row, and between rows


def _stacked(widget: QWidget) -> QVBoxLayout:
    """A column of widgets, each of which takes its minimum height at once when it grows (a
    layout squeezed into the old height first lays out every row again)."""
    column = QVBoxLayout(widget)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(_SPACING)
    column.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
    return column


def _chain_after(anchor: QWidget, moved: QWidget, first: QWidget) -> None:
    """Put `moved` and every input in it in the Tab order after `anchor`, in one step: Qt
    moves a widget whose focus goes to an input in it together with its inputs (moved one by
    one, an input cost up to a millisecond among a thousand rows)."""
    moved.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    moved.setFocusProxy(first)
    QWidget.setTabOrder(anchor, moved)
    moved.setFocusProxy(None)  # type: ignore[arg-type]  # no proxy: PySide takes None
    moved.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class _Block(QWidget):
    """Rows made together, one under the other."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ItemRow] = []
        self._column = _stacked(self)

    def put(self, at: int, row: ItemRow) -> None:
        self._column.insertWidget(at, row.box)
        self.rows.insert(at, row)

    def take(self, row: ItemRow) -> None:
        self._column.removeWidget(row.box)
        self.rows.remove(row)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Rows shown meanwhile are laid out once, after."""
        self._column.setEnabled(False)
        try:
            yield
        finally:
            self._column.setEnabled(True)
            self._column.activate()


class RowListEditor(QWidget):
    """The rows under their column labels, in a scrolling area, and a button to add one.

    `row_edited` says the writer edited a row's input; `rows_changed` that rows were removed,
    moved or pasted; `rows_made` that rows' widgets were made (a list of them). `new_row`
    readies a row the writer adds (today's date, a currency); `paste` reads pasted text as
    rows' values (an empty list when it is none)."""

    row_edited = Signal(object, bool)  # the row, merge
    rows_changed = Signal()
    rows_made = Signal(list)

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
        self._blocks: list[_Block] = []
        self._block_of: dict[ItemRow, _Block] = {}  # the rows placed: those made
        self._names: dict[str, str] | None = None  # what each key is called, in every row
        # Given each input of a row, with its key, as the row is made (its owner underlines
        # misspellings).
        self.dress_input: Callable[[str, QWidget], None] = lambda _key, _input: None
        self._focus_row: ItemRow | None = None
        self._keep_in_view = False
        self._maker = QTimer(self, singleShot=True, interval=0)
        self._maker.timeout.connect(lambda: self._make_some(1))
        self.table = QWidget()
        self._table = _stacked(self.table)
        # Hidden, it never takes the focus: the rows with no row above them follow it in the
        # Tab order, wherever the editor stands in its window's.
        self._start = QWidget(self.table)
        self._start.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._start.hide()
        self.header = RowHeader(columns, extra_label if extra is not None else None)
        self.header.widths_changed.connect(self._fit_all)
        self.headers = self.header.labels
        self._table.addWidget(self.header)
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
        inner.installEventFilter(self)
        self.hint = hint_label()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.area, 1)
        column.addWidget(self.hint)
        # Rows of two lines stand apart, or the second line reads as the next row's.
        self._gap = self.fontMetrics().height() // 2 if self._two_lines() else 0
        self._renumber()

    def rows(self) -> list[ItemRow]:
        return list(self._rows)

    def _two_lines(self) -> bool:
        return any(column.second_line for column in self._columns)

    def add_row(self) -> ItemRow:
        """A new row, readied by `new_row`, its first input focused: at the top or the end."""
        index = 0 if self._at_top else len(self._rows)
        row = self._insert(index)
        row.make()
        if self._new_row is not None:
            self._new_row(row)
        self._put([row], index)
        self._renumber()
        row.first_input(self._focus_column).setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def show_items(self, items: list[dict[str, Any]]) -> list[ItemRow]:
        """Show `items`, one a row, in the rows there are (rows are added or removed at the
        end); the rows, for their owner to set what they hold. The first rows not yet made
        are made now, the others in slices of time after."""
        while len(self._rows) > len(items):
            self._drop(self._rows[-1])
        while len(self._rows) < len(items):
            self._insert(len(self._rows))
        for row, item in zip(self._rows, items, strict=True):
            row.show(item)
        self._renumber()
        self._make_some(_FIRST_ROWS)
        return self.rows()

    def make_row(self, row: ItemRow) -> None:
        """Make a row's widgets now if they are not yet (a field gone to is in it)."""
        if row.make():
            self._needed(row)

    def say(self, message: str) -> None:
        self.hint.setText(message)
        self.hint.setVisible(bool(message))

    def _insert(self, index: int) -> ItemRow:
        row = ItemRow(
            self._columns,
            self._extra,
            self._pasted,
            self,
            needed=self._needed,
            names=self._key_names,
            dress=self._dress,
        )
        self._rows.insert(index, row)
        return row

    def _dress(self, key: str, widget: QWidget) -> None:
        self.dress_input(key, widget)  # as set now: the owner sets it after making the editor

    def _key_names(self) -> dict[str, str]:
        if self._names is None:
            made = next((row for row in self._rows if row.made), self._rows[0])
            self._names = {key: name for cell in made.cells for key, name in cell.names.items()}
        return self._names

    def _needed(self, row: ItemRow) -> None:
        """A row made on demand (its input focused, its value read) is placed at once."""
        self._put([row], self._rows.index(row))

    def _make_some(self, at_least: int) -> None:
        """Make the rows not yet made from the first of them on, for a slice of time
        (`at_least` of them however long they take); ask for the next slice while any are
        left."""
        start = next((i for i, row in enumerate(self._rows) if not row.made), None)
        if start is None:
            return
        clock = QElapsedTimer()
        clock.start()
        made: list[ItemRow] = []
        for row in self._rows[start:]:
            if row.made or (len(made) >= at_least and clock.elapsed() >= _SLICE_MS):
                break
            row.make()
            made.append(row)
        self._put(made, start, apart=True)
        if any(not row.made for row in self._rows):
            self._maker.start()

    def _put(self, rows: list[ItemRow], index: int, *, apart: bool = False) -> None:
        """Place rows just made, which are `self._rows[index:index + len(rows)]`: beside the
        made row next to them, in its block, else (or when `apart`) in a block of their own,
        so that the rows of a block follow one another in the list; in the Tab order after
        the made row above them."""
        above = self._rows[index - 1] if index > 0 else None
        end = index + len(rows)
        below = self._rows[end] if end < len(self._rows) else None
        anchor = self._anchor(index)
        for row in rows:
            self.header.measure(row)
            self._fit(row)
            self._adopt(row)
        if not apart and above is not None and above in self._block_of:
            block = self._block_of[above]
            self._join(block, block.rows.index(above) + 1, rows, anchor)
        elif not apart and below is not None and below in self._block_of:
            block = self._block_of[below]
            self._join(block, block.rows.index(below), rows, anchor)
        else:
            # Filled before it joins the window, a block keeps its rows' Tab order, and goes
            # into the window's with them in one step; the blocks before it stay as they are.
            block = _Block()
            for offset, row in enumerate(rows):
                block.put(offset, row)
                self._block_of[row] = block
            self._place_block(block, index)
            _chain_after(anchor, block, rows[0].focus_chain()[0])
            block.show()
        self._welcome(rows)

    def _join(self, block: _Block, at: int, rows: list[ItemRow], anchor: QWidget) -> None:
        """Rows into a block on screen, laid out once: each row shown in it would lay out
        the block again."""
        with block.quiet():
            for offset, row in enumerate(rows):
                block.put(at + offset, row)
                self._block_of[row] = block
                _chain_after(anchor, row.box, row.focus_chain()[0])
                anchor = row.remove
                row.box.show()

    def _place_block(self, block: _Block, index: int) -> None:
        """A new block goes after the block of the made row above the row at `index`."""
        placed = (self._block_of.get(row) for row in reversed(self._rows[:index]))
        above = next((block for block in placed if block is not None), None)
        at = self._blocks.index(above) + 1 if above is not None else 0
        self._blocks.insert(at, block)
        self._table.insertWidget(at + 1, block)  # after the header

    def _anchor(self, index: int) -> QWidget:
        """What rows placed at `index` follow in the Tab order: the made row above them."""
        above = next((r for r in reversed(self._rows[:index]) if r in self._block_of), None)
        return above.remove if above is not None else self._start

    def _fit(self, row: ItemRow) -> None:
        self.header.fit(row.grid)
        if self._gap:
            row.grid.setRowMinimumHeight(HINT_LINE, self._gap)

    def _fit_all(self) -> None:
        for row in self._block_of:
            self.header.fit(row.grid)

    def _adopt(self, row: ItemRow) -> None:
        row.edited.connect(self.row_edited)
        row.move_asked.connect(self._move)
        row.remove_asked.connect(self._remove)
        row.return_pressed.connect(self._return_pressed)
        row.focused.connect(self._focused)

    def _welcome(self, fresh: list[ItemRow]) -> None:
        self.rows_made.emit(fresh)
        focus = self._focus_row
        if focus is not None and self._rows.index(fresh[0]) < self._rows.index(focus):
            # Rows made above the one in focus (gone to ahead of them) push it down: it is
            # brought back into view as the rows grow, until they are all made.
            self._keep_in_view = True

    def _focused(self, row: ItemRow, widget: QWidget) -> None:
        self._focus_row = row
        self.area.ensureWidgetVisible(widget, 0, 8)
        # Again once laid out: a row just made or moved may not be where it will show yet.
        QTimer.singleShot(0, self, self._show_focus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        resized = watched is self.area.widget() and event.type() == QEvent.Type.Resize
        if resized and self._keep_in_view:
            QTimer.singleShot(0, self, self._show_focus)  # once the area has its new size
            self._keep_in_view = not all(row.made for row in self._rows)
        return super().eventFilter(watched, event)

    def _show_focus(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.table.isAncestorOf(focused):
            self.area.ensureWidgetVisible(focused, 0, 8)

    def _drop(self, row: ItemRow) -> None:
        if self._rows[-1] is row:
            self._rows.pop()  # a thousand rows dropped from the end: no search
        else:
            self._rows.remove(row)
        if row is self._focus_row:
            self._focus_row = None
        if row in self._block_of:
            self._take(row)
            row.box.hide()
            row.box.deleteLater()
        row.deleteLater()

    def _take(self, row: ItemRow) -> None:
        """Take a row out of its block, and the block away once empty."""
        block = self._block_of.pop(row)
        block.take(row)
        if not block.rows:
            self._table.removeWidget(block)
            self._blocks.remove(block)
            block.hide()
            block.deleteLater()

    def _renumber(self) -> None:
        count = len(self._rows)
        for index, row in enumerate(self._rows):
            row.number(index, count, f"{self._noun} {index + 1}")
        self.header.setVisible(bool(count))
        self.empty.setVisible(not count)
        self.add.setEnabled(count < self._limit)

    def _move(self, row: ItemRow, step: int) -> None:
        index = self._rows.index(row)
        target = index + step
        if not 0 <= target < len(self._rows):
            return
        other = self._rows[target]
        self.make_row(other)  # placed next to `row`, whose inputs are made
        self._rows[index], self._rows[target] = other, row
        self._swap(row, other, step)
        upper, lower = (row, other) if step < 0 else (other, row)
        _chain_after(upper.remove, lower.box, lower.focus_chain()[0])
        self._renumber()
        self.rows_changed.emit()

    def _swap(self, row: ItemRow, other: ItemRow, step: int) -> None:
        """Show `other` on the other side of `row`, in `row`'s block: `row` keeps its place in
        the window, and the focus in it (a widget given another parent loses the focus)."""
        focused = QApplication.focusWidget()
        home = self._block_of[row]
        self._take(other)
        home.put(home.rows.index(row) + (step < 0), other)
        self._block_of[other] = home
        other.box.show()
        if focused is not None and other.box.isAncestorOf(focused):
            focused.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove(self, row: ItemRow) -> None:
        index = self._rows.index(row)
        self._drop(row)
        self._renumber()
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
            added[-1].make()
            added[-1].show(item)
            added[-1].touched = True
        if added:
            self._put(added, index)
        self._renumber()
        self.rows_changed.emit()
        if added:
            added[-1].first_input().setFocus(Qt.FocusReason.OtherFocusReason)
        return True
