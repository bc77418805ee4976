"""Front-matter values of static sites read as values of a review: a plain number as a rating,
tags as a list or as Jekyll's space-separated text, dates as dates or as text with or without
an offset. Each reader returns the value and, when it read it in a way a writer may not
expect, a note saying how; a value it cannot read raises UnreadableError, and the import keeps
that key under `extra` as written."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any


class UnreadableError(ValueError):
    """A value no field of a review can hold; the text says what it is."""


@dataclass(frozen=True)
class Read:
    value: Any
    note: str = ""  # how the value was read, when a writer may not expect it


def shown(value: Any) -> str:
    """`value` as a message shows it: text quoted and cut short, containers by their kind."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def text(value: Any) -> Read:
    """A one-line or paragraph field: text, or a number or date written as text."""
    if isinstance(value, str):
        return Read(value)
    if _number(value):
        return Read(str(value))
    if isinstance(value, date):
        return Read(value.isoformat())
    raise UnreadableError(f"{shown(value)} is not text")


def text_list(value: Any, *, split: bool = False) -> Read:
    """A list of short texts. With `split`, text is several items as Jekyll reads tags and
    categories: split at commas when it has any (a writer's list), else at spaces."""
    if value is None:
        return Read([])
    if isinstance(value, list):
        items = [text(item).value.strip() for item in value]
        return Read([item for item in items if item])
    if isinstance(value, str) and split:
        by_comma = "," in value
        items = [part.strip() for part in value.split(",")] if by_comma else value.split()
        items = [item for item in items if item]
        if len(items) < 2:
            return Read(items)
        at = "commas" if by_comma else "spaces, as Jekyll does"
        return Read(items, f"{shown(value)} read as {len(items)} items, split at {at}")
    item = text(value).value.strip()
    return Read([item] if item else [])


_WHEN = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)


def when(value: Any) -> Read:
    """A date, or a date-time with an offset: YAML's and TOML's own, or text as Jekyll and
    Hugo write it (`2024-03-05 14:10:00 +0800`). A time without an offset is taken as UTC,
    as both generators do without a time zone set."""
    if isinstance(value, datetime):
        return Read(value if value.utcoffset() is not None else value.replace(tzinfo=UTC))
    if isinstance(value, date):
        return Read(value)
    match = _WHEN.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise UnreadableError(f"{shown(value)} is not a date")
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    try:
        if hour is None:
            return Read(date(int(year), int(month), int(day)))
        micro = int((fraction or "0").ljust(6, "0"))
        moment = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro
        )
    except ValueError:
        raise UnreadableError(f"{shown(value)} is not a date") from None
    return Read(moment.replace(tzinfo=_zone(offset)))


def _zone(offset: str | None) -> timezone:
    if offset is None or offset.upper() in ("Z", "UTC", "GMT"):
        return UTC
    digits = offset[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
    return timezone(timedelta(minutes=-minutes if offset[0] == "-" else minutes))


_FLAGS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def flag(value: Any) -> bool:
    """`draft: true`, also written as text (`"false"`)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _FLAGS:
        return _FLAGS[value.strip().lower()]
    raise UnreadableError(f"{shown(value)} is not true or false")


_RATING = re.compile(r"(\d+(?:\.\d+)?)\s*(?:(?:/|out\s+of|of)\s*(\d+(?:\.\d+)?))?", re.IGNORECASE)
_SCALES = (5, 10, 100)


def rating(value: Any) -> Read:
    """A rating: ReviewDesk's own mapping as it is; a number, on the smallest usual scale
    (5, 10 or 100) that holds it; text such as `4.5`, `8/10` or `4 out of 5`."""
    if isinstance(value, dict):
        return Read(value)
    best: float | None = None
    if _number(value):
        score = float(value)
    elif isinstance(value, str) and (match := _RATING.fullmatch(value.strip())):
        score = float(match[1])
        best = float(match[2]) if match[2] else None
    else:
        raise UnreadableError(f"{shown(value)} is not a rating")
    if best is None:
        best = next((float(scale) for scale in _SCALES if score <= scale), None)
    if best is None or not 0 <= score <= best or best <= 1:
        raise UnreadableError(f"{shown(value)} is not a rating on a scale ReviewDesk knows")
    worst = 1.0 if score >= 1 else 0.0
    written = value.strip() if isinstance(value, str) else str(value)
    return Read(
        {"value": score, "best": best, "worst": worst},
        f"{written} read as {score:g} out of {best:g}",
    )


_AUTHOR_NAMES = ("name", "display_name", "title")
_AUTHOR_URLS = ("url", "link", "website", "homepage", "uri")


def authors(value: Any) -> Read:
    """Authors as names, `{name, url}` mappings, or a list of either. A mapping with more
    than a name and a web address (an e-mail, an avatar) is not read: ReviewDesk's author
    has no place for the rest, and the import keeps the key whole instead."""
    if value is None:
        return Read([])
    found = [_author(item) for item in (value if isinstance(value, list) else [value])]
    return Read([author for author in found if author["name"]])


def _author(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"name": value.strip()}
    if not isinstance(value, dict):
        raise UnreadableError(f"{shown(value)} is not an author")
    keys = {str(key).lower(): item for key, item in value.items()}
    name = next((keys.pop(key) for key in _AUTHOR_NAMES if key in keys), None)
    url = next((keys.pop(key) for key in _AUTHOR_URLS if key in keys), None)
    if not isinstance(name, str) or keys or (url is not None and not isinstance(url, str)):
        others = ", ".join(sorted(keys)) or "no name"
        raise UnreadableError(f"an author with {others} is more than ReviewDesk's name and URL")
    return {"name": name.strip()} | ({"url": url} if url else {})
