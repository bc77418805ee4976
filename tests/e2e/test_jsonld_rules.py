"""The exported page's JSON-LD against Google's review-snippet rules (jsonld_rules.py): the
sample through Chromium, any review through html.parser, and broken JSON-LD caught."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from reviewdesk.core import bundle, exports
from reviewdesk.core.model import Author, Review
from reviewdesk.core.resources import resource
from tests.strategies import reviews

from .axe import run_axe
from .jsonld_rules import check, format_problems, parse_page

SCRIPT = re.compile(r'(<script type="application/ld\+json">)(.*?)(</script>)', re.S)


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample exported as html, images beside it."""
    root = tmp_path_factory.mktemp("jsonld")
    shutil.copytree(resource("sample"), root / "sample")
    result = exports.export(bundle.load(root / "sample"), root / "sample", "html", stem="page")
    exports.write(result, root / "out" / "page.html")
    return root / "out" / "page.html"


def _export(review: Review, folder: Path) -> str:
    return exports.export(review, folder, "html").text


def _rule_ids(page: str, *, rated: bool) -> set[str]:
    parsed = parse_page(page)
    return {problem.rule for problem in check(parsed.jsonld, parsed.text, rated=rated)}


@pytest.mark.slow
def test_the_sample_follows_the_rules_in_chromium(sample_page: Path, chromium: Path) -> None:
    report = run_axe([sample_page], chromium=chromium, widths=(), text=True)
    assert report.runs == ()
    (page,) = report.pages
    assert len(page.jsonld) == 1
    problems = check(page.jsonld, page.text, rated=True)
    assert problems == [], format_problems(problems)
    # html.parser, used for the many reviews below, sees every note Chromium sees.
    parsed = parse_page(sample_page.read_text(encoding="utf-8"))
    assert parsed.jsonld == page.jsonld
    data = json.loads(page.jsonld[0])["review"]
    notes = [
        n["name"] for k in ("positiveNotes", "negativeNotes") for n in data[k]["itemListElement"]
    ]
    chromium_lines = {" ".join(line.split()) for line in page.text.split("\n")}
    parser_lines = {" ".join(line.split()) for line in parsed.text.split("\n")}
    assert set(notes) <= chromium_lines & parser_lines


def test_the_sample_follows_the_rules_without_a_browser(sample_page: Path) -> None:
    assert _rule_ids(sample_page.read_text(encoding="utf-8"), rated=True) == set()


def _expected(review: Review) -> set[str]:
    """What Google would refuse because of what the writer wrote or left out, which
    `reviewdesk check` reports too; nothing else may be wrong with the JSON-LD."""
    expected = set()
    if not review.authors:
        expected.add("author")
    notes = [*review.pros, *review.cons]
    named = [note for note in notes if note.strip()]
    if len(named) < len(notes):
        expected.add("note-empty")
    if notes and len(named) < 2:
        expected.add("notes-count")
    return expected


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(review=reviews)
def test_any_review_follows_the_rules(tmp_path: Path, review: Review) -> None:
    page = _export(review, tmp_path)
    assert _rule_ids(page, rated=review.rating is not None) == _expected(review)


def test_a_review_without_a_subject_reviews_a_type_google_shows(tmp_path: Path) -> None:
    review = Review(title="Kettle Review", authors=[Author(name="Jane Doe")], pros=["A", "B"])
    assert "item-type" not in _rule_ids(_export(review, tmp_path), rated=False)


def _break(page: str, change: str) -> str:
    """`page` with its JSON-LD changed by `change`, a name of a way to break it."""
    match = SCRIPT.search(page)
    assert match
    data = json.loads(match.group(2).replace("\\u003c", "<"))
    review = data["review"]
    if change == "note-visible":
        review["positiveNotes"]["itemListElement"][0]["name"] = "Faster than any laptop, ever"
    elif change == "note-empty":
        review["negativeNotes"]["itemListElement"][1]["name"] = " "
    elif change == "notes-count":
        del review["negativeNotes"]
        review["positiveNotes"]["itemListElement"] = review["positiveNotes"]["itemListElement"][:1]
    elif change == "author":
        review["author"] = [{"@type": "Person", "name": ""}]
    elif change == "rating-range":
        review["reviewRating"]["ratingValue"] = 7
    elif change == "rating":
        del review["reviewRating"]
    elif change == "one-review":
        data["review"] = [review, review]
    elif change == "item-type":
        data["@type"] = "Thing"
    elif change == "item-name":
        del data["name"]
    elif change == "context":
        data["@context"] = "https://example.org/vocabulary"
    elif change == "syntax":
        return SCRIPT.sub(lambda m: f"{m.group(1)}{{{m.group(2)}{m.group(3)}", page, count=1)
    return SCRIPT.sub(lambda m: f"{m.group(1)}{json.dumps(data)}{m.group(3)}", page, count=1)


@pytest.mark.parametrize(
    "change",
    [
        "note-visible",
        "note-empty",
        "notes-count",
        "author",
        "rating-range",
        "rating",
        "one-review",
        "item-type",
        "item-name",
        "context",
        "syntax",
    ],
)
def test_the_rules_catch_broken_jsonld(sample_page: Path, change: str) -> None:
    page = sample_page.read_text(encoding="utf-8")
    assert _rule_ids(_break(page, change), rated=True) == {change}


def test_a_rating_on_an_unrated_review_is_caught(sample_page: Path) -> None:
    assert _rule_ids(sample_page.read_text(encoding="utf-8"), rated=False) == {"rating"}


def test_a_note_hidden_from_readers_is_not_on_the_page(sample_page: Path) -> None:
    page = sample_page.read_text(encoding="utf-8")
    pros = re.search(r'<section class="review-list review-list--pros"', page)
    assert pros
    hidden = page[: pros.end()] + " hidden" + page[pros.end() :]
    assert _rule_ids(hidden, rated=True) == {"note-visible"}


@pytest.mark.slow
def test_chromium_sees_a_note_missing_from_the_page(
    sample_page: Path, chromium: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text(_break(sample_page.read_text(encoding="utf-8"), "note-visible"))
    (page,) = run_axe([broken], chromium=chromium, widths=(), text=True).pages
    problems = check(page.jsonld, page.text, rated=True)
    assert [p.rule for p in problems] == ["note-visible"], format_problems(problems)
