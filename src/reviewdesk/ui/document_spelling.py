"""The spelling of the open review, one per document (`document.spelling`): the checker that
the body and every text field underline with, the words "Ignore"d while it is open, and the
misspellings of the whole review that the problems list shows.

Off the UI thread, in the process's one spelling thread (ui/spelling_thread.py): opening a
language's dictionary (tens of milliseconds and 11 MiB, once a process: every document uses
it; nothing is underlined until it is open, and it is opened once the window is up: its
preview shown),
and finding the misspellings of the whole review (150 ms at 100,000 words), each time the
checks run. A missing dictionary is named in the problems list, and nothing is flagged.

Words added to the writer's or the site's list are in the list's one copy of this process
(core/spelling_words.py) at once: `word_lists().added` tells every open document, whose
fields are then checked again; a document opened later reads them with its list. Changed by
another program, they are read again when a field takes the focus (`reload_word_lists`).
"""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reviewdesk.core.spelling import SpellChecker, review_words
from reviewdesk.core.spelling_checks import Misspelling
from reviewdesk.core.spelling_dictionary import Dictionary, Missing
from reviewdesk.core.spelling_prose import Word
from reviewdesk.core.spelling_words import site_words_file, word_list
from reviewdesk.core.user_files import personal_words_file
from reviewdesk.ui.spelling_thread import Found, Opened, spelling_thread

if TYPE_CHECKING:
    from reviewdesk.ui.document import ReviewDocument


NAMES_DELAY_MS = 300
"""The review's own names are taken once typing pauses: a seller typed in one of a thousand
offers would otherwise check every field again at each key."""


# The UI thread's dictionaries, by language, shared by every open document (a checker of
# the UI thread looks its words up here); and the languages the thread is opening.
_DICTIONARIES: dict[str, Dictionary | Missing] = {}
_OPENING: set[str] = set()
_numbers = itertools.count()


class _WordLists(QObject):
    """Says that a word went into the writer's or a site's list, to every open document."""

    added = Signal()


@cache
def word_lists() -> _WordLists:
    """The one announcer of this process (made on the UI thread, at first use)."""
    return _WordLists()


