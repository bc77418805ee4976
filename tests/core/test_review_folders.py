"""A new review's folder, made on its first save: named from the slug, never over anything."""

from pathlib import Path

import pytest

from reviewdesk.core import bundle, review_folders
from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError


def test_the_folder_is_the_slug_then_numbered_never_over_what_exists(tmp_path: Path) -> None:
    parent = tmp_path / "Reviews"  # made with the first folder
    first = review_folders.reserve(parent, "sony-wh-1000xm5-review")
    assert first == parent / "sony-wh-1000xm5-review" and first.is_dir()
    (parent / "sony-wh-1000xm5-review-2").write_text("a file, not a folder")
    (parent / "sony-wh-1000xm5-review-3").symlink_to(tmp_path / "nowhere")  # a broken link
    assert review_folders.reserve(parent, "sony-wh-1000xm5-review") == (
        parent / "sony-wh-1000xm5-review-4")  # fmt: skip
    assert (parent / "sony-wh-1000xm5-review-2").read_text() == "a file, not a folder"
    assert not (tmp_path / "nowhere").exists()


def test_a_long_slug_is_cut_to_a_name_a_disk_takes(tmp_path: Path) -> None:
    slug = "-".join(["word"] * 60)  # 299 characters
    folder = review_folders.reserve(tmp_path, slug)
    assert len(folder.name) <= review_folders.MAX_NAME_CHARS
    assert slug.startswith(folder.name) and not folder.name.endswith("-")


def test_a_reviews_folder_that_is_a_file_is_named_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "Reviews").write_text("not a folder")
    with pytest.raises(BundleError) as raised:
        review_folders.reserve(tmp_path / "Reviews", "a-review")
    assert str(raised.value.problems[0]) == (
        f"{tmp_path / 'Reviews'}: is not a folder: no review can go in it")  # fmt: skip


def test_a_reviews_folder_that_cannot_be_made_is_named_in_one_line(tmp_path: Path) -> None:
    parent = tmp_path / ("x" * 300)  # longer than a file name may be
    with pytest.raises(BundleError) as raised:
        review_folders.reserve(parent, "a-review")
    assert str(raised.value.problems[0]) == (
        f"{parent / 'a-review'}: could not be made: File name too long"
    )


def test_release_removes_a_folder_only_while_a_failed_save_left_it_empty(tmp_path: Path) -> None:
    folder = review_folders.reserve(tmp_path, "a-review")
    (folder / bundle.ASSETS_DIR).mkdir()
    review_folders.release(folder)
    assert not folder.exists()
    saved = review_folders.reserve(tmp_path, "a-review")
    bundle.save(Review(title="A review"), saved)
    review_folders.release(saved)
    assert bundle.load(saved).title == "A review"


def test_a_broken_link_for_a_reviews_folder_is_named_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "Reviews").symlink_to(tmp_path / "unmounted")
    with pytest.raises(BundleError) as raised:
        review_folders.reserve(tmp_path / "Reviews", "a-review")
    assert str(raised.value.problems[0]) == (
        f"{tmp_path / 'Reviews'}: is not a folder: no review can go in it")  # fmt: skip


def test_the_default_reviews_folder_is_in_the_documents_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / ".config").mkdir(parents=True)
    (home / ".config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/Papers"\n')
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    assert review_folders.default_reviews_dir() == home / "Papers" / "Reviews"
    (home / "Reviews").mkdir()  # where an earlier version put them: kept
    assert review_folders.default_reviews_dir() == home / "Reviews"
