"""A list of the review's items (scores, specs, offers, updates) edited in a row list editor.

Edits go to the document as the whole list: typing merges into the step under way, a move,
a removal, a tick or a pick is a step. A row joins the review once it makes a valid item; a
refused part (a price that is no number, a link that is no URL) stays typed and is named under
its row while the review keeps the row's last valid value."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from reviewdesk.core.edits import EditError
from reviewdesk.core.problems import Problem
from reviewdesk.core.spelling_checks import is_checked
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.field_spelling import spell_input
from reviewdesk.ui.widgets.row_list_editor import ItemRow, RowListEditor


def _said(name: str, message: str) -> str:
    """A model's message about a key, for a writer: "Weight should be greater than 0"."""
    if message == "missing":
        return f"{name} is needed"
    return f"{name} {message.removeprefix('Value error, ').removeprefix('Input ')}"


def refusals(model: type[BaseModel], values: dict[str, Any]) -> dict[str, str]:
    """What the model refuses of an item of `values`, by key ("" for the item as a whole),
    with pydantic's word for a missing key: "missing"."""
    try:
        model.model_validate(values)
    except ValidationError as error:
        found: dict[str, str] = {}
        for problem in error.errors(include_url=False):
            key = str(problem["loc"][0]) if problem["loc"] else ""
            message = str(problem["msg"]).removeprefix("Value error, ")
            said = "missing" if problem["type"] == "missing" else message
            found.setdefault(key, said)
        return found
    return {}


def _by_item(problems: list[Problem], path: str) -> dict[str, list[Problem]]:
    """The problems of each item of the list at `path` and of its parts, by the item's place
    (`offers.2`): once for every row, not once a row (a thousand rows, each with a problem)."""
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.field.startswith(f"{path}."):
            index = problem.field.removeprefix(f"{path}.").partition(".")[0]
            found.setdefault(f"{path}.{index}", []).append(problem)
    return found


def _named(field: str, message: str, place: str, row: ItemRow) -> str:
    """A check's message about a part of the row, under the row: "Checked is 2026-03-10, ...".
    A message naming its subject already ("6 is off the scale") stays as it is."""
    name = row.names().get(field.removeprefix(f"{place}."))
    if name and message[:1].islower() and message.split(" ", 1)[0] in ("is", "has", "must"):
        return f"{name} {message}"
    return message