class DocumentSpelling(QObject):
    changed = Signal()  # check every field again: the checker, or the words accepted, changed
    found = Signal()  # `misspellings` of the whole review are new

    def __init__(self, document: ReviewDocument) -> None:
        super().__init__(document)
        self._document = document
        self._reviews_folder: Path | None = None
        self._language = ""  # the checker's
        self._names: frozenset[str] = frozenset()  # the review's own names, as last taken
        self._generation = 0  # of the last search for the review's misspellings
        self.checker: SpellChecker | None = None
        self.ignored: set[str] = set()  # "Ignore": for this document while it is open
        self._found: tuple[Misspelling, ...] = ()
        self.suggestions: dict[str, str] = {}  # the first suggestion of each word found
        self._names_timer = QTimer(self, singleShot=True, interval=NAMES_DELAY_MS)
        self._names_timer.timeout.connect(self._take_names)
        self._number = next(_numbers)  # its searches' owner, for the process's one thread
        self._thread = spelling_thread()
        self._thread.opened.connect(self._opened)
        self._thread.found.connect(self._found_all)
        document.changed.connect(self._review_changed)
        document.folder_changed.connect(self._new_checker)  # saved elsewhere: another site
        word_lists().added.connect(self._words_added)
        # Started once the event loop runs, or when its window says (`hold`).
        self._started = False
        self._start = QTimer(self, singleShot=True, interval=0)
        self._start.timeout.connect(self.start)
        self._start.start()

    def start(self) -> None:
        """Open the dictionary and check (once)."""
        if not self._started:
            self._started = True
            self._new_checker()

    def hold(self) -> None:
        """Start only when `start` is called: a window starts it once it is up."""
        self._start.stop()

    # --- what the fields ask ------------------------------------------------------------

    @property
    def missing(self) -> Missing | None:
        """The dictionary the review's language lacks, once that is known."""
        return self.checker.missing if self.checker is not None else None

    @property
    def ready(self) -> bool:
        """Whether the review's language's dictionary has been opened (or found missing)."""
        return self.checker is not None and self._language == self._document.review.language

    @property
    def active(self) -> bool:
        """Whether words are checked (a dictionary is open for the review's language)."""
        return self.checker is not None and self.checker.dictionary is not None

    @property
    def misspellings(self) -> list[Misspelling]:
        """The misspellings of the whole review as last found, without those ignored."""
        return [m for m in self._found if m.word not in self.ignored]

    def check_field(self, text: str) -> list[Word]:
        """The misspelled words of a field's text (offsets in the text)."""
        if self.checker is None:
            return []
        return [w for w in self.checker.check_field(text) if w.text not in self.ignored]

    def suggest(self, word: str) -> list[str]:
        return self.checker.suggest(word) if self.checker is not None else []

    @property
    def has_site(self) -> bool:
        """Whether the review belongs to a site (it is saved): its list can take words."""
        return self.checker is not None and self.checker.site is not None

    def add(self, word: str, *, site: bool) -> None:
        """Accept `word` from now on, in the writer's list or the site's; OSError or
        ValueError (the message says why) when it cannot be written."""
        if self.checker is None:
            return
        if site:
            self.checker.add_to_site(word)
        else:
            self.checker.add_to_personal(word)
        word_lists().added.emit()

    def ignore(self, word: str) -> None:
        self.ignored.add(word)
        self.changed.emit()
        self.found.emit()

    def reload_word_lists(self) -> None:
        """Read the word lists again if another program (git, a second ReviewDesk) changed
        them."""
        if self.checker is not None and self.checker.reload_word_lists():
            word_lists().added.emit()

    def set_reviews_folder(self, folder: Path | None) -> None:
        """The writer's reviews folder: a review in it without a site list of its own
        adds to the folder's."""
        if folder != self._reviews_folder:
            self._reviews_folder = folder
            self._new_checker()

    def find(self) -> None:
        """Find the misspellings of the whole review as it is now (`found` says when)."""
        checker = self.checker
        if checker is None or checker.dictionary is None:
            return
        self._generation += 1
        self._thread.find(self._number, self._generation, self._document.review, checker)

    # --- keeping the checker --------------------------------------------------------------

    def _review_changed(self, field: str) -> None:
        if not self._started:
            return  # the start takes the review as it is then
        review = self._document.review
        checker = self.checker
        language_now = checker is None or self._language != review.language
        if language_now and review.language in _DICTIONARIES:
            self._new_checker()
        elif language_now:
            self._open(review.language)
        elif field != "body":
            # Its own names (subject, tags, sellers...) are words to accept, taken once typing
            # pauses: every field is checked again with them.
            self._names_timer.start()

    def _take_names(self) -> None:
        review, checker = self._document.review, self.checker
        if checker is not None and review_words(review) != self._names:
            self._names = review_words(review)
            checker.set_review(review)
            self.changed.emit()

    def _open(self, language: str) -> None:
        if self.checker is not None:  # the old language's checker underlines no more
            self.checker = None
            self.changed.emit()
        if language not in _OPENING:
            _OPENING.add(language)
            self._thread.open(language)

    def _opened(self, opened: Opened) -> None:
        _OPENING.discard(opened.language)
        _DICTIONARIES[opened.language] = opened.dictionary
        waiting = self._started and self.checker is None
        if waiting and opened.language == self._document.review.language:
            self._new_checker()

    def _new_checker(self) -> None:
        """The checker of the review's language (when its dictionary is open), folder (its
        site's list) and names; every field checked again with it."""
        if not self._started:
            return
        review = self._document.review
        dictionary = _DICTIONARIES.get(review.language)
        if dictionary is None:
            self._open(review.language)
            return
        folder = self._document.folder
        self._names = review_words(review)
        site = site_words_file(folder, self._reviews_folder) if folder else None
        checker = SpellChecker(
            dictionary,
            exempt=self._names,
            personal=word_list(personal_words_file()),
            site=word_list(site) if site else None,
        )
        self._language = review.language
        self.checker = checker
        self.changed.emit()
        self.find()

    def _words_added(self) -> None:
        self.changed.emit()
        self.find()

    def _found_all(self, found: Found) -> None:
        if found.owner != self._number or found.generation != self._generation:
            return  # the review changed since: a newer search is on its way
        self._found = found.misspellings
        self.suggestions = found.suggestions
        self.found.emit()
