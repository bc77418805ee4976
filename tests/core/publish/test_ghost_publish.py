"""Publishing to a real Ghost 5 (tests/ghost_server.py) with an Admin API key: created once,
updated in place, images uploaded once, an edit made in Ghost caught (before writing, and by
Ghost's own 409 when it comes while publishing), drafts, scheduling, dates in the site's time
zone, authors matched to staff users, email only when asked. No part of the server is
imitated."""

from __future__ import annotations

import secrets
import shutil
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.core import bundle
from reviewdesk.core.model import Author, Hero, Status
from reviewdesk.core.publish import state
from reviewdesk.core.publish.publish import ConflictError, PublishError, publish
from reviewdesk.core.publish.sites import Site, make
from tests.conftest import snapshot
from tests.core.publish.published import edit_review
from tests.ghost_server import GhostServer

pytestmark = pytest.mark.slow

WEBP_8X6 = bytes.fromhex(
    "5249464622000000574542505650384c160000002f074001000750a82217a5ff018020fc6f9b88e87f08"
)
"""A lossless WebP, 8 x 6 px, one colour."""


@pytest.fixture
def site(ghost: GhostServer, monkeypatch: pytest.MonkeyPatch) -> Site:
    """A clean site and its integration's Admin API key."""
    ghost.reset()
    monkeypatch.setenv("TEST_GHOST_KEY", ghost.admin_key)
    return make(
        "test", "ghost", ghost.url, ghost.admin_key.split(":")[0], secret_env="TEST_GHOST_KEY"
    )


def stored(ghost: GhostServer, post_id: object, include: str = "tags,authors") -> dict[str, Any]:
    found = ghost.admin_api(
        "GET", f"/posts/{post_id}/", params={"formats": "html", "include": include}
    )
    return dict(found["posts"][0])


def edit_in_ghost(ghost: GhostServer, post_id: object, **fields: Any) -> None:
    """A save in Ghost's editor: Ghost wants the post's own updated_at with it."""
    post = stored(ghost, post_id)
    body = {"posts": [{**fields, "updated_at": post["updated_at"]}]}
    ghost.admin_api("PUT", f"/posts/{post_id}/", json=body)


def after_the_second_of(stamp: str) -> None:
    """Wait for the clock to pass the second of `stamp` (an updated_at): Ghost keeps whole
    seconds, and a save within the same second as ours is no collision to it."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(seconds=1)
    while datetime.now(UTC) < moment:
        time.sleep(0.05)


def uploads(ghost: GhostServer) -> list[str]:
    images = ghost.content_dir / "images"
    return sorted(p.name for p in images.rglob("*.png") if "_o" not in p.stem)


def test_the_sample_is_published_once_and_again_in_place(
    ghost: GhostServer, site: Site, sample_bundle: Path
) -> None:
    first = publish(sample_bundle, site, "publish")
    assert (first.action, first.status) == ("created", "published")
    assert first.uploaded == ["assets/hero.png", "assets/chart.png"]
    assert first.differences == []
    post = stored(ghost, first.post_id)
    review = bundle.load(sample_bundle)
    assert post["title"] == review.title
    assert post["custom_excerpt"] == review.subtitle
    assert post["feature_image"].startswith(f"{ghost.url}/content/images/")
    assert post["feature_image_alt"] == review.hero.alt if review.hero else False
    # The category first (Ghost's primary tag), then the tags, each once.
    assert [tag["name"] for tag in post["tags"]] == list(
        dict.fromkeys([review.category, *review.tags])
    )
    # What the theme prints is left out of the article; the review's blocks are in it.
    article = post["html"]
    assert "<h1" not in article and review.title not in article
    assert "review-deck" not in article and "review-hero" not in article
    assert "review-summary" in article and "review-list--pros" in article
    assert 'src="assets/' not in article and f'src="{ghost.url}/content/images/' in article
    assert post["codeinjection_head"].startswith("<style>")
    assert '"@type": "Review"' in post["codeinjection_head"]
    recorded = state.read(sample_bundle).sites["test"]
    assert (recorded.post_id, recorded.updated_at) == (post["id"], post["updated_at"])
    files = uploads(ghost)

    again = publish(sample_bundle, site, "publish")
    assert (again.action, again.post_id, again.uploaded) == ("unchanged", post["id"], [])
    assert stored(ghost, post["id"])["updated_at"] == post["updated_at"]

    edit_review(sample_bundle, subtitle="A shorter deck.", tags=["Wrenfall"])
    changed = publish(sample_bundle, site)
    assert (changed.action, changed.post_id, changed.uploaded) == ("updated", post["id"], [])
    now = stored(ghost, post["id"])
    assert now["custom_excerpt"] == "A shorter deck."
    # Tags are sent whole: Ghost keeps exactly the review's.
    assert [tag["name"] for tag in now["tags"]] == ["Small Language Models", "Wrenfall"]
    assert uploads(ghost) == files  # no image uploaded twice
    assert (
        ghost.admin_api("GET", "/posts/", params={"filter": "status:[draft,published]"})["meta"][
            "pagination"
        ]["total"]
        == 1
    )


@pytest.mark.usefixtures("bare_machine")
def test_a_webp_image_is_uploaded_on_a_machine_without_media_types(
    ghost: GhostServer, site: Site, sample_bundle: Path
) -> None:
    """Python's own table has no WebP: sent as application/octet-stream, Ghost refused it."""
    (sample_bundle / "assets" / "cover.webp").write_bytes(WEBP_8X6)
    edit_review(sample_bundle, hero=Hero(image="assets/cover.webp", alt="A cover"))
    done = publish(sample_bundle, site, "publish")
    assert done.uploaded[0] == "assets/cover.webp", done
    post = stored(ghost, done.post_id)
    assert post["feature_image"].startswith(f"{ghost.url}/content/images/")
    assert post["feature_image"].endswith(".webp")
    assert any((ghost.content_dir / "images").rglob("*.webp"))


