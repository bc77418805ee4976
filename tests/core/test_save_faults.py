"""Faults during a save: the process killed at every step of it, a full disk, a read-only folder,
the bundle gone. The previous version stays intact and readable, or the new one is complete:
never a mix of the two, never a half-written file."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from reviewdesk.core import bundle
from reviewdesk.core.problems import BundleError
from tests.conftest import snapshot
from tests.core.test_commit import killed_save


def test_a_kill_at_any_step_of_a_save_leaves_the_old_or_the_new_review(sample_bundle: Path) -> None:
    """The sample review, its hero and chart included, saved by a process that SIGKILLs itself
    at its 1st, 2nd, ... write step (see tests/core/test_commit.py for what follows a kill)."""
    old = bundle.load(sample_bundle)
    new = old.model_copy(update={"title": "New title", "body": "New body\n"})
    pristine = sample_bundle.parent / "pristine"
    shutil.copytree(sample_bundle, pristine)
    outcomes = []
    for step in range(1, 40):
        shutil.rmtree(sample_bundle)
        shutil.copytree(pristine, sample_bundle)
        steps = killed_save(sample_bundle, new, step)
        loaded = bundle.load(sample_bundle)
        pair = (loaded.title, loaded.body)
        assert pair in {(old.title, old.body), ("New title", "New body\n")}, step
        outcomes.append("new" if loaded.title == "New title" else "old")
        again = loaded.model_copy(update={"summary": "Saved after the crash"})
        bundle.save(again, sample_bundle)  # settles the interrupted commit first
        assert bundle.load(sample_bundle) == again
        leftovers = {p.name for p in sample_bundle.iterdir()} - {"review.yaml", "body.md", "assets"}
        assert leftovers == set(), step
        if steps >= 0:
            break
    else:
        pytest.fail("the save never finished")
    assert step == steps + 1  # killed once at every one of its steps, then let through
    assert outcomes[0] == "old" and outcomes[-1] == "new"
    assert "new" in outcomes[:-1]  # a kill between the renames already reads as the new review


def test_a_full_disk_keeps_the_previous_bundle(
    sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(sample_bundle)
    review = bundle.load(sample_bundle)
    real_fdopen = os.fdopen

    class FullDisk:
        """A file on a disk with room for the first 100 bytes."""

        def __init__(self, fd: int, mode: str) -> None:
            self._stream = real_fdopen(fd, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *_exc: object) -> None:
            self._stream.close()

        def write(self, data: bytes) -> int:
            self._stream.write(data[:100])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    with pytest.raises(BundleError) as raised:
        bundle.save(review.model_copy(update={"body": "x" * 10_000}), sample_bundle)
    assert "could not be saved: No space left on device" in str(raised.value)
    assert snapshot(sample_bundle) == before  # no half file, no stray temporary file


def test_a_read_only_folder_is_refused_with_its_reason(
    sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(sample_bundle)
    review = bundle.load(sample_bundle)

    def read_only(*_args: object, **kwargs: object) -> tuple[int, str]:
        # What creating a file in a read-only folder gives (root would be let through by a
        # chmod, and tests run as root on CI).
        raise PermissionError(errno.EACCES, "Permission denied", str(kwargs.get("dir")))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(BundleError) as raised:
        bundle.save(review.model_copy(update={"title": "Changed"}), sample_bundle)
    # The file that could not be written, never a temporary file.
    assert (
        str(raised.value)
        == f"{sample_bundle / 'review.yaml'}: could not be saved: Permission denied"
    )
    assert snapshot(sample_bundle) == before
