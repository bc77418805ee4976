"""Publishing to a real WordPress 6.1 (tests/wordpress_server.py), as the administrator and as
an author: created once, updated in place, images uploaded once, fields cleared on the site,
edits on the site caught, drafts, dates in the site's time zone. No part of the server is
imitated."""

from __future__ import annotations

import html
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from reviewdesk.core import bundle
from reviewdesk.core.model import Status
from reviewdesk.core.publish import state
from reviewdesk.core.publish.publish import ConflictError, publish
from reviewdesk.core.publish.sites import Site, make
from tests.conftest import snapshot
from tests.wordpress_server import WordPressAccount, WordPressServer

pytestmark = pytest.mark.slow
ROLES = ["administrator", "author"]


@pytest.fixture
def site(
    wordpress: WordPressServer, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Site:
    """A clean site and the account of the role the test is parametrized with."""
    wordpress.reset()
    account = _account(wordpress, request.param)
    monkeypatch.setenv("TEST_WP_SECRET", account.app_password)
    return make("test", "wordpress", wordpress.url, account.login, secret_env="TEST_WP_SECRET")


def _account(wordpress: WordPressServer, role: str) -> WordPressAccount:
    return wordpress.admin if role == "administrator" else wordpress.author


def remote(wordpress: WordPressServer, post_id: int | str) -> dict[str, Any]:
    return dict(wordpress.rest("GET", f"/wp/v2/posts/{post_id}", params={"context": "edit"}))


def media_count(wordpress: WordPressServer) -> int:
    return int(
        wordpress.php(
            "echo count(get_posts(['post_type' => 'attachment', 'numberposts' => -1,"
            " 'post_status' => 'any']));"
        )
    )


def edit_review(folder: Path, **changes: Any) -> None:
    review = bundle.load(folder)
    bundle.save(review.model_copy(update=changes), folder)


@pytest.mark.parametrize("site", ROLES, indirect=True)
def test_the_sample_is_published_once_and_again_in_place(
    wordpress: WordPressServer, site: Site, sample_bundle: Path
) -> None:
    if site.user == wordpress.author.login:
        wordpress.rest("POST", "/wp/v2/categories", json={"name": "Small Language Models"})
    first = publish(sample_bundle, site, "publish")
    assert (first.action, first.status) == ("created", "publish")
    assert first.uploaded == ["assets/hero.png", "assets/chart.png"]
    post = remote(wordpress, first.post_id or 0)
    assert post["title"]["raw"] == bundle.load(sample_bundle).title
    assert post["excerpt"]["raw"].startswith("Halden Bay Labs' compact multimodal model")
    assert post["featured_media"] > 0
    hero = wordpress.rest(
        "GET", f"/wp/v2/media/{post['featured_media']}", params={"context": "edit"}
    )
    assert hero["alt_text"].startswith("Abstract illustration on a deep blue")
    assert wordpress.term_names("tags", post["tags"]) == sorted(
        ["Halden Bay Labs", "Wrenfall", "Small Language Models", "On-Device AI", "Open Weights"]
    )
    assert wordpress.term_names("categories", post["categories"]) == ["Small Language Models"]
    assert post["date"].startswith("2026-03-18")
    # Read back: title, excerpt, featured image, terms and every pro and con on the public
    # page as sent; only the plugin's part is missing on a site without it.
    assert first.differences == [
        "the site keeps none of ReviewDesk's fields (post meta) and prints no JSON-LD: "
        "install and activate the ReviewDesk plugin"
    ]
    recorded = state.read(sample_bundle).sites["test"]
    assert (recorded.post_id, recorded.link) == (first.post_id, first.link)
    assert {image.file for image in recorded.media.values()} == {
        "assets/hero.png",
        "assets/chart.png",
    }
    assert media_count(wordpress) == 2

    again = publish(sample_bundle, site, "publish")
    assert (again.action, again.post_id, again.uploaded) == ("unchanged", first.post_id, [])
    edit_review(sample_bundle, summary="A new summary.")
    third = publish(sample_bundle, site, "publish")
    assert (third.action, third.post_id, third.uploaded) == ("updated", first.post_id, [])
    assert media_count(wordpress) == 2
    hero_before = bundle.load(sample_bundle).hero
    assert hero_before is not None
    edit_review(sample_bundle, hero=hero_before.model_copy(update={"alt": "A new alt text"}))
    fourth = publish(sample_bundle, site, "publish")
    # The theme shows the hero as the featured image: the post is the same, the image's text not.
    assert (fourth.action, fourth.uploaded, fourth.retexted) == (
        "unchanged",
        [],
        ["assets/hero.png"],
    )
    hero = wordpress.rest(
        "GET", f"/wp/v2/media/{post['featured_media']}", params={"context": "edit"}
    )
    assert hero["alt_text"] == "A new alt text"
    assert media_count(wordpress) == 2
    assert int(wordpress.php("echo wp_count_posts()->publish;")) == 1


@pytest.mark.parametrize("site", ROLES, indirect=True)
def test_body_images_are_uploaded_once_by_content(
    wordpress: WordPressServer, site: Site, make_bundle: Any, sample_bundle: Path
) -> None:
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: Pictures\nstatus: published\npros: [Sharp, Light]\n"
        "cons: [Loud]\n",
        "![The chart](assets/chart.png)\n\nText.\n\n![Same bytes](assets/copy.png)\n",
    )
    (folder / "assets").mkdir()
    shutil.copy(sample_bundle / "assets" / "chart.png", folder / "assets" / "chart.png")
    shutil.copy(sample_bundle / "assets" / "chart.png", folder / "assets" / "copy.png")
    result = publish(folder, site)
    assert result.uploaded == ["assets/chart.png"]
    assert media_count(wordpress) == 1  # the same bytes are one image in the library
    post = remote(wordpress, result.post_id or 0)
    (image,) = state.read(folder).sites["test"].media.values()
    assert post["content"]["raw"].count(image.url) == 2
    assert post["featured_media"] == 0
    assert not [d for d in result.differences if "Sharp" in d or "Loud" in d]


