"""Fixtures for the core tests: reviews built directly as model objects."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest

from reviewdesk.core.model import Author, Hero, Rating, Review, Seo, Subject

FULL_BODY = """\
## First impressions

It's a "quiet" machine -- mostly. See the chart:

![Scores by task](assets/chart.png)

| Task | Score |
|:-----|------:|
| Writing | 9 |

A remote picture: ![Remote](https://cdn.example.org/remote.png)

## Verdict

Worth it[^1].

[^1]: For most people.
"""


@pytest.fixture
def bare_machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Python's own table alone, as on a machine without /etc/mime.types (Python 3.11's has no
    WebP)."""
    monkeypatch.setattr(mimetypes, "knownfiles", [])
    mimetypes.init()
    yield
    monkeypatch.undo()
    mimetypes.init()


@pytest.fixture
def full_review() -> Review:
    """A review with every field filled in, and a body with local and remote images."""
    return Review(
        title="Example Gadget Review: Small and Sturdy",
        subtitle="A one-paragraph deck under the title.",
        slug="example-gadget-review",
        published=date(2026, 4, 11),
        updated=datetime(2026, 4, 12, 9, 30, tzinfo=timezone(timedelta(hours=2))),
        category="Gadgets",
        badges=["NEW"],
        authors=[
            Author(name="Jane Doe", url="https://example.org/jane"),
            Author(name="Sam Roe"),
        ],
        subject=Subject(
            name="Example Gadget",
            type="Product",
            brand="Example Co",
            url="https://example.org/gadget",
        ),
        rating=Rating(value=4.5, best=5, worst=1),
        tags=["Example Co", "Pocket Tech"],
        hero=Hero(image="assets/hero.png", alt="The gadget on a desk", caption="Our test unit."),
        summary="Short summary shown in the highlighted box.",
        pros=["Fast", "Cheap to run"],
        cons=["Closed design"],
        key_features=["Native sensor input", "Tool use"],
        key_insights=["The price drop changes who can buy it"],
        seo=Seo(
            title="Example Gadget review",
            description="What the search result shows.",
            canonical_url="https://example.org/reviews/example-gadget",
        ),
        body=FULL_BODY,
    )
