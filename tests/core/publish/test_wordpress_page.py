"""Reviews published to the real WordPress 6.1 (tests/wordpress_server.py, its default theme
Twenty Twenty-Three), as the administrator and as an author, then looked at in headless
Chromium: the public page as a reader gets it, and the post in wp-admin's block editor."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import pytest

from reviewdesk.core import assets, bundle
from reviewdesk.core.layout import shown_blocks
from reviewdesk.core.model import Review
from reviewdesk.core.publish.publish import PublishResult, publish
from tests.core.publish import wordpress_blocks as wp
from tests.core.publish.published import (
    ROLES,
    account,
    add_sample_category,
    blocks_bundle,
    body_images_bundle,
    plugin_active,
    site_for,
    stored,
)
from tests.core.publish.wordpress_browser import Browser, browser, visible
from tests.e2e import jsonld_rules
from tests.wordpress_server import WordPressServer

pytestmark = pytest.mark.slow
LISTS = ("pros", "cons", "key_features", "key_insights")
# The review blocks' sections: all in a review with every block, none in one without.
BLOCK_SECTIONS = (
    "review-bottom-line", "review-scores", "review-specs", "review-where-to-buy", "review-updates"
)  # fmt: skip
INVALID = "This block contains unexpected or invalid content."


@pytest.fixture(scope="module")
def wordpress_browser() -> Browser:
    return browser()


@dataclass(frozen=True)
class Published:
    role: str
    posts: list[tuple[Review, PublishResult]]


@pytest.fixture
def published(
    wordpress: WordPressServer,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    sample_bundle: Path,
    make_bundle: Callable[..., Path],
) -> Iterator[Published]:
    """The sample (hero and a body image), a review with two body images and the sample with
    every review block, published by the role the test is parametrized with, on a site with
    ReviewDesk's plugin."""
    wordpress.reset()
    add_sample_category(wordpress)
    site = site_for(wordpress, request.param, monkeypatch)
    with plugin_active(wordpress):
        posts = []
        pictures = body_images_bundle(make_bundle, sample_bundle)
        for folder in (sample_bundle, pictures, blocks_bundle(sample_bundle)):
            result = publish(folder, site, "publish")
            assert (result.action, result.status) == ("created", "publish")
            assert result.differences == []
            posts.append((bundle.load(folder), result))
        yield Published(request.param, posts)


def file_stem(url: str) -> str:
    return PurePosixPath(urlsplit(url).path).stem


def assert_reads_right(
    run: dict[str, Any], review: Review, featured: dict[str, Any], link: str
) -> None:
    """One public page at one width: what a reader must get."""
    where = f"at {run['width']} px"
    assert run["status"] == 200
    assert run["contentFound"], where
    # The theme's title is the page's one <h1>; the article leaves its own out.
    assert run["h1"] == [review.title], where
    levels = [heading["level"] for heading in run["headings"]]
    assert levels and min(levels) > 1, where
    assert run["themePartsInContent"] == [], where
    images = run["images"]
    broken = [image for image in images if image["status"] != 200 or image["naturalWidth"] <= 0]
    assert broken == [], where
    in_content = [image for image in images if image["inContent"]]
    assert len(in_content) == len(assets.body_images(review.body)), where
    theirs = [image for image in images if "wp-post-image" in image["classes"].split()]
    if featured:
        # The hero is shown once, by the theme as the featured image, never in the article.
        hero = file_stem(featured["source_url"])
        (shown,) = theirs
        assert file_stem(shown["currentSrc"]).startswith(hero), where
        assert not [image for image in in_content if file_stem(image["currentSrc"]) == hero]
        assert not [i for i in in_content if f"wp-image-{featured['id']}" in i["classes"]]
    else:
        assert theirs == [], where
    for field in LISTS:
        (section,) = run["sections"][f"review-list--{field.replace('_', '-')}"]
        assert section["inContent"] and visible(section), (where, field)
        assert [item["text"] for item in section["items"]] == list(getattr(review, field))
        assert all(visible(item) for item in section["items"]), (where, field)
    (summary,) = run["sections"]["review-summary"]
    assert visible(summary), where
    assert " ".join(review.summary.split()) in " ".join(summary["text"].split()), where
    for name in BLOCK_SECTIONS:
        shown = run["sections"][name]
        assert len(shown) == (1 if shown_blocks(review) else 0), (where, name)
        assert all(section["inContent"] and visible(section) for section in shown), (where, name)
    # Tags: the theme's links, each once; none from the article.
    tags = [link for link in run["tagLinks"] if "/tag/" in link["href"]]
    assert sorted(link["text"] for link in tags) == sorted(review.tags), where
    assert [link for link in run["tagLinks"] if link["inContent"]] == [], where
    assert run["violations"] == [], (where, run["violations"])
    # The plugin's JSON-LD follows our Review rules, with the page's own address.
    problems = jsonld_rules.check(
        run["jsonld"], run["text"], rated=review.overall_rating is not None
    )
    assert problems == [], jsonld_rules.format_problems(problems)
    (data,) = map(json.loads, run["jsonld"])
    assert data["review"]["url"] == link


