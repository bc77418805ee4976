"""One undo for the window: Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y in any field step through the
review's history in the order it was made, never a field's own."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.metadata_pane import MetadataPane
from reviewdesk.ui.settings import Settings

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Clock:
    """Ten keys a second, and a pause when asked: steps end where a writer's would."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.1
        return self.now


@pytest.fixture
def window(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    document = ReviewDocument.open(sample_bundle)
    document.clock = Clock()
    main = MainWindow(document, Settings(str(tmp_path / "settings.ini")))
    qtbot.addWidget(main)
    main.show()
    yield main
    document.undo_stack.setClean()


def fields(window: MainWindow) -> tuple[QLineEdit, QPlainTextEdit, QPlainTextEdit]:
    """The title (a line edit), the deck (a text box) and the body (the Markdown editor)."""
    metadata = window.findChild(MetadataPane)
    assert metadata is not None
    return metadata.title, metadata.subtitle, window.body.editor.plain_text_edit


def type_at_end(qtbot: QtBot, field: QWidget, text: str) -> None:
    field.setFocus()
    end = CTRL if isinstance(field, QPlainTextEdit) else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(field, Qt.Key.Key_End, end)
    qtbot.keyClicks(field, text)


def texts(window: MainWindow) -> tuple[str, str, str]:
    review = window.document.review
    return review.title, review.subtitle, review.body


def test_undo_and_redo_from_every_kind_of_field_follow_the_review(
    qtbot: QtBot, window: MainWindow
) -> None:
    title, deck, body = fields(window)
    before = texts(window)
    type_at_end(qtbot, deck, "Deck")  # typed long before the rest
    window.document.clock.now += 15 * 60  # type: ignore[attr-defined]
    type_at_end(qtbot, title, "Title")
    type_at_end(qtbot, body, "Body")
    typed = texts(window)
    assert (typed[0][-5:], typed[1][-4:], typed[2][-4:]) == ("Title", "Deck", "Body")
    stack = window.document.undo_stack
    assert stack.count() == 3

    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL)  # in a line edit: the body's step goes
    assert texts(window) == (typed[0], typed[1], before[2])
    assert window.focusWidget() is body  # the window shows the step undone
    qtbot.keyClick(body, Qt.Key.Key_Z, CTRL)  # in the body: the title's step
    assert texts(window) == (before[0], typed[1], before[2])
    qtbot.keyClick(deck, Qt.Key.Key_Z, CTRL)  # in a text box: its own step, fifteen minutes old
    assert texts(window) == before
    assert not window.document.modified
    assert stack.count() == 3  # no undo was taken for an edit

    qtbot.keyClick(deck, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(title, Qt.Key.Key_Y, CTRL)
    qtbot.keyClick(body, Qt.Key.Key_Z, CTRL | SHIFT)
    assert texts(window) == typed
    assert (stack.count(), stack.index()) == (3, 3)  # the redo history was kept whole


def test_a_field_never_undoes_on_its_own(qtbot: QtBot, window: MainWindow) -> None:
    title, deck, _body = fields(window)
    type_at_end(qtbot, deck, " grows")
    type_at_end(qtbot, title, "!")
    qtbot.keyClick(deck, Qt.Key.Key_Z, CTRL)
    assert window.document.review.subtitle.endswith(" grows")  # its own history would wipe it
    assert not window.document.review.title.endswith("!")
    qtbot.keyClick(deck, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(deck, Qt.Key.Key_Z, CTRL)
    assert not deck.toPlainText().endswith("grows")
    qtbot.keyClick(deck, Qt.Key.Key_Z, CTRL)  # nothing left to undo: nothing happens
    assert not window.document.modified


# The offscreen platform's stubs for what a popup menu asks of a real window system.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise\\(\\)",
    "This plugin does not support grabbing the keyboard",
    extend=True,
)
def test_the_context_menu_undoes_the_review(qtbot: QtBot, window: MainWindow) -> None:
    title, _deck, body = fields(window)
    type_at_end(qtbot, body, "Body")
    before = window.document.review.body
    chosen: list[str] = []

    def choose_undo() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        undo = next(a for a in menu.actions() if a.objectName() == "edit-undo")
        chosen.append(undo.text())
        assert undo.isEnabled()  # the line edit has nothing of its own to undo
        undo.trigger()
        menu.close()

    QTimer.singleShot(0, choose_undo)
    QApplication.sendEvent(
        title,
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, QPoint(5, 5), title.mapToGlobal(QPoint(5, 5))
        ),
    )
    assert chosen
    assert window.document.review.body == before.removesuffix("Body")


