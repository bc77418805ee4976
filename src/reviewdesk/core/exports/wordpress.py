"""`--to wordpress`: the body of a WordPress REST API `POST /wp-json/wp/v2/posts` request.

Every key but the helper keys below is a writable property of `WP_REST_Posts_Controller`'s
schema for posts; `resources/schemas/wp-v2-post.schema.json` transcribes it, and the tests
validate every payload against it with the helper keys removed.

How the review maps:

- `title`, `slug`; `excerpt`: the deck (subtitle), whole - WordPress sets no limit.
- `content`: the published article (header, hero, summary, body, pros, cons, key features, key
  insights) in one Custom HTML block (`<!-- wp:html -->`), which the block editor keeps as
  written where it would otherwise parse the layout into a Classic block.
- `status`: published becomes `future` when the publication date is in the future, else
  `publish`; draft and ready stay `draft` (ready is finished, not public: exports/publication.py).
- `date_gmt`: the publication date in UTC as `YYYY-MM-DDTHH:MM:SS`, without an offset: WordPress
  reads `date_gmt` as UTC (a date without a time is 00:00 UTC). `date`, the site's local time,
  is left out: WordPress would prefer it over `date_gmt`. A published review without a date has
  the moment of the export (exports.export dates it).
- `meta`: the structured fields, under the keys of `META_TYPES` (prefixed, as post meta keys
  are shared with every plugin). WordPress stores only meta keys the site registered for the
  REST API and ignores the others, so a site registers each one, for example in PHP:
  `register_post_meta('post', 'reviewdesk_rating', ['type' => 'number', 'single' => true,
  'show_in_rest' => true]);` and, for the lists, `'type' => 'array'` with `'show_in_rest' =>
  ['schema' => ['items' => ['type' => 'string']]]`. Empty fields are left out.
  `reviewdesk_jsonld` holds the schema.org JSON-LD as JSON text, for the theme to print in a
  `<script type="application/ld+json">` in the page's head: post content may not carry scripts.
- `author` is left out: WordPress wants a user's numeric ID and uses the authenticated user
  instead. The names stay in the article's byline, `reviewdesk_authors` and the JSON-LD.

Helper keys (`HELPER_KEYS`), not part of WordPress's schema, for the program that posts the
payload; it removes them before sending:

- `terms`: `{"tags": [names], "categories": [names]}`. WordPress takes `tags` and
  `categories` as term IDs: look each name up (`GET /wp/v2/tags?search=NAME`, or create it with
  `POST /wp/v2/tags`) and send the IDs as `tags` and `categories`.
- `featured_media_path`: the hero image, relative to the bundle folder. Upload it with
  `POST /wp/v2/media` (with `featured_media_alt_text` as `alt_text` and
  `featured_media_caption` as `caption`) and send the new attachment's ID as `featured_media`.

Images in the content are absolute URLs under `asset_base_url` when it is given; without it
they stay relative and a warning says so.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

from reviewdesk.core.exports.base import ExportOptions, ExportResult
from reviewdesk.core.exports.cms import (
    article_html,
    hero_url,
    image_warnings,
    is_scheduled,
    json_result,
    utc,
)
from reviewdesk.core.exports.publication import goes_live
from reviewdesk.core.jsonld import review_jsonld
from reviewdesk.core.model import Review

__all__ = ["HELPER_KEYS", "META_TYPES", "export", "payload", "wp_time"]

HELPER_KEYS: Final = frozenset(
    {"terms", "featured_media_path", "featured_media_alt_text", "featured_media_caption"}
)
"""Keys outside WordPress's schema, for the caller to resolve and remove."""

META_TYPES: Final[dict[str, str]] = {
    "reviewdesk_rating": "number",
    "reviewdesk_rating_best": "number",
    "reviewdesk_rating_worst": "number",
    "reviewdesk_summary": "string",
    "reviewdesk_pros": "array",
    "reviewdesk_cons": "array",
    "reviewdesk_key_features": "array",
    "reviewdesk_key_insights": "array",
    "reviewdesk_badges": "array",
    "reviewdesk_authors": "array",
    "reviewdesk_subject_name": "string",
    "reviewdesk_subject_type": "string",
    "reviewdesk_subject_brand": "string",
    "reviewdesk_subject_url": "string",
    "reviewdesk_subject_version": "string",
    "reviewdesk_updated_gmt": "string",
    "reviewdesk_seo_title": "string",
    "reviewdesk_seo_description": "string",
    "reviewdesk_canonical_url": "string",
    "reviewdesk_jsonld": "string",
}
"""Post meta key -> its `register_post_meta` type (arrays hold strings)."""

