import re
import threading
import time

import pytest

from bench.hostile_bodies import PATHOLOGICAL
from reviewdesk.core.incremental import IncrementalBody
from reviewdesk.core.markdown_body import MAX_HTML_DEPTH, render_markdown


def test_tables_keep_their_alignment_as_text_align_only() -> None:
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    assert "<table>" in html
    assert '<th style="text-align:left">a</th>' in html
    assert '<td style="text-align:right">2</td>' in html


def test_footnotes_link_both_ways() -> None:
    html = render_markdown("Claim[^1].\n\n[^1]: Source.\n")
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in html
    assert '<li id="fn:1">' in html
    assert 'class="footnote-backref" href="#fnref:1"' in html


def test_headings_get_ids_without_permalinks() -> None:
    html = render_markdown("## Battery life\n\n### In the cold\n")
    assert '<h2 id="battery-life">Battery life</h2>' in html
    assert '<h3 id="in-the-cold">In the cold</h3>' in html
    assert "headerlink" not in html
    assert "¶" not in html


def test_body_headings_start_at_h2_under_the_page_title() -> None:
    html = render_markdown("# Top\n\n## Inner\n\n#### Deep\n")
    assert re.findall(r"<(h\d)", html) == ["h2", "h3", "h5"]
    assert render_markdown("### Only\n").startswith("<h2")


def test_smart_quotes_and_dashes() -> None:
    html = render_markdown('It\'s "quoted" -- and --- done...')
    # apostrophe, curly double quotes, en dash, em dash, ellipsis
    assert "It\u2019s \u201cquoted\u201d \u2013 and \u2014 done\u2026" in html


def test_extra_definition_lists_and_abbreviations() -> None:
    source = "Term\n:   Meaning\n\nThe HTML spec.\n\n*[HTML]: HyperText Markup Language\n"
    html = render_markdown(source)
    assert "<dl>" in html
    assert "<dt>Term</dt>" in html
    assert "<dd>Meaning</dd>" in html
    assert '<abbr title="HyperText Markup Language">HTML</abbr>' in html


def test_fenced_code_keeps_its_language_class() -> None:
    html = render_markdown("```python\nprint('<hi>')\n```\n")
    assert '<pre><code class="language-python">' in html
    assert "&lt;hi&gt;" in html


def test_footnotes_do_not_leak_between_documents() -> None:
    render_markdown("A[^x].\n\n[^x]: First document.\n")
    assert "First document" not in render_markdown("Plain text.\n")


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "alert"),
        ('<img src="a.png" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ("[x](javascript:alert(1))", "javascript"),
        ('<a href="vbscript:msgbox(1)">x</a>', "vbscript"),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:"),
        ('<iframe src="https://example.org/">inside</iframe>', "iframe"),
        ('<iframe src="https://example.org/">inside</iframe>', "inside"),
        ("<style>body { display: none }</style>", "display"),
        ('<object data="x.swf"></object><embed src="x.swf">', "swf"),
        ('<meta http-equiv="refresh" content="0;url=https://example.org">', "refresh"),
        ('<link rel="stylesheet" href="https://example.org/x.css">', "x.css"),
        ('<base href="https://example.org/">', "base"),
        ('<form action="https://example.org/"><input name="q"></form>', "input"),
        ('<div onclick="steal()">x</div>', "steal"),
        ('<p style="position:fixed">x</p>', "position"),
        ('## Title {: onmouseover="alert(1)" }', "alert"),
        ('Text\n{: onmouseover="alert(1)" }\n', "alert"),
        ("<svg><script>alert(1)</script></svg>", "svg"),
    ],
)
def test_dangerous_markup_is_removed(source: str, forbidden: str) -> None:
    assert forbidden.lower() not in render_markdown(source).lower()


