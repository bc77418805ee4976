"""Which of the library's reviews are shown: by status, tag, category, publication dates and
rating, and, while a search is typed, only those it found, best match first."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from reviewdesk.core.library_index import Entry
from reviewdesk.ui.library.entries_model import SORT_ROLE, EntriesModel

BROKEN = "broken"  # the status filter's value for reviews that cannot be read


@dataclass(frozen=True)
class Criteria:
    """What a review must be to be shown; the defaults show every review."""

    status: str = ""  # a Status value, BROKEN, or "" for any
    tag: str = ""
    category: str = ""
    published_from: date | None = None
    published_to: date | None = None
    min_stars: float = 0.0  # the rating as stars out of five, whatever its scale

    def admits(self, entry: Entry) -> bool:
        return (
            self._status_fits(entry)
            and (not self.tag or self.tag.casefold() in (t.casefold() for t in entry.tags))
            and (not self.category or entry.category.casefold() == self.category.casefold())
            and self._dates_fit(entry)
            and (not self.min_stars or stars(entry) >= self.min_stars)
        )

    def _status_fits(self, entry: Entry) -> bool:
        if not self.status:
            return True
        if self.status == BROKEN:
            return bool(entry.problem)
        return not entry.problem and entry.status == self.status

    def _dates_fit(self, entry: Entry) -> bool:
        if self.published_from is None and self.published_to is None:
            return True
        if not entry.published:
            return False
        day = entry.published[:10]
        after = self.published_from is None or day >= self.published_from.isoformat()
        before = self.published_to is None or day <= self.published_to.isoformat()
        return after and before

    def but(self, **changes: Any) -> Criteria:
        return replace(self, **changes)


def stars(entry: Entry) -> float:
    """The rating as stars out of five (0 without one)."""
    if entry.rating is None or not entry.best:
        return 0.0
    return 5 * entry.rating / entry.best


class EntriesFilter(QSortFilterProxyModel):
    def __init__(self, model: EntriesModel) -> None:
        super().__init__(model)
        self._model = model
        self._criteria = Criteria()
        self._found: dict[Path, int] | None = None  # search rank per review, while searching
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)

    @property
    def criteria(self) -> Criteria:
        return self._criteria

    def set_criteria(self, criteria: Criteria) -> None:
        if criteria != self._criteria:
            self.beginFilterChange()
            self._criteria = criteria
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_found(self, paths: list[Path] | None) -> None:
        """Show only `paths`, in their order when no column is sorted (None: no search)."""
        self.beginFilterChange()
        self._found = None if paths is None else {path: rank for rank, path in enumerate(paths)}
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802 (Qt's API)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        entry = self._model.entry(source_row)
        if self._found is not None and entry.path not in self._found:
            return False
        return self._criteria.admits(entry)

    def lessThan(  # noqa: N802 (Qt's API)
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if self.sortColumn() < 0 and self._found is not None:
            a, b = self._model.entry(left.row()).path, self._model.entry(right.row()).path
            return self._found.get(a, 0) < self._found.get(b, 0)
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))

    def entry(self, row: int) -> Entry:
        return self._model.entry(self.mapToSource(self.index(row, 0)).row())
