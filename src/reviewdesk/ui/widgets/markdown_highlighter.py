"""Markdown syntax highlighting for the body editor.

Colours come from the widget's palette (links from Link, headings from Highlight, markers
from PlaceholderText), so the highlighting follows light and dark mode. Positions come from
QRegularExpression, which counts in UTF-16 units as QSyntaxHighlighter does.

Highlighting never holds the window up for long: Qt highlights every line a change touches
at once, and the lines after it while their state changes (100,000 lines of HTML took 4 s).
Each such run of lines highlights for at most HIGHLIGHT_BUDGET_S; the lines past that are
left plain and highlighted in the next turns of the event loop, from where it stopped. A line
is looked at for inline spans in its first MAX_INLINE_CHARS only (a 500 KB line of nested tags
took 0.8 s a keystroke).

Spelling is drawn in the same pass, when the editor gives a `spelling` (ui/body_spelling.py):
the misspelled words of a line get the platform's wavy underline over whatever else the line
has. The prose scan carries a state from line to line (a fence, a comment or a list spanning
lines: core/spelling_state.py), and Qt highlights the next line again only when a line's block
state changed; so both states share the block state's int, the highlighter's in its low
_OWN_BITS bits and the spelling's above them, and a line that opens a comment, which changes
nothing in the highlighting, still brings its followers to be checked again. (Kept in
QTextBlockUserData instead, a change of the spelling state alone would leave the lines after it
checked from the old one.)
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QRegularExpression, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPalette,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

HIGHLIGHT_BUDGET_S = 0.015
"""Highlighting time of one run of lines: a keystroke's highlighting fits easily."""
_NEW_RUN_GAP_S = 0.002  # Qt goes from a line to the next at once; a pause starts a new run
MAX_INLINE_CHARS = 10_000
"""Inline spans (links, emphasis, code, tags) are looked for this far into a line: a
paragraph of prose is one line, and the longest run to a few thousand characters."""

