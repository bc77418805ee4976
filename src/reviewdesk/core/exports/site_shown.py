"""What the Hugo and Jekyll layouts show as the html export shows it, computed by the export
into the front matter (`reviewdesk.shown`, site_keys.py): neither Go's templates nor Liquid
has CLDR's dates in the review's language (core/dates.py) or the typographic rules
(core/typography.py).

    shown:
      language: de                        # the language of what follows
      dates: {"2026-03-18": 18. März 2026}  # each day the page shows, ISO 8601 -> its text
      texts:                              # each text the page shows that typesetting changes
        - {typed: Wait..., shown: Wait…}

The layouts look a value up by the day or the text as typed that they are about to print, and
print that as typed (a day in English) when they find none. So a text a writer edits by hand
in the front matter after the export shows as typed, never as a stale copy of the text it
replaced, whatever field or list position it is in; and a `language` edited by hand leaves the
whole of `shown` unused, since both its dates and its quotation marks are the old language's.
The typed text is kept beside its typeset one, not a hash of it: Liquid has no hash function,
and a writer reading the front matter sees what each entry is for. Texts typesetting leaves as
they are are not written. `reviewdesk import` reads none of it: it is made from the review's
own keys, and the next export makes it anew."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from reviewdesk.core.dates import human_date
from reviewdesk.core.model import Review
from reviewdesk.core.shown_text import paragraphs
from reviewdesk.core.typography import typeset

__all__ = ["page_texts", "shown"]

_LISTS = ("best_for", "skip_if", "pros", "cons", "key_features", "key_insights")


def shown(review: Review) -> dict[str, Any]:
    """The `shown` key of `review`'s page; empty when the page shows no date and no text that
    typesetting changes."""
    found: dict[str, Any] = {}
    if dates := _dates(review):
        found["dates"] = dates
    if texts := _texts(review):
        found["texts"] = texts
    return {"language": review.language} | found if found else {}


def _dates(review: Review) -> dict[str, str]:
    """Each day the page may show (published, updated, an offer's `checked`, an update's), in
    order: the calendar day as written, as the layouts' `datetime` attributes have it."""
    moments = [
        review.published,
        review.updated,
        *(offer.checked for offer in review.offers),
        *(update.date for update in review.updates),
    ]
    days = sorted({_day(when) for when in moments if when is not None})
    return {day.isoformat(): human_date(day, review.language) for day in days}


def _day(when: date) -> date:
    return when.date() if isinstance(when, datetime) else when


def _texts(review: Review) -> list[dict[str, str]]:
    """A pair for each distinct text of the page that typesetting changes, in page order."""
    pairs: dict[str, str] = {}
    for text in page_texts(review):
        if text not in pairs and (typeset_text := typeset(text, review.language)) != text:
            pairs[text] = typeset_text
    return [{"typed": typed, "shown": text} for typed, text in pairs.items()]


def page_texts(review: Review) -> Iterator[str]:
    """Every text the page shows as text (not alt text, URLs or the body), as the layouts
    print each: the summary, verdict and disclosure paragraph by paragraph (the html export
    typesets each paragraph by itself)."""
    yield from (review.title, review.subtitle, review.category, *review.badges, *review.tags)
    yield from (author.name for author in review.authors)
    if review.hero is not None:
        yield review.hero.caption
    for text in (review.summary, review.verdict, review.disclosure):
        yield from paragraphs(text)
    for name in _LISTS:
        yield from getattr(review, name)
    yield from (score.name for score in review.scores)
    for spec in review.specs:
        yield from (spec.name, spec.value)
    yield from (offer.seller for offer in review.offers)
    yield from (update.note for update in review.updates)
