"""The inputs of a row of a row list editor, one kind per kind of value: a text, a number in
the locale's format, a date, a date that may be unset, a tick, a price with its currency.

A cell shows the keys of its item it edits and reads them back as typed: what it cannot read
(a number that is not one) is a problem by key, and a key it leaves out takes the item's
default. It signals each edit of the writer, never its own showing of a value."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from reviewdesk.ui.widgets.currency_box import CurrencyBox
from reviewdesk.ui.widgets.locale_number import example, format_number, parse_number

DATE_FORMAT = "d MMM yyyy"


class Cell(QObject):
    """`widget` is laid out in the row; `inputs` are the widgets that edit each key (focused
    when a problem names the key); `names` what each key is called ("Price")."""

    edited = Signal(bool)  # merge: typing extends the undo step under way

    def __init__(self, widget: QWidget, inputs: dict[str, QWidget], names: dict[str, str]) -> None:
        super().__init__(widget)
        self.widget, self.inputs, self.names = widget, inputs, names

    def read(self, values: dict[str, Any], problems: dict[str, str]) -> None:
        """Put the cell's values into `values`, and what it cannot read into `problems`."""
        raise NotImplementedError

    def show(self, item: dict[str, Any]) -> None:
        """Show the item's values; what is typed and reads as them stays as typed."""
        raise NotImplementedError

    def is_blank(self) -> bool:
        """Whether the cell holds nothing the writer gave."""
        return True

    def name_inputs(self, owner: str) -> None:
        """Name the inputs for assistive technology: "Price of offer 2"."""
        for key, widget in self.inputs.items():
            widget.setAccessibleName(f"{self.names[key]} of {owner}")


