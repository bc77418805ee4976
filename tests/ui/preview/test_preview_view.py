"""The live preview against real QtWebEngine (offscreen): what it shows, how it updates, and
that a hostile review can neither run code nor load anything from outside its bundle."""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit, QScrollArea
from pytestqt.qtbot import QtBot

from bench.images import write_png, write_png_claiming
from reviewdesk.core.exports import html
from reviewdesk.core.layout import LayoutOptions
from reviewdesk.core.model import Hero
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.preview import scheme
from reviewdesk.ui.preview.preview_view import PreviewView
from reviewdesk.ui.preview.scheme import PAGE_URL
from tests.ui.system_browser import SystemBrowser

FIRST_LOAD_MS = 20_000  # the first page of a session also starts QtWebEngine's processes
MakeView = Callable[[ReviewDocument], PreviewView]


@pytest.fixture
def document(sample_bundle: Path) -> ReviewDocument:
    return ReviewDocument.open(sample_bundle)


@pytest.fixture
def make_view(qtbot: QtBot) -> MakeView:
    """make_view(document): a preview of `document`, not shown yet."""

    def make(document: ReviewDocument) -> PreviewView:
        view = PreviewView(document)
        qtbot.addWidget(view)
        view.resize(1000, 700)
        return view

    return make


@pytest.fixture
def open_view(qtbot: QtBot, make_view: MakeView) -> MakeView:
    """open_view(document): a shown preview of `document`, its first render loaded."""

    def open_(document: ReviewDocument) -> PreviewView:
        view = make_view(document)
        with qtbot.waitSignal(view.ready, timeout=FIRST_LOAD_MS):
            view.show()
        return view

    return open_


@pytest.fixture
def view(open_view: MakeView, document: ReviewDocument) -> PreviewView:
    return open_view(document)


# --- what it shows -----------------------------------------------------------------------------


def test_the_sample_renders_its_title_and_hero_image(
    qtbot: QtBot, make_view: MakeView, document: ReviewDocument
) -> None:
    view = make_view(document)
    assert view.page_html == ""  # the widget is up at once; the page fills in when ready
    with qtbot.waitSignal(view.ready, timeout=FIRST_LOAD_MS):
        view.show()
    assert view.run_js("document.querySelector('h1').textContent") == document.review.title
    hero = "document.querySelector('#review-hero img')"
    assert view.run_js(f"{hero}.src") == "reviewdesk-preview://review/assets/hero.png"
    assert view.run_js(f"{hero}.naturalWidth") > 0
    assert view.blocked_requests == []


def test_it_shows_the_page_of_the_html_export(view: PreviewView, document: ReviewDocument) -> None:
    assert view.page_html == html.render(document.review, LayoutOptions())
    assert '<script type="application/ld+json">' in view.page_html


def test_it_serves_files_of_the_bundle_and_none_from_outside(
    qtbot: QtBot, open_view: MakeView, document: ReviewDocument, sample_bundle: Path
) -> None:
    shutil.copyfile(sample_bundle / "assets" / "chart.png", sample_bundle.parent / "outside.png")
    document.set("body", "![Chart](assets/chart.png)\n\n![Outside](../outside.png)\n")
    view = open_view(document)
    images = "[...document.querySelectorAll('#review-body img')]"
    loaded = f"{images}.map(image => image.complete)"
    qtbot.waitUntil(lambda: view.run_js(loaded) == [True, True])  # the body goes in after load
    inside, outside = view.run_js(f"{images}.map(image => image.naturalWidth)")
    assert inside > 0
    assert outside == 0


