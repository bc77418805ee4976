"""The subject's type: named as a writer knows it, kept in the file by its schema.org name."""

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.subject_fields import SubjectFields


def fields(qtbot: QtBot, document: ReviewDocument) -> SubjectFields:
    widget = SubjectFields(document)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_edit(widget: SubjectFields) -> QLineEdit:
    edit = widget.type.lineEdit()
    assert edit is not None
    return edit


def retype(qtbot: QtBot, widget: SubjectFields, text: str) -> None:
    edit = type_edit(widget)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_the_type_is_named_as_a_writer_knows_it(qtbot: QtBot, sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    assert document.review.subject is not None
    assert document.review.subject.type == "SoftwareApplication"
    widget = fields(qtbot, document)
    assert widget.type.currentText() == "Software"
    offered = [widget.type.itemText(row) for row in range(widget.type.count())]
    assert "Software" in offered and "Video game" in offered
    assert not [name for name in offered if re.search("[a-z][A-Z]", name)]  # no SchemaNames
    qtbot.keyClick(widget.type, Qt.Key.Key_Down)  # the next in the list
    assert document.review.subject.type == "WebApplication"
    assert widget.type.currentText() == "Web app"


def test_a_name_typed_is_stored_by_its_schema_name(qtbot: QtBot, sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    widget = fields(qtbot, document)
    retype(qtbot, widget, "video game")
    assert document.review.subject is not None
    assert document.review.subject.type == "VideoGame"
    retype(qtbot, widget, "BoardGame")  # a schema.org type not in the list
    assert document.review.subject.type == "BoardGame"
    assert widget.type.currentText() == "BoardGame"
    retype(qtbot, widget, "Software")
    document.save()
    review_yaml = (sample_bundle / bundle.REVIEW_FILE).read_text(encoding="utf-8")
    assert "type: SoftwareApplication" in review_yaml
    assert "Software\n" not in review_yaml


def test_a_schema_name_in_the_file_shows_by_its_friendly_name(
    qtbot: QtBot, sample_bundle: Path
) -> None:
    document = ReviewDocument.open(sample_bundle)
    widget = fields(qtbot, document)
    document.set("subject.type", "MobileApplication")
    assert widget.type.currentText() == "Mobile app"
    document.set("subject.type", "Thing")  # not listed: shown as written
    assert widget.type.currentText() == "Thing"
    assert widget.type.currentIndex() == -1
