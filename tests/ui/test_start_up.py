"""A start with no review named: where the writer left off, and what a crash left unsaved
offered at once (Restore, Discard, Later), as the app does it (ui/app.py's open_window)."""

import os
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle, recovery, user_files
from reviewdesk.core.model import Review
from reviewdesk.ui import start_up
from reviewdesk.ui.app import open_window
from reviewdesk.ui.library.library_window import LibraryWindow
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import REVIEWS_FOLDER, Settings
from tests.conftest import MakeBundle
from tests.ui.test_crash_recovery import click, offered


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(str(tmp_path / "settings.ini"))


def start(qtbot: QtBot, settings: Settings, folder: Path | None = None) -> MainWindow:
    window = open_window(folder, settings)
    # Nothing to ask when the test closes it, whatever the test left.
    qtbot.addWidget(window, before_close_func=lambda _: window.document.undo_stack.setClean())
    window.show()
    return window


def crashed_with(review: Review, folder: Path | None, minutes_ago: float = 1) -> None:
    """A recovery copy of `review` left by a crash `minutes_ago`, after its bundle's save."""
    place = recovery.write(review, folder)
    stamp = time.time() - minutes_ago * 60
    os.utime(place / recovery.ORIGIN_FILE, (stamp, stamp))
    if folder is not None and folder.exists():  # the bundle saved before the copy was made
        for name in bundle.COMMITTED_FILES:
            os.utime(folder / name, (stamp - 60, stamp - 60))


def test_the_very_first_start_opens_the_sample_and_says_nothing(settings: Settings) -> None:
    chosen = start_up.choose(None, settings)
    assert chosen == start_up.Start(user_files.data_dir() / user_files.SAMPLE_NAME, (), "")
    assert chosen.folder is not None and bundle.load(chosen.folder).title  # made on first use


def test_a_start_after_the_first_opens_the_last_review(
    qtbot: QtBot, settings: Settings, make_bundle: MakeBundle
) -> None:
    first = make_bundle("format: reviewdesk/1\ntitle: Named on the command line\n", name="a")
    start(qtbot, settings, first)  # `reviewdesk a`: it becomes the last review
    qtbot.waitUntil(lambda: settings.recent_files()[:1] == [str(first)])
    window = start(qtbot, settings)
    assert window.document.folder == first
    other = make_bundle("format: reviewdesk/1\ntitle: Opened from the menu\n", name="b")
    assert window.files.open(other)
    assert start(qtbot, settings).document.folder == other


def test_when_the_last_review_is_gone_the_library_opens_and_the_status_bar_says_so(
    qtbot: QtBot, settings: Settings, make_bundle: MakeBundle
) -> None:
    user_files.sample_copy()  # not the very first start
    last = make_bundle(name="moved-away")
    settings.add_recent(str(last), "A review")
    shutil.rmtree(last)
    window = start(qtbot, settings)
    assert window.document.folder is None  # a new review, to type into at once
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "")
    assert window.statusBar().currentMessage() == (
        f"Your last review is no longer in {last}: pick one in the library"
    )
    library = window.findChild(LibraryWindow)
    assert library is not None and library.isVisible()


def test_with_no_review_to_go_back_to_the_library_opens_not_the_sample(
    qtbot: QtBot, settings: Settings
) -> None:
    user_files.sample_copy()  # the sample was opened once, long ago; nothing since
    chosen = start_up.choose(None, settings)
    assert chosen == start_up.Start(None, (), "", library=True)
    window = start(qtbot, settings)
    qtbot.waitUntil(lambda: window.findChild(LibraryWindow) is not None)
    assert window.document.review.title == "Untitled review"


def test_the_question_waits_for_the_window_to_be_up_for_good(
    qtbot: QtBot, settings: Settings, sample_bundle: Path
) -> None:
    """The preview's first page makes Qt create the window anew (under X11, a question put
    up before stayed under it, unseen): the question comes after that page."""
    crashed_with(bundle.load(sample_bundle).model_copy(update={"summary": "Lost?"}), sample_bundle)
    window = open_window(None, settings)
    qtbot.addWidget(window, before_close_func=lambda _: window.document.undo_stack.setClean())
    seen: list[str] = []
    window.preview.ready.connect(lambda: seen.append("preview ready"))
    window.show()
    offered(qtbot, window)
    assert seen == ["preview ready"]


def test_later_keeps_the_copy_out_of_reach_of_new_edits_for_the_next_start(
    qtbot: QtBot, settings: Settings, sample_bundle: Path
) -> None:
    unsaved = bundle.load(sample_bundle).model_copy(update={"summary": "Typed before a crash"})
    crashed_with(unsaved, sample_bundle)
    window = start(qtbot, settings)
    assert window.document.folder == sample_bundle  # the review is opened all the same
    click(qtbot, offered(qtbot, window), "Later")
    qtbot.waitUntil(lambda: window.files.recovery_offer.box is None)  # type: ignore[union-attr]
    assert not window.document.modified
    window.document.set("title", "New words, autosaved")
    window.autosaver.write()
    assert window.files.save()  # the save drops the copy of these edits, not the one kept
    (kept,) = recovery.of(sample_bundle)
    assert kept.review == unsaved
    # The bundle was saved since, so it is not offered at start but when the review opens.
    window = start(qtbot, settings, sample_bundle)
    window.files.offer_recovery()
    click(qtbot, offered(qtbot, window), "Discard")
    assert recovery.of(sample_bundle) == []


