"""Metadata: title, deck, slug, status, dates, category, subject and rating."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core.edits import EditError
from reviewdesk.core.model import Rating, Status
from reviewdesk.core.slug import slugify
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FieldBinding, bind_line_edit, bind_text_edit, hint_label


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def line(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


class MetadataPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._bindings: list[FieldBinding] = []
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.title = line("What is reviewed, and the verdict in a few words")
        self._add_line(form, "&Title", "title", self.title)
        self.subtitle = QPlainTextEdit()
        self.subtitle.setPlaceholderText("One-paragraph deck shown under the title")
        self.subtitle.setTabChangesFocus(True)
        self.subtitle.setFixedHeight(self.subtitle.fontMetrics().lineSpacing() * 4 + 12)
        hint = hint_label()
        self._bindings.append(bind_text_edit(document, "subtitle", self.subtitle, hint))
        form.addRow(_label("&Deck", self.subtitle), self._column(self.subtitle, hint))

        self.slug = line("derived from the title when empty")
        derive = QPushButton("Derive from title")
        derive.clicked.connect(self._derive_slug)
        hint = hint_label()
        self._bindings.append(bind_line_edit(document, "slug", self.slug, hint, None))
        row = QHBoxLayout()
        row.addWidget(self.slug)
        row.addWidget(derive)
        slug_box = QVBoxLayout()
        slug_box.addLayout(row)
        slug_box.addWidget(hint)
        form.addRow(_label("S&lug", self.slug), slug_box)

        self.status = QComboBox()
        self.status.addItems([status.value for status in Status])
        self.status.currentTextChanged.connect(lambda text: self._set("status", Status(text)))
        form.addRow("&Status", self.status)

        self.published = _DateField(document, "published")
        form.addRow(_label("&Published", self.published.edit), self.published)
        self.updated = _DateField(document, "updated")
        form.addRow(_label("&Updated", self.updated.edit), self.updated)

        self.category = line("e.g. Laptops, Language models")
        self._add_line(form, "&Category", "category", self.category)
        self.subject_name = line("the product, software or model reviewed")
        self._add_line(form, "Su&bject", "subject.name", self.subject_name)
        self.subject_brand = line("who makes it")
        self._add_line(form, "&Brand", "subject.brand", self.subject_brand)

        self.rating = _RatingField(document)
        form.addRow("Rating", self.rating)
        document.changed.connect(self._refresh)
        self._refresh("")

    def _add_line(self, form: QFormLayout, label: str, path: str, edit: QLineEdit) -> None:
        hint = hint_label()
        self._bindings.append(bind_line_edit(self._document, path, edit, hint))
        form.addRow(_label(label, edit), self._column(edit, hint))

    @staticmethod
    def _column(*widgets: QWidget) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        for widget in widgets:
            box.addWidget(widget)
        return box

    def _set(self, path: str, value: object) -> None:
        try:
            self._document.set(path, value, merge=False)
        except EditError:
            self._refresh("")  # the widget cannot hold what the model refuses; show the model

    def _derive_slug(self) -> None:
        slug = slugify(self._document.review.title)
        self.slug.setText(slug)
        self._set("slug", slug or None)

    def _refresh(self, field: str) -> None:
        review = self._document.review
        if field in ("", "status") and self.status.currentText() != review.status.value:
            self.status.blockSignals(True)
            self.status.setCurrentText(review.status.value)
            self.status.blockSignals(False)


class _DateField(QWidget):
    """A date with a checkbox: a review may have no date yet. A date-time keeps its time
    and offset unless the day is changed."""

    def __init__(self, document: ReviewDocument, path: str) -> None:
        super().__init__()
        self._document, self._path = document, path
        self.enabled = QCheckBox()
        self.enabled.setAccessibleName(f"Set {path} date")
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMMM yyyy")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.edit)
        row.addStretch()
        self.enabled.toggled.connect(self._edited)
        self.edit.dateChanged.connect(self._edited)
        document.changed.connect(self._refresh)
        self._refresh("")

    def _edited(self) -> None:
        self.edit.setEnabled(self.enabled.isChecked())
        value: date | None = None
        if self.enabled.isChecked():
            qdate = self.edit.date()
            picked = date(qdate.year(), qdate.month(), qdate.day())
            current = self._document.value(self._path)
            if isinstance(current, datetime):
                value = current.replace(year=picked.year, month=picked.month, day=picked.day)
            else:
                value = picked
        try:
            self._document.set(self._path, value, merge=False)
        except EditError:
            self._refresh("")

    def _refresh(self, field: str) -> None:
        if field not in ("", self._path):
            return
        value = self._document.value(self._path)
        for widget in (self.enabled, self.edit):
            widget.blockSignals(True)
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        shown = QDate(value.year, value.month, value.day) if value else QDate.currentDate()
        self.edit.setDate(shown)
        for widget in (self.enabled, self.edit):
            widget.blockSignals(False)


class _RatingField(QWidget):
    """A rating on the review's own scale, or none."""

    def __init__(self, document: ReviewDocument) -> None:
        super().__init__()
        self._document = document
        self.enabled = QCheckBox("&Rated")
        self.value = QDoubleSpinBox()
        self.value.setSingleStep(0.5)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.value)
        row.addStretch()
        self.enabled.toggled.connect(self._edited)
        self.value.valueChanged.connect(self._edited)
        document.changed.connect(self._refresh)
        self._refresh("")

    def _edited(self) -> None:
        rating = None
        if self.enabled.isChecked():
            current = self._document.review.rating
            best, worst = (current.best, current.worst) if current else (5.0, 1.0)
            value = min(max(self.value.value(), worst), best)
            rating = Rating(value=value, best=best, worst=worst)
        self._document.set("rating", rating, merge=False)
        self._refresh("rating")

    def _refresh(self, field: str) -> None:
        if field not in ("", "rating"):
            return
        rating = self._document.review.rating
        blockers = [QSignalBlocker(self.enabled), QSignalBlocker(self.value)]
        self.enabled.setChecked(rating is not None)
        self.value.setEnabled(rating is not None)
        scale = rating or Rating(value=1.0)
        self.value.setRange(scale.worst, scale.best)
        self.value.setSuffix(f" / {scale.best:g}")
        self.value.setValue(scale.value)
        del blockers
