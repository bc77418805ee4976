"""A titled list of short strings edited in place: pros, cons, key features, key insights."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QMargins,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.widgets.underlined_text import paint_underlined

# What a copied list puts before its items: "- ", "* ", "• ", "1. ", "2) ".
_BULLET = re.compile(r"^\s*(?:[-*+\u2022\u2023\u25e6\u2013\u2014]|\d+[.)])(?:\s+|$)")

_ITEM_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEditable
    | Qt.ItemFlag.ItemIsDragEnabled  # not drop-enabled: a drop lands between items, not on one
)


_Index = QModelIndex | QPersistentModelIndex

# Marks a blank item the owner gave (a hand-written "- ''"): it stays, as an empty row, until
# the writer fills it. An item the writer adds or clears and leaves empty goes.
_GIVEN_BLANK = Qt.ItemDataRole.UserRole


def pasted_items(text: str) -> list[str]:
    """One item per non-empty line of `text`, without the bullet or number it was copied with."""
    lines = (_BULLET.sub("", line, count=1).strip() for line in text.splitlines())
    return [line for line in lines if line]


def _new_item(text: str) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setFlags(_ITEM_FLAGS)
    return item


def _counts(item: QListWidgetItem) -> bool:
    """Whether the row is an item of the list: not one the writer left empty."""
    return bool(item.text().strip()) or bool(item.data(_GIVEN_BLANK))


def _types_text(event: QKeyEvent) -> bool:
    """Whether the key types a character (not a shortcut, not a control key)."""
    shortcut = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    text = event.text()
    return bool(text) and text.isprintable() and not event.modifiers() & shortcut


class _ItemEditor(QLineEdit):
    """The in-place editor of one item; a paste of several lines becomes several items."""

    lines_pasted = Signal(list)

    def __init__(self, index: QPersistentModelIndex, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.index = index  # the item it edits, followed through moves and removals
        self.setFrame(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text()
            if "\n" in text or "\r" in text:
                lines = pasted_items(text)
                if len(lines) > 1:
                    self.lines_pasted.emit(lines)
                else:  # one line copied with its newline: paste it as a line edit would
                    self.insert("".join(lines))
                return
        super().keyPressEvent(event)


class _ItemDelegate(QStyledItemDelegate):
    """Creates the item editors; Enter in one is reported rather than just closing it."""

    return_pressed = Signal(QWidget)
    lines_pasted = Signal(QWidget, list)

    def __init__(self, title: str, placeholder: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._placeholder = placeholder
        # What the owner underlines: the (start, length) of each misspelled word of a text,
        # in the format it gives for the palette; and each editor made, given its row, to
        # underline as typed.
        self.misspelled: Callable[[str], list[tuple[int, int]]] = lambda _text: []
        self.underline: Callable[[QPalette], QTextCharFormat] = lambda _: QTextCharFormat()
        self.dress_editor: Callable[[QLineEdit, int], None] = lambda _editor, _row: None

    def createEditor(  # noqa: N802 (Qt's name)
        self, parent: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> QWidget:
        editor = _ItemEditor(QPersistentModelIndex(index), parent)
        editor.setPlaceholderText(self._placeholder)
        editor.setAccessibleName(f"Item in {self._title}")
        editor.lines_pasted.connect(lambda lines: self.lines_pasted.emit(editor, lines))
        self.dress_editor(editor, index.row())
        return editor

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        spans = self.misspelled(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        if not spans:
            super().paint(painter, option, index)
            return
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        paint_underlined(painter, styled, spans, self.underline(styled.palette))

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802 (Qt's name)
        # A little air between items, scaled with the font rather than fixed pixels.
        padding = option.fontMetrics.height() // 6
        return super().sizeHint(option, index).grownBy(QMargins(0, padding, 0, padding))

    def setModelData(  # noqa: N802 (Qt's name)
        self, editor: QWidget, model: QAbstractItemModel, index: _Index
    ) -> None:
        if not isinstance(editor, QLineEdit):
            return
        if editor.text() == model.data(index, Qt.ItemDataRole.EditRole):
            return  # not edited: an item given with spaces around it keeps them
        text = editor.text().strip()
        model.setData(index, text, Qt.ItemDataRole.EditRole)
        if text:  # filled: cleared later, it goes
            model.setData(index, False, _GIVEN_BLANK)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # Qt would commit and close on Enter; the list also starts the next item then.
        if (
            isinstance(watched, _ItemEditor)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.return_pressed.emit(watched)
            return True
        return super().eventFilter(watched, event)


class _ItemList(QListWidget):
    """The items: edited in place, reordered by drag or Alt+Up/Down, pasted as lines.

    `items_edited` carries the items after each user change, once per change: those the
    owner gave as they are, blank ones too, and not a row the writer left empty."""

    items_edited = Signal(list)

    def __init__(self, title: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        self.setAccessibleDescription(
            "Type, double-click or F2 to edit an item; Enter starts the next one. "
            "Alt+Up and Alt+Down move an item, Delete removes it, Insert adds one."
        )
        self._placeholder = placeholder
        self._known: list[str] = []  # what the owner last set or was told
        self._quiet = 0  # > 0 while rows change in several steps or from the owner
        self._emitting = False
        self.delegate = delegate = _ItemDelegate(title, placeholder, self)
        delegate.return_pressed.connect(self._return_pressed)
        delegate.lines_pasted.connect(self._lines_pasted)
        self.setItemDelegate(delegate)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)  # insights run to a sentence or two
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setAlternatingRowColors(True)
        model = self.model()
        # Every change of the rows ends here; `_sync` emits only when the items differ.
        model.dataChanged.connect(self._sync)
        model.rowsInserted.connect(self._sync)
        model.rowsRemoved.connect(self._sync)
        model.rowsMoved.connect(self._sync)

    def texts(self) -> list[str]:
        """The items, as given or as the writer typed them (trimmed)."""
        items = (self.item(row) for row in range(self.count()))
        return [item.text() for item in items if _counts(item)]

    def set_items(self, items: list[str]) -> None:
        if self._emitting:  # the owner answers our own signal: apply it once we are out of it
            QTimer.singleShot(0, self, lambda: self.set_items(items))
            return
        wanted = list(items)
        self._known = wanted
        if wanted == self.texts():
            return
        with self._quietly():
            self._end_editing()
            # Rows are updated in place, so the current row and the scroll position stay.
            for row, text in enumerate(wanted):
                if row == self.count():
                    self.addItem(_new_item(text))
                elif self.item(row).text() != text:
                    self.item(row).setText(text)
                blank = not text.strip()
                if bool(self.item(row).data(_GIVEN_BLANK)) != blank:
                    self.item(row).setData(_GIVEN_BLANK, blank)
            if self.count() > len(wanted):
                self.model().removeRows(len(wanted), self.count() - len(wanted))

    def add_item(self) -> None:
        """Append an empty item and edit it."""
        self._add_item_at(self.count())

    def remove_current(self) -> None:
        row = self.currentRow()
        if row < 0:
            return
        self.model().removeRow(row)
        if self.count():  # the next item takes its place, as in a text
            self.setCurrentRow(min(row, self.count() - 1))

    def move_current(self, step: int) -> None:
        with self._one_change():
            self._end_editing()
            row = self.currentRow()
            target = row + step
            if row < 0 or not 0 <= target < self.count():
                return
            # The destination counts rows before the move, so moving down skips the item itself.
            destination = target + 1 if step > 0 else target
            self.model().moveRow(QModelIndex(), row, QModelIndex(), destination)
            self.setCurrentRow(target)
        self.scrollToItem(self.currentItem())

    def paste(self, text: str) -> None:
        """One item per line of `text`, after the current item."""
        with self._one_change():
            self._end_editing()
            row = self.currentRow()
            self._insert(pasted_items(text), row if row >= 0 else self.count() - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        # Only reached while no item is edited: the editor takes the keys then.
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if key == Qt.Key.Key_Up else 1)
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QGuiApplication.clipboard().text())
        elif key == Qt.Key.Key_Delete and modifiers == Qt.KeyboardModifier.NoModifier:
            self.remove_current()
        elif key == Qt.Key.Key_Insert and modifiers == Qt.KeyboardModifier.NoModifier:
            row = self.currentRow()
            self._add_item_at(row + 1 if row >= 0 else self.count())
        elif not self.count() and _types_text(event):
            # Typing on the empty list's "Add an item" starts the first item with that key;
            # with no item to edit, the view itself would drop it.
            self._add_item_at(0)
            editor = self.indexWidget(self.currentIndex())
            if isinstance(editor, _ItemEditor):
                editor.insert(event.text())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEditor(  # noqa: N802 (Qt's name)
        self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint
    ) -> None:
        index = editor.index if isinstance(editor, _ItemEditor) else QPersistentModelIndex()
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            self._drop_if_empty(index)  # Escape, in a key press: safe to remove the row now
        else:
            # The view may be closing it while changing the current item, with indexes it
            # holds: an item left empty goes once the view is done.
            QTimer.singleShot(0, self, self._drop_empty_rows)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        viewport = self.viewport()
        if self.count() or viewport is None:
            return
        painter = QPainter(viewport)
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        margin = self.fontMetrics().height() // 3
        painter.drawText(
            viewport.rect().adjusted(margin, margin, -margin, -margin),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            self._placeholder,
        )
        painter.end()

    def _return_pressed(self, editor: QWidget) -> None:
        # Like a bulleted list in a word processor: Enter starts the next item, and Enter on
        # an empty one ends the list.
        if isinstance(editor, _ItemEditor):
            edited = editor.index.row()
            with self._one_change():
                row = self._close(editor)
                if row >= 0:
                    self._edit_new_row(row + 1)
                elif edited > 0:
                    self.setCurrentRow(edited - 1)  # back on the item the empty one followed

    def _lines_pasted(self, editor: QWidget, lines: list[str]) -> None:
        if isinstance(editor, _ItemEditor):
            with self._one_change():
                edited = editor.index.row()
                row = self._close(editor)  # an empty item gives its place to the lines
                self._insert(lines, row if row >= 0 else edited - 1)

    def _insert(self, texts: list[str], after: int) -> None:
        for offset, text in enumerate(texts, start=1):
            self.insertItem(after + offset, _new_item(text))
        if texts:
            self.setCurrentRow(after + len(texts))
            self.scrollToItem(self.currentItem())

    def _add_item_at(self, row: int) -> None:
        with self._one_change():
            self._end_editing()
            self._edit_new_row(min(row, self.count()))

    def _edit_new_row(self, row: int) -> None:
        item = _new_item("")
        self.insertItem(row, item)
        self.setCurrentItem(item)
        self.scrollToItem(item)
        self.editItem(item)

    def _end_editing(self) -> None:
        editor = self.indexWidget(self.currentIndex())
        if isinstance(editor, _ItemEditor):
            self._close(editor)

    def _close(self, editor: _ItemEditor) -> int:
        """Commit and close `editor`: the row of its item, or -1 if it was empty and dropped."""
        index = QPersistentModelIndex(editor.index)
        self.commitData(editor)
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return self._drop_if_empty(index)

    def _drop_if_empty(self, index: QPersistentModelIndex) -> int:
        if not index.isValid():
            return -1
        row = index.row()
        if _counts(self.item(row)):
            return row
        self.model().removeRow(row)
        return -1

    def _drop_empty_rows(self) -> None:
        for row in reversed(range(self.count())):
            index = self.model().index(row, 0)
            if not _counts(self.item(row)) and self.indexWidget(index) is None:
                self.model().removeRow(row)

    def _sync(self) -> None:
        if self._quiet:
            return
        items = self.texts()
        if items == self._known:
            return
        self._known = items
        self._emitting = True
        try:
            self.items_edited.emit(list(items))
        finally:
            self._emitting = False

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    @contextmanager
    def _one_change(self) -> Iterator[None]:
        """Several row changes that the owner hears about as one."""
        with self._quietly():
            yield
        self._sync()


class StringListEditor(QWidget):
    """A heading, a row of tool buttons and the list of items.

    `items_edited` carries the whole list after each change the user makes (an item the
    writer leaves empty is no item); `set_items` refreshes it from the owner's model without
    emitting anything."""

    items_edited = Signal(list)

    def __init__(
        self, title: str, parent: QWidget | None = None, placeholder: str = "Add an item"
    ) -> None:
        super().__init__(parent)
        self.list_widget = _ItemList(title, placeholder)
        self.list_widget.items_edited.connect(self.items_edited)

        self.heading = QLabel(title)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setBuddy(self.list_widget)

        self.add_button = self._button(
            "+", f"Add to {title}", "Add an item (Insert)", self.list_widget.add_item
        )
        self.remove_button = self._button(
            "\N{MINUS SIGN}",
            f"Remove from {title}",
            "Remove the selected item (Delete)",
            self.list_widget.remove_current,
        )
        self.up_button = self._button(
            "\N{UPWARDS ARROW}",
            f"Move up in {title}",
            "Move the selected item up (Alt+Up)",
            lambda: self.list_widget.move_current(-1),
        )
        self.down_button = self._button(
            "\N{DOWNWARDS ARROW}",
            f"Move down in {title}",
            "Move the selected item down (Alt+Down)",
            lambda: self.list_widget.move_current(1),
        )

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(0)
        header.addWidget(self.heading)
        header.addStretch()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            header.addWidget(button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(header)
        box.addWidget(self.list_widget)
        self.setFocusProxy(self.list_widget)

        self.list_widget.currentRowChanged.connect(self._update_buttons)
        model = self.list_widget.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.modelReset):
            signal.connect(self._update_buttons)
        self._update_buttons()

    def items(self) -> list[str]:
        return self.list_widget.texts()

    def set_items(self, items: list[str]) -> None:
        """Show `items` from the owner's model; emits nothing, keeps the current row."""
        self.list_widget.set_items(items)

    def _button(self, text: str, name: str, tip: str, clicked: Callable[[], object]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(clicked)
        return button

    def _update_buttons(self) -> None:
        row, count = self.list_widget.currentRow(), self.list_widget.count()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
