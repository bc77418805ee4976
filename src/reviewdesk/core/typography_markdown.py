"""The body's typographic punctuation, as a Python-Markdown extension (core/typography.py has
the rules). Python-Markdown's `smarty` extension does this with some fifteen inline patterns,
each tried against every run of text, and so doubles the cost of a conversion. This tree
processor makes one regular-expression pass over the finished text instead, and it sees the
character before each quote even across inline elements (`"*word*"`), where `smarty` cannot."""

from __future__ import annotations

from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from reviewdesk.core.typography import BLOCKS, ENGLISH, VERBATIM, Quotes, smarten


class _Typography(Treeprocessor):
    """Walks the tree in reading order, carrying the last character seen, so that a quote
    next to an inline element (`"*word*"`) is read in context."""

    def __init__(self, md: markdown.Markdown, quotes: Quotes) -> None:
        super().__init__(md)
        self._quotes = quotes

    def run(self, root: Element) -> None:
        self._before = ""
        for child in root:
            self._walk(child, followed=False)

    def _walk(self, element: Element, followed: bool) -> None:
        block = element.tag in BLOCKS
        if block:
            self._before = ""
        if element.tag in VERBATIM:
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
            text = smarten(text, self._before, "x" if followed else "", self._quotes)
        self._before = text[-1]
        return text


class TypographyExtension(Extension):
    """Typographic punctuation with the quotation marks `quotes` (a language's)."""

    def __init__(self, quotes: Quotes = ENGLISH) -> None:
        super().__init__()
        self._quotes = quotes

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.ESCAPED_CHARS.extend(["'", '"'])  # so that \" stays a straight quote
        # After inline parsing (20), so code spans are elements; before toc (5) makes ids.
        md.treeprocessors.register(_Typography(md, self._quotes), "reviewdesk_typography", 15)
