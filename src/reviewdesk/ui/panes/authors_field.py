"""Authors as comma-separated names, and the home page of a sole author."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout

from reviewdesk.core import edits
from reviewdesk.core.edits import EditError
from reviewdesk.core.model import Author
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY, FieldBinding, hint_label


def _line(placeholder: str, accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(accessible_name)
    edit.setClearButtonEnabled(True)
    return edit


def _row(form: QFormLayout, text: str, edit: QLineEdit, hint: QLabel) -> None:
    label = QLabel(text)
    label.setBuddy(edit)
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(edit)
    column.addWidget(hint)
    form.addRow(label, column)


class AuthorsField(QObject):
    """A URL belongs to a name: it stays while the name is unchanged, so renaming one author
    leaves the others' URLs alone, and it comes back when a name is typed back (a typo
    fixed), as the URLs of every name seen in this review are remembered."""

    def __init__(self, document: ReviewDocument, parent: QObject) -> None:
        super().__init__(parent)  # its connections to the document end with `parent`
        self._document = document
        self._urls: dict[str, str | None] = {}
        self._typing = False
        self.names = _line("Names, separated by commas", "Authors")
        self.names.setProperty(FIELD_PROPERTY, "authors")
        self.names_hint = hint_label()
        self.url = _line("https://… (when there is one author)", "Author home page")
        self.url_hint = hint_label()
        document.changed.connect(self._remember_urls)  # first: the binding reads them
        self._remember_urls("")
        self._binding = FieldBinding(
            document,
            "authors",
            self.names,
            read=self._typed_authors,
            write=lambda authors: self.names.setText(", ".join(a.name for a in authors)),
            hint=self.names_hint,
        )
        self.names.textEdited.connect(self._names_edited)
        self.url.textEdited.connect(self._url_edited)
        document.changed.connect(self._refresh_url)
        self._refresh_url("")

    def add_rows(self, form: QFormLayout) -> None:
        _row(form, "&Authors", self.names, self.names_hint)
        _row(form, "Author &home page", self.url, self.url_hint)

    def _remember_urls(self, field: str) -> None:
        if field == "":
            self._urls.clear()  # another review, or a recovered one: its own authors
        if field in ("", "authors"):
            self._urls.update({author.name: author.url for author in self._document.review.authors})

    def _typed_authors(self) -> list[Author]:
        names = [part.strip() for part in self.names.text().split(",")]
        return [Author(name=name, url=self._urls.get(name)) for name in names if name]

    def _names_edited(self) -> None:
        self._typing = True
        try:
            self._binding.push()
        finally:
            self._typing = False

    def _url_edited(self, text: str) -> None:
        review = self._document.review
        if len(review.authors) != 1:
            return
        sole = {"name": review.authors[0].name, "url": text.strip() or None}
        try:
            authors = edits.replaced(review, "authors", [sole]).authors
        except EditError as error:
            self._say_url(str(error))
            return
        self._say_url("")
        self._typing = True
        try:
            self._document.set("authors", authors)
        finally:
            self._typing = False

    def _refresh_url(self, field: str) -> None:
        if field not in ("", "authors"):
            return
        authors = self._document.review.authors
        sole = authors[0] if len(authors) == 1 else None
        self.url.setEnabled(sole is not None)
        shown = (sole.url or "") if sole else ""
        if self.url.text().strip() == shown:
            return
        if self._typing and sole and self.url.property("invalid"):
            return  # the refused URL stays typed while the sole author's name is edited
        self.url.setText(shown)
        self._say_url("")

    def _say_url(self, message: str) -> None:
        self.url_hint.setText(message)
        self.url_hint.setVisible(bool(message))
        self.url.setProperty("invalid", bool(message))
        self.url.setToolTip(message)
