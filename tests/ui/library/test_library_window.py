"""The library window as a writer uses it: the reviews listed, filtered and searched from the
keyboard and the mouse, opened, changed in bulk, and following what changes on disk."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.core.library_index import Entry, LibraryIndex
from reviewdesk.core.model import Rating, Review, Status
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.library import index_worker, library_window
from reviewdesk.ui.library.compare_window import CompareWindow
from reviewdesk.ui.library.entries_model import (
    CATEGORY,
    COLUMNS,
    MATCH_ROLE,
    RATING,
    STATUS,
    TAGS,
    TITLE,
)
from reviewdesk.ui.library.export_selection import ExportSelection
from reviewdesk.ui.library.library_commands import LibraryHost
from reviewdesk.ui.library.library_window import LibraryWindow

LISTED_MS = 10_000


@dataclass
class Host:
    """The main window's side, as the library sees it: what it was asked to open."""

    document: ReviewDocument
    opened: list[Path] = field(default_factory=list)
    made_new: int = 0

    def open_review(self, folder: Path) -> bool:
        self.document.reopen(folder)
        self.opened.append(folder)
        return True

    def new_review(self) -> bool:
        self.made_new += 1
        return True

    def save_review(self) -> bool:
        self.document.save()
        return True

    def export_folder(self) -> Path:
        return self.document.folder.parent.parent / "exports" if self.document.folder else Path()

    def as_host(self) -> LibraryHost:
        return LibraryHost(
            self.document, self.open_review, self.new_review, self.save_review, self.export_folder
        )


REVIEWS = {
    "espresso": ("Lever Espresso Grinder", Status.PUBLISHED, "Kitchen", 4.5, ["coffee"]),
    "kettle": ("Gooseneck Kettle", Status.DRAFT, "Kitchen", 3.0, ["coffee", "tea"]),
    "tent": ("Two-Person Tent", Status.READY, "Outdoors", 4.0, ["camping"]),
    "lamp": ("Reading Lamp", Status.DRAFT, "Home", None, []),
}


def write_review(  # noqa: PLR0917 (a review's fields, as the table lists them)
    folder: Path, title: str, status: Status, category: str, rating: float | None,
    tags: list[str], body: str = "",
) -> None:  # fmt: skip
    review = Review(
        title=title,
        status=status,
        category=category,
        rating=Rating(value=rating) if rating is not None else None,
        tags=tags,
        body=body or f"About the {title.lower()}: how it holds up after a month.\n",
    )
    bundle.save(review, folder)


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    root = tmp_path / "Reviews"
    for name, (title, status, category, rating, tags) in REVIEWS.items():
        write_review(root / name, title, status, category, rating, tags)
    title, status, category, rating, tags = REVIEWS["lamp"]
    write_review(root / "lamp", title, status, category, rating, tags,
                 body="The shade pivots on a brass knuckle.")  # fmt: skip
    (root / "broken").mkdir()
    (root / "broken" / "review.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (root / "broken" / "body.md").write_text("", encoding="utf-8")
    return root


@pytest.fixture
def host(shelf: Path) -> Host:
    return Host(ReviewDocument.open(shelf / "lamp"))


@pytest.fixture
def window(qtbot: QtBot, shelf: Path, host: Host, tmp_path: Path) -> LibraryWindow:
    cache = tmp_path / "cache" / "library.sqlite3"
    made = LibraryWindow(host.as_host(), lambda: [shelf], lambda: LibraryIndex(cache))
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.worker.listed, timeout=LISTED_MS, check_params_cb=refreshed):
        made.show()
    return made


def refreshed(listed: object) -> bool:
    return bool(getattr(listed, "refreshed", False))


def shelf_of(window: LibraryWindow) -> Path:
    return window.model.entry(0).path.parent


def titles(window: LibraryWindow) -> list[str]:
    return [window.model.entry(row).title for row in range(window.model.rowCount())]


def row_of(window: LibraryWindow, title: str) -> int:
    return titles(window).index(title)


def entry_titled(window: LibraryWindow, title: str) -> Entry | None:
    """The entry listed under `title`; None while a listing under way has not brought it
    (a renamed folder is gone from the list until the worker has read its new place)."""
    titled = [window.model.entry(row) for row in range(window.model.rowCount())]
    return next((entry for entry in titled if entry.title == title), None)


