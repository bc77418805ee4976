"""Several reviews side by side: what a comparison page shows, row by row (core/compare.py
renders it).

Each review is a column, in the order given. The scores and the specifications are matched
across the reviews by their names, ignoring case and surrounding spaces: one row per name, in
the order the names first appear (the first review's, then those only later ones have). A
review without a criterion or spec leaves its cell empty, never a zero. A name a review
repeats is a row of its own for each time (its second "Price" meets another's second
"Price"), so no value of a review is lost."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from reviewdesk.core.jsonld import review_jsonld
from reviewdesk.core.model import Rating, Review, Score, Spec

MIN_REVIEWS, MAX_REVIEWS = 2, 6
"""How many reviews a comparison takes: beyond six, columns are too narrow to read."""


Value = TypeVar("Value")


class CompareError(ValueError):
    """Reviews that cannot be compared; the text says why, for the writer."""


@dataclass(frozen=True)
class Column:
    """One review of the comparison, from the bundle `folder`, at `position` (from 1)."""

    review: Review
    folder: Path
    position: int

    @property
    def name(self) -> str:
        """What is reviewed: the subject's name, else the one the title gives (as the
        review's JSON-LD names it)."""
        if self.review.subject is not None:
            return self.review.subject.name
        return str(review_jsonld(self.review)["name"])

    @property
    def rating(self) -> Rating | None:
        return self.review.overall_rating

    @property
    def url(self) -> str | None:
        """The review's published page, when it says where (its canonical URL)."""
        return self.review.seo.canonical_url if self.review.seo else None


@dataclass(frozen=True)
class Row(Generic[Value]):
    """A row of the scores or specifications: its name, as the review at `source` (a column
    index) writes it, and each column's value, None where the review has none."""

    name: str
    source: int
    cells: tuple[Value | None, ...]


@dataclass(frozen=True)
class Comparison:
    columns: tuple[Column, ...]
    scores: tuple[Row[Score], ...]
    specs: tuple[Row[Spec], ...]

    @classmethod
    def of(cls, reviews: Sequence[tuple[Review, Path]]) -> Comparison:
        """The comparison of `reviews` (each with its bundle's folder); CompareError for
        fewer than two or more than six."""
        check_count(len(reviews))
        columns = tuple(
            Column(review, Path(folder), position)
            for position, (review, folder) in enumerate(reviews, start=1)
        )
        return cls(
            columns,
            matched([column.review.scores for column in columns], lambda score: score.name),
            matched([column.review.specs for column in columns], lambda spec: spec.name),
        )

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def title(self) -> str:
        """ "A vs B vs C": the page's default title."""
        return " vs ".join(self.names)

    @property
    def language(self) -> str:
        """The page's language: the first review's (a column in another says its own)."""
        return self.columns[0].review.language

    def any(self, field: str) -> bool:
        """Whether any review has something in `field` (a Review attribute) to show."""
        return any(_shows(getattr(column.review, field)) for column in self.columns)


def check_count(count: int) -> None:
    """CompareError, naming `count`, unless it is a number of reviews a comparison takes."""
    if not MIN_REVIEWS <= count <= MAX_REVIEWS:
        given = f"{count} was given" if count == 1 else f"{count} were given"
        raise CompareError(f"a comparison needs {MIN_REVIEWS} to {MAX_REVIEWS} reviews; {given}")


def _shows(value: object) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def match_key(name: str) -> str:
    """What two names must share to be one row: the same words, whatever their case and the
    spaces around them."""
    return name.strip().casefold()


def matched(
    lists: Sequence[Sequence[Value]], name_of: Callable[[Value], str]
) -> tuple[Row[Value], ...]:
    """One row per name across `lists` (one list per column), in the order names first
    appear; a list's n-th item of a name meets the other lists' n-th of it."""
    rows: dict[tuple[str, int], tuple[str, int, list[Value | None]]] = {}
    for index, items in enumerate(lists):
        seen: dict[str, int] = {}
        for item in items:
            key = match_key(name_of(item))
            seen[key] = seen.get(key, 0) + 1
            row = rows.setdefault(
                (key, seen[key]), (name_of(item).strip(), index, [None] * len(lists))
            )
            row[2][index] = item
    return tuple(Row(name, source, tuple(cells)) for name, source, cells in rows.values())
