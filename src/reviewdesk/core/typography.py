"""Typographic punctuation: curly quotes and apostrophes, dashes, ellipses, by one set of
rules for the body and for every text field the page shows (`typeset`).

The body gets it from a tree processor of Python-Markdown (typography_markdown.py); this module
does not import Markdown, so that the window's first paint, which shows text fields, does not
load it.

A URL in the text (`https://...`, `www....`) keeps its characters: `--` or `'` in it is part
of the address. A text field, plain text, also keeps what is between backticks as typed: the
writer's way of saying "code" there."""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["BLOCKS", "VERBATIM", "smarten", "typeset"]

_PUNCTUATION = re.compile(r"---|--|\.\.\.|['\"]")
_DASHES = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}
# Before an opening quote: nothing (start of block), a space, an opening bracket or a dash.
# \x03 ends a placeholder of raw HTML (`<kbd>"x"</kbd>`), as in Python-Markdown's smarty.
_OPENERS = set(" \t\n\r\u00a0([{\u2013\u2014\u201c\u2018-/\x03")
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


def typeset(text: str) -> str:
    """A plain text field (a title, a list item, a caption...) as the page shows it: with the
    body's typographic punctuation, but for its URLs and what is between backticks."""
    if "`" not in text:
        return smarten(text)
    return _around(_CODE, text, "", "", smarten)


def smarten(text: str, before: str = "", after: str = "") -> str:
    """`text` with typographic punctuation, but for the URLs in it. `before` and `after` are
    the characters around it ("" at the edge of a block): a quote at an edge is read in their
    context."""
    if not any(mark in text for mark in _URL_MARKS):  # cheap test first: a URL is rare
        return _punctuate(text, before, after)
    return _around(_URL, text, before, after, _punctuate)


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


def _punctuate(text: str, before: str = "", after: str = "") -> str:
    out: list[str] = []
    last = 0
    for match in _PUNCTUATION.finditer(text):
        start, end, token = match.start(), match.end(), match.group()
        out.append(text[last:start])
        previous = text[start - 1] if start else before
        following = text[end : end + 1] if end < len(text) else after
        out.append(_DASHES.get(token) or _quote(token, previous, following, text, end))
        last = end
    out.append(text[last:])
    return "".join(out)


def _quote(mark: str, previous: str, following: str, text: str, end: int) -> str:
    opening = previous == "" or previous in _OPENERS
    if mark == "'":
        if previous.isalnum() or (_DECADE.match(text, end) and not previous.isalpha()):
            return "\u2019"  # an apostrophe: it's, Jones', '90s
        return "\u2018" if opening and following.strip() else "\u2019"
    return "\u201c" if opening and following.strip() else "\u201d"
