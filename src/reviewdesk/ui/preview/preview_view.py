"""The live preview: the review rendered with the published layout (the same template as the
HTML export), its HTML source or its Markdown, at the width of a desktop, tablet or phone.

This module stays light: QtWebEngine and the renderer load only after the window's first
paint, so the window shows at once and the page fills in after."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, get_args

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.document import ReviewDocument

if TYPE_CHECKING:
    from reviewdesk.ui.preview.early_page import EarlyPage
    from reviewdesk.ui.preview.page_view import PageView
    from reviewdesk.ui.preview.updaters import LiveUpdater, ReloadUpdater

Mode = Literal["page", "html", "markdown"]
Width = Literal["desktop", "tablet", "phone", "fit"]

WIDTHS: dict[Width, int | None] = {"desktop": 1280, "tablet": 768, "phone": 390, "fit": None}
"""CSS pixels of the page for each width; None fills the pane."""

UPDATE_DELAY_MS = 150
"""Reloading updates wait for this pause in typing: never a reload per keystroke."""

ZOOM_STEP = 0.1
ZOOM_RANGE = (0.5, 3.0)
LEAST_WEB_ZOOM = 0.25  # QtWebEngine's: a pane narrower than a quarter of a device scrolls

_MODES: tuple[Mode, ...] = get_args(Mode)
_NO_LIMIT = 16777215  # QWIDGETSIZE_MAX


class PreviewView(QWidget):
    started = Signal()  # the web view exists (after the first paint), its first page to come
    rendered = Signal()  # a render finished loading: its DOM ready, the scroll position restored
    ready = Signal()  # the first render did: emitted once

    def __init__(
        self,
        document: ReviewDocument,
        parent: QWidget | None = None,
        *,
        live: bool = True,
        early: EarlyPage | None = None,
    ) -> None:
        """`live` patches the page in place; else each update reloads it (the baseline).
        `early`: a web view started before the window's parts, taken over (early_page.py)."""
        super().__init__(parent)
        self._document = document
        self._live = live
        self._updater: LiveUpdater | ReloadUpdater | None = None
        self._mode: Mode = "page"
        self._width: Width = "fit"
        self._zoom = 1.0
        self._stale_text: set[Mode] = set()  # text views not yet showing the latest render
        self._web: PageView | None = None
        self._early = early
        self._is_ready = False
        self.first_shown: float | None = None  # perf_counter() when the page first showed
        self._kept = early.page.key if early else ""  # of the page kept for the next start
        # What the writer edits, for the page to keep in view: a top-level field, and in the
        # body the line of the cursor (the editor says when it moves to another).
        self._following = ""
        self._body_line = 0
        self._edited = False  # the field followed changed since the page last showed it
        self._html_source = _read_only_text()
        self._markdown_source = _read_only_text()

        # The web view sits in a scroll area, centred: a device's width wider than the pane is
        # zoomed out to fit it, and scrolls sideways only past the least zoom. The page scrolls
        # vertically itself.
        self._frame = QWidget()
        self._frame.setBackgroundRole(QPalette.ColorRole.Base)  # the page's colour till it starts
        self._frame.setAutoFillBackground(True)
        self._frame_layout = QHBoxLayout(self._frame)
        self._frame_layout.setContentsMargins(0, 0, 0, 0)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setWidget(self._frame)
        self._room = self._scroll.viewport()  # its width is the page's
        self._room.installEventFilter(self)

        self._stack = QStackedWidget()
        for widget in (self._scroll, self._html_source, self._markdown_source):
            self._stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._render)
        self._line_timer = QTimer(self, singleShot=True, interval=0)
        self._line_timer.timeout.connect(self._line_moved)
        document.changed.connect(self._changed)
        document.folder_changed.connect(self._folder_changed)
        document.modified_changed.connect(self._saved)
        self.started_early = early is not None  # on a page kept from the last start
        if early is None:
            self._frame.installEventFilter(self)  # its first paint starts the web engine
        else:
            self._take(early.view)

    # --- public -------------------------------------------------------------------------------

    @property
    def web_view(self) -> PageView:
        """The page's web view; it exists once the preview has been painted."""
        if self._web is None:
            raise RuntimeError("the preview's web view starts after its first paint")
        return self._web

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def page_html(self) -> str:
        """The page shown, as HTML: what the HTML export gives for the review."""
        return self._updater.page_html if self._updater else ""

    @property
    def blocked_requests(self) -> list[str]:
        """URLs the page tried to load from outside and was refused, oldest first."""
        return self._web.blocked_requests if self._web else []

    def set_mode(self, mode: Mode) -> None:
        """Show the rendered "page", its "html" source or the body's "markdown"."""
        if mode not in _MODES:
            raise ValueError(f"unknown preview mode {mode!r}")
        self._mode = mode
        self._refresh_text(mode)
        self._stack.setCurrentIndex(_MODES.index(mode))

    def set_width(self, name: Width) -> None:
        """Lay the page out at a device's width ("desktop", "tablet", "phone"), centred and
        zoomed out to fit when the pane is narrower, or at the pane's width ("fit")."""
        if name not in WIDTHS:
            raise ValueError(f"unknown preview width {name!r}")
        self._width = name
        self._lay_out()

    @property
    def zoom_factor(self) -> float:
        """The zoom the writer chose; a device's width may show smaller, to fit the pane."""
        return self._zoom

    def zoom(self, step: int) -> None:
        """One step larger (1) or smaller (-1), or back to actual size (0)."""
        self._zoom = (
            min(ZOOM_RANGE[1], max(ZOOM_RANGE[0], self._zoom + step * ZOOM_STEP)) if step else 1.0
        )
        self._lay_out()

    def show_field(self, field: str) -> None:
        """The writer is in `field` (`pros`, `subject.name`...): scroll its section into view,
        or the place where it will appear while the field is empty; it stays in view as the
        writer edits it. The body shows its block at the cursor."""
        top = field.partition(".")[0]
        if top:
            self._following = top
            self._reveal(at_end=False)

    def show_body_line(self, line: int) -> None:
        """The cursor moved to source line `line` (0-based) of the body: scroll its block
        into view, and keep it there as the writer types."""
        self._following, self._body_line = "body", line
        self._line_timer.start()  # once this turn of the event loop says if an edit moved it

    def run_js_async(self, expression: str, done: Callable[[Any], None]) -> None:
        """Evaluate `expression` in the page's DOM and call `done` with its value (JSON-typed;
        undefined arrives as None)."""
        self.web_view.run_js_async(expression, done)

    def run_js(self, expression: str, timeout_ms: int = 5000) -> Any:
        """`run_js_async`, waiting for the value in a local event loop: for tests and scripts,
        never for the app's own code. TimeoutError when no value came in `timeout_ms`."""
        loop = QEventLoop()
        results: list[Any] = []

        def done(value: Any) -> None:
            results.append(value)
            loop.quit()

        self.run_js_async(expression, done)
        timer = QTimer(loop, singleShot=True, interval=timeout_ms)
        timer.timeout.connect(loop.quit)
        timer.start()
        if not results:
            loop.exec()
        if not results:
            raise TimeoutError(f"no value for {expression!r} in {timeout_ms} ms")
        return results[0]

    # --- starting -----------------------------------------------------------------------------

    def _take(self, view: PageView) -> None:
        """The early page's view, from the first look before it goes; it hides the frame,
        which is never painted then."""
        self._web = view
        view.set_folder(lambda: self._document.folder)
        self._frame_layout.addWidget(view)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's API)
        super().showEvent(event)
        if self._early is not None:  # its updater loads once the window's parts have painted
            self.window().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if watched is self._frame and event.type() == QEvent.Type.Paint:
            self._frame.removeEventFilter(self)
            QTimer.singleShot(0, self, self._start)  # after this paint reaches the screen
        elif event.type() == QEvent.Type.UpdateRequest and watched is self.window():
            watched.removeEventFilter(self)  # the window paints as it handles this
            QTimer.singleShot(0, self, self._start)
        elif watched is self._room and event.type() == QEvent.Type.Resize:
            self._lay_out()
        return False

    def _start(self) -> None:
        # Imported late on purpose: see the module's docstring.
        from reviewdesk.ui.preview.page_view import PageView  # noqa: PLC0415
        from reviewdesk.ui.preview.updaters import LiveUpdater, ReloadUpdater  # noqa: PLC0415

        early, self._early = self._early, None
        if self._web is None:
            self._web = PageView(lambda: self._document.folder)
            self._frame_layout.addWidget(self._web)
        if not self._live:
            self._updater = ReloadUpdater(self._document, self._web)
        elif early is None:
            self._updater = LiveUpdater(self._document, self._web)
        else:
            self._updater = LiveUpdater(self._document, self._web, early.page, early.view.is_shown)
        self._updater.rendered.connect(self._rendered)
        self._lay_out()
        self.started.emit()
        if early is not None and early.shown_at is not None and early.view.is_shown:
            self.first_shown = early.shown_at
            self._rendered()  # it shows the review already: the render confirms it
        self._updater.reset()

    # --- width and zoom -----------------------------------------------------------------------

    def _lay_out(self) -> None:
        """Size and zoom the web view for the width chosen: a device's width keeps its CSS
        pixels (the page's layout) and, wider than the pane, is zoomed out to fit it."""
        if self._web is None:
            return  # done when the web view starts
        width = WIDTHS[self._width]
        zoom = self._zoom
        if width is None:
            self._web.setMinimumWidth(0)
            self._web.setMaximumWidth(_NO_LIMIT)
            self._frame_layout.setAlignment(self._web, Qt.AlignmentFlag(0))
        else:
            zoom = max(LEAST_WEB_ZOOM, min(zoom, self._room.width() / width))
            self._web.setFixedWidth(round(width * zoom))
            self._frame_layout.setAlignment(self._web, Qt.AlignmentFlag.AlignHCenter)
        if self._web.zoomFactor() != zoom:
            self._web.setZoomFactor(zoom)

    # --- following the writer -----------------------------------------------------------------

    def _changed(self, field: str) -> None:
        if field and field == self._following:
            self._edited = True  # shown in view once the page holds the edit
        self._schedule()

    def _line_moved(self) -> None:
        if not self._edited:  # else typing moved it: the page follows once it holds the text
            self._reveal(at_end=False)

    def _reveal(self, *, at_end: bool) -> None:
        """Scroll to what the writer edits; `at_end` after an edit, where typing goes on."""
        if self._web is None or self._updater is None or not self._is_ready:
            return
        if self._following != "body":
            call = f"reviewdesk.showField({json.dumps(self._following)}, {json.dumps(at_end)})"
        elif self._live:
            group = self._updater.group_at(self._body_line)
            call = f"reviewdesk.showGroup({group}, {json.dumps(at_end)})"
        else:
            return  # a reloaded page has no blocks to go to
        self._web.run_js_async(call, _ignore)

    # --- rendering ----------------------------------------------------------------------------

    def _schedule(self) -> None:
        # Live: once this turn of the event loop is over (edits in it make one update).
        # Reload: after a pause in typing, since each costs a whole render and page load.
        if self._updater is not None:
            self._timer.start(0 if self._live else UPDATE_DELAY_MS)

    def _folder_changed(self) -> None:
        self._following, self._body_line, self._edited = "", 0, False  # a new page, at its top
        if self._updater is not None:
            self._updater.reset()

    def _render(self) -> None:
        if self._updater is not None:
            self._updater.request()

    def _rendered(self) -> None:
        self._stale_text = {"html", "markdown"}
        self._refresh_text(self._mode)
        if self._edited and self._is_ready:  # asked for before any script a listener runs
            # Edits made while this version was in the works are in the next one: it brings
            # them into view again.
            self._edited = self._timer.isActive() or bool(self._updater and self._updater.pending)
            self._reveal(at_end=True)
        self.rendered.emit()
        if not self._is_ready:
            self._is_ready = True
            if self.first_shown is None:
                self.first_shown = time.perf_counter()
            self.ready.emit()
        self._keep_page()

    def _saved(self, modified: bool) -> None:
        if not modified:  # saved (or undone to the file's state): its page is the files'
            self._keep_page()

    def _keep_page(self) -> None:
        """The page shown, kept for the next start (core/page_cache.py) when it is the page
        of the review's files: nothing edited since they were read or saved."""
        from reviewdesk.core import page_cache  # noqa: PLC0415 (after the first render)

        folder, updater = self._document.folder, self._updater
        if folder is None or updater is None or updater.pending or not self._is_ready:
            return
        shown = updater.shown
        if shown is None or shown.review is not self._document.review:
            return  # a version before the review's latest: the next one comes
        if not self._document.undo_stack.isClean():
            return
        key = page_cache.page_key(folder)
        if key is None or key == self._kept:
            return
        page = page_cache.CachedPage(key, shown.skeleton, shown.groups, shown.lines)
        # Written off the UI thread: a long review's page is megabytes, synced to the disk.
        threading.Thread(target=page_cache.store, args=(folder, page), daemon=True).start()
        self._kept = key

    def _refresh_text(self, mode: Mode) -> None:
        """Fill a text view when it is shown: a long review's source is slow to lay out."""
        if mode not in self._stale_text:
            return
        self._stale_text.discard(mode)
        if mode == "html":
            _set_text(self._html_source, self.page_html)
        elif mode == "markdown":
            _set_text(self._markdown_source, self._document.review.body)


def _ignore(_value: object) -> None:
    pass


def _read_only_text() -> QPlainTextEdit:
    text = QPlainTextEdit()
    text.setReadOnly(True)
    text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    return text


def _set_text(view: QPlainTextEdit, text: str) -> None:
    """Replace the text, keeping the reader where they were."""
    if view.toPlainText() == text:
        return
    bar = view.verticalScrollBar()
    position = bar.value()
    view.setPlainText(text)
    bar.setValue(position)
