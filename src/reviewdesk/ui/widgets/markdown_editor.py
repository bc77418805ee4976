"""The body editor: a Markdown text edit with highlighting, a formatting toolbar, image drops
and find and replace. It only emits; the pane that owns it wires it to the document."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QEvent, QMimeData, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolBar, QVBoxLayout, QWidget

from reviewdesk.core.delimited import Delimited
from reviewdesk.core.line_breaks import LineBreaks
from reviewdesk.core.media_types import is_image_name
from reviewdesk.core.text_change import TextChange
from reviewdesk.ui.widgets.find_replace_bar import FindReplaceBar
from reviewdesk.ui.widgets.markdown_highlighter import MarkdownHighlighter

_LIST_ITEM = re.compile(r"(?P<indent>[ \t]*)(?:(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+|$))?")
# What Enter carries on to the next line: a list item's marker (with its task box) or a quote.
_CONTINUED = re.compile(
    r"(?P<indent>[ \t]*)(?:(?P<bullet>[-*+])|(?P<number>\d{1,9})(?P<delimiter>[.)]))[ \t]+"
    r"(?P<task>\[[ xX]\][ \t]+)?|(?P<quote>[ \t]*(?:>[ \t]?)+)"
)
_HEADING = re.compile(r"(?P<indent> {0,3})(?P<hashes>#{1,6})(?:[ \t]+|$)")
_URL = re.compile(r"(?:https?|mailto):\S+")
_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*")  # "don't", "don\u2019t", "well-known"
# Link targets and HTML tags, as `\]\([^)\n]*\)|<[^>\n]*>` finds them but in linear time: that
# read the rest of a line of `<<<...` or `](](...` again from each one, quadratic.
_NOT_PROSE = Delimited((r"\]\(", r"\)"), ("<", ">"))
_TARGET_BREAKERS = re.compile(r"[\s()<>]")
_KEEP = QTextCursor.MoveMode.KeepAnchor
# Qt wraps a line at word boundaries, and anywhere in a word too long for the width; finding
# where to break a word of 50,000 characters (nested tags, an image pasted as base64) takes
# it seconds, at every keystroke in that line. While the text holds a word this long, lines
# wrap at word boundaries only, and the long word runs on past the edge.
LONG_WORD_CHARS = 10_000
_LONG_WORD = re.compile(rf"(?<!\S)\S{{{LONG_WORD_CHARS}}}")
_WRAP_WORDS = QTextOption.WrapMode.WordWrap
_WRAP_ANYWHERE_TOO = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


def _utf16_length(text: str) -> int:
    """Length in QTextDocument positions."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _image_markdown(alt: str, relative: str) -> str:
    # A space or bracket would end the link target: percent-encode them (resolved unquoted).
    target = _TARGET_BREAKERS.sub(lambda found: quote(found[0]), relative)
    return f"![{alt.replace('[', '').replace(']', '')}]({target})"


def _next_marker(found: re.Match[str]) -> str:
    """How the line after the item or quote `found` begins."""
    if found["quote"]:
        return found["quote"]
    marker = found["bullet"] or f"{int(found['number']) + 1}{found['delimiter']}"
    return f"{found['indent']}{marker} {'[ ] ' if found['task'] else ''}"


def has_long_word(text: str) -> bool:
    """Whether `text` holds a word of LONG_WORD_CHARS or more (only long lines can)."""
    return any(
        len(line) >= LONG_WORD_CHARS and _LONG_WORD.search(line) for line in text.split("\n")
    )


def _image_files(source: QMimeData) -> list[Path]:
    if not source.hasUrls():
        return []
    files = [Path(url.toLocalFile()) for url in source.urls() if url.isLocalFile()]
    return [file for file in files if is_image_name(file.name)]


def _no_image() -> Path | None:
    return None


def _no_import(_source: Path) -> str | None:
    return None


def _nothing_to_add(_menu: QMenu, _cursor: QTextCursor) -> None:
    pass


