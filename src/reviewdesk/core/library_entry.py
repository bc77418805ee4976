"""What the reviews library tells about its bundles: an entry per bundle, a hit per search
result, and what a refresh did. Plain values, safe to hand from a worker thread to the UI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Around each match in a hit's snippet; the UI turns them into highlighting.
MATCH_START, MATCH_END = "\x02", "\x03"


@dataclass(frozen=True)
class Entry:
    """One bundle as the library lists it."""

    path: Path  # the bundle folder (absolute)
    title: str
    slug: str  # the effective slug
    status: str  # a Status value: draft, ready or published
    category: str
    rating: float | None  # overall_rating's value (from the scores when none is given)
    best: float | None  # the best of the rating's scale
    tags: tuple[str, ...]
    words: int  # words of the body
    published: str  # ISO date or date-time as in review.yaml; "" when none
    updated: str  # the review's last_update (ISO); "" when none
    modified: float  # newest mtime of review.yaml and body.md (seconds since the epoch)
    # A bundle that cannot be read: its first problem as `reviewdesk check` words it
    # (file:line: message), its other fields what could be read (the title, else the folder's
    # name). "" for a sound bundle.
    problem: str = ""


@dataclass(frozen=True)
class Hit:
    """A bundle a search found: the field shown and the text around its matches, each match
    between MATCH_START and MATCH_END."""

    path: Path
    field: str  # title, subtitle, summary, pros, cons, key_features, key_insights, verdict, body
    snippet: str  # both "" when the search was asked for fewer snippets than hits


@dataclass(frozen=True)
class Refreshed:
    """What a refresh did. `added` and `changed` are the bundles it read: new ones, and those
    whose review.yaml or body.md changed size, time or file (or were written too recently to
    trust their time; see library_scan). `broken` counts the unreadable bundles in the folders
    after the refresh, among all of them."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    broken: int = 0
