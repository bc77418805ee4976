# ruff: noqa: RUF001  (curly quotes are what these tests are about)
import pytest

from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.typography import ENGLISH, quotes_for, smarten, typeset


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ('It\'s "quoted" -- and --- done...', "<p>It’s “quoted” – and — done…</p>"),
        ("Jones' car, rock 'n' roll, the '90s", "<p>Jones’ car, rock ‘n’ roll, the ’90s</p>"),
        ("\"Hello,\" she said. 'Yes.'", "<p>“Hello,” she said. ‘Yes.’</p>"),
        ("('paren') and the 'word'.", "<p>(‘paren’) and the ‘word’.</p>"),
        # Across inline elements, where Python-Markdown's smarty guesses wrong.
        ('"*a*" and "**b**"', "<p>“<em>a</em>” and “<strong>b</strong>”</p>"),
        ('"[link](https://example.org)"', '<p>“<a href="https://example.org">link</a>”</p>'),
        ('*"emphasised quote"*', "<p><em>“emphasised quote”</em></p>"),
        # Code and escapes keep their straight quotes.
        ('`"code"` and "a `b`"', '<p><code>"code"</code> and “a <code>b</code>”</p>'),
        ('A \\"straight\\" quote', '<p>A "straight" quote</p>'),
        ('<kbd>"x"</kbd> "y"', "<p><kbd>“x”</kbd> “y”</p>"),
    ],
)
def test_typographic_punctuation(markdown: str, html: str) -> None:
    assert render_markdown(markdown) == html


def test_blocks_start_afresh() -> None:
    assert render_markdown('- "one"\n- "two"\n\n> "three"') == (
        "<ul>\n<li>“one”</li>\n<li>“two”</li>\n</ul>\n<blockquote>\n<p>“three”</p>\n</blockquote>"
    )


def test_fenced_code_is_untouched() -> None:
    assert 'print("it\'s") -- x...' in render_markdown('```\nprint("it\'s") -- x...\n```')


def test_context_at_the_edges() -> None:
    assert smarten('"', before="", after="x") == "“"
    assert smarten('"', before="x", after="") == "”"
    assert smarten("'s", before="d") == "’s"


# --- plain text fields (`typeset`) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ('It\'s "quoted" -- and --- done...', "It’s “quoted” – and — done…"),
        ("Jones' car, the '90s", "Jones’ car, the ’90s"),
        ("'single' and (\"paren\")", "‘single’ and (“paren”)"),
        # A URL keeps its characters; the quotes around it are the text's.
        ("See https://example.org/a--b's/...", "See https://example.org/a--b's/…"),
        ('"https://example.org/a--b"', "“https://example.org/a--b”"),
        ("(www.example.org/x--y) -- it's", "(www.example.org/x--y) – it’s"),
        ("ftp://h/it's then 'y'", "ftp://h/it's then ‘y’"),
        # What is between backticks is code: kept as typed, quotes around it curled.
        ('Run `tool --flag "x"` -- it\'s quick', 'Run `tool --flag "x"` – it’s quick'),
        ('"`a--b`"', "“`a--b`”"),
        ("`it's`'s", "`it's`’s"),
        ("an unclosed ` it's", "an unclosed ` it’s"),
        ("", ""),
        ("nothing to do", "nothing to do"),
    ],
)
def test_a_text_field_is_typeset_but_for_urls_and_code(typed: str, shown: str) -> None:
    assert typeset(typed) == shown


def test_typeset_is_the_body_s_punctuation() -> None:
    text = "It's \"quoted\" -- and --- done... rock 'n' roll, the '90s"
    assert render_markdown(text) == f"<p>{typeset(text)}</p>"


def test_a_url_in_the_body_s_text_keeps_its_characters() -> None:
    assert render_markdown('See https://example.org/a--b\'s -- "ok"') == (
        "<p>See https://example.org/a--b's – “ok”</p>"
    )


def test_typesetting_twice_changes_nothing() -> None:
    once = typeset('It\'s "quoted" -- and --- done... `x--y` https://e.org/a--b')
    assert typeset(once) == once


QUOTED = "He said \"it's 'fine' -- in the '90s\", Jones' car"


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "He said “it’s ‘fine’ – in the ’90s”, Jones’ car"),
        ("en-GB", "He said “it’s ‘fine’ – in the ’90s”, Jones’ car"),
        ("de", "He said „it’s ‚fine‘ – in the ’90s“, Jones’ car"),
        ("de-AT", "He said „it’s ‚fine‘ – in the ’90s“, Jones’ car"),
        ("de-CH", "He said «it’s ‹fine› – in the ’90s», Jones’ car"),
        ("fr", "He said «\u202fit’s ‹\u202ffine\u202f› – in the ’90s\u202f», Jones’ car"),
        ("fr-CH", "He said «it’s ‹fine› – in the ’90s», Jones’ car"),
        ("pl", "He said „it’s «fine» – in the ’90s”, Jones’ car"),
        ("ja", "He said 「it’s 『fine』 – in the ’90s」, Jones’ car"),
        ("xx-unknown", "He said “it’s ‘fine’ – in the ’90s”, Jones’ car"),
    ],
)
def test_quotation_marks_are_the_language_s(language: str, shown: str) -> None:
    assert typeset(QUOTED, language) == shown
    assert render_markdown(QUOTED, language=language) == f"<p>{shown}</p>"
    assert typeset(shown, language) == shown  # typeset twice: the same


def test_a_language_tag_is_read_as_bcp_47_whatever_its_case() -> None:
    assert quotes_for("DE_ch") == quotes_for("de-CH") != quotes_for("de")
    assert quotes_for("") == quotes_for("en-US-x-house") == ENGLISH


def test_code_and_urls_keep_straight_quotes_in_any_language() -> None:
    text = '`say "hi"` at https://example.org/it\'s "ok"'
    assert typeset(text, "de") == '`say "hi"` at https://example.org/it\'s „ok“'
