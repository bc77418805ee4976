"""The exported page's JSON-LD against Google's review-snippet rules (jsonld_rules.py): the
sample through Chromium, a review with every block and any review through html.parser in every
output that carries JSON-LD, and broken JSON-LD caught."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from reviewdesk.core import bundle, exports, front_matter
from reviewdesk.core.exports.publication import as_exported
from reviewdesk.core.model import Author, Offer, Review, Score, Spec, Update
from reviewdesk.core.resources import resource
from tests.strategies import reviews

from .axe import run_axe
from .jsonld_rules import RULES, Page, check, format_problems, parse_page

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


def _json_payload(text: str) -> Page:
    data = json.loads(text)
    return Page(parse_page(data["article_html"]).text, (json.dumps(data["jsonld"]),))


def _ghost_post(text: str) -> Page:
    post = json.loads(text)["posts"][0]
    return Page(parse_page(post["html"]).text, parse_page(post["codeinjection_head"]).jsonld)


def _wordpress_post(text: str) -> Page:
    post = json.loads(text)
    return Page(parse_page(post["content"]).text, (post["meta"]["reviewdesk_jsonld"],))


def _site_page(text: str) -> Page:
    """A Hugo page's or Jekyll post's: the JSON-LD its layout prints from the front matter as
    it is, and the pros and cons it shows, one a line: typeset as the front matter's
    `reviewdesk.shown` pairs each text with its typeset one (the real builds of both:
    tests/e2e/test_static_site_builds.py)."""
    data = front_matter.split(text).data
    own = data["reviewdesk"]
    typeset = {pair["typed"]: pair["shown"] for pair in own.get("shown", {}).get("texts", [])}
    shown = [typeset.get(item, item) for item in [*data.get("pros", []), *data.get("cons", [])]]
    return Page("\n".join(shown), (own["head"]["jsonld"],))


# Each output that carries JSON-LD: what a reader of it sees, with its JSON-LD.
OUTPUTS: dict[str, Callable[[str], Page]] = {
    "html": parse_page,
    "json": _json_payload,
    "ghost": _ghost_post,
    "wordpress": _wordpress_post,
    "hugo": _site_page,
    "jekyll": _site_page,
}


def _problems(review: Review, folder: Path, to: str) -> list[str]:
    page = OUTPUTS[to](exports.export(review, folder, to).text)
    rated = review.overall_rating is not None
    return [f"{p.rule}: {p.message}" for p in check(page.jsonld, page.text, rated=rated)]


def with_blocks(review: Review) -> Review:
    """`review` with every review block: a verdict, scores, specs, offers (one sponsored, one
    without a price), a disclosure and updates."""
    return review.model_copy(
        update={
            "language": "en-GB",
            "verdict": "The best small model we have tried for private drafting.",
            "best_for": ["Writers who work offline"],
            "skip_if": ["You need long-document recall"],
            "scores": [
                Score(name="Writing", value=4.5),
                Score(name="Tool calls", value=5, weight=2),
                Score(name="Recall", value=2.5),
            ],
            "specs": [Spec(name="Parameters", value="3.8 billion"), Spec(name="Context", value=64)],
            "offers": [
                Offer(
                    seller="Example Store",
                    url="https://shop.example.org/wrenfall",
                    price=19.99,
                    currency="EUR",
                    checked=date(2026, 4, 10),
                    sponsored=True,
                ),
                Offer(
                    seller="Example Market",
                    url="https://market.example.org/w",
                    price=24,
                    currency="EUR",
                ),
                Offer(seller="Halden Bay Labs", url="https://example.org/halden-bay/buy"),
            ],
            "disclosure": "We earn a commission when you buy through these links.",
            "updates": [
                Update(date=date(2026, 4, 20), note="Retested after the April update."),
                Update(date=date(2026, 5, 3), note="Added the hosted API's prices."),
            ],
        }
    )


@pytest.fixture(scope="module")
def blocks_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with every review block."""
    folder = tmp_path_factory.mktemp("jsonld-blocks") / "blocks"
    shutil.copytree(resource("sample"), folder)
    bundle.save(with_blocks(bundle.load(folder)), folder)
    return folder


