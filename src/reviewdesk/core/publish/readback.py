"""After publishing, the post is read back, and its public page too when it is public: what
the site changed or dropped is said, one line each (a role without `unfiltered_html` loses
markup, a theme or plugin may rewrite the content, unregistered meta is dropped)."""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from reviewdesk.core.delimited import Delimited
from reviewdesk.core.model import Review
from reviewdesk.core.publish.sites import Site
from reviewdesk.core.publish.text import (
    contains,
    differences,
    html_text,
    markup_lost,
    same_markup,
)
from reviewdesk.core.publish.wordpress import WordPress, WordPressError
from reviewdesk.core.typography import typeset

# Each script element, then whether its tag says JSON-LD. One pattern for both,
# `<script[^>]*type=...[^>]*>(.*?)</script>`, tried every `type=` of a tag left open from
# every `<script` before it: 1,200 of them (18 KB) took 43 s.
_SCRIPT = Delimited((r"(?i:<script\b[^<>]*>)", r"(?i:</script>)"), dotall=True)
_JSONLD_TYPE = re.compile(r"""type=["']application/ld\+json["']""", re.IGNORECASE)


def check(
    client: WordPress, review: Review, sent: dict[str, Any], written: dict[str, Any], site: Site
) -> list[str]:
    """What differs between what was sent and what the site shows."""
    stored = client.post(int(written["id"])) or written
    found = _stored(sent, stored)
    found += _meta(sent, stored)
    public = str(stored.get("status")) == "publish"
    if public:
        found += _page(client, review, sent, stored, site)
    else:
        text = html_text(_raw(stored.get("content"), "rendered"))
        found += [
            f"{item!r} is not in the stored post"
            for item in review_items(review)
            if not contains(text, item)
        ]
    return found


def _raw(value: Any, kind: str = "raw") -> str:
    if isinstance(value, dict):
        return str(value.get(kind, ""))
    return str(value or "")


def _stored(sent: dict[str, Any], stored: dict[str, Any]) -> list[str]:
    found = []
    for name in ("title", "excerpt"):
        if _raw(stored.get(name)) != sent[name]:
            found.append(f"{name}: the site keeps {_raw(stored.get(name))!r}, sent {sent[name]!r}")
    if int(stored.get("featured_media") or 0) != sent["featured_media"]:
        found.append(
            f"featured image: the site has {stored.get('featured_media')}, "
            f"sent {sent['featured_media']}"
        )
    for taxonomy in ("tags", "categories"):
        ids = sorted(int(i) for i in stored.get(taxonomy, []))
        if sent[taxonomy] and ids != sorted(sent[taxonomy]):
            found.append(f"{taxonomy}: the site has {ids}, sent {sorted(sent[taxonomy])}")
    content = _raw(stored.get("content"))
    if not same_markup(content, sent["content"]):
        lines = differences(html_text(content), html_text(sent["content"]))
        lost = markup_lost(sent["content"], content)
        what = "; ".join(lines) if lines else "markup only, the text is the same"
        removed = f"; removed {', '.join(lost)}" if lost else ""
        found.append(
            f"content: the site changed it ({what}{removed}); a role without unfiltered_html "
            "loses some markup"
        )
    date = sent.get("date")
    if date and not str(stored.get("date", "")).startswith(date[:10]):
        found.append(f"date: the site shows {stored.get('date')}, the review {date[:10]}")
    return found


def _meta(sent: dict[str, Any], stored: dict[str, Any]) -> list[str]:
    kept = stored.get("meta") if isinstance(stored.get("meta"), dict) else {}
    assert isinstance(kept, dict)
    ours = [key for key in sent["meta"] if key in kept]
    if not ours:
        return [
            "the site keeps none of ReviewDesk's fields (post meta) and prints no JSON-LD: "
            "install and activate the ReviewDesk plugin"
        ]
    return [
        f"meta {key}: the site keeps {kept[key]!r}, sent {sent['meta'][key]!r}"
        for key in ours
        if not _same_meta(kept[key], sent["meta"][key])
    ]


def _same_meta(kept: Any, sent: Any) -> bool:
    if sent is None:
        return kept in (None, "", 0, [])
    if isinstance(sent, float) and isinstance(kept, (int, float)):
        return float(kept) == sent
    return bool(kept == sent)


def review_items(review: Review) -> list[str]:
    """What the page must show word for word: the pros and the cons, as it shows them (typeset
    in the review's language)."""
    return [typeset(item, review.language) for item in (*review.pros, *review.cons)]


def page_shows(page: str, review: Review, featured_url: str) -> list[str]:
    """What the public page (its HTML) fails to show: a pro or a con, the title, the featured
    image at `featured_url` ("" when the theme is not said to print it)."""
    text = html_text(page)
    found = [
        f"the public page does not show {item!r}"
        for item in review_items(review)
        if not contains(text, item)
    ]
    if not contains(text, typeset(review.title, review.language)):
        found.append(f"the public page does not show the title {review.title!r}")
    name = PurePosixPath(urlsplit(featured_url).path).stem if featured_url else ""
    if name and name not in page:
        found.append("the theme does not show the featured image (tell ReviewDesk it does not)")
    return found


def _page(
    client: WordPress, review: Review, sent: dict[str, Any], stored: dict[str, Any], site: Site
) -> list[str]:
    link = str(stored.get("link", ""))
    try:
        answer = client.page(link)
    except WordPressError as error:
        return [f"the public page could not be read: {error}"]
    if answer.status_code != 200:
        return [f"the public page {link} answers HTTP {answer.status_code}"]
    page = answer.text
    featured = sent["featured_media"]
    shown = featured and site.theme.featured_image
    found = page_shows(page, review, _hero_url(client, featured) if shown else "")
    if any(key in (stored.get("meta") or {}) for key in sent["meta"]) and not has_review_jsonld(
        page
    ):
        found.append("the public page has no Review JSON-LD (is the ReviewDesk plugin active?)")
    return found


def _hero_url(client: WordPress, media_id: int) -> str:
    item = client.media([media_id]).get(media_id, {})
    return str(item.get("source_url", ""))


def has_review_jsonld(page: str) -> bool:
    for script in _SCRIPT.finditer(page):
        if not _JSONLD_TYPE.search(script.opener[0]):
            continue
        block = script.inside
        try:
            json.loads(block)
        except ValueError:
            continue
        if "Review" in block:  # parsed: JSON-LD, not text that mentions it
            return True
    return False
