"""The preview started early, on the page kept from the last start (preview/early_page.py):
shown before the review loads, taken over by the window's preview, replaced by the render where
it is not the review's; and the page kept for the next start."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle, page_cache
from reviewdesk.core.exports import html
from reviewdesk.core.layout import LayoutOptions
from reviewdesk.core.live_page import LivePage
from reviewdesk.core.page_cache import CachedPage
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.preview import updaters
from reviewdesk.ui.preview.early_page import EarlyPage, start_early_page
from reviewdesk.ui.preview.page_view import PageView
from reviewdesk.ui.preview.preview_view import PreviewView

FIRST_LOAD_MS = 20_000  # the first page of a session also starts QtWebEngine's processes


def keep_page(folder: Path, *, body: tuple[str, ...] | None = None) -> CachedPage:
    """Keep the bundle's page as the preview renders it; `body`: other groups, under the same
    key (a page that is not the review's)."""
    live = LivePage()
    live.update(bundle.load(folder))
    key = page_cache.page_key(folder)
    assert key is not None
    page = CachedPage(key, live.skeleton, live.groups, live.lines)
    if body is not None:
        page = dataclasses.replace(page, groups=body, lines=tuple(range(len(body))))
    page_cache.store(folder, page)
    return page


def start(qtbot: QtBot, folder: Path, *, wait: bool = True) -> EarlyPage:
    """The early page of `folder`, in a shown place: once it has shown if `wait`, else as
    soon as its view is made."""
    place = QWidget()
    qtbot.addWidget(place)
    place.resize(900, 700)
    place.show()
    started: list[EarlyPage | None] = []
    start_early_page(place, folder, started.append)
    if not wait:
        kept = page_cache.load(folder)
        view = place.findChild(PageView)
        assert not started and kept is not None and isinstance(view, PageView)
        return EarlyPage(view, kept)
    qtbot.waitUntil(lambda: bool(started), timeout=FIRST_LOAD_MS)
    early = started[0]
    assert early is not None
    return early


def kept_page(qtbot: QtBot, folder: Path) -> CachedPage:
    """The page kept for the bundle's files as they are, once written (off the UI thread)."""
    kept: list[CachedPage | None] = [None]

    def written() -> bool:
        kept[0] = page_cache.load(folder)
        return kept[0] is not None

    qtbot.waitUntil(written)
    assert kept[0] is not None
    return kept[0]


def text_of(view: PageView, qtbot: QtBot, selector: str) -> str:
    values: list[object] = []
    view.run_js_async(f"document.querySelector({selector!r}).textContent", values.append)
    qtbot.waitUntil(lambda: bool(values))
    return str(values[0]).strip()


def preview_of(
    qtbot: QtBot, folder: Path, early: EarlyPage | None
) -> tuple[PreviewView, ReviewDocument]:
    document = ReviewDocument.open(folder)
    preview = PreviewView(document, early=early)
    qtbot.addWidget(preview)
    preview.resize(900, 700)
    return preview, document


def the_review(document: ReviewDocument) -> str:
    return html.render(document.review, LayoutOptions())


def test_with_no_page_kept_there_is_no_early_view(qtbot: QtBot, sample_bundle: Path) -> None:
    place = QWidget()
    qtbot.addWidget(place)
    started: list[EarlyPage | None] = []
    start_early_page(place, sample_bundle, started.append)
    assert started == [None]  # at once: the window's parts load as before
    assert place.children() == []


def test_the_kept_page_shows_before_the_review_loads(qtbot: QtBot, sample_bundle: Path) -> None:
    keep_page(sample_bundle)
    early = start(qtbot, sample_bundle)
    assert early.view.is_shown and early.shown_at is not None
    title = bundle.load(sample_bundle).title
    assert text_of(early.view, qtbot, "h1") == title
    assert text_of(early.view, qtbot, "[data-field='body']")  # its body went in with it


def test_the_preview_takes_the_early_page_over_without_loading_it_again(
    qtbot: QtBot, sample_bundle: Path
) -> None:
    keep_page(sample_bundle)
    early = start(qtbot, sample_bundle)
    loads: list[bool] = []
    early.view.page().loadFinished.connect(loads.append)
    preview, document = preview_of(qtbot, sample_bundle, early)
    rendered: list[None] = []
    preview.rendered.connect(lambda: rendered.append(None))
    with qtbot.waitSignal(preview.ready, timeout=FIRST_LOAD_MS):
        preview.show()
    assert preview.started_early and preview.first_shown == early.shown_at
    qtbot.waitUntil(lambda: len(rendered) == 2, timeout=FIRST_LOAD_MS)  # the render confirms it
    assert loads == []
    assert preview.page_html == the_review(document)


def test_a_kept_page_that_is_not_the_reviews_is_replaced_by_the_render(
    qtbot: QtBot, sample_bundle: Path
) -> None:
    keep_page(sample_bundle, body=("<p>A stale paragraph.</p>",))
    early = start(qtbot, sample_bundle)
    assert text_of(early.view, qtbot, "[data-field='body']") == "A stale paragraph."
    loads: list[bool] = []
    early.view.page().loadFinished.connect(loads.append)
    preview, document = preview_of(qtbot, sample_bundle, early)
    preview.show()
    qtbot.waitUntil(lambda: bool(loads), timeout=FIRST_LOAD_MS)
    qtbot.waitUntil(lambda: preview.web_view.is_shown, timeout=FIRST_LOAD_MS)
    body = text_of(preview.web_view, qtbot, "[data-field='body']")
    assert "A stale paragraph." not in body
    assert preview.page_html == the_review(document)


def test_an_early_page_that_does_not_show_in_time_is_rendered_over(
    qtbot: QtBot, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(updaters, "EARLY_WAIT_MS", 0)
    keep_page(sample_bundle, body=("<p>A stale paragraph.</p>",))
    early = start(qtbot, sample_bundle, wait=False)  # taken over before it shows
    preview, document = preview_of(qtbot, sample_bundle, early)
    with qtbot.waitSignal(preview.ready, timeout=FIRST_LOAD_MS):
        preview.show()
    qtbot.waitUntil(lambda: preview.page_html == the_review(document), timeout=FIRST_LOAD_MS)
    qtbot.waitUntil(lambda: preview.web_view.is_shown, timeout=FIRST_LOAD_MS)
    assert "A stale paragraph." not in text_of(preview.web_view, qtbot, "[data-field='body']")


def test_the_page_shown_is_kept_for_the_next_start(qtbot: QtBot, sample_bundle: Path) -> None:
    assert page_cache.load(sample_bundle) is None
    preview, _ = preview_of(qtbot, sample_bundle, None)
    with qtbot.waitSignal(preview.ready, timeout=FIRST_LOAD_MS):
        preview.show()
    kept = kept_page(qtbot, sample_bundle)
    assert kept.skeleton.replace("<!--reviewdesk:body-->", "".join(kept.groups)) == (
        preview.page_html
    )


def test_an_edit_is_kept_once_it_is_saved(qtbot: QtBot, sample_bundle: Path) -> None:
    preview, document = preview_of(qtbot, sample_bundle, None)
    with qtbot.waitSignal(preview.ready, timeout=FIRST_LOAD_MS):
        preview.show()
    with qtbot.waitSignal(preview.rendered, timeout=FIRST_LOAD_MS):
        document.set("title", "A title typed since")
    assert "A title typed since" not in kept_page(qtbot, sample_bundle).skeleton  # the file's
    document.save()
    assert "A title typed since" in kept_page(qtbot, sample_bundle).skeleton
