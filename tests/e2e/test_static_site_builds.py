"""The Hugo and Jekyll exports, built by the real tools into fixture sites made as the READMEs
of resources/hugo and resources/jekyll say, and the built pages checked against the published
layout of our own HTML export: the default export (sanitized HTML content files), the
`--raw-html` one (the Markdown as written), and a hostile body, of which nothing runs."""

import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest

from bench.hugo_site import STYLESHEETS, hugo_site
from bench.images import write_png
from reviewdesk.core import bundle, exports, front_matter
from reviewdesk.core.jsonld import jsonld_text, review_jsonld
from reviewdesk.core.layout import shown_blocks
from reviewdesk.core.model import LATER_KEYS, Review, Score, Seo, Status
from reviewdesk.core.resources import resource
from tests.core.test_exports_static_sites import FORBIDDEN, HOSTILE
from tests.core.test_hostile_exports import dangers
from tests.core.test_layout_typography import GERMAN, SHOWN, TYPED, typed_everywhere
from tests.e2e.axe import SCHEMES, WIDTHS, format_violations, run_axe
from tests.e2e.jsonld_rules import check, format_problems, parse_page
from tests.e2e.vnu import VnuChecker, format_messages
from tests.review_blocks import with_blocks

SLUG = "wrenfall-3-mini-review"
HUGO_PAGE = Path("public", "reviews", SLUG, "index.html")
# Jekyll's default permalink: /:categories/:year/:month/:day/:title.html
JEKYLL_PAGE = Path("_site", "small language models", "2026", "03", "18", f"{SLUG}.html")
BUILD_TIMEOUT = 120
# Template syntax in a review's text: both tools must print it, not run it.
TEMPLATE_TEXT = "Write `{{< figure >}}`, `{{% note %}}` or `{% if x %}{{ page.title }}{% endif %}`."


