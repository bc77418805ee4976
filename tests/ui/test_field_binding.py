"""A text box bound to a field: the value typed in is the value as given, with the keys in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.core.model import Review
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import bind_text_edit, hint_label


def summary_box(qtbot: QtBot, folder: Path, summary: str) -> tuple[ReviewDocument, QPlainTextEdit]:
    bundle.save(Review(title="T", summary=summary), folder)
    document = ReviewDocument.open(folder)
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    bind_text_edit(document, "summary", edit, hint_label())
    edit.show()
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    return document, edit


def test_line_breaks_and_separators_stay_and_new_lines_take_the_texts_style(
    qtbot: QtBot, tmp_path: Path
) -> None:
    document, edit = summary_box(qtbot, tmp_path / "review", "One\u2028two\r\nthree")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, "four")
    assert document.review.summary == "One\u2028two\r\nthree\r\nfour"


def test_shift_enter_is_a_new_line_not_a_line_separator(qtbot: QtBot, tmp_path: Path) -> None:
    document, edit = summary_box(qtbot, tmp_path / "review", "One")
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(edit, "two")
    assert document.review.summary == "One\ntwo"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(summary=st.text(st.sampled_from("ab \u00a0\u2028\u2029\t\r\n"), max_size=12))
def test_any_value_typed_on_is_the_value_with_the_keys(
    qtbot: QtBot, tmp_path_factory: pytest.TempPathFactory, summary: str
) -> None:
    folder = tmp_path_factory.mktemp("review") / "review"
    document, edit = summary_box(qtbot, folder, summary)
    qtbot.keyClicks(edit, "x")
    assert document.review.summary == summary + "x"
