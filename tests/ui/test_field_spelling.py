"""Every text field's spelling as a writer meets it, in the window: a misspelling typed into a
line (the title), a box (the summary), an item of a list (pros) and an input of a row (an
offer's seller) is drawn with the wavy red underline; its menu's suggestion replaces it as an
edit; "Add to My Dictionary" and "Add to This Site's Dictionary" write the word lists, and a
second window on another review of the site takes the word; the problems list names the
misspellings and goes to the word; F7 walks from field to field, then the body. Real
dictionaries (tests/spelling_dictionaries.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.core.model import Spec
from reviewdesk.core.spelling_words import SITE_FOLDER, WORDS_FILE
from reviewdesk.core.user_files import personal_words_file
from reviewdesk.ui.color_scheme import apply_color_scheme
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.field_spelling import FieldSpelling
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings
from tests.spelling_dictionaries import dictionary


@pytest.fixture
def british() -> None:
    dictionary("en-GB")  # the sample review's language: its own text is clean


def _bundle(folder: Path, **changes: object) -> Path:
    review = bundle.load(folder)
    bundle.save(review.model_copy(update={"body": "Nothing wrong.\n", **changes}), folder)
    return folder


def _window(qtbot: QtBot, folder: Path, tmp_path: Path) -> MainWindow:
    document = ReviewDocument.open(folder)
    window = MainWindow(document, Settings(str(tmp_path / f"{folder.name}.ini")))
    qtbot.addWidget(window, before_close_func=lambda _: document.undo_stack.setClean())
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: document.spelling.ready, timeout=20_000)
    return window


def _input(window: MainWindow, path: str) -> QWidget:
    window.focus_field(path)
    for widget in window.findChildren(QWidget):
        if widget.property(FIELD_PROPERTY) == path and widget.isVisible():
            return widget
    raise AssertionError(f"no input for {path}")


def _red_pixels(widget: QWidget) -> int:
    """How many pixels of `widget` are the underline's red, or the pink of its thin wave
    drawn on white: none where nothing is underlined (the light theme draws no other red)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    found = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.red() - pixel.green() > 60 and pixel.red() - pixel.blue() > 60:
                found += 1
    return found


def _type_at_end(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    end = (
        Qt.KeyboardModifier.NoModifier
        if isinstance(widget, QLineEdit)
        else Qt.KeyboardModifier.ControlModifier
    )
    qtbot.keyClick(widget, Qt.Key.Key_End, end)
    qtbot.keyClicks(widget, text)


def _menu(widget: QWidget, word: str) -> dict[str, Callable[[], None]]:
    """The context menu on `word` of the input (where the mouse's would open), its actions
    by text."""
    if isinstance(widget, QLineEdit):
        widget.setCursorPosition(widget.text().index(word) + 1)
        point = widget.cursorRect().center()
    else:
        assert isinstance(widget, QPlainTextEdit)
        cursor = widget.document().find(word)
        cursor.setPosition(cursor.selectionStart() + 1)
        point = widget.cursorRect(cursor).center()
    spelling = widget.findChild(FieldSpelling)
    assert spelling is not None
    menu = spelling.context_menu(point)
    return {action.text(): action.trigger for action in menu.actions() if action.text()}


def _underlined_soon(qtbot: QtBot, widget: QWidget, *, expected: bool) -> None:
    qtbot.waitUntil(lambda: (_red_pixels(widget) > 0) is expected, timeout=5_000)


def test_a_misspelling_typed_in_each_kind_of_field_is_underlined(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, british: None
) -> None:
    window = _window(qtbot, _bundle(sample_bundle), tmp_path)
    for path in ("title", "summary", "specs.0.value"):
        widget = _input(window, path)
        assert _red_pixels(widget) == 0, path  # the sample's text is clean
        _type_at_end(qtbot, widget, " recieve")
        _underlined_soon(qtbot, widget, expected=True)
    review = window.document.review  # typed as typed: the underline inserts nothing
    assert all(
        t.endswith(" recieve") for t in (review.title, review.summary, review.specs[0].value)
    )
    # An item of pros: underlined as typed, and as the list shows it once typed.
    items = _input(window, "pros")
    assert isinstance(items, QListWidget)
    items.setFocus()
    items.setCurrentRow(0)
    qtbot.keyClick(items, Qt.Key.Key_F2)
    editor = items.indexWidget(items.currentIndex())
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " recieve")
    _underlined_soon(qtbot, editor, expected=True)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: items.indexWidget(items.model().index(0, 0)) is None)
    assert window.document.review.pros[0].endswith(" recieve")
    _underlined_soon(qtbot, items.viewport(), expected=True)


def test_a_suggestion_replaces_the_word_and_one_undo_brings_it_back(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, british: None
) -> None:
    window = _window(qtbot, _bundle(sample_bundle), tmp_path)
    title = _input(window, "title")
    assert isinstance(title, QLineEdit)
    _type_at_end(qtbot, title, " recieve")
    typed = window.document.review.title
    _menu(title, "recieve")["receive"]()
    assert title.text() == typed.replace("recieve", "receive")
    assert window.document.review.title == title.text()
    window.document.undo_stack.undo()
    assert window.document.review.title == typed


