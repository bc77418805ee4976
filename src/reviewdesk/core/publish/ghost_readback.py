"""After publishing to Ghost, the post is read back, and its public page too when it is
public: what the site changed or dropped is said, one line each (the HTML card rewritten, a
tag left out, a theme that shows no feature image, code injection off)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reviewdesk.core.model import Review
from reviewdesk.core.publish.ghost import Ghost, GhostError
from reviewdesk.core.publish.readback import has_review_jsonld, page_shows, review_items
from reviewdesk.core.publish.text import contains, differences, html_text
from reviewdesk.core.publish.theme import ThemeParts

_COMPARED = ("title", "slug", "custom_excerpt", "feature_image", "feature_image_alt")


def check(
    client: Ghost,
    review: Review,
    sent: Mapping[str, Any],
    written: Mapping[str, Any],
    theme: ThemeParts,
) -> list[str]:
    """What differs between what was sent and what the site shows."""
    stored = client.post(str(written["id"])) or dict(written)
    found = _stored(sent, stored)
    text = html_text(str(stored.get("html") or ""))
    found += [
        f"{item!r} is not in the stored post"
        for item in review_items(review)
        if not contains(text, item)
    ]
    if stored.get("status") == "published":
        found += _page(client, review, stored, theme)
    return found


def _stored(sent: Mapping[str, Any], stored: Mapping[str, Any]) -> list[str]:
    found = [
        f"{name}: the site keeps {stored.get(name)!r}, sent {sent.get(name)!r}"
        for name in _COMPARED
        if (stored.get(name) or None) != (sent.get(name) or None)
    ]
    kept_tags = [str(tag.get("name")) for tag in stored.get("tags") or []]
    sent_tags = [str(tag["name"]) for tag in sent.get("tags") or []]
    if [t.casefold() for t in kept_tags] != [t.casefold() for t in sent_tags]:
        found.append(f"tags: the site has {kept_tags}, sent {sent_tags}")
    if sent.get("authors"):
        kept_ids = [str(author.get("id")) for author in stored.get("authors") or []]
        sent_ids = [author["id"] for author in sent["authors"]]
        if kept_ids != sent_ids:
            found.append(f"authors: the site has {kept_ids}, sent {sent_ids}")
    kept_text, sent_text = html_text(str(stored.get("html") or "")), html_text(str(sent["html"]))
    if kept_text != sent_text:
        lines = "; ".join(differences(kept_text, sent_text)) or "spacing only"
        found.append(f"content: the site changed the text ({lines})")
    if not stored.get("codeinjection_head") and sent.get("codeinjection_head"):
        found.append("the site keeps no code injection: the page has no stylesheet or JSON-LD")
    return found


def _page(client: Ghost, review: Review, stored: Mapping[str, Any], theme: ThemeParts) -> list[str]:
    link = str(stored.get("url", ""))
    try:
        answer = client.page(link)
    except GhostError as error:
        return [f"the public page could not be read: {error}"]
    if answer.status_code != 200:
        return [f"the public page {link} answers HTTP {answer.status_code}"]
    page = answer.text
    feature = str(stored.get("feature_image") or "") if theme.featured_image else ""
    found = page_shows(page, review, feature)
    if not has_review_jsonld(page):
        found.append("the public page has no Review JSON-LD (does the theme print {{ghost_head}}?)")
    return found
