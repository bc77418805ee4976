import json
from typing import Any

import pytest

from reviewdesk.core.jsonld import jsonld_script, review_jsonld
from reviewdesk.core.model import Rating, Review, Subject


def test_the_subject_is_the_top_level_item_with_the_review_nested(full_review: Review) -> None:
    data = review_jsonld(full_review)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == "Example Gadget"
    assert data["brand"] == {"@type": "Brand", "name": "Example Co"}
    assert data["url"] == "https://example.org/gadget"
    review = data["review"]
    assert review["@type"] == "Review"
    assert review["name"] == full_review.title
    assert review["datePublished"] == "2026-04-11"
    assert review["dateModified"] == "2026-04-12T09:30:00+02:00"
    assert review["description"] == full_review.summary
    assert review["url"] == "https://example.org/reviews/example-gadget"


def test_authors_are_people(full_review: Review) -> None:
    authors = review_jsonld(full_review)["review"]["author"]
    assert authors == [
        {"@type": "Person", "name": "Jane Doe", "url": "https://example.org/jane"},
        {"@type": "Person", "name": "Sam Roe"},
    ]


def test_no_authors_no_author_key(full_review: Review) -> None:
    review = full_review.model_copy(update={"authors": []})
    assert "author" not in review_jsonld(review)["review"]


def test_rating_only_when_present(full_review: Review) -> None:
    rating = review_jsonld(full_review)["review"]["reviewRating"]
    assert rating == {"@type": "Rating", "ratingValue": 4.5, "bestRating": 5, "worstRating": 1}
    unrated = full_review.model_copy(update={"rating": None})
    assert "reviewRating" not in review_jsonld(unrated)["review"]


def test_whole_number_ratings_are_written_as_integers(full_review: Review) -> None:
    review = full_review.model_copy(update={"rating": Rating(value=8, best=10, worst=0)})
    rating = review_jsonld(review)["review"]["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (8, 10, 0)
    assert all(isinstance(rating[k], int) for k in ("ratingValue", "bestRating", "worstRating"))


def test_unvalidated_integer_ratings_are_accepted(full_review: Review) -> None:
    review = full_review.model_copy(update={"rating": Rating.model_construct(value=4, best=5)})
    assert review_jsonld(review)["review"]["reviewRating"]["ratingValue"] == 4


def _names(notes: dict[str, Any]) -> list[str]:
    assert notes["@type"] == "ItemList"
    elements = notes["itemListElement"]
    assert [e["position"] for e in elements] == list(range(1, len(elements) + 1))
    assert all(e["@type"] == "ListItem" for e in elements)
    return [e["name"] for e in elements]


def test_notes_are_exactly_the_pros_and_cons(full_review: Review) -> None:
    review = review_jsonld(full_review)["review"]
    assert _names(review["positiveNotes"]) == full_review.pros
    assert _names(review["negativeNotes"]) == full_review.cons


def test_empty_notes_are_left_out(full_review: Review) -> None:
    review = full_review.model_copy(update={"pros": [], "cons": []})
    data = review_jsonld(review)["review"]
    assert "positiveNotes" not in data
    assert "negativeNotes" not in data


def test_page_and_image_urls(full_review: Review) -> None:
    data = review_jsonld(
        full_review, page_url="https://example.org/p", image_url="https://example.org/h.png"
    )
    assert data["review"]["url"] == "https://example.org/p"
    assert data["review"]["image"] == "https://example.org/h.png"
    assert "image" not in review_jsonld(full_review)["review"]


def test_software_has_a_version_and_a_publisher(full_review: Review) -> None:
    subject = Subject(
        name="Example App", type="SoftwareApplication", brand="Example Labs", version="2.1"
    )
    data = review_jsonld(full_review.model_copy(update={"subject": subject}))
    assert data["@type"] == ["Product", "SoftwareApplication"]
    assert data["softwareVersion"] == "2.1"
    # schema.org gives SoftwareApplication (a CreativeWork) no `brand`.
    assert data["publisher"] == {"@type": "Organization", "name": "Example Labs"}
    assert "brand" not in data


@pytest.mark.parametrize(
    ("pros", "cons", "kind", "expected"),
    [
        (["Fast"], [], "SoftwareApplication", ["Product", "SoftwareApplication"]),
        ([], ["Loud"], "Book", ["Product", "Book"]),
        ([], [], "Book", "Book"),
        (["Fast"], ["Loud"], "Product", "Product"),
        (["Fast"], ["Loud"], "Car", "Car"),  # a Product already
    ],
)
def test_an_item_with_pros_or_cons_is_a_product(
    full_review: Review, pros: list[str], cons: list[str], kind: str, expected: object
) -> None:
    # Google documents pros and cons for product reviews only.
    subject = Subject(name="Example", type=kind)
    review = full_review.model_copy(update={"subject": subject, "pros": pros, "cons": cons})
    assert review_jsonld(review)["@type"] == expected


def test_without_a_subject_the_item_is_named_from_the_title() -> None:
    review = Review(title="Example Model Review: Faster and Cheaper")
    data = review_jsonld(review)
    assert (data["@type"], data["name"]) == ("Product", "Example Model")
    assert set(data["review"]) == {"@type", "name"}
    assert review_jsonld(Review(title="Review"))["name"] == "Review"


def test_script_cannot_be_closed_by_the_data(full_review: Review) -> None:
    hostile = 'Evil </script><script>alert("x")</script> & <!-- more'
    data = review_jsonld(full_review.model_copy(update={"title": hostile}))
    script = str(jsonld_script(data))
    assert script.startswith('<script type="application/ld+json">')
    assert script.endswith("</script>")
    inner = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not any(char in inner for char in "<>&")
    assert json.loads(inner)["review"]["name"] == hostile


def test_script_keeps_non_ascii_text_readable(full_review: Review) -> None:
    data = review_jsonld(full_review.model_copy(update={"title": "Café “Ω” review"}))
    assert "Café “Ω” review" in jsonld_script(data)
