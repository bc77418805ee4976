"""Word lists that spell checking accepts besides the dictionary: the writer's own (a file in
the data folder, for every review and language) and the site's (shared with the team through
git, in the reviews folder).

A word list is a UTF-8 text file, one word a line; lines starting with `#` are comments. A word
added is inserted in order (a list kept sorted merges cleanly in git) and written at once,
atomically. A word written in lower case is also accepted with a capital first letter, as
dictionaries do (`quillstack` accepts `Quillstack`, not the other way round).

Where the site's list is: the review's folder's parent, then each folder above it in turn, up
to the first that holds `.reviewdesk/words.txt` (a reviews folder arranged in year folders has
one list at its top). Where no folder above holds one, a word added for the site makes it in
the reviews folder the app was given when the review is in it, else in the first folder above
the review that is a git repository's top, else in the review's parent folder.

One WordList per file and process (`word_list`): every window and thread that checks spelling
sees a word added at once. Lists changed by another program (another instance of the app, a
git pull) are read again by `reload_if_changed`, which costs one stat."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Final

from reviewdesk.core import safe_files
from reviewdesk.core.atomic import write_atomic

SITE_FOLDER: Final = ".reviewdesk"
WORDS_FILE: Final = "words.txt"  # the site's, in SITE_FOLDER; the writer's: user_files
MAX_LIST_BYTES: Final = 4 << 20  # a word list of 4 MiB is some 400,000 words
LONGEST_WORD: Final = 100


class WordList:
    """The words of one file; thread-safe (reads see the set of a moment, whole)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.error: str | None = None  # why the file could not be read, when it could not
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._words: frozenset[str] = frozenset()
        self.reload_if_changed()

    @property
    def words(self) -> frozenset[str]:
        return self._words

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        words = self._words
        return word in words or (word[:1].isupper() and word[:1].lower() + word[1:] in words)

    def reload_if_changed(self) -> bool:
        """Read the file again if it changed since it was read; whether it had."""
        with self._lock:
            stamp = _stamp(self.path)
            if stamp == self._stamp:
                return False
            self._stamp = stamp
            lines, self.error = _read_lines(self.path) if stamp else ([], None)
            self._words = frozenset(_words_of(lines))
            return True

    def add(self, word: str) -> None:
        """Add `word` and write the file at once (atomically; its folder made if need be).
        ValueError for what is no word (empty, with spaces, too long); OSError when the file
        cannot be written."""
        word = word.strip()
        if not word or len(word) > LONGEST_WORD or any(char.isspace() for char in word):
            raise ValueError(f"{word!r} is not a word to add to a word list")
        with self._lock:
            lines, error = _read_lines(self.path)  # as it is now: another program may have added
            if error:
                raise OSError(f"{self.path}: {error}")
            words = set(_words_of(lines))
            if word not in words:
                lines = _inserted(lines, word)
                self.path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(self.path, "".join(f"{line}\n" for line in lines).encode())
                words.add(word)
            self._stamp = _stamp(self.path)
            self._words = frozenset(words)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _read_lines(path: Path) -> tuple[list[str], str | None]:
    """The lines of a word list, or none and why it cannot be read (a missing file has none)."""
    try:
        data = safe_files.read_regular(path, MAX_LIST_BYTES)
    except FileNotFoundError:
        return [], None
    except safe_files.UnsafeFile as unsafe:
        return [], unsafe.message
    except OSError as error:
        return [], f"cannot be read: {error.strerror or error}"
    return data.decode("utf-8", errors="replace").splitlines(), None


def _words_of(lines: list[str]) -> list[str]:
    return [word for line in lines if (word := line.strip()) and not word.startswith("#")]


def _inserted(lines: list[str], word: str) -> list[str]:
    """`lines` with `word` before the first word that sorts after it (case ignored): a
    sorted list stays sorted, any other gets the word at a stable place."""
    key = (word.casefold(), word)
    for index, line in enumerate(lines):
        other = line.strip()
        if other and not other.startswith("#") and (other.casefold(), other) > key:
            return [*lines[:index], word, *lines[index:]]
    return [*lines, word]


_lists: dict[Path, WordList] = {}
_lists_lock = threading.Lock()


def word_list(path: Path) -> WordList:
    """The one WordList of the file `path` in this process."""
    key = Path(os.path.abspath(path))
    with _lists_lock:
        found = _lists.get(key)
        if found is None:
            found = _lists[key] = WordList(key)
        return found


def site_words_file(review_folder: Path, reviews_folder: Path | None = None) -> Path:
    """The site's word list for the review in `review_folder` (see the module's notes)."""
    start = Path(os.path.abspath(review_folder)).parent
    top = Path(os.path.abspath(reviews_folder)) if reviews_folder else None
    for folder in (start, *start.parents):
        candidate = folder / SITE_FOLDER / WORDS_FILE
        if candidate.is_file():
            return candidate
    if top is not None and (top == start or top in start.parents):
        return top / SITE_FOLDER / WORDS_FILE
    repository = next((f for f in (start, *start.parents) if (f / ".git").exists()), None)
    return (repository or start) / SITE_FOLDER / WORDS_FILE
