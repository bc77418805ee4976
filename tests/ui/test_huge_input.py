"""Huge input does not freeze the window: a review past the field limits is refused with one
line naming file, line and field, and an empty review opens at once; one at the limits opens
at once and refuses one more; a body of 50,000 nested <div> is parsed only off the UI thread
and the window answers while the preview renders it. The aims are the issue's, usable within
2 s and no stall over 200 ms; a stall here is the UI thread's own CPU time between two
heartbeats, which a machine running other suites at once does not stretch (the wall-clock gap
did: 349 ms for 150 ms of work, in a CI run), bounded with half as much again (measured here:
7-130 ms offscreen; bench/huge_input.py on Xvfb: 168-171 ms at worst, for the nested <div>).
The Offers tab of 1,000 offers is shown and typed in while its rows are made (bench/row_panes.py:
about 100 ms at worst offscreen, a full collection of Python's included)."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import markdown
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from bench.huge_input import CASES, Heartbeat, typed_field, write_case
from reviewdesk.core import limits
from reviewdesk.ui import app
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.offers_pane import OffersPane
from reviewdesk.ui.panes.scores_pane import ScoresPane
from reviewdesk.ui.panes.tags_pane import TagsPane
from reviewdesk.ui.settings import Settings

pytestmark = pytest.mark.usefixtures("app_heap_only")  # the stalls are the app's

USABLE_MS = 2_000  # from opening to a key handled
STALL_MS = 300  # the UI thread busy without a break, once shown: the aim is 200 ms
FROZEN_MS = 1_500  # a gap in wall-clock time: a machine under load stretches the busy time
KEY_EVERY_MS = 80
REFUSED = {
    "tags": "review.yaml:3: tags: has 100,000 tags; the limit is 1,000",
    "title": "review.yaml:2: title: is 999,999 characters long; the limit is 1,000",
}


class Opened:
    """The app's window on a case, opened as the app opens it, with a heartbeat from the
    moment it starts opening, and what the app said in a message box."""

    def __init__(self, qtbot: QtBot, tmp_path: Path, case: str, said: list[str]) -> None:
        self.folder = write_case(tmp_path / "case", case)
        self.heart = Heartbeat()
        started = self.heart.now()
        document = app._open(self.folder, ask=False)
        self.window = MainWindow(document, Settings(str(tmp_path / "settings.ini")))
        qtbot.addWidget(self.window)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.shown = self.heart.now()
        self.field = typed_field(self.window, CASES[case].field)
        qtbot.keyClicks(self.field, "x")
        self.usable_ms = self.heart.now() - started
        self.said = said

    def type_for(self, qtbot: QtBot, keys: int) -> None:
        """A key every 80 ms, as a writer types."""
        typed = [0]

        def key() -> None:
            qtbot.keyClicks(self.field, "y")
            typed[0] += 1

        typist = QTimer(interval=KEY_EVERY_MS)
        typist.timeout.connect(key)
        typist.start()
        qtbot.waitUntil(lambda: typed[0] >= keys, timeout=keys * KEY_EVERY_MS * 20)
        typist.stop()

    def longest_stall_ms(self) -> float:
        """The most CPU time the UI thread spent without a heartbeat since the window was
        shown (in the wall-clock time of the gap, no more than FROZEN_MS)."""
        now = self.heart.now()
        assert self.heart.longest(self.shown, now) < FROZEN_MS
        return self.heart.longest_busy(self.shown, now)


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app says in warning boxes (offscreen, a modal box would wait forever)."""
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))
    # Closing with edits asks to save them: discard them.
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    return told


@pytest.mark.parametrize("case", REFUSED)
def test_an_absurd_review_is_refused_with_one_line_and_the_window_opens_at_once(
    qtbot: QtBot, tmp_path: Path, said: list[str], case: str
) -> None:
    opened = Opened(qtbot, tmp_path, case, said)
    opened.type_for(qtbot, 12)
    assert said == [f"The review could not be opened.\n\n{opened.folder}/{REFUSED[case]}"]
    assert opened.window.document.folder is None  # an empty review instead, as at a failure
    assert opened.usable_ms < USABLE_MS
    assert opened.longest_stall_ms() < STALL_MS


def test_a_review_at_the_tag_limit_opens_at_once_and_refuses_one_more(
    qtbot: QtBot, tmp_path: Path, said: list[str]
) -> None:
    opened = Opened(qtbot, tmp_path, "tags-at-limit", said)
    opened.type_for(qtbot, 12)
    assert said == []
    document = opened.window.document
    assert len(document.review.tags) == limits.TAGS
    assert opened.usable_ms < USABLE_MS
    assert opened.longest_stall_ms() < STALL_MS
    qtbot.keyClick(opened.field, Qt.Key.Key_Return)
    assert len(document.review.tags) == limits.TAGS and not document.modified
    assert opened.window.findChild(TagsPane).chips.message.text() == (  # type: ignore[union-attr]
        "A review has at most 1,000 tags"
    )


