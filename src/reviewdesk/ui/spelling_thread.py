"""The spelling's worker thread, one for the process (`spelling_thread()`): it opens
dictionaries and finds the misspellings of a whole review, so that neither holds the window
up. A search asked for while it works replaces the one of the same document still waiting
(the review changed since). One thread, and one dictionary of its own a language (11 MiB for
en_GB), however many documents are open."""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass
from functools import cache
from typing import Final

from PySide6.QtCore import QObject, Signal

from reviewdesk.core.model import Review
from reviewdesk.core.spelling import SpellChecker, review_words
from reviewdesk.core.spelling_checks import Misspelling, find_misspellings, first_suggestions
from reviewdesk.core.spelling_dictionary import (
    Dictionary,
    Missing,
    dictionary_tag,
    open_dictionary,
)
from reviewdesk.ui.worker_stop import stop_worker

_log = logging.getLogger(__name__)

SUGGESTED: Final = 200
"""Misspellings given a suggestion in the problems list, at most: each costs hunspell tens of
milliseconds the first time (a body pasted from elsewhere may have thousands)."""


@dataclass(frozen=True)
class Opened:
    language: str
    dictionary: Dictionary | Missing  # for the UI thread's use


@dataclass(frozen=True)
class Found:
    owner: int  # the document's number, as it asked (`find`)
    generation: int
    misspellings: tuple[Misspelling, ...]
    suggestions: dict[str, str]  # the first suggestion for each word, where there is one


@dataclass(frozen=True)
class _Find:
    owner: int
    generation: int
    review: Review  # immutable: safe to share
    checker: SpellChecker  # the UI thread's: its word lists are read here, its dictionary not


_Job = str | _Find  # a language to open, or a search


class _Courier(QObject):
    """Carries results to the UI thread, so that the worker never emits on the
    SpellingThread, which the UI thread may be deleting at that moment."""

    opened = Signal(object)  # Opened
    found = Signal(object)  # Found


class SpellingThread(QObject):
    opened = Signal(object)  # Opened, delivered in the thread this object lives in
    found = Signal(object)  # Found

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inbox: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        courier = _Courier()
        courier.opened.connect(self.opened)  # queued: emitted in the worker
        courier.found.connect(self.found)
        worker = threading.Thread(
            target=_work, args=(self._inbox, courier), name="spelling", daemon=True
        )
        worker.start()
        inbox = self._inbox  # not self: it is being deleted when `destroyed` comes
        self.destroyed.connect(lambda: _stop(inbox, worker, courier))

    def open(self, language: str) -> None:
        """Open the dictionary of `language` (`opened` gives it)."""
        self._inbox.put(language)

    def find(self, owner: int, generation: int, review: Review, checker: SpellChecker) -> None:
        """Find the misspellings of `review` as `checker` would (`found` gives them, with
        `owner` and `generation` as given)."""
        self._inbox.put(_Find(owner, generation, review, checker))


@cache
def spelling_thread() -> SpellingThread:
    """The one spelling thread of this process (made on the UI thread, at first use)."""
    return SpellingThread()


def _stop(
    inbox: queue.SimpleQueue[_Job | None], worker: threading.Thread, courier: _Courier
) -> None:
    """Ends the worker once its job in hand is done. The courier is here only to be held: it
    goes with this connection, in the UI thread, once nothing emits on it."""
    stop_worker(inbox, worker)


def _work(inbox: queue.SimpleQueue[_Job | None], courier: _Courier) -> None:
    opened: dict[str, Dictionary] = {}  # by tag: the UI thread's and the searches' alike
    while (jobs := _next_jobs(inbox)) is not None:
        try:
            for job in jobs:
                if isinstance(job, str):
                    courier.opened.emit(Opened(job, _dictionary(job, opened)))
                else:
                    courier.found.emit(_found(job, opened))
        except RuntimeError:  # the application went first and took the courier
            return
        except Exception:  # a bug must not end the spelling: log it, go on
            _log.exception("spell checking failed")


def _next_jobs(inbox: queue.SimpleQueue[_Job | None]) -> list[_Job] | None:
    """The jobs waiting (waiting for one): every dictionary to open, then each document's
    newest search; None when the thread is to end."""
    waiting = [inbox.get()]
    while not inbox.empty():
        waiting.append(inbox.get_nowait())
    if None in waiting:
        return None
    opens: list[_Job] = list(dict.fromkeys(job for job in waiting if isinstance(job, str)))
    newest = {job.owner: job for job in waiting if isinstance(job, _Find)}
    return opens + list(newest.values())


def _dictionary(language: str, opened: dict[str, Dictionary]) -> Dictionary | Missing:
    """The dictionary of `language`, opened once a process: the UI thread and the searches
    share it (11 MiB a language). A copy for each bought nothing: every call into Enchant
    holds one lock of the process, whichever dictionary it is to."""
    found = opened.get(dictionary_tag(language))
    if found is None:
        dictionary = open_dictionary(language)
        if not isinstance(dictionary, Dictionary):
            return dictionary
        found = opened[dictionary.tag] = dictionary
    return found


def _found(job: _Find, opened: dict[str, Dictionary]) -> Found:
    """The misspellings of the job's review, with its checker's dictionary."""
    dictionary = _dictionary(job.checker.tag.replace("_", "-"), opened)
    checker = SpellChecker(
        dictionary,
        exempt=review_words(job.review),
        personal=job.checker.personal,
        site=job.checker.site,
    )
    misspellings = find_misspellings(job.review, checker)
    suggestions = first_suggestions(misspellings, checker, SUGGESTED)
    return Found(job.owner, job.generation, tuple(misspellings), suggestions)
