"""Every field the window can name (in a problem, an undo step) has an input to go to."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.core.model import Offer, Score
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.field_labels import FORM_LABELS
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings


@pytest.fixture
def window(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    main = MainWindow(ReviewDocument.open(sample_bundle), Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(main)
    main.show()
    return main


def field_of(widget: QWidget | None) -> str:
    while widget is not None and widget.property(FIELD_PROPERTY) is None:
        widget = widget.parentWidget()
    return "" if widget is None else str(widget.property(FIELD_PROPERTY))


@pytest.mark.parametrize("path", [p.replace("*", "0") for p in FORM_LABELS])
def test_going_to_a_field_focuses_its_input(window: MainWindow, path: str) -> None:
    window.focus_field(path)
    focused = window.focusWidget()
    assert (
        window.panes.tabText(window.panes.currentIndex()).replace("&&", "&")
        == (FORM_LABELS[path.replace("0", "*") if path not in FORM_LABELS else path][0])
    )
    assert focused is not None and window.panes.currentWidget().isAncestorOf(focused)
    if path == "body":
        assert focused is window.body.editor.plain_text_edit
        return
    named = field_of(focused)
    top = path.partition(".")[0]
    assert named and (path == named or path.startswith(f"{named}.") or named.startswith(top))


def test_a_problem_in_a_row_focuses_that_rows_input(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    review = bundle.load(sample_bundle)
    long_ago = date.today() - timedelta(days=90)
    blocks = {
        "scores": [Score(name="Speed", value=4), Score(name="Privacy", value=7)],
        "offers": [
            Offer(seller="Shop", url="https://example.org/a"),
            Offer(seller="Store", url="https://example.org/b", checked=long_ago, sponsored=True),
        ],
        "disclosure": "",  # the sample has one: a sponsored offer without it is a problem
    }
    bundle.save(review.model_copy(update=blocks), sample_bundle)
    main = MainWindow(ReviewDocument.open(sample_bundle), Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(main)
    main.show()
    main.document.checks.run()
    found = {problem.field: problem for problem in main.document.checks.problems}
    assert {"scores.1.value", "offers.1.checked", "disclosure"} <= set(found)
    for field, label in (
        ("scores.1.value", "Value of score 2"),
        ("offers.1.checked", "Checked of offer 2"),
        ("disclosure", "Disclosure"),
    ):
        main.show_problem(found[field])
        focused = main.focusWidget()
        assert focused is not None and focused.accessibleName() == label, field
        assert field_of(focused) == field