def export(folder: Path, to: str, out: Path, *flags: str, zone: str | None = None) -> None:
    """`reviewdesk export` as a user runs it (on a machine in the time zone `zone`)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "reviewdesk",
            "export",
            str(folder),
            "--to",
            to,
            "-o",
            str(out),
            *flags,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=in_zone(zone),
    )
    assert done.returncode == 0, done.stderr


def build(
    *command: str | Path, site: Path, zone: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        env=in_zone(zone),
    )


def in_zone(zone: str | None) -> dict[str, str] | None:
    """The environment of a program run in the time zone `zone` (None: this one's)."""
    return None if zone is None else os.environ | {"TZ": zone}


def published(folder: Path, *, template_text: bool = True, more: str = "") -> Review:
    """The sample as a published review, with template syntax (and `more`) in its body."""
    review = bundle.load(folder)
    body = f"{review.body}\n{more}\n{TEMPLATE_TEXT}\n" if template_text else review.body
    review = review.model_copy(update={"status": Status.PUBLISHED, "body": body})
    bundle.save(review, folder)
    return review


# --- fixture sites -------------------------------------------------------------------------


def hugo_build(
    hugo: Path, site: Path, *flags: str, zone: str | None = None
) -> subprocess.CompletedProcess[str]:
    return build(
        hugo, "--panicOnWarning", "--cacheDir", site / ".cache", *flags, site=site, zone=zone
    )


def assert_hugo_built(done: subprocess.CompletedProcess[str]) -> None:
    """A clean build: Hugo 0.111 logs some warnings (a page without a template) without
    panicking, even with --panicOnWarning, so they are looked for in its output too."""
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "WARN" not in output and "ERROR" not in output, output


def jekyll_site(root: Path) -> Path:
    site = root / "jekyll-site"
    shutil.copytree(resource("jekyll"), site, ignore=shutil.ignore_patterns("README.md"))
    (site / "assets" / "reviewdesk").mkdir(parents=True)
    for name in STYLESHEETS:
        shutil.copyfile(resource("css", name), site / "assets" / "reviewdesk" / name)
    # Unknown Liquid filters and tags fail the build instead of printing nothing.
    (site / "_config.yml").write_text(
        'title: Fixture\nurl: "https://example.org"\n'
        "liquid:\n  error_mode: strict\n  strict_filters: true\n"
    )
    return site


def jekyll_build(
    jekyll: Path, site: Path, *flags: str, zone: str | None = None
) -> subprocess.CompletedProcess[str]:
    return build(jekyll, "build", "--strict_front_matter", *flags, site=site, zone=zone)


def build_site(tool: Path, to: str, root: Path, folders: list[Path]) -> tuple[Path, list[Path]]:
    """A Hugo or Jekyll fixture site with the reviews in `folders` exported into it and built
    cleanly; its folder, and each review's built page (relative to it), in order."""
    slugs = [bundle.load(folder).effective_slug for folder in folders]
    if to == "hugo":
        site = hugo_site(root)
        for folder in folders:
            export(folder, "hugo", site / "content" / "reviews")
        assert_hugo_built(hugo_build(tool, site))
        return site, [HUGO_PAGE.parent.with_name(slug) / "index.html" for slug in slugs]
    site = jekyll_site(root)
    for folder in folders:
        export(folder, "jekyll", site)
    done = jekyll_build(tool, site)
    assert done.returncode == 0 and "Warning" not in done.stderr, done.stderr
    # Wherever the site's permalink puts a post: under its categories, its day, its slug.
    return site, [only((site / "_site").rglob(f"{slug}.html")).relative_to(site) for slug in slugs]


def only(found: Iterable[Path]) -> Path:
    (one,) = found
    return one


# --- what a built page shows ------------------------------------------------------------------


class Outline(HTMLParser):
    """The article of a page: each element's (tag, class, id, data-field), and its text,
    without the inside of the body, where Markdown renderers may differ and the layout not.
    Dates and punctuation count too: the Hugo and Jekyll layouts print those the export
    computed for them (`reviewdesk.shown`), the html export's."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, str | None, str | None, str | None]] = []
        self.words: list[str] = []
        self.images: list[str] = []
        self.stylesheets: list[str] = []
        self._state = "before"  # before | article | body | after
        self._body_divs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "img" and found.get("src"):
            self.images.append(str(found["src"]))
        if tag == "link" and found.get("rel") == "stylesheet":
            self.stylesheets.append(str(found["href"]))
        if tag == "article" and self._state == "before":
            self._state = "article"
        if self._state == "body":
            self._body_divs += tag == "div"
        elif self._state == "article":
            self.elements.append(
                (tag, found.get("class"), found.get("id"), found.get("data-field"))
            )
            if found.get("class") == "review-body":
                self._state, self._body_divs = "body", 1

    def handle_endtag(self, tag: str) -> None:
        if self._state == "body" and tag == "div":
            self._body_divs -= 1
            self._state = "article" if self._body_divs == 0 else "body"
        elif self._state == "article" and tag == "article":
            self._state = "after"

    def handle_data(self, data: str) -> None:
        if self._state == "article":
            self.words += data.split()


def outline(page: str) -> Outline:
    found = Outline()
    found.feed(page)
    found.close()
    return found


def text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def items(page: str, field_name: str) -> list[str]:
    section = re.search(rf'<section [^>]*data-field="{field_name}">(.*?)</section>', page, re.S)
    assert section, f"no {field_name} section"
    return [text_of(item) for item in re.findall(r"<li>(.*?)</li>", section[1])]


def minimal(root: Path) -> tuple[Path, Review]:
    folder = root / "minimal"
    folder.mkdir()
    (folder / "review.yaml").write_text(
        "format: reviewdesk/1\ntitle: T\nstatus: published\npublished: 2026-04-11\n"
    )
    (folder / "body.md").write_text("")
    return folder, bundle.load(folder)


def assert_same_outline(page_file: Path, review: Review, folder: Path) -> Outline:
    """The page's article has the markup and text of our own, outside the body."""
    built = outline(page_file.read_text(encoding="utf-8"))
    expected = outline(exports.export(review, folder, "fragment").text)
    assert built.elements == expected.elements
    assert " ".join(built.words) == " ".join(expected.words)
    return built


def body_of(page: str) -> str:
    """The body's part of a built page."""
    return page.split('data-field="body">', 1)[1].split('<div class="review-verdict">', 1)[0]


def assert_shows_review(
    page_file: Path, root: Path, review: Review, folder: Path, *, missing: tuple[str, ...] = ()
) -> None:
    """The built page has the published layout's markup and text around the body, every
    pro and con, the rating, the body's template text as written, and images and CSS that
    resolve to built files (but the images `missing` from the bundle)."""
    page = page_file.read_text(encoding="utf-8")
    built = assert_same_outline(page_file, review, folder)
    title = re.search(r'<h1 class="review-title"[^>]*>(.*?)</h1>', page)
    assert title and text_of(title[1]) == review.title
    assert items(page, "pros") == review.pros
    assert items(page, "cons") == review.cons
    assert "<strong>4.0</strong> / 5" in page and "Rated 4.0 out of 5" in page
    assert "--fill: 80%" in page
    assert TEMPLATE_TEXT.replace("`", "") in text_of(page)
    url = "/" + page_file.relative_to(root).as_posix()
    for src in [*built.images, *built.stylesheets]:
        if src not in missing:
            assert (root / unquote(urljoin(url, src)).lstrip("/")).is_file(), src
    # The review blocks' stylesheet too when the review shows a block (the sample does).
    sheets = 2 if shown_blocks(review) else 1
    assert len(built.images) == 2 + len(missing) and len(built.stylesheets) == sheets
    body = body_of(page)
    assert '<h2 id="what-wrenfall-3-mini-is">' in body and "<li>" in body and "<table>" in body


def assert_harmless(page_file: Path) -> None:
    """Nothing in the built page runs, loads a frame or navigates by itself, and the body
    keeps the hostile part's words."""
    page = page_file.read_text(encoding="utf-8")
    assert dangers(page) == []
    assert "javascript:" not in page and "onload" not in page and "url(" not in page
    assert FORBIDDEN.findall(body_of(page)) == []
    assert all(word in text_of(body_of(page)) for word in ("Intro.", "styled", "click"))


def hostile(folder: Path) -> Review:
    """The sample, published, with a hostile part in its body (whose image `x.png` the
    bundle has not got)."""
    return published(folder, more=f"Intro.\n\n{HOSTILE}")


# --- Hugo ----------------------------------------------------------------------------------


@pytest.mark.parametrize("flags", [(), ("--raw-html",)], ids=["html", "raw-markdown"])
def test_hugo_builds_the_review_in_the_published_layout(
    hugo: Path, sample_bundle: Path, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    review = published(sample_bundle)
    site = hugo_site(tmp_path)
    export(sample_bundle, "hugo", site / "content" / "reviews", *flags)
    assert_hugo_built(hugo_build(hugo, site))
    assert_shows_review(site / HUGO_PAGE, site / "public", review, sample_bundle)
    # and the check sees a page that lost a con
    page = site / HUGO_PAGE
    page.write_text(page.read_text().replace(f"<li>{review.cons[-1]}</li>", ""))
    with pytest.raises(AssertionError):
        assert_shows_review(page, site / "public", review, sample_bundle)


def test_hugo_builds_a_hostile_body_with_nothing_that_runs(
    hugo: Path, sample_bundle: Path, tmp_path: Path
) -> None:
    review = hostile(sample_bundle)
    site = hugo_site(tmp_path)
    export(sample_bundle, "hugo", site / "content" / "reviews")
    assert_hugo_built(hugo_build(hugo, site))
    assert_shows_review(
        site / HUGO_PAGE, site / "public", review, sample_bundle, missing=("x.png",)
    )
    assert_harmless(site / HUGO_PAGE)


def test_hugo_links_body_images_by_their_published_url_with_ugly_urls(
    hugo: Path, sample_bundle: Path, tmp_path: Path
) -> None:
    """The page is `/reviews/SLUG.html`, its images still in `/reviews/SLUG/`: the layout
    links each image of the bundle by its URL, not by its path relative to the page."""
    review = published(sample_bundle)
    site = hugo_site(tmp_path)
    with (site / "hugo.toml").open("a") as config:
        config.write("uglyURLs = true\n")
    export(sample_bundle, "hugo", site / "content" / "reviews")
    assert_hugo_built(hugo_build(hugo, site))
    page = site / "public" / "reviews" / f"{SLUG}.html"
    assert_shows_review(page, site / "public", review, sample_bundle)
    assert outline(page.read_text()).images == [
        f"/reviews/{SLUG}/assets/hero.png",
        f"/reviews/{SLUG}/assets/chart.png",
    ]


def test_hugo_builds_a_review_with_only_a_title_and_a_date(hugo: Path, tmp_path: Path) -> None:
    folder, review = minimal(tmp_path)
    site = hugo_site(tmp_path)
    export(folder, "hugo", site / "content" / "reviews")
    assert_hugo_built(hugo_build(hugo, site))
    assert_same_outline(site / "public" / "reviews" / "t" / "index.html", review, folder)


def test_hugo_leaves_drafts_out_unless_asked(
    hugo: Path, sample_bundle: Path, tmp_path: Path
) -> None:
    site = hugo_site(tmp_path)
    export(sample_bundle, "hugo", site / "content" / "reviews")  # the sample is `ready`
    assert_hugo_built(hugo_build(hugo, site))
    assert not (site / HUGO_PAGE).exists()
    assert_hugo_built(hugo_build(hugo, site, "--buildDrafts"))
    assert (site / HUGO_PAGE).is_file()


def test_hugo_build_fails_on_broken_front_matter(
    hugo: Path, sample_bundle: Path, tmp_path: Path
) -> None:
    published(sample_bundle, template_text=False)
    site = hugo_site(tmp_path)
    export(sample_bundle, "hugo", site / "content" / "reviews")
    page = site / "content" / "reviews" / SLUG / "index.html"
    page.write_text(re.sub(r"(?m)^title: .*$", 'title: "unterminated', page.read_text()))
    done = hugo_build(hugo, site)
    assert done.returncode != 0
    assert not (site / HUGO_PAGE).exists()


def test_hugo_without_the_review_layout_is_noticed(
    hugo: Path, sample_bundle: Path, tmp_path: Path
) -> None:
    """Hugo 0.111 skips a page with no template with a warning and exit status 0, even with
    --panicOnWarning: the check of its output notices."""
    published(sample_bundle)
    site = hugo_site(tmp_path)
    export(sample_bundle, "hugo", site / "content" / "reviews")
    shutil.rmtree(site / "layouts" / "review")
    done = hugo_build(hugo, site)
    with pytest.raises(AssertionError, match="found no layout file"):
        assert_hugo_built(done)
    assert not (site / HUGO_PAGE).exists()


# --- Jekyll --------------------------------------------------------------------------------


@pytest.mark.parametrize("flags", [(), ("--raw-html",)], ids=["html", "raw-markdown"])
def test_jekyll_builds_the_review_in_the_published_layout(
    jekyll: Path, sample_bundle: Path, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    review = published(sample_bundle)
    site = jekyll_site(tmp_path)
    export(sample_bundle, "jekyll", site, *flags)
    done = jekyll_build(jekyll, site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Error" not in done.stderr and "Warning" not in done.stderr, done.stderr
    assert_shows_review(site / JEKYLL_PAGE, site / "_site", review, sample_bundle)


def test_jekyll_builds_a_hostile_body_with_nothing_that_runs(
    jekyll: Path, sample_bundle: Path, tmp_path: Path
) -> None:
    review = hostile(sample_bundle)
    site = jekyll_site(tmp_path)
    export(sample_bundle, "jekyll", site)
    done = jekyll_build(jekyll, site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Error" not in done.stderr and "Warning" not in done.stderr, done.stderr
    assert_shows_review(
        site / JEKYLL_PAGE, site / "_site", review, sample_bundle, missing=("x.png",)
    )
    assert_harmless(site / JEKYLL_PAGE)


def test_jekyll_builds_a_review_with_only_a_title_and_a_date(jekyll: Path, tmp_path: Path) -> None:
    folder, review = minimal(tmp_path)
    site = jekyll_site(tmp_path)
    export(folder, "jekyll", site)
    assert jekyll_build(jekyll, site).returncode == 0
    assert_same_outline(site / "_site" / "2026" / "04" / "11" / "t.html", review, folder)


def test_jekyll_prefixes_the_site_baseurl_to_images(
    jekyll: Path, sample_bundle: Path, tmp_path: Path
) -> None:
    published(sample_bundle)
    site = jekyll_site(tmp_path)
    with (site / "_config.yml").open("a") as config:
        config.write('baseurl: "/blog"\n')
    export(sample_bundle, "jekyll", site)
    assert jekyll_build(jekyll, site).returncode == 0
    page = (site / JEKYLL_PAGE).read_text()
    images = outline(page).images
    assert images == [f"/blog/assets/{SLUG}/hero.png", f"/blog/assets/{SLUG}/chart.png"]
    (jsonld,) = head_of(page).jsonld  # the JSON-LD's hero too
    assert json.loads(jsonld)["review"]["image"] == f"/blog/assets/{SLUG}/hero.png"
    assert head_of(page).meta["og:image"] == f"https://example.org/blog/assets/{SLUG}/hero.png"


def test_jekyll_leaves_unpublished_posts_out_unless_asked(
    jekyll: Path, sample_bundle: Path, tmp_path: Path
) -> None:
    site = jekyll_site(tmp_path)
    export(sample_bundle, "jekyll", site)  # the sample is `ready`: `published: false`
    assert jekyll_build(jekyll, site).returncode == 0
    assert not (site / JEKYLL_PAGE).exists()
    assert jekyll_build(jekyll, site, "--unpublished").returncode == 0
    assert (site / JEKYLL_PAGE).is_file()


def test_jekyll_build_fails_on_broken_front_matter(
    jekyll: Path, sample_bundle: Path, tmp_path: Path
) -> None:
    """Without --strict_front_matter Jekyll logs the error and publishes the post anyway,
    without its front matter: undated, at the wrong address."""
    published(sample_bundle, template_text=False)
    site = jekyll_site(tmp_path)
    export(sample_bundle, "jekyll", site)
    post = next((site / "_posts").iterdir())
    post.write_text(re.sub(r"(?m)^title: .*$", 'title: "unterminated', post.read_text()))
    lenient = build(jekyll, "build", site=site)
    assert lenient.returncode == 0 and not (site / JEKYLL_PAGE).exists()
    assert "YAML Exception" in lenient.stderr
    strict = jekyll_build(jekyll, site)
    assert strict.returncode != 0
    assert "YAML Exception" in strict.stdout + strict.stderr


# --- a published review without a date ------------------------------------------------------

# Exported where the day starts first (UTC+14), built where it starts last (UTC-12; POSIX
# zone names count the other way): a bare day of the export is then always in the future
# of the build, which leaves the page out without a word.
EAST, WEST = "Pacific/Kiritimati", "Etc/GMT+12"


def undated(root: Path) -> Path:
    """A published review whose writer gave it no date."""
    folder = root / "undated"
    folder.mkdir()
    (folder / "review.yaml").write_text("format: reviewdesk/1\ntitle: T\nstatus: published\n")
    (folder / "body.md").write_text("Text.\n")
    return folder


def exported_date(page: Path) -> datetime:
    """The date the export wrote into the page's front matter."""
    when = front_matter.split(page.read_text(encoding="utf-8")).data["date"]
    assert isinstance(when, datetime) and when.utcoffset() is not None, when
    return when


def test_hugo_builds_and_dates_a_published_review_without_a_date(
    hugo: Path, tmp_path: Path
) -> None:
    site = hugo_site(tmp_path)
    export(undated(tmp_path), "hugo", site / "content" / "reviews", zone=EAST)
    assert_hugo_built(hugo_build(hugo, site, zone=WEST))
    when = exported_date(site / "content" / "reviews" / "t" / "index.html")
    page = (site / "public" / "reviews" / "t" / "index.html").read_text(encoding="utf-8")
    assert f'datetime="{when.date().isoformat()}"' in page


def test_jekyll_builds_a_published_review_without_a_date(jekyll: Path, tmp_path: Path) -> None:
    site = jekyll_site(tmp_path)
    export(undated(tmp_path), "jekyll", site, zone=EAST)
    done = jekyll_build(jekyll, site, zone=WEST)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "has a future date" not in done.stdout + done.stderr
    (built,) = (site / "_site").rglob("t.html")
    (post,) = (site / "_posts").iterdir()
    when = exported_date(post).astimezone(ZoneInfo(WEST))  # Jekyll's permalink: its own day
    assert built == site / "_site" / when.strftime("%Y/%m/%d") / "t.html"


# --- two reviews in one site ----------------------------------------------------------------


def second_review(root: Path) -> tuple[Path, Review]:
    """Another published review with images of the same names as the sample's, but its own."""
    folder = root / "second"
    shutil.copytree(resource("sample"), folder)
    write_png(folder / "assets" / "hero.png", 24, 12)
    write_png(folder / "assets" / "chart.png", 12, 24)
    review = bundle.load(folder).model_copy(
        update={"slug": "second-look", "status": Status.PUBLISHED}
    )
    bundle.save(review, folder)
    return folder, review


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_two_reviews_with_the_same_image_names_each_show_their_own(
    request: pytest.FixtureRequest, sample_bundle: Path, tmp_path: Path, to: str
) -> None:
    tool: Path = request.getfixturevalue(to)
    published(sample_bundle)
    second, _ = second_review(tmp_path)
    site, pages = build_site(tool, to, tmp_path, [sample_bundle, second])
    public = site / pages[0].parts[0]
    for folder, page in zip((sample_bundle, second), pages, strict=True):
        url = "/" + (site / page).relative_to(public).as_posix()
        images = outline((site / page).read_text(encoding="utf-8")).images
        shown = [(public / unquote(urljoin(url, src)).lstrip("/")).read_bytes() for src in images]
        mine = [(folder / "assets" / name).read_bytes() for name in ("hero.png", "chart.png")]
        assert shown == mine, page


# --- the review blocks ----------------------------------------------------------------------

# The sample with the review blocks, by slug: every block; a rating made by the scores, whose
# mean (3.625) rounds half to even as Python's round(); a disclosure without offers; offers
# without a disclosure and without the verdict box.
BLOCK_CASES: dict[str, dict[str, object]] = {
    "every-block": {},
    "rated-by-scores": {
        "rating": None,
        "scores": [Score(name="A", value=4.5), Score(name="B", value=3, weight=2),
                   Score(name="C", value=4)],
    },
    "disclosure-alone": {"offers": [], "best_for": [], "verdict": ""},
    "offers-alone": {"disclosure": "", "verdict": "", "best_for": [], "skip_if": []},
}  # fmt: skip


def blocks_bundles(sample: Path, root: Path) -> list[tuple[Path, Review]]:
    """The sample, published, once per case of BLOCK_CASES."""
    made = []
    for slug, changes in BLOCK_CASES.items():
        folder = root / slug
        shutil.copytree(sample, folder)
        review = with_blocks(bundle.load(folder), slug=slug, status=Status.PUBLISHED, **changes)
        bundle.save(review, folder)
        made.append((folder, review))
    return made


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_the_review_blocks_build_as_the_html_export_shows_them(
    request: pytest.FixtureRequest, sample_bundle: Path, tmp_path: Path, to: str
) -> None:
    tool: Path = request.getfixturevalue(to)
    reviews = blocks_bundles(sample_bundle, tmp_path)
    site, pages = build_site(tool, to, tmp_path, [folder for folder, _ in reviews])
    public = site / pages[0].parts[0]
    for (folder, review), page in zip(reviews, pages, strict=True):
        built = assert_same_outline(site / page, review, folder)
        assert [PurePosixPath(href).name.split(".")[0] for href in built.stylesheets] == [
            "review", "review-blocks"
        ]  # fmt: skip
        url = "/" + (site / page).relative_to(public).as_posix()
        for href in built.stylesheets:
            assert (public / unquote(urljoin(url, href)).lstrip("/")).is_file(), href
    rated = (site / pages[1]).read_text(encoding="utf-8")
    assert "<strong>3.62</strong> / 5" in rated and "from the scores" in rated
    assert 'style="--fill: 72%"' in rated  # the stars: 3.62 of 5
    every = (site / pages[0]).read_text(encoding="utf-8")
    assert 'rel="sponsored noopener">Example Store</a>' in every
    # The sample is British English: its dates as en-GB writes them, the latest first.
    assert every.index('Updated <time datetime="2026-05-03">3 May 2026') < every.index(
        "20 Apr 2026"
    )


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_a_page_without_blocks_links_no_stylesheet_of_theirs(
    request: pytest.FixtureRequest, sample_bundle: Path, tmp_path: Path, to: str
) -> None:
    tool: Path = request.getfixturevalue(to)
    review = published(sample_bundle, template_text=False)
    blockless = {key: Review.model_fields[key].default for key in LATER_KEYS}
    bundle.save(review.model_copy(update=blockless), sample_bundle)  # the sample shows blocks
    if to == "hugo":
        site = hugo_site(tmp_path)
        (site / "assets" / "reviewdesk" / "review-blocks.css").unlink()  # an older site
        export(sample_bundle, "hugo", site / "content" / "reviews")
        assert_hugo_built(hugo_build(tool, site))
        page = site / HUGO_PAGE
    else:
        site = jekyll_site(tmp_path)
        export(sample_bundle, "jekyll", site)
        assert jekyll_build(tool, site).returncode == 0
        page = site / JEKYLL_PAGE
    assert len(outline(page.read_text(encoding="utf-8")).stylesheets) == 1


# --- the text of the page ----------------------------------------------------------------------

# The sample in two languages of their own dates and quotation marks, and a review whose every
# text field is typed with straight quotes, dashes and dots (with code and a URL kept as
# typed), in English and German: by slug.
TEXT_CASES: dict[str, tuple[str, bool]] = {
    "sample-de": ("de", False),
    "sample-en-gb": ("en-GB", False),
    "typed-en": ("en", True),
    "typed-de": ("de", True),
}


def text_bundles(sample: Path, root: Path) -> list[tuple[Path, Review]]:
    """The sample, published, once per case of TEXT_CASES."""
    made = []
    for slug, (language, typed) in TEXT_CASES.items():
        folder = root / slug
        shutil.copytree(sample, folder)
        review = bundle.load(folder)
        review = typed_everywhere(review) if typed else review
        changes = {"slug": slug, "language": language, "status": Status.PUBLISHED}
        review = review.model_copy(update=changes)
        bundle.save(review, folder)
        made.append((folder, review))
    return made


def sections(page: str) -> dict[str, str]:
    """The text of each element with a `data-field` (a section of the layout: no such element
    holds another of its own tag), its white space collapsed."""
    found = {}
    for field in re.findall(r'\bdata-field="([^"]+)"', page):
        match = re.search(rf'<(\w+)\b[^>]*\bdata-field="{field}"[^>]*>(.*?)</\1>', page, re.S)
        assert match, field
        found[field] = text_of(match[2])
    return found


def assert_same_sections(page_file: Path, review: Review, folder: Path) -> None:
    built = sections(page_file.read_text(encoding="utf-8"))
    assert built == sections(exports.export(review, folder, "html").text)


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_the_built_page_shows_the_text_and_dates_of_the_html_export(
    request: pytest.FixtureRequest, sample_bundle: Path, tmp_path: Path, to: str
) -> None:
    """Every section of the page, dates included, says what the html export's says: the
    text fields typeset and the dates in the review's language, which the export computed
    into the front matter (`reviewdesk.shown`, core/exports/site_shown.py)."""
    tool: Path = request.getfixturevalue(to)
    reviews = text_bundles(sample_bundle, tmp_path)
    site, pages = build_site(tool, to, tmp_path, [folder for folder, _ in reviews])
    for (folder, review), page in zip(reviews, pages, strict=True):
        assert_same_sections(site / page, review, folder)
    assert sections((site / pages[0]).read_text(encoding="utf-8"))["published"] == "18. März 2026"
    assert sections((site / pages[3]).read_text(encoding="utf-8"))["title"] == GERMAN
    # and the check sees a date, or a text, as the layouts wrote them before
    typed = site / pages[2]
    text = typed.read_text(encoding="utf-8")
    for shown, before in (
        (">Mar 18, 2026</time>", ">18 March 2026</time>"),
        (f'data-field="title">{SHOWN}<', f'data-field="title">{html.escape(TYPED)}<'),
    ):
        assert shown in text
        typed.write_text(text.replace(shown, before), encoding="utf-8")
        with pytest.raises(AssertionError):
            assert_same_sections(typed, reviews[2][1], reviews[2][0])


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_a_text_or_language_edited_by_hand_is_shown_as_typed_never_as_it_was(
    request: pytest.FixtureRequest, sample_bundle: Path, tmp_path: Path, to: str
) -> None:
    """The front matter's typeset texts and dates are the export's: a text a writer changes in
    the front matter shows as typed (not the old text's typeset copy), the others as exported;
    a changed `language` leaves every one of them unused, as they are the old language's."""
    tool: Path = request.getfixturevalue(to)
    reviews = text_bundles(sample_bundle, tmp_path)[:2]
    slugs = [review.effective_slug for _, review in reviews]
    site = hugo_site(tmp_path) if to == "hugo" else jekyll_site(tmp_path)
    into = site / "content" / "reviews" if to == "hugo" else site
    for folder, _ in reviews:
        export(folder, to, into)
    german, british = (
        into / slug / "index.html" if to == "hugo" else into / "_posts" / f"2026-03-18-{slug}.html"
        for slug in slugs
    )
    edited = 'Edited by "hand" -- after the export'
    text = german.read_text(encoding="utf-8")
    german.write_text(re.sub(r"(?m)^subtitle: .*$", f"subtitle: '{edited}'", text, count=1))
    text = british.read_text(encoding="utf-8")
    british.write_text(text.replace("\nlanguage: en-GB\n", "\nlanguage: fr\n", 1))
    if to == "hugo":
        assert_hugo_built(hugo_build(tool, site))
        built = [site / HUGO_PAGE.parent.with_name(slug) / "index.html" for slug in slugs]
    else:
        assert jekyll_build(tool, site).returncode == 0
        built = [site / JEKYLL_PAGE.with_name(f"{slug}.html") for slug in slugs]
    (folder, review), shown = reviews[0], sections(built[0].read_text(encoding="utf-8"))
    assert shown["subtitle"] == edited
    assert shown == sections(exports.export(review, folder, "html").text) | {"subtitle": edited}
    shown = sections(built[1].read_text(encoding="utf-8"))
    assert (shown["published"], shown["subtitle"]) == ("18 March 2026", reviews[1][1].subtitle)
    assert "Labs'" in shown["subtitle"]


# --- the page's head ---------------------------------------------------------------------------


class Head(HTMLParser):
    """What a page's <head> says: its language, title, meta tags (by property or name), other
    links (by rel) and the text of its JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.title = ""
        self.meta: dict[str, str | None] = {}
        self.links: dict[str, str | None] = {}
        self.jsonld: list[str] = []
        self._in: str | None = None
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._done:
            return
        if tag == "html":
            self.lang = found.get("lang")
        elif tag == "meta" and (key := found.get("property") or found.get("name")):
            assert key not in self.meta, f"two {key}"
            self.meta[key] = found.get("content")
        elif tag == "link" and found.get("rel") != "stylesheet":
            self.links[str(found.get("rel"))] = found.get("href")
        elif tag in ("title", "script"):
            self._in = tag
            if tag == "script":
                assert found.get("type") == "application/ld+json", found
                self.jsonld.append("")

    def handle_endtag(self, tag: str) -> None:
        self._done = self._done or tag == "head"
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.jsonld[-1] += data


def head_of(page: str) -> Head:
    found = Head()
    found.feed(page)
    found.close()
    return found


# The sample with every block, in British English, a summary that would end a script and a
# date-time with an offset (Go's templates write its `+` as a reference); and with no hero and
# no canonical URL, whose address is the site's.
OFFSET = timezone(timedelta(hours=2))
HEAD_CASES: dict[str, dict[str, object]] = {
    "every-block": {
        "language": "en-GB",
        "summary": 'Ends a script: </script><!-- "quoted" & it\'s fine.',
        "published": datetime(2026, 3, 18, 9, 5, tzinfo=OFFSET),
    },
    "no-canonical": {
        "hero": None,
        "seo": Seo(title="Its own title"),
        "published": datetime(2026, 3, 18, 9, 5, tzinfo=OFFSET),
    },
}


def head_bundles(sample: Path, root: Path) -> list[tuple[Path, Review]]:
    made = []
    for slug, changes in HEAD_CASES.items():
        folder = root / slug
        shutil.copytree(sample, folder)
        review = with_blocks(bundle.load(folder), slug=slug, status=Status.PUBLISHED, **changes)
        bundle.save(review, folder)
        made.append((folder, review))
    return made


def assert_head_of_html_export(page_file: Path, public: Path, review: Review, folder: Path) -> None:
    """The built page's head says what the html export's says: the same title, description,
    canonical URL, Open Graph, modification time, Twitter card and JSON-LD (naming the hero
    where the site publishes it), and the page's language; the site's own address for a review
    without a canonical URL. Its JSON-LD passes Google's rules."""
    page = page_file.read_text(encoding="utf-8")
    built, ours = head_of(page), head_of(exports.export(review, folder, "html").text)
    address = "https://example.org/" + quote(page_file.relative_to(public).as_posix())
    address = address.removesuffix("index.html")
    canonical = review.seo.canonical_url if review.seo and review.seo.canonical_url else address
    expected = ours.meta | {"og:url": canonical}
    if review.hero:  # where the site publishes it: the same file as the bundle's
        image = str(built.meta["og:image"])
        assert image.startswith("https://example.org/")
        published = public / unquote(urlsplit(image).path).lstrip("/")
        assert published.read_bytes() == (folder / review.hero.image).read_bytes()
        expected |= {"og:image": image, "twitter:card": "summary_large_image"}
    assert built.meta == expected
    assert (built.title, built.links, built.lang) == (
        ours.title,
        {"canonical": canonical},
        review.language,
    )
    # The JSON-LD jsonld.py gives, byte for byte, with the pros and cons typeset as the page
    # shows them, and the hero by the path the page links it (Jekyll: the site's): the html
    # export's but for that.
    (text,) = built.jsonld
    hero = review.hero.image if review.hero else None
    if hero and "_site" in page_file.parts:
        hero = urlsplit(str(built.meta["og:image"])).path
    page_url = review.seo.canonical_url if review.seo else None
    assert text == jsonld_text(
        review_jsonld(review, page_url=page_url, image_url=hero, typeset=True)
    )
    data, theirs = json.loads(text), json.loads(ours.jsonld[0])
    if hero:
        theirs["review"]["image"] = hero
    assert data == theirs
    shown = parse_page(page)
    problems = check(shown.jsonld, shown.text, rated=review.overall_rating is not None)
    assert problems == [], format_problems(problems)


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_the_built_head_is_the_html_exports(
    request: pytest.FixtureRequest, sample_bundle: Path, tmp_path: Path, to: str
) -> None:
    tool: Path = request.getfixturevalue(to)
    reviews = head_bundles(sample_bundle, tmp_path)
    site, pages = build_site(tool, to, tmp_path, [folder for folder, _ in reviews])
    public = site / pages[0].parts[0]
    for (folder, review), page in zip(reviews, pages, strict=True):
        assert_head_of_html_export(site / page, public, review, folder)
        # and the byline links the authors as the html export's does
        links = re.findall(r'<a href="([^"]*)" rel="author">', (site / page).read_text())
        assert links == [author.url for author in review.authors] and len(links) == 2
    # and the check sees a head that lost a meta tag, or JSON-LD changed by the site
    every = site / pages[0]
    text = every.read_text(encoding="utf-8")
    every.write_text(text.replace('<meta property="og:description"', '<meta name="x"'))
    with pytest.raises(AssertionError):
        assert_head_of_html_export(every, public, reviews[0][1], reviews[0][0])
    every.write_text(text.replace('"ratingValue": 4', '"ratingValue": 4.5'))
    with pytest.raises(AssertionError):
        assert_head_of_html_export(every, public, reviews[0][1], reviews[0][0])


# A theme's own page around the article, as the READMEs say to make one: its head prints its
# own title and meta tags, and ReviewDesk's partial only the JSON-LD.
THEMED = {
    "hugo": (
        Path("layouts", "review", "single.html"),
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>{{ .Title }}</title>\n'
        '{{ partial "reviewdesk/meta.html" (dict "page" . "jsonld_only" true) }}\n'
        '{{ partial "reviewdesk/head.html" . }}\n</head>\n'
        '<body>{{ partial "reviewdesk/review.html" . }}</body>\n</html>\n',
    ),
    "jekyll": (
        Path("_layouts", "review.html"),
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>{{ page.title }}</title>\n'
        "{% include reviewdesk/meta.html jsonld_only=true %}\n</head>\n"
        "<body>{% include reviewdesk/review.html %}</body>\n</html>\n",
    ),
}


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_a_theme_with_its_own_head_gets_the_jsonld_alone(
    request: pytest.FixtureRequest, sample_bundle: Path, tmp_path: Path, to: str
) -> None:
    tool: Path = request.getfixturevalue(to)
    review = published(sample_bundle, template_text=False)
    if to == "hugo":
        site = hugo_site(tmp_path)
        export(sample_bundle, "hugo", site / "content" / "reviews")
    else:
        site = jekyll_site(tmp_path)
        export(sample_bundle, "jekyll", site)
    layout, text = THEMED[to]
    (site / layout).write_text(text)
    if to == "hugo":
        assert_hugo_built(hugo_build(tool, site))
    else:
        assert jekyll_build(tool, site).returncode == 0
    page = (site / (HUGO_PAGE if to == "hugo" else JEKYLL_PAGE)).read_text(encoding="utf-8")
    head = head_of(page)
    assert (head.title, head.meta, head.links) == (review.title, {}, {})
    (jsonld,) = head.jsonld
    assert json.loads(jsonld)["review"]["name"] == review.title


def as_local_file(page: Path, public: Path) -> Path:
    """The built page beside it, its site-absolute links (stylesheets, images) made file URLs
    into the built site: the checkers open it without a server."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'\b(href|src)="/(?!/)', lambda m: f'{m[1]}="{public.as_uri()}/', text)
    local = page.with_name(f"local-{page.name}")
    local.write_text(text, encoding="utf-8")
    return local


@pytest.mark.slow
def test_built_pages_with_every_block_pass_the_html_checker_and_axe(
    *,
    hugo: Path,
    jekyll: Path,
    chromium: Path,
    vnu: VnuChecker,
    sample_bundle: Path,
    tmp_path: Path,
) -> None:
    reviews = blocks_bundles(sample_bundle, tmp_path)
    hugo_root, jekyll_root = tmp_path / "h", tmp_path / "j"
    hugo_root.mkdir()
    jekyll_root.mkdir()
    hugo_at, jekyll_at = hugo_site(hugo_root), jekyll_site(jekyll_root)
    for folder, _ in reviews:
        export(folder, "hugo", hugo_at / "content" / "reviews")
        export(folder, "jekyll", jekyll_at)
    assert_hugo_built(hugo_build(hugo, hugo_at))
    assert jekyll_build(jekyll, jekyll_at).returncode == 0
    pages = [
        as_local_file(hugo_at / HUGO_PAGE.parent.with_name(slug) / "index.html", hugo_at / "public")
        for slug in ("every-block", "rated-by-scores")
    ] + [
        as_local_file(jekyll_at / JEKYLL_PAGE.with_name(f"{slug}.html"), jekyll_at / "_site")
        for slug in ("every-block", "rated-by-scores")
    ]
    for page in pages:  # styled and illustrated: every link resolves in the built site
        links = re.findall(r'(?:href|src)="(file:[^"]*)"', page.read_text(encoding="utf-8"))
        assert len([link for link in links if ".css" in link]) == len(STYLESHEETS), links
        for link in links:
            assert Path(unquote(urlsplit(link).path)).is_file(), link
    errors = vnu(pages)
    assert errors == [], format_messages(errors)
    report = run_axe(pages, chromium=chromium)
    assert len(report.runs) == len(pages) * len(WIDTHS) * len(SCHEMES)
    assert report.violations == [], format_violations(report)
    undecided = [
        (r.file.name, r.width, r.scheme) for r in report.runs if "color-contrast" in r.incomplete
    ]
    assert undecided == []
