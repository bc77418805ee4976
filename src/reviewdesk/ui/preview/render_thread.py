"""Rendering off the typing path: a worker thread keeps the review's `LivePage` and turns each
version of the review it is given into a patch of the page. The UI thread only hands it the
latest review; versions that arrive while it works are dropped for the newest."""

from __future__ import annotations

import logging
import queue
import sys
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from reviewdesk.core.live_page import LivePage
from reviewdesk.core.model import Review
from reviewdesk.core.page_patch import PagePatch
from reviewdesk.ui.worker_stop import stop_worker

_log = logging.getLogger(__name__)

GIL_SWITCH_S = 0.0002
"""How long the UI thread may wait for the GIL while this thread renders: Python's default,
5 ms, is paid at each of the many handovers of a key press (a 400-deep list took the longest
stall while typing from 161 ms to 63 ms at 1 ms). At 0.2 ms, on Xvfb with two cores, opening
a body of 50,000 nested <div> stalls the window 168-171 ms at worst instead of 182-195 ms,
and keystroke to preview in 100,000 words takes 44 ms (p95 165 ms) instead of 49 (263)."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """One version of the page: the patch from the version before, and the whole of it."""

    generation: int
    patch: PagePatch
    skeleton: str
    groups: tuple[str, ...]
    lines: tuple[int, ...]  # the body source line where each group starts
    fresh: bool  # the first version after a reset: load it as a new page
    review: Review  # the version rendered


_Job = tuple[int, Review, bool]  # generation, review, reset


class _Courier(QObject):
    """Carries pages from the worker to the UI thread, so that the worker never emits on the
    RenderThread, which the UI thread may be deleting at that moment (that crashed)."""

    rendered = Signal(object)  # Rendered


class RenderThread(QObject):
    rendered = Signal(object)  # Rendered, delivered in the thread this object lives in

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inbox: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_S))
        courier = _Courier()
        courier.rendered.connect(self.rendered)  # queued: emitted in the worker
        worker = threading.Thread(
            target=_render_loop, args=(self._inbox, courier), name="preview-render", daemon=True
        )
        worker.start()
        inbox = self._inbox  # not self: it is being deleted when `destroyed` comes
        self.destroyed.connect(lambda: _stop(inbox, worker, courier))

    def render(self, generation: int, review: Review, *, reset: bool = False) -> None:
        """Render `review` (immutable, so safe to share); `reset` starts a new page."""
        self._inbox.put((generation, review, reset))


def _stop(
    inbox: queue.SimpleQueue[_Job | None], worker: threading.Thread, courier: _Courier
) -> None:
    """Ends the worker and waits for the page in the works, if any. The courier is here only
    to be held: it goes with this connection, in the UI thread, once nothing emits on it."""
    stop_worker(inbox, worker)


def _render_loop(inbox: queue.SimpleQueue[_Job | None], courier: _Courier) -> None:
    page = LivePage()
    while (job := inbox.get()) is not None:
        generation, review, reset = job
        if reset:
            page = LivePage()
        try:
            patch = page.update(review)
        except Exception:  # a bug must not end the preview: log it, start afresh
            _log.exception("rendering the preview failed")
            page, reset, patch = _afresh(review)
        rendered = Rendered(
            generation, patch, page.skeleton, page.groups, page.lines, reset, review
        )
        try:
            courier.rendered.emit(rendered)
        except RuntimeError:  # the application went first and took the courier: nobody to tell
            return


def _afresh(review: Review) -> tuple[LivePage, bool, PagePatch]:
    """A new page of `review`; failing that too, a page that says so rather than none."""
    page = LivePage()
    try:
        return page, True, page.update(review)
    except Exception:
        _log.exception("rendering the preview afresh failed")
        notice = Review(title=review.title or "Untitled", body="*This review could not be shown.*")
        page = LivePage()
        return page, True, page.update(notice)
