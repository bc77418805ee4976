"""The misspellings of a review's fields and body, each located in its file."""

from __future__ import annotations

import shutil
from pathlib import Path

from reviewdesk.core import bundle, spelling_checks
from reviewdesk.core.resources import resource
from reviewdesk.core.spelling import SpellChecker
from reviewdesk.core.spelling_checks import Misspelling, find_misspellings
from tests.conftest import MakeBundle
from tests.spelling_dictionaries import dictionary

EVERY_FIELD = """\
format: reviewdesk/1
title: Teh title
subtitle: A subtitel
subject: {name: Brennfall Kettel, brand: Glenrok}
tags: [Quillstak]
summary: >-
  A summary on
  two lines, the secnd one wrong.
verdict: "A verdikt"
pros:
  - Good
  - Fine
  - teh best
cons: [A badd one]
key_features: [A featur]
key_insights: [An insigt]
best_for: [Peple]
skip_if: [Yuo]
hero: {image: assets/h.png, alt: An alt txet, caption: A captoin}
specs:
  - {name: Wieght, value: 2 kilograms or moer}
offers:
  - {seller: Kettel Shopp, url: "https://exmple.org/shopp"}
disclosure: A disclosur.
updates:
  - {date: 2026-01-02, note: A noet}
seo: {title: An SEO titel, description: An SEO descripton}
category: Not checkd
authors: [Nott Checked]
scores: [{name: Nott checked, value: 3}]
"""
BODY = "Intro with a wrod.\n\n```\ncodde\n```\n\nBrennfall and Glenrok and Quillstak, and thier.\n"


def test_every_field_and_the_body_are_checked_on_their_lines(make_bundle: MakeBundle) -> None:
    source = bundle.read(make_bundle(EVERY_FIELD, BODY))
    checker = SpellChecker.for_review(source.review, source.folder, dictionary=dictionary("en"))
    found = find_misspellings(source.review, checker, source.document)
    assert [(m.field, m.word, m.line) for m in found] == [
        ("title", "Teh", 2),
        ("subtitle", "subtitel", 3),
        ("summary", "secnd", 8),
        ("verdict", "verdikt", 9),
        ("pros.2", "teh", 13),
        ("cons.0", "badd", 14),
        ("key_features.0", "featur", 15),
        ("key_insights.0", "insigt", 16),
        ("best_for.0", "Peple", 17),
        ("skip_if.0", "Yuo", 18),
        ("hero.alt", "txet", 19),
        ("hero.caption", "captoin", 19),
        ("specs.0.name", "Wieght", 21),
        ("specs.0.value", "moer", 21),
        ("disclosure", "disclosur", 24),
        ("updates.0.note", "noet", 26),
        ("seo.title", "titel", 27),
        ("seo.description", "descripton", 27),
        ("body", "wrod", 1),
        ("body", "thier", 7),
    ]  # the seller, Kettel Shopp, is one of the review's own names: never flagged in it
    body = source.review.body
    for misspelling in found:
        text = body if misspelling.field == "body" else _field_text(source.review, misspelling)
        assert text[misspelling.start : misspelling.end] == misspelling.word


def test_the_inputs_of_the_checked_fields_are_the_ones_underlined(
    make_bundle: MakeBundle,
) -> None:
    """An editor underlines the input of a field when `is_checked` names it: exactly the
    fields the check goes through, none of those it leaves (category, authors, scores...)."""
    review = bundle.load(make_bundle(EVERY_FIELD, BODY))
    checked = {".".join(map(str, path)) for path, _text in spelling_checks.checked_fields(review)}
    assert checked and all(spelling_checks.is_checked(path) for path in checked)
    assert spelling_checks.is_checked("pros.12") and spelling_checks.is_checked("offers.9.seller")
    not_checked = ["category", "authors.0.name", "scores.0.name", "offers.0.url", "slug",
                   "seo.canonical_url", "tags", "body", "hero.image", "pros", "titles"]  # fmt: skip
    assert not any(spelling_checks.is_checked(path) for path in not_checked)


def test_a_problem_of_a_misspelling_spans_its_word(make_bundle: MakeBundle) -> None:
    folder = make_bundle("format: reviewdesk/1\ntitle: A fine teh title\n", "Body.\n")
    [problem] = spelling_checks.check(folder)
    assert problem.field == "title" and problem.span == (7, 10)


def _field_text(review: object, misspelling: Misspelling) -> str:
    value = review
    for part in misspelling.field.split("."):
        value = value[int(part)] if part.isdecimal() else getattr(value, part)  # type: ignore[index]
    assert isinstance(value, str)
    return value


def test_each_misspelling_is_a_warning_with_a_suggestion(make_bundle: MakeBundle) -> None:
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: A title\npros:\n  - Fast\n  - Cheap\n  - teh best\n",
        "Line one.\n\nWe recieve it. Xqzvw.\n",
    )
    lines = [str(problem) for problem in spelling_checks.check(folder)]
    assert lines == [
        f"{folder / 'review.yaml'}:6: warning: pros.2: spelling: 'teh' (the?)",
        f"{folder / 'body.md'}:3: warning: body: spelling: 'recieve' (receive?)",
        f"{folder / 'body.md'}:3: warning: body: spelling: 'Xqzvw'",
    ]


def test_a_missing_dictionary_is_one_warning_at_the_language(make_bundle: MakeBundle) -> None:
    folder = make_bundle("format: reviewdesk/1\ntitle: Teh\nlanguage: kl\n", "wrod\n")
    [problem] = spelling_checks.check(folder)
    assert str(problem).startswith(f"{folder / 'review.yaml'}:3: warning: language: no kl")
    assert str(problem).endswith("(Debian: apt install hunspell-kl)")


def test_an_unreadable_bundle_has_no_spelling_problems(make_bundle: MakeBundle) -> None:
    assert spelling_checks.check(make_bundle("format: reviewdesk/1\n")) == []  # no title


def test_the_sample_review_has_no_misspelling_in_its_language(tmp_path: Path) -> None:
    """The sample is written in British English and says so (`language: en-GB`): nothing is
    flagged. Its own names (Wrenfall, Halden Bay Labs, its tags, authors and the seller
    Quillstack) never are; checked as American English, its British spellings are."""
    dictionary("en-GB")
    sample = tmp_path / "sample"
    shutil.copytree(resource("sample"), sample)
    assert spelling_checks.check(sample) == []
    dictionary("en")
    text = (sample / "review.yaml").read_text(encoding="utf-8")
    (sample / "review.yaml").write_text(text.replace("language: en-GB\n", "", 1))
    flagged = {problem.message.split("'")[1] for problem in spelling_checks.check(sample)}
    british = {"licence", "Licence", "summarising", "centre", "quantised", "organisations"}
    assert flagged == {*british, "multimodal", "schemas"}
