"""The main window: it only assembles panes, preview, menus and status bar.

It may be made before its parts, to show the review's first look (ui/first_look.py) while
they load: its parts' modules (the models and all) are imported by `assemble`, on purpose.
"""

# ruff: noqa: PLC0415

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QMainWindow,
    QMenuBar,
    QSplitter,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.field_property import FIELD_PROPERTY
from reviewdesk.ui.first_look import LOOK_PAGE, HeldInput, Look, look_menu_bar, look_widget
from reviewdesk.ui.first_paint import after_first_paint
from reviewdesk.ui.settings import (
    FORM_SPLITTER_STATE,
    SPLITTER_STATE,
    WINDOW_GEOMETRY,
    Setting,
    Settings,
)
from reviewdesk.ui.window_titles import window_title

if TYPE_CHECKING:
    from reviewdesk.core.problems import Problem
    from reviewdesk.ui.autosave import Autosaver
    from reviewdesk.ui.autosave_bar import AutosaveBar
    from reviewdesk.ui.bundle_lock import LockKeeper
    from reviewdesk.ui.completion_closer import CompletionCloser
    from reviewdesk.ui.disk_watcher import DiskWatcher
    from reviewdesk.ui.document import ReviewDocument
    from reviewdesk.ui.file_controller import FileController
    from reviewdesk.ui.pane_tabs import PaneTabs
    from reviewdesk.ui.panes.body_pane import BodyPane
    from reviewdesk.ui.preview.early_page import EarlyPage
    from reviewdesk.ui.preview.preview_view import PreviewView
    from reviewdesk.ui.problems_view import ProblemsView
    from reviewdesk.ui.reload_bar import ReloadBar
    from reviewdesk.ui.undo_router import UndoRouter

# Which fields each tab edits, in tab order: problems jump to their pane.
PANE_FIELDS: tuple[tuple[str, ...], ...] = tuple(
    tuple(names.split())
    for names in (
        "title subtitle slug language status published updated category subject rating badges "
        "authors",
        "tags",
        "hero",
        "summary verdict",
        "body",
        "scores",
        "pros cons best_for skip_if",
        "key_features key_insights",
        "specs",
        "offers disclosure",
        "updates",
        "seo",
    )
)


FRAME_ROOM = 48
SPELLING_AT_LATEST_MS = 3_000  # after the first paint, when no preview has shown
"""Pixels left around a new window for the title bar and borders a window manager adds."""
FRAME_WAIT_MS, FRAME_TRIES = 100, 20
"""How often and how long a window shown waits to learn its frame from the window manager."""


