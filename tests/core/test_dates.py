"""Dates in the review's language (core/dates.py), on every page that shows one: the html
layout (header, offers checked, update log) and the WordPress and Ghost article."""

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewdesk.core.dates import human_date
from reviewdesk.core.layout import LayoutOptions, render_article
from reviewdesk.core.model import Review
from reviewdesk.core.publish.blocks import post_content
from reviewdesk.core.publish.theme import ThemeParts
from tests.review_blocks import with_blocks

DAY = date(2026, 4, 11)
NO_BYLINE = ThemeParts(byline=False)  # the article prints the dates (Ghost's, a theme's without)


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "Apr 11, 2026"),
        ("en-US", "Apr 11, 2026"),
        ("en-GB", "11 Apr 2026"),
        ("en-gb", "11 Apr 2026"),  # BCP 47 tags are case-insensitive
        ("de", "11. Apr. 2026"),
        ("de-AT", "11. Apr. 2026"),
        ("fr", "11 avr. 2026"),
        ("fr-CA", "11 avr. 2026"),
        ("es", "11 abr 2026"),
        ("ja", "2026年4月11日"),
    ],
)
def test_a_date_reads_as_its_language_writes_it(language: str, shown: str) -> None:
    assert human_date(DAY, language) == shown


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("de-XX", "11. Apr. 2026"),  # a region CLDR does not know: the language's own
        ("en-GB-x-house", "11 Apr 2026"),  # a private use part: the tag before it
        ("xx", "Apr 11, 2026"),  # a language nobody has: English
        ("qq-ZZ", "Apr 11, 2026"),
        ("", "Apr 11, 2026"),  # malformed tags (the model refuses them; built without it)
        ("-", "Apr 11, 2026"),
        ("12-34", "Apr 11, 2026"),
        ("../../etc/passwd", "Apr 11, 2026"),
        ("root", "Apr 11, 2026"),  # CLDR's base data, no language
    ],
)
def test_an_unknown_or_malformed_language_reads_in_english(language: str, shown: str) -> None:
    assert human_date(DAY, language) == shown


def test_a_date_time_shows_its_own_calendar_day() -> None:
    # 23:30 in New York is the next day in UTC: the day shown is the one the writer wrote.
    late = datetime(2026, 4, 11, 23, 30, tzinfo=timezone(timedelta(hours=-4)))
    assert human_date(late, "en") == "Apr 11, 2026"
    assert human_date(late, "de") == "11. Apr. 2026"


def german(review: Review) -> Review:
    return with_blocks(review, language="de")


def test_the_page_shows_every_date_in_the_reviews_language(full_review: Review) -> None:
    article = render_article(german(full_review), "", LayoutOptions())
    assert 'datetime="2026-04-11">11. Apr. 2026</time>' in article  # published
    assert "Updated <time datetime=" in article and ">12. Apr. 2026</time>" in article
    assert 'checked <time datetime="2026-04-01">1. Apr. 2026</time>' in article
    assert '<time datetime="2026-04-20">20. Apr. 2026</time>' in article  # the update log
    assert '<time datetime="2026-05-03T09:30:00+02:00">3. Mai 2026</time>' in article
    assert "April" not in article and "Apr 11" not in article


def test_the_wordpress_and_ghost_article_shows_them_in_the_reviews_language(
    full_review: Review,
) -> None:
    markup = post_content(german(full_review), {}, NO_BYLINE).markup
    assert '<p class="review-dates">11. Apr. 2026 <span class="review-updated">Updated ' in markup
    assert "Updated 12. Apr. 2026</span>" in markup
    assert "checked 1. Apr. 2026</span>" in markup
    assert "<strong>Updated 3. Mai 2026:</strong>" in markup
    assert "<strong>Updated 20. Apr. 2026:</strong>" in markup
    assert "April" not in markup and "Apr 11" not in markup


def test_english_is_the_default_and_british_english_puts_the_day_first(
    full_review: Review,
) -> None:
    assert ">Apr 11, 2026</time>" in render_article(full_review, "", LayoutOptions())
    british = full_review.model_copy(update={"language": "en-GB"})
    assert ">11 Apr 2026</time>" in render_article(british, "", LayoutOptions())
    assert '"review-dates">11 Apr 2026 <span' in post_content(british, {}, NO_BYLINE).markup


@settings(max_examples=500, deadline=None)
@given(language=st.from_regex(r"\A[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}\Z"))
def test_any_tag_the_model_takes_gives_a_date(language: str) -> None:
    Review(title="T", language=language)  # a tag a review may hold
    shown = human_date(DAY, language)
    assert "2026" in shown or "٢٠٢٦" in shown  # some scripts have digits of their own
