"""`--to ghost`: a Ghost Admin API post for `POST /ghost/api/admin/posts/?source=html`.

The payload is `{"posts": [post]}`. Ghost's own validator, `@tryghost/admin-api-schema` 4.x
(`lib/schemas/posts-add.json` and `posts.json`), removes keys it does not know without a word,
so only keys of its `posts` definition are written (tests/e2e/test_ghost_export.py checks that
nothing is dropped). Texts longer than Ghost accepts - the API schema, or Ghost's database
validations in `ghost/core/core/server/data/schema/schema.js` where those are stricter (title
255, feature_image_alt 191) - are cut on a word boundary, with a warning.

How the review maps:

- `html`: the article as `reviewdesk publish` sends it (core/publish/blocks.py without its
  block comments: badges, rating, summary, body, pros, cons, key features, key insights, and
  the byline) wrapped in one HTML card, `<!--kg-card-begin: html-->`...
  `<!--kg-card-end: html-->`: Ghost documents this as its lossless way in, where its
  HTML-to-Lexical conversion would drop the sections and classes. What a Ghost theme prints
  from the post's fields (title, deck, feature image, tags) is left out of it.
- `codeinjection_head`: the review's stylesheet (scoped to the article) and its JSON-LD, a
  `<script type="application/ld+json">`, never in `html` (core/publish/ghost_head.py).
- `custom_excerpt`: the deck (subtitle), at most 300 characters.
- `tags`: by name (Ghost creates missing ones), the category first, then the tags, without
  repeats ignoring case: Ghost's primary tag is the first, and the category is what a reader
  browses by. A name starting with "#" is an internal (hidden) tag in Ghost.
- `status`: published becomes `scheduled` when the publication date is in the future, else
  `published`; draft and ready stay `draft` (ready is finished, not public: exports/publication.py).
- `published_at`: UTC, ISO 8601 with `Z`; a date without a time is 00:00 UTC that day. A
  published review without a date has the moment of the export (exports.export dates it).
- `updated_at` is left out: Ghost uses it as its record's own timestamp (collision detection
  when editing), not as an editorial "updated" date; that date is in the JSON-LD.
- `authors` is left out: Ghost links existing staff users by id, slug or email, which a review
  does not know, and assigns the API key's owner instead. The names stay in the article's byline
  and the JSON-LD, and a warning says so.
- images: with `asset_base_url` the hero (`feature_image`, `og_image`, `twitter_image`) and the
  body's images are absolute URLs under it; without it they stay relative and a warning says so.
- SEO: `meta_title`/`meta_description` from `seo`; `og_*` and `twitter_*` from `seo`, falling
  back to the title and the deck; `canonical_url` from `seo`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

from reviewdesk.core import assets, render
from reviewdesk.core.exports.base import ExportOptions, ExportResult
from reviewdesk.core.exports.cms import (
    fit,
    hero_url,
    image_warnings,
    is_scheduled,
    json_result,
    utc,
)
from reviewdesk.core.exports.publication import goes_live
from reviewdesk.core.model import Review
from reviewdesk.core.publish.blocks import post_content
from reviewdesk.core.publish.ghost_head import code_injection
from reviewdesk.core.publish.state import UploadedImage
from reviewdesk.core.publish.theme import ThemeParts

__all__ = [
    "LIMITS",
    "export",
    "fitted_slug",
    "ghost_time",
    "payload",
    "put_feature_image",
    "put_seo",
    "put_text",
    "tag_list",
]

# Longest text each field takes, in code points as Ghost counts them: the API schema's
# maxLength, or Ghost's database validation where it is stricter (title, feature_image_alt).
# "tag" is a tag's name, "url" any image or canonical URL.
LIMITS: Final[dict[str, int]] = {
    "title": 255,
    "slug": 191,
    "custom_excerpt": 300,
    "feature_image_alt": 191,
    "feature_image_caption": 65535,
    "meta_title": 300,
    "meta_description": 500,
    "og_title": 300,
    "og_description": 500,
    "twitter_title": 300,
    "twitter_description": 500,
    "codeinjection_head": 65535,
    "tag": 191,
    "url": 2000,
}
HTML_CARD: Final = ("<!--kg-card-begin: html-->\n", "\n<!--kg-card-end: html-->")
_ELLIPSIS: Final = "…"
# What RFC 3986 lets a URI's path, query and fragment hold as it is (and "%" of escapes).
_URI_SAFE: Final = ":/?@!$&'()*+,;=%~"


def export(review: Review, folder: Path, options: ExportOptions, stem: str) -> ExportResult:
    return json_result(*payload(review, folder, options, now=datetime.now(UTC)))


def payload(
    review: Review, folder: Path, options: ExportOptions, *, now: datetime
) -> tuple[dict[str, Any], list[str]]:
    """The request body and the warnings; `now` decides between scheduled and published.
    `review` as exports.export passes it (publication.as_exported: dated when published)."""
    warnings = image_warnings(review, folder, options)
    post: dict[str, Any] = {}
    put_text(post, "title", review.title, warnings)
    post["slug"] = fitted_slug(review.effective_slug, warnings)
    post["status"] = _status(review, now)
    if review.published is not None:
        post["published_at"] = ghost_time(review.published)
    put_text(post, "custom_excerpt", review.subtitle, warnings)
    hero = hero_url(review, options)
    post["html"] = HTML_CARD[0] + _article(review, options, hero) + HTML_CARD[1]
    put_feature_image(post, review, hero, warnings)
    if tags := tag_list(review, warnings):
        post["tags"] = tags
    put_seo(post, review, hero, warnings)
    image_url = hero if options.asset_base_url else None
    post["codeinjection_head"] = code_injection(review, image_url, warnings)
    if review.authors:
        names = ", ".join(author.name for author in review.authors)
        warnings.append(
            f"Ghost assigns posts to its own staff users: the authors ({names}) appear in the "
            "article's byline and JSON-LD only; choose the post's authors in Ghost"
        )
    return {"posts": [post]}, warnings


def _status(review: Review, now: datetime) -> str:
    if not goes_live(review):
        return "draft"
    return "scheduled" if is_scheduled(review, now) else "published"


def ghost_time(when: date) -> str:
    """2026-03-18T08:05:00.000Z: the form Ghost itself returns."""
    return utc(when).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def put_text(post: dict[str, Any], key: str, text: str, warnings: list[str]) -> None:
    """Set `key` to `text` made to fit its limit; an empty text leaves the key out."""
    if text:
        post[key] = fit(text, LIMITS[key], key, warnings)


def fitted_slug(slug: str, warnings: list[str]) -> str:
    limit = LIMITS["slug"]
    if len(slug) <= limit:
        return slug
    warnings.append(f"slug is longer than {limit} characters; shortened to fit")
    head = slug[: limit + 1]
    return head.rsplit("-", 1)[0] if "-" in head else slug[:limit]


def _uri(url: str) -> str:
    """`url` with spaces, non-ASCII and stray `%` or `#` escaped: the validator checks image
    and canonical URLs as RFC 3986 `uri-reference`, which the model's URLs need not be."""
    url = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url)
    head, hash_, fragment = url.partition("#")
    return quote(head, safe=_URI_SAFE) + hash_ + quote(fragment, safe=_URI_SAFE)


