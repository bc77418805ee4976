"""Finding bundles in reviews folders: nested folders, never into a bundle, an assets/ or a hidden
folder, links met on the way never followed (no loop), and signatures that change with the
files."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reviewdesk.core import library_scan
from tests.library_bundles import refuse_listing, write, write_files


def found(*roots: Path) -> list[Path]:
    return [item.folder for item in library_scan.walk(list(roots)).found]


def test_bundles_at_any_depth_in_name_order(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    top = write(reviews / "top")
    deep = write(reviews / "site" / "2026" / "04" / "deep")
    year = write(reviews / "2025" / "kettle")
    assert found(reviews) == [year, deep, top]


def test_a_bundle_given_as_the_root_is_found_alone(tmp_path: Path) -> None:
    one = write(tmp_path / "one")
    assert found(one) == [one]


def test_never_into_a_bundle_an_assets_or_a_hidden_folder(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    outer = write(reviews / "outer")
    write(outer / "assets" / "not-a-review")  # a copy dropped among the images
    write(outer / "inner")  # a bundle inside a bundle is the bundle's business
    write(reviews / ".git" / "hidden")
    write(reviews / ".trash" / "deleted")
    write(reviews / "assets" / "stray")
    assert found(reviews) == [outer]


def test_a_folder_with_a_broken_review_yaml_is_a_bundle_still(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    dangling = reviews / "dangling"
    dangling.mkdir(parents=True)
    (dangling / "review.yaml").symlink_to(tmp_path / "nowhere.yaml")
    folder_named = reviews / "folder-named"
    (folder_named / "review.yaml").mkdir(parents=True)
    assert found(reviews) == [dangling, folder_named]


def test_a_link_given_is_followed_one_met_on_the_way_is_not(tmp_path: Path) -> None:
    """As the batch export finds bundles (core/bundle_tree.py): list and export agree."""
    write(tmp_path / "synced" / "2024" / "old")
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    (reviews / "synced").symlink_to(tmp_path / "synced")
    (reviews / "linked-bundle").symlink_to(tmp_path / "synced" / "2024" / "old")
    assert found(reviews) == []
    assert found(reviews / "synced") == [reviews / "synced" / "2024" / "old"]
    assert found(reviews / "linked-bundle") == [reviews / "linked-bundle"]


def test_link_loops_and_links_up_end_the_walk(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    kettle = write(reviews / "2025" / "kettle")
    (reviews / "2025" / "again").symlink_to(reviews)  # a loop
    (reviews / "2025" / "up").symlink_to(tmp_path)  # holds the reviews folder
    (reviews / "everything").symlink_to("/")  # the whole disk
    (reviews / "self").symlink_to(".")
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "to-b").symlink_to(b)
    (b / "to-a").symlink_to(a)
    write(b / "in-b")
    (reviews / "a").symlink_to(a)
    started = time.monotonic()
    assert found(reviews) == [kettle]
    assert found(a) == []
    assert found(a / "to-b") == [a / "to-b" / "in-b"]  # the link given; not b's back to a
    assert time.monotonic() - started < 5


def test_the_same_folder_twice_is_found_once(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    kettle = write(reviews / "2025" / "kettle")
    (tmp_path / "also-2025").symlink_to(reviews / "2025")
    assert found(reviews, reviews / "2025", reviews, tmp_path / "also-2025") == [kettle]


def test_a_folder_that_cannot_be_listed_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviews = tmp_path / "reviews"
    write(reviews / "locked" / "kept")
    refuse_listing(monkeypatch, reviews / "locked")
    walk = library_scan.walk([reviews])
    assert walk.unlisted == [reviews / "locked"]
    assert walk.found == []


def test_missing_roots_find_nothing(tmp_path: Path) -> None:
    walk = library_scan.walk([tmp_path / "gone"])
    assert (walk.found, walk.unlisted) == ([], [])


def test_cancelled_walk_says_so(tmp_path: Path) -> None:
    write(tmp_path / "reviews" / "one")
    walk = library_scan.walk([tmp_path / "reviews"], cancelled=lambda: True)
    assert walk.cancelled
    assert walk.found == []


def test_signature_changes_with_size_time_or_file(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "r", "format: reviewdesk/1\ntitle: T\n")

    def signature() -> library_scan.Found:
        (item,) = library_scan.walk([folder]).found
        return item

    first = signature()
    assert not library_scan.needs_reading(first.signature, signature())
    body = folder / "body.md"
    info = body.stat()
    body.write_text("Other.\n")  # same size, same time: another file only by its inode...
    os.utime(body, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert not library_scan.needs_reading(first.signature, signature())  # ...which it keeps
    staged = folder / "body.md.new"
    staged.write_text("Words.\n")  # a new file renamed over the old, as a save makes it
    os.utime(staged, ns=(info.st_atime_ns, info.st_mtime_ns))
    staged.replace(body)
    assert library_scan.needs_reading(first.signature, signature())
    second = signature()
    body.write_text("More words.\n")
    os.utime(body, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert library_scan.needs_reading(second.signature, signature())


def test_files_too_new_to_trust_are_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "review.yaml").write_text("format: reviewdesk/1\ntitle: T\n")
    (item,) = library_scan.walk([folder]).found
    assert item.signature.endswith(library_scan.UNTRUSTED)
    assert library_scan.needs_reading(item.signature, item)  # even the same signature
    assert item.modified == (folder / "review.yaml").stat().st_mtime_ns / 1e9
