import os
import random
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.core.library import SiblingTags, sibling_tags
from reviewdesk.core.limits import TAGS
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes import tags_pane
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
    document.undo_stack.undo()  # a word at a time
    assert pane.editor.text() == document.review.body
    assert pane.editor.text().endswith(" Final ")
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert pane.editor.text() == document.review.body
    assert not pane.editor.text().endswith(" Final ")


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


def test_an_image_that_cannot_be_added_is_named_and_nothing_is_inserted(
    qtbot: QtBot, document: ReviewDocument, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))
    pane = BodyPane(document)
    qtbot.addWidget(pane)
    assert pane._import(fifo) is None
    assert told == [f"{fifo} is a FIFO, not a file"]


def test_tags_pane_adds_tags_and_completes_from_sibling_reviews(
    qtbot: QtBot, sample_bundle: Path
) -> None:
    sibling = bundle.create(sample_bundle.parent / "other", "Other review")
    sibling.tags = ["Benchmarks"]
    bundle.save(sibling, sample_bundle.parent / "other")
    document = ReviewDocument.open(sample_bundle)
    pane = TagsPane(document)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.completions_found):  # read off the UI thread
        pass
    assert "Benchmarks" in pane.chips.completer.model().stringList()  # type: ignore[attr-defined]
    qtbot.keyClicks(pane.chips.edit, "Laptops")
    qtbot.keyClick(pane.chips.edit, Qt.Key.Key_Return)
    assert document.review.tags[-1] == "Laptops"
    document.undo_stack.undo()
    assert "Laptops" not in pane.chips.tags()
    assert pane.notes.isHidden()


def test_a_broken_sibling_lends_no_tags_and_the_pane_says_why(
    qtbot: QtBot, sample_bundle: Path
) -> None:
    for name, tags in (("a-good", ["Benchmarks"]), ("b-broken", ["Lost"]), ("c-good", ["Quiet"])):
        sibling = bundle.create(sample_bundle.parent / name, name)
        bundle.save(sibling.model_copy(update={"tags": tags}), sample_bundle.parent / name)
    broken = sample_bundle.parent / "b-broken" / "review.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "published: 2026-02-30\n")
    pane = TagsPane(ReviewDocument.open(sample_bundle))
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.completions_found):
        pass
    offered = pane.chips.completer.model().stringList()  # type: ignore[attr-defined]
    assert {"Benchmarks", "Quiet"} <= set(offered) and "Lost" not in offered
    assert pane.notes.text() == (
        "tags of ../b-broken not offered: its review.yaml:6: "
        "published: 2026-02-30 is not a date (day is out of range for month)"
    )
    assert not pane.notes.isHidden()


def test_the_reviews_beside_are_read_off_the_ui_thread(
    qtbot: QtBot, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder may hold hundreds of reviews, each up to a megabyte of YAML (100,000 tags
    in one took 0.7 s to read): the window must not wait for them."""
    threads: list[str] = []

    def recorded(folder: Path) -> SiblingTags:
        threads.append(threading.current_thread().name)
        return sibling_tags(folder)

    monkeypatch.setattr(tags_pane, "sibling_tags", recorded)
    sibling = bundle.create(sample_bundle.parent / "other", "Other review")
    bundle.save(sibling.model_copy(update={"tags": ["Benchmarks"]}), sample_bundle.parent / "other")
    document = ReviewDocument.open(sample_bundle)
    pane = TagsPane(document)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.completions_found):
        pass
    assert pane.chips.completer.model().stringList() == ["Benchmarks"]  # type: ignore[attr-defined]
    assert len(threads) == 1 and threads[0] != threading.main_thread().name


def test_a_tag_past_the_limits_is_refused_with_what_they_are(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    document.set("tags", [f"Tag {index}" for index in range(TAGS)], merge=False)
    pane = TagsPane(document)
    qtbot.addWidget(pane)
    qtbot.keyClicks(pane.chips.edit, "One more")
    qtbot.keyClick(pane.chips.edit, Qt.Key.Key_Return)
    assert len(document.review.tags) == TAGS
    assert pane.chips.message.text() == f"A review has at most {TAGS:,} tags"


def test_a_tags_pane_can_go_while_it_reads_the_reviews_beside(
    qtbot: QtBot, sample_bundle: Path
) -> None:
    """The scan emitted on a delivery already deleted with the pane, and crashed."""
    for name in ("one", "two", "three"):
        bundle.create(sample_bundle.parent / name, name.title())
    document = ReviewDocument.open(sample_bundle)
    pause = random.Random(3)
    for _ in range(1_000):  # the old order crashed within a few hundred rounds
        pane = TagsPane(document)
        threading.Event().wait(pause.uniform(0, 0.0015))  # the pane goes at any point
        pane.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
