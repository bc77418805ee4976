"""Reviews published to the real Ghost 5 (tests/ghost_server.py, its default theme Casper),
then read in headless Chromium as a reader gets them: each part once, every image loading, the
review's blocks visible and styled by the stylesheet in the post's code injection, axe-core
clean inside the post, and the JSON-LD passing our Review rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest

from reviewdesk.core import assets, bundle
from reviewdesk.core.layout import shown_blocks
from reviewdesk.core.publish.publish import publish
from reviewdesk.core.publish.sites import make
from tests.core.publish.published import blocks_bundle, body_images_bundle, edit_review
from tests.core.publish.wordpress_browser import browser, visible
from tests.e2e import jsonld_rules
from tests.ghost_server import GhostServer

pytestmark = pytest.mark.slow
LISTS = ("pros", "cons", "key_features", "key_insights")
BLOCK_SECTIONS = (
    "review-bottom-line", "review-scores", "review-specs", "review-where-to-buy", "review-updates"
)  # fmt: skip
CONTENT = ".gh-content"
TRANSPARENT = "rgba(0, 0, 0, 0)"
OK = (200, 304)
# Casper's scripts take jQuery from a CDN, which the offline test machine cannot reach: its
# plugins then fail on `$`. Not the post's doing: the post carries no script.
NO_JQUERY = re.compile(
    r"page error: (\$ is not defined|Cannot read properties of undefined \(reading 'fn'\))$"
)
STAFF = ("Mara Ellison", "Tomas Okafor")  # the sample's authors


def stem(url: str) -> str:
    return PurePosixPath(urlsplit(url).path).stem


@pytest.fixture(params=["source", "casper"])
def theme(ghost: GhostServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """Ghost's default theme (Source), then its former one (Casper), active for the test."""
    ghost.admin_api("PUT", f"/themes/{request.param}/activate/")
    try:
        yield request.param
    finally:
        ghost.admin_api("PUT", "/themes/source/activate/")


def test_the_public_page_shows_each_part_once_styled_and_passes_axe(
    ghost: GhostServer,
    theme: str,
    monkeypatch: pytest.MonkeyPatch,
    sample_bundle: Path,
    make_bundle: Callable[..., Path],
) -> None:
    ghost.reset()
    # Links in a post take the site's accent colour, the site owner's choice: Ghost's default,
    # #FF1A75, reads 3.6:1 on white, below WCAG's 4.5:1 whatever the post holds.
    ghost.set_settings(accent_color="#1a56b8")
    # The sample's authors are staff users: the theme prints the byline, the article does not.
    for name in STAFF:
        if not ghost.admin_api("GET", "/users/", params={"filter": f"name:'{name}'"})["users"]:
            ghost.add_staff("Author", name)
    monkeypatch.setenv("TEST_GHOST_KEY", ghost.admin_key)
    site = make("test", "ghost", ghost.url, ghost.admin_key[:24], secret_env="TEST_GHOST_KEY")
    # A caption is HTML to Ghost: sent escaped, it reads as written.
    hero = bundle.load(sample_bundle).hero
    assert hero is not None
    edit_review(sample_bundle, hero=hero.model_copy(update={"caption": "Drawn for us & <you>"}))
    pictures = body_images_bundle(make_bundle, sample_bundle)
    folders = [sample_bundle, pictures, blocks_bundle(sample_bundle)]
    results = [publish(folder, site, "publish") for folder in folders]
    assert [(r.action, r.status, r.differences) for r in results] == [
        ("created", "published", [])
    ] * 3
    pages = browser().pages([r.link for r in results], content=CONTENT)
    for folder, result, page in zip(folders, results, pages, strict=True):
        review = bundle.load(folder)
        post = ghost.admin_api("GET", f"/posts/{result.post_id}/")["posts"][0]
        assert [e for e in page.errors if not NO_JQUERY.search(e)] == [], page.errors
        for run in page.runs:
            where = f"{folder.name} in {theme} at {run['width']} px"
            # 304: read again at the next width, the page is Ghost's cached one.
            assert run["status"] in OK and run["contentFound"], where
            # Casper's title is the page's one <h1>; the article leaves its own out.
            assert run["h1"] == [review.title], where
            # The byline (with the dates) stays the article's unless Ghost lists the authors.
            staff = all(author.name in STAFF for author in review.authors)
            byline = [] if staff else [".review-byline"]
            assert [p for p in run["themePartsInContent"] if p != ".review-dates"] == byline
            broken = [i for i in run["images"] if i["status"] not in OK or i["naturalWidth"] <= 0]
            assert broken == [], where
            in_content = [i for i in run["images"] if i["inContent"]]
            assert len(in_content) == len(assets.body_images(review.body)), where
            if review.hero is not None:
                # Shown once, by the theme as the feature image, never in the article.
                feature = stem(post["feature_image"])
                shown = [i for i in run["images"] if stem(i["currentSrc"]).startswith(feature)]
                assert len(shown) == 1 and not shown[0]["inContent"], where
                assert shown[0]["alt"] == review.hero.alt, where
                assert review.hero.caption in run["text"], where
            for field in LISTS:
                (section,) = run["sections"][f"review-list--{field.replace('_', '-')}"]
                assert section["inContent"] and visible(section), (where, field)
                assert [item["text"] for item in section["items"]] == list(getattr(review, field))
                assert all(visible(item) for item in section["items"]), (where, field)
            # Styled by the post's own stylesheet: the boxes have their backgrounds.
            (pros,) = run["sections"]["review-list--pros"]
            (summary,) = run["sections"]["review-summary"]
            assert TRANSPARENT not in (pros["background"], summary["background"]), where
            assert " ".join(review.summary.split()) in " ".join(summary["text"].split())
            for name in BLOCK_SECTIONS:  # present with the blocks, and styled
                shown = run["sections"][name]
                assert len(shown) == (1 if shown_blocks(review) else 0), (where, name)
                assert all(s["inContent"] and visible(s) for s in shown), (where, name)
            if shown_blocks(review):
                (bottom_line,) = run["sections"]["review-bottom-line"]
                assert bottom_line["background"] != TRANSPARENT, where
            assert run["violations"] == [], (where, run["violations"])
            problems = jsonld_rules.check(
                run["jsonld"], run["text"], rated=review.overall_rating is not None
            )
            assert problems == [], jsonld_rules.format_problems(problems)
