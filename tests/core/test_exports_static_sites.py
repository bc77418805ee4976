"""The Hugo and Jekyll exports: front matter, where files go, image links, re-import, and a
hostile body: sanitized HTML content files by default, the Markdown as written only when
asked for."""

import html
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from reviewdesk.core import bundle, exports, front_matter, importer
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import Review, Status
from tests.conftest import MakeBundle, run_reviewdesk
from tests.core.test_hostile_exports import HOSTILE_BODY, dangers

SLUG = "wrenfall-3-mini-review"
HUGO_FILE = f"{SLUG}/index.html"
JEKYLL_FILE = f"_posts/2026-03-18-{SLUG}.html"
# With --raw-html: the Markdown files the exports have always written.
HUGO_MARKDOWN = f"{SLUG}/index.md"
JEKYLL_MARKDOWN = f"_posts/2026-03-18-{SLUG}.md"
# The review's own fields, at the top level of both exports' front matter.
REVIEW_FIELDS = (
    "subtitle",
    "badges",
    "authors",
    "subject",
    "rating",
    "pros",
    "cons",
    "key_features",
    "key_insights",
    "hero",
)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")
HTML_IMAGE = re.compile(r'<img [^>]*src="([^"]*)"')
# Beyond tests/core/test_hostile_exports.py's body: what else a hostile co-author may try.
HOSTILE = (
    HOSTILE_BODY
    + """
<svg onload="alert('svg')"><circle r="1"/></svg>
<style>body { background: url(https://example.org/style.png) }</style>
<form action="https://example.org/steal"><input name="p"></form>
<base href="https://example.org/">
<math><mtext><script>alert('math')</script></mtext></math>
"""
)
# Elements a sanitized body never has, on top of what `dangers` finds.
FORBIDDEN = re.compile(r"<(style|svg|math|form|input|base|meta|link|embed|script)\b", re.I)


def exported(folder: Path, to: str, **options: Any) -> tuple[Review, exports.ExportResult]:
    review = bundle.load(folder)
    return review, exports.export(review, folder, to, exports.ExportOptions(**options))


def front_of(result: exports.ExportResult) -> dict[str, Any]:
    return front_matter.split(result.text).data


def body_of(result: exports.ExportResult) -> str:
    return front_matter.split(result.text).body


