"""The review's language, a BCP 47 tag (en, en-GB, de), completed from the common ones: it
sets the page's lang, its dates and its quotes."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from reviewdesk.core.edits import EditError
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY, hint_label
from reviewdesk.ui.language_names import DEFAULT, UNKNOWN, language_name

OFFERED = (
    "en", "en-GB", "en-US", "en-AU", "en-CA", "de", "de-AT", "de-CH", "fr", "fr-CA", "es",
    "es-MX", "it", "nl", "pt", "pt-BR", "sv", "da", "nb", "fi", "pl", "cs", "hu", "ro", "el",
    "tr", "ru", "uk", "ja", "ko", "zh", "zh-TW", "ar", "he", "hi", "id",
)  # fmt: skip
NOT_A_TAG = "Type a language tag such as en, en-GB, de or pt-BR"
_TAG = Qt.ItemDataRole.UserRole
_SHAPE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")  # the model's; said in plain words


def _offered(parent: QObject) -> QStandardItemModel:
    model = QStandardItemModel(parent)
    for tag in OFFERED:
        item = QStandardItem(f"{tag}  {language_name(tag)}")
        item.setData(tag, _TAG)
        model.appendRow(item)
    return model


class LanguageField(QWidget):
    """Empty stands for the default, en. A tag that is not one stays typed and is named in
    the hint while the review keeps the last one given."""

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._refused = ""
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(f"{DEFAULT} ({language_name(DEFAULT)})")
        self.edit.setToolTip("The page's language: its lang, dates and quotes")
        self.edit.setProperty(FIELD_PROPERTY, "language")
        completer = QCompleter(self.edit)
        completer.setModel(_offered(completer))
        completer.setCompletionRole(_TAG)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setModelSorting(QCompleter.ModelSorting.UnsortedModel)
        completer.activated.connect(lambda _text: self._edited())
        self.edit.setCompleter(completer)
        # A tag is short; its language's name beside it says what it means.
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("x" * 16))
        self.name = QLabel()
        self.name.setAccessibleName("Language name")
        self.hint = hint_label()
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.name, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.hint)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._edited)
        document.changed.connect(self._refresh)
        document.checks.checked.connect(self._show)
        self._refresh("")

    def _typed(self) -> str:
        return self.edit.text().strip() or DEFAULT

    def _edited(self) -> None:
        tag = self._typed()
        self._refused = "" if _SHAPE.match(tag) else NOT_A_TAG
        if not self._refused:
            try:
                self._document.set("language", tag)
            except EditError as error:
                self._refused = str(error)
        self._show()

    def _refresh(self, field: str) -> None:
        if field not in ("", "language"):
            return
        value = self._document.review.language
        if value != self._typed():
            self.edit.setText("" if value == DEFAULT and not self.edit.text() else value)
            self._refused = ""
        self._show()

    def _show(self) -> None:
        checked = self._document.checks.for_field("language")
        message = self._refused or (checked[0].message if checked else "")
        self.hint.setText(message)
        self.hint.setVisible(bool(message))
        self.edit.setProperty("invalid", bool(self._refused))
        name = language_name(self._document.review.language) or UNKNOWN
        self.name.setText("" if self._refused else name)
