# ruff: noqa: RUF001  (curly quotes are what these tests are about)
import pytest

from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.typography import smarten


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
