"""Incremental rendering of the review body, for a live preview that follows typing.

`IncrementalBody.update(text)` splits the body into top-level blocks and renders only the
blocks whose source (or context) changed since the last update; `BodyUpdate.html` always equals
`render_markdown(text)` byte for byte.

How the body is split. Python-Markdown parses the text in chunks separated by blank lines, and
each chunk adds top-level elements. A block is a run of chunks; a boundary is kept only where
rendering the two sides apart is known to give the same HTML as rendering them together:

- A chunk that can attach to what came before is merged into the previous block: one starting
  with a space (code, list continuation) or `:` (a definition takes the paragraph before as its
  term), one with a definition line, one starting with a list item or `>` after a chunk that
  may end with a list, a quote or indented lines (what it merged into keeps them open), any
  chunk after one of spaces only (code before more text, nothing alone), and a multi-line chunk
  starting with `[` or `*[`. Chunks that may add no element (definitions only: `[x]: url`,
  `*[X]: ...`) are looked through: the merge reaches back to the last chunk that surely adds
  one.
- Fenced code is found as the fenced-code preprocessor finds it, over the whole text; chunks
  that a fence spans are one block.
- Raw HTML (`<tag`, `</`, `<!`, `<?`) and `&#` outside fenced code: the HTML preprocessor reads
  the document as one stream (a tag may span blank lines, `<div>` may never close) and the
  sanitizer nests what follows an open element inside it. So the chunk holding raw HTML and
  the chunks after it are one block until the HTML closes: the preprocessor, fed the block,
  is back to plain text and every element its tags opened is closed. HTML still open
  `RAW_REGION_MAX` characters on makes the rest of the body one block. If the preprocessor's
  parser stops short (an unfinished tag...), it reads the rest at offsets that depend on all
  the text before: the body is then rendered whole.

Document-wide context is passed to each block render instead of re-rendering everything: the
heading shift (from the lowest heading level of the whole body), every reference definition,
every abbreviation and, for heading ids, the ids that headings before the block took. Each
block's definitions and heading levels come from a parse of that block alone (cached), so the
context is known before anything is rendered. Footnotes (`[^`: numbered and collected across
the body), a `[TOC]` marker and possible explicit ids (`{#id}`, `{: id=...}`, raw HTML with
`markdown`: toc avoids every id of the document) make the body render whole, as one block.
`full` is True when every block is replaced: the first update, a whole render, or a change of
the heading shift, the references or the abbreviations.

`BodyUpdate.html` is `"\\n".join` of the non-empty blocks, as Python-Markdown joins top-level
elements; a block of definitions only renders to "". Each block keeps the whitespace that
Python-Markdown strips from the end of a render (the newline after a raw HTML block), but the
last; a block the sanitizer empties still adds its newline (see `_blocks_of`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.extensions.abbr import AbbrBlockprocessor, AbbrTreeprocessor
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.md_in_html import HTMLExtractorExtra
from markdown.extensions.toc import TocTreeprocessor, unique
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from reviewdesk.core.markdown_body import BODY_TOP_LEVEL, new_markdown, render_markdown, sanitize
from reviewdesk.core.typography import quotes_for

__all__ = ["BodyUpdate", "IncrementalBody"]

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_SPACE_LINES = re.compile(r"\n[ ]+(?=\n)")  # NormalizeWhitespace's `(?<=\n) +\n`, faster
# What the splitter must know about. Searching for a single character is far faster than for
# a pattern, so each pattern is only searched for when its first character is in the text.
_BRACKETS = re.compile(r"\[(?:\^|TOC\])")  # footnotes or a toc marker: render whole
_FENCE_LINE = re.compile(r"\n(?=```|~~~)")
# Where the HTML preprocessor stops passing text through: a tag, comment, declaration or
# processing instruction, or `&#` (a malformed one makes it pass the rest through as text).
_RAW_HTML = re.compile(r"<[A-Za-z!?/]|&#")
# attr_list syntax that can set an id: toc avoids every id in the document, anywhere. `#` or
# `id` after a `{` with no `}` or line end between; looking from the last `{` before it finds
# the same, and stops each attempt at the next `{` (`[^}\n]*` read the rest of the line again
# from each `{`: 20 KB of `{{` took 1.1 s, quadratic).
_EXPLICIT_ID = re.compile(r"\{[^{}\n]*(?:#|id)", re.IGNORECASE)
# A chunk starting with a list item or a quote joins a list or quote just before it (even
# across blank lines), which can only come from a chunk with such a line.
_LIST_ITEM = re.compile(r"(?:\d+\.|[*+-])(?:[ ]|\n|$)")
_LIST_LINE = re.compile(r"(?:^|\n)[ ]*(?:\d+\.|[*+-])(?:[ ]|\n|$)")
_QUOTE_LINE = re.compile(r"(?:^|\n)[ ]*>")
# A chunk with a definition (`: text`) on any line adds to a definition list just before it.
_DEFINITION = re.compile(r"(?:^|\n)[ ]{0,3}:[ ]")
RAW_REGION_MAX = 8192
"""Raw HTML still open this many characters past its first chunk (a `<div>` never closed...)
makes the rest of the body one block, rather than feeding ever longer runs to the parser."""


@dataclass(frozen=True, slots=True)
class BodyUpdate:
    """The rendered body after one `IncrementalBody.update`, and what changed since the last.

    Replacing the previous update's `blocks[start:start + removed]` with `inserted` gives
    `blocks`; in a page, the nodes of those blocks are replaced by the nodes parsed from
    `inserted`. Blocks are compared by their HTML: a block that moved to other lines but
    renders the same is not in `inserted`. `html` is the non-empty blocks joined with "\n"."""

    blocks: tuple[str, ...]  # sanitized HTML of each top-level block, in document order
    # 0-based source line where each block starts (\r\n, \r and \n end lines, as in
    # Markdown); a body rendered whole is one block at line 0.
    lines: tuple[int, ...]
    start: int  # index of the first block that differs from the previous update
    removed: int  # how many of the previous update's blocks, from `start`, were replaced
    inserted: tuple[str, ...]  # blocks[start:start + len(inserted)]
    full: bool  # every block was replaced (see the module's documentation)

    @property
    def html(self) -> str:
        """The whole body: equal to `render_markdown(text)`."""
        return "\n".join(block for block in self.blocks if block)


class _Piece(NamedTuple):
    """A block rendered alone."""

    html: str  # sanitized
    tail: str  # the whitespace after it that `Markdown.convert` strips
    present: bool  # False when it renders to nothing at all (definitions only)


_NOTHING = _Piece("", "", present=False)


def _blocks_of(pieces: list[_Piece]) -> tuple[str, ...]:
    """Blocks whose non-empty ones, joined with "\n", are the whole body's HTML. The body is
    the pieces that render to something joined with "\n", each but the last with the
    whitespace after it; a piece the sanitizer empties (a comment, a script) still adds its
    "\n", carried to the next non-empty block, or the last one."""
    blocks = [""] * len(pieces)
    present = [i for i, piece in enumerate(pieces) if piece.present]
    carry = ""
    last = -1  # the last non-empty block
    for k, i in enumerate(present):
        html, tail, _ = pieces[i]
        text = html if i == present[-1] else html + tail
        if k and (not text or last < 0):  # a separator the join of blocks does not give
            carry += "\n"
        if text:
            blocks[i], carry, last = carry + text, "", i
    if carry:
        blocks[last if last >= 0 else present[0]] += carry
    return tuple(blocks)


@dataclass(frozen=True, slots=True)
class _Meta:
    """What a block's source alone says about the document: from its block parse only."""

    references: tuple[tuple[str, tuple[str, str]], ...]
    abbreviations: tuple[tuple[str, str | None], ...]  # (abbreviation, title or None: removed)
    top_level: int | None  # its lowest heading level (h1 is 1), None without headings
    # The HTML parser stopped short on it (an unfinished tag, a bad `&#`...): it then reads the
    # rest at offsets that depend on all the text before, so only the whole body renders right.
    html_stopped: bool


