"""Bringing a picture into the bundle's assets/: only a regular file is read, only the bundle's
own assets folder is written, and a copy is whole or absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.images import write_png
from reviewdesk.core.assets import AssetError
from reviewdesk.ui.asset_import import import_asset
from tests.conftest import FREE_ON_FULL_DISK


@pytest.fixture
def review(tmp_path: Path) -> Path:
    folder = tmp_path / "review"
    (folder / "assets").mkdir(parents=True)
    return folder


def test_a_picture_is_copied_under_a_free_name(review: Path, tmp_path: Path) -> None:
    picture = write_png(tmp_path / "chart.png", 8, 8)
    assert import_asset(review, picture) == "assets/chart.png"
    assert import_asset(review, picture) == "assets/chart-2.png"
    assert (review / "assets" / "chart-2.png").read_bytes() == picture.read_bytes()
    assert import_asset(review, review / "assets" / "chart.png") == "assets/chart.png"
    assert sorted(os.listdir(review / "assets")) == ["chart-2.png", "chart.png"]


def test_a_fifo_or_a_device_chosen_is_refused_without_blocking(
    full_disk: Path, tmp_path: Path
) -> None:
    review = full_disk / "review"  # copying /dev/zero without a check stops at once here
    (review / "assets").mkdir(parents=True)
    os.mkfifo(tmp_path / "pipe.png")
    with pytest.raises(AssetError, match=r"pipe\.png is a FIFO, not a file$"):
        import_asset(review, tmp_path / "pipe.png")
    with pytest.raises(AssetError, match=r"^/dev/zero is a device, not a file$"):
        import_asset(review, Path("/dev/zero"))
    assert os.listdir(review / "assets") == []


def test_an_assets_folder_that_leads_out_of_the_bundle_is_not_written(
    review: Path, tmp_path: Path
) -> None:
    (tmp_path / "elsewhere").mkdir()
    (review / "assets").rmdir()
    (review / "assets").symlink_to(tmp_path / "elsewhere")
    picture = write_png(tmp_path / "chart.png", 8, 8)
    with pytest.raises(AssetError, match=r"assets is a link to a folder outside the review$"):
        import_asset(review, picture)
    assert os.listdir(tmp_path / "elsewhere") == []


def test_a_full_disk_leaves_no_part_of_the_copy(full_disk: Path, tmp_path: Path) -> None:
    review = full_disk / "review"
    (review / "assets").mkdir(parents=True)
    picture = tmp_path / "large.png"
    picture.write_bytes(b"L" * 2 * FREE_ON_FULL_DISK)
    with pytest.raises(AssetError, match=r"large\.png: could not be written: No space left"):
        import_asset(review, picture)
    assert os.listdir(review / "assets") == []