@pytest.mark.parametrize("site", ROLES, indirect=True)
def test_a_changed_field_and_a_cleared_one_are_both_reflected(
    wordpress: WordPressServer, site: Site, sample_bundle: Path
) -> None:
    edit_review(sample_bundle, category="")
    first = publish(sample_bundle, site, "publish")
    edit_review(sample_bundle, title="A New Title", subtitle="", hero=None, tags=["Wrenfall"])
    second = publish(sample_bundle, site)
    assert (second.action, second.post_id) == ("updated", first.post_id)
    post = remote(wordpress, first.post_id or 0)
    assert post["title"]["raw"] == "A New Title"
    assert post["excerpt"]["raw"] == ""
    assert post["featured_media"] == 0
    assert wordpress.term_names("tags", post["tags"]) == ["Wrenfall"]
    assert post["status"] == "publish"  # the review is "ready": a live post stays live
    assert any("left publish" in warning for warning in second.warnings)


@pytest.mark.parametrize("site", ROLES, indirect=True)
def test_an_edit_on_the_site_is_caught_and_force_overwrites_it(
    wordpress: WordPressServer, site: Site, sample_bundle: Path
) -> None:
    edit_review(sample_bundle, category="")
    first = publish(sample_bundle, site, "publish")
    post_id = first.post_id or 0
    wordpress.rest("POST", f"/wp/v2/posts/{post_id}", json={"title": "Edited on the web"})
    edit_review(sample_bundle, summary="Changed in the app.")
    before = snapshot(sample_bundle)
    with pytest.raises(ConflictError) as caught:
        publish(sample_bundle, site, "publish")
    assert "nothing was written (--force overwrites it)" in str(caught.value)
    assert any(
        line.startswith("title: site 'Edited on the web'") for line in caught.value.differences
    )
    assert snapshot(sample_bundle) == before
    assert remote(wordpress, post_id)["title"]["raw"] == "Edited on the web"
    forced = publish(sample_bundle, site, "publish", force=True)
    assert (forced.action, forced.post_id) == ("updated", post_id)
    assert remote(wordpress, post_id)["title"]["raw"] == bundle.load(sample_bundle).title
    assert publish(sample_bundle, site, "publish").action == "unchanged"


@pytest.mark.parametrize("site", ROLES, indirect=True)
def test_a_draft_stays_a_draft_and_a_dry_run_writes_nothing(
    wordpress: WordPressServer, site: Site, sample_bundle: Path
) -> None:
    edit_review(sample_bundle, status=Status.DRAFT, category="")
    before = snapshot(sample_bundle)
    dry = publish(sample_bundle, site, dry_run=True)
    assert (dry.action, dry.status, dry.dry_run) == ("would create", "draft", True)
    assert dry.uploaded == ["assets/hero.png", "assets/chart.png"]
    assert "tag 'Wrenfall'" in dry.created_terms
    assert snapshot(sample_bundle) == before
    assert media_count(wordpress) == 0
    assert wordpress.php("echo count(get_tags(['hide_empty' => false]));") == "0"
    result = publish(sample_bundle, site)
    assert (result.action, result.status) == ("created", "draft")
    assert remote(wordpress, result.post_id or 0)["status"] == "draft"