class _AbbrRecorder(dict[str, str]):
    """Stands in for the abbreviations dict of the block parser, logging what a block defines
    (and removes, with `*[X]: ""`) so the whole body's set can be replayed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, str | None]] = []

    def __setitem__(self, key: str, value: str) -> None:
        self.log.append((key, value))
        super().__setitem__(key, value)

    def pop(self, key: str, default: Any = None) -> Any:
        self.log.append((key, None))
        return super().pop(key, default)


class _Renderer:
    """A converter set up as `render_markdown`'s, with hooks that give a block the context of
    the whole body: references, abbreviations, heading shift and the heading ids taken."""

    def __init__(self, language: str) -> None:
        md = self.md = new_markdown(language)
        self.references: dict[str, tuple[str, str]] = {}
        self.abbreviations: dict[str, str] = {}
        self.shift = 0
        self.used_ids: Iterable[str] = ()
        self.slugs: list[str] = []
        self.html_stopped = False
        self.trailing = ""

        tree_abbr = md.treeprocessors["abbr"]
        block_abbr = md.parser.blockprocessors["abbr"]
        toc = md.treeprocessors["toc"]
        assert isinstance(tree_abbr, AbbrTreeprocessor)
        assert isinstance(block_abbr, AbbrBlockprocessor)
        assert isinstance(toc, TocTreeprocessor)
        self._abbrs = tree_abbr.abbrs  # the dict the abbr treeprocessor applies
        self._recorder = block_abbr.abbrs = _AbbrRecorder()

        slugify: Callable[[str, str], str] = toc.slugify

        def recording_slugify(value: str, separator: str) -> str:
            slug = slugify(value, separator)
            self.slugs.append(slug)
            return slug

        toc.slugify = recording_slugify
        # Priority 100: first, after block parsing and before inline parsing (20) uses them.
        md.preprocessors.register(_HtmlBlocks(md, self), "html_block", 20)
        md.treeprocessors.register(_Context(md, self), "reviewdesk_context", 100)
        md.treeprocessors.register(_Shift(md, self), "reviewdesk_heading_levels", 9)
        md.treeprocessors.register(_SeededToc(md, self, toc), "toc", 5)
        md.postprocessors.register(_Trailing(md, self), "reviewdesk_trailing", 0)

    def parse(self, source: str) -> _Meta:
        """The block parse of `source`, without inline parsing: cheap."""
        md = self.md
        md.reset()
        self._recorder.clear()
        self._recorder.log.clear()
        self.html_stopped = False
        lines = source.split("\n")
        for preprocessor in md.preprocessors:
            lines = preprocessor.run(lines)
        root = md.parser.parseDocument(lines).getroot()
        assert root is not None
        levels = [int(el.tag[1]) for el in root.iter() if el.tag in _HEADINGS]
        return _Meta(
            references=tuple(md.references.items()),
            abbreviations=tuple(self._recorder.log),
            top_level=min(levels) if levels else None,
            html_stopped=self.html_stopped,
        )

    def render(self, source: str) -> _Piece:
        """Sanitized HTML of `source` in the context set on this renderer, and the whitespace
        after it that `Markdown.convert` strips (the newline after a raw HTML block, which
        the whole body keeps before the next element); the headings' slugs (before they are
        made unique) are left in `slugs`."""
        self.md.reset()
        self._recorder.clear()
        self._recorder.log.clear()
        self.slugs.clear()
        converted = self.md.convert(source)
        return _Piece(sanitize(converted), self.trailing, present=True) if converted else _NOTHING

    def apply_context(self) -> None:
        self.md.references.clear()
        self.md.references.update(self.references)
        self._abbrs.clear()
        self._abbrs.update(self.abbreviations)


class _Trailing(Postprocessor):
    """Notes the whitespace at the end of the output, which `Markdown.convert` strips."""

    def __init__(self, md: markdown.Markdown, renderer: _Renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, text: str) -> str:
        self.renderer.trailing = text[len(text.rstrip()) :]
        return text


class _HtmlBlocks(Preprocessor):
    """md_in_html's HtmlBlockPreprocessor, noting when its parser stops short of the end."""

    def __init__(self, md: markdown.Markdown, renderer: _Renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, lines: list[str]) -> list[str]:
        parser = HTMLExtractorExtra(self.md)
        parser.feed("\n".join(lines))
        if parser.rawdata:  # left unparsed: `close()` parses it from a shifted offset
            self.renderer.html_stopped = True
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class _Context(Treeprocessor):
    def __init__(self, md: markdown.Markdown, renderer: _Renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: Element) -> None:
        self.renderer.apply_context()


