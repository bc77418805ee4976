"""The library's commands on whole reviews: copy as a new draft, rename, trash, set status and
tags on several; each says what it could not do, per bundle, and leaves the rest done."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from reviewdesk.core import bundle, library_ops, locks
from reviewdesk.core.model import Status
from reviewdesk.core.problems import BundleError
from reviewdesk.core.publish.state import state_path
from tests.conftest import other_program


@pytest.fixture
def shelf(sample_bundle: Path) -> list[Path]:
    """Three reviews side by side: the sample, published with a slug, and two drafts."""
    review = bundle.load(sample_bundle)
    bundle.save(review.model_copy(update={"slug": "wrenfall", "status": Status.PUBLISHED}),
                sample_bundle)  # fmt: skip
    state_path(sample_bundle).write_text("sites: {}\n", encoding="utf-8")
    made = [sample_bundle]
    for name in ("alpha", "beta"):
        folder = sample_bundle.parent / name
        bundle.create(folder, name.title())
        made.append(folder)
    return made


def test_a_copy_is_a_new_draft_that_cannot_publish_over_the_original(shelf: list[Path]) -> None:
    original = shelf[0]
    before = {p.name: p.read_bytes() for p in original.iterdir() if p.is_file()}
    copy = library_ops.copy_review(original, "Wrenfall, again")
    assert copy == original.parent / "wrenfall-again"
    review = bundle.load(copy)
    assert (review.title, review.slug, review.status) == ("Wrenfall, again", None, Status.DRAFT)
    assert review.published is None and review.updates == []
    assert review.body == bundle.load(original).body
    assert review.pros == bundle.load(original).pros
    assert not state_path(copy).exists()  # where the original was published stays its own
    assert sorted(p.name for p in (copy / "assets").iterdir()) == sorted(
        p.name for p in (original / "assets").iterdir()
    )
    assert {p.name: p.read_bytes() for p in original.iterdir() if p.is_file()} == before


def test_a_second_copy_gets_the_next_free_folder(shelf: list[Path]) -> None:
    first = library_ops.copy_review(shelf[1], "Alpha copy")
    second = library_ops.copy_review(shelf[1], "Alpha copy")
    assert (first.name, second.name) == ("alpha-copy", "alpha-copy-2")


def test_a_copy_keeps_links_as_links_and_skips_a_fifo(shelf: list[Path], tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not the review's", encoding="utf-8")
    assets = shelf[1] / "assets"
    (assets / "out.png").symlink_to(secret)
    os.mkfifo(assets / "pipe.png")
    copy = library_ops.copy_review(shelf[1], "Alpha two")  # a FIFO read would never end
    assert (copy / "assets" / "out.png").is_symlink()
    assert not (copy / "assets" / "pipe.png").exists()


def test_a_blank_title_is_refused_and_nothing_is_made(shelf: list[Path]) -> None:
    folders = set(shelf[0].parent.iterdir())
    with pytest.raises(ValueError, match="title"):
        library_ops.copy_review(shelf[1], "   ")
    assert set(shelf[0].parent.iterdir()) == folders


def test_rename_moves_the_folder_and_sets_the_slug(shelf: list[Path]) -> None:
    moved = library_ops.rename(shelf[1], "alpha-first-look")
    assert moved == shelf[1].parent / "alpha-first-look"
    assert not shelf[1].exists()
    assert bundle.load(moved).slug == "alpha-first-look"
    assert bundle.load(moved).title == "Alpha"


@pytest.mark.parametrize(
    ("slug", "says"), [("Not A Slug", "is not a slug"), ("beta", "already exists")]
)
def test_rename_refuses_a_bad_or_taken_slug_and_changes_nothing(
    shelf: list[Path], slug: str, says: str
) -> None:
    before = (shelf[1] / "review.yaml").read_bytes()
    with pytest.raises(BundleError, match=says):
        library_ops.rename(shelf[1], slug)
    assert (shelf[1] / "review.yaml").read_bytes() == before


def test_status_and_tags_change_on_each_review_and_only_review_yaml(shelf: list[Path]) -> None:
    bodies = {folder: (folder / "body.md").stat().st_mtime_ns for folder in shelf}
    outcome = library_ops.set_status(shelf, Status.READY)
    assert outcome.done == shelf and outcome.failed == []
    assert {bundle.load(folder).status for folder in shelf} == {Status.READY}
    library_ops.add_tags(shelf, ["Local AI", "laptops"])
    tags = bundle.load(shelf[1]).tags
    assert tags == ["Local AI", "laptops"]
    library_ops.add_tags(shelf[1:2], ["local ai"])  # already there, ignoring case
    assert bundle.load(shelf[1]).tags == tags
    library_ops.remove_tags(shelf, ["LOCAL AI"])
    assert bundle.load(shelf[1]).tags == ["laptops"]
    assert {folder: (folder / "body.md").stat().st_mtime_ns for folder in shelf} == bodies


def test_a_broken_or_held_review_is_named_and_the_others_are_done(shelf: list[Path]) -> None:
    (shelf[1] / "review.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with other_program("reviewdesk") as other:
        lock = {"pid": other, "host": socket.gethostname(), "since": "2026-12-01T09:00:00+00:00"}
        (shelf[2] / locks.LOCK_FILE).write_text(json.dumps(lock), encoding="utf-8")
        outcome = library_ops.set_status(shelf, Status.DRAFT)
        with pytest.raises(BundleError, match=f"is open in ReviewDesk \\(process {other}\\)"):
            library_ops.rename(shelf[2], "beta-two")
        trashed = library_ops.trash([shelf[2]])
    assert outcome.done == [shelf[0]]
    failed = dict(outcome.failed)
    assert failed[shelf[1]].startswith("review.yaml:") and "invalid YAML" in failed[shelf[1]]
    assert failed[shelf[2]].startswith(f"is open in ReviewDesk (process {other})")
    assert trashed.done == [] and shelf[2].exists()


def test_trash_moves_reviews_to_the_trash_where_they_can_be_restored(
    shelf: list[Path], tmp_path: Path
) -> None:
    outcome = library_ops.trash(shelf[1:])
    assert outcome.done == shelf[1:] and outcome.failed == []
    assert not any(folder.exists() for folder in shelf[1:])
    # The freedesktop.org trash, with what a file manager restores each from. Imported only
    # now: the library reads XDG_DATA_HOME once, on import, and the tests' home is set now.
    from send2trash import plat_other  # noqa: PLC0415

    trash = Path(plat_other.HOMETRASH)
    assert trash.is_relative_to(tmp_path.parent)  # a test's home, never the user's
    alpha = trash / "files" / "alpha"
    assert bundle.load(alpha).title == "Alpha"
    info = (trash / "info" / "alpha.trashinfo").read_text(encoding="utf-8")
    assert f"Path={shelf[1]}" in info
