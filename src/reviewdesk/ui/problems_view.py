"""The problems list: publishing checks and path problems of the open review, kept live."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from reviewdesk.core import checks
from reviewdesk.core.problems import Problem, Severity
from reviewdesk.ui.document import ReviewDocument

REFRESH_DELAY_MS = 400


class ProblemsView(QListWidget):
    field_activated = Signal(str)  # the field a problem is about, when the writer picks it
    counted = Signal(int)

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.setAccessibleName("Problems")
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        document.changed.connect(lambda _field: self._timer.start())
        document.folder_changed.connect(self.refresh)
        self.itemActivated.connect(self._activated)
        self.refresh()

    def problems(self) -> list[Problem]:
        folder = self._document.folder
        if folder is None:
            return []
        at = checks.Locator(folder)
        review = self._document.review
        return checks.path_problems(review, at) + checks.publishing_problems(review, at)

    def refresh(self) -> None:
        found = self.problems()
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
        item = QListWidgetItem(icon, f"{where}{problem.message}")
        item.setData(Qt.ItemDataRole.UserRole, problem.field)
        item.setToolTip(str(problem))
        self.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self.field_activated.emit(str(item.data(Qt.ItemDataRole.UserRole)))