def text_of(markup: str) -> str:
    """The words a reader sees in `markup`."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def with_status(folder: Path, status: Status) -> Path:
    review = bundle.load(folder)
    bundle.save(review.model_copy(update={"status": status}), folder)
    return folder


def write_into(result: exports.ExportResult, site: Path) -> Path:
    exports.write(result, site / result.location, root=site)
    return site / result.location


# --- Hugo ----------------------------------------------------------------------------------


def test_hugo_front_matter_has_site_keys_and_review_fields_at_the_top(
    sample_bundle: Path,
) -> None:
    review, result = exported(sample_bundle, "hugo")
    front = front_of(result)
    assert result.location == HUGO_FILE
    assert front["title"] == review.title
    assert front["date"] == date(2026, 3, 18)
    assert front["lastmod"] == review.updated
    assert front["slug"] == SLUG
    assert review.seo is not None
    assert front["description"] == review.seo.description
    assert front["summary"] == review.summary
    assert front["tags"] == review.tags
    assert front["categories"] == ["Small Language Models"]
    assert front["type"] == "review"
    assert set(REVIEW_FIELDS) <= front.keys()
    assert "params" not in front  # Hugo 0.111 reads custom keys at the top level only
    assert front["authors"] == ["Mara Ellison", "Tomas Okafor"]
    assert front["rating"] == {"value": 4.0, "best": 5, "worst": 1}
    assert front["pros"] == review.pros and front["cons"] == review.cons
    assert front["key_features"] == review.key_features
    assert front["key_insights"] == review.key_insights
    assert front["hero"]["image"] == "assets/hero.png"
    assert front["subject"]["type"] == "SoftwareApplication"
    assert result.suffix == ".html"


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_the_body_is_our_own_sanitized_html(sample_bundle: Path, to: str) -> None:
    """What the preview and the html export show, not Markdown for the site to render."""
    review, result = exported(sample_bundle, to)
    body = body_of(result)
    assert body.startswith('<h2 id="what-wrenfall-3-mini-is">What Wrenfall 3 Mini is</h2>')
    assert text_of(body) == text_of(render_markdown(review.body))
    assert "<ul>" in body and "<table>" in body


@pytest.mark.parametrize(("to", "location"), [("hugo", HUGO_MARKDOWN), ("jekyll", JEKYLL_MARKDOWN)])
def test_raw_html_writes_the_markdown_files_as_before(
    sample_bundle: Path, to: str, location: str
) -> None:
    _, default = exported(sample_bundle, to)
    review, raw = exported(sample_bundle, to, raw_html=True)
    assert (raw.location, raw.suffix) == (location, ".md")
    assert front_of(raw) == front_of(default)  # the same page, only its content differs
    images = review.body.replace("(assets/", f"(/assets/{SLUG}/") if to == "jekyll" else None
    assert body_of(raw) == (images or review.body)


@pytest.mark.parametrize(
    ("status", "draft"),
    [(Status.DRAFT, True), (Status.READY, True), (Status.PUBLISHED, False)],
)
def test_hugo_draft_unless_published(sample_bundle: Path, status: Status, draft: bool) -> None:
    _, result = exported(with_status(sample_bundle, status), "hugo")
    assert front_of(result)["draft"] is draft


def test_hugo_images_sit_in_the_page_bundle_where_the_body_links_them(
    sample_bundle: Path, tmp_path: Path
) -> None:
    _, result = exported(sample_bundle, "hugo")
    assert sorted(asset.target for asset in result.assets) == [
        "assets/chart.png",
        "assets/hero.png",
    ]
    page = write_into(result, tmp_path / "content" / "reviews")
    assert page == tmp_path / "content" / "reviews" / SLUG / "index.html"
    links = HTML_IMAGE.findall(front_matter.split(page.read_text()).body)
    assert links == ["assets/chart.png"]
    for link in [*links, front_of(result)["hero"]["image"]]:
        copied = page.parent / link
        assert copied.read_bytes() == (sample_bundle / link).read_bytes()


def test_hugo_description_falls_back_to_the_deck(make_bundle: MakeBundle) -> None:
    folder = make_bundle("format: reviewdesk/1\ntitle: T\nsubtitle: The deck.\n")
    front = front_of(exported(folder, "hugo")[1])
    assert front["description"] == "The deck."
    assert "date" not in front and "lastmod" not in front  # no dates: none made up


TEMPLATE_TEXT = "Embed with `{{< youtube abc >}}`, {{% note %}} or {% if x %}{{ y }}{% endif %}.\n"


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_template_syntax_is_text_with_no_brace_left_to_run(
    make_bundle: MakeBundle, to: str
) -> None:
    """Hugo runs shortcodes in HTML content files too, even in code; Liquid needs only `{{`."""
    body = body_of(exported(make_bundle(body=TEMPLATE_TEXT), to)[1])
    assert "{" not in body
    assert text_of(body) == (
        "Embed with {{< youtube abc >}} , {{% note %}} or {% if x %}{{ y }}{% endif %}."
    )


def test_hugo_markdown_prints_shortcode_syntax_as_written(make_bundle: MakeBundle) -> None:
    folder = make_bundle(body="Embed with `{{< youtube abc >}}` or {{% note %}}.\n")
    body = body_of(exported(folder, "hugo", raw_html=True)[1])
    assert body == "Embed with `{{</* youtube abc */>}}` or {{%/* note */%}}.\n"


# --- Jekyll --------------------------------------------------------------------------------


def test_jekyll_front_matter_has_site_keys_and_review_fields_at_the_top(
    sample_bundle: Path,
) -> None:
    review, result = exported(sample_bundle, "jekyll")
    front = front_of(result)
    assert result.location == JEKYLL_FILE
    assert front["title"] == review.title
    assert front["date"] == date(2026, 3, 18)
    assert front["last_modified_at"] == review.updated
    assert front["slug"] == SLUG
    assert front["layout"] == "review"
    assert front["render_with_liquid"] is False  # the body is text, never template code
    assert front["categories"] == ["Small Language Models"]  # a list: a string splits at spaces
    assert front["tags"] == review.tags
    assert set(REVIEW_FIELDS) <= front.keys()
    assert front["image"] == f"/assets/{SLUG}/hero.png"
    assert front["hero"]["image"] == "assets/hero.png"  # the review's own field stays a path
    assert front["pros"] == review.pros and front["cons"] == review.cons


@pytest.mark.parametrize(
    ("status", "published"),
    [(Status.DRAFT, False), (Status.READY, False), (Status.PUBLISHED, True)],
)
def test_jekyll_published_only_when_published(
    sample_bundle: Path, status: Status, published: bool
) -> None:
    _, result = exported(with_status(sample_bundle, status), "jekyll")
    assert front_of(result)["published"] is published


def test_jekyll_images_go_under_assets_slug_and_the_body_links_them_there(
    sample_bundle: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    _, result = exported(sample_bundle, "jekyll")
    post = write_into(result, site)
    assert post == site / JEKYLL_FILE
    for name in ("hero.png", "chart.png"):
        copied = site / "assets" / SLUG / name
        assert copied.read_bytes() == (sample_bundle / "assets" / name).read_bytes()
    links = HTML_IMAGE.findall(front_matter.split(post.read_text()).body)
    assert links == [f"/assets/{SLUG}/chart.png"]
    for url in [*links, front_of(result)["image"]]:
        assert (site / url.lstrip("/")).is_file()


@pytest.mark.parametrize("raw_html", [False, True])
def test_jekyll_keeps_image_folders_when_not_all_in_assets(
    make_bundle: MakeBundle, raw_html: bool
) -> None:
    body = '![A](img/a.png) and <img alt="B" src="./assets/b%20c.png">\n'
    folder = make_bundle(body=body)
    for name in ("img/a.png", "assets/b c.png"):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(b"png")
    _, result = exported(folder, "jekyll", raw_html=raw_html)
    assert sorted(asset.target for asset in result.assets) == [
        "../assets/a-review/assets/b c.png",
        "../assets/a-review/img/a.png",
    ]
    site = "/assets/a-review"
    assert body_of(result) == (
        f'![A]({site}/img/a.png) and <img alt="B" src="{site}/assets/b%20c.png">\n'
        if raw_html
        else f'<p><img alt="A" src="{site}/img/a.png"> and '
        f'<img alt="B" src="{site}/assets/b%20c.png"></p>\n'
    )


def test_jekyll_links_an_html_image_whose_src_comes_first(make_bundle: MakeBundle) -> None:
    folder = make_bundle(body='<img src="assets/b.png" alt="B">\n')
    (folder / "assets").mkdir()
    (folder / "assets" / "b.png").write_bytes(b"png")
    _, result = exported(folder, "jekyll")
    assert HTML_IMAGE.findall(body_of(result)) == ["/assets/a-review/b.png"]


def test_hugo_links_images_by_their_path_in_the_page_bundle(make_bundle: MakeBundle) -> None:
    """The names of the page's resources, which the shipped layout turns into their URLs."""
    folder = make_bundle(body='![A](./img/a.png) and <img alt="B" src="assets/b%20c.png">\n')
    for name in ("img/a.png", "assets/b c.png"):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(b"png")
    _, result = exported(folder, "hugo")
    assert sorted(asset.target for asset in result.assets) == ["assets/b c.png", "img/a.png"]
    assert HTML_IMAGE.findall(body_of(result)) == ["img/a.png", "assets/b c.png"]