class MarkdownTextEdit(QPlainTextEdit):
    """The text: highlighted, plain paragraphs only, image files dropped as Markdown through
    `image_markdown` (which returns "" to refuse them)."""

    def __init__(
        self, image_markdown: Callable[[Sequence[Path]], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._image_markdown = image_markdown
        self.highlighter = MarkdownHighlighter(self.document(), self.palette())
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabStopDistance(4 * self.fontMetrics().horizontalAdvance(" "))
        self.document().setDocumentMargin(8)
        # The review's history is the only one (ui/undo_router.py): a second, here, would hold
        # the whole body again.
        self.setUndoRedoEnabled(False)
        # Adds to the context menu for the text at a cursor (spelling: ui/body_spelling.py).
        self.extend_context_menu: Callable[[QMenu, QTextCursor], None] = _nothing_to_add

    def context_menu_at(self, position: QPoint) -> QMenu:
        """The context menu for a click at `position` (viewport coordinates)."""
        menu = self.createStandardContextMenu(position)
        self.extend_context_menu(menu, self.cursorForPosition(position))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's API)
        menu = self.context_menu_at(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def wrap_for(self, text: str, *, added: bool = False) -> None:
        """Wrap lines as suits `text`: the whole text, or (`added`) text about to join it,
        which can only bring a long word in."""
        long_word = has_long_word(text)
        if added and not long_word:
            return
        mode = _WRAP_WORDS if long_word else _WRAP_ANYWHERE_TOO
        if self.wordWrapMode() != mode:
            self.setWordWrapMode(mode)

    def event(self, event: QEvent) -> bool:
        # Let the editor's own shortcuts through where the platform gives the keys to text
        # editing (Ctrl+K deletes to the end of the line with some key bindings).
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._is_own_shortcut(event)
        ):
            event.ignore()
            return True
        return super().event(event)

    def _is_own_shortcut(self, event: QKeyEvent) -> bool:
        pressed = QKeySequence(event.keyCombination())
        return any(pressed in action.shortcuts() for action in self.actions())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Shift+Enter would insert a line separator (U+2028), which is not Markdown: it
            # is a plain new line; Enter alone carries a list or a quote on.
            shift = Qt.KeyboardModifier.ShiftModifier
            if event.modifiers() & shift:
                event = QKeyEvent(event.type(), event.key(), event.modifiers() & ~shift, "\r")
            elif self._continue_block():
                return
        super().keyPressEvent(event)

    def _continue_block(self) -> bool:
        """Enter in a list item or a quote: the next line starts the same way (the next
        number, an unticked box); on an empty item it ends the list, a blank line after it.
        One edit."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        line = cursor.block().text()
        found = _CONTINUED.match(line)
        if found is None or cursor.positionInBlock() < found.end():
            return False
        if not line[found.end() :].strip():  # Enter on an empty item: the list is over
            # The item becomes the blank line that ends it, and the writer goes on below:
            # a line right after an item would be read as more of that item.
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, _KEEP)
            cursor.insertText("\n")
            self.setTextCursor(cursor)
            return True
        cursor.insertText("\n" + _next_marker(found))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light/dark mode switched
            self.highlighter.set_palette(self.palette())

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt's API)
        return bool(_image_files(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt's API)
        # On a drop the cursor is already at the drop position.
        images = _image_files(source)
        if not images:
            self.wrap_for(source.text(), added=True)  # before Qt lays the pasted text out
            super().insertFromMimeData(source)
        elif markdown := self._image_markdown(images):
            self.insertPlainText(markdown)


class MarkdownEditor(QWidget):
    """A formatting toolbar above the text and a find and replace bar below it.

    `choose_image` asks the writer for an image file; `import_image` copies it into the
    bundle and returns its path relative to the bundle (None refuses it). Both default to
    doing nothing."""

    # On every change by the writer, with the whole text: an object, not a str, so that a
    # long body is not converted to a QString and back for each listener.
    text_edited = Signal(object)
    cursor_block_changed = Signal(int)  # the number of the block the cursor moved into

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        choose_image: Callable[[], Path | None] = _no_image,
        import_image: Callable[[Path], str | None] = _no_import,
    ) -> None:
        super().__init__(parent)
        self.choose_image = choose_image
        self.import_image = import_image
        self._edit = MarkdownTextEdit(self._dropped_images_markdown)
        font = self._edit.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(font.pointSizeF(), 11.0))
            self._edit.setFont(font)
        self.find_bar = FindReplaceBar(self._edit)
        self._block = 0
        self._text = ""  # as last emitted or set
        self._breaks = LineBreaks()  # the body's own line breaks, as it was set

        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name, text, tip, keys, slot in (
            ("bold", "B", "Bold", "Ctrl+B", lambda: self.toggle_emphasis("**")),
            ("italic", "I", "Italic", "Ctrl+I", lambda: self.toggle_emphasis("*")),
            # Ctrl+H is Replace (find and replace) on most platforms.
            ("heading", "H", "Heading ## / ###", "Ctrl+Shift+H", self.cycle_heading),
            ("bullet_list", "•", "Bulleted list", "", lambda: self.toggle_list(numbered=False)),
            ("numbered_list", "1.", "Numbered list", "", lambda: self.toggle_list(numbered=True)),
            ("link", "Link", "Link", "Ctrl+K", self.insert_link),
            ("image", "Image", "Image…", "", self.insert_image),
        ):
            action = QAction(text, self)
            action.setObjectName(name)
            shortcut = QKeySequence(keys)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            readable = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({readable})" if keys else tip)
            action.triggered.connect(slot)
            toolbar.addAction(action)
            self._edit.addAction(action)  # the shortcut works while typing
        for name in ("bold", "italic"):
            button = toolbar.widgetForAction(self.action(name))
            font = button.font()
            font.setBold(name == "bold")
            font.setItalic(name == "italic")
            button.setFont(font)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(toolbar)
        layout.addWidget(self._edit, 1)
        layout.addWidget(self.find_bar)
        self.setFocusProxy(self._edit)

        self._edit.textChanged.connect(self._text_changed)
        self._edit.cursorPositionChanged.connect(self._cursor_moved)

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of `line` (1-based), shown, and focus the text."""
        block = self._edit.document().findBlockByNumber(max(0, line - 1))
        if block.isValid():
            self._edit.setTextCursor(QTextCursor(block))
            self._edit.centerCursor()
        self._edit.setFocus()

    @property
    def plain_text_edit(self) -> MarkdownTextEdit:
        return self._edit

    def action(self, name: str) -> QAction:
        """A toolbar action by name: bold, italic, heading, bullet_list, numbered_list, link,
        image."""
        found = self.findChild(QAction, name)
        if found is None:
            raise KeyError(name)
        return found

    # The text

    def text(self) -> str:
        # Raw text keeps no-break spaces (toPlainText turns them into spaces); every line ends
        # in U+2029 there, read back as the body's own line break (LineBreaks).
        return self._breaks.text(self._edit.document().toRawText())

    def set_text(self, text: str, *, step: bool = False) -> None:
        """Show `text` without emitting, replacing only what differs so that the cursor and
        the scroll position stay where they can; for an undo or redo `step`, the cursor goes
        to the end of what changed, in view, as editors put it, to type on from there."""
        if text == self._text:
            return  # what the editor holds (it says so on every change): no need to read it
        # Set first: the document signals the change below once, done, and it is read then.
        self._breaks = LineBreaks(text)
        wanted = self._breaks.raw
        current = self._edit.document().toRawText()
        if wanted == current:
            self._text = text
            return
        change = TextChange.between(current, wanted)
        start = _utf16_length(current[: change.start])
        end = start + _utf16_length(change.removed)
        inserted = change.inserted
        new_end = start + _utf16_length(inserted)

        def mapped(position: int) -> int:
            # Text after the change moves with it; a position inside it (or at its start,
            # which Qt would push past an insertion) stays as near as it can.
            if position > end or (position == end and end > start):
                return position + new_end - end
            return min(position, new_end)

        scroll = self._edit.verticalScrollBar().value()
        kept = self._edit.textCursor()
        anchor, position = mapped(kept.anchor()), mapped(kept.position())
        if step:
            anchor = position = new_end
        self._edit.wrap_for(text)
        with QSignalBlocker(self):
            cursor = QTextCursor(self._edit.document())
            cursor.setPosition(start)
            cursor.setPosition(end, _KEEP)
            cursor.insertText(inserted)
            self._text = text
            self._select(anchor, position, focus=False)
        if step:
            self._edit.ensureCursorVisible()
        else:
            self._edit.verticalScrollBar().setValue(scroll)

    def word_count(self) -> int:
        return len(_WORD.findall(_NOT_PROSE.sub(lambda _: " ", self.text())))

    def _text_changed(self) -> None:
        # Re-highlighting (a palette change, a long text highlighted in parts) also signals
        # a change: only real ones count.
        if self._edit.highlighter.formatting:
            return
        text = self.text()
        if text != self._text:
            self._text = text
            # Typing can join two words only in the line typed in; the whole text is looked
            # at again only to wrap as before once a long word is gone.
            if self._edit.wordWrapMode() == _WRAP_WORDS:
                self._edit.wrap_for(text)
            else:
                self._edit.wrap_for(self._edit.textCursor().block().text(), added=True)
            self.text_edited.emit(text)

    def _cursor_moved(self) -> None:
        block = self._edit.textCursor().blockNumber()
        if block != self._block:
            self._block = block
            self.cursor_block_changed.emit(block)

    # Formatting

    def toggle_emphasis(self, marker: str) -> None:
        """Wrap the selection (or the word at the cursor) in `marker`, or unwrap it."""
        cursor = self._edit.textCursor()
        if not cursor.hasSelection():
            self._select_word(cursor)
        self._trim_selection(cursor)
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        document, size = self._edit.document(), len(marker)

        def run(position: int, step: int) -> int:
            """How many marker characters there are from `position` on, going by `step`."""
            count = 0
            while count < 3 and document.characterAt(position + step * count) == marker[0]:
                count += 1
            return count

        def has(left: int, right: int) -> bool:  # "***x***" is both bold and italic
            return min(left, right) >= 2 if size == 2 else min(left, right) in (1, 3)

        cursor.beginEditBlock()
        if start > 0 and has(run(start - 1, -1), run(end, 1)):
            cursor.setPosition(end)
            cursor.setPosition(end + size, _KEEP)
            cursor.removeSelectedText()
            cursor.setPosition(start - size)
            cursor.setPosition(start, _KEEP)
            cursor.removeSelectedText()
            inner = (start - size, end - size)
        elif end - start > 2 * size and has(run(start, 1), run(end - 1, -1)):
            cursor.setPosition(end - size)
            cursor.setPosition(end, _KEEP)
            cursor.removeSelectedText()
            cursor.setPosition(start)
            cursor.setPosition(start + size, _KEEP)
            cursor.removeSelectedText()
            inner = (start, end - 2 * size)
        else:
            cursor.setPosition(end)
            cursor.insertText(marker)
            cursor.setPosition(start)
            cursor.insertText(marker)
            inner = (start + size, end + size)
        cursor.endEditBlock()
        self._select(*inner)

    def cycle_heading(self) -> None:
        """The cursor's line goes from text to "## ", to "### " and back to text."""
        cursor = self._edit.textCursor()
        block = cursor.block()
        found = _HEADING.match(block.text())
        level = len(found["hashes"]) if found else 0
        replacement = {2: "### ", 3: ""}.get(level, "## ")
        start = block.position() + (len(found["indent"]) if found else 0)
        cursor.setPosition(start)
        cursor.setPosition(start + (found.end() - found.start("hashes") if found else 0), _KEEP)
        cursor.insertText(replacement)
        self._edit.setFocus()

    def toggle_list(self, *, numbered: bool) -> None:
        """Number or bullet every non-empty line of the selection; when they all already
        are, remove the markers."""
        cursor = self._edit.textCursor()
        document = self._edit.document()
        first = document.findBlock(cursor.selectionStart()).blockNumber()
        last_block = document.findBlock(cursor.selectionEnd())
        last = last_block.blockNumber()
        if last > first and cursor.selectionEnd() == last_block.position():
            last -= 1  # a selection ending at a line's start does not take that line
        lines = [document.findBlockByNumber(number) for number in range(first, last + 1)]
        lines = [block for block in lines if block.text().strip()] or lines
        items = [_LIST_ITEM.match(block.text()) for block in lines]

        def is_kind(marker: str | None) -> bool:
            return marker is not None and marker[0].isdigit() == numbered

        remove = all(item is not None and is_kind(item["marker"]) for item in items)
        edit = QTextCursor(document)
        edit.beginEditBlock()
        for index in reversed(range(len(lines))):
            item = items[index]
            assert item is not None  # the pattern matches any line
            start = lines[index].position() + len(item["indent"])
            edit.setPosition(start)
            edit.setPosition(start + item.end() - item.end("indent"), _KEEP)
            edit.insertText("" if remove else f"{index + 1}. " if numbered else "- ")
        edit.endEditBlock()
        self._edit.setFocus()

    def insert_link(self) -> None:
        """`[selection](https://)` with the address selected to be typed over; a selected
        address becomes `[text](address)` with "text" selected instead."""
        cursor = self._edit.textCursor()
        if not cursor.hasSelection():
            self._select_word(cursor)
        selected = cursor.selectedText()
        start = cursor.selectionStart()
        if _URL.fullmatch(selected):
            cursor.insertText(f"[text]({selected})")
            self._select(start + 1, start + 5)
            return
        text = selected or "text"
        cursor.insertText(f"[{text}](https://)")
        address = start + 1 + _utf16_length(text) + 2
        self._select(address, address + len("https://"))

    def insert_image(self) -> None:
        """Ask for an image, import it into the bundle and insert it with "alt text" (or the
        selection) selected to be typed over."""
        source = self.choose_image()
        relative = self.import_image(source) if source is not None else None
        if relative is None:
            return
        cursor = self._edit.textCursor()
        alt = cursor.selectedText()
        alt = alt if alt and "\u2029" not in alt else "alt text"
        start = cursor.selectionStart()
        markdown = _image_markdown(alt, relative)
        cursor.insertText(markdown)
        alt_length = _utf16_length(markdown[2 : markdown.index("](")])
        self._select(start + 2, start + 2 + alt_length)

    def _dropped_images_markdown(self, files: Sequence[Path]) -> str:
        images = []
        for file in files:
            relative = self.import_image(file)
            if relative is not None:
                images.append(_image_markdown(file.stem, relative))
        return "\n".join(images)

    # Cursor helpers

    def _select(self, anchor: int, position: int, *, focus: bool = True) -> None:
        cursor = self._edit.textCursor()
        cursor.setPosition(anchor)
        cursor.setPosition(position, _KEEP)
        self._edit.setTextCursor(cursor)
        if focus:  # after a toolbar click, typing goes on in the text
            self._edit.setFocus()

    @staticmethod
    def _select_word(cursor: QTextCursor) -> None:
        position = cursor.position()
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        if not re.search(r"\w", cursor.selectedText()):
            cursor.setPosition(position)

    @staticmethod
    def _trim_selection(cursor: QTextCursor) -> None:
        """Leave surrounding spaces out: `** word**` would not be bold."""
        selected = cursor.selectedText()
        if not selected.strip():
            return
        start = cursor.selectionStart() + len(selected) - len(selected.lstrip())
        end = cursor.selectionEnd() - (len(selected) - len(selected.rstrip()))
        cursor.setPosition(start)
        cursor.setPosition(end, _KEEP)
