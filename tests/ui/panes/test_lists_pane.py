from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.lists_pane import ListsPane
from reviewdesk.ui.panes.pros_cons_pane import ProsConsPane


def test_reordering_pros_by_keyboard_edits_the_model_and_undoes(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    pane = ListsPane(document, [("pros", "Pros"), ("cons", "Cons")])
    qtbot.addWidget(pane)
    pros = pane.editors["pros"].list_widget
    first, second = document.review.pros[:2]
    pros.setCurrentRow(0)
    qtbot.keyClick(pros, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert document.review.pros[:2] == [second, first]
    document.undo_stack.undo()
    assert pane.editors["pros"].items()[:2] == [first, second]


def test_cons_edits_do_not_touch_pros(qtbot: QtBot, document: ReviewDocument) -> None:
    pane = ListsPane(document, [("pros", "Pros"), ("cons", "Cons")])
    qtbot.addWidget(pane)
    pros = list(document.review.pros)
    cons = pane.editors["cons"].list_widget
    cons.setCurrentRow(0)
    qtbot.keyClick(cons, Qt.Key.Key_Delete)
    assert len(document.review.cons) == 3
    assert document.review.pros == pros


def test_best_for_and_skip_if_are_edited_beside_pros_and_cons(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    pane = ProsConsPane(document)
    qtbot.addWidget(pane)
    pane.show()
    best_for = pane.editors["best_for"].list_widget
    best_for.setFocus()
    for char in "Writers who work offline":  # the first key opens the item's editor
        qtbot.keyClicks(best_for.focusWidget() or best_for, char)
    qtbot.keyClick(best_for.focusWidget() or best_for, Qt.Key.Key_Return)
    qtbot.keyClick(best_for.focusWidget() or best_for, Qt.Key.Key_Escape)
    assert document.review.best_for == ["Writers who work offline"]
    assert document.review.skip_if == []
    document.undo_stack.undo()
    assert pane.editors["best_for"].items() == []
