"""Highlighting huge bodies without freezing the window: lines past a time budget are
highlighted in later turns of the event loop, a very long line only in its first part, and a
word too long to break anywhere is left to run past the edge."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QTextCursor, QTextDocument, QTextOption
from pytestqt.qtbot import QtBot

from bench.huge_input import CASES
from reviewdesk.ui.widgets import markdown_highlighter
from reviewdesk.ui.widgets.markdown_editor import LONG_WORD_CHARS, MarkdownEditor, MarkdownTextEdit
from reviewdesk.ui.widgets.markdown_highlighter import MAX_INLINE_CHARS, MarkdownHighlighter

DIV_LINES = CASES["div-lines"].body  # 50,000 nested <div>, a line each
DIVS = CASES["divs"].body  # 50,000 nested <div> on one line
STALL_MS = 500  # the budget is 15 ms a turn; before, all 100,000 lines took 4 s in one


@pytest.fixture
def editor(qtbot: QtBot) -> MarkdownEditor:
    widget = MarkdownEditor()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def highlighter_of(editor: MarkdownEditor) -> MarkdownHighlighter:
    edit = editor.plain_text_edit
    assert isinstance(edit, MarkdownTextEdit)
    return edit.highlighter


Formats = list[tuple[int, int, str, bool]]


def formats(document: QTextDocument) -> list[Formats]:
    """Each line's highlighting: (start, length, colour, bold) of each range."""
    lines = []
    block = document.begin()
    while block.isValid():
        lines.append(
            [
                (
                    r.start,
                    r.length,
                    r.format.foreground().color().name(),
                    r.format.fontWeight() > 400,
                )
                for r in block.layout().formats()
            ]
        )
        block = block.next()
    return lines


def wait_highlighted(qtbot: QtBot, editor: MarkdownEditor) -> float:
    """Wait until every line is highlighted; the longest the event loop was held meanwhile."""
    highlighter = highlighter_of(editor)
    gaps = [0.0]
    clock = QElapsedTimer()
    clock.start()

    def beat() -> None:
        gaps.append(clock.restart())

    heart = QTimer(interval=5, timerType=Qt.TimerType.PreciseTimer)
    heart.timeout.connect(beat)
    heart.start()
    qtbot.waitUntil(lambda: not highlighter.pending, timeout=60_000)
    heart.stop()
    return max(gaps)


def test_a_hundred_thousand_lines_are_highlighted_in_parts(
    qtbot: QtBot, editor: MarkdownEditor
) -> None:
    document = editor.plain_text_edit.document()
    started = time.perf_counter()
    editor.set_text(DIV_LINES)
    assert time.perf_counter() - started < 5  # Qt's own layout of 100,000 lines is most of it
    assert highlighter_of(editor).pending
    last_div = document.findBlockByNumber(document.blockCount() - 4)
    assert last_div.text() == "</div>" and not last_div.layout().formats()
    assert wait_highlighted(qtbot, editor) < STALL_MS
    assert last_div.layout().formats()  # the tag is coloured now
    assert editor.text() == DIV_LINES  # highlighting is not an edit


def test_a_key_typed_while_lines_wait_highlights_its_line_at_once(
    qtbot: QtBot, editor: MarkdownEditor
) -> None:
    editor.set_text(DIV_LINES)  # the budget of this turn is spent: 99,000 lines wait
    edit = editor.plain_text_edit
    edit.moveCursor(QTextCursor.MoveOperation.Start)
    for key in "Hello":
        started = time.perf_counter()
        qtbot.keyClicks(edit, key)
        # Its own line only: not every line after it marked to wait again (0.3 s a key).
        assert time.perf_counter() - started < 0.1
    first = edit.document().firstBlock()
    assert first.text() == "HelloIntro." and first.userState() == 0
    wait_highlighted(qtbot, editor)


def test_typing_while_lines_wait_ends_as_highlighting_all_at_once(
    qtbot: QtBot, editor: MarkdownEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = "## Heading\n\nSome *text* with `code` and <b>tags</b>.\n\n```\n# not a heading\n```\n\n"
    text = unit * 3_000
    editor.set_text(text)
    assert highlighter_of(editor).pending
    edit = editor.plain_text_edit
    cursor = edit.textCursor()
    cursor.setPosition(len(unit) * 10)
    edit.setTextCursor(cursor)
    qtbot.keyClicks(edit, "```")  # opens a fence: every line after it changes
    cursor.setPosition(len(text) // 2)
    edit.setTextCursor(cursor)
    qtbot.keyClicks(edit, "**bold** ")
    wait_highlighted(qtbot, editor)
    progressive = formats(edit.document())

    monkeypatch.setattr(markdown_highlighter, "HIGHLIGHT_BUDGET_S", 1e9)  # all at once
    reference = MarkdownEditor()
    qtbot.addWidget(reference)
    reference.set_text(editor.text())
    assert not highlighter_of(reference).pending
    assert progressive == formats(reference.plain_text_edit.document())


def test_a_500_kb_line_is_highlighted_in_its_first_part_only(
    editor: MarkdownEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(markdown_highlighter, "HIGHLIGHT_BUDGET_S", 1e9)  # one line: no parts
    editor.set_text(DIVS)
    document = editor.plain_text_edit.document()
    line = document.findBlockByNumber(2)
    assert len(line.text()) > 500_000
    started = time.perf_counter()
    highlighter_of(editor).rehighlightBlock(line)
    assert time.perf_counter() - started < 0.2  # 0.8 s when every tag of it was coloured
    ends = [r.start + r.length for r in line.layout().formats()]
    assert ends and max(ends) <= MAX_INLINE_CHARS


def test_a_word_too_long_to_break_runs_past_the_edge(qtbot: QtBot, editor: MarkdownEditor) -> None:
    edit = editor.plain_text_edit
    anywhere_too = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    assert edit.wordWrapMode() == anywhere_too
    started = time.perf_counter()
    editor.set_text(DIVS)
    qtbot.waitUntil(lambda: not highlighter_of(editor).pending)
    edit.viewport().repaint()  # lays the line out: 4 s for Qt to find where to break the word
    assert time.perf_counter() - started < 2
    assert edit.wordWrapMode() == QTextOption.WrapMode.WordWrap

    editor.set_text("Prose again, with a https://example.org/long/url that may break.")
    assert edit.wordWrapMode() == anywhere_too
    edit.selectAll()
    edit.insertPlainText("x" * LONG_WORD_CHARS)  # typed or pasted, a long word switches too
    assert edit.wordWrapMode() == QTextOption.WrapMode.WordWrap
    edit.selectAll()
    qtbot.keyClicks(edit, "short words")
    assert edit.wordWrapMode() == anywhere_too
