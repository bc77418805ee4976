"""The review blocks for tests: every block filled in (`with_blocks`). Random reviews with any
of them are tests/strategies.py's `reviews`."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from reviewdesk.core.model import Offer, Review, Score, Spec, Update

BLOCKS: dict[str, Any] = {
    "verdict": (
        "Buy it if you want a small, sturdy gadget that lasts a day.\n\n"
        "Look elsewhere if you need a big screen."
    ),
    "best_for": ["Commuters who read on the train", "People who drop things"],
    "skip_if": ["You want a stylus"],
    "scores": [
        Score(name="Build", value=4.5),
        Score(name="Battery life", value=4, weight=2),
        Score(name="Screen", value=3),
    ],
    "specs": [
        Spec(name="Weight", value="182 g"),
        Spec(name="Battery", value="4,500 mAh"),
        Spec(name="Ports", value="USB-C"),
    ],
    "offers": [
        Offer(
            seller="Example Store",
            url="https://shop.example.com/gadget?ref=rd",
            price=19.9,
            currency="EUR",
            checked=date(2026, 4, 1),
            sponsored=True,
        ),
        Offer(seller="Other Shop", url="https://other.example.net/gadget"),
    ],
    "disclosure": "We earn a commission when you buy through a sponsored link.",
    "updates": [
        Update(date=date(2026, 4, 20), note="Retested the battery after a software update."),
        Update(
            date=datetime(2026, 5, 3, 9, 30, tzinfo=timezone(timedelta(hours=2))),
            note="Added the new colour.",
        ),
    ],
}
"""One value for every review block, in original words."""


def with_blocks(review: Review, **changes: Any) -> Review:
    """`review` with every block filled in (`BLOCKS`), then `changes`."""
    return review.model_copy(update=BLOCKS | changes)
