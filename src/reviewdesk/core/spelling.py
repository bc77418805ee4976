"""Spell checking of a review: `SpellChecker.for_review(review, folder)`.

A checker answers for one language (the review's `language` picks the dictionary:
core/spelling_dictionary.py) and accepts, besides the dictionary's words, the review's own
names (its subject's name and brand, its tags, authors and sellers), and the words of the
writer's and the site's word lists (core/spelling_words.py), which `add_to_personal` and
`add_to_site` write at once. When there is no dictionary, `missing` says what to install, and
nothing is flagged.

An editor checks a block at a time: `check_line(text, state)` gives the misspelled words of a
line of the body from the state the line before left (LineState, which packs into an int for
Qt's block state), and the state it leaves; `check_field(text)` those of a field. A whole body
goes through `check_blocks` (every line's words and state) or `check_text` (the lines with
misspellings), off the UI thread. Each word's verdict is looked up in the
dictionary once and cached, so a line checked again costs its scan and a few set lookups.

Threads: a checker may be used from any thread (its dictionary holds a lock around Enchant),
but a thread that checks much should have its own (`SpellChecker.for_review` again, or
`copy()`), so that neither waits for the other; the verdict cache is shared either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from reviewdesk.core.model import Review
from reviewdesk.core.spelling_dictionary import Dictionary, Missing, open_dictionary
from reviewdesk.core.spelling_prose import (
    TYPOGRAPHIC_APOSTROPHE,
    Word,
    field_words,
    parts,
    scan_line,
)
from reviewdesk.core.spelling_state import START, LineState
from reviewdesk.core.spelling_words import WordList, site_words_file, word_list
from reviewdesk.core.user_files import personal_words_file

_NAME_WORD: Final = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_POSSESSIVE: Final = ("'s", "'S")
SUGGESTIONS: Final = 5


def review_words(review: Review) -> frozenset[str]:
    """The words of the review's own names (case folded): its subject's name and brand, its
    tags, its authors and its sellers, names no dictionary has; never flagged anywhere in the
    review, nor their possessives."""
    names = [*review.tags, *(a.name for a in review.authors), *(o.seller for o in review.offers)]
    if review.subject is not None:
        names += [review.subject.name, review.subject.brand]
    return frozenset(
        found.casefold().replace(TYPOGRAPHIC_APOSTROPHE, "'")
        for name in names
        for found in _NAME_WORD.findall(name)
    )


class SpellChecker:
    def __init__(
        self,
        dictionary: Dictionary | Missing,
        *,
        exempt: Iterable[str] = (),
        personal: WordList | None = None,
        site: WordList | None = None,
    ) -> None:
        self.dictionary = dictionary if isinstance(dictionary, Dictionary) else None
        self.missing = dictionary if isinstance(dictionary, Missing) else None
        self.personal = personal
        self.site = site
        self._exempt = frozenset(exempt)

    @classmethod
    def for_review(
        cls,
        review: Review,
        folder: Path | None,
        *,
        reviews_folder: Path | None = None,
        dictionary: Dictionary | Missing | None = None,
    ) -> SpellChecker:
        """The checker of `review`, whose bundle is `folder` (None for a review not saved
        yet: no site list then); `dictionary` when the caller has the review's already."""
        site = word_list(site_words_file(folder, reviews_folder)) if folder else None
        return cls(
            dictionary if dictionary is not None else open_dictionary(review.language),
            exempt=review_words(review),
            personal=word_list(personal_words_file()),
            site=site,
        )

    def copy(self) -> SpellChecker:
        """A checker for another thread: the same lists and words, a dictionary of its own."""
        found: Dictionary | Missing = (
            open_dictionary(self.dictionary.tag.replace("_", "-"))
            if self.dictionary is not None
            else self.missing or Missing("", "", "no dictionary", "")
        )
        return SpellChecker(found, exempt=self._exempt, personal=self.personal, site=self.site)

    @property
    def tag(self) -> str:
        """The dictionary's tag (en_GB), that of the one missing when there is none."""
        if self.dictionary is not None:
            return self.dictionary.tag
        return self.missing.tag if self.missing else ""

    def set_review(self, review: Review) -> None:
        """Take the review's own names as they are now (the language
        picks the dictionary: a new language needs a new checker)."""
        self._exempt = review_words(review)

    # --- checking ------------------------------------------------------------------------

    def is_correct(self, word: str) -> bool:
        if TYPOGRAPHIC_APOSTROPHE in word:
            word = word.replace(TYPOGRAPHIC_APOSTROPHE, "'")
        dictionary = self.dictionary
        if dictionary is None or dictionary.check(word):
            return True
        return self._accepted(word) or (word.endswith(_POSSESSIVE) and self._accepted(word[:-2]))

    def _accepted(self, word: str) -> bool:
        if word.casefold() in self._exempt:
            return True
        return any(words is not None and word in words for words in (self.personal, self.site))

    def check_line(self, line: str, state: LineState = START) -> tuple[list[Word], LineState]:
        """The misspelled words of one line of Markdown (offsets in the line), and the state
        the line leaves for the next."""
        words, state = scan_line(line, state)
        return self._misspelled(words), state

    def check_blocks(
        self, text: str, state: LineState = START
    ) -> list[tuple[list[Word], LineState]]:
        """Every line of a Markdown text, a body: its misspelled words (offsets in the line)
        and the state it leaves, as an editor keeps them per block. A worker thread checks a
        whole body so; the UI thread then shows what it found, and checks a block typed in
        from the state kept for the block before."""
        blocks = []
        for line in text.split("\n"):
            misspelled, state = self.check_line(line, state)
            blocks.append((misspelled, state))
        return blocks

    def check_text(self, text: str, state: LineState = START) -> list[tuple[int, list[Word]]]:
        """Each line (0-based index) of a Markdown text with misspelled words, and those
        words (offsets in their line)."""
        blocks = self.check_blocks(text, state)
        return [(index, words) for index, (words, _) in enumerate(blocks) if words]

    def check_field(self, text: str) -> list[Word]:
        """The misspelled words of a field's text (offsets in the text)."""
        return self._misspelled(field_words(text))

    def _misspelled(self, words: list[Word]) -> list[Word]:
        if self.dictionary is None:
            return []
        correct = self.is_correct
        found: list[Word] = []
        for word in words:
            if correct(word.text):
                continue
            if "-" in word.text or "\u2010" in word.text or "\u2011" in word.text:
                found += [part for part in parts(word) if not correct(part.text)]
            else:
                found.append(word)
        return found

    def suggest(self, word: str, limit: int = SUGGESTIONS) -> list[str]:
        """The dictionary's suggestions for `word`, best first."""
        if self.dictionary is None:
            return []
        return self.dictionary.suggest(word.replace(TYPOGRAPHIC_APOSTROPHE, "'"))[:limit]

    # --- word lists ----------------------------------------------------------------------

    def add_to_personal(self, word: str) -> None:
        """Accept `word` in every review from now on (written at once; OSError when not)."""
        if self.personal is None:
            self.personal = word_list(personal_words_file())
        self.personal.add(word)

    def add_to_site(self, word: str) -> None:
        """Accept `word` in every review of this site (its .reviewdesk/words.txt)."""
        if self.site is None:
            raise ValueError("a review not saved yet belongs to no site")
        self.site.add(word)

    def reload_word_lists(self) -> bool:
        """Read the word lists again where another program changed them; whether any had
        (the lines checked before may then be checked again)."""
        changed = [words.reload_if_changed() for words in (self.personal, self.site) if words]
        return any(changed)
