"""The publishing checks of the review blocks (core/block_checks.py): each a warning on the
field to fix, at its line of review.yaml, and nothing for a review that does it right."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reviewdesk.core import checks
from reviewdesk.core.problems import Severity
from tests.conftest import MakeBundle

# A review that passes every other check: what is found below is the blocks' alone.
CLEAN = (
    "format: reviewdesk/1\n"
    "title: T\n"
    "summary: S\n"
    "authors: [Ann]\n"
    "subject: {name: Example Gadget}\n"
    "pros: [Fast, Quiet]\n"
    "seo: {description: A description long enough for a search result to show it.}\n"
)
TODAY = date(2026, 5, 15)


def found(folder: Path, today: date = TODAY) -> dict[tuple[str, int | None], str]:
    problems = checks.check(folder, today=today)
    assert {problem.severity for problem in problems} <= {Severity.WARNING}
    return {(problem.field, problem.line): problem.message for problem in problems}


def test_a_review_with_every_block_done_right_passes(make_bundle: MakeBundle) -> None:
    folder = make_bundle(
        CLEAN + "verdict: Buy it.\n"
        "rating: {value: 8, best: 10, worst: 0}\n"
        "scores: [{name: Speed, value: 0}, {name: Price, value: 10}]\n"
        "offers:\n"
        "  - {seller: Shop, url: 'https://shop.example.org/', price: 9, currency: EUR,"
        " checked: 2026-04-15, sponsored: true}\n"
        "disclosure: We earn a commission.\n"
        "published: 2026-04-01\n"
        "updates: [{date: 2026-04-20, note: A}, {date: 2026-04-20, note: B},"
        " {date: 2026-05-03, note: C}]\n"
    )
    assert found(folder) == {}


@pytest.mark.parametrize(
    ("notes", "field"),
    [("pros: [Fast]\n", ("pros", 6)), ("pros: []\ncons: [Loud]\n", ("cons", 7))],
)
def test_a_single_pro_or_con_gets_no_rich_result(
    make_bundle: MakeBundle, notes: str, field: tuple[str, int]
) -> None:
    folder = make_bundle(CLEAN.replace("pros: [Fast, Quiet]\n", notes))
    assert found(folder) == {
        field: "this review cannot get a pros/cons rich result: it has one pro or con, "
        "and search engines want at least 2 in all"
    }


def test_pros_without_a_named_subject_get_no_rich_result(make_bundle: MakeBundle) -> None:
    folder = make_bundle(CLEAN.replace("subject: {name: Example Gadget}\n", ""))
    assert found(folder) == {
        ("subject.name", 1): "this review cannot get a pros/cons rich result: nothing names "
        "the product it reviews; give the subject's name"
    }
    # No pros and cons at all is no wish for the rich result: nothing to say.
    unnoted = CLEAN.replace("subject: {name: Example Gadget}\n", "").replace("Fast, Quiet", "")
    assert found(make_bundle(unnoted, name="unnoted")) == {}


def test_a_verdict_over_400_characters(make_bundle: MakeBundle) -> None:
    assert found(make_bundle(CLEAN + f"verdict: {'x' * 400}\n")) == {}
    folder = make_bundle(CLEAN + f"verdict: {'x' * 401}\n", name="long")
    assert found(folder) == {("verdict", 8): "is 401 characters; keep the bottom line to 400"}


def test_scores_off_the_rating_scale(make_bundle: MakeBundle) -> None:
    folder = make_bundle(
        CLEAN + "scores:\n"
        "  - {name: Speed, value: 5}\n"
        "  - {name: Price, value: 7}\n"  # off the default scale, 1 to 5
        "  - {name: Looks, value: 0.5}\n"
    )
    assert found(folder) == {
        ("scores.1.value", 10): "7 is off the rating's scale of 1 to 5",
        ("scores.2.value", 11): "0.5 is off the rating's scale of 1 to 5",
    }
    given = make_bundle(
        CLEAN + "rating: {value: 70, best: 100, worst: 0}\n"
        "scores: [{name: Speed, value: 7}, {name: Price, value: 101}]\n",
        name="given",
    )
    assert found(given) == {("scores.1.value", 9): "101 is off the rating's scale of 0 to 100"}


def test_a_sponsored_offer_needs_the_disclosure(make_bundle: MakeBundle) -> None:
    offers = (
        "offers:\n"
        "  - {seller: Shop, url: 'https://shop.example.org/'}\n"
        "  - seller: Market\n"
        "    url: https://market.example.org/\n"
        "    sponsored: true\n"
    )
    folder = make_bundle(CLEAN + offers)
    assert found(folder) == {
        ("disclosure", 12): "is missing while 1 offer(s) are sponsored (Market); tell readers "
        "you may earn from these links"
    }
    assert (
        found(make_bundle(CLEAN + offers + "disclosure: Links earn us a fee.\n", name="ok")) == {}
    )
    unsponsored = offers.replace("sponsored: true", "sponsored: false")
    assert found(make_bundle(CLEAN + unsponsored, name="unsponsored")) == {}


def test_an_offer_checked_more_than_30_days_ago(make_bundle: MakeBundle) -> None:
    folder = make_bundle(
        CLEAN + "offers:\n"
        "  - {seller: A, url: 'https://a.example.org/', price: 5, currency: EUR,"
        " checked: 2026-04-15}\n"
        "  - {seller: B, url: 'https://b.example.org/', price: 5, currency: EUR,"
        " checked: 2026-04-14}\n"
        "  - {seller: C, url: 'https://c.example.org/', checked: 2025-12-01}\n"
        "  - {seller: D, url: 'https://d.example.org/'}\n"
    )
    assert found(folder) == {
        ("offers.1.checked", 10): "is 2026-04-14, 31 days ago; check the price and link again "
        "and the date with them",
        ("offers.2.checked", 11): "is 2025-12-01, 165 days ago; check the link again and the "
        "date with them",
    }
    # Relative to the day of the check: a month earlier, all were fresh.
    assert found(folder, today=date(2026, 4, 15)) == {
        ("offers.2.checked", 11): "is 2025-12-01, 135 days ago; check the link again and the "
        "date with them",
    }
    assert found(folder, today=date(2025, 12, 31)) == {}  # 30 days: still fresh


def test_the_check_of_offers_is_against_the_computers_day_by_default(
    make_bundle: MakeBundle,
) -> None:
    folder = make_bundle(
        CLEAN + f"offers: [{{seller: A, url: 'https://a.example.org/', checked: "
        f"{date.today().isoformat()}}}]\n"
    )
    assert checks.check(folder) == []


@pytest.mark.parametrize(
    ("updates", "expected"),
    [
        (["2026-04-01", "2026-04-20", "2026-05-03"], None),  # oldest first
        (["2026-05-03", "2026-04-20", "2026-04-01"], None),  # newest first
        (["2026-04-20", "2026-04-20", "2026-04-01"], None),  # one day twice
        (["2026-04-20T10:00:00+02:00", "2026-04-20", "2026-04-21"], None),  # the same day
        (
            ["2026-04-01", "2026-04-20", "2025-05-03"],
            (
                "updates.2.date",
                "2025-05-03 is out of date order: the log runs oldest first, "
                "and the update above it is of 2026-04-20",
            ),
        ),
        (
            ["2026-05-03", "2026-04-20", "2026-04-20", "2026-06-01"],
            (
                "updates.3.date",
                "2026-06-01 is out of date order: the log runs newest first, "
                "and the update above it is of 2026-04-20",
            ),
        ),
        (
            ["2026-04-20T12:00:00+02:00", "2026-04-20T11:00:00Z", "2026-04-20T09:00:00Z"],
            (
                "updates.2.date",
                "2026-04-20T09:00:00+00:00 is out of date order: the log runs "
                "oldest first, and the update above it is of 2026-04-20T11:00:00+00:00",
            ),
        ),
    ],
)
def test_updates_out_of_date_order(
    make_bundle: MakeBundle, updates: list[str], expected: tuple[str, str] | None
) -> None:
    log = "".join(f"  - {{date: '{when}', note: N}}\n" for when in updates)
    folder = make_bundle(CLEAN + "updates:\n" + log)
    problems = found(folder)
    if expected is None:
        assert problems == {}
        return
    field, message = expected
    index = int(field.split(".")[1])
    assert problems == {(field, 9 + index): message}


def test_a_modification_before_the_publication(make_bundle: MakeBundle) -> None:
    folder = make_bundle(CLEAN + "published: 2026-04-11\nupdated: 2026-04-10\n")
    assert found(folder) == {
        ("updated", 9): "2026-04-10 is before the publication date, 2026-04-11; search engines "
        "would read that the review changed before it appeared"
    }
    logged = make_bundle(
        CLEAN + "published: 2026-04-11T12:00:00+02:00\n"
        "updates: [{date: '2026-04-11T09:00:00Z', note: A}, {date: 2026-04-11, note: B}]\n",
        name="logged",
    )
    # 09:00 UTC is 11:00 at +02:00: before; a day alone on the day of publication is not.
    assert found(logged) == {
        ("updates.0.date", 9): "2026-04-11T09:00:00+00:00 is before the publication date, "
        "2026-04-11T12:00:00+02:00; search engines would read that the review changed before "
        "it appeared"
    }
