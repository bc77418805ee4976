"""The library's search field and filters, above its table: what the writer sets here becomes
`Criteria` (the filters) and a search query, each announced by a signal."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core.library_index import Entry
from reviewdesk.ui.library.entries_filter import BROKEN, Criteria

SEARCH_PAUSE_MS = 120
"""A search starts once typing pauses this long: not one query a key."""

STATUSES = (("Any status", ""), ("Draft", "draft"), ("Ready", "ready"),
            ("Published", "published"), ("Cannot be read", BROKEN))  # fmt: skip
RATINGS = (("Any rating", 0.0), ("★ 4.5 and up", 4.5), ("★ 4 and up", 4.0),
           ("★ 3 and up", 3.0), ("★ 2 and up", 2.0))  # fmt: skip
ANY_TAG, ANY_CATEGORY = "Any tag", "Any category"


class FilterBar(QWidget):
    criteria_changed = Signal(object)  # Criteria
    query_changed = Signal(str)  # after a pause in typing; "" ends the search

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Search titles, decks, summaries, pros, cons, "
                                "verdicts and bodies", clearButtonEnabled=True)  # fmt: skip
        self.search.setAccessibleName("Search the reviews")
        self.status = _combo("Status", [label for label, _ in STATUSES])
        self.tag = _combo("Tag", [ANY_TAG])
        self.category = _combo("Category", [ANY_CATEGORY])
        self.rating = _combo("Rating", [label for label, _ in RATINGS])
        self.dated = QCheckBox("Published between")
        self.since = _date_edit("Published from", QDate.currentDate().addYears(-1))
        self.until = _date_edit("Published until", QDate.currentDate())
        self._pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._pause.timeout.connect(lambda: self.query_changed.emit(self.search.text().strip()))
        self.search.textChanged.connect(self._typed)
        for combo in (self.status, self.tag, self.category, self.rating):
            combo.currentIndexChanged.connect(self._changed)
        self.dated.toggled.connect(self._changed)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._changed)
        self._lay_out()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        for widget in (self.status, self.tag, self.category, self.rating, self.dated):
            filters.addWidget(widget)
        filters.addWidget(self.since)
        filters.addWidget(self.until)
        filters.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addLayout(filters)

    def search_now(self) -> bool:
        """Announce the query typed at once, not after the pause; False when it was already."""
        if not self._pause.isActive():
            return False
        self._pause.stop()
        self.query_changed.emit(self.search.text().strip())
        return True

    def _typed(self, text: str) -> None:
        if not text.strip():  # cleared: the whole list at once
            self._pause.stop()
            self.query_changed.emit("")
        else:
            self._pause.start()

    def criteria(self) -> Criteria:
        tag, category = self.tag.currentText(), self.category.currentText()
        return Criteria(
            status=STATUSES[max(0, self.status.currentIndex())][1],
            tag="" if tag == ANY_TAG else tag,
            category="" if category == ANY_CATEGORY else category,
            published_from=self.since.date().toPython() if self.dated.isChecked() else None,  # type: ignore[arg-type]
            published_to=self.until.date().toPython() if self.dated.isChecked() else None,  # type: ignore[arg-type]
            min_stars=RATINGS[max(0, self.rating.currentIndex())][1],
        )

    def _changed(self) -> None:
        self.since.setEnabled(self.dated.isChecked())
        self.until.setEnabled(self.dated.isChecked())
        self.criteria_changed.emit(self.criteria())

    def offer(self, entries: Iterable[Entry]) -> None:
        """Fill the tag and category lists from the reviews, keeping what is chosen."""
        tags: dict[str, str] = {}
        categories: dict[str, str] = {}
        for entry in entries:
            for tag in entry.tags:
                tags.setdefault(tag.casefold(), tag)
            if entry.category:
                categories.setdefault(entry.category.casefold(), entry.category)
        _refill(self.tag, ANY_TAG, sorted(tags.values(), key=str.casefold))
        _refill(self.category, ANY_CATEGORY, sorted(categories.values(), key=str.casefold))


def _combo(name: str, items: list[str]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItems(items)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setMaxVisibleItems(20)
    return combo


def _date_edit(name: str, day: QDate) -> QDateEdit:
    edit = QDateEdit(day)
    edit.setCalendarPopup(True)
    edit.setEnabled(False)
    edit.setAccessibleName(name)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _refill(combo: QComboBox, anything: str, values: list[str]) -> None:
    chosen = combo.currentText()
    if [combo.itemText(i) for i in range(1, combo.count())] == values:
        return
    combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItem(anything)
        combo.addItems(values)
        combo.setCurrentIndex(max(0, combo.findText(chosen, Qt.MatchFlag.MatchFixedString)))
    finally:
        combo.blockSignals(False)