def test_a_title_at_the_limit_opens_at_once_and_refuses_one_more_character(
    qtbot: QtBot, tmp_path: Path, said: list[str]
) -> None:
    opened = Opened(qtbot, tmp_path, "title-at-limit", said)
    assert said == []
    review = opened.window.document.review
    assert len(review.title) == limits.NAME_CHARS  # the "x" typed was refused
    assert opened.field.property("invalid") is True
    assert opened.field.toolTip() == "is 1,001 characters long; the limit is 1,000"
    assert opened.usable_ms < USABLE_MS


@pytest.fixture
def markdown_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The thread of every Markdown conversion, whoever asks for it."""
    threads: list[str] = []
    convert = markdown.Markdown.convert

    def recorded(self: markdown.Markdown, source: str) -> Any:
        threads.append(threading.current_thread().name)
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", recorded)
    return threads


def test_a_body_of_50000_nested_divs_is_parsed_off_the_ui_thread_and_the_window_answers(
    qtbot: QtBot, tmp_path: Path, said: list[str], markdown_threads: list[str]
) -> None:
    opened = Opened(qtbot, tmp_path, "divs", said)
    opened.type_for(qtbot, 12)
    assert opened.usable_ms < USABLE_MS
    shown = "document.querySelector('#review-body')?.textContent.includes('After.') === true"
    # The preview may be ready already (it renders in well under a second now): wait for
    # what it shows, not for the signal. The heartbeat goes on meanwhile.
    qtbot.waitUntil(lambda: opened.window.preview.run_js(shown) is True, timeout=60_000)
    assert opened.longest_stall_ms() < STALL_MS
    assert markdown_threads and set(markdown_threads) == {"preview-render"}
    assert said == []


def test_a_review_with_every_block_at_its_limit_opens_at_once(
    qtbot: QtBot, tmp_path: Path, said: list[str]
) -> None:
    """A block's pane and its rows are made when it is first shown, not when the window opens."""
    opened = Opened(qtbot, tmp_path, "blocks-at-limit", said)
    opened.type_for(qtbot, 12)
    assert said == []
    assert len(opened.window.document.review.offers) == limits.LIST_ITEMS
    assert opened.usable_ms < USABLE_MS
    assert opened.longest_stall_ms() < STALL_MS
    assert opened.window.findChild(ScoresPane) is None
    opened.window.show_field("scores")
    scores = opened.window.findChild(ScoresPane)
    assert scores is not None and len(scores.editor.rows()) == limits.LIST_ITEMS


def _offers(window: MainWindow) -> OffersPane:
    pane = window.findChild(OffersPane)
    assert pane is not None
    return pane


def test_a_thousand_offers_show_without_holding_the_window(
    qtbot: QtBot, tmp_path: Path, said: list[str]
) -> None:
    """The Offers tab first shown on 1,000 offers shows its first rows at once and makes the
    others a slice at a time while the writer types in the first (it held the window 3-4 s:
    a row of inputs is some twenty widgets)."""
    opened = Opened(qtbot, tmp_path, "offers-at-limit", said)
    # Not within this run: the recovery copy of a review at the limits is written on the UI
    # thread (a known limit, docs/RELIABILITY.md), 3 s after the first key.
    opened.window.autosaver.delay_ms = 600_000
    opened.type_for(qtbot, 12)
    pane = _offers(opened.window)
    last = f"offers.{limits.LIST_ITEMS - 1}.seller"
    qtbot.waitUntil(
        lambda: any(w.property(FIELD_PROPERTY) == last for w in pane.findChildren(QLineEdit)),
        timeout=60_000,
    )
    assert opened.usable_ms < USABLE_MS
    assert opened.longest_stall_ms() < STALL_MS
    offers = opened.window.document.review.offers
    assert len(offers) == limits.LIST_ITEMS and re.fullmatch("xy{12,}Shop 0", offers[0].seller)
    assert said == []


def test_going_to_an_offer_not_yet_made_focuses_its_input(
    qtbot: QtBot, tmp_path: Path, said: list[str]
) -> None:
    """A problem of the 901st offer, gone to while the rows above it are still being made:
    its row is made at once, and stays in view as the others come."""
    opened = Opened(qtbot, tmp_path, "offers-at-limit", said)
    opened.window.focus_field("offers.900.url")
    focused = opened.window.focusWidget()
    assert focused is not None and focused.property(FIELD_PROPERTY) == "offers.900.url"
    assert focused.accessibleName() == "Link of offer 901"
    editor = _offers(opened.window).editor
    assert not all(row.made for row in editor.rows())  # the others are still to come
    qtbot.waitUntil(lambda: all(row.made for row in editor.rows()), timeout=60_000)
    viewport = editor.area.viewport()
    qtbot.waitUntil(lambda: viewport.rect().contains(focused.mapTo(viewport, QPoint(4, 4))))
    assert focused.hasFocus()