class _Shift(Treeprocessor):
    """markdown_body's heading shift, with the shift of the whole body instead of the block's."""

    def __init__(self, md: markdown.Markdown, renderer: _Renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: Element) -> None:
        shift = self.renderer.shift
        if shift:
            for el in root.iter():
                if el.tag in _HEADINGS:
                    el.tag = f"h{max(1, min(6, int(el.tag[1]) + shift))}"


class _SeededToc(Treeprocessor):
    """toc, made to avoid the ids that headings before the block took: toc avoids every id in
    its tree, so they are put in the tree, on elements removed again afterwards."""

    def __init__(self, md: markdown.Markdown, renderer: _Renderer, toc: TocTreeprocessor) -> None:
        super().__init__(md)
        self.renderer = renderer
        self.toc = toc

    def run(self, root: Element) -> None:
        holder = SubElement(root, "reviewdesk-ids")
        for used in self.renderer.used_ids:
            SubElement(holder, "span", {"id": used})
        try:
            self.toc.run(root)
        finally:
            root.remove(holder)


def _normalize(text: str) -> str:
    """The text as Python-Markdown's NormalizeWhitespace leaves it (but for the blank lines it
    appends): it is idempotent, so a slice of it renders as it would in the whole."""
    if (
        "\x02" in text
        or "\x03" in text
        or "\r" in text
        or "\t" in text
        or _SPACE_LINES.search(text)
        or text[text.rfind("\n") + 1 :].isspace()  # a last line of spaces
    ):
        text = text.replace("\x02", "").replace("\x03", "")
        text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        text = _SPACE_LINES.sub("\n", text.expandtabs(4))
    return text


