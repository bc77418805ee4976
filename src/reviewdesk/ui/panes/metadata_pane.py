"""Metadata: title, deck, slug, language, status, dates, category, badges, authors, subject
and rating."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
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
from reviewdesk.core.limits import BADGES, NAME_CHARS
from reviewdesk.core.model import Status
from reviewdesk.core.slug import slugify
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import (
    FIELD_PROPERTY,
    FieldBinding,
    bind_line_edit,
    bind_text_edit,
    hint_label,
)
from reviewdesk.ui.panes.authors_field import AuthorsField
from reviewdesk.ui.panes.language_field import LanguageField
from reviewdesk.ui.panes.rating_field import RatingField
from reviewdesk.ui.panes.subject_fields import SubjectFields
from reviewdesk.ui.widgets.tag_chips import TagChips


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
        form.addRow(_label("Dec&k", self.subtitle), self._column(self.subtitle, hint))
        self.slug = line("derived from the title when empty")
        self._add_slug(form)
        self.language = LanguageField(document)
        form.addRow(_label("Lan&guage", self.language.edit), self.language)

        self.status = QComboBox()
        self.status.addItems([status.value for status in Status])
        self.status.currentTextChanged.connect(lambda text: self._set("status", Status(text)))
        self.status.setProperty(FIELD_PROPERTY, "status")
        form.addRow("&Status", self.status)

        self.published = _DateField(document, "published")
        form.addRow(_label("Publ&ished", self.published.edit), self.published)
        self.updated = _DateField(document, "updated")
        form.addRow(_label("&Updated", self.updated.edit), self.updated)

        self.category = line("e.g. Laptops, Language models")
        self._add_line(form, "&Category", "category", self.category)
        self.badges = TagChips(noun="badge", prefix="", max_items=BADGES, max_length=NAME_CHARS)
        self.badges.tags_edited.connect(lambda badges: self._set("badges", badges))
        self.badges.setProperty(FIELD_PROPERTY, "badges")
        form.addRow(_label("Ba&dges", self.badges.edit), self.badges)
        self.authors = AuthorsField(document)
        form.addRow(self.authors.label, self.authors)

        self.subject = SubjectFields(document)
        self.subject_name, self.subject_brand = self.subject.name, self.subject.brand
        form.addRow(self.subject)
        self.rating = RatingField(document)
        form.addRow("Rating", self.rating)
        document.changed.connect(self._refresh)
        self._refresh("")

    def _add_slug(self, form: QFormLayout) -> None:
        derive = QPushButton("Derive from title")
        derive.clicked.connect(self._derive_slug)
        hint = hint_label()
        self._bindings.append(bind_line_edit(self._document, "slug", self.slug, hint, None))
        row = QHBoxLayout()
        row.addWidget(self.slug)
        row.addWidget(derive)
        slug_box = QVBoxLayout()
        slug_box.addLayout(row)
        slug_box.addWidget(hint)
        form.addRow(_label("S&lug", self.slug), slug_box)

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
        if field in ("", "badges"):
            self.badges.set_tags(list(review.badges))
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
        self.setProperty(FIELD_PROPERTY, path)
        self.enabled = QCheckBox()
        self.enabled.setAccessibleName(f"Set {path} date")
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMMM yyyy")
        # Every date a review may hold; Qt's own range starts in 1752, and a date before it
        # would be shown, and saved on the next change of day, as 14 September 1752.
        self.edit.setDateRange(QDate(1, 1, 1), QDate(9999, 12, 31))
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

    def _show_enabled(self, enabled: bool) -> None:
        # Going to the field lands on the date, or on the box that sets one when there is none.
        self.edit.setEnabled(enabled)
        self.setFocusProxy(self.edit if enabled else self.enabled)

    def _edited(self) -> None:
        self._show_enabled(self.enabled.isChecked())
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
        self._show_enabled(value is not None)
        shown = QDate(value.year, value.month, value.day) if value else QDate.currentDate()
        self.edit.setDate(shown)
        for widget in (self.enabled, self.edit):
            widget.blockSignals(False)
