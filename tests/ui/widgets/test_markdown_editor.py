"""The body editor, driven as the writer drives it: typing, shortcuts, toolbar clicks, drops."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QImage,
    QPalette,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QToolBar
from pytestqt.qtbot import QtBot

from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.ui.widgets.markdown_editor import MarkdownEditor
from reviewdesk.ui.widgets.markdown_highlighter import MarkdownHighlighter

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def editor(qtbot: QtBot) -> MarkdownEditor:
    widget = MarkdownEditor()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    widget.plain_text_edit.setFocus()
    return widget


def select(editor: MarkdownEditor, start: int, end: int) -> None:
    cursor = editor.plain_text_edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.plain_text_edit.setTextCursor(cursor)


def selected(editor: MarkdownEditor) -> str:
    return editor.plain_text_edit.textCursor().selectedText()


def click(editor: MarkdownEditor, qtbot: QtBot, action: str) -> None:
    toolbar = editor.findChild(QToolBar)
    assert toolbar is not None
    qtbot.mouseClick(toolbar.widgetForAction(editor.action(action)), Qt.MouseButton.LeftButton)


def test_typing_emits_the_whole_text(editor: MarkdownEditor, qtbot: QtBot) -> None:
    edited: list[str] = []
    editor.text_edited.connect(edited.append)
    with qtbot.waitSignal(editor.text_edited):
        qtbot.keyClicks(editor.plain_text_edit, "Hi")
    qtbot.keyClick(editor.plain_text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor.plain_text_edit, "there")
    assert edited[:2] == ["H", "Hi"]
    assert edited[-1] == editor.text() == "Hi\nthere"  # Shift+Enter is a plain line break
    assert editor.word_count() == 2


def test_set_text_does_not_emit_and_keeps_the_cursor(editor: MarkdownEditor) -> None:
    emitted: list[object] = []
    editor.text_edited.connect(emitted.append)
    editor.cursor_block_changed.connect(emitted.append)
    editor.set_text("First paragraph.\n\nSecond\u00a0paragraph.\n")
    select(editor, 20, 20)
    emitted.clear()
    editor.set_text("Changed paragraph.\n\nSecond\u00a0paragraph.\n")
    editor.set_text(editor.text())  # equal: nothing at all
    assert emitted == []
    assert editor.text() == "Changed paragraph.\n\nSecond\u00a0paragraph.\n"  # nbsp kept
    assert editor.plain_text_edit.textCursor().position() == 22  # moved with its text
    assert not editor.plain_text_edit.document().isUndoAvailable()


def test_the_bodys_own_line_breaks_stay_and_new_lines_take_its_style(
    editor: MarkdownEditor, qtbot: QtBot
) -> None:
    edited: list[str] = []
    editor.text_edited.connect(edited.append)
    editor.set_text("One.\r\n\r\nTwo.\r\n")
    edit = editor.plain_text_edit
    qtbot.keyClick(edit, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(edit, "Three.")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, "- Four")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # a list carried on: a new line all the same
    assert edited[-1] == editor.text() == "One.\r\n\r\nTwo.\r\nThree.\r\n- Four\r\n- "
    editor.set_text("One.\n\nTwo.\n")  # the same lines, other breaks (a file saved elsewhere)
    assert editor.text() == "One.\n\nTwo.\n"


def test_breaks_of_mixed_styles_and_separators_each_stay_while_typing(
    editor: MarkdownEditor, qtbot: QtBot
) -> None:
    editor.set_text("a\r\nb\nc\rd\u2029e\u2028f")
    select(editor, 3, 3)  # after "b"
    qtbot.keyClicks(editor.plain_text_edit, "ee")
    assert editor.text() == "a\r\nbee\nc\rd\u2029e\u2028f"  # U+2028 is no block end


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(max_size=60))
def test_any_body_set_reads_back_as_itself(editor: MarkdownEditor, body: str) -> None:
    editor.set_text(body)
    assert editor.text() == body


def test_cursor_block_changed_names_the_block(editor: MarkdownEditor, qtbot: QtBot) -> None:
    editor.set_text("one\ntwo\nthree")
    with qtbot.waitSignal(editor.cursor_block_changed) as moved:
        qtbot.keyClick(editor.plain_text_edit, Qt.Key.Key_End, CTRL)
    assert moved.args == [2]


def test_ctrl_b_wraps_the_selection_and_again_unwraps(editor: MarkdownEditor, qtbot: QtBot) -> None:
    editor.set_text("Make this bold now")
    select(editor, 5, 15)  # "this bold " with its trailing space
    with qtbot.waitSignal(editor.text_edited) as edited:
        qtbot.keyClick(editor.plain_text_edit, Qt.Key.Key_B, CTRL)
    assert edited.args == ["Make **this bold** now"]
    assert selected(editor) == "this bold"
    qtbot.keyClick(editor.plain_text_edit, Qt.Key.Key_B, CTRL)
    assert editor.text() == "Make this bold now"


def test_ctrl_i_wraps_the_word_at_the_cursor(editor: MarkdownEditor, qtbot: QtBot) -> None:
    editor.set_text("an important word")
    select(editor, 5, 5)
    qtbot.keyClick(editor.plain_text_edit, Qt.Key.Key_I, CTRL)
    assert editor.text() == "an *important* word"
    select(editor, 19, 19)  # after "word": nothing selected, markers around the cursor
    qtbot.keyClick(editor.plain_text_edit, Qt.Key.Key_End)
    qtbot.keyClicks(editor.plain_text_edit, " ")
    qtbot.keyClick(editor.plain_text_edit, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(editor.plain_text_edit, "x")
    assert editor.text() == "an *important* word **x**"


def test_list_buttons_prefix_and_unprefix_the_selected_lines(
    editor: MarkdownEditor, qtbot: QtBot
) -> None:
    editor.set_text("Apples\n\nPears\nPlums\nAfter")
    select(editor, 0, len("Apples\n\nPears\nPlums\n"))  # ends at the start of "After"
    edits: list[object] = []
    editor.text_edited.connect(edits.append)
    click(editor, qtbot, "bullet_list")
    assert editor.text() == "- Apples\n\n- Pears\n- Plums\nAfter"
    click(editor, qtbot, "numbered_list")
    assert editor.text() == "1. Apples\n\n2. Pears\n3. Plums\nAfter"
    click(editor, qtbot, "numbered_list")
    assert editor.text() == "Apples\n\nPears\nPlums\nAfter"
    assert len(edits) == 3  # one edit (so one undo step of the review) each


def test_heading_cycles_on_the_current_line(editor: MarkdownEditor, qtbot: QtBot) -> None:
    editor.set_text("Intro\nVerdict")
    select(editor, 8, 8)
    shortcut = (Qt.Key.Key_H, CTRL | Qt.KeyboardModifier.ShiftModifier)
    texts = []
    for _ in range(3):
        qtbot.keyClick(editor.plain_text_edit, *shortcut)
        texts.append(editor.text())
    assert texts == ["Intro\n## Verdict", "Intro\n### Verdict", "Intro\nVerdict"]


def test_ctrl_k_inserts_a_link_with_the_address_selected(
    editor: MarkdownEditor, qtbot: QtBot
) -> None:
    editor.set_text("See the manual.")
    select(editor, 8, 14)
    qtbot.keyClick(editor.plain_text_edit, Qt.Key.Key_K, CTRL)
    assert editor.text() == "See the [manual](https://)."
    assert selected(editor) == "https://"
    qtbot.keyClicks(editor.plain_text_edit, "https://example.org")
    assert editor.text() == "See the [manual](https://example.org)."


def test_image_button_imports_the_chosen_file(
    editor: MarkdownEditor, qtbot: QtBot, tmp_path: Path
) -> None:
    picture = tmp_path / "photo.png"
    imported: list[Path] = []

    def import_image(path: Path) -> str:
        imported.append(path)
        return "assets/my photo.png"

    editor.choose_image = lambda: picture
    editor.import_image = import_image
    editor.set_text("Look: ")
    select(editor, 6, 6)
    click(editor, qtbot, "image")
    assert imported == [picture]
    assert editor.text() == "Look: ![alt text](assets/my%20photo.png)"
    assert selected(editor) == "alt text"


def drop(editor: MarkdownEditor, position: int, data: QMimeData) -> bool:
    """Drag `data` over the text to `position` and drop it there, as the window system does;
    False when the text refuses it on entering."""
    edit = editor.plain_text_edit
    cursor = QTextCursor(edit.document())
    cursor.setPosition(position)
    point = QPointF(edit.cursorRect(cursor).center())
    action, button = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    modifiers = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), action, data, button, modifiers)
    QApplication.sendEvent(edit.viewport(), enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(point.toPoint(), action, data, button, modifiers)
    QApplication.sendEvent(edit.viewport(), move)
    QApplication.sendEvent(edit.viewport(), QDropEvent(point, action, data, button, modifiers))
    return True


def test_dropping_an_image_file_inserts_it_at_the_drop_position(
    editor: MarkdownEditor, qtbot: QtBot, tmp_path: Path
) -> None:
    picture = tmp_path / "Cover shot.PNG"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    assert image.save(str(picture))  # the format from the suffix
    imported: list[Path] = []

    def import_image(path: Path) -> str:
        imported.append(path)
        return f"assets/{path.name}"

    editor.import_image = import_image
    editor.set_text("First line\nSecond line")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(picture))])
    with qtbot.waitSignal(editor.text_edited) as edited:
        assert drop(editor, len("First line\n"), data)
    assert imported == [picture]
    assert edited.args == ["First line\n![Cover shot](assets/Cover%20shot.PNG)Second line"]


def test_other_drops_behave_as_in_any_text_edit(editor: MarkdownEditor, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not an image")
    editor.import_image = lambda path: pytest.fail(f"imported {path}")
    editor.set_text("ab")
    text = QMimeData()
    text.setText("XY")
    assert drop(editor, 1, text)
    assert editor.text() == "aXYb"
    file = QMimeData()
    file.setUrls([QUrl.fromLocalFile(str(notes))])
    assert drop(editor, 1, file)  # Qt's own behaviour: the file's address as text
    assert editor.text() == f"a{QUrl.fromLocalFile(str(notes)).toString()}XYb"


def formats_of(document: QTextDocument, block_number: int) -> list[tuple[int, int, QFont.Weight]]:
    layout = document.findBlockByNumber(block_number).layout()
    return [(r.start, r.length, QFont.Weight(r.format.fontWeight())) for r in layout.formats()]


def test_highlighter_makes_a_heading_line_bold(editor: MarkdownEditor) -> None:
    editor.set_text("Intro with `code` here\n## The verdict\nPlain")
    document = editor.plain_text_edit.document()
    heading = formats_of(document, 1)
    assert (0, len("## The verdict"), QFont.Weight.Bold) in heading
    assert all(weight != QFont.Weight.Bold for *_, weight in formats_of(document, 2))


def test_highlighter_keeps_fenced_code_across_lines_and_follows_the_palette(
    qtbot: QtBot,
) -> None:
    document = QTextDocument("```python\n# not a heading\n**not bold**\n```\n# Heading")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Link, QColor("#ff0000"))
    document.documentLayout()  # a document without a layout signals no changes to highlight
    highlighter = MarkdownHighlighter(document, palette)
    assert [formats_of(document, n)[0][2] for n in range(5)] == [
        *[QFont.Weight.Normal] * 4,
        QFont.Weight.Bold,
    ]
    inside = document.findBlockByNumber(1).layout().formats()
    assert inside[0].format.fontFixedPitch()
    document.setPlainText("[a link](https://example.org)")

    def link_colour() -> QColor:
        ranges = document.firstBlock().layout().formats()
        return next(r.format.foreground().color() for r in ranges if r.format.fontUnderline())

    assert link_colour() == QColor("#ff0000")
    palette.setColor(QPalette.ColorRole.Link, QColor("#00ff00"))
    highlighter.set_palette(palette)
    assert link_colour() == QColor("#00ff00")


def test_a_new_palette_recolours_without_editing(editor: MarkdownEditor) -> None:
    editor.set_text("[a link](https://example.org)")
    edited: list[str] = []
    editor.text_edited.connect(edited.append)

    def link_colour() -> QColor:
        ranges = editor.plain_text_edit.document().firstBlock().layout().formats()
        return next(r.format.foreground().color() for r in ranges if r.format.fontUnderline())

    palette = editor.plain_text_edit.palette()
    palette.setColor(QPalette.ColorRole.Link, QColor("#123456"))
    editor.plain_text_edit.setPalette(palette)  # as when the system switches to dark mode
    assert link_colour() == QColor("#123456")
    assert edited == []


def test_find_bar_opens_from_the_editor(editor: MarkdownEditor, qtbot: QtBot) -> None:
    editor.set_text("one two one")
    qtbot.keyClick(editor.plain_text_edit, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(editor.find_bar.find_field, "one")
    assert editor.find_bar.status_label.text() == "1 of 2"


def test_word_count_leaves_out_link_targets_and_tags(editor: MarkdownEditor) -> None:
    editor.set_text("## Don't stop\n\nA [well-known](https://example.org/a-b) <kbd>key</kbd>.")
    assert editor.word_count() == 5  # Don't, stop, A, well-known, key


ENTER = Qt.Key.Key_Return


@pytest.mark.parametrize(
    ("line", "typed", "expected"),
    [
        ("- Battery", "Case", "- Battery\n- Case"),
        ("  * Nested", "Two", "  * Nested\n  * Two"),
        ("9. Ninth", "Tenth", "9. Ninth\n10. Tenth"),
        ("1) First", "Second", "1) First\n2) Second"),
        ("- [x] Done", "Next", "- [x] Done\n- [ ] Next"),
        ("> Quoted", "On", "> Quoted\n> On"),
        ("Plain", "Text", "Plain\nText"),
    ],
)
def test_enter_in_a_list_or_quote_carries_it_on(
    editor: MarkdownEditor, qtbot: QtBot, line: str, typed: str, expected: str
) -> None:
    editor.set_text(line)
    edit = editor.plain_text_edit
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edits: list[object] = []
    editor.text_edited.connect(edits.append)
    qtbot.keyClick(edit, ENTER)
    assert len(edits) == 1  # one edit: one undo step
    qtbot.keyClicks(edit, typed)
    assert editor.text() == expected


@pytest.mark.parametrize(
    ("line", "kind"), [("- One", "ul"), ("1. One", "ol"), ("> One", "blockquote")]
)
def test_enter_on_an_empty_item_ends_the_list_with_a_paragraph_after_it(
    editor: MarkdownEditor, qtbot: QtBot, line: str, kind: str
) -> None:
    # Typed right under the last item, the sentence was read as more of that item.
    editor.set_text(line)
    edit = editor.plain_text_edit
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(edit, ENTER)
    qtbot.keyClick(edit, ENTER)
    qtbot.keyClicks(edit, "After the list.")
    assert editor.text() == f"{line}\n\nAfter the list."
    html = render_markdown(editor.text())
    assert f"</{kind}>\n<p>After the list.</p>" in html


def test_enter_mid_item_splits_it_and_shift_enter_is_a_plain_line(
    editor: MarkdownEditor, qtbot: QtBot
) -> None:
    editor.set_text("- Light and loud")
    edit = editor.plain_text_edit
    select(editor, len("- Light "), len("- Light "))
    qtbot.keyClick(edit, ENTER)
    assert editor.text() == "- Light \n- and loud"
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(edit, ENTER, Qt.KeyboardModifier.ShiftModifier)
    assert editor.text() == "- Light \n- and loud\n"
