"""The keys of the Hugo and Jekyll exports' front matter, and ReviewDesk's own among them:
`reviewdesk`, what the shipped layouts print in the page's head and what `reviewdesk import`
needs to give the review back as it was.

Its `head` holds the head's values as the html export prints them, made by the same rules
(the SEO title, the meta description, the canonical URL, the publication and modification
times as ISO 8601 text, and the JSON-LD as the text of its `<script>`): neither Hugo nor Liquid
could make the same text from the front matter (a date-only `date` is a moment to both, the
JSON-LD's key order is lost to Hugo's `jsonify`, and Jekyll's escapes no `</script>`).

Its `unset` names the review's keys that the review leaves unset while the site's keys say
something: `slug` (the site's is the one derived from the title) and `published` (a Jekyll
post is named after a day all the same). Its `export` says which site's names the keys have.

Its `shown` holds what the layouts show as the html export shows it and could not make
themselves: the dates in the review's language and the text fields typeset (site_shown.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewdesk.core.exports.site_shown import shown
from reviewdesk.core.jsonld import jsonld_text, review_jsonld
from reviewdesk.core.model import FORMAT, Review

OWN_KEY = "reviewdesk"


@dataclass(frozen=True)
class SiteKeys:
    """What one site calls the keys it has a name of its own for."""

    updated: str  # the date of the last change
    live: str  # the flag of a page that is built
    live_value: bool  # the flag's value on a live page
    layout: str  # the key that picks the shipped layout
    own: frozenset[str]  # every key the export may write: `extra` never gives one of them


# Every key either export may write; the review's own under review.yaml's names.
_COMMON = frozenset(
    {
        "title", "date", "slug", "description", "summary", "tags", "categories", "status",
        "subtitle", "language", "badges", "authors", "author_urls", "subject", "rating",
        "pros", "cons", "key_features", "key_insights", "hero", "verdict", "best_for",
        "skip_if", "disclosure", "scores", "specs", "offers", "updates", "seo", OWN_KEY,
    }
)  # fmt: skip

SITES: dict[str, SiteKeys] = {
    "hugo": SiteKeys("lastmod", "draft", False, "type", _COMMON | {"lastmod", "draft", "type"}),
    "jekyll": SiteKeys(
        "last_modified_at",
        "published",
        True,
        "layout",
        _COMMON | {"last_modified_at", "published", "layout", "render_with_liquid", "image"},
    ),
}


def own_mapping(review: Review, export: str, *, image_url: str | None) -> dict[str, Any]:
    """The `reviewdesk` key of `review`'s page for the site `export`, whose hero is published
    at `image_url` (as the page links it)."""
    unset = [name for name in ("slug", "published") if getattr(review, name) is None]
    own: dict[str, Any] = {"format": FORMAT, "export": export}
    if unset:
        own["unset"] = unset
    own["head"] = head(review, image_url=image_url)
    if page_shows := shown(review):
        own["shown"] = page_shows
    return own


def head(review: Review, *, image_url: str | None) -> dict[str, str]:
    """The values of the page's head that the html export prints (page.html.j2), each only
    when the page has it, and its `dateModified` as `modified_time`."""
    seo = review.seo
    canonical = seo.canonical_url if seo else None
    values = {
        "title": seo.title if seo and seo.title else review.title,
        "description": seo.description if seo and seo.description else review.summary.strip(),
        "canonical": canonical or "",
        "published_time": review.published.isoformat() if review.published else "",
        "modified_time": review.last_update.isoformat() if review.last_update else "",
    }
    found = {name: value for name, value in values.items() if value}
    # The pros and cons as the page shows them (reviewdesk.shown): typeset.
    jsonld = review_jsonld(review, page_url=canonical, image_url=image_url, typeset=True)
    return found | {"jsonld": jsonld_text(jsonld)}