@pytest.mark.parametrize("to", sorted(OUTPUTS))
def test_a_review_with_every_block_follows_the_rules(blocks_bundle: Path, to: str) -> None:
    review = bundle.load(blocks_bundle)
    assert _problems(review, blocks_bundle, to) == []
    unrated = review.model_copy(update={"rating": None})  # rated by its scores
    assert _problems(unrated, blocks_bundle, to) == []


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


def _day(when: date) -> date:
    return when.date() if isinstance(when, datetime) else when


def _modified_before_published(review: Review) -> bool:
    published, modified = review.published, review.last_update
    if published is None or modified is None:
        return False
    if isinstance(published, datetime) and isinstance(modified, datetime):
        return modified < published  # two moments
    return _day(modified) < _day(published)  # a day with anything: the days


def _expected(review: Review) -> set[str]:
    """What Google would refuse because of what the writer wrote or left out, which
    `reviewdesk check` reports too; nothing else may be wrong with the JSON-LD. `review` as
    the exports see it (dated when published without a date)."""
    expected = set()
    if _modified_before_published(review):
        expected.add("date-modified")
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
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(review=reviews)
def test_any_review_follows_the_rules_in_every_output(tmp_path: Path, review: Review) -> None:
    expected = _expected(as_exported(review, datetime.now().astimezone())[0])
    for to in OUTPUTS:
        found = _problems(review, tmp_path, to)
        assert {problem.split(":")[0] for problem in found} == expected, (to, found)


def test_a_review_without_a_subject_reviews_a_type_google_shows(tmp_path: Path) -> None:
    review = Review(title="Kettle Review", authors=[Author(name="Jane Doe")], pros=["A", "B"])
    assert "item-type" not in _rule_ids(_export(review, tmp_path), rated=False)


def _break(page: str, change: str) -> str:
    """`page` with its JSON-LD changed by `change`, a rule that the change breaks (on the page
    of the review with every block: some need a part the sample has not got)."""
    match = SCRIPT.search(page)
    assert match
    data = json.loads(match.group(2).replace("\\u003c", "<"))
    review = data["review"]
    if change == "note-visible":
        review["positiveNotes"]["itemListElement"][0]["name"] = "Faster than any laptop, ever"
    elif change == "notes":
        review["positiveNotes"]["itemListElement"][0]["@type"] = "Thing"
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
    elif change == "item-type":  # with no notes and no specs, which would want a Product
        data["@type"] = "Thing"
        del review["positiveNotes"], review["negativeNotes"], data["additionalProperty"]
    elif change == "item-name":
        del data["name"]
    elif change == "context":
        data["@context"] = "https://example.org/vocabulary"
    elif change == "product-type":
        data["@type"] = "SoftwareApplication"
    elif change == "offer":
        data["offers"]["offerCount"] = 1  # of two offers
    elif change == "offer-price":
        data["offers"]["offers"][0]["price"] = "€19.99"
    elif change == "offer-currency":
        data["offers"]["priceCurrency"] = "euro"
    elif change == "offer-url":
        data["offers"]["offers"][1]["url"] = "/buy/wrenfall"
    elif change == "property":
        data["additionalProperty"][1]["value"] = ""
    elif change == "date":
        review["datePublished"] = "18 March 2026"
    elif change == "date-modified":
        review["dateModified"] = "2026-03-17"  # published on the 18th
    elif change == "syntax":
        return SCRIPT.sub(lambda m: f"{m.group(1)}{{{m.group(2)}{m.group(3)}", page, count=1)
    return SCRIPT.sub(lambda m: f"{m.group(1)}{json.dumps(data)}{m.group(3)}", page, count=1)


@pytest.fixture(scope="module")
def blocks_page(blocks_bundle: Path) -> str:
    return _export(bundle.load(blocks_bundle), blocks_bundle)


@pytest.mark.parametrize("change", RULES)
def test_the_rules_catch_broken_jsonld(blocks_page: str, change: str) -> None:
    assert _rule_ids(blocks_page, rated=True) == set()
    assert _rule_ids(_break(blocks_page, change), rated=True) == {change}


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
