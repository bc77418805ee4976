"""The authors: a row each, with a name and a home page, added, removed and reordered by mouse
or keyboard. A home page belongs to its row, not to a name, so renaming an author keeps it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core import edits
from reviewdesk.core.edits import EditError
from reviewdesk.core.limits import AUTHORS
from reviewdesk.core.model import Author
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY, hint_label

NAME_FIRST = "Name the author: the home page is kept once they have a name"
NAME_NEEDED = "Name the author, or remove them with \N{MULTIPLICATION SIGN}"
MOVE_KEYS = "Alt+Up and Alt+Down move the author"


def _line(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.setToolTip(MOVE_KEYS)
    return edit


def _button(text: str, tip: str, focus: Qt.FocusPolicy) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.setFocusPolicy(focus)
    return button


class AuthorRow(QWidget):
    """One author as typed. `author` is what the review holds for this row: None until it is
    given a name. The row reports what the writer does; the field decides."""

    edited = Signal(object)  # the row
    move_asked = Signal(object, int)  # the row, -1 (up) or 1 (down)
    remove_asked = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.author: Author | None = None
        self.name = _line("Name")
        self.url = _line("Home page, https://… (optional)")
        # Moving is Alt+Up/Down in the fields: the arrows take no Tab stop of their own.
        self.up = _button("\N{UPWARDS ARROW}", "Move up (Alt+Up)", Qt.FocusPolicy.NoFocus)
        self.down = _button("\N{DOWNWARDS ARROW}", "Move down (Alt+Down)", Qt.FocusPolicy.NoFocus)
        self.remove = _button(
            "\N{MULTIPLICATION SIGN}", "Remove this author", Qt.FocusPolicy.TabFocus
        )
        self.hint = hint_label()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.name, 2)
        row.addWidget(self.url, 3)
        for button in (self.up, self.down, self.remove):
            row.addWidget(button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.hint)
        for edit in (self.name, self.url):
            edit.textEdited.connect(lambda _text: self.edited.emit(self))
            edit.installEventFilter(self)
        self.up.clicked.connect(lambda: self.move_asked.emit(self, -1))
        self.down.clicked.connect(lambda: self.move_asked.emit(self, 1))
        self.remove.clicked.connect(lambda: self.remove_asked.emit(self))

    def number(self, index: int, count: int) -> None:
        """Name the row's inputs for its place: `index` of `count` rows."""
        who = f"author {index + 1}"
        self.name.setAccessibleName(f"Name of {who}")
        self.url.setAccessibleName(f"Home page of {who}")
        self.remove.setAccessibleName(f"Remove {who}")
        self.up.setAccessibleName(f"Move {who} up")
        self.down.setAccessibleName(f"Move {who} down")
        self.name.setProperty(FIELD_PROPERTY, f"authors.{index}.name")
        self.url.setProperty(FIELD_PROPERTY, f"authors.{index}.url")
        self.up.setEnabled(index > 0)
        self.down.setEnabled(index < count - 1)

    def show_author(self, author: Author) -> None:
        self.author = author
        for edit, text in ((self.name, author.name), (self.url, author.url or "")):
            if edit.text().strip() != text:  # setText would move the cursor
                edit.setText(text)
                if not edit.hasFocus():
                    edit.setCursorPosition(0)  # a long URL shows its start, not its end
        self.say({})

    def say(self, problems: dict[str, str]) -> None:
        """Name what is refused of the row, by field ("name", "url")."""
        message = problems.get("name") or problems.get("url", "")
        self.hint.setText(message)
        self.hint.setVisible(bool(message))
        for key, edit in (("name", self.name), ("url", self.url)):
            edit.setProperty("invalid", key in problems)
            edit.setToolTip(problems.get(key) or MOVE_KEYS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            == Qt.KeyboardModifier.AltModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.move_asked.emit(self, -1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)


class AuthorsField(QWidget):
    """Every author's name and home page, whatever their number. Edits go to the document as
    the whole list: typing merges into the step under way, a move or a removal is a step.
    A refused part (a home page that is not a URL, a name cleared) stays typed and named
    under its row while the review keeps its last valid value."""

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._rows: list[AuthorRow] = []
        self._pushing = False
        # The form's label: its buddy is the first name, or Add when there is none. (A focus
        # proxy would do the same, but Tab would then jump back into the proxy.)
        self.label = QLabel("&Authors")
        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(4)
        self.add = QPushButton("Add an author")
        self.add.setToolTip("Add an author after the last one")
        self.add.clicked.connect(self.add_author)
        self.add.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.add.setProperty(FIELD_PROPERTY, "authors")  # "no author given" leads here
        self.hint = hint_label()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(self.rows)
        column.addWidget(self.add)
        column.addWidget(self.hint)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        document.changed.connect(self._refresh)
        document.checks.checked.connect(self._show_checks)
        self._refresh("")

    def author_rows(self) -> list[AuthorRow]:
        return list(self._rows)

    def add_author(self) -> AuthorRow:
        """A new, empty row after the last, its name focused: it joins the review once named."""
        row = self._new_row()
        self._renumber()
        row.name.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def _new_row(self) -> AuthorRow:
        row = AuthorRow()
        row.edited.connect(self._row_edited)
        row.move_asked.connect(self._move)
        row.remove_asked.connect(self._remove)
        self._rows.append(row)
        self.rows.addWidget(row)
        row.show()  # now, not on the next turn of the event loop: Tab skips hidden fields
        return row

    def _row_edited(self) -> None:
        self._push(merge=True)

    def _move(self, row: AuthorRow, step: int) -> None:
        index = self._rows.index(row)
        target = index + step
        if not 0 <= target < len(self._rows):
            return
        self._rows.insert(target, self._rows.pop(index))
        self.rows.removeWidget(row)
        self.rows.insertWidget(target, row)  # the same widgets: focus stays where it was
        self._renumber()
        self._push(merge=False)

    def _remove(self, row: AuthorRow) -> None:
        index = self._rows.index(row)
        self._rows.pop(index)
        self.rows.removeWidget(row)
        row.deleteLater()
        self._renumber()
        self._push(merge=False)
        following = self._rows[min(index, len(self._rows) - 1)].name if self._rows else self.add
        following.setFocus(Qt.FocusReason.OtherFocusReason)

    def _push(self, merge: bool) -> None:
        typed = [(row, self._typed(row)) for row in self._rows]
        authors = [author for _, author in typed if author is not None]
        self._pushing = True
        try:
            self._document.set("authors", authors, merge=merge)
        except EditError as error:  # more authors than a review may hold
            self._say(str(error))
            return
        finally:
            self._pushing = False
        for row, author in typed:
            row.author = author
        self._show_checks()

    def _typed(self, row: AuthorRow) -> Author | None:
        """The author the row stands for, each refused part as the review has it; None for
        a row without a name yet."""
        name, url = row.name.text(), row.url.text().strip() or None
        kept, problems = row.author, {}
        if not name.strip():
            problems["name"] = NAME_NEEDED if kept else NAME_FIRST
        elif refused := self._refusal(name, None):
            problems["name"] = refused
        if "name" in problems:
            if kept is None:  # no author yet: a refused name, or a home page waiting, is said
                waiting = {"url": NAME_FIRST} if url else {}
                row.say({"name": problems["name"]} if name.strip() else waiting)
                return None
            name = kept.name
        if refused := self._refusal(name, url):
            problems["url"] = refused
            url = kept.url if kept else None
        row.say(problems)
        return Author(name=name, url=url)

    def _refusal(self, name: str, url: str | None) -> str:
        """Why the model refuses an author of `name` and `url`; empty if it does not."""
        try:
            edits.replaced(self._document.review, "authors", [{"name": name, "url": url}])
        except EditError as error:
            return str(error)
        return ""

    def _refresh(self, field: str) -> None:
        if self._pushing or field not in ("", "authors"):
            return
        authors = self._document.review.authors
        shown = [row.author for row in self._rows if row.author is not None]
        if field == "authors" and shown == authors:
            return  # rows not yet named stay
        while len(self._rows) > len(authors):
            row = self._rows.pop()
            self.rows.removeWidget(row)
            row.deleteLater()
        while len(self._rows) < len(authors):
            self._new_row()
        for row, author in zip(self._rows, authors, strict=True):
            row.show_author(author)
        self._renumber()
        self._show_checks()

    def _renumber(self) -> None:
        count = len(self._rows)
        for index, row in enumerate(self._rows):
            row.number(index, count)
        self.add.setEnabled(count < AUTHORS)
        # Tab follows the rows as shown, whatever order they were made in.
        chain: list[QWidget] = [w for row in self._rows for w in (row.name, row.url, row.remove)]
        for before, after in zip(chain, [*chain[1:], self.add], strict=False):
            QWidget.setTabOrder(before, after)
        self.label.setBuddy(self._rows[0].name if self._rows else self.add)

    def _show_checks(self) -> None:
        checked = self._document.checks.for_field("authors")
        self._say(checked[0].message if checked else "")

    def _say(self, message: str) -> None:
        self.hint.setText(message)
        self.hint.setVisible(bool(message))