def test_both_adds_persist_and_a_second_window_of_the_site_takes_them(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, british: None
) -> None:
    site = tmp_path / "site"
    first = _bundle(Path(shutil.copytree(sample_bundle, site / "first")))
    second = _bundle(Path(shutil.copytree(sample_bundle, site / "second")))
    (site / ".git").mkdir()  # a site shared through git: its list at the top
    window = _window(qtbot, first, tmp_path)
    summary = _input(window, "summary")
    _type_at_end(qtbot, summary, " Qwendolyx and Zorblat")
    _underlined_soon(qtbot, summary, expected=True)
    _menu(summary, "Qwendolyx")["Add to My Dictionary"]()
    _menu(summary, "Zorblat")["Add to This Site's Dictionary"]()
    _underlined_soon(qtbot, summary, expected=False)
    assert "Qwendolyx" in personal_words_file().read_text(encoding="utf-8")
    assert "Zorblat" in (site / SITE_FOLDER / WORDS_FILE).read_text(encoding="utf-8")

    other = _window(qtbot, second, tmp_path)
    title = _input(other, "title")
    _type_at_end(qtbot, title, " Qwendolyx Zorblat recieve")
    qtbot.waitUntil(lambda: other.document.spelling.misspellings != [], timeout=10_000)
    assert [m.word for m in other.document.spelling.misspellings] == ["recieve"]


def test_ignore_holds_in_this_document_only(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, british: None
) -> None:
    window = _window(qtbot, _bundle(sample_bundle), tmp_path)
    title = _input(window, "title")
    _type_at_end(qtbot, title, " Vextrine")
    _underlined_soon(qtbot, title, expected=True)
    _menu(title, "Vextrine")["Ignore"]()
    _underlined_soon(qtbot, title, expected=False)
    path = personal_words_file()
    assert not path.exists() or "Vextrine" not in path.read_text(encoding="utf-8")


def test_the_problems_list_names_misspellings_and_goes_to_the_word(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, british: None
) -> None:
    window = _window(qtbot, _bundle(sample_bundle, subtitle="A recieve of note"), tmp_path)
    problems = window.problems
    qtbot.waitUntil(
        lambda: any(
            "spelling: 'recieve'" in problems.item(i).text() for i in range(problems.count())
        ),
        timeout=10_000,
    )
    row = next(i for i in range(problems.count()) if "recieve" in problems.item(i).text())
    assert "(receive?)" in problems.item(row).text()
    window.panes.setCurrentIndex(window.panes.count() - 1)
    item = problems.item(row)
    qtbot.mouseClick(
        problems.viewport(), Qt.MouseButton.LeftButton, pos=problems.visualItemRect(item).center()
    )
    focused = window.focusWidget()
    assert isinstance(focused, QPlainTextEdit) and focused.property(FIELD_PROPERTY) == "subtitle"
    assert focused.textCursor().selectedText() == "recieve"


def test_f7_walks_the_fields_in_the_reviews_order_then_the_body(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, british: None
) -> None:
    review = bundle.load(sample_bundle)
    folder = _bundle(
        sample_bundle,
        title="A tyop title",
        pros=["Clean", "A secnd one", *review.pros[2:]],
        specs=[Spec(name="Thrid", value="One")],  # an offer's seller is a name: never flagged
    )
    bundle.save(bundle.load(folder).model_copy(update={"body": "The fourht one.\n"}), folder)
    window = _window(qtbot, folder, tmp_path)
    window.activateWindow()  # a shortcut goes to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    found = []
    for _ in range(5):
        qtbot.keyClick(window, Qt.Key.Key_F7)
        widget = window.focusWidget()
        if isinstance(widget, QLineEdit):
            found.append(widget.selectedText())
        elif isinstance(widget, QPlainTextEdit):
            found.append(widget.textCursor().selectedText())
    assert found == ["tyop", "secnd", "Thrid", "fourht", "tyop"]


def test_the_underline_turns_a_red_that_reads_on_dark(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, british: None
) -> None:
    window = _window(qtbot, _bundle(sample_bundle), tmp_path)
    title = _input(window, "title")
    _type_at_end(qtbot, title, " recieve")
    _underlined_soon(qtbot, title, expected=True)
    spelling = title.findChild(FieldSpelling)
    assert spelling is not None and spelling.underline.underlineColor().name() == "#d41919"
    try:
        apply_color_scheme("dark")
        qtbot.waitUntil(lambda: spelling.underline.underlineColor().name() == "#ff6b6b")
        _underlined_soon(qtbot, title, expected=True)
    finally:
        apply_color_scheme("light")


def test_misspellings_already_in_the_review_are_underlined_when_their_pane_shows(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, british: None
) -> None:
    """The rows of a pane are made when it is first shown, and named after they are filled:
    their misspellings are underlined all the same."""
    review = bundle.load(sample_bundle)
    folder = _bundle(sample_bundle, specs=[*review.specs, Spec(name="Wieght", value="Light")])
    window = _window(qtbot, folder, tmp_path)
    name = _input(window, f"specs.{len(review.specs)}.name")
    _underlined_soon(qtbot, name, expected=True)
    assert _red_pixels(_input(window, f"specs.{len(review.specs)}.value")) == 0
