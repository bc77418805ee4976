"""The reviews library: every review of the writer's reviews folders in one sortable table,
filtered and searched as they type, with the commands that work on whole reviews.

It only assembles: the index works in `IndexWorker`'s threads, the commands are in
`LibraryCommands`, the filters in `FilterBar`, what is shown in `EntriesModel`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QFileSystemWatcher,
    QItemSelectionModel,
    QObject,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core.library_index import Entry, LibraryIndex
from reviewdesk.ui.library.entries_filter import Criteria
from reviewdesk.ui.library.entries_model import (
    CATEGORY,
    MODIFIED,
    PUBLISHED,
    RATING,
    STATUS,
    TAGS,
    TITLE,
    UPDATED,
    WORDS,
    EntriesModel,
)
from reviewdesk.ui.library.filter_bar import FilterBar
from reviewdesk.ui.library.index_worker import Found, IndexWorker, Listed
from reviewdesk.ui.library.library_commands import LibraryCommands, LibraryHost
from reviewdesk.ui.library.match_delegate import MatchDelegate
from reviewdesk.ui.main_window import FRAME_ROOM

RESCAN_MS = 10_000
"""While the library is shown, how often it looks for changes the folder watcher cannot see
(a review.yaml edited inside a bundle: a git pull, another editor)."""
SETTLE_MS = 300
"""A burst of file events (a git checkout) is one refresh, this long after the last."""


class LibraryWindow(QMainWindow):
    def __init__(
        self,
        host: LibraryHost,
        folders: Callable[[], Sequence[Path]],
        open_index: Callable[[], LibraryIndex] = LibraryIndex.open_default,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Reviews — ReviewDesk")
        self._folders = folders
        self.model = EntriesModel(self)
        self.filters = FilterBar()
        self.table = _table(self.model)
        self.summary = QLabel()
        self.worker = IndexWorker(open_index, self)
        self.commands = LibraryCommands(host, self, self.selected, self.refresh)
        self._generation = 0  # of the latest search asked
        self._query = ""
        # The search Enter was pressed in before its answer came: its answer opens a review.
        self._open_when_found: int | None = None
        self._shown_query: tuple[int, str] | None = None  # the search whose hits are listed
        self._kept: list[Path] = []  # the selection, across a change of what is shown
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._rescan = QTimer(self, interval=RESCAN_MS)
        self._progress = ""
        self._wire()
        self._lay_out()
        self.refresh()

    def _wire(self) -> None:
        self.worker.listed.connect(self._listed)
        self.worker.found.connect(self._found)
        self.worker.progress.connect(self._indexing)
        self.worker.failed.connect(lambda text: self.statusBar().showMessage(text))
        self.filters.criteria_changed.connect(self._criteria)
        self.filters.query_changed.connect(self._search)
        self.filters.search.returnPressed.connect(self._open_from_search)
        # Typing on after Enter: the writer went on, and the answer opens nothing.
        self.filters.search.textEdited.connect(lambda _text: self._forget_enter())
        self.filters.search.installEventFilter(self)
        self.table.activated.connect(lambda _index: self.commands.open_selected())
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self.commands.enable)
        self._watcher.directoryChanged.connect(lambda _path: self._settle.start())
        self._settle.timeout.connect(self.refresh)
        self._rescan.timeout.connect(self.refresh)
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._shown_anew)

    def _lay_out(self) -> None:
        central = QWidget()
        column = QVBoxLayout(central)
        column.addWidget(self.filters)
        column.addWidget(self.table, 1)
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(self.summary)
        menu = self.menuBar()
        self.commands.fill_menus(menu)
        tools = self.addToolBar("Reviews")
        tools.setObjectName("library-tools")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("new", "open", "duplicate"):
            tools.addAction(self.commands.actions[name])
        find = QAction("Find", self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(
            lambda: self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )
        refresh = QAction("Refresh", self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.triggered.connect(self.refresh)
        self.addActions([find, refresh])
        room = self.screen().availableGeometry()
        self.resize(min(1100, room.width() - FRAME_ROOM), min(700, room.height() - FRAME_ROOM))

    # --- the index ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Look at the folders again (in the worker); the table follows when it is done."""
        folders = list(self._folders())
        self._watch(folders)
        self.worker.refresh(folders)

    def _watch(self, folders: list[Path]) -> None:
        watched = set(self._watcher.directories())
        wanted = {str(folder) for folder in folders if folder.is_dir()}
        if gone := watched - wanted:
            self._watcher.removePaths(sorted(gone))
        if new := wanted - watched:
            self._watcher.addPaths(sorted(new))

    def _listed(self, listed: Listed) -> None:
        self.model.set_entries(listed.entries)
        self.filters.offer(listed.entries)
        if listed.refreshed:
            self._progress = ""
        if self._query:
            self._search(self._query)  # what the search found may have changed
        self._count()

    def _indexing(self, done: int, total: int) -> None:
        self._progress = f"Reading reviews: {done:,} of {total:,}" if done < total else ""
        self._count()

    # --- filters and search ---------------------------------------------------------------

    def _criteria(self, criteria: Criteria) -> None:
        self.model.set_criteria(criteria)

    def _search(self, query: str) -> None:
        self._query = query
        self._generation += 1
        if not query:
            self.model.set_found(None)
            self.table.sortByColumn(MODIFIED, Qt.SortOrder.DescendingOrder)
            return
        self.worker.search(self._generation, query, list(self._folders()))

    def _found(self, found: Found) -> None:
        if found.generation != self._generation:
            return  # an answer to a query typed over since
        matches: dict[Path, str] = {}
        for hit in found.hits:
            matches.setdefault(hit.path, hit.snippet)
        if self._shown_query == (found.generation, found.query):
            self.model.update_matches(matches)  # the rest of the snippets: rows stay put
            return
        self._shown_query = (found.generation, found.query)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.sort(-1)  # best match first, until a column is clicked
        self.model.set_found(matches)
        if self._open_when_found == found.generation:
            self._open_when_found = None
            self._open_from_search()

    def _open_from_search(self) -> None:
        """Enter in the search opens the review picked in the list, or else the best match
        (once the search typed has answered)."""
        if self.filters.search_now():  # asked now, as generation self._generation
            self._open_when_found = self._generation
            return
        if not self.selected() and self.model.rowCount():
            self._reselect([self.model.entry(0).path])
        self.commands.open_selected()

    def _forget_enter(self) -> None:
        self._open_when_found = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        # Down in the search goes to the list, on its first row when none is picked.
        is_down = isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
        if watched is self.filters.search and event.type() == QEvent.Type.KeyPress and is_down:
            if not self.selected() and self.model.rowCount():
                self._reselect([self.model.entry(0).path])
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    # --- selection -------------------------------------------------------------------------

    def selected(self) -> list[Entry]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.entry(row) for row in rows]

    def _keep_selection(self) -> None:
        self._kept = self._kept or [entry.path for entry in self.selected()]

    def _shown_anew(self) -> None:
        kept, self._kept = self._kept, []
        self._reselect(kept)
        self._count()

    def _reselect(self, paths: list[Path]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        wanted = set(paths)
        first = None
        for row, entry in enumerate(self.model.shown()):
            if entry.path in wanted:
                index = self.model.index(row, TITLE)
                selection.select(index, flags)
                first = first or index
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)
        self.commands.enable()

    def _count(self, *_args: object) -> None:
        total, shown = len(self.model.entries()), self.model.rowCount()
        broken = sum(1 for entry in self.model.entries() if entry.problem)
        noun = "review" if total == 1 else "reviews"
        words = f"{shown:,} of {total:,} {noun}" if shown != total else f"{total:,} {noun}"
        parts = [words, f"{broken:,} cannot be read" if broken else "", self._progress]
        self.summary.setText(" · ".join(part for part in parts if part))

    def _context_menu(self, at: QPoint) -> None:
        menu = QMenu(self)
        self.commands.fill_context_menu(menu)
        menu.exec(self.table.viewport().mapToGlobal(at))

    # --- being shown -------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self.refresh()  # back from another editor or a terminal: what changed shows
        return super().event(event)

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt's API)
        self._rescan.start()
        super().showEvent(event)  # type: ignore[arg-type]

    def hideEvent(self, event: object) -> None:  # noqa: N802 (Qt's API)
        self._rescan.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's API)
        self._rescan.stop()
        super().closeEvent(event)