_HEADING = QRegularExpression(r"^ {0,3}#{1,6}(?=[ \t]|$)")
_FENCE = QRegularExpression(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE = QRegularExpression(r"^ {0,3}(?:>[ \t]?)+")
# Anchored by \G where the match starts: the line's start or after a quote's ">".
_LIST = QRegularExpression(r"\G[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_HTML = QRegularExpression(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_AUTOLINK = QRegularExpression(r"<(?:https?|mailto):[^<>\s]+>")
# Groups: 1 "[" or "![", 2 the text, 3 "](", 4 the target, 5 an optional title and ")".
_LINK = QRegularExpression(r"(!?\[)([^\]]*)(\]\()([^)\s]*)((?:\s+\"[^\"]*\")?\))")
_BOLD = QRegularExpression(
    r"(?<!\\)\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)"
)
# A single "*" or "_" that is not half of a "**"/"__"; "_" never inside a word (snake_case).
_ITALIC = QRegularExpression(
    r"(?<![*\\])\*(?![\s*])(.+?)(?<![\s\\*])\*(?!\*)|(?<![\w\\])_(?![\s_])(.+?)(?<![\s\\_])_(?!\w)"
)
_CODE = QRegularExpression(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")

_NORMAL = 0
_PENDING = -2  # the state of a line left to be highlighted in a later turn
# Inside a fenced block the state is 2 * fence length + 1 for "~": only a fence of the same
# character, at least as long, closes it (lengths past _LONGEST_FENCE count as that long).
_FENCE_MIN_STATE = 6
_OWN_BITS = 7  # the highlighter's part of the block state; the spelling's is above it
_OWN_MASK = (1 << _OWN_BITS) - 1
_LONGEST_FENCE = _OWN_MASK // 2
# The spelling's packed state takes 24 bits (core/spelling_state.py): 7 + 24 < 31, so the
# block state stays a non-negative int.


class Spelling(Protocol):
    """What the highlighter asks of the editor's spell checking (ui/body_spelling.py)."""

    def check_line(self, text: str, state: int) -> tuple[list[tuple[int, int]], int]:
        """The (start, length) in UTF-16 units of the misspelled words of a line, checked
        from the packed state the line before left, and the packed state it leaves."""
        ...


def _mix(a: QColor, b: QColor, weight_of_b: float) -> QColor:
    def channel(x: float, y: float) -> float:
        return x * (1 - weight_of_b) + y * weight_of_b

    return QColor.fromRgbF(
        channel(a.redF(), b.redF()), channel(a.greenF(), b.greenF()), channel(a.blueF(), b.blueF())
    )


def _solid(colour: QColor, background: QColor) -> QColor:
    """`colour` drawn over `background`: PlaceholderText is often half transparent."""
    return _mix(background, colour, colour.alphaF())


def spelling_state_before(block: QTextBlock) -> int:
    """The packed spelling state the line before `block` left (0 at the start)."""
    state = block.previous().userState() if block.previous().isValid() else 0
    return max(state, 0) >> _OWN_BITS


def misspelling_format(palette: QPalette) -> QTextCharFormat:
    """The platform's wavy underline, in a red that reads on the palette's base colour, light
    or dark, as other editors draw it: the body's and every field's (ui/field_spelling.py)."""
    misspelled = QTextCharFormat()
    misspelled.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    dark = palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5
    misspelled.setUnderlineColor(QColor("#ff6b6b") if dark else QColor("#d41919"))
    return misspelled


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self._run_started = 0.0  # when Qt began the run of lines it is highlighting
        self._next_position = -1  # where the next line of that run starts
        self._last_done = 0.0  # when the last line was done
        self._slicing = False  # in _highlight_more: one budget for all its runs
        self._frontier: QTextCursor | None = None  # the first line left to highlight
        self._resume = QTimer(self, singleShot=True, interval=0)
        self._resume.timeout.connect(self._highlight_more)
        self.formatting = False  # highlighting lines again: the text does not change
        self.spelling: Spelling | None = None
        self.set_palette(palette)

    def set_spelling(self, spelling: Spelling | None) -> None:
        """Underline the misspellings `spelling` finds (None: none), every line again."""
        self.spelling = spelling
        self.refresh()

    def refresh(self) -> None:
        """Highlight every line again, in slices (a word was added to a dictionary)."""
        self.formatting = True
        try:
            self.rehighlight()
        finally:
            self.formatting = False

    @property
    def pending(self) -> bool:
        """Whether some lines are still to be highlighted (in the coming turns)."""
        return self._frontier is not None

    def set_palette(self, palette: QPalette) -> None:
        """Recolour from `palette` (the editor calls this when light/dark mode changes)."""
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        muted = _solid(palette.color(QPalette.ColorRole.PlaceholderText), base)
        # Mixed with the text colour so that a pale accent still reads on the base colour.
        accent = _mix(palette.color(QPalette.ColorRole.Highlight), text, 0.25)
        link = palette.color(QPalette.ColorRole.Link)

        def make(
            colour: QColor | None = None,
            *,
            bold: bool = False,
            italic: bool = False,
            underline: bool = False,
            fixed: bool = False,
        ) -> QTextCharFormat:
            fmt = QTextCharFormat()
            if colour is not None:
                fmt.setForeground(colour)
            if bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            if italic:
                fmt.setFontItalic(True)
            if underline:
                fmt.setFontUnderline(True)
            if fixed:
                font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
                fmt.setFontFamilies(font.families())
                fmt.setFontFixedPitch(True)
            return fmt

        misspelled = misspelling_format(palette)
        code = make(_mix(text, link, 0.35), fixed=True)
        code.setBackground(palette.color(QPalette.ColorRole.AlternateBase))
        self._formats = {
            "heading": make(accent, bold=True),
            "marker": make(muted),
            "list": make(accent, bold=True),
            "quote": make(_mix(text, muted, 0.5), italic=True),
            "bold": make(bold=True),
            "italic": make(italic=True),
            "code": code,
            "link": make(link, underline=True),
            "html": make(_mix(palette.color(QPalette.ColorRole.LinkVisited), text, 0.4)),
            "misspelled": misspelled,
        }
        self.refresh()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's API)
        block = self.currentBlock()
        try:
            if self._deferred(block):
                # Qt goes on to the next line only when a line's state changed: a line
                # already left pending stops it, so the lines after it cost nothing now.
                self.setCurrentBlockState(_PENDING)
            else:
                previous = self.previousBlockState()
                previous = max(previous, 0)  # no state (-1) or pending: a plain line before
                length = block.length() - 1  # UTF-16 units, no separator
                own = self._highlight(text, length, previous & _OWN_MASK)
                spelling = self._spell(text, previous >> _OWN_BITS)
                self.setCurrentBlockState(own | spelling << _OWN_BITS)
        finally:
            self._last_done = time.perf_counter()

    def _spell(self, text: str, state: int) -> int:
        """Underline the line's misspelled words; the spelling state it leaves."""
        if self.spelling is None:
            return 0
        spans, state = self.spelling.check_line(text, state)
        for start, length in spans:
            self._merge(start, length, "misspelled")
        return state

    def _highlight(self, text: str, length: int, previous: int) -> int:
        """Format the line; the highlighter's state it leaves."""
        if previous >= _FENCE_MIN_STATE:
            self.setFormat(0, length, self._formats["code"])
            closing = _FENCE.match(text)
            opened_with, opened_length = ("~" if previous & 1 else "`"), previous // 2
            fence = closing.captured(1)
            closes = (
                closing.hasMatch()
                and fence[0] == opened_with
                and len(fence) >= opened_length
                and not text[closing.capturedEnd() :].strip()
            )
            return _NORMAL if closes else previous
        opening = _FENCE.match(text)
        fence = opening.captured(1)
        # A backtick fence's info string may not hold a backtick (then it is inline code).
        if opening.hasMatch() and not (fence[0] == "`" and "`" in text[opening.capturedEnd() :]):
            self.setFormat(0, length, self._formats["code"])
            return min(len(fence), _LONGEST_FENCE) * 2 + (fence[0] == "~")
        self._highlight_line(text[:MAX_INLINE_CHARS], length)
        return _NORMAL

    def _deferred(self, block: QTextBlock) -> bool:
        """Whether this line is left for a later turn of the event loop."""
        position = block.position()
        now = time.perf_counter()
        if not self._slicing and (
            position != self._next_position or now - self._last_done > _NEW_RUN_GAP_S
        ):
            self._run_started = now  # a new run: a keystroke's, a new text's
        self._next_position = position + block.length()
        frontier = self._frontier
        if frontier is not None and position > frontier.position():
            return True  # still to come from the frontier on
        if now - self._run_started <= HIGHLIGHT_BUDGET_S:
            return False
        if frontier is None:
            self._frontier = QTextCursor(block)  # it moves with text typed before it
        elif position < frontier.position():
            frontier.setPosition(position)
        self._resume.start()
        return True

    def _highlight_more(self) -> None:
        """Go on from the frontier for one budget. Qt runs on from a line to the next while
        their states change, as from a pending line they do; it stops at a line typed in
        meanwhile, so this skips on to the next pending one."""
        frontier, self._frontier = self._frontier, None
        if frontier is None or self.document() is None:
            return
        self._slicing, self.formatting = True, True
        self._run_started = time.perf_counter()
        try:
            block = frontier.block()
            self.rehighlightBlock(block)
            while self._frontier is None and (block := block.next()).isValid():
                if time.perf_counter() - self._run_started > HIGHLIGHT_BUDGET_S:
                    self._frontier = QTextCursor(block)
                    self._resume.start()
                elif block.userState() == _PENDING:
                    self.rehighlightBlock(block)
        finally:
            self._slicing, self.formatting = False, False

    def _highlight_line(self, text: str, length: int) -> None:
        base = QTextCharFormat()
        heading = _HEADING.match(text)
        quote = _QUOTE.match(text)
        if heading.hasMatch():
            base = self._formats["heading"]
            self.setFormat(0, length, base)
        elif quote.hasMatch():
            base = self._formats["quote"]
            self.setFormat(0, length, base)
            self.setFormat(0, quote.capturedLength(), self._formats["marker"])
        marker = _LIST.match(text, quote.capturedEnd() if quote.hasMatch() else 0)
        if marker.hasMatch() and not heading.hasMatch():
            self.setFormat(marker.capturedStart(), marker.capturedLength(), self._formats["list"])

        for pattern in (_HTML, _AUTOLINK):
            matches = pattern.globalMatch(text)
            while matches.hasNext():
                found = matches.next()
                fmt = self._formats["link" if pattern is _AUTOLINK else "html"]
                self._merge(found.capturedStart(), found.capturedLength(), fmt)
        links = _LINK.globalMatch(text)
        while links.hasNext():
            found = links.next()
            for group in (1, 3, 4, 5):
                self._merge(found.capturedStart(group), found.capturedLength(group), "marker")
            self._merge(found.capturedStart(2), found.capturedLength(2), "link")
        for pattern, name in ((_BOLD, "bold"), (_ITALIC, "italic")):
            matches = pattern.globalMatch(text)
            while matches.hasNext():
                found = matches.next()
                self._merge(found.capturedStart(), found.capturedLength(), name)
        # Last, and over the line's own format only: nothing is formatted inside code.
        spans = _CODE.globalMatch(text)
        while spans.hasNext():
            found = spans.next()
            fmt = QTextCharFormat(base)
            fmt.merge(self._formats["code"])
            self.setFormat(found.capturedStart(), found.capturedLength(), fmt)

    def _merge(self, start: int, length: int, name_or_format: str | QTextCharFormat) -> None:
        """Add a format to what the span already has (bold inside a heading stays coloured)."""
        if length <= 0:
            return
        added = self._formats[name_or_format] if isinstance(name_or_format, str) else name_or_format
        fmt = self.format(start)
        fmt.merge(added)
        self.setFormat(start, length, fmt)
