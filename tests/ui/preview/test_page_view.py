"""A page loads whole: the body given with it is in when it first shows, put in by the script
that sets the page up (a second round trip to the page, once loaded, made the first preview
wait for it)."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from reviewdesk.core.layout import LayoutOptions
from reviewdesk.core.live_page import LivePage
from reviewdesk.core.model import Review
from reviewdesk.core.page_patch import PagePatch
from reviewdesk.ui.preview.page_view import PageView

FIRST_LOAD_MS = 20_000  # the first page of a session also starts QtWebEngine's processes
BODY_TEXT = "document.querySelector('[data-field=\"body\"]').textContent"
SCROLLED = "window.scrollY"


def test_a_page_shows_with_the_body_given_with_it_and_where_it_was_scrolled(
    qtbot: QtBot,
) -> None:
    review = Review(title="Whole", body="\n\n".join(f"Paragraph {n}." for n in range(200)))
    page = LivePage(LayoutOptions())
    page.update(review)
    view = PageView(lambda: None)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    seen: list[Any] = []
    # Asked at once when it is shown: nothing sent after can come before this question.
    view.shown.connect(lambda: view.run_js_async(f"[{BODY_TEXT}, {SCROLLED}]", seen.append))
    body = PagePatch(inserted=page.groups).as_json()
    with qtbot.waitSignal(view.shown, timeout=FIRST_LOAD_MS):
        view.show_page(page.skeleton, keep_scroll=False, patch=body)
    qtbot.waitUntil(lambda: bool(seen))
    text, scrolled = seen[0]
    assert "Paragraph 0." in text and "Paragraph 199." in text
    assert scrolled == 0

    seen.clear()
    view.run_js_async("window.scrollTo(0, 1500)", lambda _: None)
    qtbot.waitUntil(lambda: view.page().scrollPosition().y() == 1500)
    with qtbot.waitSignal(view.shown, timeout=FIRST_LOAD_MS):
        view.show_page(page.skeleton, patch=body)  # the reader's place kept, the body in
    qtbot.waitUntil(lambda: bool(seen))
    text, scrolled = seen[0]
    assert "Paragraph 199." in text
    assert scrolled == 1500  # restored once the body is in: the skeleton alone is too short
