"""The review body: Markdown to sanitized HTML.

Raw HTML in the body is kept (writers use `<kbd>`, `<details>`, tables with spans...), but
whatever could run code, load a page into the page or change the document is removed, by one
pass of nh3 (ammonia, in Rust) over the converted HTML.
"""

from __future__ import annotations

import re
import threading
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from reviewdesk.core import markdown_html_parser  # noqa: F401 (applies its fix to Markdown)
from reviewdesk.core.typography import quotes_for
from reviewdesk.core.typography_markdown import TypographyExtension

__all__ = ["ALLOWED_TAGS", "BODY_TOP_LEVEL", "new_markdown", "render_markdown", "sanitize"]

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BODY_TOP_LEVEL = 2  # the page's <h1> is the title; body sections start at <h2>
BODY_TOP_LEVEL = _BODY_TOP_LEVEL

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        *_HEADINGS,
        "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
        "figure", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt",
        "ruby", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    }
)  # fmt: skip

# Dropped with everything inside them: their content is code, a document or form chrome,
# never text meant for the reader.
_CLEAN_CONTENT_TAGS = frozenset(
    {
        "script", "style", "iframe", "object", "noscript", "template", "textarea", "select",
        "svg", "math", "title", "noembed", "noframes", "xmp",
    }
)  # fmt: skip

_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"title", "lang", "dir"},
    "a": {"href", "hreflang", "class", "id", "rel"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "code": {"class"},
    "col": {"span"},
    "colgroup": {"span"},
    "data": {"value"},
    "del": {"cite", "datetime"},
    "details": {"open", "class", "id"},
    "div": {"class", "id"},
    "figure": {"class", "id"},
    "img": {"src", "alt", "width", "height", "class"},
    "ins": {"cite", "datetime"},
    "li": {"id", "class", "value"},
    "ol": {"start", "reversed", "class"},
    "p": {"class", "id"},
    "pre": {"class"},
    "q": {"cite"},
    "section": {"class", "id"},
    "span": {"class", "id"},
    "sup": {"id", "class"},
    "table": {"class"},
    "td": {"colspan", "rowspan", "headers", "style"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "style"},
    "time": {"datetime"},
    "ul": {"class"},
    **{heading: {"id", "class"} for heading in _HEADINGS},
}

# Attributes restricted to a few values (kept apart from _ATTRIBUTES, as nh3 requires).
_ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "img": {"loading": {"lazy", "eager"}, "decoding": {"async", "sync", "auto"}},
}

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(_CLEAN_CONTENT_TAGS),
    attributes=_ATTRIBUTES,
    tag_attribute_values=_ATTRIBUTE_VALUES,
    # Relative URLs pass through: the layout resolves them against the bundle's assets.
    url_schemes={"http", "https", "mailto"},
    # Tables from Markdown align cells with `style`; nothing else may be styled.
    filter_style_properties={"text-align"},
    link_rel=None,  # `rel` is an allowed attribute; no target=_blank exists to guard
    strip_comments=True,
)


class _HeadingLevels(Treeprocessor):
    """Shift the body's headings so that its top level is <h2>, under the page's <h1>.

    Writers start sections with `#` or with `##`; either way the page stays one <h1> with an
    unbroken outline. Runs before `toc`, so ids are made from the final headings."""

    def run(self, root: Element) -> None:
        headings = [el for el in root.iter() if el.tag in _HEADINGS]
        if not headings:
            return
        shift = _BODY_TOP_LEVEL - min(int(el.tag[1]) for el in headings)
        if shift:
            for el in headings:
                el.tag = f"h{max(1, min(6, int(el.tag[1]) + shift))}"


class _HeadingLevelsExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        # Priority 9: after inline parsing and typography, before attr_list (8) and toc (5).
        md.treeprocessors.register(_HeadingLevels(md), "reviewdesk_heading_levels", 9)


# Python-Markdown's inline parsing rebuilds a paragraph's text at each thing it finds (a link,
# an escape, an emphasis, a quote...), so its time grows with their number times the text's
# length (50,000 `[` took 7 s; 1 MB of `![`, a minute), and a run of thousands of `*` recurses
# past the stack. Past these a paragraph's text is taken literally. No review's prose comes
# near; a pasted dump or a hostile file may.
MAX_INLINE_MARKS = 1_000
_INLINE_MARKS = "[]*_`\\&<!'\"-."
_LONG_RUN = re.compile(r"(?<!\\)([*_])\1{49,}")
# Python-Markdown stops nesting quotes when the call stack nears Python's recursion limit, so
# past a depth the output would depend on who calls it: deeper markers are taken literally.
MAX_QUOTE_DEPTH = 50
# Raw HTML nested past this depth in a paragraph: Python-Markdown's HTML handling and the
# sanitizer turn quadratic (50,000 nested <div> took 45 s), and Chromium's parser stops
# nesting at 512 anyway: deeper tags are left out, the text inside them stays. (Escaping
# them into text instead costs as much again: each becomes an inline entity to parse.)
MAX_HTML_DEPTH = 512
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
_SUSPECT = re.compile(r"\*\*|__|^\s*>")  # what the checks below look at, but HTML depth
# Atomic: each marker takes its spaces once, as Markdown reads them. Without, a line of "> "
# just short of the limit tried every way of sharing its spaces (28 deep: 18 s).
_DEEP_QUOTE = re.compile(rf"^((?>[ ]{{0,3}}>[ ]?){{{MAX_QUOTE_DEPTH}}})(?=[ ]{{0,3}}>)")