def test_several_copies_are_offered_each_and_restore_opens_its_review(
    qtbot: QtBot, settings: Settings, make_bundle: MakeBundle
) -> None:
    older = make_bundle("format: reviewdesk/1\ntitle: Kettle\n", name="kettle")
    newer = make_bundle("format: reviewdesk/1\ntitle: Grinder\n", name="grinder")
    crashed_with(Review(title="Kettle", summary="Kettle notes"), older, minutes_ago=30)
    crashed_with(Review(title="Grinder", summary="Grinder notes"), newer, minutes_ago=2)
    window = start(qtbot, settings)
    assert window.document.folder == newer  # the newest copy's review, behind its question
    box = offered(qtbot, window)
    assert box.text().startswith("Unsaved changes to “Grinder” from ")
    assert str(newer) in box.informativeText()
    click(qtbot, box, "Discard")
    qtbot.waitUntil(lambda: "“Kettle”" in offered(qtbot, window).text())
    click(qtbot, offered(qtbot, window), "Restore")
    qtbot.waitUntil(lambda: window.document.folder == older)
    assert window.document.review.summary == "Kettle notes"
    assert window.isWindowModified()
    assert [c.review.summary for c in recovery.pending()] == ["Kettle notes"]  # till saved
    assert recovery.of(newer) == []


def test_a_review_never_saved_comes_back_and_its_first_save_makes_its_folder(
    qtbot: QtBot, settings: Settings, tmp_path: Path, sample_bundle: Path
) -> None:
    settings.set(REVIEWS_FOLDER, str(tmp_path / "Reviews"))
    settings.add_recent(str(sample_bundle), "The last review")
    crashed_with(Review(title="Sony WH-1000XM5 review", body="Typed, never saved.\n"), None)
    window = start(qtbot, settings)
    assert window.document.folder == sample_bundle
    box = offered(qtbot, window)
    assert "It is a new review, not saved yet." in box.informativeText()
    click(qtbot, box, "Restore")
    qtbot.waitUntil(lambda: window.document.folder is None)
    assert window.body.editor.text() == "Typed, never saved.\n"
    window.activateWindow()  # the keys of its menus work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(
        window.body.editor.plain_text_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
    )
    folder = tmp_path / "Reviews" / "sony-wh-1000xm5-review"
    assert window.document.folder == folder
    assert bundle.load(folder).body == "Typed, never saved.\n"
    assert recovery.pending() == []  # the copy of the unsaved review went with the save


def test_a_copy_whose_review_is_gone_is_restored_as_a_new_review(
    qtbot: QtBot, settings: Settings, tmp_path: Path, make_bundle: MakeBundle
) -> None:
    settings.set(REVIEWS_FOLDER, str(tmp_path / "Reviews"))
    gone = make_bundle("format: reviewdesk/1\ntitle: Deleted review\n", name="deleted")
    crashed_with(Review(title="Deleted review", summary="Only in the copy"), gone)
    shutil.rmtree(gone)
    window = start(qtbot, settings)
    click(qtbot, offered(qtbot, window), "Restore")
    qtbot.waitUntil(lambda: window.document.review.summary == "Only in the copy")
    assert window.document.folder is None
    assert window.statusBar().currentMessage() == (
        f"“Deleted review” is no longer in {gone}: restored as a new review, to be saved in "
        f"{tmp_path / 'Reviews'}"
    )
    assert not gone.exists()  # nothing is written where it was


def test_the_first_look_is_of_the_review_the_start_chooses(
    settings: Settings, make_bundle: MakeBundle
) -> None:
    """start_up.first_folder, told before the models load, agrees with choose: the folder
    named, the last review, or none to look at when a crash's copies decide, at the very
    first start (the sample is copied by choose) or when the last review is gone."""
    named = make_bundle(name="named")
    assert start_up.first_folder(named, settings) == named
    assert start_up.choose(named, settings).folder == named
    assert start_up.first_folder(None, settings) is None  # the very first start
    last = make_bundle(name="last")
    settings.add_recent(str(last))
    assert start_up.first_folder(None, settings) == last == start_up.choose(None, settings).folder
    crashed_with(Review(title="Left unsaved"), None)
    assert start_up.first_folder(None, settings) is None  # the copy may be where it starts
    shutil.rmtree(recovery.recovery_root())
    shutil.rmtree(last)
    assert start_up.first_folder(None, settings) is None
    assert start_up.choose(None, settings).folder is None
