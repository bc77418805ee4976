"""Text from an opener to the first closer after it (`{{ ... }}`, `{% ... %}`), found as the
regular expression `OPEN.*?CLOSE` finds it, but in time linear in the text.

The regular expression looks for the closer again from every opener: on a line of openers
never closed (`{{{{{{...`, a hostile body) each attempt reads the rest of the line, which is
quadratic (200 KB of `{{` took minutes). Here the next closer of each kind is remembered
as the openers move on, so each character is read a bounded number of times."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """One opener, the first closer after it, and the text between (`inside`)."""

    opener: re.Match[str]
    closer: re.Match[str]

    @property
    def start(self) -> int:
        return self.opener.start()

    @property
    def end(self) -> int:
        return self.closer.end()

    @property
    def text(self) -> str:
        return self.opener.string[self.start : self.end]

    @property
    def inside(self) -> str:
        return self.opener.string[self.opener.end() : self.closer.start()]


class Delimited:
    """The pairs `(OPEN, CLOSE)` as the alternatives `OPEN1.*?CLOSE1|OPEN2.*?CLOSE2|...`,
    with `.` matching a newline only when `dotall` is True."""

    def __init__(self, *pairs: tuple[str, str], dotall: bool = False) -> None:
        self._openers = [re.compile(opener) for opener, _ in pairs]
        self._closers = [re.compile(closer) for _, closer in pairs]
        self._any_opener = re.compile("|".join(f"(?:{opener})" for opener, _ in pairs))
        self._dotall = dotall

    def finditer(self, text: str) -> Iterator[Span]:
        """The spans `re.finditer` would find, left to right, none overlapping."""
        closers = [_NextMatch(closer, text) for closer in self._closers]
        newlines = _NextMatch(re.compile(r"\n"), text)
        position = 0
        while (candidate := self._any_opener.search(text, position)) is not None:
            start = candidate.start()
            span = None
            for opener, closer in zip(self._openers, closers, strict=True):
                opened = opener.match(text, start)
                closed = closer.at_or_after(opened.end()) if opened else None
                if opened and closed and (self._dotall or _before(closed, newlines, opened)):
                    span = Span(opened, closed)
                    break
            if span is None:
                position = start + 1  # as a regular expression tries the next position
                continue
            yield span
            position = span.end

    def search(self, text: str) -> Span | None:
        return next(self.finditer(text), None)

    def sub(self, replace: Callable[[Span], str], text: str) -> str:
        parts: list[str] = []
        last = 0
        for span in self.finditer(text):
            parts += [text[last : span.start], replace(span)]
            last = span.end
        return "".join(parts) + text[last:]


def _before(closed: re.Match[str], newlines: _NextMatch, opened: re.Match[str]) -> bool:
    newline = newlines.at_or_after(opened.end())
    return newline is None or closed.start() < newline.start()


class _NextMatch:
    """The first match of `pattern` at or after a position. Asked of growing positions, as
    the openers move on, it searches only when the match it found lies before the position,
    so the searches together read the text about once."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern = pattern
        self._text = text
        self._since = len(text) + 1  # `_found` is the first match at or after this position
        self._found: re.Match[str] | None = None

    def at_or_after(self, position: int) -> re.Match[str] | None:
        found = self._found
        if position < self._since or (found is not None and found.start() < position):
            self._found = self._pattern.search(self._text, position)
            self._since = position
        return self._found
