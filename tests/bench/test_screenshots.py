"""scripts/screenshots names each shot after the pane it shows, for every pane of the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import tests.ui.conftest  # noqa: F401 (offscreen, and the web engine's settings before the app)
from bench.screenshots import PANES, pane_index, pane_name
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.metadata_pane import MetadataPane
from reviewdesk.ui.panes.pros_cons_pane import ProsConsPane
from reviewdesk.ui.panes.seo_pane import SeoPane
from reviewdesk.ui.settings import Settings


@pytest.fixture
def window(qtbot: QtBot, sample_bundle: Path, tmp_path: Path) -> MainWindow:
    main = MainWindow(ReviewDocument.open(sample_bundle), Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(main)
    return main


def test_every_tab_of_the_window_has_its_shot(window: MainWindow) -> None:
    tabs = [pane_name(window.panes.tabText(i)) for i in range(window.panes.count())]
    assert tabs == list(PANES)


@pytest.mark.parametrize(
    ("pane", "kind"), [("metadata", MetadataPane), ("pros-cons", ProsConsPane), ("seo", SeoPane)]
)
def test_a_shot_shows_the_pane_it_is_named_after(window: MainWindow, pane: str, kind: type) -> None:
    """By title, not position: with Scores before Pros & cons, the shot named seo would show
    Key points."""
    window.panes.setCurrentIndex(pane_index(window, pane))
    shown = window.panes.currentWidget()
    assert isinstance(shown, kind) or shown.findChildren(kind)  # some panes scroll
