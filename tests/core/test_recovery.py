import os
import shutil
import time
from pathlib import Path

import pytest

from reviewdesk.core import bundle, recovery
from reviewdesk.core.model import Review
from tests.conftest import MakeBundle, snapshot


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_write_find_discard_never_touch_the_bundle(sample_bundle: Path, data_home: Path) -> None:
    before = snapshot(sample_bundle)
    review = bundle.load(sample_bundle)
    review.title = "Unsaved title"
    place = recovery.write(review, sample_bundle)
    assert place.is_relative_to(data_home)
    found = recovery.find(sample_bundle)
    assert found is not None and found.review == review
    assert (place / "origin.txt").read_text() == str(sample_bundle)
    recovery.discard(sample_bundle)
    assert recovery.find(sample_bundle) is None
    assert snapshot(sample_bundle) == before


def test_each_bundle_has_its_own_slot(tmp_path: Path) -> None:
    assert recovery.slot(tmp_path / "a" / "r") != recovery.slot(tmp_path / "b" / "r")
    assert recovery.slot(None).name.startswith("untitled-")


def test_an_unreadable_copy_is_ignored(sample_bundle: Path) -> None:
    place = recovery.write(bundle.load(sample_bundle), sample_bundle)
    (place / "review.yaml").write_bytes(b"\xff")
    assert recovery.find(sample_bundle) is None


def newer_than_its_bundle(place: Path) -> None:
    """A copy's time one minute after now: written after its bundle, whatever the clock's
    resolution."""
    later = time.time() + 60
    os.utime(place / recovery.ORIGIN_FILE, (later, later))


def test_pending_are_the_copies_with_changes_their_bundle_lacks_newest_first(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    edited = make_bundle(name="edited")
    saved_since = make_bundle(name="saved-since")
    same = make_bundle(name="same")
    gone = make_bundle(name="gone")
    for folder in (edited, saved_since, gone):
        recovery.write(Review(title=f"Unsaved {folder.name}"), folder)
    newer_than_its_bundle(recovery.write(bundle.load(same), same))  # nothing unsaved in it
    newer_than_its_bundle(recovery.slot(edited))
    bundle.save(Review(title="Saved after the copy"), saved_since)
    later = time.time() + 120
    os.utime(saved_since / "review.yaml", (later, later))
    shutil.rmtree(gone)
    recovery.write(Review(title="Never saved"), None)
    newest = time.time() + 300
    os.utime(recovery.slot(None) / recovery.ORIGIN_FILE, (newest, newest))

    found = recovery.pending()
    assert [(c.review.title, c.origin) for c in found] == [
        ("Never saved", None),
        ("Unsaved edited", edited),
        ("Unsaved gone", gone),
    ]
    assert [c.review.title for c in recovery.of(saved_since)] == ["Unsaved saved-since"]


def test_a_copy_set_aside_is_out_of_autosave_reach_and_still_offered(
    sample_bundle: Path,
) -> None:
    first = Review(title="Put off for later")
    newer_than_its_bundle(recovery.write(first, sample_bundle))
    found = recovery.find(sample_bundle)
    assert found is not None
    kept = recovery.set_aside(found)
    assert kept.place.parent == recovery.recovery_root() / recovery.KEPT_DIR
    assert recovery.find(sample_bundle) is None
    recovery.write(Review(title="Typed since"), sample_bundle)
    later = time.time() + 120  # the autosave of new edits, after the writer said Later
    os.utime(recovery.slot(sample_bundle) / recovery.ORIGIN_FILE, (later, later))
    assert [c.review.title for c in recovery.of(sample_bundle)] == ["Typed since", first.title]
    assert first.title in [c.review.title for c in recovery.pending()]
    assert recovery.set_aside(kept) == kept  # set aside once
    recovery.discard(sample_bundle)  # a save drops the live copy, not the one kept
    assert [c.review.title for c in recovery.of(sample_bundle)] == [first.title]
    recovery.discard_copy(kept)
    assert recovery.of(sample_bundle) == []


def test_the_copy_time_is_when_it_was_written_not_when_its_files_last_changed(
    sample_bundle: Path,
) -> None:
    review = bundle.load(sample_bundle).model_copy(update={"summary": "Unsaved"})
    place = recovery.write(review, sample_bundle)
    old = time.time() - 3600
    for name in ("review.yaml", "body.md", recovery.ORIGIN_FILE):
        os.utime(place / name, (old, old))
    recovery.write(review, sample_bundle)  # the same bytes: bundle.save leaves its files be
    found = recovery.find(sample_bundle)
    assert found is not None and found.saved_at.timestamp() > old + 3000
    assert found in recovery.pending()