class RowListField(QObject):
    """Binds `editor` to the list at `path` of the document, of items of `model`. `needed`
    says what a row lacks to join the review ("A score needs a name and a value").
    `refreshed` once the rows show the list anew (an undo, the editor first shown)."""

    refreshed = Signal()

    def __init__(
        self,
        document: ReviewDocument,
        path: str,
        model: type[BaseModel],
        editor: RowListEditor,
        *,
        needed: str,
    ) -> None:
        super().__init__(editor)
        self._document, self._path, self._model = document, path, model
        self._editor, self._needed = editor, needed
        self._pushing = False
        self._refused: dict[ItemRow, dict[str, str]] = {}  # by row, what the model refuses
        self._over = ""  # why the list as a whole was refused
        editor.add.setProperty(FIELD_PROPERTY, path)  # "no offer given" leads here
        editor.dress_input = lambda key, widget: _spell(document, f"{path}.0.{key}", widget)
        editor.row_edited.connect(lambda row, merge: self._push(merge=merge, edited=row))
        editor.rows_changed.connect(lambda: self._push(merge=False))
        # Rows are made when the editor is first shown, and remade then if the list changed
        # while it was hidden: a window opens without making a thousand rows of each list.
        self._stale = False
        editor.installEventFilter(self)
        document.changed.connect(self._refresh)
        document.checks.checked.connect(self._show)
        self._refresh("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._editor and event.type() == QEvent.Type.Show and self._stale:
            self._stale = False
            self._refresh("")
        return super().eventFilter(watched, event)

    def _push(self, *, merge: bool, edited: ItemRow | None = None) -> None:
        # Only the row edited, and rows new to the field (pasted), are read again: a keystroke
        # in a list of a thousand offers reads one.
        typed = [
            (row, *self._typed(row))
            if row is edited or row not in self._refused
            else (row, row.item, self._refused[row])
            for row in self._editor.rows()
        ]
        items = [item for _row, item, _said in typed if item is not None]
        self._pushing = True
        try:
            self._document.set(self._path, items, merge=merge)
        except EditError as error:  # more items than a review may hold
            self._over = str(error)
            self._show()
            return
        finally:
            self._pushing = False
        self._over = ""
        for row, item, _said in typed:
            row.item = item
        self._refused = {row: said for row, _item, said in typed}
        self._show()

    def _typed(self, row: ItemRow) -> tuple[BaseModel | None, dict[str, str]]:
        """The item the row stands for (each refused part as the review has it; None for a
        row that makes no item yet) and what is refused of it, by key."""
        values, problems = row.read()
        kept = row.item.model_dump() if row.item is not None else None
        if kept is None:  # a new row: a part left blank is one still to give
            values = {k: v for k, v in values.items() if not isinstance(v, str) or v.strip()}
        for key in problems:
            values.pop(key, None)
            if kept is not None:
                values[key] = kept[key]
        refused = refusals(self._model, values)
        missing = [key for key, said in refused.items() if said == "missing"]
        problems |= {key: said for key, said in refused.items() if key not in problems}
        if not refused:
            return self._model.model_validate(values), problems
        if kept is None:
            if missing and not row.touched:
                return None, {}  # a new row: nothing to say before the writer types
            return None, problems
        for key in refused:
            if key in kept:
                values[key] = kept[key]
        try:
            return self._model.model_validate(values), problems
        except ValidationError:
            return row.item, problems  # the parts go only together (a price, its currency)

    def _refresh(self, field: str) -> None:
        if self._pushing or field not in ("", self._path):
            return
        if not self._editor.isVisible():
            self._stale = True
            return
        items: list[BaseModel] = list(self._document.value(self._path))
        shown = [row.item for row in self._editor.rows() if row.item is not None]
        if field == self._path and shown == items:
            return  # rows not yet items stay
        rows = self._editor.show_items([item.model_dump() for item in items])
        for row, item in zip(rows, items, strict=True):
            row.item = item
        self._refused, self._over = {row: {} for row in rows}, ""
        self._show()
        self.refreshed.emit()

    def _show(self) -> None:
        """Name the rows' places in the list for the window, and say under each what is
        refused of it, else what the publishing checks say of it."""
        checks = _by_item(self._document.checks.for_field(self._path), self._path)
        index = 0
        for row in self._editor.rows():
            place = f"{self._path}.{index}"
            row.locate(place)
            found = checks.get(place, []) if row.item is not None else []
            checked = [_named(p.field, p.message, place, row) for p in found]
            self._say(row, self._refused.get(row, {}), checked)
            index += row.item is not None
        listed = [p.message for p in self._document.checks.problems if p.field == self._path]
        self._editor.say(self._over or (listed[0] if listed else ""))

    def make_input(self, field: str) -> None:
        """Make the row of `field` (`offers.900.url`) now if it is not yet, so that going to
        the field finds its input."""
        index = field.removeprefix(f"{self._path}.").partition(".")[0]
        if not field.startswith(f"{self._path}.") or not index.isdecimal():
            return
        items = [row for row in self._editor.rows() if row.item is not None]
        if int(index) < len(items):
            self._editor.make_row(items[int(index)])

    def _say(self, row: ItemRow, problems: dict[str, str], checked: list[str]) -> None:
        names = row.names()
        keyed = {key: _said(names[key], said) for key, said in problems.items() if key in names}
        if row.item is None and "missing" in problems.values():
            message = self._needed
        elif problems:
            key, said = next(iter(problems.items()))
            message = keyed.get(key) or said[:1].upper() + said[1:]
        else:
            message = checked[0] if checked else ""
        row.say(message, keyed)


def _spell(document: ReviewDocument, first: str, widget: QWidget) -> None:
    """Underline the misspellings of an input whose field the core checks (as in the first
    row: `first`); the row's inputs are named, and renamed, as the rows move."""
    if is_checked(first):
        path = lambda: str(widget.property(FIELD_PROPERTY) or "")  # noqa: E731 (read when checked)
        spell_input(document.spelling, widget, path)
