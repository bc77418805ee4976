"""Every field the window can name (in a problem, an undo step) has an input to go to."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

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
