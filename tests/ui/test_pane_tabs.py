"""The form's panes are made when their tab is first shown: a window opens with the one the
writer sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.pane_tabs import PaneTabs
from reviewdesk.ui.panes.metadata_pane import MetadataPane
from reviewdesk.ui.panes.seo_pane import SeoPane
from reviewdesk.ui.panes.specs_pane import SpecsPane
from reviewdesk.ui.panes.tags_pane import TagsPane
from reviewdesk.ui.settings import Settings


@pytest.fixture
def window(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    window = MainWindow(ReviewDocument.open(sample_bundle), Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_window_opens_with_the_pane_shown_and_the_body_alone(window: MainWindow) -> None:
    assert window.findChild(MetadataPane) is not None
    assert window.findChild(SeoPane) is None and window.findChild(SpecsPane) is None
    made = [window.panes.made(i) for i in range(window.panes.count())]
    assert made == [i in (0, 4) for i in range(window.panes.count())]  # Metadata, Body


def test_clicking_a_tab_makes_its_pane_with_the_reviews_values(
    qtbot: QtBot, window: MainWindow
) -> None:
    bar = window.panes.findChild(QTabBar)
    assert bar is not None
    seo_tab = next(i for i in range(bar.count()) if bar.tabText(i) == "SEO")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(seo_tab).center())
    seo, shown = window.findChild(SeoPane), window.document.review.seo
    assert seo is not None and seo.isVisible() and shown is not None
    assert seo.description.toPlainText() == shown.description
    qtbot.keyClick(seo.description, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(seo.description, " More.")
    typed = window.document.review.seo
    assert typed is not None and typed.description == f"{shown.description} More."


def test_going_to_a_field_of_a_pane_not_made_focuses_its_input(window: MainWindow) -> None:
    window.focus_field("specs.1.value")
    focused = window.focusWidget()
    assert focused is not None and focused.property(FIELD_PROPERTY) == "specs.1.value"
    assert focused.isVisible()


def test_a_pane_is_made_once(qtbot: QtBot) -> None:
    made: list[QWidget] = []

    def make() -> QWidget:
        made.append(QLabel("made"))
        return made[-1]

    tabs = PaneTabs()
    qtbot.addWidget(tabs)
    tabs.add_pane("First", QLabel("first"))
    tabs.add_pane("Second", make)
    assert made == []
    for index in (1, 0, 1):
        tabs.setCurrentIndex(index)
    tabs.make(1)
    assert len(made) == 1 and tabs.made(1)


def test_ctrl_tab_to_a_pane_not_made_lets_the_writer_type_in_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    # The tags typed after Ctrl+Tab from the deck were lost: the focus was left on the empty
    # page the pane was then made in.
    metadata = window.findChild(MetadataPane)
    assert metadata is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    metadata.subtitle.setFocus()
    qtbot.keyClick(metadata.subtitle, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.panes.tabText(window.panes.currentIndex()) == "Tags"
    tags = window.findChild(TagsPane)
    focused = window.focusWidget()
    assert tags is not None and focused is tags.chips.edit
    qtbot.keyClicks(focused, "wireless")
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "wireless" in window.document.review.tags)


@pytest.mark.parametrize("size", [(1024, 700), (1440, 900)])
def test_every_tab_is_in_view_with_its_title_level(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    # Across the top, the twelve tabs ran past the form's edge into scroll arrows.
    window.resize(*size)
    bar = window.panes.tabBar()
    qtbot.waitUntil(lambda: window.width() == size[0])
    assert bar.count() == 12
    for index in range(bar.count()):
        rect = bar.tabRect(index)
        assert bar.rect().contains(rect), bar.tabText(index)
        assert rect.width() > rect.height()  # a level title, not one turned on its side
        assert rect.width() >= bar.fontMetrics().horizontalAdvance(bar.tabText(index))
