"""The review blocks' keys of review.yaml: verdict, best for / skip if, scores, specs, offers
with their disclosure, the update log, and the review's language."""

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from reviewdesk.core.model import KEY_ORDER, Offer, Rating, Review, Score, Spec, Update

URL = "https://shop.example.org/wrenfall"


def test_every_block_reads_from_hand_written_yaml_shapes() -> None:
    review = Review.model_validate(
        {
            "title": "T",
            "language": "en-GB",
            "verdict": "Buy it.",
            "best_for": ["Writers"],
            "skip_if": ["You need facts"],
            "scores": [{"name": "Speed", "value": 4.5, "weight": 2}, {"name": "Cost", "value": 3}],
            "specs": [{"name": "Parameters", "value": "3.8 B"}, {"name": "RAM", "value": 16}],
            "offers": [
                {
                    "seller": "Shop",
                    "url": URL,
                    "price": 19.99,
                    "currency": "EUR",
                    "checked": "2026-04-01",
                    "sponsored": True,
                },
                {"seller": "Lab", "url": URL},
            ],
            "disclosure": "We earn a commission.",
            "updates": [{"date": "2026-05-03", "note": "Retested."}],
        }
    )
    assert review.scores[0] == Score(name="Speed", value=4.5, weight=2)
    assert review.specs[1] == Spec(name="RAM", value="16")  # a number is text there
    assert review.offers[0].checked == date(2026, 4, 1) and review.offers[1].price is None
    assert review.updates == [Update(date=date(2026, 5, 3), note="Retested.")]


def test_new_keys_sit_in_the_documented_order() -> None:
    order = list(KEY_ORDER)
    assert order.index("language") < order.index("status")
    assert order.index("rating") < order.index("scores") < order.index("tags")
    assert order.index("summary") < order.index("verdict") < order.index("pros")
    assert order.index("key_insights") < order.index("specs") < order.index("updates")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"offers": [{"seller": "S", "url": URL, "price": 5}]}, "a price needs its currency"),
        ({"offers": [{"seller": "S", "url": URL, "price": 5, "currency": "eur"}]}, "pattern"),
        ({"offers": [{"seller": "S", "url": "shop.example"}]}, "http:// or https://"),
        ({"offers": [{"seller": "S", "url": URL, "price": -1, "currency": "EUR"}]}, "0"),
        (
            {"offers": [{"seller": "S", "url": URL, "checked": "2026-04-01T10:00:00+00:00"}]},
            "without a time",
        ),
        ({"scores": [{"name": " ", "value": 3}]}, "must not be empty"),
        ({"scores": [{"name": "A", "value": 3, "weight": 0}]}, "greater than 0"),
        ({"scores": [{"name": "A", "value": float("nan")}]}, "finite"),
        ({"specs": [{"name": "A"}]}, "value"),
        ({"updates": [{"date": "2026-05-03T10:00:00", "note": "x"}]}, "UTC offset"),
        ({"updates": [{"date": "2026-05-03", "note": ""}]}, "must not be empty"),
        ({"language": "english!"}, "pattern"),
    ],
)
def test_bad_values_are_refused_with_what_is_wrong(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Review.model_validate({"title": "T", **data})


def test_the_rating_comes_from_the_weighted_scores_when_none_is_given() -> None:
    scores = [Score(name="A", value=5, weight=3), Score(name="B", value=1)]
    review = Review(title="T", scores=scores)
    assert review.rating_from_scores
    assert review.overall_rating == Rating(value=4.0)
    given = review.model_copy(update={"rating": Rating(value=2)})
    assert not given.rating_from_scores and given.overall_rating == Rating(value=2)
    assert Review(title="T").overall_rating is None


def test_the_last_update_is_the_latest_of_updated_and_the_log() -> None:
    review = Review(
        title="T",
        updated=date(2026, 5, 1),
        updates=[
            Update(date=datetime(2026, 5, 3, 9, 0, tzinfo=UTC), note="b"),
            Update(date=date(2026, 4, 2), note="a"),
        ],
    )
    assert review.last_update == datetime(2026, 5, 3, 9, 0, tzinfo=UTC)
    assert Review(title="T").last_update is None


def test_an_offer_can_be_a_sponsored_link_without_a_price() -> None:
    offer = Offer(seller="S", url=URL, sponsored=True)
    assert (offer.price, offer.currency, offer.sponsored) == (None, None, True)
