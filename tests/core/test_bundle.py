import difflib
import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.core import bundle
from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError
from tests.conftest import MakeBundle, snapshot
from tests.strategies import reviews

HAND_WRITTEN = """\
# My review, by hand
format: reviewdesk/1
title: 'Single quoted'     # keep me
published: 2026-04-11
updated: 2026-04-12 09:30:00+02:00
rating: {value: 4.5}
pros: [Fast, Cheap]   # flow style
my_own_key:
  nested: [1, 2]
tags:
  - One
  - two
"""


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_load_then_save_is_byte_identical(sample_bundle: Path, make_bundle: MakeBundle) -> None:
    crlf = make_bundle(HAND_WRITTEN.replace("\n", "\r\n"), "Body\r\nwith CRLF\r\n", name="crlf")
    for folder in (sample_bundle, make_bundle(HAND_WRITTEN), crlf):
        before = snapshot(folder)
        bundle.save(bundle.load(folder), folder)
        assert snapshot(folder) == before  # not even rewritten: same bytes, same mtimes


def test_one_changed_field_changes_only_its_lines(make_bundle: MakeBundle) -> None:
    folder = make_bundle(HAND_WRITTEN)
    review = bundle.load(folder)
    review.pros.append("Small")
    bundle.save(review, folder)
    after = (folder / "review.yaml").read_text()
    assert changed_lines(HAND_WRITTEN, after) == [
        "-pros: [Fast, Cheap]   # flow style",
        "+pros:",
        "+  - Fast",
        "+  - Cheap",
        "+  - Small",
    ]
    assert bundle.load(folder) == review


def test_new_field_lands_in_place_and_body_is_separate(make_bundle: MakeBundle) -> None:
    folder = make_bundle(HAND_WRITTEN)
    review = bundle.load(folder)
    review.subtitle = "A deck"
    review.body = "New body\n"
    bundle.save(review, folder)
    after = (folder / "review.yaml").read_text()
    assert changed_lines(HAND_WRITTEN, after) == ["+subtitle: A deck"]
    assert after.splitlines()[3] == "subtitle: A deck"
    assert (folder / "body.md").read_text() == "New body\n"


def test_sample_round_trips_through_a_fresh_bundle(sample_bundle: Path, tmp_path: Path) -> None:
    review = bundle.load(sample_bundle)
    bundle.save(review, tmp_path / "copy")
    assert bundle.load(tmp_path / "copy") == review
    assert (tmp_path / "copy" / "assets").is_dir()


def test_load_accepts_the_review_yaml_path(sample_bundle: Path) -> None:
    assert bundle.load(sample_bundle / "review.yaml") == bundle.load(sample_bundle)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(review=reviews)
def test_any_valid_review_survives_save_and_load(tmp_path: Path, review: Review) -> None:
    folder = tmp_path / "b"
    shutil.rmtree(folder, ignore_errors=True)
    bundle.save(review, folder)
    assert bundle.load(folder) == review
    before = snapshot(folder)
    bundle.save(bundle.load(folder), folder)
    assert snapshot(folder) == before


