"""What a review's status means to every export, as docs/STATUS.md tabulates it, and the date
a published review without one gets: the moment of the export, in every format that
publishes a page or a post (exports/publication.py)."""

import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.core import bundle, exports, front_matter
from reviewdesk.core.exports import ghost
from reviewdesk.core.exports.base import ExportOptions
from reviewdesk.core.exports.publication import as_exported
from reviewdesk.core.model import Review, Status
from tests.conftest import MakeBundle

ROOT = Path(__file__).resolve().parents[2]
DATED = "status is published but there is no publication date; dated "
TIME_ELEMENT = re.compile(r'<time id="review-published" data-field="published" datetime="([^"]+)"')


def front(text: str) -> dict[str, Any]:
    return front_matter.split(text).data


def jsonld(text: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert found, "no JSON-LD"
    data: dict[str, Any] = json.loads(found[1])
    return data


# How each format that publishes writes the publication date, and where it says it again.
DATE_OF: dict[str, Callable[[str], str]] = {
    "ghost": lambda text: json.loads(text)["posts"][0]["published_at"].replace("Z", "+00:00"),
    "wordpress": lambda text: json.loads(text)["date_gmt"] + "+00:00",
    "json": lambda text: json.loads(text)["review"]["published"],
    "hugo": lambda text: front(text)["date"].isoformat(),
    "jekyll": lambda text: front(text)["date"].isoformat(),
    "html": lambda text: TIME_ELEMENT.findall(text)[0],
    "fragment": lambda text: TIME_ELEMENT.findall(text)[0],
}

# Where the JSON-LD is: in the page's head, a key of the payload, Ghost's code injection.
JSONLD_OF: dict[str, Callable[[str], dict[str, Any]]] = {
    "html": jsonld,
    "json": lambda text: json.loads(text)["jsonld"],
    "ghost": lambda text: jsonld(json.loads(text)["posts"][0]["codeinjection_head"]),
    "wordpress": lambda text: json.loads(json.loads(text)["meta"]["reviewdesk_jsonld"]),
}


def now() -> datetime:
    return datetime.now().astimezone()


@pytest.fixture
def undated(make_bundle: MakeBundle) -> Path:
    """A published review that the writer gave no date."""
    return make_bundle("format: reviewdesk/1\ntitle: Undated\nstatus: published\n")


@pytest.mark.parametrize("to", DATE_OF)
def test_a_published_review_without_a_date_is_dated_when_exported(undated: Path, to: str) -> None:
    """Ghost got no `published_at` (Ghost picks a date of its own), WordPress no `date_gmt`,
    the pages and the JSON-LD no date at all; Jekyll dated the file name alone."""
    before = (now() - timedelta(seconds=1)).replace(second=0, microsecond=0)
    result = exports.export(bundle.load(undated), undated, to)
    after = now()
    when = datetime.fromisoformat(DATE_OF[to](result.text))
    assert when.utcoffset() is not None  # a moment, not midnight UTC of some day
    assert before <= when <= after, to
    assert sum(warning.startswith(DATED) for warning in result.warnings) == 1, result.warnings
    if to in JSONLD_OF:  # the JSON-LD says the same
        published = JSONLD_OF[to](result.text)["review"]["datePublished"]
        assert datetime.fromisoformat(published) == when


def test_ghost_and_wordpress_publish_an_undated_review_at_once(undated: Path) -> None:
    for to, live in (("ghost", "published"), ("wordpress", "publish")):
        result = exports.export(bundle.load(undated), undated, to)
        data = json.loads(result.text)
        assert (data["posts"][0] if to == "ghost" else data)["status"] == live


def test_jekyll_names_the_post_after_the_day_it_is_dated(undated: Path) -> None:
    result = exports.export(bundle.load(undated), undated, "jekyll")
    when = front(result.text)["date"]
    assert result.location == f"_posts/{when.date().isoformat()}-undated.html"
    assert not any("the post is dated today" in warning for warning in result.warnings)


def test_the_moment_east_of_greenwich_is_published_not_scheduled(tmp_path: Path) -> None:
    """At 08:00 in Sydney it is still yesterday in UTC: the bare date of the day would be
    midnight UTC, 14 hours ahead, and Ghost would schedule the post (Hugo leave it out)."""
    sydney = datetime(2026, 4, 12, 8, 0, 30, 123456, tzinfo=timezone(timedelta(hours=10)))
    review, warnings = as_exported(Review(title="T", status=Status.PUBLISHED), sydney)
    assert review.published == sydney.replace(second=0, microsecond=0)
    assert warnings == [
        DATED + "2026-04-12T08:00:00+10:00, the time of this export (set the date in the "
        "review to keep it)"
    ]
    post = ghost.payload(review, tmp_path, ExportOptions(), now=sydney)[0]["posts"][0]
    assert post["status"] == "published"
    assert post["published_at"] == "2026-04-11T22:00:00.000Z"
    bare = review.model_copy(update={"published": sydney.date()})
    assert ghost.payload(bare, tmp_path, ExportOptions(), now=sydney)[0]["posts"][0]["status"] == (
        "scheduled"
    )


@pytest.mark.parametrize("second", [0, 0.5, 0.999])
def test_the_date_is_never_the_second_of_the_export(second: float) -> None:
    """Jekyll replaces a date equal to its build's second with the file name's day, at
    midnight of its own zone (a post in the future west of the export): an export in a
    minute's first second is dated the minute before, so no later build can meet it."""
    at = datetime(2026, 4, 12, 8, 0, 0, tzinfo=UTC) + timedelta(seconds=second)
    review, _ = as_exported(Review(title="T", status=Status.PUBLISHED), at)
    assert review.published == datetime(2026, 4, 12, 7, 59, tzinfo=UTC)
    later, _ = as_exported(Review(title="T", status=Status.PUBLISHED), at + timedelta(seconds=1))
    assert later.published == datetime(2026, 4, 12, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.READY])
