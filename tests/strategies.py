"""Hypothesis strategies for reviews: valid ones built field by field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import strategies as st

from reviewdesk.core.model import Author, Hero, Rating, Review, Seo, Status, Subject

# Text a writer might type: any printable character, including other scripts and emoji.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
    max_size=40,
)
line = text.filter(lambda s: s.strip() == s)
multiline = st.lists(line, max_size=4).map("\n".join)
words = st.from_regex(r"[A-Za-z][A-Za-z0-9 ]{0,20}[A-Za-z0-9]", fullmatch=True)
urls = st.from_regex(r"https://example\.org/[a-z0-9/-]{0,20}", fullmatch=True)
slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
# The whole calendar a review may hold: its ends (year 1 at +14:00, 9999 at -12:00) have no
# UTC date-time, and once broke every CMS export.
dates = st.dates(date(1, 1, 1), date(9999, 12, 31))
datetimes = st.builds(
    lambda d, tz: d.replace(tzinfo=tz, microsecond=0),
    st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59)),
    offsets | st.just(UTC),
)
whens = st.none() | dates | datetimes


@st.composite
def ratings(draw: st.DrawFn) -> Rating:
    worst = draw(st.integers(0, 1))
    best = draw(st.sampled_from([5, 10, 100]))
    value = draw(st.integers(worst * 2, best * 2)) / 2
    return Rating(value=value, best=best, worst=worst)


def unique_tags() -> st.SearchStrategy[list[str]]:
    return st.lists(line.filter(lambda s: s != ""), max_size=6, unique_by=str.casefold)


reviews = st.builds(
    Review,
    title=line.filter(bool),
    subtitle=multiline,
    slug=st.none() | slugs,
    status=st.sampled_from(list(Status)),
    published=whens,
    updated=whens,
    category=line,
    badges=st.lists(line, max_size=3),
    authors=st.lists(st.builds(Author, name=line.filter(bool), url=st.none() | urls), max_size=3),
    subject=st.none()
    | st.builds(Subject, name=line.filter(bool), brand=line, url=st.none() | urls, version=line),
    rating=st.none() | ratings(),
    tags=unique_tags(),
    hero=st.none()
    | st.builds(Hero, image=st.from_regex(r"assets/[a-z]{1,8}\.png", fullmatch=True), alt=line),
    summary=multiline,
    pros=st.lists(line, max_size=5),
    cons=st.lists(line, max_size=5),
    key_features=st.lists(line, max_size=5),
    key_insights=st.lists(line, max_size=5),
    seo=st.none() | st.builds(Seo, title=line, description=line, canonical_url=st.none() | urls),
    extra=st.dictionaries(words, st.integers() | line | st.lists(line, max_size=3), max_size=3),
    body=st.text(max_size=400),
)
