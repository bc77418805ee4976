"""How the preview follows the review. `LiveUpdater` renders off the UI thread and patches the
page in place, block by block; `ReloadUpdater` renders the whole page on the UI thread and
reloads it (the first approach, kept as the benchmarks' baseline)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from reviewdesk.core.exports import html
from reviewdesk.core.layout import LayoutOptions
from reviewdesk.core.live_page import group_at
from reviewdesk.core.page_cache import CachedPage
from reviewdesk.core.page_marks import BODY_SLOT
from reviewdesk.core.page_patch import PagePatch
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.preview.page_view import PageView
from reviewdesk.ui.preview.render_thread import Rendered, RenderThread

EARLY_WAIT_MS = 5_000
"""How long the first render waits for an early page to show (it follows it, not competing with
it): past that, the page is taken for lost, and the render replaces it."""


class LiveUpdater(QObject):
    rendered = Signal()  # the page shows the review as it was when last requested

    def __init__(
        self,
        document: ReviewDocument,
        web: PageView,
        early: CachedPage | None = None,
        early_shown: bool = False,
    ) -> None:
        """`early`: the page `web` was given before the review loaded (early_page.py), shown
        already or not. It counts as the review's until the first render says otherwise, which
        then replaces it."""
        super().__init__(web)
        self._document, self._web = document, web
        self._renderer = RenderThread(self)
        self._renderer.rendered.connect(self._arrived)
        # A version is being rendered or applied: the next one waits. The early page's load
        # is one: the first render follows it rather than competing with it for the UI thread.
        self._busy = early is not None and not early_shown
        self._wanted = False  # the review changed since the version in the works
        self._reset = True
        self._generation = 0
        self._latest: Rendered | None = None
        self._early = early  # until the first render
        self._early_shown = early_shown
        web.shown.connect(self._page_shown)  # a fresh page, its body in
        if self._busy:
            QTimer.singleShot(EARLY_WAIT_MS, self, self._stop_waiting)

    @property
    def page_html(self) -> str:
        shown = self._latest or self._early
        return shown.skeleton.replace(BODY_SLOT, "".join(shown.groups), 1) if shown else ""

    @property
    def shown(self) -> Rendered | None:
        """The version the page shows, or is being given (`rendered` says when it shows)."""
        return self._latest

    def group_at(self, line: int) -> int:
        """The body group of source line `line`, in the version shown."""
        shown = self._latest or self._early
        return group_at(shown.lines, line) if shown else 0

    @property
    def pending(self) -> bool:
        """The review changed since the version in the works: another render follows."""
        return self._wanted

    def request(self) -> None:
        self._wanted = True
        self._send()

    def reset(self) -> None:
        """Another review: a new page, from the top."""
        self._reset = True
        self.request()

    def _send(self) -> None:
        if self._busy or not self._wanted:
            return
        self._busy, self._wanted = True, False
        self._generation += 1
        self._renderer.render(self._generation, self._document.review, reset=self._reset)
        self._reset = False

    def _arrived(self, result: Rendered) -> None:
        self._latest = result
        early, self._early = self._early, None
        shown = early is not None and self._early_shown
        if early and shown and (early.skeleton, early.groups) == (result.skeleton, result.groups):
            self._applied()  # the early page is the review's: it shows this version already
            return
        if result.fresh:  # a page of its own: the skeleton loads, the body goes in with it
            body = PagePatch(inserted=result.groups).as_json()
            self._web.show_page(result.skeleton, keep_scroll=shown, patch=body)
        else:
            self._web.apply(result.patch.as_json(), self._applied)

    def _page_shown(self) -> None:
        if self._early is not None and self._latest is None:  # the early page, not a render's
            self._early_shown = True
            if self._generation:  # shown past EARLY_WAIT_MS: the first render is under way
                self.rendered.emit()
                return
        self._applied()

    def _stop_waiting(self) -> None:
        """The early page never said it showed: the review is rendered as if it had none."""
        if not self._generation:
            self._busy = False
            self._send()

    def _applied(self) -> None:
        self._busy = False
        self.rendered.emit()
        self._send()


class ReloadUpdater(QObject):
    rendered = Signal()

    def __init__(self, document: ReviewDocument, web: PageView) -> None:
        super().__init__(web)
        self._document, self._web = document, web
        self.page_html = ""
        web.shown.connect(self.rendered)

    def group_at(self, _line: int) -> int:
        return 0  # a reloaded page has no blocks to go to

    @property
    def shown(self) -> Rendered | None:
        return None  # whole pages, rendered here: none is kept for the next start

    @property
    def pending(self) -> bool:
        return False  # each request renders at once

    def request(self) -> None:
        self.page_html = html.render(self._document.review, LayoutOptions())
        self._web.show_page(self.page_html)

    def reset(self) -> None:
        self.request()
