"""Fuzzing the core with what a writer, a script or a broken disk may leave in a bundle: raw
bytes and structure-aware YAML against load, validate, check, every export and import. Never a
traceback (only a BundleError naming the problem), never over 5 s, never a write after a
failed load."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.core import bundle, checks, exports, importer
from reviewdesk.core.model import KEY_ORDER, Review
from reviewdesk.core.problems import BundleError, Problem
from tests.conftest import snapshot
from tests.strategies import reviews

FUZZ = settings(
    max_examples=120,
    deadline=5000,  # never a hang: each example, every step, within 5 s
    suppress_health_check=[HealthCheck.too_slow],
)

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.text(max_size=30) | st.dates() | st.datetimes()
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                   max_size=4),
    max_leaves=12,
)  # fmt: skip
keys = st.sampled_from([*KEY_ORDER, "rating.value", "seo", "tags", "zzz", ""]) | st.text(
    max_size=10
)
documents = st.dictionaries(keys, values, max_size=10).map(
    lambda data: {"format": "reviewdesk/1", "title": "Fuzzed", **data}
)
markdown = st.text(
    alphabet=st.sampled_from([*"ab #*_`[]()!<>-=|:\n\t\\{}^~&;'\"", "\u00e9", "\U0001f600"]),
    max_size=400,
)


@contextmanager
def bundle_of(review_yaml: bytes, body: bytes) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp()) / "fuzzed"
    folder.mkdir()
    (folder / "review.yaml").write_bytes(review_yaml)
    (folder / "body.md").write_bytes(body)
    try:
        yield folder
    finally:
        shutil.rmtree(folder.parent)


def load_or_problem(folder: Path) -> Review | None:
    """The review, or None after a BundleError whose every problem names a file."""
    before = snapshot(folder)
    problems: tuple[Problem, ...] = ()
    review = None
    try:
        review = bundle.load(folder)
    except BundleError as error:
        problems = error.problems
    assert snapshot(folder) == before  # loading writes nothing, failed or not
    if review is None:
        assert problems and all(str(problem.file) for problem in problems)
    return review


def everything_else(folder: Path, review: Review | None) -> None:
    for problem in checks.validate(folder) + checks.check(folder):
        assert str(problem)  # printable, one line per problem
    if review is None:
        return
    for to in exports.FORMATS:
        result = exports.export(review, folder, to)
        assert isinstance(result.text, str)
    markdown_file = folder.parent / "exported.md"
    markdown_file.write_text(exports.export(review, folder, "markdown").text, encoding="utf-8")
    back, _warnings = importer.read_markdown(markdown_file)
    assert back.title == review.title


@FUZZ
@given(st.binary(max_size=600), st.binary(max_size=600))
def test_raw_bytes(review_yaml: bytes, body: bytes) -> None:
    with bundle_of(review_yaml, body) as folder:
        everything_else(folder, load_or_problem(folder))


@FUZZ
@given(documents, markdown)
def test_structure_aware_yaml_and_markdown(data: dict[str, Any], body: str) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    with bundle_of(text, body.encode("utf-8")) as folder:
        everything_else(folder, load_or_problem(folder))


@FUZZ
@given(reviews, keys, values, markdown)
def test_a_valid_review_with_one_field_broken(
    review: Review, key: str, value: Any, body: str
) -> None:
    data = yaml.safe_load(bundle.review_yaml(review))
    data[key] = value
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    with bundle_of(text, body.encode("utf-8")) as folder:
        everything_else(folder, load_or_problem(folder))


@FUZZ
@given(markdown)
def test_any_body_of_a_valid_review_exports_everywhere(body: str) -> None:
    valid = b"format: reviewdesk/1\ntitle: A fuzzed body\npros: [One, Two]\ncons: [Three]\n"
    with bundle_of(valid, body.encode("utf-8")) as folder:
        review = load_or_problem(folder)
        assert review is not None
        everything_else(folder, review)


@FUZZ
@given(st.binary(max_size=800))
def test_import_of_any_file(data: bytes) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        source = folder / "post.md"
        source.write_bytes(data)
        problems: tuple[Problem, ...] = ()
        try:
            review, _warnings = importer.import_markdown(source, folder / "bundle")
        except BundleError as error:
            problems = error.problems
        if problems:
            assert not (folder / "bundle").exists()  # nothing half-made
        else:
            assert bundle.load(folder / "bundle") == review
    finally:
        shutil.rmtree(folder)
