"""The problems list: publishing checks and path problems of the open review, kept live."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
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
from reviewdesk.ui.review_checks import ReviewChecks


class ProblemsView(QListWidget):
    problem_activated = Signal(object)  # the Problem the writer picked
    counted = Signal(int)

    def __init__(self, checks: ReviewChecks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checks = checks
        self._shown: list[Problem] = []
        self.setAccessibleName("Problems")
        # Long messages (an image's size and what to do) wrap to the width of the form.
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        checks.checked.connect(self.refresh)
        self.itemActivated.connect(self._activated)
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
        where = f"{problem.field}: " if problem.field else ""
        line = f" (line {problem.line})" if problem.field == "body" and problem.line else ""
        item = QListWidgetItem(icon, f"{where}{problem.message}{line}")
        item.setToolTip(str(problem))
        self.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self.problem_activated.emit(self._shown[self.row(item)])


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