class _Pathological(Preprocessor):
    """Escape what would make inline parsing hang or recurse, paragraph by paragraph (so a
    body rendered block by block gets the same result)."""

    def run(self, lines: list[str]) -> list[str]:
        deep_html = sum(line.count("<") for line in lines) > MAX_HTML_DEPTH
        if not deep_html and not any(_SUSPECT.search(line) for line in lines):
            return lines  # the usual body: nothing to defuse, no pass over its paragraphs
        out: list[str] = []
        paragraph: list[str] = []
        for line in [*lines, ""]:
            if line.strip():
                paragraph.append(line)
                continue
            out.extend(_defused(paragraph))
            paragraph = []
            out.append(line)
        return out[:-1]


def _defused(paragraph: list[str]) -> list[str]:
    lines = [_LONG_RUN.sub(lambda m: re.sub(r"([*_])", r"\\\1", m[0]), line) for line in paragraph]
    if sum(line.count("<") for line in lines) > MAX_HTML_DEPTH:
        lines = _shallow_html(lines)
    return [_DEEP_QUOTE.sub(r"\1\\", line) for line in lines]


def _shallow_html(lines: list[str]) -> list[str]:
    """The paragraph without the tags nested deeper than MAX_HTML_DEPTH, nor the end tags
    past those it opened."""
    depth = 0

    def tag(match: re.Match[str]) -> str:
        nonlocal depth
        closing, name, self_closing = match[1], match[2].lower(), match[3]
        if self_closing or name in _VOID_TAGS:
            return match[0]
        if closing:
            if depth == 0:
                return ""
            depth -= 1
            return match[0]
        if depth >= MAX_HTML_DEPTH:
            return ""
        depth += 1
        return match[0]

    return [_TAG.sub(tag, line) for line in lines]


class _LiteralWhenCrowded(InlineProcessor):
    """An element's text with more than MAX_INLINE_MARKS, as it is written: one match, before
    any other inline pattern, instead of thousands."""

    def __init__(self) -> None:
        super().__init__(r"^.+")

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Markdown's API)
        self, m: re.Match[str], data: str
    ) -> tuple[str | None, int | None, int | None]:
        text = m[0]
        if sum(map(text.count, _INLINE_MARKS)) <= MAX_INLINE_MARKS:
            return None, None, None
        return AtomicString(text), m.start(0), m.end(0)


class _PathologicalExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        # 22: after fenced code is set aside (25), before raw HTML is (20).
        md.preprocessors.register(_Pathological(md), "reviewdesk_pathological", 22)
        # Before every inline pattern: code spans are 190, the highest of Markdown's own.
        md.inlinePatterns.register(_LiteralWhenCrowded(), "reviewdesk_literal_when_crowded", 200)


def _new_markdown(language: str) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            "extra",
            "toc",
            "sane_lists",
            TypographyExtension(quotes_for(language)),
            _HeadingLevelsExtension(),
            _PathologicalExtension(),
        ],
        extension_configs={"toc": {"permalink": False, "anchorlink": False}},
        output_format="html",
    )


_local = threading.local()


def _markdown(language: str) -> markdown.Markdown:
    # Building a Markdown instance costs about as much as converting a short body, and an
    # instance is not thread-safe: one per thread and quotation marks, reset before each use.
    quotes = quotes_for(language)
    made: dict[object, markdown.Markdown] | None = getattr(_local, "made", None)
    if made is None:
        made = _local.made = {}
    md = made.get(quotes)
    if md is None:
        md = made[quotes] = _new_markdown(language)
    return md


def render_markdown(text: str, *, raw_html: bool = False, language: str = "en") -> str:
    """Convert the Markdown `text` of a review body into sanitized HTML5, its quotation marks
    `language`'s (a BCP 47 tag); with `raw_html`, the HTML written in it is kept as written
    (scripts and frames too: for bodies of one's own)."""
    md = _markdown(language)
    md.reset()  # footnotes, abbreviations and used ids must not leak between documents
    converted = md.convert(text)
    return converted if raw_html else _CLEANER.clean(converted)


def new_markdown(language: str = "en") -> markdown.Markdown:
    """A fresh converter set up as `render_markdown`'s, for callers that hook their own
    processors into it (core.incremental renders the body block by block with one)."""
    return _new_markdown(language)


def sanitize(html: str) -> str:
    """The sanitizing pass of `render_markdown`, for HTML converted by a `new_markdown()`."""
    return _CLEANER.clean(html)