def _table(model: EntriesModel) -> _ReviewsTable:
    table = _ReviewsTable()
    table.setAccessibleName("Reviews")
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(MODIFIED, Qt.SortOrder.DescendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.setItemDelegateForColumn(TITLE, MatchDelegate(table))
    metrics = table.fontMetrics()
    table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    header.setSortIndicatorClearable(True)
    # Widths from the longest text each column shows, not measured over thousands of rows.
    for column, widest in _WIDEST.items():
        width = max(metrics.horizontalAdvance(widest), metrics.horizontalAdvance(
            str(model.headerData(column, Qt.Orientation.Horizontal))))  # fmt: skip
        table.natural_widths[column] = width + 3 * metrics.averageCharWidth()
        header.resizeSection(column, table.natural_widths[column])
    return table


class _ReviewsTable(QTableView):
    """The title takes the room the other columns leave, and never less than a readable
    title: on a narrow window the columns that elide (category, tags) give up room first, then
    the table scrolls sideways. At 1024x700 the titles showed 8 characters ("Elmstea…")."""

    TITLE_CHARS, ELIDED_CHARS = 50, 10

    def __init__(self) -> None:
        super().__init__()
        self.natural_widths: dict[int, int] = {}

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        header, char = self.horizontalHeader(), self.fontMetrics().averageCharWidth()
        elided = {c: w for c, w in self.natural_widths.items() if c in (CATEGORY, TAGS)}
        fixed = sum(w for c, w in self.natural_widths.items() if c not in elided)
        title_least = self.TITLE_CHARS * char
        short = title_least - (self.viewport().width() - fixed - sum(elided.values()))
        for column, width in elided.items():
            give = min(max(short, 0), width - self.ELIDED_CHARS * char)
            header.resizeSection(column, width - max(give, 0))
            short -= max(give, 0)
        rest = self.viewport().width() - fixed - sum(header.sectionSize(c) for c in elided)
        header.resizeSection(TITLE, max(title_least, rest))


_WIDEST = {
    STATUS: "Cannot be read", CATEGORY: "Photography and", RATING: "10.5 / 10",
    TAGS: "camping, outdoors", WORDS: "100,000", PUBLISHED: "2026-12-31",
    UPDATED: "2026-12-31", MODIFIED: "2026-12-31 23:59",
}  # fmt: skip