class MainWindow(QMainWindow):
    # Its parts, made by `assemble`.
    document: ReviewDocument
    files: FileController
    body: BodyPane
    panes: PaneTabs
    problems: ProblemsView
    form_splitter: QSplitter
    preview: PreviewView
    splitter: QSplitter
    disk_watcher: DiskWatcher
    reload_bar: ReloadBar
    autosaver: Autosaver
    autosave_bar: AutosaveBar
    lock: LockKeeper
    undo_router: UndoRouter
    completion_closer: CompletionCloser

    def __init__(
        self, document: ReviewDocument | None, settings: Settings, *, live_preview: bool = True
    ) -> None:
        """The window on `document`; with None, a window to `show_first_look` in until it is
        given its document by `assemble`. `live_preview` False gives the reloading preview the
        benchmarks compare with."""
        super().__init__()
        self._settings = settings
        self._assembled = False
        self._held: HeldInput | None = None  # the keys typed at a first look
        self._restore_geometry()
        if document is not None:
            self.assemble(document, live_preview=live_preview)

    @property
    def assembled(self) -> bool:
        return self._assembled

    def show_first_look(self, look: Look) -> None:
        """Show `look` until `assemble`: the review's form as its file has it, inert, the
        keys typed at it held for the form."""
        self.setMenuBar(look_menu_bar())
        self.setCentralWidget(look_widget(look, self._settings))
        self.setStatusBar(QStatusBar())
        self.setWindowTitle(window_title(look.text("title"), look.folder))
        self._held = HeldInput(self)

    def look_page(self) -> QWidget | None:
        """The preview's place in the first look, while it shows."""
        central = self.centralWidget()
        return None if self._assembled or central is None else central.findChild(QWidget, LOOK_PAGE)

    def assemble(
        self,
        document: ReviewDocument,
        *,
        live_preview: bool = True,
        early: EarlyPage | None = None,
    ) -> None:
        """Make the window's parts on `document`, in place of a first look if one shows;
        `early`: the preview's web view, started on the look (preview/early_page.py)."""
        from reviewdesk.ui.bundle_lock import LockKeeper
        from reviewdesk.ui.completion_closer import CompletionCloser
        from reviewdesk.ui.file_controller import FileController
        from reviewdesk.ui.menus import build_menus
        from reviewdesk.ui.preferences import apply_preferences
        from reviewdesk.ui.preview.preview_view import PreviewView
        from reviewdesk.ui.status_bar import ReviewStatusBar
        from reviewdesk.ui.undo_router import UndoRouter

        settings = self._settings
        self.document, self._assembled = document, True
        self.setMenuBar(QMenuBar())  # a first look's, if one showed, goes with it
        document.spelling.set_reviews_folder(settings.reviews_folder())  # its site's words
        self.files = FileController(document, settings, self)
        self._make_form(document)
        self.preview = PreviewView(document, live=live_preview, early=early)
        self._spell_once_up(document)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.form_splitter)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self._make_bars(document)
        self.lock = LockKeeper(document)
        status = ReviewStatusBar(document, self.autosaver)
        self.setStatusBar(status)
        self.reload_bar.reloaded.connect(lambda text: status.showMessage(text, 5000))
        self.files.exported.connect(lambda path: status.showMessage(f"Exported {path}", 5000))
        # Undo and Redo from any field step through the review's history, and show the step.
        self.undo_router = UndoRouter(document.undo_stack, self)
        self.undo_router.stepped.connect(self.focus_field)
        self.completion_closer = CompletionCloser(self)
        build_menus(self, settings)
        self._preview_follows_the_writer()
        document.modified_changed.connect(self.setWindowModified)
        document.changed.connect(self._update_title)
        document.folder_changed.connect(lambda: self._update_title(""))
        self._update_title("")
        self._restore_splitters()
        apply_preferences(settings, self.body.editor.plain_text_edit)
        # Once the parts show: a window shown shows the widgets added to it a moment later.
        QTimer.singleShot(0, self, self._give_held_keys)

    def _make_form(self, document: ReviewDocument) -> None:
        from reviewdesk.ui.form_panes import add_form_panes
        from reviewdesk.ui.pane_tabs import PaneTabs
        from reviewdesk.ui.panes.body_pane import BodyPane
        from reviewdesk.ui.problems_view import ProblemsView, problems_box

        self.body = BodyPane(document)
        self.panes = PaneTabs()
        add_form_panes(self.panes, document, self.body)
        self.problems = ProblemsView(document.checks)
        self.problems.problem_activated.connect(self.show_problem)
        # The problems sit under the form, not across the window: the preview keeps its height.
        self.form_splitter = QSplitter(Qt.Orientation.Vertical)
        self.form_splitter.addWidget(self.panes)
        self.form_splitter.addWidget(problems_box(self.problems))
        self.form_splitter.setStretchFactor(0, 1)
        self.form_splitter.setSizes([10_000, 120])

    def _make_bars(self, document: ReviewDocument) -> None:
        """The bars above the form and preview: the copy of unsaved edits, the file changed."""
        from reviewdesk.ui.autosave import Autosaver
        from reviewdesk.ui.autosave_bar import AutosaveBar
        from reviewdesk.ui.disk_watcher import DiskWatcher
        from reviewdesk.ui.reload_bar import ReloadBar

        self.disk_watcher = DiskWatcher(document, self)
        self.reload_bar = ReloadBar(document, self.disk_watcher)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.reload_bar)
        column.addWidget(self.splitter, 1)  # the bars above are as tall as their text
        self.setCentralWidget(central)
        self.autosaver = Autosaver(document, parent=self)
        self.autosave_bar = AutosaveBar(self.autosaver)
        column.insertWidget(0, self.autosave_bar)

    def _give_held_keys(self) -> None:
        """The keys typed at the first look, to the window's widget in focus now: the first
        of its chain, as Qt focuses it in a window made active, when the look's had it."""
        if self._held is None:
            return
        if self.focusWidget() is None:
            first = self.nextInFocusChain()
            while first is not None and first is not self and not _takes_tab_focus(first):
                first = first.nextInFocusChain()
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)
        self._held.release()
        self._held = None

    @property
    def settings(self) -> Settings:
        return self._settings

    def _preview_follows_the_writer(self) -> None:
        """To the section of the pane or field in focus, to the block of the body under the
        cursor."""
        self.panes.currentChanged.connect(lambda i: self.preview.show_field(PANE_FIELDS[i][0]))
        focus = QApplication.instance()
        if isinstance(focus, QApplication):
            focus.focusChanged.connect(self._focus_moved)
        self.body.editor.cursor_block_changed.connect(self.preview.show_body_line)

    def _spell_once_up(self, document: ReviewDocument) -> None:
        """Spell checking starts once the window is up, its preview shown (or some seconds
        after its first paint): Enchant and the dictionary load while the writer reads, not
        while the window and the web view are being made, which they slowed."""
        spelling = document.spelling
        spelling.hold()
        self.preview.ready.connect(spelling.start, Qt.ConnectionType.SingleShotConnection)
        after_first_paint(self, lambda: QTimer.singleShot(SPELLING_AT_LATEST_MS, spelling.start))

    def show_field(self, field: str) -> None:
        """Bring up the pane that edits `field` (`pros.1`, `seo.description`, ...)."""
        top = field.partition(".")[0]
        self.panes.setCurrentIndex(next(
            (i for i, fields in enumerate(PANE_FIELDS) if top in fields), 0))  # fmt: skip

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        while new is not None and new.property(FIELD_PROPERTY) is None:
            new = new.parentWidget()
        if new is not None:
            self.preview.show_field(str(new.property(FIELD_PROPERTY)))

    def show_problem(self, problem: Problem) -> None:
        """Bring up the field a problem is about and focus it: the line of the body, the
        item of a list, the input of a field; the words it is about selected."""
        self.focus_field(problem.field, problem.line)
        if problem.span is not None:
            from reviewdesk.ui.spelling_walk import select_misspelling

            select_misspelling(self, problem.field, problem.span)

    def focus_field(self, field: str, line: int | None = None) -> None:
        """Bring up the input of `field` (`title`, `pros.1`, `body`) and focus it; in the
        body, at `line` when given."""
        self.show_field(field)
        if field == "body":
            if line is not None:
                self.body.editor.go_to_line(line)
            self.body.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        index = field.rpartition(".")[2]
        pane = self.panes.currentWidget()
        from reviewdesk.ui.panes.row_list_field import RowListField

        for rows in pane.findChildren(RowListField):  # a row far down may not be made yet
            rows.make_input(field)
        widget = _input_of(pane, field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QListWidget) and index.isdecimal():
                widget.setCurrentRow(int(index))

    def _update_title(self, field: str) -> None:
        if field in ("", "title"):
            self.setWindowTitle(window_title(self.document.review.title, self.document.folder))

    def _restore_geometry(self) -> None:
        geometry = self._settings.get(WINDOW_GEOMETRY)
        # Qt restores no geometry saved on a screen of another size (a laptop's after a
        # monitor's): the window was left at its smallest, 682x407, and remembered so.
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            available = self.screen().availableGeometry()
            # A size is the window's inside: the window manager adds a title bar and borders.
            self.resize(
                min(1440, available.width() - FRAME_ROOM),
                min(900, available.height() - FRAME_ROOM),
            )
        self._sized = self.size()  # what _fit_to_screen may correct once framed
        # Owned by the window: a window closed before it is framed takes its timer with it.
        self._fit_timer = QTimer(self, singleShot=True, interval=FRAME_WAIT_MS)
        self._fit_timer.timeout.connect(self._fit_to_screen)
        self._fit_tries = FRAME_TRIES

    def _restore_splitters(self) -> None:
        """As the writer left them; when no start has left them yet, they are kept as first
        shown: the next start's first look (ui/first_look.py) splits the window as they do,
        whatever ends this one (its form's width is the form's, which a look cannot know)."""
        kept = [(splitter, self._settings.get(setting)) for splitter, setting in self._splitters()]
        for splitter, state in kept:
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        if not all(isinstance(state, QByteArray) for _splitter, state in kept):
            after_first_paint(self, self.remember_layout)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's API)
        super().showEvent(event)
        if self._fit_tries == FRAME_TRIES:
            self._fit_timer.start()

    def _fit_to_screen(self) -> None:
        """Shrink and move the window so that all of it, title bar to status bar, is on the
        screen: a window taller than the screen hides the status bar and the problems."""
        if self.isMaximized() or self.isFullScreen() or self.size() != self._sized:
            return  # sized since by someone else: theirs to place
        available, frame = self.screen().availableGeometry(), self.frameGeometry()
        extra = frame.size() - self.geometry().size()
        if extra.isNull():  # not framed yet by the window manager, or never (no manager)
            self._fit_tries -= 1
            if self._fit_tries > 0:
                self._fit_timer.start()
            return
        self._fit_tries = 0
        width = min(self.width(), available.width() - extra.width())
        height = min(self.height(), available.height() - extra.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        left = min(
            max(frame.left(), available.left()), available.right() + 1 - width - extra.width()
        )
        top = min(
            max(frame.top(), available.top()), available.bottom() + 1 - height - extra.height()
        )
        if (left, top) != (frame.left(), frame.top()):
            self.move(left, top)

    def _splitters(self) -> tuple[tuple[QSplitter, Setting], ...]:
        return (self.splitter, SPLITTER_STATE), (self.form_splitter, FORM_SPLITTER_STATE)

    def remember_layout(self) -> None:
        """The window's size, place and splitters, for the next start."""
        self._settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        if self.assembled:  # a first look's splitters are those remembered
            for splitter, setting in self._splitters():
                self._settings.set(setting, splitter.saveState())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's API)
        if not self.assembled:  # closed on its first look: nothing edited, nothing held
            self.remember_layout()
            event.accept()
            return
        if not self.files.maybe_save():
            event.ignore()
            return
        self.remember_layout()
        self.lock.release()
        for child in self.findChildren(QMainWindow):  # the library, its own window
            child.close()
        event.accept()


def _takes_tab_focus(widget: QWidget) -> bool:
    return (
        widget.isVisibleTo(widget.window()) and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )  # fmt: skip


def _input_of(pane: QWidget, field: str) -> QWidget | None:
    """The input of `pane` for `field`: its own, else the first of its parts (a row of scores
    -> its name), else that of the list or object holding it, else the first of the field's
    parts (`subject` -> its name)."""
    inputs = [(str(w.property(FIELD_PROPERTY)), w) for w in pane.findChildren(QWidget)
              if w.property(FIELD_PROPERTY) is not None]  # fmt: skip
    top = field.partition(".")[0]
    for wanted in (field, field.rpartition(".")[0], top):
        found = next((widget for name, widget in inputs if name == wanted), None)
        if found is None and wanted == field:
            found = next((w for name, w in inputs if name.startswith(f"{field}.")), None)
        if found is not None:
            return found
    return next((widget for name, widget in inputs if name.startswith(f"{top}.")), None)
