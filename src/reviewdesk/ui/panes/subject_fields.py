"""The subject, what is reviewed (schema.org itemReviewed): name, type, brand, URL, version.

The fields are edited together rather than bound one by one: a subject needs a name, so a
brand typed before the name has to wait in its field, and a refused URL must stay typed
while the other fields are edited."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core import edits
from reviewdesk.core.edits import EditError
from reviewdesk.core.model import Review, Subject
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY, hint_label

# Common schema.org types of an itemReviewed, each with the name a writer knows it by; the
# schema name is what the file and the exports keep. Any other type name may be typed.
SUBJECT_TYPES = {
    "Product": "Product",
    "SoftwareApplication": "Software",
    "WebApplication": "Web app",
    "MobileApplication": "Mobile app",
    "VideoGame": "Video game",
    "Book": "Book",
    "Movie": "Movie",
    "Course": "Course",
    "Service": "Service",
    "Organization": "Organization",
    "CreativeWork": "Creative work",
}
DEFAULT_TYPE = "Product"  # the model's default, stored for an empty type
FIELDS = ("name", "type", "brand", "url", "version")
LABELS = {  # the label with its mnemonic, and the name a screen reader gives
    "name": ("Na&me", "Subject name"),
    "type": ("T&ype", "Subject type"),
    "brand": ("&Brand", "Subject brand"),
    "url": ("&Web page", "Subject URL"),
    "version": ("Versio&n", "Subject version"),
}
# Without a name, these make no subject; the type alone does not count.
CONTENT_FIELDS = ("name", "brand", "url", "version")
TYPE_RULE = (
    "pick a type from the list, or type a schema.org type: a capital letter, then letters"
    " only, like BoardGame"
)
NAME_FIRST = "Name what is reviewed: its type, brand, URL and version are kept once it has a name"
NAME_NEEDED = "Name what is reviewed, or clear every subject field to remove the subject"
STAND_IN_NAME = "?"  # lets the other fields be checked before the name is typed


def schema_type(shown: str) -> str:
    """The schema.org type for what the type box shows: a listed type's own name, in any
    case, or the text as typed."""
    text = shown.strip()
    friendly = {name.casefold(): schema for schema, name in SUBJECT_TYPES.items()}
    return friendly.get(text.casefold(), text) or DEFAULT_TYPE


def _type_box() -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    for schema, name in SUBJECT_TYPES.items():
        box.addItem(name, schema)
        box.setItemData(box.count() - 1, f"schema.org {schema}", Qt.ItemDataRole.ToolTipRole)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # a typed type is not offered later
    line_edit = box.lineEdit()
    assert line_edit is not None  # an editable combo box has one
    line_edit.setPlaceholderText(DEFAULT_TYPE)
    return box


def _line(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


class SubjectFields(QGroupBox):
    def __init__(self, document: ReviewDocument) -> None:
        super().__init__("Subject")
        self._document = document
        self._pushing = False
        self.name = _line("the product, software or model reviewed")
        self.type = _type_box()
        self.brand = _line("who makes it")
        self.url = _line("https://… its official page")
        self.version = _line("e.g. 3.0, 2026 edition")
        self._lines = {
            "name": self.name,
            "brand": self.brand,
            "url": self.url,
            "version": self.version,
        }
        self._widgets: dict[str, QWidget] = {**self._lines, "type": self.type}
        self.hints = {key: hint_label() for key in FIELDS}
        self._lay_out()
        for edit in self._lines.values():
            edit.textEdited.connect(self._edited)
        self.type.currentTextChanged.connect(self._edited)
        document.changed.connect(self._refresh)
        self._refresh("")

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in FIELDS:
            text, accessible_name = LABELS[key]
            label = QLabel(text)
            label.setBuddy(self._widgets[key])
            self._widgets[key].setAccessibleName(accessible_name)
            self._widgets[key].setProperty(FIELD_PROPERTY, f"subject.{key}")
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(self._widgets[key])
            column.addWidget(self.hints[key])
            form.addRow(label, column)

    def _typed(self) -> dict[str, str | None]:
        name = self.name.text()
        return {
            "name": name if name.strip() else "",
            "type": schema_type(self.type.currentText()),
            "brand": self.brand.text(),
            "url": self.url.text().strip() or None,
            "version": self.version.text(),
        }

    def _edited(self) -> None:
        subject, problems = self._checked(self._typed())
        for key in FIELDS:
            self._say(key, problems.get(key, ""))
        self._pushing = True  # the fields show what was typed, refused parts included
        try:
            self._store(subject)
        finally:
            self._pushing = False

    def _checked(self, typed: dict[str, str | None]) -> tuple[Subject | None, dict[str, str]]:
        """The subject the fields describe, each refused field keeping its stored value, and
        why each refused field is refused."""
        current = self._document.review.subject
        if not any(typed[key] for key in CONTENT_FIELDS):
            return None, {}
        problems: dict[str, str] = {}
        review = self._document.review
        if typed["name"]:
            review = edits.replaced(review, "subject.name", typed["name"])
        else:
            problems["name"] = NAME_NEEDED if current else NAME_FIRST
            review = _with_a_name(review)
        for key in FIELDS[1:]:
            try:
                review = edits.replaced(review, f"subject.{key}", typed[key])
            except EditError as error:
                problems[key] = TYPE_RULE if key == "type" else str(error)
        if current is None and "name" in problems:
            return None, problems
        return review.subject, problems

    def _store(self, subject: Subject | None) -> None:
        """One field changed is an edit of that field, merged while typing; more is one step."""
        current = self._document.review.subject
        if subject == current:
            return
        changed = [
            key
            for key in FIELDS
            if current and subject and getattr(current, key) != getattr(subject, key)
        ]
        if len(changed) == 1:  # the type is chosen, not typed: its inline completion
            key = changed[0]  # changes it two or three times a key
            self._document.set(f"subject.{key}", getattr(subject, key), whole=key == "type")
        else:
            self._document.set("subject", subject, merge=False)

    def _refresh(self, field: str) -> None:
        if self._pushing or field not in ("", "subject"):
            return
        subject = self._document.review.subject
        shown = subject.model_dump() if subject else dict.fromkeys(FIELDS, "")
        for key, edit in self._lines.items():
            if edit.text() != (shown[key] or ""):  # setText would move the cursor
                edit.setText(shown[key] or "")
        with QSignalBlocker(self.type):  # a listed type is chosen, so arrow keys go on from it
            listed = self.type.findData(shown["type"])
            self.type.setCurrentIndex(listed)
            self.type.setEditText(self.type.itemText(listed) if listed >= 0 else shown["type"])
        for key in FIELDS:
            self._say(key, "")

    def _say(self, key: str, message: str) -> None:
        hint, widget = self.hints[key], self._widgets[key]
        hint.setText(message)
        hint.setVisible(bool(message))
        widget.setProperty("invalid", bool(message))
        widget.setToolTip(message)


def _with_a_name(review: Review) -> Review:
    """`review` with a subject to check the other fields against: its own, or a stand-in."""
    if review.subject is not None:
        return review
    return edits.replaced(review, "subject.name", STAND_IN_NAME)
