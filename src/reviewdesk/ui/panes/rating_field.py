"""The rating: whether the review rates at all, the value, and the scale it is on."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
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

BEST_CHOICES = (5.0, 10.0, 100.0)
WORST_CHOICES = (0.0, 1.0)


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


class RatingField(QWidget):
    """A rating on the review's own scale, or none. Changing the scale keeps the value on it."""

    def __init__(self, document: ReviewDocument) -> None:
        super().__init__()
        self._document = document
        self.enabled = QCheckBox("&Rated")
        self.value = QDoubleSpinBox()
        self.value.setProperty(FIELD_PROPERTY, "rating")
        self.value.setAccessibleName("Rating value")
        self.best = _scale_box("Best rating")
        self.worst = _scale_box("Worst rating")
        self.hint = hint_label()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._lay_out()
        self.enabled.toggled.connect(self._edited)
        self.value.valueChanged.connect(self._edited)
        self.best.currentIndexChanged.connect(self._edited)
        self.worst.currentIndexChanged.connect(self._edited)
        document.changed.connect(self._refresh)
        self._refresh("")

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.value)
        for text, box in (("&out of", self.best), ("&from", self.worst)):
            label = QLabel(text)
            label.setBuddy(box)
            row.addWidget(label)
            row.addWidget(box)
        row.addStretch()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.hint)

    def _edited(self) -> None:
        try:
            rating = self._typed()
        except EditError as error:  # a hand-written scale met a chosen one: best <= worst
            self._refresh("rating")
            self._say(str(error))
            return
        self._document.set("rating", rating, merge=False)
        self._refresh("rating")  # the value may have been pulled onto the scale

    def _typed(self) -> Rating | None:
        """The rating the widgets show, its value kept on the scale. Raises EditError."""
        if not self.enabled.isChecked():
            return None
        best, worst = float(self.best.currentData()), float(self.worst.currentData())
        value = min(max(self.value.value(), worst), best)
        rating = {"value": value, "best": best, "worst": worst}
        return edits.replaced(self._document.review, "rating", rating).rating

    def _refresh(self, field: str) -> None:
        if field not in ("", "rating"):
            return
        rating = self._document.review.rating
        scale = rating or Rating(value=1.0)  # the model's default scale, shown while unrated
        # Setting the range, the step or the value the box shows rewrites its text, undoing the
        # typing under way: "4" became "4.00", and the ".5" typed next went nowhere.
        with QSignalBlocker(self.value):
            if (self.value.minimum(), self.value.maximum()) != (scale.worst, scale.best):
                self.value.setRange(scale.worst, scale.best)
            step = 0.5 if scale.best <= 10 else 1.0
            if self.value.singleStep() != step:
                self.value.setSingleStep(step)
            if self.value.value() != scale.value:
                self.value.setValue(scale.value)
        _show_choices(self.best, BEST_CHOICES, scale.best)
        _show_choices(self.worst, WORST_CHOICES, scale.worst)
        with QSignalBlocker(self.enabled):
            self.enabled.setChecked(rating is not None)
        for widget in (self.value, self.best, self.worst):
            widget.setEnabled(rating is not None)
        self._say("")

    def _say(self, message: str) -> None:
        self.hint.setText(message)
        self.hint.setVisible(bool(message))
