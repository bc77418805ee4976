"""IncrementalBody renders exactly what render_markdown renders, re-rendering only what an edit
touched."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import make_body
from reviewdesk.core.incremental import BodyUpdate, IncrementalBody
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.resources import resource

SAMPLE = resource("sample", "body.md").read_text(encoding="utf-8")

# Markdown-significant text to type: block starts, definitions used across the body, raw HTML,
# fences, tables, quotes and plain words.
SNIPPETS = [
    "# ", "## ", "### ", "\n\n", "\n", "\n\n\n", "- ", "* ", "1. ", "2. ", "    ", "  - nested",
    "```", "```\n", "~~~python\n", "```{.py}\n", "[^1]", "[^1]: note", "[x]: https://e.com",
    "[X]: /u \"T\"", "[link][x]", "[x]", "![i][x]", "*[HTML]: Hyper", '*[HTML]: ""', "HTML",
    "<div>", "</div>", "<kbd>x</kbd>", "<!--", "-->", "&amp;", "&#65;", "&#", "<br>",
    "| a | b |\n|---|---|", "|", "===", "---", "Intro\n---", "* * *", "> ", ": ", "Term\n: def",
    "{: .c}", "{: #id}", "[TOC]", "*", "_", "`", "\\", '"', "'", "--", "...", "\t", "\r\n",
    "word ", "Intro", "## Intro", "review ", "a",
]  # fmt: skip


def assert_consistent(previous: BodyUpdate | None, update: BodyUpdate, text: str) -> None:
    assert update.html == render_markdown(text)
    assert len(update.lines) == len(update.blocks)
    assert list(update.lines) == sorted(set(update.lines))
    assert update.inserted == update.blocks[update.start : update.start + len(update.inserted)]
    before = previous.blocks if previous is not None else ()
    assert update.start + update.removed <= len(before)
    patched = before[: update.start] + update.inserted + before[update.start + update.removed :]
    assert patched == update.blocks
    if previous is None:
        assert update.full
    if update.full:
        assert (update.start, update.removed, update.inserted) == (0, len(before), update.blocks)


@dataclass(frozen=True)
class Edit:
    kind: str
    where: float  # where in the text, from 0 (start) to 1 (end)
    snippet: str
    size: int

    def apply(self, text: str) -> str:
        at = int(self.where * len(text))
        if self.kind == "insert":
            return text[:at] + self.snippet + text[at:]
        if self.kind == "delete":
            return text[:at] + text[at + self.size :]
        if self.kind == "replace":
            return text[:at] + self.snippet + text[at + self.size :]
        lines = text.split("\n")
        index = int(self.where * len(lines))
        if self.kind == "insert line":
            lines.insert(index, self.snippet)
        elif lines:
            del lines[min(index, len(lines) - 1)]
        return "\n".join(lines)


edits = st.builds(
    Edit,
    kind=st.sampled_from(["insert", "insert", "delete", "replace", "insert line", "delete line"]),
    where=st.floats(0, 1),
    snippet=st.sampled_from(SNIPPETS) | st.text(alphabet="# -*>:[]`\n ab1.", max_size=6),
    size=st.integers(1, 30),
)
bodies = st.sampled_from([SAMPLE]) | st.integers(0, 10_000).map(
    lambda seed: make_body(random.Random(seed), 300)
)


@settings(max_examples=150, deadline=None)
@given(bodies, st.lists(edits, min_size=1, max_size=12))
def test_any_edits_render_as_the_whole_body(text: str, steps: list[Edit]) -> None:
    body = IncrementalBody()
    previous = body.update(text)
    assert_consistent(None, previous, text)
    for edit in steps:
        text = edit.apply(text)
        update = body.update(text)
        assert_consistent(previous, update, text)
        previous = update


def middle_paragraph(text: str) -> int:
    """An offset inside a word of a plain paragraph near the middle of `text`."""
    for match in re.finditer(r"\n\n([A-Z][a-z]+ [^\n]{200,})\n", text):
        if match.start() >= len(text) // 2:
            return match.start(1) + 3
    raise AssertionError("no paragraph")


def test_typing_in_a_paragraph_renders_only_that_block() -> None:
    text = make_body(random.Random(7), 5_000)
    body = IncrementalBody()
    first = body.update(text)
    at = middle_paragraph(text)
    index = body.block_at(text.count("\n", 0, at))
    renders = body.renders
    for typed in "Quick":
        text = text[:at] + typed + text[at:]
        at += 1
        update = body.update(text)
        assert not update.full
        assert (update.start, update.removed, len(update.inserted)) == (index, 1, 1)
        assert update.lines == first.lines
        assert update.html == render_markdown(text)
    assert body.renders - renders == 5  # one block each time, nothing else


def test_an_unchanged_body_renders_nothing() -> None:
    body = IncrementalBody()
    body.update(SAMPLE)
    renders = body.renders
    update = body.update(SAMPLE)
    assert (update.full, update.removed, update.inserted) == (False, 0, ())
    assert body.renders == renders


def test_a_change_of_language_renders_the_body_anew_in_its_quotation_marks() -> None:
    text = '"One" paragraph.\n\n"Two" paragraphs.\n\n`"code"`'
    body = IncrementalBody()
    assert body.update(text).html == render_markdown(text)
    german = body.update(text, "de")
    assert german.full
    assert german.html == render_markdown(text, language="de")
    assert "<p>„One“ paragraph.</p>" in german.html
    assert '<code>"code"</code>' in german.html
    assert not body.update(text, "de-AT").full  # the same marks: nothing to render again
    assert body.update(text, "en").html == render_markdown(text)


def test_reference_definitions_apply_to_the_whole_body() -> None:
    text = "See [the site][x] and [x].\n\nA paragraph.\n\n[x]: https://a.example/\n"
    body = IncrementalBody()
    previous = body.update(text)
    assert 'href="https://a.example/"' in previous.html
    for new in (
        text.replace("a.example", "b.example"),
        text.replace("[x]: https://a.example/\n", ""),  # the links become text again
        "[x]: https://c.example/\n\n" + text.replace("[x]: https://a.example/\n", ""),
    ):
        update = body.update(new)
        assert_consistent(previous, update, new)
        previous = update
    assert 'href="https://c.example/"' in previous.html


def test_abbreviations_apply_everywhere_and_can_be_removed() -> None:
    text = "The HTML spec.\n\nMore HTML here.\n\nNo match.\n"
    body = IncrementalBody()
    previous = body.update(text)
    for new in (
        text + "\n*[HTML]: HyperText Markup Language\n",
        text + "\n*[HTML]: HyperText\n",
        text + '\n*[HTML]: HyperText\n\n*[HTML]: ""\n',
    ):
        update = body.update(new)
        assert_consistent(previous, update, new)
        previous = update
    assert "<abbr" not in previous.html


def test_footnotes_are_numbered_across_the_body() -> None:
    text = "One[^b].\n\nTwo[^a].\n\n[^a]: First defined.\n\n[^b]: Second.\n"
    body = IncrementalBody()
    previous = body.update(text)
    assert_consistent(None, previous, text)
    new = text.replace("[^a]: First defined.\n\n", "") + "\n[^a]: Now last.\n"
    update = body.update(new)
    assert_consistent(previous, update, new)
    assert update.full


def test_the_top_heading_level_shifts_every_heading() -> None:
    text = "### Deep\n\nText.\n\n#### Deeper\n"
    body = IncrementalBody()
    previous = body.update(text)
    assert re.findall(r"<(h\d)", previous.html) == ["h2", "h3"]
    new = "# Top\n\n" + text
    update = body.update(new)
    assert_consistent(previous, update, new)
    assert update.full
    assert re.findall(r"<(h\d)", update.html) == ["h2", "h4", "h5"]


def test_heading_ids_stay_unique_across_blocks() -> None:
    text = "## Intro\n\nText.\n\n## Intro\n\nMore.\n\n## Intro\n"
    body = IncrementalBody()
    previous = body.update(text)
    assert re.findall(r'id="([^"]+)"', previous.html) == ["intro", "intro_1", "intro_2"]
    new = text.replace("## Intro", "## Other", 1)
    update = body.update(new)
    assert_consistent(previous, update, new)
    assert re.findall(r'id="([^"]+)"', update.html) == ["other", "intro", "intro_1"]


def test_blocks_that_continue_across_blank_lines_stay_whole() -> None:
    cases = [
        "1. a\n\n2. b\n\nAfter.\n",
        "- a\n\n    continued\n\n- b\n",
        "```\ncode\n\nmore code\n```\n\nAfter.\n",
        "<div>\n\nx\n\n</div>\n\nAfter.\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.\n",
        "Title\n=====\n\nText.\n",
        "Term\n\n: Meaning\n\nAfter.\n",
        "> quoted\n\n> still quoted\n",
        "    code\n\n\n    more code\n",
        "- a\n\n[x]: https://e.com\n\n- b\n",
        "  - a\n\n    continued\n\n- b\n",
        "  - a\n\n    continued\n> lazily\n\n\n- b\n",
        "    \n\n# Heading\n",
        '<a title="x\n\n<div>\n">',  # a tag that only ends in a later chunk
        "<!--\n<!--\n> q\n\n-->",  # a comment likewise
        "<script>\n<!--\n<script>\n</script>\n\nAfter.",  # script data escaped by `<!--`
        "<details>\n<summary>S</summary>\n\nx\n\n</details>\n\nAfter.\n",
    ]
    for text in cases:
        body = IncrementalBody()
        update = body.update(text)
        assert_consistent(None, update, text)
        # Typing at the start of each line keeps it right.
        for line in range(text.count("\n")):
            lines = text.split("\n")
            lines[line] = "x" + lines[line]
            new = "\n".join(lines)
            assert body.update(new).html == render_markdown(new)
            body.update(text)


CHUNK_LINES = [  # every kind of chunk: paragraphs, lists, quotes, code, definitions, HTML...
    *("para", "- a", "  - b", "1. x", "> q", "    code", "    - deep", "    ", "Term"),
    *(": def", "[r]: /u", "*", "#", "Title\n===", "| a |\n|---|", "~~~\nc\n~~~"),
    *("<div>", "</div>", "<div>x</div>", "a <span>b", "</span> c", "<!--", "-->", "<br>"),
    *("&#65;", "<p>", "</p>", "<script>", "</script>", "<details>\n<summary>S</summary>"),
    *("</details>", "<table><tr><td>x", "</td></tr></table>", "<hr>", "<img src=x>"),
    *('<a title="x', '">', "<![CDATA[", "]]>", "<?php", "?>"),  # ends that may come later
]
chunks = st.lists(st.sampled_from(CHUNK_LINES), min_size=1, max_size=4).map("\n".join)


@settings(max_examples=600, deadline=None)
@given(st.lists(chunks, min_size=1, max_size=8).map("\n\n".join))
def test_any_arrangement_of_chunks_renders_as_the_whole_body(text: str) -> None:
    """Where blocks may be cut is decided chunk by chunk: every kind of chunk after every
    other, including the ones that continue lists, quotes and code, and raw HTML that may or
    may not close."""
    assert IncrementalBody().update(text).html == render_markdown(text)


def test_typing_after_a_deeply_nested_list_renders_only_the_paragraph_typed_in() -> None:
    deep = "\n".join("  " * depth + "- item" for depth in range(400))
    body = IncrementalBody()
    body.update(f"{deep}\n\nAfter the list.\n")
    update = body.update(f"{deep}\n\nAfter the list, typed on.\n")
    assert (update.start, update.removed) == (1, 1)  # the list, block 0, is left as it was
    assert update.inserted == ("<p>After the list, typed on.</p>",)


def test_block_at_maps_lines_to_blocks() -> None:
    text = "# Title\n\nFirst paragraph\nstill first.\n\n\n- a\n- b\n\nLast.\n"
    body = IncrementalBody()
    assert body.block_at(0) == -1
    update = body.update(text)
    assert update.lines == (0, 2, 6, 9)
    assert [body.block_at(line) for line in range(11)] == [0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3]


def test_an_empty_body_has_no_blocks() -> None:
    body = IncrementalBody()
    update = body.update("  \n\n")
    assert (update.blocks, update.html) == ((), "")
    assert body.block_at(3) == -1


def test_typing_after_closed_raw_html_renders_only_the_paragraph_typed_in() -> None:
    """Raw HTML once made the rest of the body one block; now only until it closes."""
    details = "<details>\n<summary>Specs</summary>\n<p>Raw</p>\n</details>"
    before = f"Intro.\n\n{details}\n\nA paragraph.\n\nAnother one.\n"
    body = IncrementalBody()
    body.update(before)
    renders = body.renders
    update = body.update(before.replace("Another one.", "Another one, typed on."))
    assert body.renders - renders == 1
    assert update.inserted == ("<p>Another one, typed on.</p>",)
    assert update.html == render_markdown(before.replace("Another one.", "Another one, typed on."))


def test_raw_html_left_open_keeps_the_rest_of_the_body_one_block() -> None:
    text = "Intro.\n\n<div>\n\nStill inside.\n\nAnd here.\n"
    update = IncrementalBody().update(text)
    assert len(update.blocks) == 2 and update.html == render_markdown(text)
