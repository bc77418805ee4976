"""Comparing what the site keeps with what was sent: text as read, markup as meant."""

from reviewdesk.core.publish.text import (
    contains,
    differences,
    html_text,
    markup_lost,
    same_markup,
)


def test_text_is_what_a_reader_sees() -> None:
    markup = (
        "<h2>Verdict</h2><p>It&#8217;s \u201cgood\u201d&nbsp;&mdash; mostly</p><script>x()</script>"
    )
    assert html_text(markup) == 'Verdict\nIt\'s "good" - mostly'
    assert contains(html_text(markup), "It\u2019s \u201cgood\u201d")


def test_spellings_of_the_same_markup_are_the_same() -> None:
    assert same_markup('<img src="a" alt="b"/>', "<img alt='b' src='a' />")
    assert not same_markup('<p class="x">a</p>', "<p>a</p>")


def test_what_the_site_removed_is_named() -> None:
    sent = '<div class="a" style="color:red"><script>x()</script><p>t</p></div>'
    kept = '<div class="a"><p>t</p></div>'
    assert markup_lost(sent, kept) == ["style on <div>", "<script>"]  # in the order met


def test_differences_say_which_side_has_a_line() -> None:
    assert differences("Title\nEdited on the web", "Title\nFrom the app") == [
        "review: From the app",
        "site: Edited on the web",
    ]
