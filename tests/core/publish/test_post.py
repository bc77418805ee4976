"""The fields sent for a review: every field even when empty, dates as WordPress reads them."""

from datetime import date, datetime, timedelta, timezone

from reviewdesk.core.exports.wordpress import META_TYPES
from reviewdesk.core.model import Review, Status
from reviewdesk.core.publish import post


def test_a_date_only_review_is_sent_as_the_sites_local_date() -> None:
    review = Review(title="T", published=date(2026, 3, 18))
    assert post.date_fields(review) == {"date": "2026-03-18T00:00:00"}


def test_a_date_time_is_sent_as_utc() -> None:
    when = datetime(2026, 3, 18, 9, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert post.date_fields(Review(title="T", published=when)) == {
        "date_gmt": "2026-03-18T14:30:00"
    }


def test_no_date_sends_none_so_the_site_keeps_its_own() -> None:
    assert post.date_fields(Review(title="T")) == {}


def test_only_a_published_review_asks_to_be_public() -> None:
    assert post.wanted_status(Review(title="T", status=Status.PUBLISHED)) == "publish"
    assert post.wanted_status(Review(title="T", status=Status.READY)) == "draft"
    assert post.wanted_status(Review(title="T")) == "draft"


def test_every_meta_key_is_sent_even_empty(full_review: Review) -> None:
    empty = post.meta_fields(Review(title="T"), page_url=None, image_url=None)
    assert set(empty) == set(META_TYPES)
    assert empty["reviewdesk_rating"] is None
    assert empty["reviewdesk_pros"] == []
    assert empty["reviewdesk_summary"] == ""
    full = post.meta_fields(full_review, page_url="https://example.org/p/", image_url=None)
    assert set(full) == set(META_TYPES)
    assert full["reviewdesk_pros"] == list(full_review.pros)


def test_cleared_fields_are_sent_empty(full_review: Review) -> None:
    cleared = full_review.model_copy(update={"subtitle": "", "hero": None, "tags": []})
    fields = post.post_fields(
        cleared, content="", status="draft", featured_media=0, tags=[], categories=[], meta={}
    )
    assert (fields["excerpt"], fields["featured_media"], fields["tags"]) == ("", 0, [])


def test_the_hash_follows_what_is_sent() -> None:
    first = post.fields_hash({"title": "A", "tags": [1, 2]})
    assert first == post.fields_hash({"tags": [1, 2], "title": "A"})
    assert first != post.fields_hash({"title": "B", "tags": [1, 2]})
