"""What the CMS payloads (Ghost, WordPress) share: dates in UTC, scheduling, texts cut to a
limit, the article HTML with its images where they are published."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

from reviewdesk.core import assets, render
from reviewdesk.core.exports.base import ExportOptions, ExportResult
from reviewdesk.core.exports.publication import goes_live
from reviewdesk.core.layout import LayoutOptions, render_article
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import Review

_ELLIPSIS: Final = "…"


def utc(when: date) -> datetime:
    """`when` as a UTC date-time; a date alone is its first moment in UTC. At the ends of
    the calendar (year 1 at +14:00, 9999-12-31 at -12:00) the UTC moment lies beyond what a
    date-time can hold: the first or last one that it can is taken, hours from the real one."""
    if isinstance(when, datetime):  # before `date`: a datetime is a date too
        try:
            return when.astimezone(UTC)
        except OverflowError:
            return (datetime.min if when.year == 1 else datetime.max).replace(tzinfo=UTC)
    return datetime(when.year, when.month, when.day, tzinfo=UTC)


def is_scheduled(review: Review, now: datetime) -> bool:
    """Published, with a publication date after `now`: for the CMS to publish later."""
    published = review.published
    return goes_live(review) and published is not None and utc(published) > now


def fit(text: str, limit: int, what: str, warnings: list[str]) -> str:
    """`text`, or when longer than `limit` its words that fit followed by an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - len(_ELLIPSIS)]
    if not text[len(head)].isspace():  # the cut falls inside a word: drop that word
        # The last word from its start only: `\S+\Z` alone read each word to its end
        # from each of its characters, quadratic in the word's length.
        shorter = re.sub(r"(?<!\S)\S+\Z", "", head)
        head = shorter if shorter.strip() else head  # one endless word: cut it anyway
    warnings.append(f"{what} is longer than {limit} characters; shortened to fit")
    return head.rstrip() + _ELLIPSIS


def article_html(review: Review, options: ExportOptions) -> str:
    """The published article, its images under `asset_base_url` when given."""
    base = options.asset_base_url
    layout = LayoutOptions(
        summary_label=options.summary_label,
        show_footer=options.show_footer,
        asset_base=base.rstrip("/") + "/" if base else "",
    )
    return render_article(
        review,
        render_markdown(review.body, raw_html=options.raw_html, language=review.language),
        layout,
    )


def image_warnings(review: Review, folder: Path, options: ExportOptions) -> list[str]:
    """Missing images, and relative paths that the CMS cannot resolve on its own."""
    warnings = render.local_assets(review, folder)[1]
    if assets.local_paths(review) and not options.asset_base_url:
        warnings.append(
            "images keep their relative paths; pass --asset-base-url to make them absolute"
        )
    return warnings


def hero_url(review: Review, options: ExportOptions) -> str | None:
    """Where the hero is published, as the article's `<img>` has it."""
    if review.hero is None:
        return None
    path = quote(review.hero.image, safe="/")  # a file name, not yet a URL
    return render.absolute_url(options.asset_base_url, path)


def json_result(data: dict[str, Any], warnings: list[str]) -> ExportResult:
    """A payload as the file or standard output gets it."""
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return ExportResult(text, ".json", (), tuple(warnings))
