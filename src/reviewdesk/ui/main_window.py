"""The main window: it only assembles panes, preview, menus and status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import reviewdesk
from reviewdesk.core.exports import FORMATS
from reviewdesk.core.problems import Problem
from reviewdesk.ui import help_dialogs
from reviewdesk.ui.autosave import Autosaver
from reviewdesk.ui.disk_watcher import DiskWatcher
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.file_controller import FileController
from reviewdesk.ui.panes.body_pane import BodyPane
from reviewdesk.ui.panes.hero_pane import HeroPane
from reviewdesk.ui.panes.lists_pane import ListsPane
from reviewdesk.ui.panes.metadata_pane import MetadataPane
from reviewdesk.ui.panes.seo_pane import SeoPane
from reviewdesk.ui.panes.summary_pane import SummaryPane
from reviewdesk.ui.panes.tags_pane import TagsPane
from reviewdesk.ui.preferences import PreferencesDialog, apply_appearance
from reviewdesk.ui.preview.preview_view import PreviewView
from reviewdesk.ui.problems_view import ProblemsView
from reviewdesk.ui.reload_bar import ReloadBar
from reviewdesk.ui.settings import (
    APPEARANCE,
    EDITOR_FONT_SIZE,
    FORM_SPLITTER_STATE,
    SPLITTER_STATE,
    WINDOW_GEOMETRY,
    Setting,
    Settings,
)
from reviewdesk.ui.status_bar import ReviewStatusBar

# Which fields each tab edits, in tab order: problems jump to their pane.
PANE_FIELDS: tuple[frozenset[str], ...] = tuple(
    frozenset(names.split())
    for names in (
        "title subtitle slug status published updated category subject rating badges authors",
        "tags",
        "hero",
        "summary",
        "body",
        "pros cons",
        "key_features key_insights",
        "seo",
    )
)
PREVIEW_MODES = (("Page", "page"), ("HTML source", "html"), ("Markdown", "markdown"))
PREVIEW_WIDTHS = (("Fit", "fit"), ("Desktop (1280)", "desktop"), ("Tablet (768)", "tablet"),
                  ("Phone (390)", "phone"))  # fmt: skip


class MainWindow(QMainWindow):
    def __init__(self, document: ReviewDocument, settings: Settings) -> None:
        super().__init__()
        self.document, self._settings = document, settings
        self.files = FileController(document, settings, self)
        self.body = BodyPane(document)
        self.panes = QTabWidget()
        self.panes.setDocumentMode(True)
        for title, pane in (
            ("Metadata", _scrolling(MetadataPane(document))),
            ("Tags", TagsPane(document)),
            ("Hero", _scrolling(HeroPane(document))),
            ("Summary", SummaryPane(document)),
            ("Body", self.body),
            ("Pros && cons", ListsPane(document, [("pros", "Pros"), ("cons", "Cons")])),
            ("Key points", ListsPane(
                document, [("key_features", "Key features"), ("key_insights", "Key insights")])),
            ("SEO", SeoPane(document)),
        ):  # fmt: skip
            self.panes.addTab(pane, title)
        self.problems = ProblemsView(document.checks)
        self.problems.problem_activated.connect(self.show_problem)
        # The problems sit under the form, not across the window: the preview keeps its height.
        self.form_splitter = QSplitter(Qt.Orientation.Vertical)
        self.form_splitter.addWidget(self.panes)
        self.form_splitter.addWidget(_problems_box(self.problems))
        self.form_splitter.setStretchFactor(0, 1)
        self.form_splitter.setSizes([10_000, 120])
        self.preview = PreviewView(document)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.form_splitter)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.disk_watcher = DiskWatcher(document, self)
        self.reload_bar = ReloadBar(document, self.disk_watcher)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.reload_bar)
        column.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.autosaver = Autosaver(document, parent=self)
        status = ReviewStatusBar(document)
        self.autosaver.autosaved.connect(status.autosaved)
        self.setStatusBar(status)
        self.reload_bar.reloaded.connect(lambda text: status.showMessage(text, 5000))
        self._build_menus()
        document.modified_changed.connect(self.setWindowModified)
        document.changed.connect(self._update_title)
        document.folder_changed.connect(lambda: self._update_title(""))
        self._update_title("")
        self._restore_layout()
        self._apply_preferences()

    def show_field(self, field: str) -> None:
        """Bring up the pane that edits `field` (`pros.1`, `seo.description`, ...)."""
        top = field.partition(".")[0]
        self.panes.setCurrentIndex(next(
            (i for i, fields in enumerate(PANE_FIELDS) if top in fields), 0))  # fmt: skip

    def show_problem(self, problem: Problem) -> None:
        """Bring up the field a problem is about and focus it: the line of the body, the
        item of a list, the input of a field."""
        self.show_field(problem.field)
        if problem.field == "body":
            self.body.editor.go_to_line(problem.line or 1)
            return
        path, _, index = problem.field.rpartition(".")
        for target in (problem.field, path, problem.field.partition(".")[0]):
            widget = next((w for w in self.panes.currentWidget().findChildren(QWidget)
                           if w.property(FIELD_PROPERTY) == target), None)  # fmt: skip
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(widget, QListWidget) and index.isdigit():
                    widget.setCurrentRow(int(index))
                return

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        _add(file, "&New…", self.files.new, QKeySequence.StandardKey.New)
        _add(file, "&Open…", self.files.open_chosen, QKeySequence.StandardKey.Open)
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        _add(file, "&Save", self.files.save, QKeySequence.StandardKey.Save)
        _add(file, "Save &As…", self.files.save_as, QKeySequence.StandardKey.SaveAs)
        _add(file, "Re&vert", self.files.revert)
        file.addSeparator()
        _add(file, "&Import Markdown…", self.files.import_markdown)
        export = file.addMenu("&Export")
        for name, kind in FORMATS.items():
            action = _add(export, f"{kind.label}…", lambda _=False, n=name: self.files.export(n))
            action.setStatusTip(kind.description)
        file.addSeparator()
        _add(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu("&Edit")
        undo = self.document.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.document.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addActions([undo, redo])
        edit.addSeparator()
        _add(edit, "Pre&ferences…", self._preferences, QKeySequence.StandardKey.Preferences)
        edit.addSeparator()
        # The body's own Ctrl+F and Ctrl+H act within it; these bring it up from any pane.
        _add(edit, "&Find in Body…\tCtrl+F", lambda: self._find_in_body(replace=False))
        _add(edit, "R&eplace in Body…\tCtrl+H", lambda: self._find_in_body(replace=True))

        view = bar.addMenu("&View")
        show = _add(view, "&Preview", self.preview.setVisible, QKeySequence("F8"))
        show.setCheckable(True)
        show.setChecked(True)
        _choices(view.addMenu("Preview &mode"), PREVIEW_MODES, self.preview.set_mode)
        _choices(view.addMenu("Preview &width"), PREVIEW_WIDTHS, self.preview.set_width)
        zoom = view.addMenu("Preview &zoom")
        _add(zoom, "Zoom &In", lambda: self.preview.zoom(1), QKeySequence.StandardKey.ZoomIn)
        _add(zoom, "Zoom &Out", lambda: self.preview.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        _add(zoom, "&Actual Size", lambda: self.preview.zoom(0), QKeySequence("Ctrl+0"))

        help_menu = bar.addMenu("&Help")
        _add(help_menu, "&Markdown Help", self._markdown_help)
        _add(help_menu, "&Keyboard Shortcuts", self._shortcuts)
        help_menu.addSeparator()
        _add(help_menu, "&About ReviewDesk", self._about)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self._settings.recent_files():
            _add(self.recent_menu, path, lambda checked=False, p=path: self.files.open(Path(p)))

    def _update_title(self, field: str) -> None:
        if field in ("", "title"):
            folder = self.document.folder
            place = f" ({folder.name})" if folder else ""
            self.setWindowTitle(f"{self.document.review.title}{place}[*] — ReviewDesk")

    def _preferences(self) -> PreferencesDialog:
        size = self.body.editor.plain_text_edit.font().pointSize()
        dialog = PreferencesDialog(self._settings, size, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._apply_preferences)
        dialog.open()
        return dialog

    def _apply_preferences(self) -> None:
        apply_appearance(str(self._settings.get(APPEARANCE)))
        size = int(self._settings.get(EDITOR_FONT_SIZE))
        if size:
            edit = self.body.editor.plain_text_edit
            font = edit.font()
            font.setPointSize(size)
            edit.setFont(font)

    def _find_in_body(self, *, replace: bool) -> None:
        self.show_field("body")
        bar = self.body.editor.find_bar
        bar.start_replace() if replace else bar.start_find()

    def _markdown_help(self) -> QDialog:
        return help_dialogs.show_reference(self, "Markdown Help", help_dialogs.markdown_help_html())

    def _shortcuts(self) -> QDialog:
        table = help_dialogs.shortcuts_html(self.findChildren(QAction))
        return help_dialogs.show_reference(self, "Keyboard Shortcuts", table)

    def _about(self) -> None:
        version = reviewdesk.__version__
        text = f"ReviewDesk {version}\nWrite structured reviews offline, publish anywhere."
        QMessageBox.about(self, "About ReviewDesk", text)

    def _restore_layout(self) -> None:
        geometry = self._settings.get(WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            available = self.screen().availableGeometry()
            self.resize(min(1440, available.width()), min(900, available.height()))
        for splitter, setting in self._splitters():
            state = self._settings.get(setting)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    def _splitters(self) -> tuple[tuple[QSplitter, Setting], ...]:
        return (self.splitter, SPLITTER_STATE), (self.form_splitter, FORM_SPLITTER_STATE)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's API)
        if not self.files.maybe_save():
            event.ignore()
            return
        self._settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        for splitter, setting in self._splitters():
            self._settings.set(setting, splitter.saveState())
        self._settings.sync()
        event.accept()


def _add(
    menu: QMenu,
    text: str,
    slot: Callable[..., object],
    shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
) -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(slot)
    if shortcut is not None:
        action.setShortcut(shortcut)
    return action


def _choices(
    menu: QMenu, choices: tuple[tuple[str, str], ...], chosen: Callable[[Any], None]
) -> None:
    group = QActionGroup(menu)
    for index, (text, value) in enumerate(choices):
        action = _add(menu, text, lambda checked=False, v=value: chosen(v))
        action.setCheckable(True)
        action.setChecked(index == 0)
        group.addAction(action)


def _problems_box(problems: ProblemsView) -> QWidget:
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


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
