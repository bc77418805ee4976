from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.body_pane import BodyPane
from reviewdesk.ui.panes.tags_pane import TagsPane


def test_typing_in_the_body_edits_the_model_and_undo_restores_the_editor(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    pane = BodyPane(document)
    qtbot.addWidget(pane)
    edit = pane.editor.plain_text_edit
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, " Final words.")
    assert document.review.body.endswith(" Final words.")
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert pane.editor.text() == document.review.body
    assert not pane.editor.text().endswith(" Final words.")


def test_images_are_copied_into_the_bundle_once(
    qtbot: QtBot, document: ReviewDocument, tmp_path: Path
) -> None:
    pane = BodyPane(document)
    qtbot.addWidget(pane)
    photo = tmp_path / "photo.png"
    photo.write_bytes((document.folder or tmp_path).joinpath("assets", "hero.png").read_bytes())
    assert pane._import(photo) == "assets/photo.png"
    assert pane._import(photo) == "assets/photo-2.png"
    assert document.folder is not None
    hero = document.folder / "assets" / "hero.png"
    assert pane._import(hero) == "assets/hero.png"  # already inside: not copied again


def test_tags_pane_adds_tags_and_completes_from_sibling_reviews(
    qtbot: QtBot, sample_bundle: Path
) -> None:
    sibling = bundle.create(sample_bundle.parent / "other", "Other review")
    sibling.tags = ["Benchmarks"]
    bundle.save(sibling, sample_bundle.parent / "other")
    document = ReviewDocument.open(sample_bundle)
    pane = TagsPane(document)
    qtbot.addWidget(pane)
    assert "Benchmarks" in pane.chips.completer.model().stringList()  # type: ignore[attr-defined]
    qtbot.keyClicks(pane.chips.edit, "Laptops")
    qtbot.keyClick(pane.chips.edit, Qt.Key.Key_Return)
    assert document.review.tags[-1] == "Laptops"
    document.undo_stack.undo()
    assert "Laptops" not in pane.chips.tags()
