"""The window's first look (ui/first_look.py): the review's form as its file has it, shown
before the models load, in the places the form then takes; inert, the keys typed at it held
for the form."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QMenuBar, QMessageBox, QSplitter
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle, locks
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.first_look import LOOK_BYTES, read_look
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import SPLITTER_STATE, WINDOW_GEOMETRY, Settings
from reviewdesk.ui.window_titles import MENU_TITLES
from tests.conftest import MakeBundle


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(str(tmp_path / "settings.ini"))


@pytest.fixture(autouse=True)
def no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    # A modal question offscreen would wait forever.
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)


def looking(qtbot: QtBot, folder: Path, settings: Settings) -> MainWindow:
    look = read_look(folder)
    assert look is not None
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.resize(1400, 850)  # room for the form at the splitter's share, as the app's window
    window.show_first_look(look)
    window.show()
    qtbot.waitExposed(window)
    return window


def line_showing(window: MainWindow, text: str) -> QLineEdit:
    return next(edit for edit in window.findChildren(QLineEdit) if edit.text() == text)


def test_the_first_look_shows_the_review_as_its_file_has_it(
    qtbot: QtBot, sample_bundle: Path, settings: Settings
) -> None:
    review = bundle.load(sample_bundle)
    window = looking(qtbot, sample_bundle, settings)
    assert not window.assembled
    for text in (review.title, review.slug, review.category, review.language):
        assert line_showing(window, str(text)).isVisible()
    assert window.windowTitle() == f"{review.title} (sample)[*] — ReviewDesk"


LONG = "A category longer than its box, so that the box shows part of it " * 3


@pytest.mark.parametrize("longer", [False, True], ids=["sample", "text longer than its box"])
def test_the_form_comes_in_the_places_of_the_first_look(
    qtbot: QtBot, sample_bundle: Path, settings: Settings, longer: bool
) -> None:
    """Pixel for pixel, from the menus to the category: nothing the writer sees jumps as the
    form comes in its place, a text longer than its box included (the same part of it shown).
    The window's layout is the one left by an earlier start (the first start has no look: it
    keeps its layout as it first paints)."""
    if longer:
        review = bundle.load(sample_bundle)
        long = review.model_copy(update={"category": LONG})  # a long title earns a hint
        bundle.save(long, sample_bundle)
    review = bundle.load(sample_bundle)
    first = MainWindow(ReviewDocument.open(sample_bundle), settings)
    qtbot.addWidget(first)
    first.resize(1400, 850)
    first.show()
    qtbot.waitUntil(lambda: settings.get(SPLITTER_STATE) is not None)
    first.hide()  # as if killed: its layout was kept when it first painted
    window = looking(qtbot, sample_bundle, settings)
    category = line_showing(window, str(review.category))
    bottom = category.mapTo(window, QPoint(0, category.height())).y()
    splitter = window.findChild(QSplitter)
    form = splitter.widget(0) if splitter is not None else None
    assert form is not None
    seen = QRect(0, 0, form.width(), bottom + 4)

    def shown() -> QImage:
        return window.grab(seen).toImage()

    before = shown()
    window.assemble(ReviewDocument.open(sample_bundle))
    assert window.assembled
    qtbot.waitUntil(lambda: shown() == before, timeout=5_000)
    qtbot.waitUntil(lambda: len(window.findChildren(QMenuBar)) == 1)  # the look's went with it
    assert [action.text() for action in window.menuBar().actions()] == list(MENU_TITLES)
    window.document.undo_stack.setClean()


def test_keys_typed_at_the_first_look_reach_the_form(
    qtbot: QtBot, sample_bundle: Path, settings: Settings
) -> None:
    """From the tabs (where the focus is at a start) by the pane to the title, words, and
    Ctrl+S: all typed while the look shows, none lost."""
    window = looking(qtbot, sample_bundle, settings)
    window.activateWindow()
    qtbot.waitActive(window)
    title = bundle.load(sample_bundle).title
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_Tab)
    qtbot.keyClick(focus, Qt.Key.Key_Tab)
    qtbot.keyClicks(focus, "A new title")
    qtbot.keyClick(focus, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert line_showing(window, title).isVisible()  # held: the look is not edited

    window.assemble(ReviewDocument.open(sample_bundle))
    typed = f"{title}A new title"  # at the end: a window not made active selects nothing
    qtbot.waitUntil(lambda: bundle.load(sample_bundle).title == typed)  # Ctrl+S too
    assert window.document.review.title == typed


def test_a_window_closed_on_its_first_look_closes_and_keeps_its_place(
    qtbot: QtBot, sample_bundle: Path, settings: Settings
) -> None:
    window = looking(qtbot, sample_bundle, settings)
    assert window.close()
    assert not window.isVisible()
    assert not window.assembled
    assert settings.get(WINDOW_GEOMETRY) is not None


@pytest.mark.parametrize(
    "text",
    [
        b"- a list\n- not a review\n",
        b"title: [unclosed\n",
        b"title: \xff\xfe not UTF-8\n",
        b"just words\n",
    ],
)
def test_a_file_that_does_not_read_as_a_review_has_no_look(
    make_bundle: MakeBundle, text: bytes
) -> None:
    assert read_look(make_bundle(text)) is None  # the load that follows says why


def test_a_review_file_too_long_to_read_twice_has_no_look(make_bundle: MakeBundle) -> None:
    pro = "a pro long enough, with the thousand the form allows, to fill a file up " * 4
    pros = "".join(f"  - {i} {pro}\n" for i in range(1000))
    text = f"format: reviewdesk/1\ntitle: A long one\npros:\n{pros}"
    assert LOOK_BYTES < len(text.encode()) < bundle.MAX_YAML_BYTES
    assert read_look(make_bundle(text)) is None
    assert bundle.load(make_bundle(text, name="loads")).title == "A long one"


def test_no_folder_or_a_folder_without_a_review_has_no_look(tmp_path: Path) -> None:
    assert read_look(None) is None
    assert read_look(tmp_path / "gone") is None
    assert read_look(tmp_path) is None


def test_a_review_file_that_leads_out_of_its_folder_has_no_look(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    folder = make_bundle()
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("format: reviewdesk/1\ntitle: Not this one\n", encoding="utf-8")
    (folder / "review.yaml").unlink()
    (folder / "review.yaml").symlink_to(outside)
    assert read_look(folder) is None


def test_a_review_file_that_is_a_fifo_has_no_look_and_holds_nothing_up(
    make_bundle: MakeBundle,
) -> None:
    folder = make_bundle()
    (folder / "review.yaml").unlink()
    os.mkfifo(folder / "review.yaml")  # no writer: a read would wait for one
    assert read_look(folder) is None


def test_a_bundle_this_process_holds_has_its_look(make_bundle: MakeBundle) -> None:
    folder = make_bundle()
    locks.take(folder)
    try:
        look = read_look(folder)
    finally:
        locks.release(folder)
    assert look is not None
    assert look.text("title") == "A review"
