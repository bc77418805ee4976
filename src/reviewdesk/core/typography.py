"""Typographic punctuation: curly quotes and apostrophes, dashes, ellipses, by one set of
rules for the body and for every text field the page shows (`typeset`).

The body gets it from a tree processor of Python-Markdown (typography_markdown.py); this module
does not import Markdown, so that the window's first paint, which shows text fields, does not
load it.

A URL in the text (`https://...`, `www....`) keeps its characters: `--` or `'` in it is part
of the address. A text field, plain text, also keeps what is between backticks as typed: the
writer's way of saying "code" there.

Quotation marks are the review's language's (`quotes_for`): English's curly pair, German's low
and high, French's guillemets. The apostrophe is U+2019 in every language."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from typing import NamedTuple

__all__ = ["BLOCKS", "ENGLISH", "VERBATIM", "Quotes", "quotes_for", "smarten", "typeset"]

_PUNCTUATION = re.compile(r"---|--|\.\.\.|['\"]")
_DASHES = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}
# Before an opening quote: nothing (start of block), a space, an opening bracket or a dash.
# \x03 ends a placeholder of raw HTML (`<kbd>"x"</kbd>`), as in Python-Markdown's smarty.
_OPENERS = set(" \t\n\r\u00a0\u202f([{\u2013\u2014\u201c\u2018\u201e\u201a\u00ab\u2039\u300c-/\x03")
_DECADE = re.compile(r"\d\ds\b")
# Their text is code or kept as written.
VERBATIM = frozenset({"code", "pre", "kbd", "samp", "var", "script", "style", "math"})
BLOCKS = frozenset(
    {"p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "div", "figcaption", "caption", "summary", "details", "ol", "ul", "dl", "table", "tr"}
)  # fmt: skip

# A URL written out in the text: a scheme (at most 32 characters, so that no run of letters is
# read again from each of its letters) or "www.", to the next space, quote or angle bracket,
# without the punctuation that ends a sentence or a parenthesis.
_URL = re.compile(
    r"(?:\b[A-Za-z][A-Za-z0-9+.-]{0,31}://|\bwww\.)[^\s\"<>]*[^\s\"<>.,;:!?')\]\u2019\u201d]"
)
# `code` in a plain text field, on one line.
_CODE = re.compile(r"`[^`\n]*`")
_URL_MARKS = ("://", "www.")
_Change = Callable[[str, str, str], str]


class Quotes(NamedTuple):
    """A language's quotation marks: the double (outer) pair, then the single (inner) pair."""

    open: str
    close: str
    open_inner: str
    close_inner: str


ENGLISH = Quotes("\u201c", "\u201d", "\u2018", "\u2019")
_GERMAN = Quotes("\u201e", "\u201c", "\u201a", "\u2018")
_GUILLEMETS_SWISS = Quotes("\u00ab", "\u00bb", "\u2039", "\u203a")
# French sets its guillemets off by a narrow no-break space, which never breaks from its word.
_FRENCH = Quotes("\u00ab\u202f", "\u202f\u00bb", "\u2039\u202f", "\u202f\u203a")
_FRENCH_SWISS = Quotes("\u00ab", "\u00bb", "\u2039", "\u203a")
_GUILLEMETS_CURLY = Quotes("\u00ab", "\u00bb", "\u201c", "\u201d")
_GUILLEMETS_LOW = Quotes("\u00ab", "\u00bb", "\u201e", "\u201c")
_LOW_RIGHT = Quotes("\u201e", "\u201d", "\u00ab", "\u00bb")
_RIGHT = Quotes("\u201d", "\u201d", "\u2019", "\u2019")
# CLDR's quotation delimiters (main/*.xml, <delimiters>), by language or language-region.
_QUOTES: dict[str, Quotes] = {
    "de": _GERMAN, "cs": _GERMAN, "sk": _GERMAN, "sl": _GERMAN, "is": _GERMAN, "lt": _GERMAN,
    "de-ch": _GUILLEMETS_SWISS, "de-li": _GUILLEMETS_SWISS, "rm": _GUILLEMETS_SWISS,
    "fr": _FRENCH, "fr-ch": _FRENCH_SWISS,
    "it": _GUILLEMETS_CURLY, "es": _GUILLEMETS_CURLY, "ca": _GUILLEMETS_CURLY,
    "el": _GUILLEMETS_CURLY, "pt-pt": _GUILLEMETS_CURLY,
    "ru": _GUILLEMETS_LOW, "uk": _GUILLEMETS_LOW, "be": _GUILLEMETS_LOW, "bg": _GERMAN,
    "pl": _LOW_RIGHT, "ro": _LOW_RIGHT, "hu": Quotes("\u201e", "\u201d", "\u00bb", "\u00ab"),
    "nl": Quotes("\u2018", "\u2019", "\u201c", "\u201d"),
    "sv": _RIGHT, "fi": _RIGHT,
    "nb": Quotes("\u00ab", "\u00bb", "\u2018", "\u2019"),
    "nn": Quotes("\u00ab", "\u00bb", "\u2018", "\u2019"),
    "no": Quotes("\u00ab", "\u00bb", "\u2018", "\u2019"),
    "da": ENGLISH, "pt": ENGLISH, "tr": ENGLISH, "zh": ENGLISH, "ko": ENGLISH,
    "ja": Quotes("\u300c", "\u300d", "\u300e", "\u300f"),
}  # fmt: skip


