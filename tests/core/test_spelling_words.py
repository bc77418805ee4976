"""The writer's and the site's word lists: where they are, words added and kept at once, read
by another checker, hostile files refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewdesk.core.spelling_words import (
    MAX_LIST_BYTES,
    WordList,
    site_words_file,
    word_list,
)
from reviewdesk.core.user_files import data_dir, personal_words_file


def test_a_word_added_is_written_at_once_and_read_by_another_list(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "words.txt"
    words = WordList(path)
    assert not words.words and words.error is None
    words.add("Quillstack")
    words.add("  glenrock ")
    words.add("Quillstack")  # once only
    assert path.read_text(encoding="utf-8") == "glenrock\nQuillstack\n"
    assert [p.name for p in path.parent.iterdir()] == ["words.txt"]  # no temporary file left
    other = WordList(path)  # as another window or program reads it
    assert other.words == {"Quillstack", "glenrock"}
    assert "Glenrock" in other and "glenrock" in other
    assert "quillstack" not in other  # written with a capital: only so


def test_another_programs_additions_are_read_again_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# our words\nalpha\ngamma\n", encoding="utf-8")
    words = WordList(path)
    assert words.words == {"alpha", "gamma"}
    assert not words.reload_if_changed()
    path.write_text("# our words\nalpha\ngamma\nomega\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a change within the same clock tick is seen by its size too
    assert words.reload_if_changed()
    assert "omega" in words
    words.add("Beta")  # in order, the comment and the other program's word kept
    assert path.read_text(encoding="utf-8") == "# our words\nalpha\nBeta\ngamma\nomega\n"


def test_one_list_per_file_in_a_process(tmp_path: Path) -> None:
    first = word_list(tmp_path / "words.txt")
    assert word_list(tmp_path / "." / "words.txt") is first
    first.add("Kestrel")
    assert "Kestrel" in word_list(tmp_path / "words.txt")


@pytest.mark.parametrize("word", ["", "   ", "two words", "tab\there", "x" * 101])
def test_what_is_no_word_is_refused(tmp_path: Path, word: str) -> None:
    words = WordList(tmp_path / "words.txt")
    with pytest.raises(ValueError, match="not a word"):
        words.add(word)
    assert not (tmp_path / "words.txt").exists()


def test_hostile_word_lists_are_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    assert WordList(fifo).error == "is a FIFO, not a file"  # read, it would wait forever
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a\n" * (MAX_LIST_BYTES // 2 + 1))
    assert not WordList(huge).words
    assert "limit" in (WordList(huge).error or "")
    with pytest.raises(OSError, match="limit"):
        WordList(huge).add("word")  # never written over what could not be read
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"caf\xe9\nfine\n")
    assert WordList(broken).words == {"caf\ufffd", "fine"}


def test_a_read_only_list_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("alpha\n", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(OSError, match="read-only"):
        WordList(path).add("beta")
    assert path.read_text(encoding="utf-8") == "alpha\n"


def test_the_personal_list_is_in_the_data_folder() -> None:
    assert personal_words_file() == data_dir() / "words.txt"


def test_the_site_list_is_the_first_found_above_the_review(tmp_path: Path) -> None:
    reviews = tmp_path / "Reviews"
    review = reviews / "2026" / "kettle-review"
    review.mkdir(parents=True)
    # None yet: the reviews folder given, when the review is in it...
    assert site_words_file(review, reviews) == reviews / ".reviewdesk" / "words.txt"
    # ...else the top of the git repository the review is in, else the review's parent.
    assert site_words_file(review) == reviews / "2026" / ".reviewdesk" / "words.txt"
    (reviews / ".git").mkdir()
    assert site_words_file(review) == reviews / ".reviewdesk" / "words.txt"
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    assert site_words_file(review, elsewhere) == reviews / ".reviewdesk" / "words.txt"
    # A list that exists is found however far up it is, the nearest first.
    top = tmp_path / ".reviewdesk" / "words.txt"
    top.parent.mkdir()
    top.write_text("a\n", encoding="utf-8")
    assert site_words_file(review, reviews) == top
    year = reviews / "2026" / ".reviewdesk" / "words.txt"
    year.parent.mkdir()
    year.write_text("b\n", encoding="utf-8")
    assert site_words_file(review, reviews) == year
