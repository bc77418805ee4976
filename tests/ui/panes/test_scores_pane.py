"""The scores pane: criteria typed, pasted and rearranged as a writer does, each with a bar on
the rating's scale that follows the typing, the overall rating they give, one undo history."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from reviewdesk.core.model import Rating, Score
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.metadata_pane import MetadataPane
from reviewdesk.ui.panes.scores_pane import ScoresPane
from reviewdesk.ui.widgets import row_list_editor
from tests.ui.panes.conftest import SCORES
from tests.ui.panes.rows import line, retype, saved, shown, shown_active


def pane(qtbot: QtBot, document: ReviewDocument) -> ScoresPane:
    document.clock = lambda: 0.0  # typing merges into one step, however slow the machine
    widget = ScoresPane(document)
    shown_active(qtbot, widget)
    return widget


def test_a_score_typed_joins_the_review_as_one_step_with_its_bar(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    scores = pane(qtbot, document)
    assert scores.editor.empty.isVisible()
    qtbot.mouseClick(scores.editor.add, Qt.MouseButton.LeftButton)
    row = scores.editor.rows()[0]
    assert line(row, "name").hasFocus()
    qtbot.keyClicks(line(row, "name"), "Speed")
    assert document.review.scores == []  # no value yet: not a score
    qtbot.keyClick(line(row, "name"), Qt.Key.Key_Tab)
    assert line(row, "value").hasFocus()
    qtbot.keyClicks(line(row, "value"), "3.5")
    assert document.review.scores == [Score(name="Speed", value=3.5)]
    bar = scores.bars()[0]
    assert bar.fraction() == (3.5 - 1) / 4  # on the sample's scale, 1 to 5
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.review.scores == [] and shown(scores.editor) == []
    document.undo_stack.redo()
    assert shown(scores.editor) == [{"name": "Speed", "value": "3.5", "weight": ""}]


def test_the_bar_follows_the_value_as_typed_and_the_rating_scale(
    qtbot: QtBot, blocks: ReviewDocument
) -> None:
    scores = pane(qtbot, blocks)
    value = line(scores.editor.rows()[2], "value")
    bar = scores.bars()[2]
    retype(qtbot, value, "7")
    assert bar.off_scale() and bar.fraction() == 1.0
    assert "off the scale 1\N{EN DASH}5" in bar.toolTip()
    blocks.checks.run()
    assert scores.editor.rows()[2].hint.text() == "7 is off the rating's scale of 1 to 5"
    blocks.set("rating", Rating(value=8, best=10, worst=0), merge=False)
    assert not bar.off_scale() and bar.fraction() == 0.7
    assert scores.editor.headers[-1].text() == "On the scale 0\N{EN DASH}10"


def test_rows_move_and_go_and_undo_restores_them_exactly(
    qtbot: QtBot, blocks: ReviewDocument
) -> None:
    scores = pane(qtbot, blocks)
    before = shown(scores.editor)
    first = line(scores.editor.rows()[0], "name")
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [s.name for s in blocks.review.scores] == ["Tool use", "Writing", "Long context"]
    assert first.hasFocus()  # the row moved with the focus in it
    qtbot.mouseClick(scores.editor.rows()[2].remove, Qt.MouseButton.LeftButton)
    assert [s.name for s in blocks.review.scores] == ["Tool use", "Writing"]
    moved = shown(scores.editor)
    blocks.undo_stack.undo()
    blocks.undo_stack.undo()
    assert blocks.review.scores == SCORES
    assert shown(scores.editor) == before
    blocks.undo_stack.redo()
    blocks.undo_stack.redo()
    assert shown(scores.editor) == moved


def test_what_is_refused_is_said_and_the_review_keeps_its_score(
    qtbot: QtBot, blocks: ReviewDocument
) -> None:
    scores = pane(qtbot, blocks)
    row = scores.editor.rows()[1]
    retype(qtbot, line(row, "weight"), "0")
    assert row.hint.text() == "Weight should be greater than 0"
    assert line(row, "weight").property("invalid") is True
    retype(qtbot, line(row, "value"), "four")
    assert blocks.review.scores[1] == Score(name="Tool use", value=5, weight=2)
    retype(qtbot, line(row, "weight"), "")  # empty: the default weight, 1
    assert row.hint.text() == "Value must be a number, like 4.5"
    assert blocks.review.scores[1] == Score(name="Tool use", value=5, weight=1)
    retype(qtbot, line(row, "value"), "4")
    assert row.hint.text() == "" and line(row, "value").property("invalid") is False
    assert blocks.review.scores[1] == Score(name="Tool use", value=4)


def test_up_and_down_step_the_value(qtbot: QtBot, blocks: ReviewDocument) -> None:
    scores = pane(qtbot, blocks)
    value = line(scores.editor.rows()[0], "value")
    value.setFocus()
    qtbot.keyClick(value, Qt.Key.Key_Up)
    assert blocks.review.scores[0].value == 5
    qtbot.keyClick(value, Qt.Key.Key_Down)
    qtbot.keyClick(value, Qt.Key.Key_Down)
    assert value.text() == "4" and blocks.review.scores[0].value == 4


def test_without_a_rating_the_scores_make_it(qtbot: QtBot, blocks: ReviewDocument) -> None:
    scores = pane(qtbot, blocks)
    metadata = MetadataPane(blocks)
    qtbot.addWidget(metadata)
    metadata.show()
    assert scores.overall.text().startswith("Overall rating 4 / 5, as given in Metadata")
    assert "weighted mean is 4.25" in scores.overall.text()
    assert not metadata.rating.from_scores.text()
    qtbot.mouseClick(metadata.rating.enabled, Qt.MouseButton.LeftButton)  # unrated
    assert blocks.review.rating is None
    assert scores.overall.text().startswith("Overall rating 4.25 / 5, from the scores")
    assert metadata.rating.from_scores.text() == "4.25 / 5 from the scores"


def test_pasted_lines_are_scores(qtbot: QtBot, document: ReviewDocument) -> None:
    scores = pane(qtbot, document)
    scores.editor.add_row()
    QGuiApplication.clipboard().setText("- Speed: 4.5\nPrivacy\t3\t2\n")
    name = line(scores.editor.rows()[0], "name")
    qtbot.keyClick(name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert document.review.scores == [
        Score(name="Speed", value=4.5),
        Score(name="Privacy", value=3, weight=2),
    ]
    assert document.undo_stack.count() == 1


def test_saving_writes_the_scores_as_typed(
    qtbot: QtBot, document: ReviewDocument, sample_bundle: Path
) -> None:
    scores = pane(qtbot, document)
    row = scores.editor.add_row()
    qtbot.keyClicks(line(row, "name"), "Speed")
    qtbot.keyClicks(line(row, "value"), "4")
    qtbot.keyClicks(line(row, "weight"), "2")
    document.save()
    assert saved(sample_bundle)["scores"] == [{"name": "Speed", "value": 4.0, "weight": 2.0}]


def test_a_list_changed_while_the_pane_is_hidden_shows_when_it_comes_back(
    qtbot: QtBot, blocks: ReviewDocument
) -> None:
    scores = ScoresPane(blocks)
    qtbot.addWidget(scores)
    assert scores.editor.rows() == []  # made when first shown
    scores.show()
    assert len(scores.editor.rows()) == 3
    scores.hide()
    blocks.set("scores", [Score(name="Speed", value=2)], merge=False)
    assert len(scores.editor.rows()) == 3  # hidden: not yet remade
    scores.show()
    assert shown(scores.editor) == [{"name": "Speed", "value": "2", "weight": ""}]
    assert scores.bars()[0].fraction() == 0.25


def test_rows_made_after_the_first_get_their_bars(
    qtbot: QtBot, document: ReviewDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long list's rows are made a slice at a time: each gets its bar as it comes."""
    monkeypatch.setattr(row_list_editor, "_SLICE_MS", 0)  # a row a slice after the first ten
    many = [Score(name=f"Criterion {n}", value=1 + n % 5) for n in range(30)]
    document.set("scores", many, merge=False)
    scores = pane(qtbot, document)
    qtbot.waitUntil(lambda: len(scores.bars()) == 30)
    assert [bar.fraction() for bar in scores.bars()] == [(n % 5) / 4 for n in range(30)]
