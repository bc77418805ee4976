"""Which of the library's reviews are shown: by status, tag, category, publication dates and
rating (the search's part is in EntriesModel)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewdesk.core.library_index import Entry

BROKEN = "broken"  # the status filter's value for reviews that cannot be read


@dataclass(frozen=True)
class Criteria:
    """What a review must be to be shown; the defaults show every review."""

    status: str = ""  # a Status value, BROKEN, or "" for any
    tag: str = ""
    category: str = ""
    published_from: date | None = None
    published_to: date | None = None
    min_stars: float = 0.0  # the rating as stars out of five, whatever its scale

    def admits(self, entry: Entry) -> bool:
        return (
            self._status_fits(entry)
            and (not self.tag or self.tag.casefold() in (t.casefold() for t in entry.tags))
            and (not self.category or entry.category.casefold() == self.category.casefold())
            and self._dates_fit(entry)
            and (not self.min_stars or stars(entry) >= self.min_stars)
        )

    def _status_fits(self, entry: Entry) -> bool:
        if not self.status:
            return True
        if self.status == BROKEN:
            return bool(entry.problem)
        return not entry.problem and entry.status == self.status

    def _dates_fit(self, entry: Entry) -> bool:
        if self.published_from is None and self.published_to is None:
            return True
        if not entry.published:
            return False
        day = entry.published[:10]
        after = self.published_from is None or day >= self.published_from.isoformat()
        before = self.published_to is None or day <= self.published_to.isoformat()
        return after and before


def stars(entry: Entry) -> float:
    """The rating as stars out of five (0 without one)."""
    if entry.rating is None or not entry.best:
        return 0.0
    return 5 * entry.rating / entry.best
