"""The rating: whether the review rates at all, the value, and the scale it is on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, QSize, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core import edits
from reviewdesk.core.edits import EditError
from reviewdesk.core.model import Rating
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY, hint_label
from reviewdesk.ui.widgets.locale_number import format_number

BEST_CHOICES = (5.0, 10.0, 100.0)
WORST_CHOICES = (0.0, 1.0)
DEFAULT_SCALE = Rating(value=1.0)  # the model's default best and worst, offered while unrated


def _scale_box(accessible_name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(accessible_name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


def _show_choices(box: QComboBox, choices: tuple[float, ...], current: float) -> None:
    """Offer `choices` plus `current` (a hand-written file may use any scale), `current` chosen."""
    offered = sorted({*choices, current})
    with QSignalBlocker(box):
        # Rebuilt only when the list changes: this runs in the box's own signal as well.
        if [box.itemData(index) for index in range(box.count())] != offered:
            box.clear()
            for choice in offered:
                box.addItem(f"{choice:g}", choice)
        box.setCurrentIndex(box.findData(current))


class RatingBox(QDoubleSpinBox):
    """The value as the page shows it ("4.5", "4.0", not "4.50"), and empty until one is
    given: an empty box stays empty when it loses focus, where a spin box would put back its
    last value (the one-star verdict a freshly ticked "Rated" showed)."""

    edited = Signal()  # typed or stepped by the writer, even to the value it already held

    def __init__(self) -> None:
        super().__init__()
        self._empty = True
        self.setDecimals(2)
        line_edit = self.lineEdit()
        assert line_edit is not None  # a spin box has one
        self._line_edit = line_edit
        self.valueChanged.connect(self.edited)
        # After the box has read the text (it connected first): a value typed equal to the one
        # held while empty changes no value, and is a value given all the same.
        line_edit.textChanged.connect(self._text_changed)

    def _text_changed(self, text: str) -> None:
        if text.strip():
            self._empty = False
        self.edited.emit()

    def is_empty(self) -> bool:
        return not self._line_edit.text().strip()

    def show_value(self, value: float | None) -> None:
        """Show `value`, or nothing. The text is left alone when it already says `value`:
        rewriting it would undo the typing under way ("4" would become "4.00")."""
        if value is None:
            self._empty = True
            super().setValue(self.minimum())  # writes the empty text
        elif self.is_empty() or self.value() != value:
            self.setValue(value)

    def setValue(self, value: float) -> None:  # noqa: N802 (Qt's API)
        self._empty = False
        super().setValue(value)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's API)
        if self._empty:
            return ""
        text = super().textFromValue(value)  # "4.50", "4.00"
        point = self.locale().decimalPoint()
        if point not in text:
            return text
        text = text.rstrip("0")
        return f"{text}0" if text.endswith(point) else text  # as the page shows it: "4.0"

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not text.strip():  # emptied: kept as it is, and nothing is stored
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt's API)
        return self.value() if not text.strip() else super().valueFromText(text)

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt's API)
        self._empty = False
        super().stepBy(steps)
        self.edited.emit()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        return self._sized(super().sizeHint)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        return self._sized(super().minimumSizeHint)

    def _sized(self, hint: Callable[[], QSize]) -> QSize:
        """Qt sizes the box by the text of its limits ("5"), which must not be empty, plus
        room for the decimals a value may have ("4.75")."""
        empty, self._empty = self._empty, False
        try:
            size = hint()
        finally:
            self._empty = empty
        point = self.locale().decimalPoint()
        size.setWidth(size.width() + self.fontMetrics().horizontalAdvance(f"{point}00"))
        return size

    def set_placeholder(self, text: str) -> None:
        self._line_edit.setPlaceholderText(text)


class RatingField(QWidget):
    """A rating on the review's own scale, or none. Ticking "Rated" stores nothing until a
    value is typed; changing the scale keeps the value on it."""

    def __init__(self, document: ReviewDocument) -> None:
        super().__init__()
        self._document = document
        self.enabled = QCheckBox("&Rated")
        self.value = RatingBox()
        self.value.setProperty(FIELD_PROPERTY, "rating")
        self.value.setAccessibleName("Rating value")
        self.best = _scale_box("Best rating")
        self.worst = _scale_box("Worst rating")
        self.hint = hint_label()
        # Unrated, the page shows the scores' weighted mean as the rating: said here too.
        self.from_scores = QLabel()
        self.from_scores.setAccessibleName("Rating from the scores")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._lay_out()
        self.enabled.toggled.connect(self._ticked)
        self.value.edited.connect(lambda: self._edited(merge=True))  # typing is one step
        self.best.currentIndexChanged.connect(lambda: self._edited(merge=False))
        self.worst.currentIndexChanged.connect(lambda: self._edited(merge=False))
        document.changed.connect(self._refresh)
        self._refresh("")

    def _lay_out(self) -> None:
        # Reads as the page shows it: "Rated 4.5 / 5", then the low end of the scale.
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.value)
        for text, box in (("/", self.best), ("l&owest", self.worst)):
            label = QLabel(text)
            label.setBuddy(box)
            if box is self.worst:
                row.addSpacing(label.fontMetrics().horizontalAdvance("  "))  # apart from "/ 5"
            row.addWidget(label)
            row.addWidget(box)
        row.addSpacing(self.fontMetrics().horizontalAdvance("  "))
        row.addWidget(self.from_scores)
        row.addStretch()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.hint)

    def _ticked(self, rated: bool) -> None:
        if rated and self._document.review.rating is None:
            self._enable(True)  # the value is asked for; no verdict is given before it
            self.value.setFocus()
            return
        self._edited(merge=False)

    def _edited(self, *, merge: bool) -> None:
        try:
            rating = self._typed()
        except EditError as error:  # a hand-written scale met a chosen one: best <= worst
            self._refresh("rating")
            self._say(str(error))
            return
        if rating is None and self.enabled.isChecked():  # rated, but no value typed yet
            self._show_scale(self._chosen_scale())
            return
        self._document.set("rating", rating, merge=merge)
        self._refresh("rating")  # the value may have been pulled onto the scale

    def _chosen_scale(self) -> tuple[float, float]:
        return float(self.best.currentData()), float(self.worst.currentData())

    def _typed(self) -> Rating | None:
        """The rating the widgets show, its value kept on the scale; None when unrated or
        when no value has been typed yet. Raises EditError."""
        current = self._document.review.rating
        if not self.enabled.isChecked() or (self.value.is_empty() and current is None):
            return None
        best, worst = self._chosen_scale()
        typed = current.value if self.value.is_empty() and current else self.value.value()
        rating = {"value": min(max(typed, worst), best), "best": best, "worst": worst}
        return edits.replaced(self._document.review, "rating", rating).rating

    def _refresh(self, field: str) -> None:
        if field in ("", "rating", "scores"):
            self._show_from_scores()
        if field not in ("", "rating"):
            return
        rating = self._document.review.rating
        scale = rating or DEFAULT_SCALE
        self._show_scale((scale.best, scale.worst))
        with QSignalBlocker(self.value):
            self.value.show_value(rating.value if rating else None)
        with QSignalBlocker(self.enabled):
            self.enabled.setChecked(rating is not None)
        self._enable(rating is not None)
        self._say("")

    def _show_scale(self, scale: tuple[float, float]) -> None:
        best, worst = scale
        _show_choices(self.best, BEST_CHOICES, best)
        _show_choices(self.worst, WORST_CHOICES, worst)
        # Setting the range or the step rewrites the box's text, undoing the typing under way:
        # they are set only when they change.
        with QSignalBlocker(self.value):
            if (self.value.minimum(), self.value.maximum()) != (worst, best):
                self.value.setRange(worst, best)
            step = 0.5 if best <= 10 else 1.0
            if self.value.singleStep() != step:
                self.value.setSingleStep(step)
        self.value.set_placeholder(f"{worst:g}\N{EN DASH}{best:g}")

    def _show_from_scores(self) -> None:
        review = self._document.review
        computed = review.overall_rating if review.rating_from_scores else None
        text = ""
        if computed is not None:
            value, best = format_number(computed.value), format_number(computed.best)
            text = f"{value} / {best} from the scores"
        self.from_scores.setText(text)
        self.from_scores.setVisible(bool(text))

    def _enable(self, rated: bool) -> None:
        for widget in (self.value, self.best, self.worst):
            widget.setEnabled(rated)

    def _say(self, message: str) -> None:
        self.hint.setText(message)
        self.hint.setVisible(bool(message))
