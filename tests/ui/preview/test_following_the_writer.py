"""The preview keeps what the writer edits in view, in the assembled window driven by mouse and
keys: an empty field's pane shows where its section will appear, a paragraph typed at the end
of the body stays in sight as it grows, a body problem jumped to shows its line, and a
device's width wider than the pane is zoomed to fit it."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core.exports import html
from reviewdesk.core.layout import LayoutOptions
from reviewdesk.core.model import Review
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import PANE_FIELDS, MainWindow
from reviewdesk.ui.panes.lists_pane import ListsPane
from reviewdesk.ui.panes.summary_pane import SummaryPane
from reviewdesk.ui.preview.dom_patch import MARGIN, SECTION_ORDER
from reviewdesk.ui.settings import Settings
from tests.review_blocks import with_blocks

# [top, bottom, height of the view] of an element, or of where a missing one will appear.
BOX = "((e) => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; })"
LAST_BODY_BLOCK = "[...document.querySelectorAll('[data-field=body] > *')].at(-1)"


@pytest.fixture
def window(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    main = MainWindow(ReviewDocument.open(sample_bundle), Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(main)
    main.resize(1440, 900)  # as the writer had it
    with qtbot.waitSignal(main.preview.ready, timeout=30_000):
        main.show()
    yield main
    main.document.undo_stack.setClean()  # nothing to ask when the test closes it


def box(window: MainWindow, element: str) -> tuple[float, float, float]:
    top, bottom, height = window.preview.run_js(f"{BOX}({element})")
    return top, bottom, height


def comfortably_in_view(window: MainWindow, element: str) -> bool:
    """All of it in the view, above the margin kept free at the bottom (one pixel of slack
    for rounding)."""
    top, bottom, height = box(window, element)
    return top >= -1 and bottom <= height * (1 - MARGIN) + 1


def scroll_to(qtbot: QtBot, window: MainWindow, y: str) -> None:
    """Scroll the preview as the reader would, to the page's `y` (a script's value)."""
    window.preview.run_js(f"window.scrollTo(0, {y})")
    most = "document.documentElement.scrollHeight - innerHeight"
    wanted = window.preview.run_js(f"Math.max(0, Math.min({y}, {most}))")
    qtbot.waitUntil(lambda: abs(window.preview.run_js("scrollY") - wanted) <= 1)


def click(widget: QWidget, at: QPoint | None = None) -> None:
    """A left click at `at`, or in the middle of `widget`."""
    QTest.mouseClick(
        widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at or QPoint()
    )


def click_tab(window: MainWindow, title: str) -> None:
    tabs = window.panes.tabBar()
    (index,) = [i for i in range(tabs.count()) if tabs.tabText(i) == title]
    click(tabs, tabs.tabRect(index).center())
    assert window.panes.currentIndex() == index


def type_keys(text: str) -> None:
    """Type `text` as a keyboard does: each key to the widget in focus then."""
    for char in text:
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClicks(focused, char)


def empty(window: MainWindow, qtbot: QtBot, *fields: str) -> None:
    for field in fields:
        value: object = "" if field == "summary" else []
        with qtbot.waitSignal(window.preview.rendered, timeout=10_000):
            window.document.set(field, value, merge=False)
        assert window.preview.run_js(f"document.querySelector('[data-field={field}]')") is None


# --- an empty field's place --------------------------------------------------------------------


def test_the_layout_places_sections_in_the_order_the_preview_knows(sample_bundle: Path) -> None:
    """Where an empty section will appear is read from SECTION_ORDER: it must be the
    layout's own order (the sample, with the review blocks, fills every section)."""
    review = with_blocks(ReviewDocument.open(sample_bundle).review)
    page = html.render(review, LayoutOptions())
    shown = [field for field in SECTION_ORDER if f'data-field="{field}"' in page]
    assert shown == list(SECTION_ORDER)
    assert sorted(SECTION_ORDER, key=lambda field: page.index(f'data-field="{field}"')) == list(
        SECTION_ORDER
    )
    assert set(SECTION_ORDER) <= set(Review.model_fields)


