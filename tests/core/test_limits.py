"""Field length limits: a review past them is refused with one line naming file, line and
field, by the core and so by the command line and the app; one at them loads."""

from __future__ import annotations

import time
from typing import Any

import pytest

from reviewdesk.core import bundle, checks, edits, limits
from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError
from tests.conftest import MakeBundle, run_reviewdesk


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _problems(make_bundle: MakeBundle, yaml_text: str) -> list[str]:
    folder = make_bundle("format: reviewdesk/1\n" + yaml_text)
    with pytest.raises(BundleError) as refused:
        bundle.load(folder)
    return [str(problem).removeprefix(f"{folder}/") for problem in refused.value.problems]


def test_a_hundred_thousand_tags_are_refused_at_once(make_bundle: MakeBundle) -> None:
    tags = _flow([f"t{i}" for i in range(100_000)])
    started = time.perf_counter()
    found = _problems(make_bundle, f"title: Many tags\ntags: {tags}\n")
    assert found == ["review.yaml:3: tags: has 100,000 tags; the limit is 1,000"]
    # Most of it is reading the YAML: the tags are not validated one by one first.
    assert time.perf_counter() - started < 10


def test_a_megabyte_title_is_refused(make_bundle: MakeBundle) -> None:
    found = _problems(make_bundle, f"title: {'word ' * 200_000}\n")
    assert found == ["review.yaml:2: title: is 999,999 characters long; the limit is 1,000"]


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (
            f"tags: [short, {'x' * 101}]\n",
            "review.yaml:3: tags.1: is 101 characters long; the limit is 100",
        ),
        (
            f"pros: {_flow(['good'] * 1001)}\n",
            "review.yaml:3: pros: has 1,001 items; the limit is 1,000",
        ),
        (
            f"key_insights:\n  - {'y' * 10_001}\n",
            "review.yaml:4: key_insights.0: is 10,001 characters long; the limit is 10,000",
        ),
        (
            f"badges: {_flow([f'b{i}' for i in range(101)])}\n",
            "review.yaml:3: badges: has 101 badges; the limit is 100",
        ),
        (
            f"seo:\n  description: {'d' * 10_001}\n",
            "review.yaml:4: seo.description: is 10,001 characters long; the limit is 10,000",
        ),
        (
            f"subject:\n  name: X\n  url: https://example.org/{'p' * 8_000}\n",
            "review.yaml:5: subject.url: is 8,020 characters long; the limit is 8,000",
        ),
        (
            f"slug: {'a' * 201}\n",
            "review.yaml:3: slug: is 201 characters long; the limit is 200",
        ),
    ],
)
def test_each_limit_names_its_field_and_line(
    make_bundle: MakeBundle, yaml_text: str, expected: str
) -> None:
    assert _problems(make_bundle, "title: A review\n" + yaml_text) == [expected]


def test_a_review_at_every_limit_loads_and_one_more_is_refused(make_bundle: MakeBundle) -> None:
    at_limit: dict[str, Any] = {
        "title": "t" * limits.NAME_CHARS,
        "tags": [f"{i:04}{'x' * (limits.TAG_CHARS - 4)}" for i in range(limits.TAGS)],
        "pros": ["p" * 100] * limits.LIST_ITEMS,
        "summary": "s" * limits.PARAGRAPH_CHARS,
        "slug": "a" * limits.SLUG_CHARS,
        "badges": [f"b{i}" for i in range(limits.BADGES)],
    }
    review = Review.model_validate(at_limit)
    folder = make_bundle(bundle.review_yaml(review), "")
    assert bundle.load(folder) == review
    assert checks.validate(folder) == []
    for field, value in at_limit.items():
        more = [*value, "more"] if isinstance(value, list) else value + "a"
        with pytest.raises(edits.EditError):
            edits.replaced(review, field, more)


def test_the_app_is_refused_the_same_edit(make_bundle: MakeBundle) -> None:
    review = bundle.load(make_bundle())
    tags = [f"t{i}" for i in range(limits.TAGS)]
    assert edits.replaced(review, "tags", tags).tags == tags
    with pytest.raises(edits.EditError, match=r"^has 1,001 tags; the limit is 1,000$"):
        edits.replaced(review, "tags", [*tags, "one more"])
    with pytest.raises(edits.EditError, match=r"^is 1,001 characters long; the limit is 1,000$"):
        edits.replaced(review, "title", "t" * 1001)


def test_the_schema_says_the_limits() -> None:
    properties = Review.model_json_schema()["properties"]
    assert properties["title"]["maxLength"] == limits.NAME_CHARS
    assert properties["tags"]["maxItems"] == limits.TAGS
    assert properties["tags"]["items"]["maxLength"] == limits.TAG_CHARS


def test_the_command_line_names_file_line_and_field(make_bundle: MakeBundle) -> None:
    tags = _flow([f"t{i}" for i in range(100_000)])
    folder = make_bundle(f"format: reviewdesk/1\ntitle: Many tags\ntags: {tags}\n")
    for command in ("validate", "check"):
        done = run_reviewdesk(command, folder)
        assert done.returncode == 1
        assert done.stdout + done.stderr == (
            f"{folder / 'review.yaml'}:3: tags: has 100,000 tags; the limit is 1,000\n"
        ), command