def _scan(text: str) -> tuple[list[tuple[int, int]], list[int]] | None:
    """The spans of fenced code and where raw HTML starts outside them, or None when the body
    must be rendered whole."""
    if "[" in text and _BRACKETS.search(text):
        return None  # footnotes are numbered and collected across the body; or [TOC]
    if "{" in text and _EXPLICIT_ID.search(text):
        return None
    fences: list[tuple[int, int]] = []
    if "`" in text or "~" in text:
        lines = [match.end() for match in _FENCE_LINE.finditer(text)]
        if text.startswith(("```", "~~~")):
            lines.insert(0, 0)
        fences = _fences(text, lines)
    raws: list[int] = []
    if "<" in text or "&" in text:
        fence_starts = [start for start, _ in fences]
        for match in _RAW_HTML.finditer(text):  # fences are stashed before HTML is read
            at = match.start()
            i = bisect.bisect_right(fence_starts, at) - 1
            if i < 0 or at >= fences[i][1]:
                raws.append(at)
    return fences, raws


def _fences(text: str, lines: list[int]) -> list[tuple[int, int]]:
    """The spans of fenced code, found as FencedBlockPreprocessor finds them: its search goes
    on from the end of the last fence, so it is a match tried at each line opening with a
    fence."""
    pattern = FencedBlockPreprocessor.FENCED_BLOCK_RE
    spans: list[tuple[int, int]] = []
    index = 0
    for start in lines:
        if start < index:
            continue
        match = pattern.match(text, start)
        if match is None:
            continue
        attrs = match.group("attrs")
        if attrs and get_attrs_and_remainder(attrs)[1]:
            # Braces it cannot read: not a fence; the search goes on from inside the match.
            index = match.end("attrs")
            continue
        spans.append((match.start(), match.end()))
        index = match.end()
    return spans