def test_entering_the_summary_pane_of_an_empty_summary_shows_where_it_will_appear(
    qtbot: QtBot, window: MainWindow
) -> None:
    empty(window, qtbot, "summary")
    scroll_to(qtbot, window, "document.documentElement.scrollHeight")  # reading the end
    click_tab(window, "Summary")
    # The summary goes between the hero and the body: both edges of its place are in view.
    hero, body = "document.querySelector('#review-hero')", "document.querySelector('#review-body')"
    qtbot.waitUntil(lambda: 0 <= box(window, hero)[1] <= box(window, hero)[2] * (1 - MARGIN))
    assert 0 <= box(window, body)[0] < box(window, body)[2]

    pane = window.findChild(SummaryPane)
    assert pane is not None
    click(pane.summary.viewport())
    QTest.keyClicks(pane.summary, "A small model worth keeping local, for writers and coders.")
    summary = "document.querySelector('#review-summary')"
    qtbot.waitUntil(lambda: window.preview.run_js(f"!!{summary}"))
    qtbot.waitUntil(lambda: comfortably_in_view(window, summary))


def test_entering_pros_and_cons_with_none_shows_where_they_will_appear(
    qtbot: QtBot, window: MainWindow
) -> None:
    empty(window, qtbot, "pros", "cons", "scores")  # the scores come between body and pros
    scroll_to(qtbot, window, "0")  # reading the title
    click_tab(window, "Pros && cons")
    assert PANE_FIELDS[window.panes.currentIndex()][0] == "pros"
    # They go after the body: its end is in view, with room below it.
    body = "document.querySelector('#review-body')"
    qtbot.waitUntil(lambda: 0 <= box(window, body)[1] <= box(window, body)[2] * (1 - MARGIN))

    pros = next(p for p in window.findChildren(ListsPane) if "pros" in p.editors)
    pros_list = pros.editors["pros"].list_widget
    click(pros_list.viewport(), QPoint(40, 12))
    type_keys("Runs on a laptop")
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, Qt.Key.Key_Return)
    section = "document.querySelector('#review-pros')"
    qtbot.waitUntil(lambda: window.preview.run_js(f"!!{section}"), timeout=10_000)
    qtbot.waitUntil(lambda: comfortably_in_view(window, section))


# --- the body ------------------------------------------------------------------------------------


def test_a_new_paragraph_at_the_end_of_the_body_stays_in_view_as_it_grows(
    qtbot: QtBot, window: MainWindow
) -> None:
    click_tab(window, "Body")
    edit = window.body.editor.plain_text_edit
    click(edit.viewport())
    QTest.keyClick(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: comfortably_in_view(window, LAST_BODY_BLOCK))  # the cursor's
    # The writer reads back with the end of the body low in the view, its last paragraph
    # starting at 70% of the view's height, then starts a new paragraph.
    last_at_70 = f"scrollY + {LAST_BODY_BLOCK}.getBoundingClientRect().top - innerHeight * 0.7"
    scroll_to(qtbot, window, last_at_70)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClicks(edit, "One more thing: the model")
    typed = f"{LAST_BODY_BLOCK}.textContent"
    qtbot.waitUntil(lambda: window.preview.run_js(typed) == "One more thing: the model")
    qtbot.waitUntil(lambda: comfortably_in_view(window, LAST_BODY_BLOCK))

    # The paragraph grows taller than the view's free room: its end, where the words go in,
    # stays in view above the margin.
    sentence = " keeps its promises on an ordinary laptop, and it says so when it does not know."

    def sentences_shown() -> int:
        return int(window.preview.run_js(typed).count("not know."))

    for times in range(1, 21):
        QTest.keyClicks(edit, sentence)
        qtbot.waitUntil(lambda: sentences_shown() == times)  # noqa: B023 (waited for here)
    top, bottom, height = box(window, LAST_BODY_BLOCK)
    assert bottom - top > height * (1 - 2 * MARGIN)  # taller than the room
    qtbot.waitUntil(lambda: height * MARGIN <= box(window, LAST_BODY_BLOCK)[1])
    qtbot.waitUntil(lambda: box(window, LAST_BODY_BLOCK)[1] <= height * (1 - MARGIN) + 1)