def select(window: LibraryWindow, *names: str) -> None:
    selection = window.table.selectionModel()
    selection.clearSelection()
    for name in names:
        index = window.model.index(row_of(window, name), TITLE)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.select(index, flags)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)


def refresh(qtbot: QtBot, window: LibraryWindow) -> None:
    with qtbot.waitSignal(window.worker.listed, timeout=LISTED_MS, check_params_cb=refreshed):
        window.refresh()


# --- what it lists -----------------------------------------------------------------------------


def test_every_review_is_listed_and_a_broken_one_with_its_problem(window: LibraryWindow) -> None:
    assert sorted(titles(window)) == sorted([*(r[0] for r in REVIEWS.values()), "broken"])
    broken = window.model.index(row_of(window, "broken"), STATUS)
    assert broken.data() == "Cannot be read"
    tip = broken.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"{shelf_of(window) / 'broken' / 'review.yaml'}:") and "YAML" in tip
    assert "5 reviews" in window.summary.text() and "1 cannot be read" in window.summary.text()


def test_columns_sort_by_their_values_from_a_click_on_the_header(
    qtbot: QtBot, window: LibraryWindow
) -> None:
    header = window.table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(RATING) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    order = titles(window)
    first, last = order[0], order[-1]
    if window.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        first, last = last, first
    assert first in ("Reading Lamp", "broken")  # no rating: first going up
    assert last == "Lever Espresso Grinder"  # 4.5 of 5


def test_every_column_sorts_by_its_own_key_both_ways(qtbot: QtBot, window: LibraryWindow) -> None:
    header = window.table.horizontalHeader()
    for column, kind in enumerate(COLUMNS):
        at = QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2)
        orders = set()
        for _click in range(2):
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
            assert header.sortIndicatorSection() == column
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            keys = [kind.key(window.model.entry(row)) for row in range(window.model.rowCount())]
            assert keys == sorted(keys, reverse=descending), kind.title
            orders.add(descending)
        assert orders == {True, False}, kind.title  # a second click turns the order round


# --- filters and search --------------------------------------------------------------------


def test_filters_by_status_tag_and_rating_from_their_lists(
    qtbot: QtBot, window: LibraryWindow
) -> None:
    bar = window.filters
    bar.status.setFocus()
    qtbot.keyClicks(bar.status, "Draft")  # a combo box picks the item typed
    assert sorted(titles(window)) == ["Gooseneck Kettle", "Reading Lamp"]
    bar.status.setCurrentIndex(0)
    bar.tag.setCurrentIndex(bar.tag.findText("coffee"))
    assert sorted(titles(window)) == ["Gooseneck Kettle", "Lever Espresso Grinder"]
    bar.rating.setCurrentIndex(bar.rating.findText("★ 4 and up"))
    assert titles(window) == ["Lever Espresso Grinder"]
    assert "1 of 5 reviews" in window.summary.text()