def test_create_makes_a_valid_bundle_and_refuses_to_overwrite(tmp_path: Path) -> None:
    review = bundle.create(tmp_path / "new", "Fresh review")
    assert bundle.load(tmp_path / "new") == review
    assert (tmp_path / "new" / "review.yaml").read_text() == (
        "format: reviewdesk/1\ntitle: Fresh review\nstatus: draft\n"
    )
    with pytest.raises(BundleError, match="already exists"):
        bundle.create(tmp_path / "new", "Again")


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_save_that_fails_midway_leaves_the_previous_files(
    make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    folder = make_bundle(HAND_WRITTEN, "Old body\n")
    before = snapshot(folder)
    review = bundle.load(folder)
    review.title, review.body = "Changed", "New body\n"

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if step == "write":
        monkeypatch.setattr("reviewdesk.core.atomic.os.fdopen", _failing_fdopen)
    else:
        monkeypatch.setattr(f"reviewdesk.core.atomic.os.{step}", fail)
    with pytest.raises(BundleError, match="could not be saved: No space left on device"):
        bundle.save(review, folder)
    assert snapshot(folder) == before  # no temporary file left behind either
    assert bundle.load(folder).title == "Single quoted"


_real_fdopen = os.fdopen


class _FullDisk:
    """A file on a disk that fills up halfway through the write."""

    def __init__(self, fd: int, mode: str) -> None:
        self.file = _real_fdopen(fd, mode)

    def __enter__(self) -> "_FullDisk":
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()

    def write(self, data: bytes) -> int:
        self.file.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _failing_fdopen(fd: int, mode: str) -> _FullDisk:
    return _FullDisk(fd, mode)


def test_save_to_a_read_only_file_system_says_so(
    make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_bundle()
    before = snapshot(folder)
    review = bundle.load(folder)
    review.title = "Changed"

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(folder / "review.yaml"))

    monkeypatch.setattr("reviewdesk.core.atomic.tempfile.mkstemp", read_only)
    with pytest.raises(BundleError, match=r"review\.yaml: could not be saved: Read-only"):
        bundle.save(review, folder)
    assert snapshot(folder) == before


BAD_INPUTS = {
    "malformed YAML": ("format: reviewdesk/1\ntitle: [unclosed\n", "review.yaml:3: invalid YAML"),
    "wrong type": (
        "format: reviewdesk/1\ntitle: T\npros: 7\n",
        "review.yaml:3: pros: should be a valid list",
    ),
    "unknown format": (
        "format: reviewdesk/9\ntitle: T\n",
        "review.yaml:1: format: unsupported format 'reviewdesk/9'",
    ),
    "no format": ("title: T\n", "review.yaml:1: format: missing"),
    "not a mapping": ("- a\n- b\n", "review.yaml:1: must be a mapping"),
    "empty": ("", "review.yaml: is empty"),
    "bad slug": (
        "format: reviewdesk/1\ntitle: T\nslug: Not A Slug\n",
        "review.yaml:3: slug: must be lower-case letters and digits joined by hyphens",
    ),
    "hero leaves": (
        "format: reviewdesk/1\ntitle: T\nhero:\n  image: ../x.png\n",
        "review.yaml:4: hero.image: must stay inside the bundle",
    ),
    "hero absolute": (
        "format: reviewdesk/1\ntitle: T\nhero: {image: /etc/passwd}\n",
        "review.yaml:3: hero.image: must be a path relative to the bundle",
    ),
    "naive date-time": (
        "format: reviewdesk/1\ntitle: T\npublished: 2026-01-01T10:00:00\n",
        "review.yaml:3: published: a date-time needs a UTC offset",
    ),
    "bad author url": (
        "format: reviewdesk/1\ntitle: T\nauthors:\n  - name: A\n    url: javascript:x\n",
        "review.yaml:5: authors.0.url: must be an http",
    ),
    "unknown nested key": (
        "format: reviewdesk/1\ntitle: T\nrating:\n  value: 3\n  bset: 5\n",
        "review.yaml:5: rating.bset: is not a known key here",
    ),
    "body key": (
        "format: reviewdesk/1\ntitle: T\nbody: text\n",
        "review.yaml:3: body: the body belongs in body.md",
    ),
    "invalid UTF-8": (
        b"format: reviewdesk/1\ntitle: caf\xe9\n",
        "review.yaml:2: is not valid UTF-8 (byte 0xE9)",
    ),
    "random bytes": (bytes(range(256)) * 4, "review.yaml:2: is not valid UTF-8 (byte 0x80)"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_gets_one_clear_line_and_nothing_is_written(
    make_bundle: MakeBundle, name: str
) -> None:
    source, expected = BAD_INPUTS[name]
    folder = make_bundle(source)
    before = snapshot(folder)
    with pytest.raises(BundleError) as caught:
        bundle.load(folder)
    assert len(caught.value.problems) == 1
    assert f"{folder}/{expected}" in str(caught.value)
    assert snapshot(folder) == before


def test_body_problems_name_body_md(make_bundle: MakeBundle) -> None:
    folder = make_bundle(body=b"ok\n\xff\xfe")
    with pytest.raises(BundleError, match=r"body.md:2: is not valid UTF-8 \(byte 0xFF\)"):
        bundle.load(folder)
    (folder / "body.md").unlink()
    with pytest.raises(BundleError, match=r"body\.md: is missing"):
        bundle.load(folder)


def test_a_huge_body_is_refused_with_a_message(make_bundle: MakeBundle) -> None:
    folder = make_bundle(body="word " * (11 << 20))
    with pytest.raises(BundleError, match=r"body.md: is 55 MiB; the limit is 5 MiB"):
        bundle.load(folder)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="no such bundle folder"):
        bundle.load(tmp_path / "nope")


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    old=reviews, new=reviews, failing=st.sampled_from(["fdopen", "fsync"]), nth=st.integers(0, 1)
)
def test_any_save_that_fails_midway_keeps_the_previous_bundle(
    tmp_path: Path, old: Review, new: Review, failing: str, nth: int
) -> None:
    folder = tmp_path / "b"
    shutil.rmtree(folder, ignore_errors=True)
    bundle.save(old, folder)
    before = snapshot(folder)
    calls: list[object] = []
    real: Callable[..., Any] = _real_fdopen if failing == "fdopen" else os.fsync

    def flaky(*args: Any) -> Any:
        calls.append(args)
        if len(calls) - 1 != nth:
            return real(*args)
        if failing == "fdopen":
            return _FullDisk(*args)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(f"reviewdesk.core.atomic.os.{failing}", flaky)
        try:
            bundle.save(new, folder)
            failed = False
        except BundleError:
            failed = True
    if failed:
        assert snapshot(folder) == before
        assert bundle.load(folder) == old
    else:
        assert bundle.load(folder) == new


def test_an_impossible_date_is_a_problem_of_its_field(make_bundle: MakeBundle) -> None:
    folder = make_bundle("format: reviewdesk/1\ntitle: A review\npublished: 2026-02-30\n")
    with pytest.raises(BundleError) as raised:
        bundle.load(folder)
    (problem,) = raised.value.problems
    assert (problem.line, problem.field) == (3, "published")  # the problems list jumps there