def test_jekyll_without_a_date_is_dated_today_with_a_warning(make_bundle: MakeBundle) -> None:
    _, result = exported(make_bundle(), "jekyll")
    today = date.today().isoformat()
    assert result.location == f"_posts/{today}-a-review.html"
    assert "date" not in front_of(result)  # Jekyll takes it from the file name
    assert result.warnings == (f"no publication date: the post is dated today, {today}",)


def test_jekyll_date_time_names_the_post_by_its_own_day(make_bundle: MakeBundle) -> None:
    folder = make_bundle("format: reviewdesk/1\ntitle: T\npublished: 2026-04-11T23:30:00-05:00\n")
    _, result = exported(folder, "jekyll")
    assert result.location == "_posts/2026-04-11-t.html"
    assert front_of(result)["date"] == datetime.fromisoformat("2026-04-11T23:30:00-05:00")


# --- both ------------------------------------------------------------------------------------


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_future_dates_are_warned_about(make_bundle: MakeBundle, to: str) -> None:
    later = (date.today() + timedelta(days=3)).isoformat()
    folder = make_bundle(f"format: reviewdesk/1\ntitle: T\npublished: {later}\n")
    warnings = exported(folder, to)[1].warnings
    assert any("in the future" in warning for warning in warnings)


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_extra_keys_pass_through_without_replacing_the_exports(
    make_bundle: MakeBundle, to: str
) -> None:
    folder = make_bundle("format: reviewdesk/1\ntitle: T\nextra: {weight: 3, title: Other}\n")
    front = front_of(exported(folder, to)[1])
    assert (front["weight"], front["title"]) == (3, "T")


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_summary_label_is_written_only_when_not_the_default(sample_bundle: Path, to: str) -> None:
    assert "summary_label" not in front_of(exported(sample_bundle, to)[1])
    front = front_of(exported(sample_bundle, to, summary_label="AI Summary")[1])
    assert front["summary_label"] == "AI Summary"


