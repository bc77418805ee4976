"""Reading one bundle for the library: its entry and the texts to search. A bundle that cannot
be read gives its first problem and what could be read of it, never an exception."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reviewdesk.core import bundle, safe_files, yaml_text
from reviewdesk.core.library_entry import MATCH_END, MATCH_START, Entry
from reviewdesk.core.model import Review, Status
from reviewdesk.core.problems import BundleError
from reviewdesk.core.slug import is_slug, slugify

# The fields a search looks in, in the order a hit prefers them when matches tie.
SEARCH_FIELDS = (
    "title",
    "subtitle",
    "summary",
    "pros",
    "cons",
    "key_features",
    "key_insights",
    "verdict",
    "body",
)
_LIST_FIELDS = frozenset({"pros", "cons", "key_features", "key_insights"})
# The status bar's words (ui/status_bar.py): letters and digits, joined by ' or -.
_WORD = re.compile("[^\\W_]+(?:['\u2019-][^\\W_]+)*")
_STATUSES = frozenset(status.value for status in Status)
# The snippet markers must mean a match only.
_NO_MARKERS = str.maketrans({MATCH_START: " ", MATCH_END: " "})


@dataclass(frozen=True)
class Record:
    entry: Entry
    texts: tuple[str, ...]  # in SEARCH_FIELDS order


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def read_record(folder: Path, modified: float) -> Record:
    """The entry and texts of the bundle at `folder`; `modified` as the walk found it."""
    try:
        review = bundle.load(folder)
    except BundleError as error:
        problem = str(error.problems[0]) if error.problems else str(error)
        return _broken(folder, modified, problem)
    except Exception as error:  # one bundle's surprise (a bug, say) never stops a scan
        return _broken(folder, modified, f"{folder / bundle.REVIEW_FILE}: cannot be read: {error}")
    fields = {name: getattr(review, name) for name in SEARCH_FIELDS}
    return Record(_entry(review, folder, modified), _texts(fields, review.body))


def _entry(review: Review, folder: Path, modified: float) -> Entry:
    rating = review.overall_rating
    last_update = review.last_update
    return Entry(
        path=folder,
        title=review.title,
        slug=review.effective_slug,
        status=review.status.value,
        category=review.category,
        rating=rating.value if rating else None,
        best=rating.best if rating else None,
        tags=tuple(review.tags),
        words=count_words(review.body),
        published=review.published.isoformat() if review.published else "",
        updated=last_update.isoformat() if last_update else "",
        modified=modified,
    )


def _texts(data: Mapping[str, Any], body: str) -> tuple[str, ...]:
    found = {name: _text(data.get(name), name in _LIST_FIELDS) for name in SEARCH_FIELDS}
    found["body"] = body
    return tuple(found[name].translate(_NO_MARKERS) for name in SEARCH_FIELDS)


def _text(value: Any, is_list: bool) -> str:
    if is_list:
        items = value if isinstance(value, list) else []
        return "\n".join(item for item in items if isinstance(item, str))
    return value if isinstance(value, str) else ""


def _broken(folder: Path, modified: float, problem: str) -> Record:
    """What could be read of a bundle that cannot be loaded: the keys of review.yaml that
    have the right kind of value (when it parses at all) and the body's text."""
    data = _salvaged_keys(folder)
    body = _salvaged_body(folder)
    title = _text(data.get("title"), False).strip() or folder.name
    slug = _text(data.get("slug"), False)
    status = _text(data.get("status"), False)
    tags = data.get("tags")
    entry = Entry(
        path=folder,
        title=title,
        slug=slug if is_slug(slug) else slugify(title) or "review",
        status=status if status in _STATUSES else Status.DRAFT.value,
        category=_text(data.get("category"), False),
        rating=None,
        best=None,
        tags=tuple(tag for tag in tags if isinstance(tag, str)) if isinstance(tags, list) else (),
        words=count_words(body),
        published=_iso(data.get("published")),
        updated=_iso(data.get("updated")),
        modified=modified,
        problem=problem,
    )
    return Record(entry, _texts({**data, "title": title}, body))


def _salvaged_keys(folder: Path) -> dict[str, Any]:
    try:
        raw = safe_files.read_inside(folder, folder / bundle.REVIEW_FILE, bundle.MAX_YAML_BYTES)
        data = yaml_text.parse(raw.decode("utf-8")).data
    except Exception:  # that it cannot be read is known already: keep what can be
        return {}
    return data if isinstance(data, dict) else {}


def _salvaged_body(folder: Path) -> str:
    try:
        raw = safe_files.read_inside(folder, folder / bundle.BODY_FILE, bundle.MAX_BODY_BYTES)
    except (OSError, safe_files.UnsafeFile):
        return ""
    return raw.decode("utf-8", errors="replace")


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else ""
