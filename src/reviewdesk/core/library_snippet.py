"""The words around a search's matches, each match between MATCH_START and MATCH_END.

Made here rather than by FTS5's snippet(): that tokenizes the whole field it is asked for, twice,
so the body of each hit costs 0.2 ms (100 ms for 500 hits of 2k words). Here a pattern made from
the query's words finds the first match of a field and only the words around it are looked at.
It matches as FTS5's unicode61 tokenizer does for the words a writer types: whole words (a run
of letters and digits), ignoring case and the diacritics of Latin letters, `word*` as a prefix
and "a phrase" as its words in order. Where it finds nothing (a rarer letter FTS5 folds), the
caller asks FTS5 itself."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice

from reviewdesk.core.library_entry import MATCH_END, MATCH_START

SNIPPET_WORDS = 16  # as a line of a list shows
WORDS_BEFORE = 4  # of them before the first match, unless the text ends sooner
ELLIPSIS = "…"
_WORD = re.compile(r"[^\W_]+")
_SEPARATORS = r"[\W_]+"
# An FTS5 expression's parts: "a string", a bareword, and the punctuation of its syntax.
_LEXEME = re.compile(r'"((?:[^"]|"")*)"?|([^\s"(){}:*^+,]+)|([(){}:*^+,])')
_OPERATORS = frozenset({"AND", "OR", "NOT"})
_REACH = 200  # characters looked at on each side of a match for its neighbouring words


@dataclass(frozen=True)
class Highlighter:
    """The words of a query as patterns over lower-cased text, each with its left edge left to
    `_whole_words` (a look-behind first would keep the regex engine from skipping ahead to the
    first letter it needs: 40 times slower over a body)."""

    ascii: re.Pattern[str] | None  # ASCII text: the words without their diacritics
    # The same, a pattern for each word: a literal first letter lets the engine skip ahead,
    # where words ORed begin with a choice of letters it must try at every one.
    ascii_each: tuple[re.Pattern[str], ...]
    folded: re.Pattern[str]  # any text: each Latin letter or the same with diacritics
    careful: re.Pattern[str]  # text whose lower case differs in length (İ): ignoring case
    columns: frozenset[str] = frozenset()  # the columns its filters name (none: any)


def highlighter(expression: str) -> Highlighter | None:
    """The words an FTS5 `expression` searches for (column names, operators and NEAR's
    distances left out); None when it has none."""
    found = _highlighter(tuple(_terms(expression)))
    return found and replace(found, columns=_columns(expression))


def snippet(words: Highlighter, text: str) -> str | None:
    """The words around the first match in `text`, every match in them marked; None when
    `text` has no match."""
    if text.isascii():
        if words.ascii is None:
            return None
        lowered, pattern, each = text.lower(), words.ascii, words.ascii_each
    else:
        lowered, pattern = text.lower(), words.folded
        if len(lowered) != len(text):
            lowered, pattern = text, words.careful
        each = (pattern,)
    starts = [
        found[0] for p in each if (found := next(_whole_words(p, lowered, 0, len(text)), None))
    ]
    if not starts:
        return None
    first = min(starts)
    begin, end = _window(text, first)
    pieces = [ELLIPSIS] if begin > 0 else []
    at = begin
    for start, stop in _whole_words(pattern, lowered, begin, end):
        pieces += [text[at:start], MATCH_START, text[start:stop], MATCH_END]
        at = stop
    pieces.append(text[at:end])
    if end < len(text):
        pieces.append(ELLIPSIS)
    return "".join(pieces)


# What Markdown marks up with, in a snippet of the body: not words a writer reads in a list.
# A snippet is a few dozen words: these run over a short text only.
_LINK_TARGET = re.compile(r"\]\([^)\s]{0,300}\)?")  # a bound: linear whatever the text
_MARKS = re.compile(
    r"(?<![^\W_])[*_~`]+|[*_~`]+(?![^\W_])|^#{1,6} |<[^<>\x02\x03]*>|!?\[|\]", re.MULTILINE
)


def readable(snippet: str) -> str:
    """`snippet` as a reader sees the text: without Markdown's emphasis, code, heading and
    link marks, a link's target or HTML tags; its match marks kept."""
    return _MARKS.sub("", _LINK_TARGET.sub("", snippet))


def _whole_words(
    pattern: re.Pattern[str], text: str, begin: int, end: int
) -> Iterator[tuple[int, int]]:
    """The spans of `pattern`'s matches in text[begin:end] that begin a word."""
    at = begin
    while (found := pattern.search(text, at, end)) is not None:
        start, stop = found.span()
        if start > 0 and _is_word(text[start - 1]):
            at = start + 1  # inside a word: "the" in "other"
            continue
        yield start, stop
        at = max(stop, start + 1)


def _is_word(char: str) -> bool:
    return char.isalnum()


