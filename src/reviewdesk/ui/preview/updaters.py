"""How the preview follows the review. `LiveUpdater` renders off the UI thread and patches the
page in place, block by block; `ReloadUpdater` renders the whole page on the UI thread and
reloads it (the first approach, kept as the benchmarks' baseline)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reviewdesk.core.exports import html
from reviewdesk.core.layout import LayoutOptions
from reviewdesk.core.live_page import PagePatch, group_at
from reviewdesk.core.page_marks import BODY_SLOT
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.preview.page_view import PageView
from reviewdesk.ui.preview.render_thread import Rendered, RenderThread


class LiveUpdater(QObject):
    rendered = Signal()  # the page shows the review as it was when last requested

    def __init__(self, document: ReviewDocument, web: PageView) -> None:
        super().__init__(web)
        self._document, self._web = document, web
        self._renderer = RenderThread(self)
        self._renderer.rendered.connect(self._arrived)
        self._busy = False  # a version is being rendered or applied: the next one waits
        self._wanted = False  # the review changed since the version in the works
        self._reset = True
        self._generation = 0
        self._latest: Rendered | None = None
        web.shown.connect(self._applied)  # a fresh page, its body in

    @property
    def page_html(self) -> str:
        latest = self._latest
        return latest.skeleton.replace(BODY_SLOT, "".join(latest.groups), 1) if latest else ""

    def group_at(self, line: int) -> int:
        """The body group of source line `line`, in the version shown."""
        return group_at(self._latest.lines, line) if self._latest else 0

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
        if result.fresh:  # a page of its own: the skeleton loads, the body goes in with it
            body = PagePatch(inserted=result.groups).as_json()
            self._web.show_page(result.skeleton, keep_scroll=False, patch=body)
        else:
            self._web.apply(result.patch.as_json(), self._applied)

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
    def pending(self) -> bool:
        return False  # each request renders at once

    def request(self) -> None:
        self.page_html = html.render(self._document.review, LayoutOptions())
        self._web.show_page(self.page_html)

    def reset(self) -> None:
        self.request()