def test_benign_raw_html_is_kept() -> None:
    source = (
        "Press <kbd>Ctrl</kbd>+<kbd>S</kbd> to <mark>save</mark>.\n\n"
        "<details><summary>Specs</summary>\n\n<p>Weight: 300 g</p>\n\n</details>\n\n"
        '<figure><img src="assets/a.png" alt="A" width="300" height="200" loading="lazy">'
        "<figcaption>Caption</figcaption></figure>\n"
    )
    html = render_markdown(source)
    for kept in (
        "<kbd>Ctrl</kbd>",
        "<mark>save</mark>",
        "<details><summary>Specs</summary>",
        '<img src="assets/a.png" alt="A" width="300" height="200" loading="lazy">',
        "<figcaption>Caption</figcaption>",
    ):
        assert kept in html


def test_allowed_urls_survive() -> None:
    html = render_markdown(
        "[a](https://example.org/x?a=1&b=2) [b](mailto:me@example.org) [c](other.html#part) "
        "[d](#section)"
    )
    assert 'href="https://example.org/x?a=1&amp;b=2"' in html
    assert 'href="mailto:me@example.org"' in html
    assert 'href="other.html#part"' in html
    assert 'href="#section"' in html


def test_comments_are_dropped() -> None:
    assert "secret" not in render_markdown("Text <!-- secret note -->\n")


def test_each_thread_renders_on_its_own_instance() -> None:
    results: dict[int, str] = {}

    def work(n: int) -> None:
        for _ in range(20):
            results[n] = render_markdown(f"Note {n}[^{n}].\n\n[^{n}]: Footnote {n}.\n")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n, html in results.items():
        assert f"Footnote {n}." in html
        assert html.count("<li id=") == 1


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL)
def test_pathological_bodies_render_in_time_and_alike_block_by_block(text: str) -> None:
    started = time.perf_counter()
    html = render_markdown(text)  # Python-Markdown alone: 50 s, or a RecursionError
    assert time.perf_counter() - started < 5
    assert IncrementalBody().update(text).html == html


def test_ordinary_brackets_and_emphasis_are_untouched() -> None:
    text = (
        "A [link](https://e.org), **bold**, __strong__, [ref][x] and ---.\n\n[x]: https://e.org\n"
    )
    assert render_markdown(text) == (
        '<p>A <a href="https://e.org">link</a>, <strong>bold</strong>, <strong>strong</strong>, '
        '<a href="https://e.org">ref</a> and \u2014.</p>'
    )


DEEP_HTML = {
    "a line each": "<div>\n" * 50_000 + "deep\n" + "</div>\n" * 50_000,
    "on one line": "<div>" * 50_000 + "deep" + "</div>" * 50_000,
}


@pytest.mark.parametrize("text", DEEP_HTML.values(), ids=DEEP_HTML)
def test_html_nested_50_000_deep_renders_in_time_nested_as_a_browser_would(text: str) -> None:
    started = time.perf_counter()
    html = render_markdown(f"Intro.\n\n{text}\nAfter.\n")  # 45-57 s before
    assert time.perf_counter() - started < 5
    # Chromium nests no deeper than 512 either; the text inside stays.
    assert html.count("<div>") == html.count("</div>") == MAX_HTML_DEPTH
    assert "deep" in html and "After." in html
    assert IncrementalBody().update(f"Intro.\n\n{text}\nAfter.\n").html == html


def test_html_at_the_nesting_limit_is_kept_whole() -> None:
    text = "<section>" * MAX_HTML_DEPTH + "x" + "</section>" * MAX_HTML_DEPTH
    assert render_markdown(text).count("<section>") == MAX_HTML_DEPTH


def test_a_paragraph_crowded_with_marks_is_kept_as_written_and_a_long_list_is_not() -> None:
    """Past MAX_INLINE_MARKS in one element's text, Markdown's inline parsing would take time
    by their number times the text's length: the text stays as written. The count is per
    element, so a long list of ordinary items keeps its emphasis."""
    crowded = "*a* [b] " * 300  # 1,500 marks in one paragraph
    html = render_markdown(crowded)
    assert "<em>" not in html and html.count("*a* [b]") == 300
    items = "".join(f"- **item {n}** and [link](https://e.org/{n})\n" for n in range(600))
    html = render_markdown(items)
    assert html.count("<strong>") == 600 and html.count('<a href="https://e.org/') == 600
    assert render_markdown("*a* [b] " * 10).count("<em>") == 10  # under the limit: Markdown