def test_edit_menu_names_the_step_and_takes_ctrl_y(qtbot: QtBot, window: MainWindow) -> None:
    _title, _deck, body = fields(window)
    actions = {a.text().partition(" ")[0].replace("&", ""): a for a in window.findChildren(QAction)
               if a.text().startswith(("&Undo", "&Redo"))}  # fmt: skip
    assert not actions["Undo"].isEnabled()
    type_at_end(qtbot, body, "Body")
    assert actions["Undo"].text() == "&Undo Edit body"
    actions["Undo"].trigger()
    assert actions["Redo"].isEnabled() and actions["Redo"].text() == "&Redo Edit body"
    assert QKeySequence("Ctrl+Y") in actions["Redo"].shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in actions["Redo"].shortcuts()


def test_typing_after_an_undo_and_a_redo_in_the_body_goes_on_where_the_step_ended(
    qtbot: QtBot, window: MainWindow
) -> None:
    body = fields(window)[2]
    type_at_end(qtbot, body, "")
    for _ in range(2):
        qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "The")
    window.document.clock.now += 5  # type: ignore[attr-defined]
    qtbot.keyClicks(body, " end.")
    qtbot.keyClick(body, Qt.Key.Key_Z, CTRL)
    assert window.document.review.body.endswith("\nThe ")  # the word "end." undone
    qtbot.keyClick(body, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClicks(body, " More.")
    assert window.document.review.body.endswith("\nThe end. More.")


def test_undo_in_a_spin_box_and_an_editable_combo_box_steps_through_the_review(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The rating's spin box and the subject type's editable box: a QLineEdit inside each
    keeps a history of its own, which Ctrl+Z there must never run."""
    metadata = window.findChild(MetadataPane)
    assert metadata is not None
    title, _deck, _body = fields(window)
    rating, kind = metadata.rating.value, metadata.subject.type
    review = window.document.review
    assert review.rating is not None and review.subject is not None
    before = (review.title, review.rating.value, review.subject.type)
    type_at_end(qtbot, title, "!")
    rating.setFocus()
    qtbot.keyClick(rating, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(rating, "2.5")
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(kind, "Book")  # completed inline: "B" shows "Book", "ook" selected
    qtbot.keyClick(kind, Qt.Key.Key_Return)

    def now() -> tuple[str, float | None, str | None]:
        review = window.document.review
        value = review.rating.value if review.rating else None
        return review.title, value, review.subject.type if review.subject else None

    assert now() == (f"{before[0]}!", 2.5, "Book")
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Z, CTRL)  # in the combo box: its own step
    assert now() == (f"{before[0]}!", 2.5, before[2])
    rating.setFocus()
    qtbot.keyClick(rating, Qt.Key.Key_Z, CTRL)  # in the spin box: its own step
    assert now() == (f"{before[0]}!", before[1], before[2])
    rating.setFocus()
    qtbot.keyClick(rating, Qt.Key.Key_Z, CTRL)  # then the title's, from the spin box
    assert now() == before
    assert not window.document.modified
    qtbot.keyClick(kind, Qt.Key.Key_Y, CTRL)
    qtbot.keyClick(rating, Qt.Key.Key_Z, CTRL | SHIFT)
    assert now() == (f"{before[0]}!", 2.5, before[2])
