"""The live preview: the review rendered with the published layout (the same template as the
HTML export), its HTML source or its Markdown, at the width of a desktop, tablet or phone."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Literal, get_args

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineScript, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core.exports import html
from reviewdesk.core.layout import LayoutOptions
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.preview.guard import PreviewPage, RequestGuard
from reviewdesk.ui.preview.scheme import PAGE_URL, SCHEME, PreviewSchemeHandler

Mode = Literal["page", "html", "markdown"]
Width = Literal["desktop", "tablet", "phone", "fit"]

WIDTHS: dict[Width, int | None] = {"desktop": 1280, "tablet": 768, "phone": 390, "fit": None}
"""CSS pixels of the page for each width; None fills the pane."""

UPDATE_DELAY_MS = 150
"""Edits within this time of each other make one render: never render per keystroke."""

_MODES: tuple[Mode, ...] = get_args(Mode)
_NO_LIMIT = 16777215  # QWIDGETSIZE_MAX
_APP_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld  # isolated from the page's own JS

_OFF = (
    # The page is the review, not a web site: nothing runs, opens, stores or fetches on its own.
    QWebEngineSettings.WebAttribute.JavascriptEnabled,
    QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows,
    QWebEngineSettings.WebAttribute.LocalStorageEnabled,
    QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls,
    QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls,
    QWebEngineSettings.WebAttribute.HyperlinkAuditingEnabled,
    QWebEngineSettings.WebAttribute.PluginsEnabled,
    QWebEngineSettings.WebAttribute.PdfViewerEnabled,
    QWebEngineSettings.WebAttribute.AutoLoadIconsForPage,
    QWebEngineSettings.WebAttribute.DnsPrefetchEnabled,
    # A file dropped on the preview would replace it; a failed load shows nothing, not
    # Chromium's error page.
    QWebEngineSettings.WebAttribute.NavigateOnDropEnabled,
    QWebEngineSettings.WebAttribute.ErrorPageEnabled,
)


class PreviewView(QWidget):
    rendered = Signal()  # a render finished loading: its DOM ready, the scroll position restored
    ready = Signal()  # the first render did: emitted once

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._layout_options = LayoutOptions()
        self._page_html = ""
        self._mode: Mode = "page"
        self._stale_text: set[Mode] = set()  # text views not yet showing the latest render
        self._generation = 0  # renders started; a finished load reports only for the latest
        self._scroll_to: float | None = None  # while a render loads: where the reader was
        self._is_ready = False

        # Off the record (no name): no cache, cookies or storage on disk; one per view, so its
        # interceptor and scheme handler serve this document alone.
        profile = QWebEngineProfile()
        settings = profile.settings()
        for attribute in _OFF:
            settings.setAttribute(attribute, False)
        self._guard = RequestGuard(profile)
        profile.setUrlRequestInterceptor(self._guard)
        self._scheme = PreviewSchemeHandler(lambda: document.folder, profile)
        profile.installUrlSchemeHandler(SCHEME.encode(), self._scheme)

        self._web = QWebEngineView()
        self._page = PreviewPage(profile, PAGE_URL, self._web)  # deleted with the web view
        self._web.setPage(self._page)
        self._page.loadFinished.connect(self._load_finished)
        self._html_source = _read_only_text()
        self._markdown_source = _read_only_text()

        # The web view sits in a scroll area so that a fixed width wider than the pane scrolls
        # sideways; the page scrolls vertically itself.
        self._frame = QWidget()
        self._frame_layout = QHBoxLayout(self._frame)
        self._frame_layout.setContentsMargins(0, 0, 0, 0)
        self._frame_layout.addWidget(self._web)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setWidget(self._frame)

        self._stack = QStackedWidget()
        for widget in (self._scroll, self._html_source, self._markdown_source):
            self._stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        # The profile must outlive its page. Children are deleted in the order they were
        # added: as the last, the profile goes after the stack, its web view and the page.
        profile.setParent(self)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._render)
        document.changed.connect(self._schedule)
        self._timer.start(0)  # the first render once the event loop runs: the widget shows at once

    # --- public -------------------------------------------------------------------------------

    @property
    def web_view(self) -> QWebEngineView:
        return self._web

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def page_html(self) -> str:
        """The HTML of the last render, as the page is served."""
        return self._page_html

    @property
    def blocked_requests(self) -> list[str]:
        """URLs the page tried to load from outside and was refused, oldest first."""
        return list(self._guard.blocked_urls)

    def set_mode(self, mode: Mode) -> None:
        """Show the rendered "page", its "html" source or the body's "markdown"."""
        if mode not in _MODES:
            raise ValueError(f"unknown preview mode {mode!r}")
        self._mode = mode
        self._refresh_text(mode)
        self._stack.setCurrentIndex(_MODES.index(mode))

    def set_width(self, name: Width) -> None:
        """Lay the page out at a device's width ("desktop", "tablet", "phone"), centred and
        scrolling sideways when the pane is narrower, or at the pane's width ("fit")."""
        if name not in WIDTHS:
            raise ValueError(f"unknown preview width {name!r}")
        width = WIDTHS[name]
        if width is None:
            self._web.setMinimumWidth(0)
            self._web.setMaximumWidth(_NO_LIMIT)
            self._frame_layout.setAlignment(self._web, Qt.AlignmentFlag(0))
        else:
            self._web.setFixedWidth(width)
            self._frame_layout.setAlignment(self._web, Qt.AlignmentFlag.AlignHCenter)

    def run_js_async(self, expression: str, done: Callable[[Any], None]) -> None:
        """Evaluate `expression` in the page's DOM and call `done` with its value. It runs in
        the isolated application world (the page's own scripts are off) and travels as JSON,
        since PySide6 turns arrays and null into ""; undefined arrives as None."""

        def parse(text: object) -> None:
            done(json.loads(text) if isinstance(text, str) and text else None)

        self._page.runJavaScript(f"JSON.stringify({expression})", _APP_WORLD, parse)

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

    # --- rendering ----------------------------------------------------------------------------

    def _schedule(self, _field: str = "") -> None:
        self._timer.start(UPDATE_DELAY_MS)  # restarted by every edit: one render per pause

    def _render(self) -> None:
        """Render the review and show it. Every update goes through here."""
        self._page_html = html.render(self._document.review, self._layout_options)
        self._scheme.set_page(self._page_html)
        self._stale_text = {"html", "markdown"}
        self._refresh_text(self._mode)
        self._generation += 1
        if self._scroll_to is None:  # else an earlier render is still loading: its position holds
            self._scroll_to = self._page.scrollPosition().y()
        self._page.load(PAGE_URL)

    def _load_finished(self, ok: bool) -> None:
        if not ok or self._scroll_to is None:
            return  # a render replaced by a newer one, a refused navigation, an in-page jump
        generation = self._generation
        # The page's own scripts are off; the isolated application world still runs ours.
        # Its callback only queues the report: a listener of `rendered` may run scripts of its
        # own, and their results cannot arrive while QtWebEngine is inside a callback.
        self._page.runJavaScript(
            f"window.scrollTo(0, {self._scroll_to:.0f})",
            _APP_WORLD,
            lambda _: QTimer.singleShot(0, self, lambda: self._report(generation)),
        )

    def _report(self, generation: int) -> None:
        if generation != self._generation or self._scroll_to is None:
            return  # a newer render started meanwhile: it restores and reports
        self._scroll_to = None
        self.rendered.emit()
        if not self._is_ready:
            self._is_ready = True
            self.ready.emit()

    def _refresh_text(self, mode: Mode) -> None:
        """Fill a text view when it is shown: a long review's source is slow to lay out."""
        if mode not in self._stale_text:
            return
        self._stale_text.discard(mode)
        if mode == "html":
            _set_text(self._html_source, self._page_html)
        elif mode == "markdown":
            _set_text(self._markdown_source, self._document.review.body)


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