def test_filters_by_category_and_a_range_of_publication_dates(
    qtbot: QtBot, window: LibraryWindow, shelf: Path
) -> None:
    for name, day in (("espresso", date(2025, 3, 2)), ("kettle", date(2026, 1, 15)),
                      ("tent", date(2026, 6, 30))):  # fmt: skip
        bundle.save(bundle.load(shelf / name).model_copy(update={"published": day}), shelf / name)
    refresh(qtbot, window)
    # A listing the folder watcher began before the saves may be the one the refresh's wait
    # saw (it listed nothing in a date range once, under load): the list holds the saved dates
    # once the refresh asked for has listed too.
    saved = {"Lever Espresso Grinder": "2025-03-02", "Gooseneck Kettle": "2026-01-15",
             "Two-Person Tent": "2026-06-30"}  # fmt: skip
    qtbot.waitUntil(
        lambda: all(
            getattr(entry_titled(window, t), "published", "") == d for t, d in saved.items()
        ),
        timeout=LISTED_MS,
    )
    bar = window.filters
    bar.category.setFocus()
    qtbot.keyClicks(bar.category, "Kitchen")
    assert sorted(titles(window)) == ["Gooseneck Kettle", "Lever Espresso Grinder"]
    bar.category.setCurrentIndex(0)
    assert not bar.since.isEnabled()
    qtbot.mouseClick(bar.dated, Qt.MouseButton.LeftButton, pos=QPoint(4, bar.dated.height() // 2))
    assert bar.dated.isChecked() and bar.since.isEnabled()
    for edit, typed in ((bar.since, "2026-01-01"), (bar.until, "2026-06-30")):
        edit.setFocus()
        edit.setSelectedSection(edit.Section.YearSection)
        qtbot.keyClicks(edit, typed.replace("-", ""))  # each section takes its digits
        assert edit.date().toString("yyyy-MM-dd") == typed
    assert sorted(titles(window)) == ["Gooseneck Kettle", "Two-Person Tent"]  # ends included
    bar.category.setFocus()
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new word, not more of "Kitchen"
    qtbot.keyClicks(bar.category, "Outdoors")
    assert titles(window) == ["Two-Person Tent"]
    qtbot.mouseClick(bar.dated, Qt.MouseButton.LeftButton, pos=QPoint(4, bar.dated.height() // 2))
    assert titles(window) == ["Two-Person Tent"]  # the dates off: outdoors alone


def test_search_shows_only_the_reviews_found_with_the_words_marked(
    qtbot: QtBot, window: LibraryWindow
) -> None:
    with qtbot.waitSignal(window.worker.found, timeout=LISTED_MS):
        qtbot.keyClicks(window.filters.search, "brass")
    assert titles(window) == ["Reading Lamp"]
    snippet = window.model.index(0, TITLE).data(MATCH_ROLE)
    assert "\x02brass\x03" in snippet
    window.filters.search.clear()  # every review again, at once
    assert len(titles(window)) == 5


def test_a_search_a_writer_types_with_stray_quotes_never_fails(
    qtbot: QtBot, window: LibraryWindow
) -> None:
    failures: list[str] = []
    window.worker.failed.connect(failures.append)
    with qtbot.waitSignal(window.worker.found, timeout=LISTED_MS):
        qtbot.keyClicks(window.filters.search, 'kettle "holds AND')
    assert failures == []


# --- commands ----------------------------------------------------------------------------------


def test_enter_opens_the_selected_review(qtbot: QtBot, window: LibraryWindow, host: Host) -> None:
    select(window, "Two-Person Tent")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert host.opened == [window.model.entry(window.model.row_of(host.opened[0])).path]
    assert bundle.load(host.opened[0]).title == "Two-Person Tent"


def test_enter_typed_in_the_search_opens_the_best_match(
    qtbot: QtBot, window: LibraryWindow, host: Host
) -> None:
    # Typed and Enter at once, before the pause that starts a search: it waits for the answer.
    qtbot.keyClicks(window.filters.search, "brass")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(host.opened) == 1, timeout=LISTED_MS)
    assert bundle.load(host.opened[0]).title == "Reading Lamp"


def test_enter_then_more_typing_opens_nothing(
    qtbot: QtBot, window: LibraryWindow, host: Host
) -> None:
    # Typed on after Enter, before the answer: the writer went on, and no answer opens a
    # review (the last one is listed, and its opening decided, in one call).
    qtbot.keyClicks(window.filters.search, "bras")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    qtbot.keyClicks(window.filters.search, "s")
    qtbot.waitUntil(lambda: titles(window) == ["Reading Lamp"], timeout=LISTED_MS)
    assert host.opened == []


def test_down_in_the_search_goes_to_the_first_review_found(
    qtbot: QtBot, window: LibraryWindow, host: Host
) -> None:
    with qtbot.waitSignal(window.worker.found, timeout=LISTED_MS):
        qtbot.keyClicks(window.filters.search, "brass")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Down)
    assert window.table.hasFocus()
    assert [entry.title for entry in window.selected()] == ["Reading Lamp"]
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert len(host.opened) == 1 and bundle.load(host.opened[0]).title == "Reading Lamp"


def test_a_double_click_opens_the_review_under_it(
    qtbot: QtBot, window: LibraryWindow, host: Host
) -> None:
    cell = window.table.visualRect(window.model.index(row_of(window, "Gooseneck Kettle"), STATUS))
    # A double click's first press, then the double click (QTest's alone sends the second).
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    assert len(host.opened) == 1 and bundle.load(host.opened[0]).title == "Gooseneck Kettle"


def test_a_status_set_on_a_selection_is_saved_and_the_open_review_changes_undoably(
    qtbot: QtBot, window: LibraryWindow, host: Host, shelf: Path
) -> None:
    select(window, "Gooseneck Kettle", "Two-Person Tent", "Reading Lamp")
    window.commands.actions["status-published"].trigger()
    assert bundle.load(shelf / "kettle").status == Status.PUBLISHED
    assert bundle.load(shelf / "tent").status == Status.PUBLISHED
    # The open review: in the window, unsaved, one undo away; its file as it was.
    assert host.document.review.status == Status.PUBLISHED and host.document.modified
    assert bundle.load(shelf / "lamp").status == Status.DRAFT
    host.document.undo_stack.undo()
    assert host.document.review.status.value == "draft"

    def published() -> list[str]:
        entries = [window.model.entry(row) for row in range(window.model.rowCount())]
        return sorted(e.title for e in entries if e.status == "published")

    expected = ["Gooseneck Kettle", "Lever Espresso Grinder", "Two-Person Tent"]
    qtbot.waitUntil(lambda: published() == expected, timeout=LISTED_MS)


def click_row(qtbot: QtBot, window: LibraryWindow, title: str, *, control: bool = False) -> None:
    cell = window.table.visualRect(window.model.index(row_of(window, title), STATUS))
    modifier = Qt.KeyboardModifier.ControlModifier if control else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, modifier, cell.center())


# The offscreen platform's stubs for what a popup menu asks of a real window system.
MENUS_OFFSCREEN = pytest.mark.qt_log_ignore(
    "This plugin does not support raise\\(\\)",
    "This plugin does not support grabbing the keyboard",
    extend=True,
)


def choose_in_menus(qtbot: QtBot, window: LibraryWindow, *keys: Qt.Key) -> None:
    """The menu bar's menu of the first key's mnemonic (Alt+key), then an item of each menu
    opened by the next keys, as a writer picks them from the keyboard."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, keys[0], Qt.KeyboardModifier.AltModifier)
    for key in keys[1:]:
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        menu = QApplication.activePopupWidget()
        qtbot.keyClick(menu, key)


@MENUS_OFFSCREEN
def test_a_status_set_from_the_keyboard_on_rows_picked_with_the_mouse(
    qtbot: QtBot, window: LibraryWindow, shelf: Path
) -> None:
    click_row(qtbot, window, "Gooseneck Kettle")
    click_row(qtbot, window, "Two-Person Tent", control=True)
    assert sorted(entry.title for entry in window.selected()) == [
        "Gooseneck Kettle",
        "Two-Person Tent",
    ]
    choose_in_menus(qtbot, window, Qt.Key.Key_C, Qt.Key.Key_S, Qt.Key.Key_R)  # Change ▸ Set ▸ Ready
    qtbot.waitUntil(lambda: bundle.load(shelf / "kettle").status == Status.READY)
    assert bundle.load(shelf / "tent").status == Status.READY
    assert bundle.load(shelf / "espresso").status == Status.PUBLISHED  # not selected
    qtbot.waitUntil(
        lambda: getattr(entry_titled(window, "Gooseneck Kettle"), "status", "") == "ready",
        timeout=LISTED_MS,
    )
    assert sorted(entry.title for entry in window.selected()) == [  # kept across the listing
        "Gooseneck Kettle",
        "Two-Person Tent",
    ]


def test_a_tag_added_to_a_selection_reaches_each_review(
    qtbot: QtBot, window: LibraryWindow, shelf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a, **_k: ("gift ideas", True))
    select(window, "Gooseneck Kettle", "Two-Person Tent")
    window.commands.actions["add-tag"].trigger()
    assert bundle.load(shelf / "kettle").tags == ["coffee", "tea", "gift ideas"]
    assert bundle.load(shelf / "tent").tags == ["camping", "gift ideas"]
    qtbot.waitUntil(lambda: window.filters.tag.findText("gift ideas") > 0, timeout=LISTED_MS)


def test_rename_moves_the_folder_and_the_list_follows(
    qtbot: QtBot, window: LibraryWindow, shelf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("tent-review", True))
    select(window, "Two-Person Tent")
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    assert not (shelf / "tent").exists()
    assert bundle.load(shelf / "tent-review").slug == "tent-review"
    qtbot.waitUntil(
        lambda: (
            getattr(entry_titled(window, "Two-Person Tent"), "path", None) == shelf / "tent-review"
        ),
        timeout=LISTED_MS,
    )


def test_duplicate_and_trash_from_the_keyboard(
    qtbot: QtBot, window: LibraryWindow, shelf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(window, "Gooseneck Kettle")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Gooseneck Kettle (copy)" in titles(window), timeout=LISTED_MS)
    assert bundle.load(shelf / "gooseneck-kettle-copy").status == Status.DRAFT
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    select(window, "Gooseneck Kettle (copy)")
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "Gooseneck Kettle (copy)" not in titles(window), timeout=LISTED_MS)
    assert not (shelf / "gooseneck-kettle-copy").exists()


@MENUS_OFFSCREEN
def test_new_from_a_review_copies_it_under_the_title_given_and_opens_it(
    qtbot: QtBot, window: LibraryWindow, host: Host, shelf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Tent for Four", True))
    click_row(qtbot, window, "Two-Person Tent")
    choose_in_menus(qtbot, window, Qt.Key.Key_R, Qt.Key.Key_F)  # Review ▸ New From This Review…
    qtbot.waitUntil(lambda: bool(host.opened))
    made = host.opened[0]
    assert made.parent == shelf and made != shelf / "tent"
    copy = bundle.load(made)
    assert (copy.title, copy.category, copy.tags, copy.status) == (
        "Tent for Four",
        "Outdoors",
        ["camping"],
        Status.DRAFT,
    )
    assert bundle.load(shelf / "tent").title == "Two-Person Tent"  # the template unchanged
    qtbot.waitUntil(lambda: "Tent for Four" in titles(window), timeout=LISTED_MS)


def test_the_open_review_is_not_sent_to_the_trash(
    window: LibraryWindow, shelf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **_k: asked.append(a))
    select(window, "Reading Lamp")
    assert window.commands.trash_selected() is None
    assert asked == [] and (shelf / "lamp").is_dir()


# --- following the disk --------------------------------------------------------------------


def test_a_review_added_edited_or_removed_outside_shows_up(
    qtbot: QtBot, window: LibraryWindow, shelf: Path
) -> None:
    write_review(shelf / "stove", "Camp Stove", Status.DRAFT, "Outdoors", 3.5, ["camping"])
    qtbot.waitUntil(lambda: "Camp Stove" in titles(window), timeout=LISTED_MS)  # watched
    review = bundle.load(shelf / "kettle")
    bundle.save(
        review.model_copy(update={"title": "Gooseneck Kettle, revisited"}), shelf / "kettle"
    )
    refresh(qtbot, window)  # what a git pull changes inside a bundle: seen on the next look
    assert "Gooseneck Kettle, revisited" in titles(window)
    for file in (shelf / "espresso").rglob("*"):
        if file.is_file():
            file.unlink()
    for folder in sorted((shelf / "espresso").rglob("*"), reverse=True):
        folder.rmdir()
    (shelf / "espresso").rmdir()
    qtbot.waitUntil(lambda: "Lever Espresso Grinder" not in titles(window), timeout=LISTED_MS)


def test_it_looks_again_on_its_own_while_shown(
    qtbot: QtBot, shelf: Path, host: Host, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_window, "RESCAN_MS", 200)
    cache = tmp_path / "cache2" / "library.sqlite3"
    made = LibraryWindow(host.as_host(), lambda: [shelf], lambda: LibraryIndex(cache))
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.worker.listed, timeout=LISTED_MS, check_params_cb=refreshed):
        made.show()
    review = bundle.load(shelf / "tent")
    bundle.save(review.model_copy(update={"title": "Tent, two seasons on"}), shelf / "tent")
    os.utime(shelf / "tent" / "review.yaml", (1, 1))  # even with an old time: size differs
    qtbot.waitUntil(lambda: "Tent, two seasons on" in titles(made), timeout=LISTED_MS)


# --- export selection ----------------------------------------------------------------------


def export_dialog(window: LibraryWindow) -> ExportSelection:
    dialog = window.commands.export_selected()
    assert dialog is not None
    return dialog


def test_export_selection_writes_each_review_and_lists_the_one_that_failed(
    qtbot: QtBot, window: LibraryWindow, tmp_path: Path
) -> None:
    select(window, "Gooseneck Kettle", "Two-Person Tent", "broken")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ExportSelection)
    assert dialog is not None and dialog.isVisible()
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    with qtbot.waitSignal(dialog.finished_batch, timeout=30_000):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in (tmp_path / "out").glob("*.html")) == [
        "gooseneck-kettle.html",
        "two-person-tent.html",
    ]
    assert dialog.said.text() == "Exported 2 of 3; 1 could not be exported."
    assert "broken" in dialog.failures.toPlainText()
    assert "review.yaml" in dialog.failures.toPlainText()
    assert dialog.cancel_button.text() == "Close"


def test_cancel_stops_an_export_between_reviews_and_leaves_no_half_written_page(
    qtbot: QtBot, shelf: Path, host: Host, tmp_path: Path
) -> None:
    for number in range(40):
        write_review(shelf / f"extra-{number}", f"Extra {number}", Status.DRAFT, "", None, [])
    cache = tmp_path / "cache3" / "library.sqlite3"
    window = LibraryWindow(host.as_host(), lambda: [shelf], lambda: LibraryIndex(cache))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.worker.listed, timeout=LISTED_MS, check_params_cb=refreshed):
        window.show()
    window.table.selectAll()
    dialog = export_dialog(window)
    out = tmp_path / "out"
    dialog.folder.setText(str(out))
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    with qtbot.waitSignal(dialog.bar.valueChanged, timeout=30_000):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.finished_batch, timeout=60_000) as finished:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    result = finished.args[0]
    assert result.cancelled and result.left > 0
    written = sorted(out.glob("*.html"))
    assert len(written) == len(result.exported) < 45
    assert all(page.read_text(encoding="utf-8").rstrip().endswith("</html>") for page in written)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert "left when cancelled" in dialog.said.text()
    assert dialog.cancel_button.text() == "Close" and dialog.cancel_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_escape_during_an_export_cancels_it_as_the_button_does(
    qtbot: QtBot, shelf: Path, host: Host, tmp_path: Path
) -> None:
    for number in range(40):
        write_review(shelf / f"extra-{number}", f"Extra {number}", Status.DRAFT, "", None, [])
    cache = tmp_path / "cache4" / "library.sqlite3"
    window = LibraryWindow(host.as_host(), lambda: [shelf], lambda: LibraryIndex(cache))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.worker.listed, timeout=LISTED_MS, check_params_cb=refreshed):
        window.show()
    window.table.selectAll()
    dialog = export_dialog(window)
    dialog.folder.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(dialog.bar.valueChanged, timeout=30_000):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.finished_batch, timeout=60_000) as finished:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()  # open until the reviews under way are done
        assert dialog.said.text() == "Cancelling: finishing the reviews under way…"
        assert not dialog.cancel_button.isEnabled()
    assert finished.args[0].cancelled and "left when cancelled" in dialog.said.text()
    assert dialog.isVisible() and dialog.cancel_button.isEnabled()  # its result shown, to Close


# --- compare ---------------------------------------------------------------------------------


def test_compare_shows_the_reviews_side_by_side_then_exports_the_page(
    qtbot: QtBot, window: LibraryWindow, tmp_path: Path
) -> None:
    select(window, "Gooseneck Kettle")
    assert not window.commands.actions["compare"].isEnabled()  # one review: nothing to compare
    select(window, "Gooseneck Kettle", "Lever Espresso Grinder", "Two-Person Tent")
    assert window.commands.actions["compare"].isEnabled()
    window.table.setFocus()
    qtbot.keyClick(
        window.table,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    compared = window.findChild(CompareWindow)
    assert compared is not None
    with qtbot.waitSignal(compared.view.shown, timeout=20_000):
        pass
    heads = "[...document.querySelectorAll('thead th')].map((cell) => cell.textContent.trim())"
    found: list[object] = []
    compared.view.run_js_async(heads, found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    shown = " ".join(map(str, found[0]))  # type: ignore[call-overload]
    for title in ("Gooseneck Kettle", "Lever Espresso Grinder", "Two-Person Tent"):
        assert title in shown
    page = compared.export("html", tmp_path / "out" / "coffee-and-camping.html")
    assert page is not None and page.is_file()
    assert '"ItemList"' in page.read_text(encoding="utf-8")  # its JSON-LD
    site = compared.export("hugo", tmp_path / "site" / "content")
    assert site is not None and site.is_file() and site.name == "index.html"


@pytest.mark.parametrize("width", [800, 1024, 1440, 2200])
def test_titles_stay_readable_however_narrow_the_window(
    qtbot: QtBot, window: LibraryWindow, width: int
) -> None:
    # At 1024x700 the title column showed 8 characters ("Elmstea…"), the others at full width.
    window.resize(width, 700)
    table, header = window.table, window.table.horizontalHeader()
    qtbot.waitUntil(lambda: table.viewport().width() > width - 100)
    char = table.fontMetrics().averageCharWidth()
    assert header.sectionSize(TITLE) >= 50 * char
    total = sum(header.sectionSize(column) for column in range(header.count()))
    room = table.viewport().width()
    if sum(table.natural_widths.values()) + 50 * char <= room:
        assert total == room  # the title takes what the others leave: no sideways scroll
    else:
        assert width < 1440
        elided = (CATEGORY, TAGS)  # they give up room first
        given = sum(table.natural_widths[column] - header.sectionSize(column) for column in elided)
        assert given > 0


def test_one_review_is_counted_as_one(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "Reviews"
    write_review(root / "kettle", "Gooseneck Kettle", Status.DRAFT, "Kitchen", 4.0, ["tea"])
    cache = tmp_path / "cache" / "library.sqlite3"
    host = Host(ReviewDocument.open(root / "kettle"))
    made = LibraryWindow(host.as_host(), lambda: [root], lambda: LibraryIndex(cache))
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.worker.listed, timeout=LISTED_MS, check_params_cb=refreshed):
        made.show()
    assert made.summary.text().split(" · ")[0] == "1 review"  # it said "1 reviews"


def test_a_search_lists_its_first_hits_then_gives_every_hit_its_words(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 500 hits read 500 texts: the first rows come with theirs, the rest follow in place.
    monkeypatch.setattr(index_worker, "FIRST_SNIPPETS", 1)
    root = tmp_path / "Reviews"
    for name in ("kettle", "tent", "lamp"):
        write_review(root / name, name.title(), Status.DRAFT, "Home", 4.0, [],
                     body=f"The {name} was tested on a brass table.")  # fmt: skip
    host = Host(ReviewDocument.open(root / "kettle"))
    cache = tmp_path / "cache" / "library.sqlite3"
    made = LibraryWindow(host.as_host(), lambda: [root], lambda: LibraryIndex(cache))
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.worker.listed, timeout=LISTED_MS, check_params_cb=refreshed):
        made.show()
    answers: list[tuple[bool, int]] = []
    picked: list[Entry] = []

    def listed_with_words(found: index_worker.Found) -> None:  # once the window has them
        rows = [made.model.index(row, TITLE).data(MATCH_ROLE) for row in range(3)]
        answers.append((found.complete, sum(1 for words in rows if "\x02brass\x03" in words)))
        if not found.complete:  # the writer picks a row before the rest of the words come
            made.table.selectRow(2)
            picked.extend(made.selected())

    made.worker.found.connect(listed_with_words)
    qtbot.keyClicks(made.filters.search, "brass")
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=LISTED_MS)
    assert answers == [(False, 1), (True, 3)]
    assert len(picked) == 1 and made.selected() == picked  # the rows stayed
