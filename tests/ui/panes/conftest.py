from datetime import date
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.core import bundle
from reviewdesk.core.model import LATER_KEYS, Offer, Review, Score, Spec, Update
from reviewdesk.ui.document import ReviewDocument

SCORES = [
    Score(name="Writing", value=4.5),
    Score(name="Tool use", value=5, weight=2),
    Score(name="Long context", value=2.5),
]
SPECS = [Spec(name="Parameters", value="3.8 billion"), Spec(name="Context", value="64k")]
OFFERS = [
    Offer(
        seller="Halden Bay store",
        url="https://example.org/shop",
        price=19.99,
        currency="USD",
        checked=date(2026, 3, 10),
        sponsored=True,
    ),
    Offer(seller="Model hub", url="https://example.org/hub"),
]
UPDATES = [
    Update(date=date(2026, 4, 20), note="Retested after the April update."),
    Update(date=date(2026, 3, 25), note="Added tool-calling results."),
]
NO_BLOCKS: dict[str, Any] = {key: Review.model_fields[key].default for key in LATER_KEYS}
BLOCKS: dict[str, Any] = {
    "scores": SCORES,
    "specs": SPECS,
    "offers": OFFERS,
    "disclosure": "We earn a commission on sponsored links.",
    "updates": UPDATES,
}
"""The sample's review blocks for the pane tests: original words."""


@pytest.fixture
def document(sample_bundle: Path) -> ReviewDocument:
    """The sample without its review blocks (a pane's test adds those it needs)."""
    review = bundle.load(sample_bundle)
    bundle.save(review.model_copy(update=NO_BLOCKS), sample_bundle)
    return ReviewDocument.open(sample_bundle)


@pytest.fixture
def blocks_bundle(sample_bundle: Path) -> Path:
    """The sample with scores, specs, offers, a disclosure and updates."""
    review = bundle.load(sample_bundle)
    bundle.save(review.model_copy(update=BLOCKS), sample_bundle)
    return sample_bundle


@pytest.fixture
def blocks(blocks_bundle: Path) -> ReviewDocument:
    return ReviewDocument.open(blocks_bundle)