def test_only_a_published_review_is_dated(tmp_path: Path, status: Status) -> None:
    review = Review(title="T", status=status)
    assert as_exported(review, datetime.now(UTC)) == (review, [])
    dated = Review(title="T", status=Status.PUBLISHED, published=date(2026, 4, 11))
    assert as_exported(dated, datetime.now(UTC)) == (dated, [])


def test_markdown_carries_the_review_as_it_is(undated: Path) -> None:
    """Markdown is the review in one file, which imports back as it was: no date is added."""
    result = exports.export(bundle.load(undated), undated, "markdown")
    assert "published" not in {key for key in front(result.text) if key != "status"}
    assert front(result.text)["status"] == "published"
    assert result.warnings == ()


# --- docs/STATUS.md --------------------------------------------------------------------------


def status_table() -> dict[str, dict[str, str]]:
    """docs/STATUS.md's table: format -> status -> what the export writes (the cell's first
    `code`), for the cells that name one."""
    text = (ROOT / "docs" / "STATUS.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    statuses = [status.value for status in Status]
    assert header[1:4] == statuses, header
    table: dict[str, dict[str, str]] = {}
    for row in rows[1:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        name = re.search(r"`([a-z]+)`", cells[0])
        if name is None:
            continue
        table[name[1]] = {
            status: code[1]
            for status, cell in zip(statuses, cells[1:4], strict=True)
            if (code := re.search(r"`([^`]+)`", cell))
        }
    return table


def test_status_md_names_every_format() -> None:
    assert set(status_table()) == set(exports.FORMATS)


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("to", list(exports.FORMATS))
def test_each_export_writes_what_status_md_says(
    sample_bundle: Path, to: str, status: Status
) -> None:
    """The sample is dated in the past. `ready` was published by Ghost and WordPress and
    kept a draft by Hugo and Jekyll: it is now a draft everywhere."""
    expected = status_table()[to].get(status.value)
    if expected is None:
        return  # the format does not show the status (a page: the cell says so in words)
    review = bundle.load(sample_bundle).model_copy(update={"status": status})
    text = exports.export(review, sample_bundle, to).text
    assert expected in text, (to, status.value, expected)
