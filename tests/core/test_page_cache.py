import json
import os
from pathlib import Path

import pytest

from reviewdesk.core import bundle, page_cache
from reviewdesk.core.live_page import LivePage
from reviewdesk.core.page_cache import CachedPage
from reviewdesk.core.user_files import cache_dir
from tests.conftest import MakeBundle


def kept_page(folder: Path) -> CachedPage:
    """The page of the bundle as the live preview renders it, under its files' key."""
    live = LivePage()
    live.update(bundle.load(folder))
    key = page_cache.page_key(folder)
    assert key is not None
    return CachedPage(key, live.skeleton, live.groups, live.lines)


def entries() -> list[Path]:
    return sorted((cache_dir() / page_cache.FOLDER).glob("*.json"))


def test_a_page_kept_comes_back_as_it_was(make_bundle: MakeBundle) -> None:
    folder = make_bundle(body="# Heading\n\nOne *paragraph*.\n\n- a list\n")
    page = kept_page(folder)
    page_cache.store(folder, page)
    assert page_cache.load(folder) == page
    assert len(page.groups) == len(page.lines) > 1


def test_no_page_for_a_review_never_shown(make_bundle: MakeBundle) -> None:
    assert page_cache.load(make_bundle()) is None


@pytest.mark.parametrize("changed", ["review.yaml", "body.md"])
def test_a_file_changed_since_is_another_key(make_bundle: MakeBundle, changed: str) -> None:
    folder = make_bundle()
    page_cache.store(folder, kept_page(folder))
    with (folder / changed).open("a", encoding="utf-8") as file:
        file.write("\n# a comment\n" if changed == "review.yaml" else "More.\n")
    assert page_cache.load(folder) is None


def test_each_review_keeps_its_own_page(make_bundle: MakeBundle) -> None:
    one = make_bundle("format: reviewdesk/1\ntitle: One\n", name="one")
    two = make_bundle("format: reviewdesk/1\ntitle: Two\n", name="two")
    for folder in (one, two):
        page_cache.store(folder, kept_page(folder))
    kept = page_cache.load(one)
    assert kept is not None and ">One<" in kept.skeleton
    kept = page_cache.load(two)
    assert kept is not None and ">Two<" in kept.skeleton


def test_a_missing_body_has_a_key(make_bundle: MakeBundle) -> None:
    folder = make_bundle()
    (folder / "body.md").unlink()
    assert page_cache.page_key(folder) is not None


def test_a_review_file_that_cannot_be_read_has_none(make_bundle: MakeBundle) -> None:
    folder = make_bundle()
    (folder / "review.yaml").unlink()
    os.mkfifo(folder / "review.yaml")  # never read: it would hold the start up
    assert page_cache.page_key(folder) is None
    assert page_cache.load(folder) is None


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": 1}',
        b'{"format": 99, "key": "k", "skeleton": "", "groups": [], "lines": []}',
    ],
)
def test_a_damaged_entry_is_no_page(make_bundle: MakeBundle, damage: bytes) -> None:
    folder = make_bundle()
    page_cache.store(folder, kept_page(folder))
    [entry] = entries()
    entry.write_bytes(damage)
    assert page_cache.load(folder) is None


def test_an_entry_that_is_not_a_file_is_no_page_and_holds_nothing_up(
    make_bundle: MakeBundle,
) -> None:
    folder = make_bundle()
    page_cache.store(folder, kept_page(folder))
    [entry] = entries()
    entry.unlink()
    os.mkfifo(entry)  # read, it would wait for a writer: the start with it
    assert page_cache.load(folder) is None


def test_an_entry_of_the_wrong_shape_is_no_page(make_bundle: MakeBundle) -> None:
    folder = make_bundle()
    page = kept_page(folder)
    page_cache.store(folder, page)
    [entry] = entries()
    data = json.loads(entry.read_bytes())
    data["lines"] = data["lines"][:-1]  # a group without its line
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert page_cache.load(folder) is None


def test_the_pages_of_the_reviews_last_shown_are_kept(
    make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_cache, "KEEP", 3)
    folders = [make_bundle(name=f"review-{n}") for n in range(5)]
    for n, folder in enumerate(folders):
        page_cache.store(folder, kept_page(folder))
        for entry in entries():  # written in turn: the newest last
            os.utime(entry, (entry.stat().st_atime, entry.stat().st_mtime - 10))
        assert len(entries()) == min(n + 1, 3)
    assert [page_cache.load(folder) is not None for folder in folders] == [
        False, False, True, True, True,
    ]  # fmt: skip


def test_a_cache_that_cannot_be_written_is_no_failure(
    make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = make_bundle()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    page_cache.store(folder, kept_page(folder))  # says nothing, raises nothing
    assert page_cache.load(folder) is None


def test_the_kept_pages_are_the_users_alone(make_bundle: MakeBundle) -> None:
    folder = make_bundle()
    page_cache.store(folder, kept_page(folder))
    assert (cache_dir() / page_cache.FOLDER).stat().st_mode & 0o077 == 0
