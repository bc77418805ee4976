"""`--to wordpress`: the body of a WordPress REST API `POST /wp-json/wp/v2/posts` request.

Every key but the helper keys below is a writable property of `WP_REST_Posts_Controller`'s
schema for posts; `resources/schemas/wp-v2-post.schema.json` transcribes it, and the tests
validate every payload against it with the helper keys removed.

How the review maps:

- `title`, `slug`; `excerpt`: the deck (subtitle), whole - WordPress sets no limit. Both are
  HTML to WordPress: `&`, `<` and `>` are sent escaped.
- `content`: the published article (header, hero, summary, body, pros, cons, key features, key
  insights) in one Custom HTML block (`<!-- wp:html -->`), which the block editor keeps as
  written where it would otherwise parse the layout into a Classic block.
- `status`: published becomes `future` when the publication date is in the future, else
  `publish`; draft and ready stay `draft` (ready is finished, not public: exports/publication.py).
- The date, as publishing sends it (core/publish/post.py `date_fields`): a date-time as
  `date_gmt`, UTC without an offset; a date alone as `date`, that calendar day in the site's
  time zone (as `date_gmt` it would be midnight UTC, the day before west of UTC). A published
  review without a date has the moment of the export (exports.export dates it).
- `meta`: the structured fields, under the keys of `META_TYPES` (prefixed, as post meta keys
  are shared with every plugin), every key, empty ones as null, "" or [] so that an update
  clears on the site what the review no longer holds (publish/post.py `meta_fields`).
  WordPress stores only meta keys the site registered for the REST API: the companion plugin,
  `resources/wordpress/reviewdesk/`, registers them with their types. `reviewdesk_jsonld`
  holds the schema.org JSON-LD as JSON text, which the plugin prints in the page's head: post
  content may not carry scripts.
- `author` is left out: WordPress wants a user's numeric ID and uses the authenticated user
  instead. The names stay in the article's byline, `reviewdesk_authors` and the JSON-LD.

Helper keys (`HELPER_KEYS`), not part of WordPress's schema, for the program that posts the
payload; it removes them before sending:

- `terms`: `{"tags": [names], "categories": [names]}`. WordPress takes `tags` and
  `categories` as term IDs: find each by its exact name (`GET /wp/v2/tags?search=NAME` also
  finds names that only contain it: `AI` finds "Proprietary AI"), or create it with
  `POST /wp/v2/tags`, and send the IDs as `tags` and `categories`.
- `featured_media_path`: the hero image, relative to the bundle folder. Upload it with
  `POST /wp/v2/media` (with `featured_media_alt_text` as `alt_text` and
  `featured_media_caption`, HTML like the title, as `caption`) and send the new attachment's
  ID as `featured_media`.

`reviewdesk publish` does all of this (core/publish/).

Images in the content are absolute URLs under `asset_base_url` when it is given; without it
they stay relative and a warning says so.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from reviewdesk.core.exports.base import ExportOptions, ExportResult
from reviewdesk.core.exports.cms import (
    article_html,
    hero_url,
    image_warnings,
    is_scheduled,
    json_result,
)
from reviewdesk.core.exports.publication import goes_live
from reviewdesk.core.model import Review
from reviewdesk.core.publish.post import as_html, date_fields, meta_fields

__all__ = ["HELPER_KEYS", "META_TYPES", "export", "payload"]

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
        "title": as_html(review.title),
        "slug": review.effective_slug,
        "status": _status(review, now),
    }
    post |= date_fields(review)
    if review.subtitle:
        post["excerpt"] = as_html(review.subtitle)
    post["content"] = HTML_BLOCK[0] + article_html(review, options).strip() + HTML_BLOCK[1]
    post["meta"] = meta_fields(review, page_url=None, image_url=_hero_url(review, options))
    post["terms"] = {"tags": list(review.tags), "categories": _categories(review)}
    if review.hero is not None:
        post["featured_media_path"] = review.hero.image
        if review.hero.alt:
            post["featured_media_alt_text"] = review.hero.alt
        if review.hero.caption:
            post["featured_media_caption"] = as_html(review.hero.caption)
    return post, warnings


def _status(review: Review, now: datetime) -> str:
    if not goes_live(review):
        return "draft"
    return "future" if is_scheduled(review, now) else "publish"


def _categories(review: Review) -> list[str]:
    category = review.category.strip()
    return [category] if category else []


def _hero_url(review: Review, options: ExportOptions) -> str | None:
    # Search engines need an absolute image URL: without a base URL the hero is left out.
    return hero_url(review, options) if options.asset_base_url else None