@pytest.mark.parametrize("raw_html", [False, True])
@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_reimport_gives_back_the_review(
    sample_bundle: Path, tmp_path: Path, to: str, status: Status, raw_html: bool
) -> None:
    """Every key (tests/core/test_import_site_export.py draws any review); the body as it
    was published."""
    folder = with_status(sample_bundle, status)
    review, result = exported(folder, to, raw_html=raw_html)
    back, warnings = importer.read_markdown(write_into(result, tmp_path))
    assert back.model_copy(update={"body": ""}) == review.model_copy(update={"body": ""})
    # Said, not silent: the images linked by site paths (no _config.yml here).
    assert all("is a path on the site" in warning for warning in warnings)
    if not raw_html:  # the body as published: HTML, which renders as the same text
        assert back.body == body_of(result)
        assert text_of(render_markdown(back.body)) == text_of(render_markdown(review.body))
    elif to == "hugo":
        assert back.body == review.body
    else:  # the body's images now link where the site serves them
        assert back.body == review.body.replace("(assets/", f"(/assets/{SLUG}/")


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_the_head_is_the_html_exports(sample_bundle: Path, to: str) -> None:
    """What the layouts print in the page's head (ReviewDesk's own key): the html export's
    title, description, canonical URL, times and JSON-LD, as text (Hugo and Jekyll builds of
    it: tests/e2e/test_static_site_builds.py)."""
    review, result = exported(sample_bundle, to)
    html = exports.export(review, sample_bundle, "html").text
    own = front_of(result)["reviewdesk"]
    assert (own["format"], own["export"]) == ("reviewdesk/1", to)
    assert "unset" not in own  # the sample has its slug and date
    head = own["head"]
    assert re.findall(r'<script type="application/ld\+json">(.*?)</script>', html) == [
        head["jsonld"].replace(f"/assets/{SLUG}/hero.png", "assets/hero.png")
    ]
    assert f"<title>{html_text(head['title'])}</title>" in html
    assert f'<meta name="description" content="{html_text(head["description"])}">' in html
    assert f'<link rel="canonical" href="{head["canonical"]}">' in html
    assert f'"article:published_time" content="{head["published_time"]}"' in html
    assert head["modified_time"] == "2026-03-20T14:05:00+01:00"  # the review's `updated`


