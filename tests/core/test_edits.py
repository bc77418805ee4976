from datetime import date

import pytest

from reviewdesk.core import edits
from reviewdesk.core.edits import EditError
from reviewdesk.core.model import Review


def test_replaced_returns_a_new_validated_review_and_keeps_the_old() -> None:
    old = Review(title="Old", tags=["a"])
    new = edits.replaced(old, "title", "New")
    assert (old.title, new.title, new.tags) == ("Old", "New", ["a"])


def test_nested_paths_create_optional_parts() -> None:
    review = edits.replaced(Review(title="T"), "seo.description", "D")
    assert edits.get(review, "seo.description") == "D"
    review = edits.replaced(review, "seo.title", "S")
    assert (review.seo and (review.seo.title, review.seo.description)) == ("S", "D")
    assert edits.get(Review(title="T"), "hero.alt") is None


def test_values_are_parsed_like_the_file() -> None:
    assert edits.replaced(Review(title="T"), "published", "2026-04-11").published == date(
        2026, 4, 11
    )


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("title", " ", "must not be empty"),
        ("slug", "No Slug", "lower-case letters"),
        ("tags", ["x", "X"], "repeats"),
        ("rating.value", 7, "between worst"),
        ("seo.canonical_url", "ftp://x", "http"),
        ("subject.brand", "Only a brand", "required"),
    ],
)
def test_invalid_values_raise_a_message(path: str, value: object, message: str) -> None:
    with pytest.raises(EditError, match=message):
        edits.replaced(Review(title="T", rating={"value": 3}), path, value)