def test_an_edit_made_in_ghost_is_refused_then_overwritten_with_force(
    ghost: GhostServer, site: Site, sample_bundle: Path
) -> None:
    first = publish(sample_bundle, site, "publish")
    edit_in_ghost(ghost, first.post_id, title="Edited in Ghost")
    edit_review(sample_bundle, summary="A new summary.")
    before_files, edited = snapshot(sample_bundle), stored(ghost, first.post_id)

    with pytest.raises(ConflictError) as caught:
        publish(sample_bundle, site)
    assert "was edited on the site" in str(caught.value)
    review_title = bundle.load(sample_bundle).title
    assert f"title: site 'Edited in Ghost', review {review_title!r}" in caught.value.differences
    assert stored(ghost, first.post_id)["updated_at"] == edited["updated_at"]  # nothing written
    assert snapshot(sample_bundle) == before_files

    forced = publish(sample_bundle, site, force=True)
    assert forced.action == "updated"
    assert stored(ghost, first.post_id)["title"] == review_title


def test_an_edit_saved_while_publishing_gets_ghosts_own_collision(
    ghost: GhostServer, site: Site, sample_bundle: Path
) -> None:
    """The update sends the updated_at last recorded, never one read just before: a save in
    Ghost between our read and our write is refused by Ghost (409), nothing is lost."""
    first = publish(sample_bundle, site, "publish")
    edit_review(sample_bundle, summary="A new summary.")

    def progress(step: str) -> None:
        if step.startswith("Updating post"):
            after_the_second_of(state.read(sample_bundle).sites["test"].updated_at)
            edit_in_ghost(ghost, first.post_id, custom_excerpt="Saved in Ghost meanwhile")

    with pytest.raises(ConflictError, match="saved on the site while it was being published"):
        publish(sample_bundle, site, progress=progress)
    assert stored(ghost, first.post_id)["custom_excerpt"] == "Saved in Ghost meanwhile"


def test_drafts_stay_drafts_and_a_live_post_is_never_taken_down(
    ghost: GhostServer, site: Site, sample_bundle: Path
) -> None:
    assert bundle.load(sample_bundle).status == Status.READY
    draft = publish(sample_bundle, site)
    assert (draft.action, draft.status) == ("created", "draft")
    assert stored(ghost, draft.post_id)["status"] == "draft"
    publish(sample_bundle, site, "publish")
    edit_review(sample_bundle, status=Status.DRAFT, summary="Back to a draft.")
    kept = publish(sample_bundle, site)
    assert kept.status == "published"
    assert any("left published" in warning for warning in kept.warnings)
    assert stored(ghost, draft.post_id)["status"] == "published"
    down = publish(sample_bundle, site, "draft")
    assert stored(ghost, down.post_id)["status"] == "draft"