@pytest.mark.parametrize("published", ROLES, indirect=True)
def test_the_public_page_shows_each_part_once_loads_every_image_and_passes_axe(
    wordpress: WordPressServer, wordpress_browser: Browser, published: Published
) -> None:
    pages = wordpress_browser.pages([result.link for _, result in published.posts])
    for (review, result), page in zip(published.posts, pages, strict=True):
        post = stored(wordpress, result.post_id or 0)
        featured = {}
        if post["featured_media"]:
            featured = wordpress.rest("GET", f"/wp/v2/media/{post['featured_media']}")
        assert bool(featured) == (review.hero is not None)
        assert page.errors == []
        assert len(page.runs) == 2
        for run in page.runs:
            canonical = review.seo.canonical_url if review.seo else None
            assert_reads_right(run, review, featured, str(canonical or post["link"]))


@pytest.mark.parametrize("published", ROLES, indirect=True)
def test_the_block_editor_opens_the_published_posts_with_every_block_valid(
    wordpress: WordPressServer, wordpress_browser: Browser, published: Published
) -> None:
    writer = account(wordpress, published.role)
    # A post the editor must find invalid (a level-3 heading saved as <h2>), written by the
    # same writer: the check below is one that can fail.
    content = '<!-- wp:heading {"level":3} -->\n<h2>Wrong level</h2>\n<!-- /wp:heading -->'
    control = wordpress.rest(
        "POST",
        "/wp/v2/posts",
        user=writer,
        json={"title": "Control", "content": content, "status": "draft"},
    )["id"]
    ids = [int(result.post_id or 0) for _, result in published.posts]
    opened = wordpress_browser.editor(wordpress.url, writer.login, writer.password, [*ids, control])
    *ours, theirs = opened
    assert theirs.invalid()
    (warning,) = theirs.warnings
    assert warning.startswith(INVALID)
    assert any("Block validation failed" in error for error in theirs.errors)
    for post, post_id in zip(ours, ids, strict=True):
        names = {block["name"] for block in post.blocks()}
        assert {"core/group", "core/heading", "core/list", "core/image"} <= names
        assert post.invalid() == []
        assert post.warnings == []
        # WordPress 6.1's editor asks an author for the theme's template, which only those who
        # may edit the theme can read (403): the editor's own request, not about the post.
        others = [error for error in post.errors if "/wp-json/wp/v2/templates/" not in error]
        assert others == []
        assert post.raw["canvasBlocks"] >= len(post.blocks())
        # What the editor would save is what the site keeps: nothing to "attempt recovery" on.
        raw = stored(wordpress, post_id)["content"]["raw"]
        assert wp.tokens(post.serialized) == wp.tokens(raw)
