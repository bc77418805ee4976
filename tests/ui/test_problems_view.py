from pathlib import Path

from pytestqt.qtbot import QtBot

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.problems_view import ProblemsView


def test_problems_follow_edits_and_name_their_field(qtbot: QtBot, sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    view = ProblemsView(document.checks)
    qtbot.addWidget(view)
    assert view.count() == 0  # the sample is ready to publish
    with qtbot.waitSignal(view.counted, timeout=5000) as counted:
        document.set("seo.description", "Too short")
    assert counted.args == [1]
    assert view.item(0).text() == "seo.description: is 9 characters; search results show 50-160"
    with qtbot.waitSignal(view.problem_activated) as activated:
        view.itemActivated.emit(view.item(0))
    (problem,) = activated.args
    assert (problem.field, problem.line) == ("seo.description", None)


def test_a_body_problem_names_its_line(qtbot: QtBot, sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    view = ProblemsView(document.checks)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.counted, timeout=5000):
        document.set("body", "Intro.\n\n![](assets/missing.png)\n")
    texts = [view.item(row).text() for row in range(view.count())]
    assert "body: image 'assets/missing.png' does not exist (line 3)" in texts


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
