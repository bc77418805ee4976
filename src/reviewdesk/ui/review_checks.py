"""The publishing checks of the open review, kept live: the problems list and the hints under
the fields both read them from here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reviewdesk.core import checks, spelling_checks
from reviewdesk.core.problems import Problem
from reviewdesk.core.spelling_dictionary import Dictionary, Missing, open_dictionary

if TYPE_CHECKING:
    from reviewdesk.ui.document import ReviewDocument

CHECK_DELAY_MS = 400
"""Checks run once typing pauses: they read the bundle's files."""


class ReviewChecks(QObject):
    checked = Signal()  # `problems` may have changed

    def __init__(self, document: ReviewDocument) -> None:
        super().__init__(document)
        self._document = document
        self._problems: list[Problem] = []
        self._dictionaries: dict[str, Dictionary | Missing] = {}  # by language, opened once
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run)
        document.changed.connect(lambda _field: self._timer.start())
        document.folder_changed.connect(self.run)
        # The first run waits too: it reads the files, and measuring the images loads the
        # image reader, which the window's first paint need not wait for.
        self._timer.start()

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)

    def for_field(self, path: str) -> list[Problem]:
        """The problems of the field at `path` (`seo.description`) and of its parts."""
        return [p for p in self._problems if p.field == path or p.field.startswith(f"{path}.")]

    def run(self) -> None:
        """Check now (the timer runs this once edits pause)."""
        self._timer.stop()
        folder = self._document.folder
        found: list[Problem] = []
        if folder is not None:
            at = checks.Locator(folder)
            review = self._document.review
            found = checks.path_problems(review, at) + checks.publishing_problems(review, at)
            found += self._missing_dictionary(folder)
        self._problems = found
        self.checked.emit()

    def _missing_dictionary(self, folder: Path) -> list[Problem]:
        """The dictionary the review's language lacks, named with what installs it (the body
        is edited on, unchecked)."""
        language = self._document.review.language
        found = self._dictionaries.get(language)
        if found is None:
            found = self._dictionaries[language] = open_dictionary(language)
        if isinstance(found, Dictionary):
            return []
        return [spelling_checks.missing_dictionary(folder, found, None)]