def _terms(expression: str) -> list[tuple[str, bool]]:
    """The (words, is a prefix) an FTS5 expression searches for."""
    lexemes = [match.groups() for match in _LEXEME.finditer(expression)]
    terms: list[tuple[str, bool]] = []
    in_braces = False
    for number, (quoted, bare, mark) in enumerate(lexemes):
        following = lexemes[number + 1][2] if number + 1 < len(lexemes) else None
        before = lexemes[number - 1][2] if number > 0 else None
        if mark == "*" and terms:
            terms[-1] = (terms[-1][0], True)
        elif mark in ("{", "}"):
            in_braces = mark == "{"  # {title summary}: the columns a filter names
        elif quoted is not None:
            terms.append((quoted.replace('""', '"'), False))
        elif bare is None or in_braces or following == ":" or before == ",":
            continue  # punctuation, a column's name, NEAR's distance
        elif bare not in _OPERATORS and not (bare == "NEAR" and following == "("):
            terms.append((bare, False))
    return terms


def _columns(expression: str) -> frozenset[str]:
    """The columns the filters of `expression` name (`title: x`, `{title summary}: x`); none
    when it has none, or one that leaves columns out (`- title: x`)."""
    lexemes = [match.groups() for match in _LEXEME.finditer(expression)]
    named: set[str] = set()
    in_braces = False
    for number, (_quoted, bare, mark) in enumerate(lexemes):
        following = lexemes[number + 1][2] if number + 1 < len(lexemes) else None
        if mark in ("{", "}"):
            in_braces = mark == "{"
        elif bare is not None and (in_braces or following == ":"):
            if bare.startswith("-") or (number > 0 and lexemes[number - 1][1] == "-"):
                return frozenset()
            named.add(bare)
    return frozenset(named)


@cache
def _highlighter(terms: tuple[tuple[str, bool], ...]) -> Highlighter | None:
    words = [(tokens, prefix) for text, prefix in terms if (tokens := _tokens(text))]
    if not words:
        return None
    ascii_words = [(tokens, prefix) for tokens, prefix in words if "".join(tokens).isascii()]
    folded = _alternatives(words, _letter)
    return Highlighter(
        ascii=re.compile(_alternatives(ascii_words, re.escape)) if ascii_words else None,
        ascii_each=tuple(re.compile(_alternatives([word], re.escape)) for word in ascii_words),
        folded=re.compile(folded),
        careful=re.compile(folded, re.IGNORECASE),
    )


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_bare(text).lower()))


def _alternatives(words: list[tuple[tuple[str, ...], bool]], letters: Callable[[str], str]) -> str:
    """One pattern for all `words`, the longest first (a phrase before its first word)."""
    patterns = {
        _SEPARATORS.join("".join(letters(c) for c in token) for token in tokens)
        + (r"[^\W_]*" if prefix else r"(?![^\W_])")
        for tokens, prefix in words
    }
    return "|".join(sorted(patterns, key=len, reverse=True))


def _letter(char: str) -> str:
    """`char` or, for a Latin letter, any of its lower-case forms with diacritics."""
    variants = _VARIANTS.get(char)
    return f"[{re.escape(char)}{variants}]" if variants else re.escape(char)


def _bare(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _variants() -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        base = _bare(char).lower()
        if len(base) == 1 and base.isascii() and base.isalpha() and base != char.lower():
            found.setdefault(base, set()).add(char.lower())
    return {base: re.escape("".join(sorted(chars))) for base, chars in found.items()}


_VARIANTS = _variants()


def _window(text: str, start: int) -> tuple[int, int]:
    """Where the words shown begin and end: SNIPPET_WORDS words holding the match at `start`,
    WORDS_BEFORE of them before it, more when the text ends sooner (a short field whole)."""
    ahead_end = min(len(text), start + _REACH * 2)
    ends = [m.end() for m in islice(_WORD.finditer(text, start, ahead_end), SNIPPET_WORDS)]
    text_ends = ahead_end == len(text) and len(ends) < SNIPPET_WORDS
    wanted = max(SNIPPET_WORDS - len(ends), WORDS_BEFORE) if text_ends else WORDS_BEFORE
    begin, before = _words_back(text, start, wanted)
    if text_ends:
        return begin, len(text)
    return begin, ends[min(SNIPPET_WORDS - before, len(ends)) - 1] if ends else ahead_end


def _words_back(text: str, start: int, count: int) -> tuple[int, int]:
    """Where the `count`-th word before `start` begins (the text's start when there are fewer),
    and how many words that takes in."""
    reach = max(0, start - _REACH)
    starts = [match.start() for match in _WORD.finditer(text, reach, start)]
    if starts and starts[0] == reach > 0 and _WORD.match(text, reach - 1):
        del starts[0]  # the end of a word cut by the reach
    if len(starts) >= count:
        return starts[-count], count
    if reach == 0:
        return 0, len(starts)
    return (starts[0], len(starts)) if starts else (start, 0)