def test_a_future_date_is_scheduled_and_a_date_alone_is_that_day_in_the_sites_zone(
    ghost: GhostServer, site: Site, sample_bundle: Path, tmp_path: Path
) -> None:
    ghost.set_timezone("America/New_York")
    later = tmp_path / "later"
    shutil.copytree(sample_bundle, later)
    edit_review(later, status=Status.PUBLISHED, published=date(2031, 3, 18), slug="later")
    scheduled = publish(later, site)
    assert scheduled.status == "scheduled"
    post = stored(ghost, scheduled.post_id)
    assert (post["status"], post["published_at"]) == ("scheduled", "2031-03-18T04:00:00.000Z")

    edit_review(sample_bundle, status=Status.PUBLISHED, published=date(2026, 1, 5))
    dated = publish(sample_bundle, site)
    # Midnight in New York (UTC-5 in January): the site shows 5 January.
    assert stored(ghost, dated.post_id)["published_at"] == "2026-01-05T05:00:00.000Z"


def test_authors_who_are_staff_users_become_the_posts_authors(
    ghost: GhostServer, site: Site, sample_bundle: Path
) -> None:
    # Names of this test's own: staff users outlive a reset of the session's site.
    first, second = (f"{name} {secrets.token_hex(3)}" for name in ("Mara Ellison", "Tomas Okafor"))
    edit_review(sample_bundle, authors=[Author(name=first), Author(name=second)])
    mara = ghost.add_staff("Author", first.replace(" ", "  "))  # spacing aside
    lone = publish(sample_bundle, site, "draft")
    assert any(f"no staff user of test is named {second!r}" in w for w in lone.warnings)
    post = stored(ghost, lone.post_id)
    assert "review-byline" in post["html"]  # the article keeps the byline
    assert [author["id"] for author in post["authors"]] == [ghost.owner.user_id]

    tomas = ghost.add_staff("Author", second.lower())  # case aside
    both = publish(sample_bundle, site, "draft")
    post = stored(ghost, both.post_id)
    assert [author["id"] for author in post["authors"]] == [mara.user_id, tomas.user_id]
    assert "review-byline" not in post["html"]  # the theme prints the post's authors


def test_no_email_is_sent_unless_asked_and_then_once(
    ghost: GhostServer, site: Site, sample_bundle: Path, tmp_path: Path
) -> None:
    with pytest.raises(PublishError, match="a draft post is sent to no one"):
        publish(sample_bundle, site, "draft", email_segment="all")
    quiet = publish(sample_bundle, site, "publish")
    assert quiet.emailed == ""
    assert stored(ghost, quiet.post_id, "email")["email"] is None

    other = tmp_path / "other"
    shutil.copytree(sample_bundle, other)
    (other / "publish.yaml").unlink()
    edit_review(other, slug="sent-by-email")
    sent = publish(other, site, "publish", email_segment="status:free")
    assert (sent.action, sent.status, sent.emailed) == ("created", "published", "status:free")
    email = stored(ghost, sent.post_id, "email")["email"]
    assert email["recipient_filter"] == "status:free"

    edit_review(other, summary="Changed after sending.")
    again = publish(other, site, email_segment="status:free")
    assert again.emailed == ""
    assert any("already published" in warning for warning in again.warnings)
    assert stored(ghost, sent.post_id, "email")["email"]["id"] == email["id"]


def test_a_content_api_key_is_refused_with_what_to_give_instead(
    ghost: GhostServer, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_GHOST_KEY", ghost.content_key)
    wrong = make("wrong", "ghost", ghost.url, "0" * 24, secret_env="TEST_GHOST_KEY")
    before = snapshot(sample_bundle)
    with pytest.raises(PublishError, match="this is a Content API key, which can only read"):
        publish(sample_bundle, wrong, "publish")
    assert snapshot(sample_bundle) == before


def test_a_revoked_key_is_named_as_refused(
    ghost: GhostServer, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_id = ghost.admin_key.split(":")[0]
    monkeypatch.setenv("TEST_GHOST_KEY", f"{key_id}:{'0' * 64}")
    revoked = make("revoked", "ghost", ghost.url, key_id, secret_env="TEST_GHOST_KEY")
    with pytest.raises(PublishError, match="the site refused the Admin API key"):
        publish(sample_bundle, revoked, "publish")


def test_a_dry_run_writes_nothing(ghost: GhostServer, site: Site, sample_bundle: Path) -> None:
    before = snapshot(sample_bundle)
    dry = publish(sample_bundle, site, "publish", dry_run=True)
    assert (dry.action, dry.uploaded) == ("would create", ["assets/hero.png", "assets/chart.png"])
    assert snapshot(sample_bundle) == before
    assert uploads(ghost) == []
    assert ghost.admin_api("GET", "/posts/")["posts"] == []
