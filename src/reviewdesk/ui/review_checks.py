"""The publishing checks of the open review, kept live: the problems list and the hints under
the fields both read them from here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, QTimer, Signal

from reviewdesk.core import bundle, spelling_checks
from reviewdesk.core.problems import Problem, Severity

if TYPE_CHECKING:
    from reviewdesk.ui.document import ReviewDocument

CHECK_DELAY_MS = 400
"""Checks run once typing pauses: they read the bundle's files."""
LISTED_MISSPELLINGS: Final = 200
"""Misspellings listed one by one, at most (F7 walks through all of them): a body pasted from
elsewhere may have thousands, and a list of thousands tells the writer nothing more."""


class ReviewChecks(QObject):
    checked = Signal()  # `problems` may have changed

    def __init__(self, document: ReviewDocument) -> None:
        super().__init__(document)
        self._document = document
        self._problems: list[Problem] = []
        self._checked: list[Problem] = []  # of the last run, the spelling's aside
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run)
        document.changed.connect(lambda _field: self._timer.start())
        document.folder_changed.connect(self.run)
        # The misspellings are found off the UI thread: they join the list when found.
        document.spelling.found.connect(self._publish)
        document.spelling.changed.connect(self._publish)
        # The first run waits too: it reads the files, and measuring the images loads the
        # image reader, which the window's first paint need not wait for.
        self._timer.start()

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)

    def for_field(self, path: str) -> list[Problem]:
        """The problems of the field at `path` (`seo.description`) and of its parts, to say
        under its input: not its misspellings, which its input underlines (a line said under
        a field for each would move the form as the writer pauses)."""
        return [
            p
            for p in self._problems
            if (p.field == path or p.field.startswith(f"{path}.")) and p.span is None
        ]

    def run(self) -> None:
        """Check now (the timer runs this once edits pause); the misspellings are looked
        for again, to come when found."""
        # Imported at the first run: the checks bring the exports' rules, and the window's
        # first paint comes before it.
        from reviewdesk.core import checks  # noqa: PLC0415

        self._timer.stop()
        folder = self._document.folder
        found: list[Problem] = []
        if folder is not None:
            at = checks.Locator(folder)
            review = self._document.review
            found = checks.path_problems(review, at) + checks.publishing_problems(review, at)
        self._checked = found
        self._document.spelling.find()
        self._publish()

    def _publish(self) -> None:
        problems = self._checked + self._spelling_problems()
        if problems != self._problems:
            self._problems = problems
            self.checked.emit()

    def _spelling_problems(self) -> list[Problem]:
        """The misspellings as last found, or the dictionary the review's language lacks,
        named with what installs it (the review is edited on, unchecked)."""
        folder = self._document.folder
        spelling = self._document.spelling
        if folder is None:
            return []
        if spelling.missing is not None:
            return [spelling_checks.missing_dictionary(folder, spelling.missing, None)]
        found = spelling.misspellings
        listed = spelling_checks.problems(folder, found[:LISTED_MISSPELLINGS], spelling.suggestions)
        if len(found) > LISTED_MISSPELLINGS:
            more = len(found) - LISTED_MISSPELLINGS
            message = f"{more:,} more misspellings: Edit ▸ Next Misspelling (F7) goes to each"
            listed.append(Problem(folder / bundle.BODY_FILE, None, "", message, Severity.WARNING))
        return listed
