"""The rendered page in a sandboxed QtWebEngine view: nothing from the review runs, nothing
remote loads, links open in the system browser. Built only once the window is up, since
starting QtWebEngine is the slowest part of opening the app."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineScript, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from reviewdesk.ui.color_scheme import is_dark
from reviewdesk.ui.preview import dom_patch
from reviewdesk.ui.preview.engine_start import before_web_engine
from reviewdesk.ui.preview.guard import PreviewPage, RequestGuard
from reviewdesk.ui.preview.page_scheme import scheme_script
from reviewdesk.ui.preview.scheme import PAGE_URL, SCHEME, PreviewSchemeHandler

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


class PageView(QWebEngineView):
    shown = Signal()  # a page given to `show_page` is loaded and scrolled back into place

    def __init__(self, folder: Callable[[], Path | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._generation = 0  # loads started; a finished load reports only for the latest
        self._scroll_to: float | None = None  # while a page loads: where the reader was
        self._with: dict[str, Any] | None = None  # while a page loads: the patch it loads with
        self._is_shown = False

        # Off the record (no name): no cache, cookies or storage on disk; one per view, so its
        # interceptor and scheme handler serve this view alone. The profile must outlive its
        # page: the page is the view's child, deleted before the profile (the view's
        # later child).
        before_web_engine()
        profile = QWebEngineProfile()
        settings = profile.settings()
        for attribute in _OFF:
            settings.setAttribute(attribute, False)
        self._guard = RequestGuard(profile)
        profile.setUrlRequestInterceptor(self._guard)
        self._scheme = PreviewSchemeHandler(folder, profile)
        profile.installUrlSchemeHandler(SCHEME.encode(), self._scheme)
        self._page = PreviewPage(profile, PAGE_URL, self)
        self._page.setBackgroundColor(self._base())  # till the page paints: not white in dark
        self._scheme_on_load = QWebEngineScript()
        self._scheme_on_load.setWorldId(_APP_WORLD)
        # As the page's HTML is parsed, before it paints: light, then dark, was a flash.
        self._scheme_on_load.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
        self._scheme_on_load.setSourceCode(self._scheme_script())
        self._page.scripts().insert(self._scheme_on_load)
        self.setPage(self._page)
        profile.setParent(self)
        self._page.loadFinished.connect(self._load_finished)

    @property
    def is_shown(self) -> bool:
        """The page last given to `show_page` has shown (`shown` was emitted for it)."""
        return self._is_shown

    def set_folder(self, folder: Callable[[], Path | None]) -> None:
        """Where the page's files come from from now on."""
        self._scheme.set_folder(folder)

    @property
    def blocked_requests(self) -> list[str]:
        """URLs the page tried to load from outside and was refused, oldest first."""
        return list(self._guard.blocked_urls)

    def show_page(
        self, html: str, *, keep_scroll: bool = True, patch: dict[str, Any] | None = None
    ) -> None:
        """Load `html` in place of the page shown, keeping the reader's scroll position (or
        from the top: another review). A `patch` (as `apply` takes) is applied as it loads,
        before it is scrolled and `shown`: with the page's own set-up, in one script."""
        self._scheme.set_page(html)
        self._generation += 1
        self._is_shown = False
        self._with = patch
        if not keep_scroll:
            self._scroll_to = 0.0
        elif self._scroll_to is None:  # else an earlier page is loading: its position holds
            self._scroll_to = self._page.scrollPosition().y()
        self._page.load(PAGE_URL)

    def run_js_async(self, expression: str, done: Callable[[Any], None]) -> None:
        """Evaluate `expression` in the page's DOM and call `done` with its value. It runs in
        the isolated application world (the page's own scripts are off) and travels as JSON,
        since PySide6 turns arrays and null into ""; undefined arrives as None."""

        def parse(text: object) -> None:
            done(json.loads(text) if isinstance(text, str) and text else None)

        self._page.runJavaScript(f"JSON.stringify({expression})", _APP_WORLD, parse)

    def apply(self, patch: dict[str, Any], done: Callable[[], None]) -> None:
        """Patch the page loaded by `show_page` in place (a `PagePatch.as_json()`); `done`
        runs once the page holds it."""
        self._page.runJavaScript(
            dom_patch.apply_call(patch), _APP_WORLD, lambda _: QTimer.singleShot(0, self, done)
        )

    def _load_finished(self, ok: bool) -> None:
        if not ok or self._scroll_to is None:
            return  # a load replaced by a newer one, a refused navigation, an in-page jump
        generation = self._generation
        # Its callback only queues the report: a listener of `shown` may run scripts of its
        # own, and their results cannot arrive while QtWebEngine is inside a callback.
        patch = f"{dom_patch.apply_call(self._with)}; " if self._with else ""
        self._page.runJavaScript(
            f"{self._scheme_script()}; {dom_patch.INSTALL}; {patch}"
            f"window.scrollTo(0, {self._scroll_to:.0f})",
            _APP_WORLD,
            lambda _: QTimer.singleShot(0, self, lambda: self._report(generation)),
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light or dark chosen: the page too
            self._page.setBackgroundColor(self._base())
            self._page.scripts().remove(self._scheme_on_load)
            self._scheme_on_load.setSourceCode(self._scheme_script())
            self._page.scripts().insert(self._scheme_on_load)
            self._page.runJavaScript(self._scheme_script(), _APP_WORLD)

    def _scheme_script(self) -> str:
        return scheme_script(dark=is_dark(self.palette()))

    def _base(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    def _report(self, generation: int) -> None:
        if generation != self._generation or self._scroll_to is None:
            return  # a newer load started meanwhile: it restores and reports
        self._scroll_to = self._with = None
        self._is_shown = True
        self.shown.emit()
