# ruff: noqa: RUF001  (typographic apostrophes and quotes in words are part of what is tested)
"""The prose of a text: which words a spell checker is given, where they are, and what each
line leaves open for the next."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewdesk.core.spelling_prose import (
    Word,
    field_words,
    parts,
    prose_lines,
    scan_line,
    utf16_spans,
)
from reviewdesk.core.spelling_state import START, LineState, Open


def words_of(text: str) -> list[str]:
    return [word.text for _, words in prose_lines(text) for word in words]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Plain words, here.", ["Plain", "words", "here"]),
        ("don't and writer’s and writers' and 'quoted'", ["don't", "and", "writer’s", "and",
                                                          "writers", "and", "quoted"]),
        ("well-known and NASA-funded and rock-'n'-roll", ["well-known", "and", "NASA-funded",
                                                          "and", "rock", "roll"]),
        ("NASA, GPT-4o, iPhone, JavaScript, mp3, 3D, x86 and I", ["and"]),
        ("sleep_mode, review.yaml, e.g. this, C++ and a+b", ["this", "and"]),
        ("`codde` and ``a `codde` span`` and ```x``` end", ["and", "and", "end"]),
        ("an `unclosed backtick", ["an", "unclosed", "backtick"]),
        ("[link txt](https://exmple.org/pth \"titel\")", ["link", "txt", "titel"]),
        ("![alt txt](assets/imgg.png) [ref txt][reflabel] note[^footnte]", ["alt", "txt", "ref",
                                                                           "txt", "note"]),
        ("go to https://exmple.org/a_b or www.exmple.org now", ["go", "to", "or", "now"]),
        ("mail me@exmple.org or <me@exmple.org>, see <https://exmple.org>", ["mail", "or", "see"]),
        ("paths /usr/shaare/hunspel and ~/notez and C:\\Usres\\me", ["paths", "and", "and"]),
        ("mailto:someone@exmple.org and tel:+1234", ["and"]),
        ('<span class="clss" data-x=\'valu\'>betwen tags</span>', ["betwen", "tags"]),
        ("<code>inlne codde</code> and <pre>prre</pre> <kbd>Ctrrl</kbd>", ["and"]),
        ("a <!-- commnt --> b and 3 < 4 > 2", ["and"]),
        ("{{< shortcde >}} and {% liquidd %} and {{ varr }}", ["and", "and"]),
        ("&nbsp;&mdash;&#8212; words", ["words"]),
        ("title: Some valuee", ["Some", "valuee"]),
        ("Price: ten euros", ["Price", "ten", "euros"]),
        ("[reflabel]: https://exmple.org \"Titel\"", []),
        ("# A heading with wrods", ["heading", "with", "wrods"]),
        ("> quoted wrods", ["quoted", "wrods"]),
        ("café naïve Straße", ["café", "naïve", "Straße"]),
    ],
)  # fmt: skip
def test_the_words_of_a_line(line: str, expected: list[str]) -> None:
    assert words_of(line) == expected


def test_offsets_are_those_of_the_text() -> None:
    line = "A `x` wrod, and ‘quoted’ writer’s"
    words, _ = scan_line(line)
    assert [(word.start, word.end, word.text) for word in words] == [
        (6, 10, "wrod"), (12, 15, "and"), (17, 23, "quoted"), (25, 33, "writer’s")
    ]  # fmt: skip
    assert all(line[word.start : word.end] == word.text for word in words)
    text = "first line\nsecond `x` lin"
    assert [(w.start, w.text) for w in field_words(text)] == [
        (0, "first"), (6, "line"), (11, "second"), (22, "lin")
    ]  # fmt: skip


def test_hyphenated_parts() -> None:
    word = Word(10, 31, "well-knwon-NASA-'n'-x")
    assert parts(word) == [Word(10, 14, "well"), Word(15, 20, "knwon")]
    assert parts(Word(0, 4, "word")) == [Word(0, 4, "word")]


def test_fenced_code_spans_lines_until_its_own_fence() -> None:
    body = (
        "Befor\n\n```python\ndef functin(): pass\n~~~\n```\nAftr\n\n"
        "~~~~\nx ~~~\n```\n~~~~~\nNext\n\n````\n```\ninsde\n````\nLast\n"
    )
    assert words_of(body) == ["Befor", "Aftr", "Next", "Last"]


def test_a_backtick_fence_with_a_backtick_after_it_is_inline_code() -> None:
    assert words_of("``` a ` b ```\nwrod\n") == ["wrod"]


def test_indented_code_and_what_only_looks_like_it() -> None:
    body = (
        "Para wrod\n    continued lazily\n\n    indented codde\n\n\tcodde in tab\n\n"
        "- item wrod\n\n    item paragraph\n\n        codde in the item\n\nOut agian\n"
    )
    assert words_of(body) == [
        "Para", "wrod", "continued", "lazily", "item", "wrod", "item", "paragraph", "Out",
        "agian",
    ]  # fmt: skip


def test_html_left_open_goes_on_over_the_next_lines() -> None:
    body = (
        "Text <img\n  srrc='a.png'\n  altt='b'> aftr\n"
        "<!-- a\ncommnt -->back\n"
        "<pre>\nprre\n</pre> out\n"
        "<div\n\nblank ends a tag\n"
    )
    assert words_of(body) == ["Text", "aftr", "back", "out", "blank", "ends", "tag"]


def test_field_words_are_inline_only() -> None:
    # A field is no Markdown block: four spaces or three backticks start no code there.
    assert [w.text for w in field_words("    indented wrod\n```\nfenced")] == [
        "indented", "wrod", "fenced"
    ]  # fmt: skip


@pytest.mark.parametrize(
    "state",
    [
        START,
        LineState(fence="`" * 3),
        LineState(fence="~" * 300, list_indent=7),
        LineState(open=Open.COMMENT, paragraph=True),
        LineState(open=Open.TAG, list_indent=300),
        LineState(open=Open.RAW, raw="style", paragraph=True, list_indent=2),
    ],
)
def test_a_state_packs_into_a_non_negative_int(state: LineState) -> None:
    packed = state.pack()
    assert packed >= 0
    unpacked = LineState.unpack(packed)
    assert unpacked.fence == state.fence[:255]
    assert unpacked.list_indent == min(state.list_indent, 255)
    assert (unpacked.open, unpacked.raw, unpacked.paragraph) == (
        state.open,
        state.raw,
        state.paragraph,
    )
    assert LineState.unpack(-1) == START  # Qt's "no state yet"


def test_a_line_checked_alone_from_its_state_gives_what_the_whole_text_gave() -> None:
    body = "Intro\n\n```\ncodde\n```\n<!--\nx\n-->\nafter <img\nsrc=x>\n\n    codde\n\nend\n"
    whole = dict(prose_lines(body))
    state = START
    for index, line in enumerate(body.split("\n")):
        packed = state.pack()  # as an editor keeps it per block
        words, state = scan_line(line, LineState.unpack(packed))
        assert words == whole.get(index, [])


def test_utf16_spans_count_astral_characters_twice() -> None:
    line = "😀 wrod 😀😀 tset é end"
    words, _ = scan_line(line)
    assert [w.text for w in words] == ["wrod", "tset", "end"]
    assert utf16_spans(line, words) == [(3, 4), (13, 4), (20, 3)]
    assert utf16_spans("plain wrod", scan_line("plain wrod")[0]) == [(0, 5), (6, 4)]


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="ab’'-_. \n\t`<>/[]()!:@{}%&#~*>0é😀", max_size=60))
def test_any_text_gives_words_at_their_offsets(text: str) -> None:
    for index, words in prose_lines(text):
        line = text.split("\n")[index]
        for word in words:
            assert line[word.start : word.end] == word.text
            assert len(word.text) >= 2 and not any(char.isspace() for char in word.text)
    for word in field_words(text):
        assert text[word.start : word.end] == word.text
