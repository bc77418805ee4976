"""The preview started on the page the review showed last (core/page_cache.py): its web view is
made as soon as the window's first look has painted, and the window's parts wait for it to show
that page: QtWebEngine lays it out in its own process and the UI thread serves it its files
(the models imported in a thread meanwhile made the page show some 25 ms later and the form
15 ms sooner: the thread competed for Python's lock with the serving). The window then takes the
view over as its preview (PreviewView), and the first render replaces the page only where it
differs. Without a page kept for the review as its files are now, the preview starts as before:
once the window's parts have painted, on the first render."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reviewdesk.core.page_patch import PagePatch

if TYPE_CHECKING:
    from reviewdesk.core.page_cache import CachedPage
    from reviewdesk.ui.preview.page_view import PageView

SHOWN_WAIT_MS = 400
"""How long the window's parts wait for the early page to show; past that, they load and it
shows when it can."""


@dataclass
class EarlyPage:
    view: PageView  # loading `page`, or showing it
    page: CachedPage
    shown_at: float | None = field(default=None)  # time.perf_counter() when it showed


def start_early_page(
    place: QWidget, folder: Path, then: Callable[[EarlyPage | None], None]
) -> None:
    """Show the page kept for `folder` in `place`, and call `then` with it once it shows (or
    SHOWN_WAIT_MS later); with None at once when no page is kept."""
    from reviewdesk.core import page_cache  # noqa: PLC0415 (after the first look's paint)

    page = page_cache.load(folder)
    if page is None:
        then(None)
        return
    from reviewdesk.ui.preview.page_view import PageView  # noqa: PLC0415 (QtWebEngine: the same)

    view = PageView(lambda: folder)
    layout = QVBoxLayout(place)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(view)
    early = EarlyPage(view, page)
    _Waiting(early, lambda: then(early))
    body = PagePatch(inserted=page.groups).as_json()  # as a render's first page has it
    view.show_page(page.skeleton, keep_scroll=False, patch=body)


class _Waiting(QObject):
    """Notes when the early page shows, and calls `then` once: then, or SHOWN_WAIT_MS later."""

    def __init__(self, early: EarlyPage, then: Callable[[], None]) -> None:
        super().__init__(early.view)
        self._early = early
        self._then: Callable[[], None] | None = then
        early.view.shown.connect(self._shown)
        QTimer.singleShot(SHOWN_WAIT_MS, self, self._go)

    def _shown(self) -> None:
        if self._early.shown_at is None:
            self._early.shown_at = time.perf_counter()
        self._go()

    def _go(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            QTimer.singleShot(0, then)  # out of the page's report: the parts take a while