def put_url(post: dict[str, Any], key: str, url: str | None, warnings: list[str]) -> None:
    if not url:
        return
    url = _uri(url)
    if len(url) > LIMITS["url"]:
        warnings.append(f"{key} is longer than {LIMITS['url']} characters; left out")
        return
    post[key] = url


def put_feature_image(
    post: dict[str, Any], review: Review, hero: str | None, warnings: list[str]
) -> None:
    if review.hero is None:
        return
    put_url(post, "feature_image", hero, warnings)
    put_text(post, "feature_image_alt", review.hero.alt, warnings)
    put_text(post, "feature_image_caption", review.hero.caption, warnings)


def tag_list(review: Review, warnings: list[str]) -> list[dict[str, str]]:
    tags: dict[str, dict[str, str]] = {}
    for raw in [review.category, *review.tags]:
        # Ghost refuses a tag name that starts with a comma (its list separator).
        name = fit(re.sub(r"^[\s,]+", "", raw).rstrip(), LIMITS["tag"], f"tag {raw!r}", warnings)
        if name:
            tags.setdefault(name.casefold(), {"name": name})
    return list(tags.values())


def put_seo(post: dict[str, Any], review: Review, hero: str | None, warnings: list[str]) -> None:
    seo_title = review.seo.title if review.seo else ""
    seo_description = review.seo.description if review.seo else ""
    put_text(post, "meta_title", seo_title, warnings)
    put_text(post, "meta_description", seo_description, warnings)
    for network in ("og", "twitter"):
        put_text(post, f"{network}_title", seo_title or review.title, warnings)
        put_text(post, f"{network}_description", seo_description or review.subtitle, warnings)
        put_url(post, f"{network}_image", hero, warnings)
    put_url(post, "canonical_url", review.seo.canonical_url if review.seo else None, warnings)


def _article(review: Review, options: ExportOptions, hero: str | None) -> str:
    """The article without what the theme prints; images where `asset_base_url` puts them
    (relative without it: image_warnings says so)."""
    base = options.asset_base_url
    images = {
        path: UploadedImage(0, render.absolute_url(base, path.removeprefix("./")))
        for path in assets.local_paths(review)
    }
    if review.hero is not None and hero is not None:
        images[review.hero.image] = UploadedImage(0, hero)
    article = post_content(
        review,
        images,
        ThemeParts(byline=False),  # Ghost's authors are its staff users: the names stay here
        summary_label=options.summary_label,
        raw_html=options.raw_html,
        delimiters=False,
    )
    return article.markup.strip()
