from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reviewdesk.core.model import Rating, Status
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.metadata_pane import MetadataPane
from reviewdesk.ui.widgets.tag_chips import TagChip
from tests.conftest import MakeBundle


def pane(qtbot: QtBot, document: ReviewDocument) -> MetadataPane:
    widget = MetadataPane(document)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_typing_the_title_edits_the_model_a_word_an_undo_step(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    widget = pane(qtbot, document)
    widget.title.selectAll()
    qtbot.keyClicks(widget.title, "A new title")
    assert document.review.title == "A new title"
    assert document.undo_stack.count() == 3  # a step a word, as typed
    document.undo_stack.undo()
    assert widget.title.text() == "A new"  # as the model keeps it: no trailing space
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert widget.title.text() == "Wrenfall 3 Mini Review: A Small Model Worth Keeping Local"


def test_an_invalid_slug_is_named_and_refused(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    widget.slug.clear()
    qtbot.keyClicks(widget.slug, "Bad Slug")
    assert document.review.slug == "wrenfall-3-mini-review"  # the last valid value
    assert widget.slug.property("invalid") is True
    assert "lower-case" in widget.slug.toolTip()
    widget.slug.clear()
    qtbot.keyClick(widget.slug, Qt.Key.Key_Space)
    qtbot.keyClick(widget.slug, Qt.Key.Key_Backspace)
    assert document.review.slug is None
    assert widget.slug.property("invalid") is False


def test_derive_slug_from_title(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    widget.title.setText("Über Café")
    widget.title.textEdited.emit("Über Café")
    derive = next(b for b in widget.findChildren(QPushButton) if b.text() == "Derive from title")
    qtbot.mouseClick(derive, Qt.MouseButton.LeftButton)
    assert (widget.slug.text(), document.review.slug) == ("uber-cafe", "uber-cafe")


def test_status_rating_and_dates(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    widget.status.setCurrentText("published")
    assert document.review.status is Status.PUBLISHED
    widget.rating.enabled.click()
    assert document.review.rating is None
    widget.rating.enabled.click()
    widget.rating.value.setValue(3.5)
    assert document.review.rating is not None and document.review.rating.value == 3.5
    widget.published.enabled.click()
    assert document.review.published is None
    widget.published.enabled.click()
    assert isinstance(document.review.published, date)
    updated_before = document.review.updated
    widget.updated.edit.setDate(widget.updated.edit.date().addDays(1))
    assert document.review.updated is not None and updated_before is not None
    assert document.review.updated.utcoffset() == updated_before.utcoffset()  # time kept


def select_all(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def clear_and_type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    select_all(qtbot, edit)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def type_edit(widget: MetadataPane) -> QLineEdit:
    edit = widget.subject.type.lineEdit()
    assert edit is not None
    return edit


def test_badges_are_chips_without_a_hash(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    assert widget.badges.tags() == ["NEW", "HANDS-ON"]
    qtbot.keyClicks(widget.badges.edit, "Editor's choice")
    qtbot.keyClick(widget.badges.edit, Qt.Key.Key_Return)
    assert document.review.badges == ["NEW", "HANDS-ON", "Editor's choice"]
    labels = [chip.label.text() for chip in widget.badges.findChildren(TagChip)]
    assert "Editor's choice" in labels
    assert not any(label.startswith("#") for label in labels)
    assert widget.badges.edit.accessibleName() == "Add a badge"
    qtbot.keyClick(widget.badges.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(widget.badges.edit, Qt.Key.Key_Backspace)
    assert document.review.badges == ["NEW"]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert widget.badges.tags() == ["NEW", "HANDS-ON", "Editor's choice"]


def test_subject_type_url_and_version_edit_the_model(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    widget = pane(qtbot, document)
    assert widget.subject.type.currentText() == "Software"
    clear_and_type(qtbot, type_edit(widget), "VideoGame")
    clear_and_type(qtbot, widget.subject.url, "https://example.org/game")
    clear_and_type(qtbot, widget.subject.version, "3.1")
    subject = document.review.subject
    assert subject is not None
    assert (subject.type, subject.url, subject.version) == (
        "VideoGame",
        "https://example.org/game",
        "3.1",
    )
    assert subject.name == "Wrenfall 3 Mini"
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert widget.subject.type.currentText() == "Software"
    assert widget.subject.url.text() == "https://example.org/halden-bay/wrenfall-3-mini"
    assert widget.subject.version.text() == "3.0"


def test_a_type_can_be_picked_from_the_list(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    qtbot.keyClick(widget.subject.type, Qt.Key.Key_Down)  # after Software
    assert document.review.subject is not None
    assert document.review.subject.type == "WebApplication"


def test_an_invalid_type_is_named_and_kept(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    clear_and_type(qtbot, type_edit(widget), "Board game")
    assert widget.subject.type.currentText() == "Board game"
    assert "schema.org type" in widget.subject.hints["type"].text()
    assert document.review.subject is not None
    assert document.review.subject.type == "Board"  # the last valid type


def test_an_invalid_subject_url_is_named_and_kept(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    clear_and_type(qtbot, widget.subject.url, "example.org/wrenfall")
    hint = widget.subject.hints["url"]
    assert hint.isVisibleTo(widget)
    assert hint.text() == "must be an http:// or https:// URL"
    assert widget.subject.url.property("invalid") is True
    assert document.review.subject is not None
    assert document.review.subject.url is None  # emptied on the way, "e..." refused
    qtbot.keyClicks(widget.subject.version, "-beta")  # another field: the URL stays typed
    assert document.review.subject.version == "3.0-beta"
    assert widget.subject.url.text() == "example.org/wrenfall"
    assert hint.isVisibleTo(widget)
    document.undo_stack.undo()  # the version
    document.undo_stack.undo()  # the URL emptied
    assert widget.subject.url.text() == "https://example.org/halden-bay/wrenfall-3-mini"
    assert not hint.isVisibleTo(widget)


def test_a_brand_before_a_name_waits_for_the_name(qtbot: QtBot, make_bundle: MakeBundle) -> None:
    document = ReviewDocument.open(make_bundle())
    widget = pane(qtbot, document)
    qtbot.keyClicks(widget.subject.brand, "Acme")
    name_hint = widget.subject.hints["name"]
    assert document.review.subject is None
    assert widget.subject.brand.text() == "Acme"
    assert name_hint.isVisibleTo(widget)
    assert name_hint.text().startswith("Name what is reviewed")
    clear_and_type(qtbot, type_edit(widget), "Book")
    qtbot.keyClicks(widget.subject.name, "Gizmo")
    subject = document.review.subject
    assert subject is not None
    assert (subject.name, subject.brand, subject.type) == ("Gizmo", "Acme", "Book")
    assert not name_hint.isVisibleTo(widget)
    document.undo_stack.undo()  # "Izmo" typed into the name
    document.undo_stack.undo()  # the subject made with "G"
    assert document.review.subject is None
    assert (widget.subject.name.text(), widget.subject.brand.text()) == ("", "")


def test_clearing_every_subject_field_removes_the_subject(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    widget = pane(qtbot, document)
    for edit in (widget.subject.brand, widget.subject.url, widget.subject.version):
        clear_and_type(qtbot, edit, "")
    clear_and_type(qtbot, widget.subject.name, "")
    assert document.review.subject is None
    assert not widget.subject.hints["name"].isVisibleTo(widget)


def test_clearing_only_the_name_keeps_it_and_says_why(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    widget = pane(qtbot, document)
    clear_and_type(qtbot, widget.subject.name, "")
    assert document.review.subject is not None
    assert document.review.subject.name == "Wrenfall 3 Mini"
    assert "clear every subject field" in widget.subject.hints["name"].text()


def test_the_rating_scale_keeps_the_value_on_it(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    rating = widget.rating
    assert (rating.best.currentText(), rating.worst.currentText()) == ("5", "1")
    qtbot.keyClick(rating.best, Qt.Key.Key_Down)  # 5 -> 10
    assert document.review.rating == Rating(value=4.0, best=10.0, worst=1.0)
    select_all(qtbot, rating.value)
    qtbot.keyClicks(rating.value, "9")
    assert document.review.rating == Rating(value=9.0, best=10.0, worst=1.0)
    qtbot.keyClick(rating.best, Qt.Key.Key_Up)  # 10 -> 5: 9 is off the scale
    assert document.review.rating == Rating(value=5.0, best=5.0, worst=1.0)
    assert (rating.value.value(), rating.value.maximum()) == (5.0, 5.0)
    qtbot.keyClick(rating.worst, Qt.Key.Key_Up)  # 1 -> 0
    assert document.review.rating == Rating(value=5.0, best=5.0, worst=0.0)
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert rating.best.currentText() == "10"
    assert rating.value.value() == 9.0


def test_an_unrated_review_offers_no_scale(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    qtbot.mouseClick(widget.rating.enabled, Qt.MouseButton.LeftButton)
    assert document.review.rating is None
    assert not widget.rating.best.isEnabled()
    assert not widget.rating.value.isEnabled()


def test_every_input_is_named_with_its_own_mnemonic(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    labels = widget.findChildren(QLabel)
    buddies = {id(label.buddy()) for label in labels if label.buddy() is not None}
    inputs = [
        field
        for kind in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QCheckBox)
        for field in widget.findChildren(kind)
        if not isinstance(field.parent(), (QComboBox, QAbstractSpinBox))  # their inner edits
    ]
    unnamed = [f for f in inputs if id(f) not in buddies and not f.accessibleName()]
    unnamed = [f for f in unnamed if not (isinstance(f, QCheckBox) and "&" in f.text())]
    assert unnamed == []
    texts = [label.text() for label in labels] + [
        box.text() for box in widget.findChildren(QCheckBox)
    ]
    keys = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(keys) > 10
    assert len(keys) == len(set(keys)), keys


def test_dates_at_the_ends_of_the_calendar_are_shown_and_kept(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    document.set("published", date(1, 1, 1))
    document.set("updated", date(9999, 12, 31))
    widget = pane(qtbot, document)
    shown = widget.published.edit.date()
    assert (shown.year(), shown.month(), shown.day()) == (1, 1, 1)
    widget.published.edit.setDate(shown.addDays(1))
    assert document.review.published == date(1, 1, 2)
    assert widget.updated.edit.date().year() == 9999


def test_the_rating_takes_the_value_typed(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = pane(qtbot, document)
    assert document.review.rating is not None
    document.set("rating", document.review.rating.model_copy(update={"value": 2.0}))
    field = widget.rating.value
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "4.5")  # it gave 4.00: each key rewrote the box's text
    assert document.review.rating is not None and document.review.rating.value == 4.5
