"""What a review's status means to an export, the same in every format (docs/STATUS.md).

- `published` goes live: Hugo `draft: false`, Jekyll `published: true`, Ghost and WordPress
  publish it (or schedule it when its date is in the future).
- `ready` is finished but not public: every export keeps it a draft, like `draft`. Publishing
  is the writer's act of setting the status to `published`, never a side effect of exporting.

A published review without a date is dated at the moment of the export, in every format that
publishes a page or a post (exports.export calls `as_exported`; not markdown, the review itself
in one file, which imports back as it was): without it Ghost and WordPress pick their own date,
Jekyll names the post after the day it was built, and the page and its JSON-LD show none.
It is a date-time with the machine's offset, not a bare date: a bare date is midnight UTC to
Hugo and Ghost, hours in the future east of Greenwich, where the page would be left out of
the build or scheduled instead of published."""

from __future__ import annotations

from datetime import datetime, timedelta

from reviewdesk.core.model import Review, Status

ONE_SECOND = timedelta(seconds=1)


def goes_live(review: Review) -> bool:
    """Whether exports publish `review` (at its date) rather than keep it a draft."""
    return review.status is Status.PUBLISHED


def as_exported(review: Review, now: datetime) -> tuple[Review, list[str]]:
    """`review` as every export sees it, and a warning when that differs from the bundle: a
    published review without a date is dated `now` (aware), to the minute, and at least a
    second before `now`: Jekyll takes a date in the very second its build starts for no date
    at all, and then the day in the post's file name, at midnight of the site's time zone
    (an export at a minute's second 0 and a build in that second met it)."""
    if not goes_live(review) or review.published is not None:
        return review, []
    when = (now - ONE_SECOND).replace(second=0, microsecond=0)
    warning = (
        "status is published but there is no publication date; dated "
        f"{when.isoformat()}, the time of this export (set the date in the review to keep it)"
    )
    return review.model_copy(update={"published": when}), [warning]
