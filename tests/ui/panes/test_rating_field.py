"""The rating row, driven with the mouse and keys as a writer does."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core.model import Rating
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.rating_field import RatingField
from tests.conftest import MakeBundle

UNRATED = "format: reviewdesk/1\ntitle: A review\n"


def field(qtbot: QtBot, document: ReviewDocument) -> tuple[QWidget, RatingField]:
    """The rating row in a window with another input to move the focus to."""
    window = QWidget()
    other = QLineEdit(window)
    other.setObjectName("elsewhere")
    rating = RatingField(document)
    rating.setParent(window)
    rating.move(0, 40)
    qtbot.addWidget(window)
    window.resize(600, 120)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, rating


def move_focus_away(qtbot: QtBot, window: QWidget) -> None:
    other = window.findChild(QLineEdit, "elsewhere")
    assert other is not None
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)


def row_text(rating: RatingField) -> str:
    """The row as it reads, left to right: what each of its widgets shows."""
    widgets = sorted(
        (w for w in rating.findChildren(QWidget) if w.isVisible() and w.parent() is rating),
        key=lambda w: w.x(),
    )
    words = []
    for widget in widgets:
        if isinstance(widget, QCheckBox | QLabel):
            words.append(widget.text().replace("&", ""))
        elif isinstance(widget, QComboBox):
            words.append(widget.currentText())
        elif isinstance(widget, QAbstractSpinBox):
            words.append(widget.text())
    return " ".join(word for word in words if word)


def test_ticking_rated_gives_no_verdict_until_a_value_is_typed(
    qtbot: QtBot, make_bundle: MakeBundle
) -> None:
    document = ReviewDocument.open(make_bundle(UNRATED))
    window, rating = field(qtbot, document)
    assert rating.value.text() == ""  # not "1.00", even greyed out
    qtbot.mouseClick(rating.enabled, Qt.MouseButton.LeftButton)
    assert rating.enabled.isChecked()
    assert document.review.rating is None  # it was a one-star verdict, 1 / 5
    assert document.undo_stack.count() == 0
    qtbot.waitUntil(rating.value.hasFocus)  # the value is asked for at once
    assert rating.value.isEnabled() and rating.value.text() == ""
    assert rating.value.lineEdit().placeholderText() == "1\N{EN DASH}5"
    move_focus_away(qtbot, window)  # a spin box puts its last value back on leaving
    assert (rating.value.text(), document.review.rating) == ("", None)
    rating.value.setFocus()
    qtbot.keyClicks(rating.value, "4.5")
    assert document.review.rating == Rating(value=4.5, best=5.0, worst=1.0)
    assert rating.value.text() == "4.5"
    assert document.undo_stack.count() == 1  # "4" then "4.5" typed: one step
    document.undo_stack.undo()
    assert document.review.rating is None
    assert not rating.enabled.isChecked() and rating.value.text() == ""


def test_a_value_typed_equal_to_the_lowest_is_stored(qtbot: QtBot, make_bundle: MakeBundle) -> None:
    """The empty box holds the low end of the scale inside: typing that value changes no
    value of the spin box, and must be stored all the same."""
    document = ReviewDocument.open(make_bundle(UNRATED))
    _window, rating = field(qtbot, document)
    qtbot.mouseClick(rating.enabled, Qt.MouseButton.LeftButton)
    assert document.review.rating is None
    qtbot.keyClicks(rating.value, "1")
    assert document.review.rating == Rating(value=1.0, best=5.0, worst=1.0)


def test_the_scale_can_be_chosen_before_the_value(qtbot: QtBot, make_bundle: MakeBundle) -> None:
    document = ReviewDocument.open(make_bundle(UNRATED))
    _window, rating = field(qtbot, document)
    qtbot.mouseClick(rating.enabled, Qt.MouseButton.LeftButton)
    qtbot.keyClick(rating.best, Qt.Key.Key_Down)  # 5 -> 10
    assert document.review.rating is None
    assert rating.value.lineEdit().placeholderText() == "1\N{EN DASH}10"
    rating.value.setFocus()
    qtbot.keyClicks(rating.value, "8.5")
    assert document.review.rating == Rating(value=8.5, best=10.0, worst=1.0)


def test_unticking_before_a_value_leaves_the_review_unrated(
    qtbot: QtBot, make_bundle: MakeBundle
) -> None:
    document = ReviewDocument.open(make_bundle(UNRATED))
    _window, rating = field(qtbot, document)
    qtbot.mouseClick(rating.enabled, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(rating.enabled, Qt.MouseButton.LeftButton)
    assert document.review.rating is None
    assert document.undo_stack.count() == 0
    assert not rating.value.isEnabled() and not rating.best.isEnabled()


def test_the_row_reads_as_the_page_shows_it(qtbot: QtBot, make_bundle: MakeBundle) -> None:
    document = ReviewDocument.open(make_bundle(UNRATED + "rating: {value: 4.5}\n"))
    _window, rating = field(qtbot, document)
    assert row_text(rating) == "Rated 4.5 / 5 lowest 1"  # was "Rated 4.50 out of 5 from 1"
    document.set("rating", Rating(value=4.0))
    assert rating.value.text() == "4.0"  # as the page shows it
    document.set("rating", Rating(value=8.25, best=10.0))
    assert row_text(rating) == "Rated 8.25 / 10 lowest 1"


def test_an_emptied_value_comes_back_on_leaving(qtbot: QtBot, make_bundle: MakeBundle) -> None:
    document = ReviewDocument.open(make_bundle(UNRATED + "rating: {value: 4.5}\n"))
    window, rating = field(qtbot, document)
    rating.value.setFocus()
    rating.value.selectAll()
    qtbot.keyClick(rating.value, Qt.Key.Key_Delete)
    assert document.review.rating == Rating(value=4.5)
    move_focus_away(qtbot, window)
    assert rating.value.text() == "4.5"
    assert document.review.rating == Rating(value=4.5)
