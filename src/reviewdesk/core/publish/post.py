"""The fields of a WordPress post for a review, every one sent even when empty: a field
cleared in the review is cleared on the site (left out, WordPress would keep the old value)."""

from __future__ import annotations

import hashlib
import html
import json
from datetime import date, datetime
from typing import Any

from reviewdesk.core.exports.cms import utc
from reviewdesk.core.exports.publication import goes_live
from reviewdesk.core.jsonld import review_jsonld
from reviewdesk.core.model import Review

STATUSES = ("draft", "publish", "future")


def wanted_status(review: Review) -> str:
    """The status the review asks for: publish (WordPress itself schedules a future date)
    or draft (a draft or a review that is ready, not yet public)."""
    return "publish" if goes_live(review) else "draft"


def date_fields(review: Review) -> dict[str, str]:
    """A date-only review on its calendar day in the site's time zone: `date` is the site's
    local time (WordPress works out the UTC moment itself). A date-time is a moment: `date_gmt`.
    No date: none sent, so WordPress dates a new post now and keeps an existing post's date."""
    published = review.published
    if published is None:
        return {}
    if not isinstance(published, datetime):
        return {"date": _wp_time(datetime(published.year, published.month, published.day))}
    return {"date_gmt": _wp_time(utc(published).replace(tzinfo=None))}


def _wp_time(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def as_html(text: str) -> str:
    """Plain text as WordPress keeps a title or an excerpt: as HTML, as its editor writes them.
    Sent as it is, a `<b>` in it would be markup on the page, and `&` or `<` would be rewritten
    by a role's HTML filter."""
    return html.escape(text, quote=False)


def meta_fields(review: Review, *, page_url: str | None, image_url: str | None) -> dict[str, Any]:
    """ReviewDesk's post meta, every key (null, "" or [] when empty, so that WordPress deletes
    what a field no longer holds). A site without the ReviewDesk plugin ignores them all."""
    rating, subject, seo = review.rating, review.subject, review.seo
    values: dict[str, Any] = {
        "reviewdesk_rating": rating.value if rating else None,
        "reviewdesk_rating_best": rating.best if rating else None,
        "reviewdesk_rating_worst": rating.worst if rating else None,
        "reviewdesk_summary": review.summary,
        "reviewdesk_pros": list(review.pros),
        "reviewdesk_cons": list(review.cons),
        "reviewdesk_key_features": list(review.key_features),
        "reviewdesk_key_insights": list(review.key_insights),
        "reviewdesk_badges": list(review.badges),
        "reviewdesk_authors": [author.name for author in review.authors],
        "reviewdesk_subject_name": subject.name if subject else "",
        "reviewdesk_subject_type": subject.type if subject else "",
        "reviewdesk_subject_brand": subject.brand if subject else "",
        "reviewdesk_subject_url": str(subject.url or "") if subject else "",
        "reviewdesk_subject_version": subject.version if subject else "",
        "reviewdesk_updated_gmt": _moment(review.updated),
        "reviewdesk_seo_title": seo.title if seo else "",
        "reviewdesk_seo_description": seo.description if seo else "",
        "reviewdesk_canonical_url": str(seo.canonical_url or "") if seo else "",
    }
    canonical = str(seo.canonical_url) if seo and seo.canonical_url else None
    # Typographic as the article shows the pros and cons (blocks.py); the meta above stay as
    # typed, the review's own data.
    jsonld = review_jsonld(
        review, page_url=canonical or page_url, image_url=image_url, typeset=True
    )
    values["reviewdesk_jsonld"] = json.dumps(jsonld, ensure_ascii=False, allow_nan=False)
    return values


def _moment(when: date | None) -> str:
    return _wp_time(utc(when).replace(tzinfo=None)) if when is not None else ""


def post_fields(
    review: Review,
    *,
    content: str,
    status: str,
    featured_media: int,
    tags: list[int],
    categories: list[int],
    meta: dict[str, Any],
) -> dict[str, Any]:
    """The request body of a create or an update."""
    return {
        "title": as_html(review.title),
        "slug": review.effective_slug,
        "status": status,
        "excerpt": as_html(review.subtitle),
        "content": content,
        "featured_media": featured_media,  # 0 removes it
        "tags": tags,
        "categories": categories,
        "meta": meta,
        **date_fields(review),
    }


def fields_hash(fields: dict[str, Any]) -> str:
    """A hash of what is sent: the same review and images send the same bytes."""
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, allow_nan=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


KEPT_FIELDS = ("title", "excerpt", "content", "status", "featured_media", "tags", "categories")


def kept_hash(stored: dict[str, Any]) -> str:
    """A hash of the post as the site keeps it (raw fields, as the editor sees them). A
    scheduled post that went live counts as kept: WordPress's cron publishes it at its time,
    changing its status and nothing else, not even its modification time."""
    kept = {}
    for name in KEPT_FIELDS:
        value = stored.get(name)
        kept[name] = value.get("raw", value.get("rendered")) if isinstance(value, dict) else value
    if kept["status"] == "future":
        kept["status"] = "publish"
    return fields_hash(kept)
