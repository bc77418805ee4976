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

from reviewdesk.core.live_page import LivePage, PagePatch
from reviewdesk.core.model import Review

_log = logging.getLogger(__name__)

GIL_SWITCH_S = 0.001
"""How long the UI thread may wait for the GIL while this thread renders: Python's default,
5 ms, is paid at each of the many handovers of a key press (a 400-deep list took the longest
stall while typing from 161 ms to 63 ms)."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """One version of the page: the patch from the version before, and the whole of it."""

    generation: int
    patch: PagePatch
    skeleton: str
    groups: tuple[str, ...]
    lines: tuple[int, ...]  # the body source line where each group starts
    fresh: bool  # the first version after a reset: load it as a new page


class RenderThread(QObject):
    rendered = Signal(object)  # Rendered, delivered in the thread this object lives in

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inbox: queue.SimpleQueue[tuple[int, Review, bool] | None] = queue.SimpleQueue()
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_S))
        self._thread = threading.Thread(target=self._run, name="preview-render", daemon=True)
        self._thread.start()
        inbox = self._inbox  # not self: it is being deleted when `destroyed` comes
        self.destroyed.connect(lambda: inbox.put(None))

    def render(self, generation: int, review: Review, *, reset: bool = False) -> None:
        """Render `review` (immutable, so safe to share); `reset` starts a new page."""
        self._inbox.put((generation, review, reset))

    def stop(self) -> None:
        self._inbox.put(None)

    def _run(self) -> None:
        page = LivePage()
        while (job := self._inbox.get()) is not None:
            generation, review, reset = job
            if reset:
                page = LivePage()
            try:
                patch = page.update(review)
            except Exception:  # a bug must not end the preview: log it, start afresh
                _log.exception("rendering the preview failed")
                page, reset, patch = _afresh(review)
            result = Rendered(
                generation, patch, page.skeleton, page.groups, page.lines, fresh=reset
            )
            try:
                self.rendered.emit(result)
            except RuntimeError:  # the view is gone: nothing to render for
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