@pytest.mark.parametrize("site", ROLES, indirect=True)
def test_a_date_only_review_is_on_its_day_in_the_sites_time_zone(
    wordpress: WordPressServer, site: Site, sample_bundle: Path
) -> None:
    wordpress.set_option("timezone_string", "America/New_York")
    edit_review(sample_bundle, status=Status.PUBLISHED, category="")
    result = publish(sample_bundle, site)
    post = remote(wordpress, result.post_id or 0)
    assert (post["status"], post["date"], post["date_gmt"]) == (
        "publish",
        "2026-03-18T00:00:00",
        "2026-03-18T04:00:00",
    )
    page = httpx.get(result.link, timeout=30).text
    assert "March 18, 2026" in page


@pytest.mark.parametrize("site", ROLES, indirect=True)
def test_terms_match_whole_names_and_a_missing_category_is_named(
    wordpress: WordPressServer, site: Site, sample_bundle: Path
) -> None:
    proprietary = wordpress.rest("POST", "/wp/v2/tags", json={"name": "Proprietary AI"})
    edit_review(sample_bundle, tags=["AI", "Q&A"], category="Reviews & Tests")
    result = publish(sample_bundle, site, "publish")
    post = remote(wordpress, result.post_id or 0)
    assert proprietary["id"] not in post["tags"]
    assert wordpress.term_names("tags", post["tags"]) == ["AI", "Q&A"]
    if site.user == wordpress.author.login:
        assert any("category 'Reviews & Tests' does not exist" in w for w in result.warnings)
    else:
        assert "category 'Reviews & Tests'" in result.created_terms
    edit_review(sample_bundle, tags=["ai", "Q&A"])
    again = publish(sample_bundle, site, "publish")
    assert (again.action, again.created_terms) == ("unchanged", [])  # "ai" is the tag AI
    assert wordpress.php("echo count(get_tags(['hide_empty' => false]));") == "3"


@pytest.mark.parametrize("site", ROLES, indirect=True)
def test_a_scheduled_review_is_scheduled_at_its_time(
    wordpress: WordPressServer, site: Site, sample_bundle: Path
) -> None:
    # WordPress schedules only what is a minute or more ahead; a sooner date is published now.
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    edit_review(sample_bundle, status=Status.PUBLISHED, published=later, category="")
    result = publish(sample_bundle, site)
    assert result.status == "future"
    post_id = result.post_id or 0
    post = remote(wordpress, post_id)
    assert (post["status"], post["date_gmt"]) == ("future", later.replace(tzinfo=None).isoformat())
    due = wordpress.php(f"echo wp_next_scheduled('publish_future_post', [{post_id}]);")
    assert int(due) == int(later.timestamp())


@pytest.mark.parametrize("site", ROLES, indirect=True)
def test_what_the_site_drops_is_reported(
    wordpress: WordPressServer, site: Site, make_bundle: Any, must_use_plugin: Path
) -> None:
    # A plugin of the site that rewrites posts as they are saved.
    must_use_plugin.write_text(
        "<?php add_filter('content_save_pre', function ($c) {"
        " return str_replace('Loud', '', $c); });\n"
    )
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: Dropped\nstatus: published\npros: [Sharp, Light]\n"
        "cons: [Loud]\n"
    )
    result = publish(folder, site)
    assert result.action == "created"
    assert "the public page does not show 'Loud'" in result.differences
    assert any(
        line.startswith("content: the site changed it (review: Loud") for line in result.differences
    )


@pytest.mark.parametrize("site", ROLES, indirect=True)
def test_an_images_caption_is_its_text_on_the_site(
    site: Site, wordpress: WordPressServer, sample_bundle: Path
) -> None:
    """WordPress keeps a caption as HTML: sent as written, `<b>` was markup and an author's
    site rewrote `&` and `<`, which then read as a changed caption at every publish."""
    review = bundle.load(sample_bundle)
    assert review.hero is not None
    caption = "Latency, <b>not</b> throughput & 4 < 5"
    edit_review(sample_bundle, hero=review.hero.model_copy(update={"caption": caption}))
    first = publish(sample_bundle, site, "draft")
    assert first.post_id is not None
    featured = remote(wordpress, first.post_id)["featured_media"]
    media = wordpress.rest("GET", f"/wp/v2/media/{featured}", params={"context": "edit"})
    assert html.unescape(media["caption"]["raw"]) == caption
    assert "<b>" not in media["caption"]["rendered"]
    again = publish(sample_bundle, site, "draft")
    assert (again.action, again.retexted, again.uploaded) == ("unchanged", [], [])
