import json
from datetime import date
from typing import Any

import pytest

from reviewdesk.core.jsonld import jsonld_script, review_jsonld
from reviewdesk.core.model import Offer, Rating, Review, Score, Spec, Subject, Update


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


# --- the review blocks --------------------------------------------------------------------------

SHOP = "https://shop.example.org/gadget"
MARKET = "https://market.example.org/item/7"


def test_one_offer_is_an_offer_with_its_price_seller_and_page(full_review: Review) -> None:
    offer = Offer(seller="Example Shop", url=SHOP, price=19.99, currency="EUR", sponsored=True)
    data = review_jsonld(full_review.model_copy(update={"offers": [offer]}))
    assert data["offers"] == {
        "@type": "Offer",
        "url": SHOP,
        "price": 19.99,
        "priceCurrency": "EUR",
        "seller": {"@type": "Organization", "name": "Example Shop"},
    }


def test_offers_without_a_price_are_left_out(full_review: Review) -> None:
    # Google requires an Offer's price, and none is made up: such an offer is on the page only.
    offers = [
        Offer(seller="Example Shop", url=SHOP, checked=date(2026, 4, 1)),
        Offer(seller="Example Market", url=MARKET, currency="EUR"),
    ]
    assert "offers" not in review_jsonld(full_review.model_copy(update={"offers": offers}))
    assert "offers" not in review_jsonld(full_review)
    priced = [*offers, Offer(seller="Example Outlet", url=SHOP, price=0, currency="EUR")]
    data = review_jsonld(full_review.model_copy(update={"offers": priced}))["offers"]
    assert (data["@type"], data["price"], data["seller"]["name"]) == ("Offer", 0, "Example Outlet")


def test_several_offers_in_one_currency_are_an_aggregate_with_a_price_range(
    full_review: Review,
) -> None:
    offers = [
        Offer(seller="Example Shop", url=SHOP, price=25, currency="USD"),
        Offer(seller="Example Outlet", url="https://outlet.example.org/"),
        Offer(seller="Example Market", url=MARKET, price=19.5, currency="USD", sponsored=True),
    ]
    data = review_jsonld(full_review.model_copy(update={"offers": offers}))["offers"]
    assert {key: value for key, value in data.items() if key != "offers"} == {
        "@type": "AggregateOffer",
        "lowPrice": 19.5,
        "highPrice": 25,
        "priceCurrency": "USD",
        "offerCount": 2,
    }
    assert isinstance(data["highPrice"], int)  # 25.0 written as a person would
    assert data["offers"] == [
        {
            "@type": "Offer",
            "url": url,
            "price": price,
            "priceCurrency": "USD",
            "seller": {"@type": "Organization", "name": seller},
        }
        for seller, url, price in (("Example Shop", SHOP, 25), ("Example Market", MARKET, 19.5))
    ]


def test_offers_in_several_currencies_are_each_an_offer(full_review: Review) -> None:
    # A price range across currencies says nothing, and an AggregateOffer has one currency.
    offers = [
        Offer(seller="Example Shop", url=SHOP, price=10, currency="EUR"),
        Offer(seller="Example Market", url=MARKET, price=12.5, currency="USD"),
    ]
    data = review_jsonld(full_review.model_copy(update={"offers": offers}))["offers"]
    assert [(each["@type"], each["price"], each["priceCurrency"]) for each in data] == [
        ("Offer", 10, "EUR"),
        ("Offer", 12.5, "USD"),
    ]


def test_specs_are_additional_properties_of_a_product(full_review: Review) -> None:
    specs = [Spec(name="Weight", value="240 g"), Spec(name="Memory", value=16)]
    book = Subject(name="Example Book", type="Book")
    review = full_review.model_copy(
        update={"specs": specs, "subject": book, "pros": [], "cons": []}
    )
    data = review_jsonld(review)
    assert data["additionalProperty"] == [
        {"@type": "PropertyValue", "name": "Weight", "value": "240 g"},
        {"@type": "PropertyValue", "name": "Memory", "value": "16"},
    ]
    # schema.org gives a CreativeWork no additionalProperty: the item is a Product too.
    assert data["@type"] == ["Product", "Book"]
    assert "additionalProperty" not in review_jsonld(full_review)


def test_date_modified_is_the_latest_update(full_review: Review) -> None:
    updates = [
        Update(date=date(2026, 5, 3), note="Retested after the May update."),
        Update(date=date(2026, 4, 20), note="Added battery figures."),
    ]
    data = review_jsonld(full_review.model_copy(update={"updates": updates}))["review"]
    assert data["dateModified"] == "2026-05-03"
    earlier = [Update(date=date(2026, 4, 12), note="A typo.")]  # the same day as `updated`
    data = review_jsonld(full_review.model_copy(update={"updates": earlier}))["review"]
    assert data["dateModified"] == "2026-04-12T09:30:00+02:00"
    alone = full_review.model_copy(update={"updated": None, "updates": earlier})
    assert review_jsonld(alone)["review"]["dateModified"] == "2026-04-12"


def test_the_rating_made_by_the_scores_is_the_review_rating(full_review: Review) -> None:
    scores = [Score(name="Speed", value=4), Score(name="Price", value=3, weight=3)]
    review = full_review.model_copy(update={"rating": None, "scores": scores})
    assert review_jsonld(review)["review"]["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 3.25,
        "bestRating": 5,
        "worstRating": 1,
    }
    given = full_review.model_copy(update={"scores": scores})  # a given rating wins
    assert review_jsonld(given)["review"]["reviewRating"]["ratingValue"] == 4.5


def test_the_language_only_when_set(full_review: Review) -> None:
    assert "inLanguage" not in review_jsonld(full_review)["review"]
    german = full_review.model_copy(update={"language": "de"})
    assert review_jsonld(german)["review"]["inLanguage"] == "de"


def _review_nodes(node: object) -> int:
    if isinstance(node, list):
        return sum(_review_nodes(child) for child in node)
    if not isinstance(node, dict):
        return 0
    kinds = node.get("@type")
    own = int(kinds == "Review" or (isinstance(kinds, list) and "Review" in kinds))
    return own + sum(_review_nodes(child) for child in node.values())


def test_every_block_still_makes_one_review_node(full_review: Review) -> None:
    review = full_review.model_copy(
        update={
            "language": "en-GB",
            "verdict": "Buy it.",
            "best_for": ["Commuters"],
            "skip_if": ["You need a GPU"],
            "scores": [Score(name="Speed", value=4)],
            "specs": [Spec(name="Weight", value="240 g")],
            "offers": [
                Offer(seller="Example Shop", url=SHOP, price=19, currency="GBP", sponsored=True),
                Offer(seller="Example Market", url=MARKET, price=21, currency="GBP"),
            ],
            "disclosure": "We earn a commission.",
            "updates": [Update(date=date(2026, 5, 3), note="Retested.")],
        }
    )
    data = review_jsonld(review)
    assert _review_nodes(data) == 1
    assert data["review"]["inLanguage"] == "en-GB"
    assert data["offers"]["@type"] == "AggregateOffer"