def html_text(text: str) -> str:
    return str(escape(text))  # as the html export's templates escape it


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_the_keys_import_needs_are_written(make_bundle: MakeBundle, to: str) -> None:
    """The status a site's flag cannot say, the authors' links, the SEO keys, and the keys
    the review leaves unset that the site's keys fill in."""
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: T\nstatus: ready\nlanguage: de\n"
        "authors: [A, {name: B, url: 'https://example.org/b'}]\nseo: {}\n"
    )
    front = front_of(exported(folder, to)[1])
    assert (front["status"], front["language"], front["seo"]) == ("ready", "de", {})
    assert (front["authors"], front["author_urls"]) == (["A", "B"], ["", "https://example.org/b"])
    assert front["reviewdesk"]["unset"] == ["slug", "published"]
    assert front["reviewdesk"]["head"]["title"] == "T"
    plain = front_of(exported(make_bundle("format: reviewdesk/1\ntitle: T\n", name="p"), to)[1])
    assert not {"status", "language", "seo", "author_urls"} & plain.keys()


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_the_dates_and_typeset_texts_the_page_shows_are_written(
    make_bundle: MakeBundle, to: str
) -> None:
    """`reviewdesk.shown`: each day the page shows in the review's language, and each text
    that typesetting changes beside the text as typed, the summary's paragraph by paragraph
    (as the html export typesets them); built pages: tests/e2e/test_static_site_builds.py."""
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: It's it\nlanguage: de\npublished: 2026-03-18\n"
        'summary: "One \'a\'\\n\\nTwo -- b\\n\\nThree"\npros: ["It\'s it", Plain]\n'
        "updates: [{date: 2026-04-20T23:30:00-05:00, note: Plain}]\n"
    )
    review, result = exported(folder, to)
    shown = front_of(result)["reviewdesk"]["shown"]
    assert shown == {
        "language": "de",
        "dates": {"2026-03-18": "18. März 2026", "2026-04-20": "20. Apr. 2026"},
        "texts": [  # German: an apostrophe, a low and a high single quote, an en dash
            {"typed": "It's it", "shown": "It\u2019s it"},
            {"typed": "One 'a'", "shown": "One \u201aa\u2018"},
            {"typed": "Two -- b", "shown": "Two \u2013 b"},
        ],
    }
    back, _ = importer.read_markdown(write_into(result, folder.parent / "site"))
    assert back.model_copy(update={"body": ""}) == review.model_copy(update={"body": ""})
    # A page with no date and nothing to typeset has none.
    plain = make_bundle("format: reviewdesk/1\ntitle: T\npros: [Plain]\n", name="p")
    assert "shown" not in front_of(exported(plain, to)[1])["reviewdesk"]


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_extra_keys_named_as_the_exports_own_are_left_out(make_bundle: MakeBundle, to: str) -> None:
    """They would replace the export's key (Hugo reads keys whatever their case), or come back
    as a field of the review."""
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: T\n"
        "extra: {Title: X, verdict: V, Author_URLs: [u], reviewdesk: 1, weight: 3}\n"
    )
    front = front_of(exported(folder, to)[1])
    assert front["weight"] == 3
    assert not {"Title", "verdict", "Author_URLs"} & front.keys()
    assert front["reviewdesk"] != 1


# --- the command line --------------------------------------------------------------------------


def test_cli_writes_a_hugo_bundle_into_a_content_section(
    sample_bundle: Path, tmp_path: Path
) -> None:
    section = tmp_path / "site" / "content" / "reviews"
    done = run_reviewdesk("export", sample_bundle, "--to", "hugo", "-o", section)
    assert done.returncode == 0, done.stderr
    assert sorted(p.relative_to(section).as_posix() for p in section.rglob("*.*")) == [
        f"{SLUG}/assets/chart.png",
        f"{SLUG}/assets/hero.png",
        f"{SLUG}/index.html",
    ]


def test_cli_writes_a_jekyll_post_into_a_site(sample_bundle: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = run_reviewdesk("export", sample_bundle, "--to", "jekyll", "-o", site)
    assert done.returncode == 0, done.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.*")) == [
        JEKYLL_FILE,
        f"assets/{SLUG}/chart.png",
        f"assets/{SLUG}/hero.png",
    ]


@pytest.mark.parametrize(("to", "location"), [("hugo", HUGO_FILE), ("jekyll", JEKYLL_FILE)])
def test_cli_raw_html_writes_the_markdown_file(
    sample_bundle: Path, tmp_path: Path, to: str, location: str
) -> None:
    site = tmp_path / "site"
    done = run_reviewdesk("export", sample_bundle, "--to", to, "-o", site, "--raw-html")
    assert done.returncode == 0, done.stderr
    assert not (site / location).exists()
    assert (site / location).with_suffix(".md").is_file()


# --- a hostile body --------------------------------------------------------------------------


@pytest.fixture
def hostile(make_bundle: MakeBundle) -> Path:
    return make_bundle(body=f"Intro.\n\n{HOSTILE}\nOutro with [a link](https://example.org).\n")


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_a_hostile_body_is_sanitized_by_default(hostile: Path, tmp_path: Path, to: str) -> None:
    _, result = exported(hostile, to)
    written = write_into(result, tmp_path / "site").read_text(encoding="utf-8")
    assert dangers(written) == []
    assert FORBIDDEN.findall(written) == []
    assert "javascript:" not in written and "onload" not in written
    assert "url(" not in written and "example.org/embed" not in written
    body = body_of(result)
    assert body.startswith("<p>Intro.</p>")
    assert '<a href="https://example.org">a link</a>' in body
    assert "styled" in text_of(body) and "click" in text_of(body)


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_a_hostile_body_is_kept_as_written_only_with_raw_html(hostile: Path, to: str) -> None:
    review, result = exported(hostile, to, raw_html=True)
    assert body_of(result) == review.body
    found = dangers(result.text)
    assert {"script", "iframe", "object", "img onerror", "svg onload"} <= set(found)
    assert "<style>body" in result.text