def test_it_serves_no_file_heavier_than_an_image_may_be_and_no_special_file(
    qtbot: QtBot, open_view: MakeView, document: ReviewDocument, sample_bundle: Path
) -> None:
    """What the exports would refuse to copy, the preview refuses to read: a file over 64 MiB
    (a valid PNG followed by 65 MiB of nothing, sparse), a FIFO, /dev/zero."""
    heavy = write_png(sample_bundle / "assets" / "heavy.png", 100, 100)
    os.truncate(heavy, 65 << 20)
    os.mkfifo(sample_bundle / "assets" / "pipe.png")
    (sample_bundle / "assets" / "zero.png").symlink_to("/dev/zero")
    document.set(
        "body",
        "![Chart](assets/chart.png)\n\n![Heavy](assets/heavy.png)\n\n"
        "![Pipe](assets/pipe.png)\n\n![Zero](assets/zero.png)\n",
    )
    view = open_view(document)
    images = "[...document.querySelectorAll('#review-body img')]"
    qtbot.waitUntil(lambda: view.run_js(f"{images}.map(image => image.complete)") == [True] * 4)
    assert [width > 0 for width in view.run_js(f"{images}.map(image => image.naturalWidth)")] == [
        True,
        False,
        False,
        False,
    ]


# --- updates -----------------------------------------------------------------------------------


def test_an_edit_updates_the_page(
    qtbot: QtBot, view: PreviewView, document: ReviewDocument
) -> None:
    with qtbot.waitSignal(view.rendered):
        document.set("title", "A new title")
    assert view.run_js("document.querySelector('h1').textContent") == "A new title"


def type_title(document: ReviewDocument, typed: str, every_ms: int) -> QTimer:
    """Start typing `typed` as the title, a key every `every_ms`; the timer stops at the end."""
    lengths = iter(range(1, len(typed) + 1))
    typist = QTimer(interval=every_ms)

    def type_a_key() -> None:
        length = next(lengths)
        document.set("title", typed[:length])
        if length == len(typed):
            typist.stop()

    typist.timeout.connect(type_a_key)
    typist.start()
    return typist


def test_edits_in_one_turn_of_the_event_loop_make_one_update(
    qtbot: QtBot, view: PreviewView, document: ReviewDocument
) -> None:
    renders: list[None] = []
    view.rendered.connect(lambda: renders.append(None))
    for length in range(1, 11):
        document.set("title", "Typed-fast"[:length])
    qtbot.waitUntil(lambda: bool(renders))
    qtbot.assertNotEmitted(view.rendered, wait=300)
    assert len(renders) == 1
    assert view.run_js("document.querySelector('h1').textContent") == "Typed-fast"


def test_the_preview_follows_typing_without_waiting_for_a_pause(
    qtbot: QtBot, view: PreviewView, document: ReviewDocument
) -> None:
    renders: list[str] = []
    view.rendered.connect(lambda: renders.append(document.review.title))
    typed = "Typed-steadily"
    typist = type_title(document, typed, every_ms=40)  # steadily
    qtbot.waitUntil(lambda: len(renders) >= 3)
    assert typist.isActive()  # the page followed while the typing went on
    qtbot.waitUntil(lambda: renders[-1] == typed)
    assert view.run_js("document.querySelector('h1').textContent") == typed


def test_the_reloading_baseline_waits_for_a_pause_and_renders_once(
    qtbot: QtBot, make_view: MakeView, document: ReviewDocument
) -> None:
    view = PreviewView(document, live=False)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.ready, timeout=FIRST_LOAD_MS):
        view.show()
    renders: list[None] = []
    view.rendered.connect(lambda: renders.append(None))
    typed = "Typed-quickly"
    typist = type_title(document, typed, every_ms=30)  # well inside the pause it waits for
    qtbot.waitUntil(lambda: bool(renders))
    assert not typist.isActive()  # nothing rendered while the typing went on
    qtbot.assertNotEmitted(view.rendered, wait=500)
    assert len(renders) == 1
    assert view.run_js("document.querySelector('h1').textContent") == typed
    assert view.page_html == html.render(document.review, LayoutOptions())


READ_PLACE = """(() => {
  const read = document.elementFromPoint(innerWidth / 2, 40);
  return [read.textContent.slice(0, 40), Math.round(read.getBoundingClientRect().top)];
})()"""