def _any_within(offsets: list[int], start: int, end: int) -> bool:
    """Whether sorted `offsets` has one in [start, end)."""
    i = bisect.bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end


@dataclass
class _Ending:
    """What the chunks from the last solid one on may end with: the element a chunk can
    attach to."""

    indented: bool = False  # indented lines: code, or what continued a list item
    listed: bool = False
    quoted: bool = False
    blank: bool = False  # a first chunk of spaces only: code before more, nothing alone

    def joined_by(self, chunk: _Chunk) -> bool:
        # A list or quote may go on after indented lines; anything else starts afresh.
        return (
            ((chunk.list_item or chunk.quote) and self.indented)
            or (chunk.list_item and self.listed)
            or (chunk.quote and self.quoted)
            or self.blank
        )

    def follow(self, chunk: _Chunk, merged: bool) -> None:
        """Take in `chunk`, which `merged` into the block before it or not."""
        self.blank = chunk.blank and not merged
        if chunk.transparent or merged:  # what the block ended with may still be open
            self.indented = self.indented or chunk.indented
            self.listed = self.listed or chunk.has_list
            self.quoted = self.quoted or chunk.has_quote
        else:
            self.indented, self.listed, self.quoted = (
                chunk.indented,
                chunk.has_list,
                chunk.has_quote,
            )


class _RawHtml:
    """Raw HTML through the chunks of one split. From a chunk with raw HTML on, the chunks
    join one block until the HTML closes: the HTML preprocessor reads the document as one
    stream and the sanitizer nests what follows an open element inside it."""

    def __init__(
        self, text: str, raws: list[int], fences: list[int], closes: Callable[[str], bool]
    ) -> None:
        self._text, self._raws, self._fences, self._closes = text, raws, fences, closes
        self.start = -1  # where the raw HTML still open began; -1: none is open
        self._first_end = 0  # where that run's first chunk ends
        self.rest = False  # it did not close soon enough: the rest of the body is one block

    @property
    def open(self) -> bool:
        """Whether the next chunk joins the block before it."""
        return self.start >= 0 or self.rest

    def chunk(self, start: int, end: int) -> bool:
        """Follow the chunk at [start, end); False when the body must be rendered whole."""
        if self.rest or (self.start < 0 and not _any_within(self._raws, start, end)):
            return True
        if self.start < 0:
            self.start, self._first_end = start, end
        source = self._text[self.start : end]
        if "markdown" in source.lower():
            return False  # md_in_html may put elements with ids in the tree: toc avoids them
        if end - self._first_end > RAW_REGION_MAX or _any_within(self._fences, self.start, end):
            self.rest = True  # a fence in it is stashed before HTML is read: not tried alone
        elif self._closes(source):
            self.start = -1
        return True


_AFTER = "\n<p>after</p>"


def _closes(md: markdown.Markdown, source: str) -> bool:
    """Whether `source` leaves no HTML open, so that what follows renders as it would alone:
    the HTML preprocessor, fed it and the blank line after, is back to plain text, and took
    no `<` as text for want of an end (an unclosed comment or tag ends further on in the
    whole body); and the sanitizer parses what follows its HTML as it would alone."""
    parser = _Extractor(md)
    parser.feed(source + "\n\n")
    md.htmlStash.reset()
    if (
        parser.short
        or parser.rawdata
        or parser.inraw
        or parser.intail
        or parser.stack
        or parser.inline_stack
        or parser.cdata_elem
    ):
        return False
    md.reset()
    converted = md.convert(source)
    # What follows must not end up inside it: an element left open, a script whose
    # `<!--` escapes the end tag after it, a formatting element reopened in the next block.
    return sanitize(converted + _AFTER) == sanitize(converted) + _AFTER


class _Extractor(HTMLExtractorExtra):
    """The HTML preprocessor's parser, noting a `<` it passed as text: a comment, tag or
    declaration without its end, which more text after could give it."""

    short = False

    def handle_data(self, data: str) -> None:
        if data in ("<", "<!", "<?"):  # what its parse_* pass on when no end follows
            self.short = True
        super().handle_data(data)


