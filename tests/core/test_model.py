import math
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from reviewdesk.core.model import KEY_ORDER, Review, Status
from reviewdesk.core.slug import is_slug, slugify


def review(**fields: Any) -> Review:
    return Review.model_validate({"title": "A title", **fields})


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Example Model Review: A Faster, Cheaper Assistant",
            "example-model-review-a-faster-cheaper-assistant",
        ),
        ("Crème brûlée à l'école", "creme-brulee-a-l-ecole"),
        ("Обзор модели", "obzor-modeli"),
        ("東京タワー", "dongjingtawa"),
        ("  --!!--  ", ""),
    ],
)
def test_slugify_transliterates_any_script(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert slug == "" or is_slug(slug)


def test_slug_is_derived_from_the_title_when_absent() -> None:
    assert review(title="Ünïcode Café 2.0").effective_slug == "unicode-cafe-2-0"
    assert review(title="Ünïcode", slug="chosen").effective_slug == "chosen"
    assert review(title="!!!").effective_slug == "review"


@pytest.mark.parametrize("slug", ["Not A Slug", "trailing-", "-lead", "a--b", "ÜBER"])
def test_slug_must_be_a_slug(slug: str) -> None:
    with pytest.raises(ValidationError, match="slug"):
        review(slug=slug)


def test_title_is_required_and_not_blank() -> None:
    with pytest.raises(ValidationError, match="title"):
        Review.model_validate({})
    with pytest.raises(ValidationError, match="title"):
        review(title="   ")


def test_status_is_an_enum() -> None:
    assert review(status="ready").status is Status.READY
    with pytest.raises(ValidationError, match="status"):
        review(status="done")


def test_dates_and_datetimes_with_offsets() -> None:
    r = review(published="2026-04-11", updated="2026-04-12T09:30:00+02:00")
    assert r.published == date(2026, 4, 11)
    assert r.updated == datetime(2026, 4, 12, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert review(published=date(2026, 1, 2)).published == date(2026, 1, 2)


@pytest.mark.parametrize(
    "value", ["2026-04-12T09:30:00", datetime(2026, 4, 12, 9, 30), "April 1", "2026-13-01"]
)
def test_bad_dates_are_refused(value: object) -> None:
    with pytest.raises(ValidationError, match="published"):
        review(published=value)


def test_rating_must_lie_between_worst_and_best() -> None:
    assert review(rating={"value": 4.5}).rating is not None
    with pytest.raises(ValidationError, match="between worst"):
        review(rating={"value": 5.5})
    with pytest.raises(ValidationError, match="greater than worst"):
        review(rating={"value": 1, "best": 1, "worst": 1})


@pytest.mark.parametrize("number", [math.inf, -math.inf, math.nan])
@pytest.mark.parametrize("part", ["value", "best", "worst"])
def test_a_rating_is_a_finite_number(part: str, number: float) -> None:
    """TOML and JSON front matter hold `inf` and `NaN` too, and no JSON we write may."""
    with pytest.raises(ValidationError, match=rf"rating\.{part}\n.*finite number"):
        review(rating={"value": 3, part: number})


@pytest.mark.parametrize("number", [math.inf, -math.inf, math.nan])
def test_free_form_values_hold_only_finite_numbers(number: float) -> None:
    with pytest.raises(ValidationError, match=rf"extra\n.*a\.b\.1 is {number}; numbers must"):
        review(extra={"a": {"b": [1.5, number]}})
    with pytest.raises(ValidationError, match=rf"future\.x is {number}; numbers must be finite"):
        review(future={"x": number})
    assert review(extra={"a": [1e308, -0.0]}).extra == {"a": [1e308, -0.0]}


def test_tags_are_unique_ignoring_case() -> None:
    assert review(tags=["AI", "Models"]).tags == ["AI", "Models"]
    with pytest.raises(ValidationError, match="'ai' repeats 'AI'"):
        review(tags=["AI", "ai"])


@pytest.mark.parametrize(
    "path", ["../outside.png", "/etc/passwd", "assets/../../x.png", "C:/x.png", "a\\b.png", ""]
)
def test_hero_must_stay_inside_the_bundle(path: str) -> None:
    with pytest.raises(ValidationError, match=r"hero\.image"):
        review(hero={"image": path})


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org", "example.org", "https://"]
)
def test_only_http_urls(url: str) -> None:
    with pytest.raises(ValidationError, match="URL"):
        review(authors=[{"name": "A", "url": url}])
    with pytest.raises(ValidationError, match="URL"):
        review(seo={"canonical_url": url})


def test_extra_and_unknown_keys_are_carried_untouched() -> None:
    extra = {"nested": {"list": [1, "two", None]}, "when": date(2026, 1, 1)}
    r = review(extra=extra, future_key={"a": 1})
    assert r.extra == extra
    assert r.unknown_keys == {"future_key": {"a": 1}}


def test_hand_written_shortcuts() -> None:
    r = review(authors=["Jane Doe"], subject={"name": "X", "version": 2.1}, tags=[" spaced "])
    assert r.authors[0].name == "Jane Doe"
    assert r.subject is not None and r.subject.version == "2.1"
    assert r.tags == ["spaced"]


def test_schema_covers_every_key_of_the_format_and_not_the_body() -> None:
    properties = Review.model_json_schema()["properties"]
    assert tuple(properties) == KEY_ORDER
    assert "body" not in properties
    assert set(KEY_ORDER) >= {"format", "title", "hero", "key_insights", "seo", "extra"}