def test_the_reader_keeps_their_place_when_the_page_above_changes(
    qtbot: QtBot, view: PreviewView, document: ReviewDocument
) -> None:
    view.run_js("window.scrollTo(0, 1500)")
    qtbot.waitUntil(lambda: view.web_view.page().scrollPosition().y() == 1500)
    place = view.run_js(READ_PLACE)
    with qtbot.waitSignal(view.rendered):
        document.set("summary", "A shorter summary.")
    assert view.run_js("document.querySelector('#review-summary p').textContent") == (
        "A shorter summary."
    )
    # The same words at the same height, to the pixel: Chromium anchors in fractions of one,
    # and the box read (the verdict's, in the sample) may round either way.
    words, top = view.run_js(READ_PLACE)
    assert words == place[0] and abs(top - place[1]) <= 1


# --- modes and widths --------------------------------------------------------------------------


def _shown_texts(view: PreviewView) -> list[str]:
    return [text.toPlainText() for text in view.findChildren(QPlainTextEdit) if text.isVisible()]


def test_modes_show_the_page_its_html_or_the_markdown(
    qtbot: QtBot, view: PreviewView, document: ReviewDocument
) -> None:
    view.set_mode("html")
    assert _shown_texts(view) == [view.page_html]
    assert f">{document.review.title}</h1>" in view.page_html
    assert not view.web_view.isVisible()
    view.set_mode("markdown")
    assert _shown_texts(view) == [document.review.body]
    with qtbot.waitSignal(view.rendered):
        document.set("body", "Edited *body*.\n")
    assert _shown_texts(view) == ["Edited *body*.\n"]
    view.set_mode("html")
    assert "<p>Edited <em>body</em>.</p>" in _shown_texts(view)[0]
    view.set_mode("page")
    assert view.web_view.isVisible()
    assert _shown_texts(view) == []


def test_widths_lay_the_page_out_for_a_device(qtbot: QtBot, view: PreviewView) -> None:
    scroll_area = view.findChild(QScrollArea)
    assert scroll_area is not None
    sideways = scroll_area.horizontalScrollBar()
    view.set_width("phone")
    qtbot.waitUntil(lambda: view.run_js("window.innerWidth") == 390)
    centre = view.web_view.mapTo(view, view.web_view.rect().center()).x()
    assert abs(centre - view.width() / 2) <= 1
    assert view.web_view.zoomFactor() == 1.0
    assert sideways.maximum() == 0
    view.set_width("fit")
    qtbot.waitUntil(lambda: view.run_js("window.innerWidth") == view.width())
    assert sideways.maximum() == 0


def test_a_device_wider_than_the_pane_is_zoomed_out_to_fit_it(
    qtbot: QtBot, view: PreviewView
) -> None:
    scroll_area = view.findChild(QScrollArea)
    assert scroll_area is not None
    sideways = scroll_area.horizontalScrollBar()
    view.set_width("desktop")  # wider than the 1000 px pane: laid out at 1280, shown at 1000
    qtbot.waitUntil(lambda: view.run_js("window.innerWidth") == 1280)
    assert view.web_view.width() == 1000
    assert view.web_view.zoomFactor() == pytest.approx(1000 / 1280)
    assert sideways.maximum() == 0
    view.resize(1400, 700)  # wider than the device: its own size again, centred
    qtbot.waitUntil(lambda: view.web_view.width() == 1280)
    assert view.web_view.zoomFactor() == 1.0
    qtbot.waitUntil(lambda: view.run_js("window.innerWidth") == 1280)
    view.resize(640, 700)
    qtbot.waitUntil(lambda: view.web_view.width() == 640)
    assert view.web_view.zoomFactor() == pytest.approx(0.5)
    qtbot.waitUntil(lambda: view.run_js("window.innerWidth") == 1280)
    view.set_width("tablet")  # 768 in 640
    qtbot.waitUntil(lambda: view.run_js("window.innerWidth") == 768)
    assert view.web_view.width() == 640
    assert sideways.maximum() == 0


