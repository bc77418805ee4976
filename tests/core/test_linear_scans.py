"""Every scan of a writer's text is linear in its length: 200 KB made of one opener repeated
and never closed (`<img `, `![`, `{{`, `{%`...) goes through each public function that reads
the body in well under 2 s. The patterns these replace read the rest of the line (or of the
body) again from every opener, which is quadratic: the same inputs took minutes to hours.
Ordinary text gives what it gave, but for the improvements named below."""

from __future__ import annotations

import contextlib
import re
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from reviewdesk.core import (
    assets,
    bundle,
    exports,
    front_matter,
    importer,
    template_links,
    typography,
)
from reviewdesk.core.exports import cms, hugo, image_links
from reviewdesk.core.incremental import _EXPLICIT_ID, IncrementalBody
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import Author
from reviewdesk.core.problems import BundleError
from reviewdesk.core.publish import readback
from reviewdesk.core.site_folder import ImagePlaces, rewrite_site_images
from tests.conftest import MakeBundle

SIZE = 200_000
SECONDS = 2.0  # linear: well under 0.5 s here; quadratic: minutes
WHOLE_EXPORT_SECONDS = 5.0  # with the Markdown rendering, which is not what this file tests


@contextlib.contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Fail, rather than hang for minutes, when `what` runs over `seconds` (the regular
    expression engine checks for signals as it runs)."""

    def ring(_signal: int, _frame: object) -> None:
        raise TimeoutError(f"{what} ran over {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.perf_counter()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.perf_counter() - started < seconds


def hostile(unit: str, tail: str = "") -> str:
    """About SIZE characters of `unit` repeated, then `tail` (a closer far away)."""
    return unit * (SIZE // len(unit)) + tail


def bodies(*units: str) -> list[str]:
    """Each unit on one line, one per line, and with a closer at the far end."""
    found: list[str] = []
    for unit in units:
        found += [hostile(unit), hostile(unit + "\n"), hostile(unit, ">"), hostile(unit, "]")]
    return found


IMAGE_OPENERS = bodies(
    "<img ", "<IMG\t", "<img alt='src ", '<img alt="src=', "<img src", "<img src=\"'",
    '<img "<', "![", "![a", "![a](", "<img ![", "! [", "!!["
)  # fmt: skip
TEMPLATE_OPENERS = bodies(
    "{{", "{{<", "{{%", "{%", "{", "{ ", "{{ '", '{{ "x" |', "]({{", "]({%", "](<{{",
    "[a]: {{", 'src="{{', "src='{%", 'href="', "{% raw ", "{%- link "
)  # fmt: skip


def ids(values: list[str]) -> list[str]:
    return [f"{value[:12]!r}{' closed' if value[-1] in '>]' else ''}" for value in values]


def check(function: Callable[[str], object], body: str, seconds: float = SECONDS) -> None:
    with deadline(seconds, f"{function.__qualname__} on {body[:20]!r}..."):
        function(body)


# --- image sources ------------------------------------------------------------------------


@pytest.mark.parametrize("body", IMAGE_OPENERS, ids=ids(IMAGE_OPENERS))
def test_image_sources_are_found_in_linear_time(body: str, tmp_path: Path) -> None:
    check(assets.body_images, body)
    check(lambda text: image_links.rewrite(text, {"a.png": "b.png"}), body)
    check(lambda text: rewrite_site_images(text, ImagePlaces(tmp_path / "post.md")), body)


ORDINARY_IMAGES = {
    "![alt](a.png)": [("a.png", "alt")],
    '![](b.png "title") and ![two words](c%20d.png)': [("b.png", ""), ("c%20d.png", "two words")],
    "![a](< e.png >)": [("<", "a")],  # as before: the source is read up to the space
    "![a!b](f.png) ![!](g.png)": [("f.png", "a!b"), ("g.png", "!")],
    '<img src="h.png">': [("h.png", None)],
    "<IMG alt='x' SRC = i.png/>": [("i.png/", None)],
    '<img\n  src="j.png" alt="y">': [],  # body_images reads a line at a time, as before
    '<img srcset="k.png 2x" src="l.png">': [("l.png", None)],
    "<img/src='m.png'>": [("m.png", None)],
    "text ![x](n.png) <img src=o.png> ![y](p.png)": [
        ("n.png", "x"), ("p.png", "y"), ("o.png", None)
    ],
}  # fmt: skip
IMPROVED_IMAGES = {
    # The image is the inner one, alt `b`, as CommonMark reads it (was alt `a ![b`).
    "![a ![b](q.png)": [("q.png", "b")],
    # `src=` inside a quoted value is not the source (was r.png)...
    '<img alt="see src=r.png" src="s.png">': [("s.png", None)],
    # ...nor is a lazy-loading `data-src` (was t.png)...
    '<img data-src="t.png" src="u.png">': [("u.png", None)],
    # ...and a `>` inside a quoted value does not end the tag (no image was found).
    '<img alt="a > b" src="v.png">': [("v.png", None)],
}


@pytest.mark.parametrize("line", [*ORDINARY_IMAGES, *IMPROVED_IMAGES])
def test_image_sources_of_ordinary_text(line: str) -> None:
    expected = {**ORDINARY_IMAGES, **IMPROVED_IMAGES}[line]
    assert [(image.src, image.alt) for image in assets.body_images(line)] == expected
    sources = {src: f"new/{src}" for src, _ in expected}
    rewritten = image_links.rewrite(line, sources)
    assert [image.src for image in assets.body_images(rewritten)] == list(sources.values())


def test_a_rewrite_changes_only_the_sources(tmp_path: Path) -> None:
    body = '![a ![b](q.png) and <img alt="src=r.png" data-src="r.png" src="q.png">\n'
    assert image_links.rewrite(body, {"q.png": "x/q.png", "r.png": "x/r.png"}) == (
        '![a ![b](x/q.png) and <img alt="src=r.png" data-src="r.png" src="x/q.png">\n'
    )
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "_config.yml").write_text("title: x\n")
    (site / "assets" / "q.png").write_bytes(b"png")
    places = ImagePlaces.of(site / "_posts" / "post.md", {})
    post = '![a ![b](/assets/q.png) <img alt="src=/r.png" src="/assets/q.png">'
    assert rewrite_site_images(post, places) == (
        '![a ![b](assets/q.png) <img alt="src=/r.png" src="assets/q.png">',
        [],
    )


# --- template code of imported posts, Hugo's shortcodes -----------------------------------


@pytest.mark.parametrize("body", TEMPLATE_OPENERS, ids=ids(TEMPLATE_OPENERS))
def test_template_code_is_found_in_linear_time(body: str) -> None:
    check(lambda text: template_links.resolve(text, liquid=True), body)
    check(lambda text: template_links.resolve(text, liquid=False), body)
    check(template_links.site_path, body.split("\n", maxsplit=1)[0])
    check(hugo.literal_shortcodes, body)


def test_template_code_of_ordinary_text_is_read_as_before() -> None:
    body = (
        "![a]({{ site.baseurl }}/assets/a.png) [b]({% link about.md %})\n"
        "<img src=\"{{ '/c.png' | relative_url }}\"> {{ page.title }} {% if x %}y{% endif %}\n"
        "[ref]: {{site.url}}/d.png\n"
        "{{< youtube abc >}} and {{% note %}}text{{% /note %}} {{ a {{ b }} c }}\n"
    )
    resolved, notes = template_links.resolve(body, liquid=True)
    assert resolved.split("\n")[:3] == [
        "![a](/assets/a.png) [b](/about.md)",
        '<img src="/c.png"> {{ page.title }} {% if x %}y{% endif %}',
        "[ref]: /d.png",
    ]
    assert [text.split(" is ")[0] for _, text in notes] == [
        "'{{ page.title }}'", "'{% if x %}'", "'{% endif %}'",
        "'{{< youtube abc >}}'", "'{{% note %}}'", "'{% note %}'", "'{{% /note %}}'",
        "'{% /note %}'", "'{{ a {{ b }}'",
    ]  # fmt: skip
    assert hugo.literal_shortcodes(body.split("\n")[3]) == (
        "{{</* youtube abc */>}} and {{%/* note */%}}text{{%/* /note */%}} {{ a {{ b }} c }}"
    )
    # Across lines, and not twice: Hugo reads a shortcode's arguments over line breaks.
    assert hugo.literal_shortcodes("{{< a\nb >}} {{</* c */>}}") == "{{</* a\nb */>}} {{</* c */>}}"


# --- the live preview, typography, import, whole exports ----------------------------------


# What the splitter looks for, and what Python-Markdown's inline parsing finds one by one
# (a paragraph of 50,000 `[` took 7 s; markdown_body now takes a crowded one literally).
INCREMENTAL_OPENERS = bodies(
    "{{", "{", "{ a", "{ i", "{:", "1.", ">", " : ", "[", "![", "*a* ", "`a` ", "&amp; ", "'a' "
)


@pytest.mark.parametrize("body", INCREMENTAL_OPENERS, ids=ids(INCREMENTAL_OPENERS))
def test_the_preview_splits_the_body_in_linear_time(body: str) -> None:
    check(lambda text: IncrementalBody().update(text), body, WHOLE_EXPORT_SECONDS)


@pytest.mark.parametrize("body", ["{#x}", "{: id=y }", "{ .a #b }", "a {{ {#c} }}"])
def test_an_explicit_id_anywhere_still_renders_the_body_whole(body: str) -> None:
    text = f"# Top\n\npara {body}\n\n# Top\n"
    update = IncrementalBody().update(text)
    assert update.html == render_markdown(text)
    assert len(update.blocks) == 1


@settings(max_examples=2000, deadline=None)
@given(text=st.text(alphabet="{}#iIdD \n", max_size=30))
def test_an_explicit_id_is_found_where_it_was(text: str) -> None:
    before = re.compile(r"\{[^}\n]*(?:#|id)", re.IGNORECASE)  # quadratic on `{{{...`
    assert (_EXPLICIT_ID.search(text) is None) == (before.search(text) is None)


TYPOGRAPHY_OPENERS = bodies('"', "'", "--", "...", "-'", "'90s ", '\u2014"')


@pytest.mark.parametrize("body", TYPOGRAPHY_OPENERS, ids=ids(TYPOGRAPHY_OPENERS))
def test_typography_is_linear(body: str) -> None:
    check(typography.smarten, body)


@pytest.mark.parametrize("body", [*IMAGE_OPENERS[::4], *TEMPLATE_OPENERS[::4]])
def test_an_imported_post_with_a_hostile_body_is_read_in_linear_time(
    tmp_path: Path, body: str
) -> None:
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: T\n---\n{body}", encoding="utf-8")
    with deadline(SECONDS, "the import"):
        review, _ = importer.read_markdown(post)
    assert review.body.startswith(body[:100])


WHOLE = [
    hostile(unit)
    for unit in ("<img ", "<img alt='src ", "{{", "{{<", "{%", "{", "]({{", "![", "[", "*a* ")
]


@pytest.mark.parametrize("to", ["html", "jekyll", "hugo", "markdown"])
@pytest.mark.parametrize("body", WHOLE, ids=ids(WHOLE))
def test_whole_exports_of_a_hostile_body_take_linear_time(
    make_bundle: MakeBundle, body: str, to: str
) -> None:
    folder = make_bundle(body=body)
    review = bundle.load(folder)
    options = exports.ExportOptions(raw_html=to == "hugo")
    with deadline(WHOLE_EXPORT_SECONDS, f"the {to} export"):
        exports.export(review, folder, to, options)


KEYS = 20_000


@pytest.mark.parametrize(
    "text",
    [
        "---\n" + "".join(f"k{i}: {i}\n" for i in range(KEYS)) + "---\nbody\n",
        "{\n" + ",\n".join(f'"k{i}": {{"k{i + 1}": [{i}]}}' for i in range(KEYS)) + "\n}\nbody\n",
        "+++\n" + "".join(f"k{i} = {i}\n" for i in range(KEYS)) + "+++\nbody\n",
    ],
    ids=["yaml", "json", "toml"],
)
def test_front_matter_with_many_keys_is_read_in_linear_time(text: str) -> None:
    with deadline(SECONDS, "the front matter"):
        matter = front_matter.split(text)
    assert len(matter.key_lines) == KEYS
    assert matter.key_lines["k0"] == 2
    assert matter.key_lines[f"k{KEYS - 1}"] == KEYS + 1
    assert matter.body == "body\n"


def test_json_front_matter_lines_are_those_of_the_top_level_keys() -> None:
    text = '{\n  "a": {"title": 1},\n  "\\u0074itle" :\n "x",\n  "c": 2, "a": 3\n}\n'
    # Before: title on line 2, the nested key (the top-level one is written with an escape).
    assert front_matter.split(text).key_lines == {"a": 2, "title": 3, "c": 5}


def test_a_long_word_is_cut_in_linear_time() -> None:
    warnings: list[str] = []
    text = "a" * SIZE + " " + "b" * 10
    with deadline(SECONDS, "fit"):
        assert cms.fit(text, SIZE + 5, "title", warnings) == "a" * SIZE + "\u2026"
    assert cms.fit("one two three", 10, "title", warnings) == "one two\u2026"
    assert cms.fit("onetwothree", 5, "title", warnings) == "onet\u2026"  # one endless word


REVIEW_JSONLD = '<script type="application/ld+json">{"@type": "Review"}</script>'


@pytest.mark.parametrize(
    ("page", "found"),
    [
        (hostile("<script type='application/ld+json' ") + REVIEW_JSONLD, True),
        (hostile("<script type='application/ld+json'", ">"), False),  # cubic: 20 KB took 2 s
        (hostile("<SCRIPT type='application/ld+json'>"), False),
        (hostile("<script>") + REVIEW_JSONLD, False),  # inside the first, never closed
        (hostile("<script "), False),
        (hostile("</script>"), False),
    ],
    ids=["tags left open", "one tag", "scripts never closed", "script text", "<script ", "closers"],
)
def test_the_published_page_is_read_for_json_ld_in_linear_time(page: str, found: bool) -> None:
    with deadline(SECONDS, "the read-back"):
        assert readback.has_review_jsonld(page) is found


def test_json_ld_of_ordinary_pages_is_found_as_before() -> None:
    assert readback.has_review_jsonld(f"<p>x</p>\n{REVIEW_JSONLD}")
    upper = """<script TYPE='application/ld+json' id=x>[{"@type": "Review"}]</script>"""
    assert readback.has_review_jsonld(upper)
    assert not readback.has_review_jsonld('<script type="application/ld+json">x</script>')
    broken_then_good = '<script type="application/ld+json">{</script>' + REVIEW_JSONLD
    assert readback.has_review_jsonld(broken_then_good)
    # As a browser reads it: a script's text is no element (it was taken as JSON-LD).
    in_text = f"<script>var s = '{REVIEW_JSONLD[:-9]}';</script>"
    assert not readback.has_review_jsonld(in_text)


def test_a_review_with_many_long_urls_is_checked_in_linear_time(make_bundle: MakeBundle) -> None:
    url = "https://" + "a" * 7_900 + " x"  # a long host, under the length limit, and a space
    authors = "".join(f"  - name: A{i}\n    url: '{url}'\n" for i in range(100))
    folder = make_bundle(f"format: reviewdesk/1\ntitle: T\nauthors:\n{authors}")
    with deadline(SECONDS, "loading"), pytest.raises(BundleError, match="URL"):
        bundle.load(folder)  # each URL took 0.3 s: 33 s in all
    assert Author(name="A", url="https://example.org/a?b#c\n").url  # as before
    for wrong in ("https://example.org/a b", "https:///a", "ftp://example.org"):
        with pytest.raises(ValidationError):
            Author(name="A", url=wrong)