@lru_cache(maxsize=64)
def quotes_for(language: str) -> Quotes:
    """The quotation marks of a BCP 47 tag: its language and region's (`de-CH`), else its
    language's (`de`), else English's."""
    parts = language.lower().replace("_", "-").split("-")
    if len(parts) > 1 and (found := _QUOTES.get(f"{parts[0]}-{parts[1]}")):
        return found
    return _QUOTES.get(parts[0], ENGLISH)


def typeset(text: str, language: str = "en") -> str:
    """A plain text field (a title, a list item, a caption...) as the page shows it: with the
    body's typographic punctuation in `language` (a BCP 47 tag), but for its URLs and what is
    between backticks."""
    quotes = quotes_for(language)
    if "`" not in text:
        return smarten(text, quotes=quotes)
    return _around(_CODE, text, "", "", partial(_smarten_in, quotes))


def _smarten_in(quotes: Quotes, text: str, before: str, after: str) -> str:
    return smarten(text, before, after, quotes)


def smarten(text: str, before: str = "", after: str = "", quotes: Quotes = ENGLISH) -> str:
    """`text` with typographic punctuation and `quotes`, but for the URLs in it. `before` and
    `after` are the characters around it ("" at the edge of a block): a quote at an edge is
    read in their context."""
    punctuate = partial(_punctuate, quotes=quotes)
    if not any(mark in text for mark in _URL_MARKS):  # cheap test first: a URL is rare
        return punctuate(text, before, after)
    return _around(_URL, text, before, after, punctuate)


def _around(kept: re.Pattern[str], text: str, before: str, after: str, change: _Change) -> str:
    """`change` applied to the parts of `text` that `kept` does not match, each read in the
    context of the characters around it."""
    out: list[str] = []
    last = 0
    for match in kept.finditer(text):
        start, end = match.span()
        if start > last:
            out.append(change(text[last:start], text[last - 1] if last else before, text[start]))
        out.append(match.group())
        last = end
    if last < len(text):
        out.append(change(text[last:], text[last - 1] if last else before, after))
    return "".join(out)


def _punctuate(text: str, before: str = "", after: str = "", quotes: Quotes = ENGLISH) -> str:
    out: list[str] = []
    last = 0
    inner_open = False  # a single quote was opened: `'` after a word may close it
    for match in _PUNCTUATION.finditer(text):
        start, end, token = match.start(), match.end(), match.group()
        out.append(text[last:start])
        previous = text[start - 1] if start else before
        following = text[end : end + 1] if end < len(text) else after
        mark = _DASHES.get(token) or _quote(token, previous, following, text, end, quotes)
        if token == "'":
            if inner_open and mark == "\u2019" and not following.isalnum():
                mark = quotes.close_inner  # U+2019 in English either way
            inner_open = mark == quotes.open_inner or (inner_open and mark == "\u2019")
        out.append(mark)
        last = end
    out.append(text[last:])
    return "".join(out)


def _quote(  # noqa: PLR0917 (the context of one mark)
    mark: str, previous: str, following: str, text: str, end: int, quotes: Quotes
) -> str:
    opening = previous == "" or previous in _OPENERS
    if mark == "'":
        if previous.isalnum() or (_DECADE.match(text, end) and not previous.isalpha()):
            return "\u2019"  # an apostrophe: it's, Jones', '90s
        return quotes.open_inner if opening and following.strip() else quotes.close_inner
    return quotes.open if opening and following.strip() else quotes.close
