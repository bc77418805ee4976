from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reviewdesk.core.problems import Problem
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_labels import SEPARATOR
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.hero_pane import HeroPane
from reviewdesk.ui.problems_view import ProblemsView
from reviewdesk.ui.settings import Settings


def labelled(text: str) -> str:
    """`text` with " > " as the list writes it (U+203A)."""
    return text.replace(" > ", SEPARATOR)


def test_problems_follow_edits_and_name_their_field(qtbot: QtBot, sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    view = ProblemsView(document.checks)
    qtbot.addWidget(view)
    assert view.count() == 0  # the sample is ready to publish
    with qtbot.waitSignal(view.counted, timeout=5000) as counted:
        document.set("seo.description", "Too short")
    assert counted.args == [1]
    # Named as the form labels it, not `seo.description`.
    assert view.item(0).text() == labelled(
        "SEO > Description: is 9 characters; search results show 50-160"
    )
    assert "seo.description" in view.item(0).toolTip()  # the file, and the key in it


def test_a_problem_names_its_field_as_the_form_does(qtbot: QtBot, sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    view = ProblemsView(document.checks)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.counted, timeout=5000):
        document.set("hero.alt", "", merge=False)
        document.set("cons", ["Slow", "Loud", "slow"], merge=False)
    texts = [view.item(row).text() for row in range(view.count())]
    assert (
        labelled("Hero > Alt text: is missing; describe the image for readers who cannot see it")
        in texts
    )
    assert labelled("Pros & cons > Cons > item 3: repeats 'slow'") in texts  # fmt: skip


def test_a_body_problem_names_its_line(qtbot: QtBot, sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    view = ProblemsView(document.checks)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.counted, timeout=5000):
        document.set("body", "Intro.\n\n![](assets/missing.png)\n")
    texts = [view.item(row).text() for row in range(view.count())]
    assert "Body: image 'assets/missing.png' does not exist (line 3)" in texts


def test_a_long_problem_wraps_to_the_width_of_the_list(qtbot: QtBot, sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    view = ProblemsView(document.checks)
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    with qtbot.waitSignal(view.counted, timeout=5000):
        document.set("seo.description", "Too short")
    one_line = view.fontMetrics().height()
    assert view.visualItemRect(view.item(0)).height() > 2 * one_line  # wrapped, not cut off
    assert view.horizontalScrollBar().maximum() == 0


@pytest.fixture
def window(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    # A modal question offscreen would wait forever: answer "discard".
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    document = ReviewDocument.open(sample_bundle)
    main = MainWindow(document, Settings(str(tmp_path / "settings.ini")))
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.preview.ready, timeout=30_000):
        main.show()
    yield main
    document.undo_stack.setClean()  # nothing to ask when the test closes it


def hero_alt_problem(qtbot: QtBot, window: MainWindow) -> tuple[int, list[Problem]]:
    """A missing alt text listed, the Metadata pane up; its row, and the problems picked."""
    view = window.problems
    with qtbot.waitSignal(view.counted, timeout=5000):
        window.document.set("hero.alt", "", merge=False)
    window.show_field("title")
    picked: list[Problem] = []
    view.problem_activated.connect(picked.append)
    texts = [view.item(row).text() for row in range(view.count())]
    row = next(row for row, text in enumerate(texts) if text.startswith(labelled("Hero > Alt")))
    qtbot.waitUntil(lambda: view.visualItemRect(view.item(row)).height() > 0)
    return row, picked


def hero_alt(window: MainWindow) -> object:
    hero = window.findChild(HeroPane)
    assert hero is not None
    return hero.alt


def test_one_click_on_a_problem_goes_to_its_field(qtbot: QtBot, window: MainWindow) -> None:
    row, picked = hero_alt_problem(qtbot, window)
    view = window.problems
    where = view.visualItemRect(view.item(row)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: window.focusWidget() is hero_alt(window))  # a double click before
    assert window.panes.tabText(window.panes.currentIndex()) == "Hero"
    assert [problem.field for problem in picked] == ["hero.alt"]


def test_a_double_click_goes_there_once(qtbot: QtBot, window: MainWindow) -> None:
    row, picked = hero_alt_problem(qtbot, window)
    view = window.problems
    where = view.visualItemRect(view.item(row)).center()
    # As Qt delivers a double click: QTest's mouseDClick alone sends only the last event.
    left, viewport = Qt.MouseButton.LeftButton, view.viewport()
    qtbot.mouseClick(viewport, left, pos=where)
    qtbot.mousePress(viewport, left, pos=where)
    qtbot.mouseDClick(viewport, left, pos=where)
    qtbot.mouseRelease(viewport, left, pos=where)
    qtbot.waitUntil(lambda: window.focusWidget() is hero_alt(window))
    assert [problem.field for problem in picked] == ["hero.alt"]


def test_enter_on_a_problem_goes_to_its_field(qtbot: QtBot, window: MainWindow) -> None:
    row, picked = hero_alt_problem(qtbot, window)
    view = window.problems
    view.setFocus()
    view.setCurrentRow(row)
    assert picked == []  # moving through the list stays in it
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.focusWidget() is hero_alt(window))
    assert [problem.field for problem in picked] == ["hero.alt"]
