"""The library's index: up to date with the files after a refresh (edits, new, deleted and
renamed bundles, made outside the app), reading again only what changed; broken bundles listed
with their problem; a damaged cache file made anew, never an error."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from reviewdesk.core import bundle, checks, library_index, library_read
from reviewdesk.core.library_index import Entry, LibraryIndex, Refreshed
from reviewdesk.core.model import Rating, Review, Score, Status
from tests.library_bundles import age, refuse_listing, write, write_files
from tests.strategies import reviews


@pytest.fixture
def index(tmp_path: Path) -> Iterator[LibraryIndex]:
    with LibraryIndex(tmp_path / "cache" / "library.sqlite3") as opened:
        yield opened


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The bundles the index reads, in order (the reading itself goes on as ever)."""
    read: list[Path] = []
    original = library_read.read_record

    def counted(folder: Path, modified: float) -> library_read.Record:
        read.append(folder)
        return original(folder, modified)

    monkeypatch.setattr(library_index, "read_record", counted)
    return read


def titles(index: LibraryIndex, *folders: Path) -> dict[str, str]:
    return {entry.path.name: entry.title for entry in index.entries(list(folders))}


# --- staleness -----------------------------------------------------------------------------------


def test_only_changed_bundles_are_read_again(
    tmp_path: Path, index: LibraryIndex, reads: list[Path]
) -> None:
    reviews_folder = tmp_path / "reviews"
    for number in range(5):
        write(reviews_folder / f"r{number}", f"Review {number}")
    assert index.refresh([reviews_folder]) == Refreshed(added=5)
    assert len(reads) == 5

    reads.clear()
    assert index.refresh([reviews_folder]) == Refreshed(unchanged=5)
    assert reads == []

    write(reviews_folder / "r1", "Review 1, edited")  # saved by the app elsewhere
    assert index.refresh([reviews_folder]) == Refreshed(changed=1, unchanged=4)
    assert reads == [reviews_folder / "r1"]
    assert titles(index, reviews_folder)["r1"] == "Review 1, edited"

    reads.clear()
    (reviews_folder / "r2" / "body.md").write_text("A body edited by hand, in another editor.\n")
    age(reviews_folder / "r2")
    assert index.refresh([reviews_folder]) == Refreshed(changed=1, unchanged=4)
    assert reads == [reviews_folder / "r2"]
    assert [h.path for h in index.search("another editor", [reviews_folder])] == [
        reviews_folder / "r2"
    ]

    reads.clear()
    write(reviews_folder / "r5", "Review 5")
    shutil.rmtree(reviews_folder / "r0")
    (reviews_folder / "r3").rename(reviews_folder / "r3-renamed")
    assert index.refresh([reviews_folder]) == Refreshed(added=2, removed=2, unchanged=3)
    assert sorted(reads) == [reviews_folder / "r3-renamed", reviews_folder / "r5"]
    assert titles(index, reviews_folder) == {
        "r1": "Review 1, edited",
        "r2": "Review 2",
        "r3-renamed": "Review 3",
        "r4": "Review 4",
        "r5": "Review 5",
    }
    assert index.search("Review 0", [reviews_folder]) == []


