"""The marks the published page carries for the app's live preview: where the body goes in the
page's skeleton, and the id of each field's section. Apart from the layout and the renderer, so
that the preview's script (ui/preview/dom_patch.py) and its web view load without them: the
web view is made before the models when it starts on a page kept from the last start."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

BODY_SLOT: Final = "<!--reviewdesk:body-->"
"""Where the body's groups go in a live page's skeleton (core/live_page.py)."""

SECTION_IDS: Mapping[str, str] = {
    "published": "review-published",
    "updated": "review-updated",
    "category": "review-category",
    "badges": "review-badges",
    "title": "review-title",
    "subtitle": "review-subtitle",
    "tags": "review-tags",
    "authors": "review-authors",
    "rating": "review-rating",
    "hero": "review-hero",
    "summary": "review-summary",
    "verdict": "review-verdict",
    "best_for": "review-best-for",
    "skip_if": "review-skip-if",
    "body": "review-body",
    "scores": "review-scores",
    "pros": "review-pros",
    "cons": "review-cons",
    "specs": "review-specs",
    "disclosure": "review-disclosure",
    "offers": "review-offers",
    "updates": "review-updates",
    "key_features": "review-key-features",
    "key_insights": "review-key-insights",
}
"""Model field -> the id of the element that shows it (with `data-field` naming the field),
for the app's preview to patch and scroll to. Top to bottom as the page places them."""
