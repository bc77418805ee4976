"""Hypothesis strategies for reviews: valid ones built field by field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import strategies as st

from reviewdesk.core.model import (
    Author,
    Hero,
    Offer,
    Rating,
    Review,
    Score,
    Seo,
    Spec,
    Status,
    Subject,
    Update,
)

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


# Tags a writer uses, the default among them: a language with a region, a script, three letters.
languages = st.sampled_from(["en", "en-GB", "en-US", "de", "de-AT", "fr", "ja", "pt-BR", "zh-Hant"])
named = line.filter(bool)  # not blank: `line` has no white space at its ends
# On every scale ratings() draws (worst 0 or 1, best 5 or more), so that no score is off it.
scores = st.builds(
    Score,
    name=named,
    value=st.integers(2, 10).map(lambda n: n / 2),
    weight=st.sampled_from([1.0, 0.5, 2.0, 3.0]),
)
specs = st.builds(Spec, name=named, value=named)
currencies = st.sampled_from(["EUR", "USD", "GBP", "JPY", "CHF"])


@st.composite
def offers(draw: st.DrawFn) -> Offer:
    """Where to buy: a price always has its currency; a currency may come alone."""
    price = draw(st.none() | st.integers(0, 10_000_000).map(lambda cents: cents / 100))
    currency = draw(currencies if price is not None else st.none() | currencies)
    return Offer(
        seller=draw(named),
        url=draw(urls),
        price=price,
        currency=currency,
        checked=draw(st.none() | dates),
        sponsored=draw(st.booleans()),
    )


updates = st.builds(Update, date=dates | datetimes, note=named)


def unique_tags() -> st.SearchStrategy[list[str]]:
    return st.lists(line.filter(lambda s: s != ""), max_size=6, unique_by=str.casefold)


reviews = st.builds(
    Review,
    title=line.filter(bool),
    subtitle=multiline,
    slug=st.none() | slugs,
    language=languages,
    status=st.sampled_from(list(Status)),
    published=whens,
    updated=whens,
    category=line,
    badges=st.lists(line, max_size=3),
    authors=st.lists(st.builds(Author, name=line.filter(bool), url=st.none() | urls), max_size=3),
    subject=st.none()
    | st.builds(Subject, name=line.filter(bool), brand=line, url=st.none() | urls, version=line),
    rating=st.none() | ratings(),
    scores=st.lists(scores, max_size=4),
    tags=unique_tags(),
    hero=st.none()
    | st.builds(Hero, image=st.from_regex(r"assets/[a-z]{1,8}\.png", fullmatch=True), alt=line),
    summary=multiline,
    verdict=multiline,
    best_for=st.lists(line, max_size=3),
    skip_if=st.lists(line, max_size=3),
    pros=st.lists(line, max_size=5),
    cons=st.lists(line, max_size=5),
    key_features=st.lists(line, max_size=5),
    key_insights=st.lists(line, max_size=5),
    specs=st.lists(specs, max_size=4),
    offers=st.lists(offers(), max_size=3),
    disclosure=multiline,
    updates=st.lists(updates, max_size=3),
    seo=st.none() | st.builds(Seo, title=line, description=line, canonical_url=st.none() | urls),
    extra=st.dictionaries(words, st.integers() | line | st.lists(line, max_size=3), max_size=3),
    body=st.text(max_size=400),
)
