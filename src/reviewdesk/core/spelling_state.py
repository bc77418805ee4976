"""What a line of Markdown leaves open for the next, as far as the prose scan needs it
(`spelling_prose.scan_line`): a fenced code block, an HTML comment, a tag or a code element
spanning lines, whether the line was paragraph text, and the list it is in.

A state packs into one non-negative int, so that an editor can keep it per block (Qt's
QSyntaxHighlighter block state, whose -1, "no state", unpacks to START)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Final


class Open(IntEnum):
    """A construct that goes on past the end of its line."""

    NONE = 0
    COMMENT = 1  # <!-- ... -->
    TAG = 2  # <img src="a.png" on one line, alt="..."> on the next
    RAW = 3  # the text of <code>, <pre>, <kbd>, <samp>, <script> or <style>


# Elements whose text is code, not prose (their index in this tuple is packed).
RAW_ELEMENTS: Final = ("code", "pre", "kbd", "samp", "script", "style")
_FENCE_CHARS: Final = ("", "`", "~")
_MAX_LENGTH: Final = 255  # fences and list indents are packed in 8 bits each


@dataclass(frozen=True, slots=True)
class LineState:
    fence: str = ""  # the open fence (``` or ~~~~...), "" outside fenced code
    open: Open = Open.NONE
    raw: str = ""  # with Open.RAW: the element whose end is awaited
    paragraph: bool = False  # the line was paragraph text: an indented line continues it
    list_indent: int = 0  # the content column of the list item the line is in, 0 outside lists

    def pack(self) -> int:
        fence_char = _FENCE_CHARS.index(self.fence[:1])
        fence_length = min(len(self.fence), _MAX_LENGTH)
        raw = RAW_ELEMENTS.index(self.raw) if self.raw else 0
        return (
            fence_char
            | fence_length << 2
            | int(self.open) << 10
            | raw << 12
            | int(self.paragraph) << 15
            | min(self.list_indent, _MAX_LENGTH) << 16
        )

    @classmethod
    def unpack(cls, value: int) -> LineState:
        """The state `pack` gave; any negative value is START."""
        if value <= 0:
            return START
        fence_char = _FENCE_CHARS[value & 3] if value & 3 < 3 else ""
        opened = Open((value >> 10) & 3)
        raw_index = (value >> 12) & 7
        return cls(
            fence=fence_char * ((value >> 2) & 0xFF),
            open=opened,
            raw=RAW_ELEMENTS[raw_index] if opened is Open.RAW and raw_index < 6 else "",
            paragraph=bool(value >> 15 & 1),
            list_indent=(value >> 16) & 0xFF,
        )


START: Final = LineState()