def test_the_writers_zoom_shows_a_device_smaller_but_never_wider_than_the_pane(
    qtbot: QtBot, view: PreviewView
) -> None:
    view.set_width("tablet")  # 768 in 1000
    view.zoom(-1)
    assert view.zoom_factor == pytest.approx(0.9)
    assert view.web_view.zoomFactor() == pytest.approx(0.9)
    assert view.web_view.width() == round(768 * 0.9)
    qtbot.waitUntil(lambda: view.run_js("window.innerWidth") == 768)
    for _ in range(5):
        view.zoom(1)  # 1.4 would be 1075 px: it stops at the pane's width
    assert view.zoom_factor == pytest.approx(1.4)
    assert view.web_view.width() == 1000
    assert view.web_view.zoomFactor() == pytest.approx(1000 / 768)
    qtbot.waitUntil(lambda: view.run_js("window.innerWidth") == 768)
    view.set_width("fit")  # the pane's width, at the writer's zoom
    assert view.web_view.zoomFactor() == pytest.approx(1.4)
    qtbot.waitUntil(lambda: view.run_js("window.innerWidth") == round(view.width() / 1.4))


# --- the guard ---------------------------------------------------------------------------------


class _RecordingServer(ThreadingHTTPServer):
    hits: list[str]


class _Recorder(BaseHTTPRequestHandler):
    server: _RecordingServer

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"reached")

    def do_POST(self) -> None:
        self.do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet


@pytest.fixture
def remote() -> Iterator[str]:
    """The base URL of a real http server on this machine, which fails the test if any
    request reaches it: proof that nothing got through to the network."""
    server = _RecordingServer(("127.0.0.1", 0), _Recorder)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()
    assert server.hits == [], "the preview reached the network"


HOSTILE_BODY = """\
## Hostile

<script>document.title = 'pwned'</script>
<img src=x onerror="document.title = 'pwned'">

![r](https://example.org/remote.png) ![r]({remote}/remote.png)

<iframe src="https://example.org"></iframe> <iframe src="{remote}/frame"></iframe>

<p style="background: url(https://example.org/x.png)">styled</p>
<p style="background: url({remote}/x.png)">styled</p>
<table><tr><td style="background: url({remote}/cell.png)">cell</td></tr></table>
"""


def test_a_hostile_body_runs_nothing_and_loads_nothing_remote(
    qtbot: QtBot,
    open_view: MakeView,
    document: ReviewDocument,
    remote: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="reviewdesk.ui.widgets.quiet_page")  # the page's console
    document.set("body", HOSTILE_BODY.format(remote=remote))
    view = open_view(document)
    assert view.run_js("document.title") != "pwned"
    assert view.run_js("document.querySelectorAll('iframe, script:not([type])').length") == 0
    tried = (
        "performance.getEntriesByType('resource')"
        ".filter(e => !/^(reviewdesk-preview|data):/.test(e.name))"
        ".map(e => [e.name, e.responseStatus])"
    )
    remote_images = ["https://example.org/remote.png", f"{remote}/remote.png"]

    def refused(url: str) -> bool:  # by the page's policy, or else by the interceptor
        policy = any(f"'{url}'" in m and "Content Security Policy" in m for m in caplog.messages)
        return policy or url in view.blocked_requests

    qtbot.waitUntil(lambda: all(refused(url) for url in remote_images))
    resources = view.run_js(tried)
    assert all(status == 0 for _, status in resources)  # no answer to any of them
    assert all(refused(url) for url, _ in resources)