HTML_BLOCK: Final = ("<!-- wp:html -->\n", "\n<!-- /wp:html -->")


def export(review: Review, folder: Path, options: ExportOptions, stem: str) -> ExportResult:
    return json_result(*payload(review, folder, options, now=datetime.now(UTC)))


def payload(
    review: Review, folder: Path, options: ExportOptions, *, now: datetime
) -> tuple[dict[str, Any], list[str]]:
    """The request body and the warnings; `now` decides between future and publish.
    `review` as exports.export passes it (publication.as_exported: dated when published)."""
    warnings = image_warnings(review, folder, options)
    post: dict[str, Any] = {
        "title": review.title,
        "slug": review.effective_slug,
        "status": _status(review, now),
    }
    if review.published is not None:
        post["date_gmt"] = wp_time(review.published)
    if review.subtitle:
        post["excerpt"] = review.subtitle
    post["content"] = HTML_BLOCK[0] + article_html(review, options).strip() + HTML_BLOCK[1]
    post["meta"] = _meta(review, options)
    post["terms"] = {"tags": list(review.tags), "categories": _categories(review)}
    if review.hero is not None:
        post["featured_media_path"] = review.hero.image
        if review.hero.alt:
            post["featured_media_alt_text"] = review.hero.alt
        if review.hero.caption:
            post["featured_media_caption"] = review.hero.caption
    return post, warnings


def wp_time(when: date) -> str:
    """2026-03-18T08:05:00: UTC without an offset, as WordPress takes `date_gmt`."""
    # Not strftime: its %Y writes the year 1 as "1", not "0001".
    return utc(when).replace(tzinfo=None).isoformat(timespec="seconds")


def _status(review: Review, now: datetime) -> str:
    if not goes_live(review):
        return "draft"
    return "future" if is_scheduled(review, now) else "publish"


def _categories(review: Review) -> list[str]:
    category = review.category.strip()
    return [category] if category else []


def _meta(review: Review, options: ExportOptions) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "reviewdesk_summary": review.summary,
        "reviewdesk_pros": list(review.pros),
        "reviewdesk_cons": list(review.cons),
        "reviewdesk_key_features": list(review.key_features),
        "reviewdesk_key_insights": list(review.key_insights),
        "reviewdesk_badges": list(review.badges),
        "reviewdesk_authors": [author.name for author in review.authors],
        "reviewdesk_updated_gmt": wp_time(review.updated) if review.updated else "",
    }
    if review.rating is not None:
        meta |= {
            "reviewdesk_rating": review.rating.value,
            "reviewdesk_rating_best": review.rating.best,
            "reviewdesk_rating_worst": review.rating.worst,
        }
    if review.subject is not None:
        subject = review.subject
        meta |= {
            "reviewdesk_subject_name": subject.name,
            "reviewdesk_subject_type": subject.type,
            "reviewdesk_subject_brand": subject.brand,
            "reviewdesk_subject_url": subject.url or "",
            "reviewdesk_subject_version": subject.version,
        }
    if review.seo is not None:
        meta |= {
            "reviewdesk_seo_title": review.seo.title,
            "reviewdesk_seo_description": review.seo.description,
            "reviewdesk_canonical_url": review.seo.canonical_url or "",
        }
    meta["reviewdesk_jsonld"] = json.dumps(
        _jsonld(review, options), ensure_ascii=False, allow_nan=False
    )
    return {key: value for key, value in meta.items() if value not in ("", [])}


def _jsonld(review: Review, options: ExportOptions) -> dict[str, Any]:
    # Search engines need an absolute image URL: without a base URL the hero is left out.
    image = hero_url(review, options) if options.asset_base_url else None
    canonical = review.seo.canonical_url if review.seo else None
    return review_jsonld(review, page_url=canonical, image_url=image)