def test_jumping_to_a_body_problem_shows_its_line(qtbot: QtBot, window: MainWindow) -> None:
    """The writer put an image without alt text on a line of the body, went on in another
    pane, then picks the problem: the body's cursor is still on that line."""
    click_tab(window, "Body")
    edit = window.body.editor.plain_text_edit
    click(edit.viewport())
    line = next(i for i, text in enumerate(edit.toPlainText().split("\n")) if "](assets/" in text)
    window.body.editor.go_to_line(line + 1)
    QTest.keyClick(edit, Qt.Key.Key_Home)
    QTest.keyClicks(edit, "![](assets/chart.png) ")  # a second image, with no alt text
    image = "document.querySelector('#review-body img[alt=\"\"]')"
    qtbot.waitUntil(lambda: window.preview.run_js(f"!!{image}"))
    click_tab(window, "Metadata")
    qtbot.waitUntil(lambda: box(window, "document.querySelector('h1')")[0] >= 0)
    assert not comfortably_in_view(window, image)

    problems = window.problems
    qtbot.waitUntil(lambda: any("no alt text" in problems.item(i).text()
                                for i in range(problems.count())))  # fmt: skip
    (row,) = [i for i in range(problems.count()) if "no alt text" in problems.item(i).text()]
    click(problems.viewport(), problems.visualItemRect(problems.item(row)).center())
    QTest.keyClick(problems, Qt.Key.Key_Return)
    assert window.panes.currentWidget() is window.body
    assert edit.textCursor().blockNumber() == line
    qtbot.waitUntil(lambda: comfortably_in_view(window, image))


# --- width ---------------------------------------------------------------------------------------


def width_action(window: MainWindow, text: str) -> QAction:
    (view,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&View"]
    assert isinstance(view, QMenu)
    (widths,) = [a.menu() for a in view.actions() if a.text() == "Preview &width"]
    assert isinstance(widths, QMenu)
    (action,) = [a for a in widths.actions() if a.text() == text]
    return action


def test_the_desktop_width_is_zoomed_to_fit_the_pane_without_a_sideways_scroll(
    qtbot: QtBot, window: MainWindow
) -> None:
    preview = window.preview
    sideways = next(a for a in preview.findChildren(QScrollArea)).horizontalScrollBar()
    width_action(window, "Desktop (1280)").trigger()
    pane = preview.width()
    assert pane < 1280
    qtbot.waitUntil(lambda: preview.run_js("innerWidth") == 1280)  # the desktop's layout
    assert preview.web_view.zoomFactor() == pytest.approx(pane / 1280, abs=0.002)
    assert preview.web_view.width() == pane
    assert sideways.maximum() == 0
    assert preview.run_js("document.documentElement.scrollWidth") <= 1280  # none in the page

    sizes = window.splitter.sizes()  # the writer drags the splitter: the zoom follows
    window.splitter.setSizes([sizes[0] + 150, sizes[1] - 150])
    qtbot.waitUntil(lambda: preview.width() == pane - 150)
    assert preview.web_view.zoomFactor() == pytest.approx((pane - 150) / 1280, abs=0.002)
    qtbot.waitUntil(lambda: preview.run_js("innerWidth") == 1280)
    assert sideways.maximum() == 0

    width_action(window, "Fit").trigger()
    qtbot.waitUntil(lambda: preview.run_js("innerWidth") == preview.width())
    assert preview.web_view.zoomFactor() == 1.0
