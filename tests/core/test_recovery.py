from pathlib import Path

import pytest

from reviewdesk.core import bundle, recovery
from tests.conftest import snapshot


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