def _line_edit(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def _show_text(edit: QLineEdit, text: str) -> None:
    edit.setText(text)
    if not edit.hasFocus():
        edit.setCursorPosition(0)  # a long URL shows its start, not its end


class TextCell(Cell):
    def __init__(self, key: str, name: str, placeholder: str = "") -> None:
        self.edit = _line_edit(placeholder)
        super().__init__(self.edit, {key: self.edit}, {key: name})
        self._key = key
        self.edit.textEdited.connect(lambda _text: self.edited.emit(True))

    def read(self, values: dict[str, Any], problems: dict[str, str]) -> None:
        values[self._key] = self.edit.text()

    def show(self, item: dict[str, Any]) -> None:
        text = str(item.get(self._key) or "")
        if self.edit.text().strip() != text:  # the model trims; the typing stays as typed
            _show_text(self.edit, text)

    def is_blank(self) -> bool:
        return not self.edit.text().strip()


class NumberCell(Cell):
    """A number in the locale's format. Empty, the key takes its default (`default` is shown
    as the placeholder); Up and Down step by `step`."""

    def __init__(
        self,
        key: str,
        name: str,
        *,
        default: float | None = None,
        minimum: float | None = None,
        step: float = 0,
        money: bool = False,
        placeholder: str = "",
    ) -> None:
        self.edit = _line_edit(placeholder or ("" if default is None else format_number(default)))
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        super().__init__(self.edit, {key: self.edit}, {key: name})
        self._key, self._default, self._minimum = key, default, minimum
        self._step, self._money = step, money
        self._shown: tuple[str, float | None] = ("", None)  # the text shown for a value
        self.edit.textEdited.connect(lambda _text: self.edited.emit(True))
        if step:
            self.edit.installEventFilter(self)

    def number(self) -> float | None:
        """The number typed, None when empty or not a number."""
        text = self.edit.text()
        if text == self._shown[0]:  # as shown: the value itself, not its reading
            return self._shown[1]
        return parse_number(text)

    def read(self, values: dict[str, Any], problems: dict[str, str]) -> None:
        if not self.edit.text().strip():
            return
        value = self.number()
        if value is None:
            problems[self._key] = f"must be a number, like {example(4.5)}"
        elif self._minimum is not None and value < self._minimum:
            problems[self._key] = f"must be {example(self._minimum)} or more"
        else:
            values[self._key] = value

    def show(self, item: dict[str, Any]) -> None:
        value = item.get(self._key)
        if value == self._default:
            value = None
        if self.number() == value and (value is not None or not self.edit.text().strip()):
            return
        text = "" if value is None else format_number(float(value), money=self._money)
        self._shown = (text, None if value is None else float(value))
        _show_text(self.edit, text)

    def is_blank(self) -> bool:
        return not self.edit.text().strip()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            == Qt.KeyboardModifier.NoModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            start = self.number()
            start = (self._default or 0.0) if start is None else start
            value = start + (self._step if event.key() == Qt.Key.Key_Up else -self._step)
            if self._minimum is not None:
                value = max(value, self._minimum)
            self.edit.setText(format_number(value, money=self._money))
            self.edited.emit(True)
            return True
        return super().eventFilter(watched, event)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    # Every date a review may hold (Qt's own range starts in 1752).
    edit.setDateRange(QDate(1, 1, 1), QDate(9999, 12, 31))
    return edit


def _picked(edit: QDateEdit, held: Any) -> date:
    """The day shown, as a date; a date-time held keeps its time while its day is kept."""
    qdate = edit.date()
    day = date(qdate.year(), qdate.month(), qdate.day())
    if isinstance(held, datetime):
        return held if held.date() == day else held.replace(day.year, day.month, day.day)
    return day


class DateCell(Cell):
    """A day that must be given; a new row shows today."""

    def __init__(self, key: str, name: str) -> None:
        self.edit = _date_edit()
        self.edit.setDate(QDate.currentDate())
        super().__init__(self.edit, {key: self.edit}, {key: name})
        self._key = key
        self._held: Any = None
        self.edit.dateChanged.connect(lambda _date: self.edited.emit(True))

    def read(self, values: dict[str, Any], problems: dict[str, str]) -> None:
        values[self._key] = _picked(self.edit, self._held)

    def show(self, item: dict[str, Any]) -> None:
        value = item.get(self._key)
        self._held = value
        if isinstance(value, date):
            with QSignalBlocker(self.edit):
                self.edit.setDate(_qdate(value))


class OptionalDateCell(Cell):
    """A day that may be unset: ticked, the day shown is the value; Today sets today's."""

    def __init__(self, key: str, name: str) -> None:
        self.box = QWidget()
        self.enabled = QCheckBox()
        self.edit = _date_edit()
        self.edit.setDate(QDate.currentDate())
        self.today = QToolButton()
        self.today.setText("Today")
        self.today.setToolTip(f"Set {name.lower()} to today")
        row = QHBoxLayout(self.box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        for widget in (self.enabled, self.edit, self.today):
            row.addWidget(widget)
        super().__init__(self.box, {key: self.box}, {key: name})
        self._key, self._name = key, name
        self._held: Any = None
        self.enabled.clicked.connect(self._ticked)
        self.edit.dateChanged.connect(lambda _date: self.edited.emit(True))
        self.today.clicked.connect(self._set_today)
        self._enable(False)

    def _enable(self, enabled: bool) -> None:
        self.edit.setEnabled(enabled)
        # Going to the cell lands on the day, or on the box that sets one when there is none.
        self.box.setFocusProxy(self.edit if enabled else self.enabled)

    def _ticked(self) -> None:
        self._enable(self.enabled.isChecked())
        self.edited.emit(False)

    def _set_today(self) -> None:
        self.enabled.setChecked(True)
        self._enable(True)
        with QSignalBlocker(self.edit):
            self.edit.setDate(QDate.currentDate())
        self.edited.emit(False)

    def read(self, values: dict[str, Any], problems: dict[str, str]) -> None:
        values[self._key] = _picked(self.edit, self._held) if self.enabled.isChecked() else None

    def show(self, item: dict[str, Any]) -> None:
        value = item.get(self._key)
        self._held = value
        with QSignalBlocker(self.edit), QSignalBlocker(self.enabled):
            self.enabled.setChecked(value is not None)
            if isinstance(value, date):
                self.edit.setDate(_qdate(value))
        self._enable(value is not None)

    def is_blank(self) -> bool:
        return not self.enabled.isChecked()

    def name_inputs(self, owner: str) -> None:
        name = f"{self._name} of {owner}"
        self.box.setAccessibleName(name)
        self.enabled.setAccessibleName(f"Set {name}")
        self.edit.setAccessibleName(name)
        self.today.setAccessibleName(f"{name}: today")


class CheckCell(Cell):
    def __init__(self, key: str, name: str, tip: str = "") -> None:
        self.box = QCheckBox(name)
        self.box.setToolTip(tip)
        super().__init__(self.box, {key: self.box}, {key: name})
        self._key = key
        self.box.clicked.connect(lambda _checked: self.edited.emit(False))

    def read(self, values: dict[str, Any], problems: dict[str, str]) -> None:
        values[self._key] = self.box.isChecked()

    def show(self, item: dict[str, Any]) -> None:
        with QSignalBlocker(self.box):
            self.box.setChecked(bool(item.get(self._key)))

    def is_blank(self) -> bool:
        return not self.box.isChecked()


class PriceCell(Cell):
    """An amount (0 or more, in the locale's format) and its currency. A currency offered
    for a new row (`preset`) is stored once a price is typed or the currency picked."""

    def __init__(self, placeholder: str = "") -> None:
        self.box = QWidget()
        self.amount = NumberCell("price", "Price", minimum=0, money=True, placeholder=placeholder)
        self.currency = CurrencyBox()
        row = QHBoxLayout(self.box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.amount.edit, 1)
        row.addWidget(self.currency)
        self.amount.edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        digits = self.amount.edit.fontMetrics().horizontalAdvance("0" * 9)
        self.amount.edit.setMinimumWidth(digits)  # 100,000.00 shows whole
        inputs: dict[str, QWidget] = {"price": self.amount.edit, "currency": self.currency}
        super().__init__(self.box, inputs, {"price": "Price", "currency": "Currency"})
        self._held: str | None = None
        self._picked = False
        self.amount.edited.connect(self.edited)
        self.currency.picked.connect(self._currency_picked)

    def _currency_picked(self) -> None:
        self._picked = True
        self.edited.emit(False)

    def preset(self, code: str | None) -> None:
        self.currency.show_currency(code)

    def read(self, values: dict[str, Any], problems: dict[str, str]) -> None:
        self.amount.read(values, problems)
        values.setdefault("price", None)
        given = self._picked or self._held is not None or not self.amount.is_blank()
        values["currency"] = self.currency.currency() if given else None

    def show(self, item: dict[str, Any]) -> None:
        self.amount.show(item)
        self._held = item.get("currency")
        self._picked = False
        if self._held is not None or item.get("price") is not None:
            self.currency.show_currency(self._held)

    def is_blank(self) -> bool:
        return self.amount.is_blank()
