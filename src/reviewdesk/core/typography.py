"""Typographic punctuation: curly quotes and apostrophes, dashes, ellipses, by one set of
rules for the body and for every text field the page shows (`typeset`).

Python-Markdown's `smarty` extension does this with some fifteen inline patterns, each tried
against every run of text, and so doubles the cost of a conversion. This tree processor makes
one regular-expression pass over the finished text instead, and it sees the character before
each quote even across inline elements (`"*word*"`), where `smarty` cannot.

A URL in the text (`https://...`, `www....`) keeps its characters: `--` or `'` in it is part
of the address. A text field, plain text, also keeps what is between backticks as typed: the
writer's way of saying "code" there."""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

__all__ = ["TypographyExtension", "smarten", "typeset"]

_PUNCTUATION = re.compile(r"---|--|\.\.\.|['\"]")
_DASHES = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}
# Before an opening quote: nothing (start of block), a space, an opening bracket or a dash.
# \x03 ends a placeholder of raw HTML (`<kbd>"x"</kbd>`), as in Python-Markdown's smarty.
_OPENERS = set(" \t\n\r\u00a0([{\u2013\u2014\u201c\u2018-/\x03")
_DECADE = re.compile(r"\d\ds\b")
# Their text is code or kept as written.
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "var", "script", "style", "math"})
_BLOCKS = frozenset(
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


class _Typography(Treeprocessor):
    """Walks the tree in reading order, carrying the last character seen, so that a quote
    next to an inline element (`"*word*"`) is read in context."""

    def run(self, root: Element) -> None:
        self._before = ""
        for child in root:
            self._walk(child, followed=False)

    def _walk(self, element: Element, followed: bool) -> None:
        block = element.tag in _BLOCKS
        if block:
            self._before = ""
        if element.tag in _VERBATIM:
            text = "".join(element.itertext())
            self._before = text[-1] if text else self._before
        else:
            element.text = self._smarten(element.text, followed=len(element) > 0)
            for index, child in enumerate(element):
                self._walk(child, followed=index + 1 < len(element))
        if block:
            self._before = ""
        element.tail = self._smarten(element.tail, followed=followed)

    def _smarten(self, text: str | None, followed: bool) -> str | None:
        if not text:
            return text
        if not isinstance(text, AtomicString):  # AtomicString: escaped, keep as written
            # Followed by an inline element: a quote at the end opens it.
            text = smarten(text, self._before, "x" if followed else "")
        self._before = text[-1]
        return text


class TypographyExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.ESCAPED_CHARS.extend(["'", '"'])  # so that \" stays a straight quote
        # After inline parsing (20), so code spans are elements; before toc (5) makes ids.
        md.treeprocessors.register(_Typography(md), "reviewdesk_typography", 15)
