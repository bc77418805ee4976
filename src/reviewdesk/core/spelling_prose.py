"""The prose of a text: the words a spell checker looks at, with their offsets.

Not prose, so never checked: Markdown code spans and fenced or indented code blocks, URLs
and autolinks, paths, e-mail addresses, link targets and reference definitions (a link's
text and an image's alt text are prose), HTML tags with their attributes and comments (the
text between tags is prose, but for <code>, <pre> and the like), template code ({{ }},
{% %}), entities, a front-matter-like `key:` at a line's start, and words in ALL CAPS, in
camelCase or with digits, underscores, dots or plus signs (`iPhone`, `GPT-4o`, `sleep_mode`,
`review.yaml`). Single letters are not words to check. Apostrophes inside a word (don't,
writer's) belong to it. A hyphenated word is one word, whose parts are checked when the
dictionary does not have it whole (`parts`).

A text is read a line at a time, each line from the state the line before left
(`LineState`): an editor checks the block being typed alone, from the state it keeps for the
block before. Inline constructs (code spans, links) are found within a line. Every scan is
linear in the length of the line, whatever it holds (tests/core/test_linear_scans_spelling.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from reviewdesk.core.spelling_state import RAW_ELEMENTS, START, LineState, Open


@dataclass(frozen=True, slots=True)
class Word:
    """A word to check: `text` is the slice [start, end) of the text scanned."""

    start: int
    end: int
    text: str


# The next thing a line's scan stops at. A word is letters joined by single apostrophes,
# hyphens, underscores, dots or plus signs; possessive quantifiers keep every match linear.
_EVENT: Final = re.compile(
    r"(?P<word>[^\W_]++(?:[_'\u2019.+\-\u2010\u2011][^\W_]++)*+)"
    r"|(?P<tick>`++)"
    r"|(?P<lt><)"
    r"|(?P<target>\]\()"
    r"|(?P<label>\]\[|\[\^)"
    r"|(?P<template>\{[{%])"
    r"|(?P<entity>&\#?[A-Za-z0-9]{1,32};)"
    r"|(?P<path>(?:(?<=\s)|^)~?[/\\](?=[^\W_]))"
)
_NOT_A_WORD: Final = re.compile(r"[\d_.+]")  # a chunk with these is code, a number or a file
_HYPHENS: Final = re.compile(r"[\-\u2010\u2011]")
TYPOGRAPHIC_APOSTROPHE: Final = "\u2019"  # the same word with it as with '
_APOSTROPHES: Final = "'" + TYPOGRAPHIC_APOSTROPHE
_NON_SPACE: Final = re.compile(r"\S*+")
_DOMAIN: Final = re.compile(r"[\w\-]++(?:\.[\w\-]++)*+")
_TAG_NAME: Final = re.compile(r"/?+([A-Za-z][A-Za-z0-9\-]*+)")
_LINK_TARGET: Final = re.compile(r"[ \t]*+(?:<[^<>]*+>|[^\s)]*+)")
_LABEL_END: Final = re.compile(r"[^\[\]]*+\]")
_TEMPLATE_END: Final = {"{{": "}}", "{%": "%}"}

# Block structure, matched at a line's start (after a quote's markers).
_QUOTE: Final = re.compile(r" {0,3}>(?:[ \t]?+>)*+[ \t]?+")
_FENCE: Final = re.compile(r"[ \t]*+(`{3,}+|~{3,}+)")
_LIST_ITEM: Final = re.compile(r"([ \t]*+)(?:[-*+]|\d{1,9}[.)])(?:([ \t]++)|$)")
_HEADING: Final = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_REFERENCE: Final = re.compile(r" {0,3}\[(?!\^)[^\[\]]++\]:")
_KEY: Final = re.compile(r"[ \t]*+[a-z][\w\-]*+:(?=\s|$)")
_BLANK: Final = re.compile(r"[ \t\r\f\v]*+$")
_RAW: Final = frozenset(RAW_ELEMENTS)


class _Next:
    """The next index of `needle` in `text` at or after a position, asked again and again
    with growing positions in linear time in all: a search that found nothing, or found a
    place after the position asked, answers the positions up to that place too."""

    __slots__ = ("_asked", "_found", "_needle", "_text")

    def __init__(self, text: str, needle: str) -> None:
        self._text, self._needle = text, needle
        self._asked, self._found = len(text) + 1, -1

    def at(self, position: int) -> int:
        if self._asked <= position and (self._found == -1 or self._found >= position):
            return self._found
        self._asked, self._found = position, self._text.find(self._needle, position)
        return self._found


class _Line:
    """One line being scanned, with the finders it needed so far."""

    __slots__ = ("_finders", "_lower", "_ticks", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._finders: dict[str, _Next] = {}
        self._lower: str | None = None
        self._ticks: dict[int, int] | None = None

    def find(self, needle: str, position: int, *, ignore_case: bool = False) -> int:
        finder = self._finders.get(needle)
        if finder is None:
            text = self.text
            if ignore_case:
                if self._lower is None:
                    # Lower-casing keeps offsets but for a few letters (İ): then search as is.
                    lower = text.lower()
                    self._lower = lower if len(lower) == len(text) else text
                text = self._lower
            finder = self._finders[needle] = _Next(text, needle)
        return finder.at(position)

    def closing_ticks(self, start: int) -> int:
        """The end of the run of backticks that closes the code span opened at `start`
        (a run of the same length), or -1 when none does."""
        if self._ticks is None:
            runs = [(found.start(), found.end()) for found in re.finditer("`+", self.text)]
            self._ticks = {}
            last_of_length: dict[int, int] = {}
            for run_start, run_end in reversed(runs):
                length = run_end - run_start
                self._ticks[run_start] = last_of_length.get(length, -1)
                last_of_length[length] = run_end
        return self._ticks.get(start, -1)


def scan_line(line: str, state: LineState = START) -> tuple[list[Word], LineState]:
    """The words of a line of Markdown, and the state it leaves for the next line."""
    words: list[Word] = []
    if state.fence:
        return words, (_after_fence(state) if _closes_fence(line, state.fence) else state)
    if state.open is not Open.NONE:
        if state.open is Open.TAG and _BLANK.match(line):
            return words, LineState(list_indent=state.list_indent)  # a blank line ends a tag
        scanned = _Line(line)
        position = _end_of_open(scanned, state)
        if position < 0:
            return words, state
        opened = _inline(scanned, position, words)
        return words, LineState(
            open=opened[0], raw=opened[1], paragraph=True, list_indent=state.list_indent
        )
    return _block_line(line, state, words)


def _block_line(line: str, state: LineState, words: list[Word]) -> tuple[list[Word], LineState]:
    if _BLANK.match(line):
        return words, LineState(list_indent=state.list_indent)
    quote = _QUOTE.match(line)
    start = quote.end() if quote else 0
    indent = _indent(line, start)
    list_indent = state.list_indent
    if not state.paragraph and indent >= (list_indent or 0) + 4:
        return words, LineState(list_indent=list_indent)  # indented code
    fence = _FENCE.match(line, start) if indent <= list_indent + 3 else None
    if fence and not (fence[1][0] == "`" and "`" in line[fence.end() :]):
        return words, LineState(fence=fence[1], list_indent=list_indent)
    item = _LIST_ITEM.match(line, start)
    if item:
        list_indent = _list_content_column(line, item)
    elif indent < list_indent and not state.paragraph:
        list_indent = 0  # a line less indented than the list's text, after a blank: it ended
    if _REFERENCE.match(line, start):
        return words, LineState(list_indent=list_indent)
    key = _KEY.match(line, start)
    opened = _inline(_Line(line), key.end() if key else start, words)
    heading = _HEADING.match(line, start) is not None
    return words, LineState(
        open=opened[0], raw=opened[1], paragraph=not heading, list_indent=list_indent
    )


def _indent(line: str, start: int) -> int:
    width = 0
    for char in line[start : start + 16]:  # four spaces are code: no need to count further
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _list_content_column(line: str, item: re.Match[str]) -> int:
    spaces = item[2] or ""
    marker_end = item.start(2) if item[2] is not None else item.end()
    # Five spaces or more after the marker: the text starts one space in (the rest is code).
    width = 1 if not spaces or _indent(spaces, 0) > 4 else _indent(spaces, 0)
    return _indent(line, item.start()) + len(line[item.end(1) : marker_end]) + width


def _closes_fence(line: str, fence: str) -> bool:
    found = _FENCE.match(line)
    return bool(
        found
        and found[1][0] == fence[0]
        and len(found[1]) >= min(len(fence), 255)
        and _BLANK.match(line, found.end())
    )


def _after_fence(state: LineState) -> LineState:
    return LineState(list_indent=state.list_indent)


def _end_of_open(line: _Line, state: LineState) -> int:
    """Where the construct left open by the line before ends on this line, or -1."""
    if state.open is Open.COMMENT:
        end = line.find("-->", 0)
        return end + 3 if end >= 0 else -1
    if state.open is Open.TAG:
        end = line.find(">", 0)
        return end + 1 if end >= 0 else -1
    return line.find(f"</{state.raw}", 0, ignore_case=True)


def _inline(line: _Line, position: int, words: list[Word]) -> tuple[Open, str]:
    """Add the words of `line` from `position` on; what is left open at its end."""
    text = line.text
    search = _EVENT.search
    while (found := search(text, position)) is not None:
        kind = found.lastgroup
        start, position = found.span()
        if kind == "word":
            position = _word(text, found, words)
        elif kind == "tick":
            closing = line.closing_ticks(start)
            position = closing if closing >= 0 else position
        elif kind == "lt":
            position, opened = _tag(line, start)
            if opened is not None:
                return opened
        elif kind == "target":
            target = _LINK_TARGET.match(text, position)
            position = target.end() if target else position
        elif kind == "label":
            label = _LABEL_END.match(text, position)
            position = label.end() if label else position
        elif kind == "template":
            end = line.find(_TEMPLATE_END[found[0]], position)
            position = end + 2 if end >= 0 else position
        elif kind == "path":
            position = _non_space_end(text, start)
    return Open.NONE, ""


def _word(text: str, found: re.Match[str], words: list[Word]) -> int:
    """Add the words of a chunk of letters; where the scan goes on."""
    start, end = found.span()
    after = text[end : end + 1]
    if after == "@":  # an e-mail address
        domain = _DOMAIN.match(text, end + 1)
        return domain.end() if domain else end + 1
    if after in (":", "/", "\\") and text[end + 1 : end + 2].strip():
        # A URL (scheme:...), a path (and/or is one too: it is not checked), C:\\...
        return _non_space_end(text, end)
    chunk = found[0]
    if _NOT_A_WORD.search(chunk):
        return end
    hyphenated = _HYPHENS.search(chunk) is not None
    if parts(Word(start, end, chunk)) if hyphenated else _is_checked(chunk):
        words.append(Word(start, end, chunk))
    return end


def _non_space_end(text: str, start: int) -> int:
    found = _NON_SPACE.match(text, start)
    return found.end() if found else start


def _is_checked(word: str) -> bool:
    """Not a single letter, nor in ALL CAPS or camelCase."""
    rest = word[1:]
    return bool(rest) and rest == rest.lower()


def parts(word: Word) -> list[Word]:
    """The parts of a hyphenated word that are words to check (`well-knwon`: `well` and
    `knwon`; `NASA-funded`: `funded`); a word without hyphens is its only part. A checker
    looks a hyphenated word up whole first: dictionaries hold some (`trade-offs`)."""
    found = []
    offset = word.start
    for piece in _HYPHENS.split(word.text):
        text = piece.strip(_APOSTROPHES)
        if _is_checked(text):
            first = offset + piece.index(text[0])
            found.append(Word(first, first + len(text), text))
        offset += len(piece) + 1
    return found


def _tag(line: _Line, start: int) -> tuple[int, tuple[Open, str] | None]:
    """At a `<`: where the scan goes on, and what stays open past the line (if anything)."""
    text = line.text
    if text.startswith("<!--", start):
        end = line.find("-->", start + 4)
        return (end + 3, None) if end >= 0 else (len(text), (Open.COMMENT, ""))
    name = _TAG_NAME.match(text, start + 1)
    if name is None:
        return start + 1, None  # a `<` of prose: 3 < 4
    close = line.find(">", name.end())
    next_open = line.find("<", name.end())
    if close < 0 and next_open < 0:
        after = text[name.end() : name.end() + 1]
        if after.isspace() or not after:  # <img and its attributes on the lines below
            return len(text), (Open.TAG, "")
        return start + 1, None
    if close < 0 or 0 <= next_open < close:
        return start + 1, None
    element = name[1].lower()
    if element in _RAW and text[start + 1] != "/" and text[close - 1] != "/":
        end = line.find(f"</{element}", close + 1, ignore_case=True)
        return (end, None) if end >= 0 else (len(text), (Open.RAW, element))
    return close + 1, None


def prose_lines(text: str, state: LineState = START) -> Iterator[tuple[int, list[Word]]]:
    """Each line's index (0-based) and words (offsets in the line) of a Markdown text, such
    as a review's body; lines end at "\\n", as an editor's blocks and the files' lines do."""
    for index, line in enumerate(text.split("\n")):
        words, state = scan_line(line, state)
        if words:
            yield index, words


def field_words(text: str) -> list[Word]:
    """The words of a field's text (a title, an item of a list): Markdown's inline
    constructs, not its blocks. Offsets are in `text`."""
    found: list[Word] = []
    offset = 0
    for line in text.split("\n"):
        words: list[Word] = []
        _inline(_Line(line), 0, words)
        found += [Word(word.start + offset, word.end + offset, word.text) for word in words]
        offset += len(line) + 1
    return found


_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")


def utf16_spans(text: str, words: list[Word]) -> list[tuple[int, int]]:
    """(start, length) of each word in UTF-16 code units, as Qt counts positions in `text`
    (a character beyond the BMP, an emoji, is two). `words` in the order scanned."""
    astral = [found.start() for found in _ASTRAL.finditer(text)] if not text.isascii() else []
    if not astral:
        return [(word.start, word.end - word.start) for word in words]
    spans: list[tuple[int, int]] = []
    before = 0  # astral characters before the word
    for word in words:
        while before < len(astral) and astral[before] < word.start:
            before += 1
        inside = 0
        while before + inside < len(astral) and astral[before + inside] < word.end:
            inside += 1
        spans.append((word.start + before, word.end - word.start + inside))
    return spans
