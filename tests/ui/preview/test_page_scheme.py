"""The preview shows the page in the app's scheme: on a platform that cannot switch (offscreen,
like a plain X11 session) a dark window showed a light page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWebEngineCore import QWebEngineScript
from pytestqt.qtbot import QtBot

from reviewdesk.core.exports import html
from reviewdesk.core.layout import LayoutOptions
from reviewdesk.ui.color_scheme import apply_color_scheme
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.preview.preview_view import PreviewView

FIRST_LOAD_MS = 20_000  # the first page of a session also starts QtWebEngine's processes
BACKGROUND = "getComputedStyle(document.body).backgroundColor"


@pytest.fixture
def document(sample_bundle: Path) -> ReviewDocument:
    return ReviewDocument.open(sample_bundle)


@pytest.fixture(params=[True, False], ids=["live", "reloading"])
def view(
    qtbot: QtBot, document: ReviewDocument, request: pytest.FixtureRequest
) -> Iterator[PreviewView]:
    view = PreviewView(document, live=request.param)
    qtbot.addWidget(view)
    view.resize(900, 700)
    with qtbot.waitSignal(view.ready, timeout=FIRST_LOAD_MS):
        view.show()
    yield view
    apply_color_scheme("system")  # the next test starts as the app does


def lightness(view: PreviewView, expression: str = BACKGROUND) -> float:
    """0 (black) to 255 (white): the mean of an `rgb(...)` colour the page computes."""
    found = re.findall(r"\d+", str(view.run_js(expression))[:40])
    red, green, blue = (int(part) for part in found[:3])
    return (red + green + blue) / 3


def test_the_page_follows_the_app_into_dark_and_back(qtbot: QtBot, view: PreviewView) -> None:
    assert lightness(view) > 200  # the system's look here is light, as the page's
    apply_color_scheme("dark")
    qtbot.waitUntil(lambda: lightness(view) < 50)
    assert lightness(view, "getComputedStyle(document.querySelector('h1')).color") > 200
    apply_color_scheme("light")
    qtbot.waitUntil(lambda: lightness(view) > 200)


def test_a_page_loaded_again_in_dark_is_dark_and_its_html_unchanged(
    qtbot: QtBot, view: PreviewView, document: ReviewDocument
) -> None:
    apply_color_scheme("dark")
    qtbot.waitUntil(lambda: lightness(view) < 50)
    with qtbot.waitSignal(view.rendered, timeout=FIRST_LOAD_MS):
        document.set("title", "A title typed in the dark")  # the reloading view loads anew
    qtbot.waitUntil(
        lambda: view.run_js("document.querySelector('h1').textContent").startswith("A title typed")
    )
    assert lightness(view) < 50
    assert view.page_html == html.render(document.review, LayoutOptions())


def test_a_page_is_dark_as_soon_as_it_is_parsed(qtbot: QtBot, view: PreviewView) -> None:
    """Before it loads whole: its first paint can come before, and it was light then, a flash
    in a dark window (the early page of a start shows during the first look)."""
    apply_color_scheme("dark")
    qtbot.waitUntil(lambda: lightness(view) < 50)  # the view has its dark palette
    page = view.web_view.page()
    watcher = QWebEngineScript()  # after the view's own, at the same point
    watcher.setWorldId(QWebEngineScript.ScriptWorldId.ApplicationWorld)
    watcher.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    watcher.setSourceCode(f"window.atReady = {BACKGROUND};")
    page.scripts().insert(watcher)
    with qtbot.waitSignal(view.web_view.shown, timeout=FIRST_LOAD_MS):
        view.web_view.show_page(view.page_html)
    assert lightness(view, "window.atReady") < 50
    assert page.backgroundColor().lightness() < 100  # before the page paints at all