def test_huge_images_and_a_decompression_bomb_leave_the_preview_working(
    qtbot: QtBot, open_view: MakeView, document: ReviewDocument, sample_bundle: Path
) -> None:
    assets = sample_bundle / "assets"
    write_png(assets / "huge.png", 12_000, 8_000)  # 96 megapixels
    write_png_claiming(assets / "bomb.png", 60_000, 60_000)  # 3.6 gigapixels, claimed
    photo = QImage(9_000, 6_000, QImage.Format.Format_Grayscale8)
    photo.fill(90)
    assert photo.save(str(assets / "photo.jpg"), quality=50)
    del photo
    document.set("hero", Hero(image="assets/huge.png", alt="A huge picture"), merge=False)
    document.set("body", "Intro\n\n![Photo](assets/photo.jpg)\n\n![Bomb](assets/bomb.png)\n")
    view = open_view(document)
    images = "[...document.querySelectorAll('main img')]"
    qtbot.waitUntil(lambda: view.run_js(f"{images}.every(image => image.complete)"))
    assert view.run_js(f"{images}.map(image => image.naturalWidth)") == [12_000, 9_000, 0]
    with qtbot.waitSignal(view.rendered):
        document.set("title", "Still following")
    assert view.run_js("document.querySelector('h1').textContent") == "Still following"


HOSTILE_PAGE = """\
<!DOCTYPE html>
<html><head><title>safe</title>
<link rel="stylesheet" href="{remote}/style.css">
<meta http-equiv="refresh" content="0; url={remote}/refresh">
</head><body>
<h1>Raw</h1>
<script>document.title = 'pwned'</script>
<img src="x" onerror="document.title = 'pwned'">
<img src="{remote}/image.png">
<iframe src="{remote}/frame"></iframe>
<object data="{remote}/object"></object>
<p style="background: url({remote}/background.png)">styled</p>
<form action="{remote}/form" method="post"><button>Send</button></form>
</body></html>
"""


@pytest.fixture
def raw_page(remote: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Serve HOSTILE_PAGE as the rendered review: the sanitizer left out of the way."""
    page = HOSTILE_PAGE.format(remote=remote)
    monkeypatch.setattr(html, "render", lambda *_args, **_kwargs: page)
    return remote


@pytest.fixture(params=["policy", "no policy"])
def policy(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The preview's Content-Security-Policy, or one that allows everything."""
    if request.param == "no policy":
        monkeypatch.setattr(scheme, "CONTENT_SECURITY_POLICY", "default-src * 'unsafe-inline'")
    return str(request.param)


def test_the_guard_holds_without_the_sanitizer_and_without_the_policy(
    qtbot: QtBot, make_view: MakeView, document: ReviewDocument, raw_page: str, policy: str
) -> None:
    view = make_view(document)
    loads: list[bool] = []
    view.started.connect(lambda: view.web_view.page().loadFinished.connect(loads.append))
    with qtbot.waitSignal(view.ready, timeout=FIRST_LOAD_MS):
        view.show()
    assert view.run_js("document.querySelector('h1').textContent") == "Raw"
    assert view.run_js("document.title") == "safe"  # no script ran
    qtbot.waitUntil(lambda: loads == [True, False])  # the meta refresh, refused
    assert view.web_view.page().url() == PAGE_URL
    if policy == "no policy":  # then the interceptor is what stops them
        assert f"{raw_page}/image.png" in view.blocked_requests
    assert all(url.startswith(raw_page) for url in view.blocked_requests)


def test_a_clicked_link_opens_in_the_system_browser(
    qtbot: QtBot, open_view: MakeView, document: ReviewDocument, system_browser: SystemBrowser
) -> None:
    document.set("body", "## Links\n\n[The site](https://example.org/page)\n")
    view = open_view(document)
    link = "document.querySelector('#review-body a')"
    view.run_js(f"{link}.scrollIntoView()")
    left, top, height = view.run_js(
        f"(r => [r.left, r.top, r.height])({link}.getBoundingClientRect())"
    )
    target = view.web_view.focusProxy()
    assert target is not None
    QTest.mouseClick(
        target,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(int(left) + 5, int(top + height / 2)),
    )
    qtbot.waitUntil(lambda: bool(system_browser.opened))
    assert system_browser.opened == [QUrl("https://example.org/page")]
    assert view.web_view.page().url() == PAGE_URL
    assert view.run_js("document.querySelector('h1').textContent") == document.review.title
