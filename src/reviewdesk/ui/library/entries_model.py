"""The library's reviews as a table: one row per review shown, a column per thing a writer
sorts by. Sorting uses each column's own key (a date as a date, a rating as a number, a review
without one first going up), not the text shown.

The model filters and sorts itself, in Python's own sort over the entries (5,000 in a few
milliseconds): a QSortFilterProxyModel would ask Python for each of the n log n comparisons
it makes, which stalled the window half a second on 5,000 reviews."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from reviewdesk.core.library_index import Entry
from reviewdesk.ui.library.entries_filter import Criteria

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2
MATCH_ROLE = Qt.ItemDataRole.UserRole + 3  # the search's snippet, marks in \x02...\x03

_Index = QModelIndex | QPersistentModelIndex
_STATUS_WORDS = {"draft": "Draft", "ready": "Ready", "published": "Published"}


@dataclass(frozen=True)
class Column:
    title: str
    shown: Callable[[Entry], str]
    key: Callable[[Entry], Any]


def _rating(entry: Entry) -> str:
    if entry.rating is None:
        return ""
    best = f" / {entry.best:g}" if entry.best is not None else ""
    return f"{entry.rating:g}{best}"


def _day(iso: str) -> str:
    return iso[:10]


def _modified(entry: Entry) -> str:
    return datetime.fromtimestamp(entry.modified, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _fraction(entry: Entry) -> float:
    """A rating as a share of its scale, so 8/10 sorts above 3.5/5; none sorts last."""
    if entry.rating is None:
        return -1.0
    return entry.rating / entry.best if entry.best else entry.rating


COLUMNS: tuple[Column, ...] = (
    Column("Title", lambda e: e.title, lambda e: e.title.casefold()),
    Column(
        "Status",
        lambda e: "Cannot be read" if e.problem else _STATUS_WORDS.get(e.status, e.status),
        lambda e: "~" if e.problem else e.status,
    ),
    Column("Category", lambda e: e.category, lambda e: e.category.casefold()),
    Column("Rating", _rating, _fraction),
    Column("Tags", lambda e: ", ".join(e.tags), lambda e: ", ".join(e.tags).casefold()),
    Column("Words", lambda e: "" if e.problem else f"{e.words:,}", lambda e: e.words),
    Column("Published", lambda e: _day(e.published), lambda e: e.published),
    Column("Updated", lambda e: _day(e.updated), lambda e: e.updated),
    Column("Modified", _modified, lambda e: e.modified),
)
TITLE, STATUS, CATEGORY, RATING, TAGS, WORDS, PUBLISHED, UPDATED, MODIFIED = range(len(COLUMNS))
_RIGHT = frozenset({RATING, WORDS})


class EntriesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: tuple[Entry, ...] = ()
        self._rows: list[Entry] = []
        self._criteria = Criteria()
        self._found: dict[Path, int] | None = None  # search rank per review, while searching
        self._matches: dict[Path, str] = {}
        self._sort_column, self._order = MODIFIED, Qt.SortOrder.DescendingOrder

    def set_entries(self, entries: Sequence[Entry]) -> bool:
        """Every review of the library; False when nothing changed (the view keeps its place)."""
        if tuple(entries) == self._all:
            return False
        self._all = tuple(entries)
        self._rebuild()
        return True

    def set_criteria(self, criteria: Criteria) -> None:
        if criteria != self._criteria:
            self._criteria = criteria
            self._rebuild()

    def set_found(self, ranked: dict[Path, str] | None) -> None:
        """While searching, only the reviews found, each with its snippet, best first (in
        the order given) unless a column is sorted; None: no search."""
        self._found = None if ranked is None else {path: n for n, path in enumerate(ranked)}
        self._matches = ranked or {}
        self._rebuild()

    def update_matches(self, ranked: dict[Path, str]) -> None:
        """The snippets of the reviews found, now for more of them: the rows stay."""
        self._matches = ranked
        if self._rows:
            self.dataChanged.emit(self.index(0, TITLE), self.index(len(self._rows) - 1, TITLE))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """What a click on a header asks (-1: no column, the search's order or the index's)."""
        self._sort_column, self._order = column, order
        self._rebuild()

    def _rebuild(self) -> None:
        admits, found = self._criteria.admits, self._found
        rows = [e for e in self._all if admits(e) and (found is None or e.path in found)]
        if 0 <= self._sort_column < len(COLUMNS):
            descending = self._order == Qt.SortOrder.DescendingOrder
            rows.sort(key=COLUMNS[self._sort_column].key, reverse=descending)
        elif found is not None:
            rows.sort(key=lambda e: found[e.path])
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def entry(self, row: int) -> Entry:
        return self._rows[row]

    def entries(self) -> tuple[Entry, ...]:
        """Every review, shown or not."""
        return self._all

    def shown(self) -> list[Entry]:
        return list(self._rows)

    def row_of(self, path: Path) -> int:
        """The row showing the review at `path`, or -1."""
        return next((row for row, e in enumerate(self._rows) if e.path == path), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 (Qt's API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column].shown(entry)
        if role == SORT_ROLE:
            return COLUMNS[column].key(entry)
        if role == ENTRY_ROLE:
            return entry
        if role == MATCH_ROLE and column == TITLE:
            return self._matches.get(entry.path)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.problem or str(entry.path)
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE and entry.problem:
            style = QApplication.style()
            return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