def test_a_file_rewritten_at_once_keeping_size_and_time_is_read_again(
    tmp_path: Path, index: LibraryIndex
) -> None:
    """A checkout may rewrite a file within its time's resolution: its time says nothing, so a
    file that new is read again by the next refresh."""
    folder = tmp_path / "reviews" / "r"
    bundle.save(Review(title="T", body="alpha words\n"), folder)  # not set back in time
    assert index.refresh([folder.parent]).added == 1
    body = folder / "body.md"
    info = body.stat()
    body.write_text("omega words\n")  # the same size, in place
    os.utime(body, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert index.refresh([folder.parent]).changed == 1
    assert [hit.path for hit in index.search("omega", [folder.parent])] == [folder]


def test_entries_come_from_the_index_alone(tmp_path: Path, index: LibraryIndex) -> None:
    reviews_folder = tmp_path / "reviews"
    write(reviews_folder / "r", "Kept")
    index.refresh([reviews_folder])
    shutil.rmtree(reviews_folder)
    assert titles(index, reviews_folder) == {"r": "Kept"}  # until the next refresh
    assert index.refresh([reviews_folder]) == Refreshed(removed=1)
    assert index.entries([reviews_folder]) == []


def test_entry_fields(tmp_path: Path, index: LibraryIndex) -> None:
    folder = write(
        tmp_path / "reviews" / "kettle",
        "Halden Kettle 3 review",
        "One two three-four it's five.\n",
        status=Status.PUBLISHED,
        category="Kitchen",
        tags=["Tea", "Home"],
        published=date(2026, 4, 11),
        updated=date(2026, 5, 2),
        scores=[Score(name="Speed", value=4), Score(name="Noise", value=3, weight=3)],
    )
    index.refresh([folder.parent])
    (entry,) = index.entries([folder.parent])
    assert entry == Entry(
        path=folder,
        title="Halden Kettle 3 review",
        slug="halden-kettle-3-review",
        status="published",
        category="Kitchen",
        rating=3.25,  # from the scores, weighted
        best=5.0,
        tags=("Tea", "Home"),
        words=5,
        published="2026-04-11",
        updated="2026-05-02",
        modified=max((folder / n).stat().st_mtime_ns for n in ("review.yaml", "body.md")) / 1e9,
        problem="",
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(review=reviews)
def test_any_review_is_listed_as_it_loads(tmp_path: Path, review: Review) -> None:
    folder = tmp_path / "hypothesis" / "r"
    shutil.rmtree(folder.parent, ignore_errors=True)
    bundle.save(review, folder)
    loaded = bundle.load(folder)
    with LibraryIndex(tmp_path / "hypothesis.sqlite3") as index:
        index.refresh([folder.parent])
        (entry,) = index.entries([folder.parent])
    rating = loaded.overall_rating
    assert entry.problem == ""
    assert (entry.title, entry.slug, entry.status) == (
        loaded.title,
        loaded.effective_slug,
        loaded.status.value,
    )
    assert (entry.category, entry.tags) == (loaded.category, tuple(loaded.tags))
    assert (entry.rating, entry.best) == ((rating.value, rating.best) if rating else (None, None))
    assert entry.published == (loaded.published.isoformat() if loaded.published else "")
    assert entry.updated == (loaded.last_update.isoformat() if loaded.last_update else "")
    assert entry.words == library_read.count_words(loaded.body)


def test_folders_are_kept_apart(tmp_path: Path, index: LibraryIndex) -> None:
    """Folders whose names begin alike, or hold LIKE's wildcards, are not each other's."""
    work, works, percent = tmp_path / "work", tmp_path / "work-2", tmp_path / "w%rk_"
    for folder in (work, works, percent):
        write(folder / "r", folder.name)
    index.refresh([work, works, percent])
    assert titles(index, work) == {"r": "work"}
    assert titles(index, percent) == {"r": "w%rk_"}
    index.refresh([work])  # the others stay as they were
    everything = index.entries([work, works, percent])
    assert sorted(entry.title for entry in everything) == ["w%rk_", "work", "work-2"]
    assert [hit.path for hit in index.search("work", [works])] == [works / "r"]


def test_a_folder_that_cannot_be_listed_keeps_its_entries(
    tmp_path: Path, index: LibraryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviews_folder = tmp_path / "reviews"
    write(reviews_folder / "locked" / "kept", "Kept")
    index.refresh([reviews_folder])
    refuse_listing(monkeypatch, reviews_folder / "locked")
    assert index.refresh([reviews_folder]) == Refreshed()
    assert titles(index, reviews_folder) == {"kept": "Kept"}


# --- broken bundles ------------------------------------------------------------------------------


def test_broken_bundles_are_listed_with_their_problem_and_the_scan_goes_on(
    tmp_path: Path, index: LibraryIndex
) -> None:
    library = tmp_path / "reviews"
    broken = {
        "a-invalid": write_files(
            library / "a-invalid",
            "format: reviewdesk/1\ntitle: Half a review\nstatus: ready\ntags: [Tea]\npros: 7\n",
            "Its body still counts.\n",
        ),
        "b-bad-yaml": write_files(library / "b-bad-yaml", "title: [unclosed\n"),
        "c-no-body": write_files(library / "c-no-body", "format: reviewdesk/1\ntitle: T\n"),
        "d-not-utf8": write_files(library / "d-not-utf8", b"format: reviewdesk/1\ntitle: \xff\n"),
        "e-yaml-folder": library / "e-yaml-folder",
    }
    (broken["c-no-body"] / "body.md").unlink()
    (broken["e-yaml-folder"] / "review.yaml").mkdir(parents=True)
    age(broken["e-yaml-folder"])
    good = write(library / "z-good", "Sound")
    assert index.refresh([library]) == Refreshed(added=6, broken=5)
    entries = {entry.path.name: entry for entry in index.entries([library])}
    for name, folder in broken.items():
        assert entries[name].problem == str(checks.check(folder)[0]), name
    assert entries["z-good"] == replace(entries["z-good"], path=good, title="Sound", problem="")
    half = entries["a-invalid"]
    assert (half.title, half.status, half.tags, half.words) == (
        "Half a review",
        "ready",
        ("Tea",),
        4,
    )
    assert (
        half.problem == f"{library / 'a-invalid' / 'review.yaml'}:5: pros: should be a valid list"
    )
    assert entries["b-bad-yaml"].title == "b-bad-yaml"  # the folder's name
    assert [hit.path for hit in index.search("still counts", [library])] == [broken["a-invalid"]]
    # Mended, it is read again and sound.
    write(library / "a-invalid", "Half a review")
    assert index.refresh([library]) == Refreshed(changed=1, unchanged=5, broken=4)


def test_a_bug_reading_one_bundle_never_stops_the_scan(
    tmp_path: Path, index: LibraryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "reviews"
    write(library / "a", "First")
    write(library / "b", "Second")
    original = bundle.load

    def failing(path: Path) -> Review:
        if Path(path).name == "a":
            raise RecursionError("maximum recursion depth exceeded")
        return original(path)

    monkeypatch.setattr(bundle, "load", failing)
    assert index.refresh([library]) == Refreshed(added=2, broken=1)
    first, second = index.entries([library])
    assert first.problem == f"{library / 'a' / 'review.yaml'}: cannot be read: " + (
        "maximum recursion depth exceeded"
    )
    assert (first.title, second.title, second.problem) == ("First", "Second", "")


# --- progress, cancel, threads -------------------------------------------------------------------


def test_progress_counts_the_bundles_to_read(tmp_path: Path, index: LibraryIndex) -> None:
    library = tmp_path / "reviews"
    for number in range(3):
        write(library / f"r{number}")
    calls: list[tuple[int, int]] = []
    index.refresh([library], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    calls.clear()
    index.refresh([library], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 0)]


def test_a_cancelled_refresh_leaves_a_sound_index(tmp_path: Path, index: LibraryIndex) -> None:
    library = tmp_path / "reviews"
    for number in range(6):
        write(library / f"r{number}", f"Review {number}")
    done: list[int] = []
    refreshed = index.refresh(
        [library], progress=lambda read, total: done.append(read), cancelled=lambda: len(done) > 2
    )
    assert refreshed == Refreshed(added=3)
    assert sorted(titles(index, library)) == ["r0", "r1", "r2"]
    assert index.refresh([library]) == Refreshed(added=3, unchanged=3)  # the rest, no more
    assert index.refresh([library], cancelled=lambda: True) == Refreshed()


def test_one_thread_reads_while_another_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_index, "BATCH_SECONDS", 0)  # a commit after each bundle
    library = tmp_path / "reviews"
    for number in range(40):
        write(library / f"r{number:02d}", f"Review {number}", "Plenty of words. " * 300)
    file = tmp_path / "library.sqlite3"
    counts: list[int] = []
    errors: list[BaseException] = []

    def read_meanwhile(stop: threading.Event) -> None:
        try:
            with LibraryIndex(file) as reader:
                while not stop.is_set():
                    counts.append(len(reader.entries([library])))
                    reader.search("plenty", [library])
        except BaseException as error:  # the test says what went wrong
            errors.append(error)

    stop = threading.Event()
    thread = threading.Thread(target=read_meanwhile, args=(stop,))
    with LibraryIndex(file) as writer:
        thread.start()
        try:
            assert writer.refresh([library]).added == 40
        finally:
            stop.set()
            thread.join()
    assert errors == []
    assert counts
    assert counts == sorted(counts)  # the list only grows, whole bundles at a time
    with LibraryIndex(file) as reader:
        assert len(reader.entries([library])) == 40


# --- the cache file ------------------------------------------------------------------------------


def small_library(tmp_path: Path) -> Path:
    library = tmp_path / "reviews"
    for number in range(30):
        write(library / f"r{number:02d}", f"Review {number}", f"Body {number}. " + "Text. " * 500)
    return library


def assert_rebuilt(file: Path, library: Path) -> None:
    """A new index at `file` works, and a refresh reads everything again."""
    with LibraryIndex(file) as index:
        index.entries([library])  # whatever it says, it says it without an exception
        index.search("body", [library])
        assert index.refresh([library]) == Refreshed(added=30)
        assert len(index.entries([library])) == 30
        assert [hit.path.name for hit in index.search('"Body 7"', [library])] == ["r07"]
    with sqlite3.connect(file) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_garbage_is_moved_aside(tmp_path: Path) -> None:
    file = tmp_path / "library.sqlite3"
    garbage = bytes(range(256)) * 64
    file.write_bytes(garbage)
    assert_rebuilt(file, small_library(tmp_path))
    assert file.with_name("library.sqlite3.unreadable").read_bytes() == garbage


def test_a_truncated_index_is_made_anew(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    file = tmp_path / "library.sqlite3"
    with LibraryIndex(file) as index:
        index.refresh([library])
    size = file.stat().st_size
    assert size > 100_000
    with file.open("r+b") as opened:
        opened.truncate(size // 2)
    assert_rebuilt(file, library)


def test_an_index_damaged_inside_is_made_anew(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    file = tmp_path / "library.sqlite3"
    with LibraryIndex(file) as index:
        index.refresh([library])
    data = bytearray(file.read_bytes())
    page = 4096
    for start in range(2 * page, len(data), 3 * page):  # every third page after the schema's
        data[start : start + page] = b"\xa5" * page
    file.write_bytes(bytes(data))
    assert_rebuilt(file, library)


def test_an_index_of_another_schema_version_is_made_anew_in_place(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    file = tmp_path / "library.sqlite3"
    with LibraryIndex(file) as index:
        index.refresh([library])
    with sqlite3.connect(file) as db:
        db.execute("CREATE TABLE old_stuff (x)")
        db.execute("PRAGMA user_version = 99")
    assert_rebuilt(file, library)
    assert not file.with_name("library.sqlite3.unreadable").exists()
    with sqlite3.connect(file) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    assert "old_stuff" not in tables


def test_another_programs_database_is_moved_aside_untouched(tmp_path: Path) -> None:
    file = tmp_path / "library.sqlite3"
    with sqlite3.connect(file) as db:
        db.execute("CREATE TABLE notes (text)")
        db.execute("INSERT INTO notes VALUES ('mine')")
    db.close()
    before = file.read_bytes()
    assert_rebuilt(file, small_library(tmp_path))
    assert file.with_name("library.sqlite3.unreadable").read_bytes() == before


def test_an_empty_file_is_a_new_index(tmp_path: Path) -> None:
    file = tmp_path / "library.sqlite3"
    file.touch()
    assert_rebuilt(file, small_library(tmp_path))


def test_no_file_at_all_can_be_had_the_index_is_in_memory(tmp_path: Path) -> None:
    file = tmp_path / "library.sqlite3"
    file.mkdir()  # where the file should be
    library = small_library(tmp_path)
    with LibraryIndex(file) as index:
        assert index.refresh([library]) == Refreshed(added=30)
        assert len(index.entries([library])) == 30
    assert file.is_dir()


def test_threads_opening_a_new_index_at_once_all_get_the_file(tmp_path: Path) -> None:
    """The library window opens one index in each of its two threads at its start: the
    second waits while the first makes the file (it fell back to an empty index in memory,
    and every search found nothing)."""
    library = small_library(tmp_path)
    for round_ in range(10):
        file = tmp_path / f"index-{round_}" / "library.sqlite3"
        start = threading.Barrier(4)
        opened: list[LibraryIndex] = []

        def open_one(file: Path, start: threading.Barrier, opened: list[LibraryIndex]) -> None:
            start.wait()
            opened.append(LibraryIndex(file))

        threads = [threading.Thread(target=open_one, args=(file, start, opened)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        opened[0].refresh([library])
        assert [len(index.entries([library])) for index in opened] == [30] * 4
        for index in opened:
            index.close()


def test_the_default_index_is_in_the_user_cache(tmp_path: Path) -> None:
    from reviewdesk.core.user_files import cache_dir  # noqa: PLC0415

    library = small_library(tmp_path)
    with LibraryIndex.open_default() as index:
        index.refresh([library])
        assert index.file == cache_dir() / "library.sqlite3"
    assert (cache_dir() / "library.sqlite3").is_file()
    with LibraryIndex.open_default() as index:
        assert len(index.entries([library])) == 30


def test_ratings_given_win_over_scores(tmp_path: Path, index: LibraryIndex) -> None:
    folder = write(
        tmp_path / "reviews" / "r",
        rating=Rating(value=8, best=10, worst=0),
        scores=[Score(name="Speed", value=2)],
    )
    index.refresh([folder.parent])
    (entry,) = index.entries([folder.parent])
    assert (entry.rating, entry.best) == (8.0, 10.0)
