"""The body's spelling as a writer meets it: misspellings typed get the wavy underline, code and
URLs never do, the context menu's suggestion replaces the word as an edit, both "add" actions
persist the word for every window, a German review checks German, a missing dictionary
underlines nothing and is named in the problems list, and a 100,000-word body is underlined
without holding the window up. Real dictionaries (tests/spelling_dictionaries.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bench.generate import make_review
from bench.huge_input import Heartbeat
from reviewdesk.core import bundle
from reviewdesk.core.user_files import personal_words_file
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.body_pane import BodyPane
from reviewdesk.ui.review_checks import ReviewChecks
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.widgets.markdown_highlighter import HIGHLIGHT_BUDGET_S
from tests.spelling_dictionaries import dictionary

WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
MIXED = (
    "A tyop in prose.\n"
    "\n"
    "A `tyop` span, https://example.org/tyop and [the tyop](https://example.org/tyop).\n"
    "\n"
    "```\n"
    "tyop in a fence\n"
    "```\n"
)


def _document(folder: Path, *, language: str = "en", body: str = "") -> ReviewDocument:
    review = bundle.load(folder)
    bundle.save(review.model_copy(update={"language": language, "body": body}), folder)
    return ReviewDocument.open(folder)


def _pane(qtbot: QtBot, document: ReviewDocument) -> BodyPane:
    pane = BodyPane(document)
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    _highlighted(qtbot, pane)
    return pane


def _highlighted(qtbot: QtBot, pane: BodyPane) -> None:
    """Once the dictionary is open (in a worker) and the highlighter has been through."""
    highlighter = pane.editor.plain_text_edit.highlighter
    qtbot.waitUntil(lambda: pane.spelling.ready, timeout=20_000)
    qtbot.waitUntil(lambda: not highlighter.pending, timeout=20_000)


def underlined(pane: BodyPane) -> list[str]:
    """The text of every range the highlighting drew with the wavy underline, in order."""
    found = []
    block = pane.editor.plain_text_edit.document().firstBlock()
    while block.isValid():
        for layout_format in block.layout().formats():
            if layout_format.format.underlineStyle() == WAVY:
                start = layout_format.start
                found.append(block.text()[start : start + layout_format.length])
        block = block.next()
    return found


def _menu_on(pane: BodyPane, word: str) -> dict[str, QAction]:
    """The context menu opened on the first `word` of the body, its actions by text."""
    edit = pane.editor.plain_text_edit
    cursor = edit.document().find(word)
    assert not cursor.isNull(), word
    cursor.setPosition(cursor.selectionStart() + 1)
    position = edit.cursorRect(cursor).center()
    menu = edit.context_menu_at(QPoint(position.x(), position.y()))
    return {action.text(): action for action in menu.actions() if action.text()}


@pytest.fixture
def english() -> None:
    dictionary("en")


def test_a_misspelling_typed_gets_the_wavy_underline_on_its_range(
    qtbot: QtBot, sample_bundle: Path, english: None
) -> None:
    pane = _pane(qtbot, _document(sample_bundle, body="Opening words."))
    edit = pane.editor.plain_text_edit
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, " We recieve it.")
    _highlighted(qtbot, pane)
    block = edit.document().firstBlock()
    ranges = [
        (found.start, found.length)
        for found in block.layout().formats()
        if found.format.underlineStyle() == WAVY
    ]
    assert ranges == [(block.text().index("recieve"), len("recieve"))]


def test_code_spans_fenced_code_urls_and_link_targets_are_not_underlined(
    qtbot: QtBot, sample_bundle: Path, english: None
) -> None:
    pane = _pane(qtbot, _document(sample_bundle, body=MIXED))
    # The prose's tyop and the link's text: not the code, the fence, the URLs.
    assert underlined(pane) == ["tyop", "tyop"]
    block = pane.editor.plain_text_edit.document().findBlockByNumber(2)
    starts = [
        found.start for found in block.layout().formats() if found.format.underlineStyle() == WAVY
    ]
    assert starts == [block.text().index("the tyop") + len("the ")]


def test_opening_a_comment_above_a_misspelling_takes_it_out_of_the_check(
    qtbot: QtBot, sample_bundle: Path, english: None
) -> None:
    # The highlighter's own state does not change with "<!--": the spelling's, sharing the
    # block state, has the next line checked again.
    pane = _pane(qtbot, _document(sample_bundle, body="First line.\nA tyop here. -->\nA tyop."))
    assert underlined(pane) == ["tyop", "tyop"]
    edit = pane.editor.plain_text_edit
    edit.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(edit, "<!-- ")
    _highlighted(qtbot, pane)
    assert underlined(pane) == ["tyop"]
    assert edit.document().lastBlock().text() == "A tyop."


def test_a_suggestion_replaces_the_word_and_one_undo_brings_it_back(
    qtbot: QtBot, sample_bundle: Path, english: None
) -> None:
    document = _document(sample_bundle, body="Opening words.")
    pane = _pane(qtbot, document)
    edit = pane.editor.plain_text_edit
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, " We recieve it.")
    _highlighted(qtbot, pane)
    actions = _menu_on(pane, "recieve")
    suggestions = [a for a in actions.values() if a.objectName() == "spelling_suggestion"]
    assert 1 <= len(suggestions) <= 5
    assert "Add to My Dictionary" in actions and "Ignore" in actions
    actions["receive"].trigger()
    assert document.review.body == "Opening words. We receive it."
    _highlighted(qtbot, pane)
    assert underlined(pane) == []
    document.undo_stack.undo()
    assert document.review.body == "Opening words. We recieve it."
    assert pane.editor.text() == document.review.body


def test_add_to_my_dictionary_removes_the_underline_everywhere_and_persists(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, english: None
) -> None:
    other_folder = tmp_path / "other"
    shutil.copytree(sample_bundle, other_folder)
    pane = _pane(qtbot, _document(sample_bundle, body="The Zorblaxian engine."))
    other = _pane(qtbot, _document(other_folder, body="Zorblaxian again."))
    assert underlined(pane) == ["Zorblaxian"] and underlined(other) == ["Zorblaxian"]
    _menu_on(pane, "Zorblaxian")["Add to My Dictionary"].trigger()
    _highlighted(qtbot, pane)
    _highlighted(qtbot, other)
    assert underlined(pane) == [] and underlined(other) == []
    assert "Zorblaxian" in personal_words_file().read_text(encoding="utf-8").split()
    reopened = _pane(qtbot, ReviewDocument.open(other_folder))
    assert underlined(reopened) == []


def test_a_word_list_changed_by_another_program_is_read_when_the_body_has_the_focus_back(
    qtbot: QtBot, sample_bundle: Path, english: None
) -> None:
    pane = _pane(qtbot, _document(sample_bundle, body="The Grumbleton engine."))
    pane.show()
    qtbot.waitExposed(pane)
    assert underlined(pane) == ["Grumbleton"]
    words = personal_words_file()
    words.parent.mkdir(parents=True, exist_ok=True)
    words.write_text("Grumbleton\n", encoding="utf-8")
    edit = pane.editor.plain_text_edit
    edit.clearFocus()
    edit.setFocus()
    qtbot.waitUntil(lambda: underlined(pane) == [], timeout=5_000)


def test_add_to_this_sites_dictionary_writes_the_sites_list(
    qtbot: QtBot, sample_bundle: Path, english: None
) -> None:
    document = _document(sample_bundle, body="The Quorvane engine.")
    pane = _pane(qtbot, document)
    _menu_on(pane, "Quorvane")["Add to This Site's Dictionary"].trigger()
    _highlighted(qtbot, pane)
    assert underlined(pane) == []
    site_list = document.spelling.checker.site  # type: ignore[union-attr]
    assert site_list is not None and "Quorvane" in site_list.path.read_text(encoding="utf-8")
    assert "Quorvane" not in (
        personal_words_file().read_text(encoding="utf-8") if personal_words_file().exists() else ""
    )


def test_ignore_removes_the_underline_in_this_document_only(
    qtbot: QtBot, sample_bundle: Path, english: None
) -> None:
    pane = _pane(qtbot, _document(sample_bundle, body="A Vextrine here."))
    _menu_on(pane, "Vextrine")["Ignore"].trigger()
    _highlighted(qtbot, pane)
    assert underlined(pane) == []
    assert not personal_words_file().exists() or "Vextrine" not in personal_words_file().read_text(
        encoding="utf-8"
    )


def test_a_tag_added_to_the_review_is_no_longer_underlined(
    qtbot: QtBot, sample_bundle: Path, english: None
) -> None:
    document = _document(sample_bundle, body="The Qwzzleton engine.")
    pane = _pane(qtbot, document)
    assert underlined(pane) == ["Qwzzleton"]
    document.set("tags", [*document.review.tags, "qwzzleton"])
    # Taken once typing pauses.
    qtbot.waitUntil(
        lambda: not pane.editor.plain_text_edit.highlighter.pending and not underlined(pane)
    )


def test_a_german_review_checks_german(qtbot: QtBot, sample_bundle: Path) -> None:
    dictionary("de")
    pane = _pane(
        qtbot, _document(sample_bundle, language="de", body="Das Fahrrad ist schön, recieve.")
    )
    assert underlined(pane) == ["recieve"]


def test_changing_the_language_checks_the_body_again(
    qtbot: QtBot, sample_bundle: Path, english: None
) -> None:
    dictionary("de")
    document = _document(sample_bundle, body="Das Fahrrad ist schön.")
    pane = _pane(qtbot, document)
    assert "Fahrrad" in underlined(pane)
    document.set("language", "de")
    _highlighted(qtbot, pane)
    assert underlined(pane) == []


def test_a_missing_dictionary_underlines_nothing_and_is_named_in_the_problems_list(
    qtbot: QtBot, sample_bundle: Path
) -> None:
    document = _document(sample_bundle, language="tlh", body="Qapla' recieve tyop.")
    pane = _pane(qtbot, document)
    assert pane.spelling.missing is not None
    assert underlined(pane) == []
    edit = pane.editor.plain_text_edit
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, " more")
    assert document.review.body.endswith(" more")  # editing goes on
    checks = ReviewChecks(document)
    checks.run()
    named = [p for p in checks.problems if p.field == "language"]
    assert [p.message for p in named] == [pane.spelling.missing.message]


@pytest.mark.usefixtures("app_heap_only")  # the stalls are the app's
def test_a_100000_word_body_is_underlined_without_holding_the_window_up(
    qtbot: QtBot, sample_bundle: Path, english: None
) -> None:
    body = make_review(100_000, seed=1).body + "\n\nA last tyop."
    document = _document(sample_bundle, body="")
    pane = _pane(qtbot, document)
    pane.show()
    qtbot.waitExposed(pane)
    heart = Heartbeat()
    started = heart.now()
    document.set("body", body)
    set_at = heart.now()
    _highlighted(qtbot, pane)
    done = heart.now()
    heart.stop()
    assert underlined(pane)[-1] == "tyop"
    assert done - started < 10_000
    # Each turn highlights and checks for the highlighter's budget: no stall over the
    # huge-input bounds (tests/ui/test_huge_input.py): the UI thread's time without a beat,
    # and the wall clock's, which a loaded machine stretches (700-900 ms seen beside the
    # huge-input tests on two cores, for the same work).
    assert heart.longest_busy(set_at, done) < 300, HIGHLIGHT_BUDGET_S
    assert heart.longest(set_at, done) < 1_500
    print(f"100k words: set {set_at - started:.0f} ms, underlined {done - started:.0f} ms")


def test_f7_walks_from_misspelling_to_misspelling_round_the_body(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, english: None
) -> None:
    body = "A tyop here.\n\n```\ncodde in a fence\n```\n\nThen a secnd one, `and codde`.\n"
    dictionary("en-GB")
    document = _document(sample_bundle, body=body, language="en-GB")  # its fields are clean
    window = MainWindow(document, Settings(str(tmp_path / "settings.ini")))
    qtbot.addWidget(window, before_close_func=lambda _: document.undo_stack.setClean())
    window.show()
    window.activateWindow()  # a shortcut goes to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(lambda: window.body.spelling.ready)
    window.panes.setCurrentIndex(0)  # the writer is in another pane
    edit = window.body.editor.plain_text_edit
    found = []
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_F7)
        found.append(edit.textCursor().selectedText())
    assert found == ["tyop", "secnd", "tyop"]  # round again from the top; code never
    assert window.panes.currentWidget() is window.body and edit.hasFocus()
    document.set("body", "Nothing wrong here.\n", merge=False)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.statusBar().currentMessage() == "No misspelling in the review"