class _Chunk(NamedTuple):
    """What the splitter needs to know of a chunk of text between blank lines."""

    lead: int  # newlines before its content
    size: int  # length of its content
    newlines: int
    transparent: bool  # may add no element: definitions only
    attaches: bool  # attaches to what is before it
    definition: bool  # a definition without its term: takes the paragraph before as the term
    list_item: bool  # starts with a list item: joins a list before it
    quote: bool  # starts with a quote: joins a quote before it
    has_list: bool  # may make a list
    has_quote: bool  # may make a quote
    indented: bool  # ends with an indented line (code)
    blank: bool  # spaces only: alone it renders to nothing, before more it is code


def _chunk(piece: str) -> _Chunk:
    content = piece.strip("\n")
    if not content:
        return _Chunk(0, 0, piece.count("\n"), *[False] * 9)
    first = content[0]
    transparent = first == "[" or content.startswith("*[")
    multiline = "\n" in content
    return _Chunk(
        lead=len(piece) - len(piece.lstrip("\n")),
        size=len(content),
        newlines=piece.count("\n"),
        transparent=transparent,
        attaches=first in " :"
        or (transparent and multiline)
        or (":" in content and _DEFINITION.search(content) is not None),
        definition=first == ":",
        list_item=_LIST_ITEM.match(content) is not None,
        quote=first == ">",
        has_list=_LIST_LINE.search(content) is not None,
        has_quote=">" in content and _QUOTE_LINE.search(content) is not None,
        indented=content[content.rfind("\n") + 1 :].startswith("    "),
        blank=content.isspace(),
    )


class _Splitter:
    """Splits normalized text into blocks; remembers its chunks, and which runs of raw HTML
    close, from one update to the next."""

    def __init__(self) -> None:
        self._chunks: dict[str, _Chunk] = {}
        self._closed: dict[str, bool] = {}
        self._known_closed: dict[str, bool] = {}
        self._md: markdown.Markdown | None = None

    def _closes(self, source: str) -> bool:
        """Whether `source` leaves no HTML open (see `_RawHtml`); remembered for the next
        split, since typing elsewhere leaves it as it was."""
        closed = self._known_closed.get(source)
        if closed is None:
            if self._md is None:
                self._md = new_markdown()
            closed = _closes(self._md, source)
        self._closed[source] = closed
        return closed

    def split(self, text: str) -> tuple[list[str], list[int]] | None:
        """The sources of the blocks of normalized `text` and their first lines, or None when
        the body must be rendered whole."""
        scanned = _scan(text)
        if scanned is None:
            return None
        fences, raws = scanned
        known, self._chunks = self._chunks, {}
        self._known_closed, self._closed = self._closed, {}
        fence_starts = [start for start, _ in fences]
        starts: list[int] = []  # offsets of the blocks' starts and ends
        ends: list[int] = []
        lines: list[int] = []
        chunk_starts: list[int] = []  # every chunk's start: blocks are taken back to them
        solids = [-1, -1]  # the chunks that surely add an element (-1: none)
        ends_with = _Ending()
        raw = _RawHtml(text, raws, fence_starts, self._closes)
        fence = 0  # fences[fence:] start at or after the current chunk
        reach = 0  # the furthest end of a fence starting before the current chunk
        pos = line = 0
        for piece in text.split("\n\n"):
            chunk = known.get(piece) or _chunk(piece)
            self._chunks[piece] = chunk
            if chunk.size:
                start = pos + chunk.lead
                while fence < len(fences) and fences[fence][0] < start:
                    reach = max(reach, fences[fence][1])
                    fence += 1
                k = len(chunk_starts)
                chunk_starts.append(start)
                merged = bool(starts) and (
                    raw.open
                    or reach > ends[-1]  # a fence runs from the block into this chunk
                    or chunk.attaches
                    or ends_with.joined_by(chunk)
                )
                ends_with.follow(chunk, merged)
                if merged:
                    # Blocks started after the last solid chunk hold only definitions, which
                    # may add no element: what this chunk attaches to is further back. A
                    # definition without its term takes the paragraph before as the term, and
                    # then attaches to a definition list before that.
                    target = solids[-2] if chunk.definition else solids[-1]
                    while len(starts) > 1 and starts[-1] > chunk_starts[max(target, 0)]:
                        starts.pop()
                        ends.pop()
                        lines.pop()
                    ends[-1] = start + chunk.size
                else:
                    starts.append(start)
                    ends.append(start + chunk.size)
                    lines.append(line + chunk.lead)
                if not chunk.transparent:
                    solids.append(k)
                if not raw.chunk(start, start + chunk.size):
                    return None
            pos += len(piece) + 2
            line += chunk.newlines + 2
        if raw.rest and "markdown" in text[raw.start :].lower():
            return None  # md_in_html may put elements with ids in the tree: toc avoids them
        return [text[start:end] for start, end in zip(starts, ends, strict=True)], lines


