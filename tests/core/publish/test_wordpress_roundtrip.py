"""What the real WordPress (tests/wordpress_server.py, with ReviewDesk's plugin) keeps of a
random review is what ReviewDesk sent, key by key: title, excerpt, content (raw), status,
date, terms by name and every meta key, for the administrator and for an author (whose text
WordPress filters: a role without unfiltered_html)."""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from reviewdesk.core import bundle
from reviewdesk.core.model import Review, Status
from reviewdesk.core.publish import post, state
from reviewdesk.core.publish.blocks import post_content
from reviewdesk.core.publish.publish import PublishResult, publish
from reviewdesk.core.publish.wordpress import WordPress
from reviewdesk.core.resources import resource
from tests.core.publish.published import ROLES, plugin_active, site_for, stored
from tests.strategies import reviews
from tests.wordpress_server import WordPressServer, php_string

pytestmark = pytest.mark.slow
DECIMAL_REFERENCE = re.compile(r"&#([0-9]{1,7});")
SPACES = re.compile(r"[ \t\r\n]+")
SCHEDULED_AHEAD = timedelta(minutes=1)  # WordPress schedules what is at least this far ahead
HOSTILE = Review(
    title='Q&A: <b>bold</b> & "quoted" -- [gallery] 5 < 6',
    subtitle="A deck & <i>markup</i>\nover two lines",
    status=Status.PUBLISHED,
    published=date(2026, 3, 18),
    category="Tests & <Trials>",
    tags=["AT&T", "a  b", "c <d>", "e %41f", "Ünïcödé"],
    pros=["<script>alert(1)</script>", "Tom & Jerry"],
    cons=["-->"],
    summary="Line & <one>",
    body="Text & <b>bold</b>.",
)


@pytest.fixture(scope="module")
def plugin(wordpress: WordPressServer) -> Iterator[None]:
    wordpress.reset()
    with plugin_active(wordpress):
        yield
    wordpress.reset()


def as_kept(content: str, role: str) -> str:
    """`content` as WordPress keeps it: for a role without unfiltered_html, its HTML filter
    (kses) writes a decimal character reference with at least three digits (`&#34;` is kept
    as `&#034;`), the same character; it changes nothing else of what ReviewDesk writes."""
    if role == "administrator":
        return content
    return DECIMAL_REFERENCE.sub(lambda found: f"&#{int(found[1]):03d};", content)


def term_keys(names: list[str]) -> list[str]:
    return sorted(SPACES.sub(" ", name).casefold() for name in names)


def kept_meta(wordpress: WordPressServer, post_id: int | str, keys: list[str]) -> dict[str, Any]:
    """Each key's values as WordPress stores them (get_post_meta), None for no value."""
    names = "[" + ", ".join(map(php_string, keys)) + "]"
    found = wordpress.php(
        f"$out = []; foreach ({names} as $key) {{"
        f" $out[$key] = metadata_exists('post', {post_id}, $key)"
        f" ? get_post_meta({post_id}, $key, false) : null; }}"
        " echo wp_json_encode($out);"
    )
    return dict(json.loads(found))


def expected_status(review: Review, sent: dict[str, Any]) -> str:
    """WordPress schedules a post it is asked to publish at a time a minute or more ahead."""
    status = post.wanted_status(review)
    when = sent.get("date_gmt") or sent.get("date")
    ahead = when is not None and datetime.fromisoformat(when).replace(tzinfo=UTC) >= (
        datetime.now(UTC) + SCHEDULED_AHEAD
    )
    return "future" if status == "publish" and ahead else status


def with_hero_file(review: Review, folder: Path) -> None:
    if review.hero is not None:
        target = folder / review.hero.image
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(resource("sample", "assets", "hero.png"), target)


def sent_fields(review: Review, folder: Path, result: PublishResult) -> dict[str, Any]:
    """What publishing sent, made again by the functions it sends with."""
    media = state.read(folder).sites["test"].media.values()
    uploads = {image.file: image for image in media}
    hero = uploads.get(review.hero.image) if review.hero is not None else None
    content = post_content(review, uploads).markup
    meta = post.meta_fields(review, page_url=None, image_url=hero.url if hero else None)
    return post.post_fields(
        review,
        content=content,
        status=result.status,
        featured_media=hero.id if hero else 0,
        tags=[],
        categories=[],
        meta=meta,
    )


def same_meta(kept: list[Any] | None, sent: Any) -> bool:
    if sent is None:  # sent null: deleted
        return kept is None
    if kept is None or len(kept) != 1:  # one value per key
        return False
    if isinstance(sent, float):
        return float(kept[0]) == sent
    return bool(kept[0] == sent)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    # Shrinking against a live site takes minutes: a failure is reported as generated.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(review=reviews, role=st.sampled_from(ROLES))
@example(review=HOSTILE, role="author")
@example(review=HOSTILE, role="administrator")
def test_wordpress_keeps_what_was_sent_key_by_key(
    wordpress: WordPressServer, plugin: None, review: Review, role: str
) -> None:
    with tempfile.TemporaryDirectory() as temporary, pytest.MonkeyPatch.context() as patch:
        folder = Path(temporary) / "review"
        bundle.save(review, folder)
        with_hero_file(review, folder)
        review = bundle.load(folder)
        category = review.category.strip()
        if category and role == "author":
            # Authors may not create categories: an administrator made it beforehand.
            admin = wordpress.admin
            with WordPress(wordpress.url, admin.login, admin.app_password) as client:
                if not client.find_terms("categories", [category]):
                    client.create_term("categories", category)
        site = site_for(wordpress, role, patch)
        result = publish(folder, site)
        assert result.action == "created"
        kept = stored(wordpress, result.post_id or 0)
        sent = sent_fields(review, folder, result)

        assert kept["title"]["raw"] == sent["title"]
        assert html.unescape(sent["title"]) == review.title
        assert kept["excerpt"]["raw"] == sent["excerpt"]
        assert kept["content"]["raw"] == as_kept(sent["content"], role)
        assert kept["featured_media"] == sent["featured_media"]
        assert kept["status"] == expected_status(review, sent)
        if "date" in sent:  # a date: the site's local time (the site is on UTC)
            assert kept["date"] == sent["date"]
        if "date_gmt" in sent:  # a moment
            assert kept["date_gmt"] == sent["date_gmt"]
        # Terms by name: a name matches an existing term whatever its case (an earlier example
        # may have made 'ai' for this one's 'AI'), and WordPress makes a run of spaces in a
        # name one space, as ReviewDesk's own lookup does.
        assert term_keys(wordpress.term_names("tags", kept["tags"])) == term_keys(review.tags)
        categories = wordpress.term_names("categories", kept["categories"])
        assert term_keys(categories) == term_keys([category] if category else [])
        meta = kept_meta(wordpress, result.post_id or 0, list(sent["meta"]))
        different = {
            key: (meta[key], value)
            for key, value in sent["meta"].items()
            if not same_meta(meta[key], value)
        }
        assert different == {}
        assert result.differences == []
        # The site keeps what was sent, so publishing again sends nothing and finds every term.
        again = publish(folder, site)
        assert (again.action, again.post_id, again.created_terms) == ("unchanged", kept["id"], [])
