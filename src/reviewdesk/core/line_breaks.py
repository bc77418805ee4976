"""The line breaks of a text shown in a text box, kept as the text had them.

A Qt text document ends a block at each "\\r\\n", "\\r", "\\n" and U+2029 (and at U+FDD0 and
U+FDD1, its frame marks), and its raw text spells every block end U+2029: which break it was
is lost. `LineBreaks` remembers what each block end of a text stood for, so that the text
read back after an edit is the text given with only that edit in it; a break the writer adds
takes the style the text uses most. Any other character (U+2028 too) stays in the document
as it is. Qt-free: it works on the raw text the document gives.
"""

from __future__ import annotations

import re
from itertools import chain

from reviewdesk.core.text_change import TextChange

BLOCK_END = "\u2029"
"""How a document's raw text spells the end of every block (every line)."""

_OTHER_BLOCK_ENDS = ("\u2029", "\ufdd0", "\ufdd1")
_BREAK = re.compile("(\r\n|[\r\n\u2029\ufdd0\ufdd1])")  # split keeps what it splits at
_STYLES = ("\n", "\r\n", "\r")  # on a tie the first: a line feed


class LineBreaks:
    """The breaks of `text`: `raw` is the text a document holds for it, and `text(raw)`
    the text for what the document holds after the writer's edits."""

    def __init__(self, text: str = "") -> None:
        crlf = text.count("\r\n")
        counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
        self.style = max(_STYLES, key=counts.__getitem__)
        others = sum(text.count(mark) for mark in _OTHER_BLOCK_ENDS)
        # Only a text whose breaks differ needs each one kept; in the others every block end
        # is the style, and reading the text back is one replace, as cheap as it can be.
        self._odd = sum(counts.values()) + others - counts[self.style]
        self._breaks: list[str] = []
        if self._odd:
            lines_and_breaks = _BREAK.split(text)
            self.raw = BLOCK_END.join(lines_and_breaks[::2])
            self._breaks = lines_and_breaks[1::2]
        else:  # a str method, many times quicker than a pattern over a long body
            self.raw = text.replace(self.style, BLOCK_END)

    def text(self, raw: str) -> str:
        """The text for `raw`, the document's raw text now."""
        if not self._odd:
            return raw.replace(BLOCK_END, self.style)
        if raw != self.raw:
            self._follow(raw)
        parts = raw.split(BLOCK_END)
        return "".join(chain.from_iterable(zip(parts, [*self._breaks, ""], strict=True)))

    def _follow(self, raw: str) -> None:
        """The block ends the edit from `self.raw` to `raw` removed go; those it made are in
        the style. (Of two like block ends side by side, the later one is taken to go.)"""
        change = TextChange.between(self.raw, raw)
        first = self.raw.count(BLOCK_END, 0, change.start)
        made = change.inserted.count(BLOCK_END)
        gone = slice(first, first + change.removed.count(BLOCK_END))
        self._odd -= sum(kept != self.style for kept in self._breaks[gone])
        self._breaks[gone] = [self.style] * made
        self.raw = raw
        self._unjoin(first, made, change.start)

    def _unjoin(self, first: int, made: int, start: int) -> None:
        """A CR with no text between it and a LF would be read back as one CR LF. Where the
        edit at `start`, which made `made` breaks from break `first` on, puts such a pair
        side by side, one of the two (a new one, else the later) becomes a CR LF, which
        joins nothing."""
        at = self.raw.rfind(BLOCK_END, 0, start) if first else self.raw.find(BLOCK_END)
        for index in range(max(first - 1, 0), min(first + made, len(self._breaks) - 1)):
            following = self.raw.find(BLOCK_END, at + 1)
            if following == at + 1 and self._breaks[index : index + 2] == ["\r", "\n"]:
                changed = index if first <= index < first + made else index + 1
                self._odd += (self.style != "\r\n") - (self._breaks[changed] != self.style)
                self._breaks[changed] = "\r\n"
            at = following