class _Generations:
    """A cache that keeps what the last two updates used: bounded by the body's size, yet an
    undo right after an edit finds its blocks."""

    def __init__(self) -> None:
        self.now: dict[Hashable, Any] = {}
        self.before: dict[Hashable, Any] = {}

    def turn(self) -> None:
        self.before, self.now = self.now, {}

    def get(self, key: Hashable) -> Any:
        value = self.now.get(key)
        if value is None:
            value = self.before.get(key)
            if value is not None:
                self.now[key] = value
        return value

    def put(self, key: Hashable, value: Any) -> None:
        self.now[key] = value


class IncrementalBody:
    """Renders successive versions of one body, re-rendering only the blocks that changed.

    Not thread-safe: one instance per document, used from one thread."""

    def __init__(self) -> None:
        self.renders = 0  # block renders so far (whole-body renders included): for tests
        self._start("en")

    def _start(self, language: str) -> None:
        """Forget every block rendered: the next update renders the body whole, anew."""
        self._quotes = quotes_for(language)
        self._renderer = _Renderer(language)
        self._splitter = _Splitter()
        self._meta = _Generations()  # source -> _Meta
        self._slugs = _Generations()  # (source, references) -> the headings' slugs
        self._html = _Generations()  # (source, context...) -> sanitized HTML
        self._blocks: tuple[str, ...] = ()
        self._lines: tuple[int, ...] = ()
        self._context: Hashable = None
        self._started = False

    def block_at(self, line: int) -> int:
        """The index of the block holding source line `line` (0-based; a blank line belongs to
        the block above it), or -1 before any block exists."""
        if not self._lines:
            return -1
        return max(0, bisect.bisect_right(self._lines, line) - 1)

    def update(self, text: str, language: str = "en") -> BodyUpdate:
        """Render `text` with `language`'s quotation marks (a BCP 47 tag), reusing the blocks
        rendered before in the same marks."""
        if quotes_for(language) != self._quotes:
            self._start(language)
        for cache in (self._meta, self._slugs, self._html):
            cache.turn()
        normalized = _normalize(text)
        blank = not normalized or normalized.isspace()
        split = None if blank else self._splitter.split(normalized)
        rendered = None if split is None else self._render(split[0])
        blocks: tuple[str, ...]
        lines: tuple[int, ...]
        context: Hashable
        if blank:
            blocks, lines, context = (), (), None
        elif split is None or rendered is None:
            self.renders += 1
            html = render_markdown(text, language=language)
            blocks, lines = ((html,), (0,)) if html else ((), ())
            context = ("whole", html)
        else:
            blocks, context = rendered
            lines = tuple(split[1])
        full = not self._started or context != self._context
        return self._finish(blocks, lines, context, full)

    def _render(self, sources: list[str]) -> tuple[tuple[str, ...], Hashable] | None:
        """The blocks' HTML and the document-wide context, or None if the body must be
        rendered whole."""
        metas = self._metas(sources)
        if metas is None:
            return None
        references_key = frozenset(self._renderer.references.items())
        abbreviations = self._renderer.abbreviations
        shift = self._renderer.shift
        used: set[str] = set()  # heading ids taken so far, as toc takes them
        counters: dict[str, int] = {}  # toc's cache for `unique`
        pieces: list[_Piece] = []
        for source, meta in zip(sources, metas, strict=True):
            # Only what can change this block's HTML is in its key.
            refs = references_key if "]" in source else None
            abbrs = (
                frozenset(
                    (key, value)
                    for key, value in abbreviations.items()
                    if key in source or not key.isalnum()
                )
                if abbreviations
                else None
            )
            if meta.top_level is None:
                key = (source, refs, abbrs)
                html = self._html.get(key)
                if html is None:
                    html = self._render_block(source, ())
                    self._html.put(key, html)
            else:
                html = self._render_headings(source, (shift, refs, abbrs), used, counters)
            pieces.append(html)
        context = (shift, references_key, frozenset(abbreviations.items()))
        return _blocks_of(pieces), context

    def _metas(self, sources: list[str]) -> list[_Meta] | None:
        """Every block's `_Meta`, with the context they give set on the renderer; None if the
        body must be rendered whole."""
        metas: list[_Meta] = []
        references: dict[str, tuple[str, str]] = {}
        abbreviations: dict[str, str] = {}
        top: int | None = None
        for source in sources:
            meta = self._meta.get(source)
            if meta is None:
                meta = self._renderer.parse(source)
                self._meta.put(source, meta)
            if meta.html_stopped:
                return None
            metas.append(meta)
            if meta.references:
                references.update(meta.references)
            for abbreviation, title in meta.abbreviations:  # replayed in document order
                if title is None:
                    abbreviations.pop(abbreviation, None)
                else:
                    abbreviations[abbreviation] = title
            if meta.top_level is not None and (top is None or meta.top_level < top):
                top = meta.top_level
        self._renderer.references = references
        self._renderer.abbreviations = abbreviations
        self._renderer.shift = 0 if top is None else BODY_TOP_LEVEL - top
        return metas

    def _render_headings(
        self,
        source: str,
        context: tuple[int, Hashable, Hashable],
        used: set[str],
        counters: dict[str, int],
    ) -> _Piece:
        """The HTML of a block with headings, whose ids depend on the ids taken before it
        (`used`, to which its own are added)."""
        refs = context[1]
        slugs: tuple[str, ...] | None = self._slugs.get((source, refs))
        html: _Piece
        if slugs is None:  # a new block: its slugs are known once it is rendered
            html = self._render_block(source, used)
            slugs = tuple(self._renderer.slugs)
            self._slugs.put((source, refs), slugs)
            ids = tuple(unique(slug, used, counters) for slug in slugs)
            self._html.put((source, *context, ids), html)
            return html
        ids = tuple(unique(slug, used, counters) for slug in slugs)
        key = (source, *context, ids)
        html = self._html.get(key)
        if html is None:
            html = self._render_block(source, used.difference(ids))
            self._html.put(key, html)
        return html

    def _render_block(self, source: str, used_ids: Iterable[str]) -> _Piece:
        self.renders += 1
        self._renderer.used_ids = used_ids
        return self._renderer.render(source)

    def _finish(
        self, blocks: tuple[str, ...], lines: tuple[int, ...], context: Hashable, full: bool
    ) -> BodyUpdate:
        previous = self._blocks
        if full:
            start, removed, inserted = 0, len(previous), blocks
        else:
            start = 0
            limit = min(len(previous), len(blocks))
            while start < limit and previous[start] == blocks[start]:
                start += 1
            tail = 0
            while tail < limit - start and previous[len(previous) - 1 - tail] == blocks[-1 - tail]:
                tail += 1
            removed = len(previous) - start - tail
            inserted = blocks[start : len(blocks) - tail]
        self._blocks, self._lines, self._context, self._started = blocks, lines, context, True
        return BodyUpdate(blocks, lines, start, removed, inserted, full)
