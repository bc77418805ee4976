"""The problems list: publishing checks and path problems of the open review, kept live, each
naming its field as the form labels it. A click, or Enter, on a problem goes to its field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QMouseEvent
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core.problems import Problem, Severity
from reviewdesk.ui.field_labels import problem_place
from reviewdesk.ui.review_checks import ReviewChecks


class ProblemsView(QListWidget):
    problem_activated = Signal(object)  # the Problem the writer picked
    counted = Signal(int)

    def __init__(self, checks: ReviewChecks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checks = checks
        self._shown: list[Problem] = []
        self._clicking = False  # in a mouse event: its click is the one that goes to the field
        self.setAccessibleName("Problems")
        # Long messages (an image's size and what to do) wrap to the width of the form.
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        checks.checked.connect(self.refresh)
        # One click goes to the field. Qt activates an item on a double click (or on a single
        # one, with some desktop styles) as well: that activation is the same click.
        self.itemClicked.connect(self._activated)
        self.itemActivated.connect(lambda item: None if self._clicking else self._activated(item))
        self.refresh()

    def refresh(self) -> None:
        found = self._checks.problems
        if found == self._shown and self.count() == len(found):
            return  # a refilled list would lose the writer's place in it
        self._shown = found
        self.clear()
        style = self.style()
        icons = {
            Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Severity.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        for problem in found:
            self._add(problem, icons[problem.severity])
        self.counted.emit(len(found))

    def _add(self, problem: Problem, icon: QIcon) -> None:
        where = f"{problem_place(problem.field)}: " if problem.field else ""
        line = f" (line {problem.line})" if problem.field == "body" and problem.line else ""
        item = QListWidgetItem(icon, f"{where}{problem.message}{line}")
        item.setToolTip(str(problem))
        self.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self.problem_activated.emit(self._shown[self.row(item)])

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's API)
        self._clicking = True
        try:
            super().mouseReleaseEvent(event)
        finally:
            self._clicking = False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's API)
        self._clicking = True
        try:
            super().mouseDoubleClickEvent(event)
        finally:
            self._clicking = False


def problems_box(problems: ProblemsView) -> QWidget:
    """The list under a header that counts it; hidden while there is nothing to list."""
    box = QWidget()
    header = QLabel()
    header.setContentsMargins(6, 4, 6, 0)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(header)
    column.addWidget(problems)

    def count(found: int) -> None:
        header.setText(f"Problems ({found})")
        box.setVisible(found > 0)  # when all is well the status bar says so, in less room

    problems.counted.connect(count)
    count(problems.count())
    return box
