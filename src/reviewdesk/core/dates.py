"""Dates as a page shows them, in the review's language: CLDR's abbreviated month, day and year
(the skeleton `yMMMd`) through Babel, so `en` reads "Apr 11, 2026", `en-GB` "11 Apr 2026",
`de` "11. Apr. 2026" and `fr` "11 avr. 2026", whatever the machine's locale.

`yMMMd` rather than CLDR's "medium" date format: the medium format is numeric in some languages
(German "11.04.2026", Japanese "2026/04/11"), which reads as an ambiguous figure on a page; the
abbreviated month is a word in every language."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton

__all__ = ["FALLBACK_LANGUAGE", "human_date", "locale_of"]

FALLBACK_LANGUAGE = "en"
"""The language of a review whose tag Babel knows nothing of (and the default of `language`)."""

_SKELETON = "yMMMd"


def human_date(when: date, language: str) -> str:
    """`when` in `language`'s words (a BCP 47 tag): its calendar day as written, a date-time's
    too (no conversion to another time zone). A tag Babel does not know, or a malformed one,
    gives the English date, never an error."""
    day = when.date() if isinstance(when, datetime) else when
    return format_skeleton(_SKELETON, day, locale=locale_of(language))


@lru_cache(maxsize=256)
def locale_of(language: str) -> Locale:
    """The CLDR locale of a BCP 47 tag: the whole tag, or the longest start of it that CLDR has
    (`de-XX` is `de`, `en-US-x-house` is `en-US`), else English. CLDR's `root`, the data every
    language inherits from, is no language of its own: English too."""
    parts = language.split("-")
    for end in range(len(parts), 0, -1):
        try:
            found = Locale.parse("-".join(parts[:end]), sep="-")
        except (UnknownLocaleError, ValueError, TypeError):
            continue
        if found.language != "root":
            return found
    return Locale.parse(FALLBACK_LANGUAGE)
