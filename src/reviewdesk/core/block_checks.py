"""The publishing checks of the review blocks (verdict, scores, where to buy, updates) and of
the rich results their structured data may earn: warnings, each naming the field to fix."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Final

from reviewdesk.core import bundle
from reviewdesk.core.model import DEFAULT_SCALE, Review
from reviewdesk.core.problems import Problem, Severity

if TYPE_CHECKING:
    from reviewdesk.core.checks import Locator

VERDICT_MAX: Final = 400
"""The bottom line is a short paragraph: beyond this, it is an essay beside the rating."""
OFFER_FRESH_DAYS: Final = 30
"""Prices and stock change: an offer seen longer ago than this is to be checked again."""
NOTES_MIN: Final = 2
"""Pros and cons in all that search engines want before they show them."""

WARNING = Severity.WARNING
NO_RICH_RESULT = "this review cannot get a pros/cons rich result"


def block_problems(review: Review, at: Locator, today: date) -> list[Problem]:
    return [
        *_pros_cons_result(review, at),
        *_verdict(review, at),
        *_scores(review, at),
        *_disclosure(review, at),
        *_offers_checked(review, at, today),
        *_updates_order(review, at),
        *_modified_before_published(review, at),
    ]


def _pros_cons_result(review: Review, at: Locator) -> list[Problem]:
    """Why pros and cons the writer gave cannot show in search results (none is no wish to)."""
    notes = [item for item in [*review.pros, *review.cons] if item.strip()]
    if not notes:
        return []
    problems = []
    if len(notes) < NOTES_MIN:
        field = "pros" if any(item.strip() for item in review.pros) else "cons"
        problems.append(
            at.field(
                field,
                f"{NO_RICH_RESULT}: it has one pro or con, and search engines want at least "
                f"{NOTES_MIN} in all",
                WARNING,
            )
        )
    if review.subject is None or not review.subject.name.strip():
        problems.append(
            at.field(
                "subject.name",
                f"{NO_RICH_RESULT}: nothing names the product it reviews; give the subject's name",
                WARNING,
            )
        )
    return problems


def _verdict(review: Review, at: Locator) -> list[Problem]:
    length = len(review.verdict.strip())
    if length <= VERDICT_MAX:
        return []
    message = f"is {length:,} characters; keep the bottom line to {VERDICT_MAX}"
    return [at.field("verdict", message, WARNING)]


def _scores(review: Review, at: Locator) -> list[Problem]:
    best, worst = (review.rating.best, review.rating.worst) if review.rating else DEFAULT_SCALE
    return [
        at.field(
            f"scores.{index}.value",
            f"{score.value:g} is off the rating's scale of {worst:g} to {best:g}",
            WARNING,
        )
        for index, score in enumerate(review.scores)
        if not worst <= score.value <= best
    ]


def _disclosure(review: Review, at: Locator) -> list[Problem]:
    """A sponsored link needs the disclosure before it; the line is the first such offer's."""
    sponsored = [index for index, offer in enumerate(review.offers) if offer.sponsored]
    if not sponsored or review.disclosure.strip():
        return []
    sellers = ", ".join(review.offers[index].seller for index in sponsored)
    message = (
        f"is missing while {len(sponsored)} offer(s) are sponsored ({sellers}); tell readers "
        "you may earn from these links"
    )
    line = at.line_of(f"offers.{sponsored[0]}.sponsored")
    return [Problem(at.folder / bundle.REVIEW_FILE, line, "disclosure", message, WARNING)]


def _offers_checked(review: Review, at: Locator, today: date) -> list[Problem]:
    problems = []
    for index, offer in enumerate(review.offers):
        if offer.checked is None:
            continue
        age = (today - offer.checked).days
        if age > OFFER_FRESH_DAYS:
            what = "price and link" if offer.price is not None else "link"
            problems.append(
                at.field(
                    f"offers.{index}.checked",
                    f"is {offer.checked.isoformat()}, {age:,} days ago; check the {what} "
                    "again and the date with them",
                    WARNING,
                )
            )
    return problems


def _updates_order(review: Review, at: Locator) -> list[Problem]:
    """The log in date order, either way (oldest or newest first): an update out of that
    order is most likely a mistyped date (the page sorts the log whatever the order)."""
    direction = 0  # 1 oldest first, -1 newest first, 0 not known yet
    for index in range(1, len(review.updates)):
        above, here = review.updates[index - 1].date, review.updates[index].date
        step = int(_before(above, here)) - int(_before(here, above))
        if step == 0:
            continue
        if direction == 0:
            direction = step
        elif step != direction:
            order = "oldest first" if direction == 1 else "newest first"
            message = (
                f"{_text(here)} is out of date order: the log runs {order}, and the update "
                f"above it is of {_text(above)}"
            )
            return [at.field(f"updates.{index}.date", message, WARNING)]
    return []


def _modified_before_published(review: Review, at: Locator) -> list[Problem]:
    """The page's dateModified (the latest of `updated` and the log) before its publication."""
    published, modified = review.published, review.last_update
    if published is None or modified is None or not _before(modified, published):
        return []
    if modified == review.updated:
        field = "updated"
    else:
        field = f"updates.{[update.date for update in review.updates].index(modified)}.date"
    message = (
        f"{_text(modified)} is before the publication date, {_text(published)}; search "
        "engines would read that the review changed before it appeared"
    )
    return [at.field(field, message, WARNING)]


def _before(first: date, second: date) -> bool:
    """Two date-times compare as moments; a date with anything, as days."""
    if isinstance(first, datetime) and isinstance(second, datetime):
        return first < second
    return _day(first) < _day(second)


def _day(when: date) -> date:
    return when.date() if isinstance(when, datetime) else when


def _text(when: date) -> str:
    return when.isoformat()
