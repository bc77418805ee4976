import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QToolButton
from pytestqt.qtbot import QtBot

from reviewdesk.ui.widgets.tag_chips import CHIPS_A_TURN, TagChip, TagChips


def chips(qtbot: QtBot, tags: list[str] | None = None) -> TagChips:
    widget = TagChips()
    qtbot.addWidget(widget)
    widget.set_tags(tags or [])
    widget.show()
    with qtbot.waitActive(widget):  # focused, as when a user types: the completer needs it
        widget.activateWindow()
    widget.edit.setFocus()
    return widget


def chip_labels(widget: TagChips) -> list[str]:
    return [
        label.text()
        for label in widget.findChildren(QLabel)
        if label.text().startswith("#") and label.isVisible()
    ]


def popup_of(widget: TagChips) -> QAbstractItemView:
    popup = widget.completer.popup()
    assert popup is not None
    return popup


def offered(popup: QAbstractItemView) -> list[str]:
    model = popup.model()
    assert model is not None
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def remove_button(widget: TagChips, tag: str) -> QToolButton:
    (button,) = [
        button
        for button in widget.findChildren(QToolButton)
        if button.accessibleName() == f"Remove tag {tag}" and button.isVisible()
    ]
    return button


def test_enter_adds_the_typed_tag_trimmed(qtbot: QtBot) -> None:
    widget = chips(qtbot, ["Existing"])
    assert widget.edit.placeholderText() == "Add a tag"
    qtbot.keyClicks(widget.edit, "  Local AI ")
    with qtbot.waitSignal(widget.tags_edited) as edited:
        qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert edited.args == [["Existing", "Local AI"]]
    assert widget.tags() == ["Existing", "Local AI"]
    assert chip_labels(widget) == ["#Existing", "#Local AI"]
    assert widget.edit.text() == ""


def test_a_comma_adds_the_typed_tag(qtbot: QtBot) -> None:
    widget = chips(qtbot)
    with qtbot.waitSignal(widget.tags_edited) as edited:
        qtbot.keyClicks(widget.edit, "Benchmarks,")
    assert edited.args == [["Benchmarks"]]
    assert widget.edit.text() == ""
    with qtbot.waitSignal(widget.tags_edited) as edited:
        qtbot.keyClicks(widget.edit, " Open weights,")
    assert edited.args == [["Benchmarks", "Open weights"]]
    assert chip_labels(widget) == ["#Benchmarks", "#Open weights"]


def test_an_empty_tag_is_ignored(qtbot: QtBot) -> None:
    widget = chips(qtbot, ["One"])
    with qtbot.assertNotEmitted(widget.tags_edited):
        qtbot.keyClicks(widget.edit, "   ")
        qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
        qtbot.keyClicks(widget.edit, ",")
    assert widget.tags() == ["One"]
    assert not widget.message.isVisible()


def test_a_duplicate_ignoring_case_is_refused_with_a_message(qtbot: QtBot) -> None:
    widget = chips(qtbot, ["AI", "Hardware"])
    with qtbot.assertNotEmitted(widget.tags_edited):
        qtbot.keyClicks(widget.edit, "ai")
        qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert widget.tags() == ["AI", "Hardware"]
    assert widget.edit.text() == "ai"
    assert widget.message.isVisible()
    assert widget.message.text() == '"ai" is already a tag'
    qtbot.keyClick(widget.edit, Qt.Key.Key_Backspace)
    assert not widget.message.isVisible()
    assert widget.message.text() == ""
    widget.edit.clear()
    with qtbot.assertNotEmitted(widget.tags_edited):
        qtbot.keyClicks(widget.edit, "HARDWARE,")
    assert widget.edit.text() == "HARDWARE"
    assert widget.message.text() == '"HARDWARE" is already a tag'


def test_backspace_in_the_empty_line_edit_removes_the_last_tag(qtbot: QtBot) -> None:
    widget = chips(qtbot, ["One", "Two"])
    qtbot.keyClicks(widget.edit, "x")
    with qtbot.assertNotEmitted(widget.tags_edited):
        qtbot.keyClick(widget.edit, Qt.Key.Key_Backspace)  # only erases the "x"
    with qtbot.waitSignal(widget.tags_edited) as edited:
        qtbot.keyClick(widget.edit, Qt.Key.Key_Backspace)
    assert edited.args == [["One"]]
    assert chip_labels(widget) == ["#One"]


def test_clicking_a_chips_remove_button_removes_it(qtbot: QtBot) -> None:
    widget = chips(qtbot, ["One", "Two", "Three"])
    with qtbot.waitSignal(widget.tags_edited) as edited:
        qtbot.mouseClick(remove_button(widget, "Two"), Qt.MouseButton.LeftButton)
    assert edited.args == [["One", "Three"]]
    assert chip_labels(widget) == ["#One", "#Three"]
    with qtbot.waitSignal(widget.tags_edited) as edited:
        qtbot.mouseClick(remove_button(widget, "One"), Qt.MouseButton.LeftButton)
    assert edited.args == [["Three"]]


def test_removing_one_of_two_equal_chips_keeps_the_other(qtbot: QtBot) -> None:
    """Tags are unique, badges may repeat (a hand-written file): a chip goes by its place."""
    widget = TagChips(noun="badge", prefix="")
    qtbot.addWidget(widget)
    widget.set_tags(["NEW", "HOT", "NEW"])
    widget.show()
    with qtbot.waitSignal(widget.tags_edited) as edited:
        qtbot.mouseClick(widget.findChildren(TagChip)[2].remove, Qt.MouseButton.LeftButton)
    assert edited.args == [["NEW", "HOT"]]
    widget.set_tags(["NEW", "HOT", "NEW"])
    with qtbot.waitSignal(widget.tags_edited) as edited:
        qtbot.mouseClick(widget.findChildren(TagChip)[0].remove, Qt.MouseButton.LeftButton)
    assert edited.args == [["HOT", "NEW"]]
    assert [chip.label.text() for chip in widget.findChildren(TagChip)[:2]] == ["HOT", "NEW"]


# The offscreen platform's stubs for what a completer's popup asks of a real window system.
popup_stubs = pytest.mark.qt_log_ignore(
    "This plugin does not support raise\\(\\)",
    "This plugin does not support grabbing the keyboard",
    extend=True,
)


@popup_stubs
def test_completion_offers_sibling_tags_and_choosing_one_adds_it(qtbot: QtBot) -> None:
    widget = chips(qtbot, ["Example Labs"])
    widget.set_completions(["Example Labs", "Multimodal AI", "Open weights"])
    popup = popup_of(widget)
    qtbot.keyClicks(widget.edit, "mult")
    qtbot.waitUntil(popup.isVisible)
    assert offered(popup) == ["Multimodal AI"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    with qtbot.waitSignal(widget.tags_edited) as edited:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edited.args == [["Example Labs", "Multimodal AI"]]
    assert widget.edit.text() == ""
    assert not widget.message.isVisible()


@popup_stubs
def test_enter_or_a_comma_with_the_popup_open_adds_what_was_typed(qtbot: QtBot) -> None:
    widget = chips(qtbot)
    widget.set_completions(["Multimodal AI"])
    popup = popup_of(widget)
    qtbot.keyClicks(widget.edit, "Multi")
    qtbot.waitUntil(popup.isVisible)
    with qtbot.waitSignal(widget.tags_edited) as edited:
        qtbot.keyClick(popup, Qt.Key.Key_Return)  # nothing chosen in the popup
    assert edited.args == [["Multi"]]
    assert widget.edit.text() == ""
    qtbot.keyClicks(widget.edit, "Mul")
    qtbot.waitUntil(popup.isVisible)
    with qtbot.waitSignal(widget.tags_edited) as edited:
        qtbot.keyClicks(popup, "t,")
    assert edited.args == [["Multi", "Mult"]]
    assert widget.edit.text() == ""
    assert not widget.message.isVisible()


@popup_stubs
def test_tags_already_present_are_not_offered(qtbot: QtBot) -> None:
    widget = chips(qtbot, ["example labs"])
    widget.set_completions(["Example Labs", "Exa"])
    popup = popup_of(widget)
    qtbot.keyClicks(widget.edit, "exa")
    qtbot.waitUntil(popup.isVisible)
    assert offered(popup) == ["Exa"]


def test_chips_wrap_like_words_when_narrow(qtbot: QtBot) -> None:
    widget = chips(qtbot, [f"Tag number {index}" for index in range(8)])
    widget.resize(900, widget.heightForWidth(900))
    qtbot.waitUntil(lambda: widget.edit.y() > 0)  # the line edit follows the last chip
    wide_height = widget.heightForWidth(900)
    narrow_height = widget.heightForWidth(200)
    assert narrow_height > wide_height
    widget.resize(200, narrow_height)
    shown = widget.findChildren(TagChip)
    qtbot.waitUntil(lambda: len({chip.y() for chip in shown}) >= 4)
    assert all(chip.geometry().right() < 200 for chip in shown)


def test_set_tags_refreshes_without_emitting(qtbot: QtBot) -> None:
    widget = chips(qtbot, ["One"])
    with qtbot.assertNotEmitted(widget.tags_edited):
        widget.set_tags(["Two", "Three"])
        widget.set_tags(["Two", "Three"])
    assert widget.tags() == ["Two", "Three"]
    assert chip_labels(widget) == ["#Two", "#Three"]


def test_a_noun_and_prefix_make_other_chips(qtbot: QtBot) -> None:
    widget = TagChips(noun="badge", prefix="")
    qtbot.addWidget(widget)
    widget.set_tags(["NEW"])
    (chip,) = widget.findChildren(TagChip)
    assert (chip.label.text(), chip.accessibleName()) == ("NEW", "Badge NEW")
    assert chip.remove.accessibleName() == "Remove badge NEW"
    assert widget.edit.placeholderText() == "Add a badge"
    qtbot.keyClicks(widget.edit, "new,")
    assert widget.message.text() == '"new" is already a badge'


def test_chips_are_relabelled_not_made_anew(qtbot: QtBot) -> None:
    """PySide leaks references to None with each widget made and destroyed: a long session
    of tag edits must not make a widget per tag per edit."""
    widget = chips(qtbot, ["One", "Two", "Three"])
    kept = widget.findChildren(TagChip)
    qtbot.mouseClick(remove_button(widget, "One"), Qt.MouseButton.LeftButton)
    assert chip_labels(widget) == ["#Two", "#Three"]
    widget.set_tags(["Two", "Three", "Four"])
    assert chip_labels(widget) == ["#Two", "#Three", "#Four"]
    shown = [chip for chip in widget.findChildren(TagChip) if chip.isVisible()]
    assert shown[:2] == kept[:2]  # one chip removed, one added, the others relabelled
    assert remove_button(widget, "Two").toolTip() == "Remove tag Two"
    assert kept[0].accessibleName() == "Tag Two"


def test_the_models_limits_are_said_as_a_tag_is_refused(qtbot: QtBot) -> None:
    widget = TagChips(max_items=3, max_length=10)
    qtbot.addWidget(widget)
    widget.set_tags(["One", "Two"])
    with qtbot.assertNotEmitted(widget.tags_edited):
        qtbot.keyClicks(widget.edit, "Eleven long")
        qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert widget.message.text() == "A tag has at most 10 characters"
    assert widget.edit.text() == "Eleven long"  # kept to be shortened
    widget.edit.clear()
    with qtbot.waitSignal(widget.tags_edited):
        qtbot.keyClicks(widget.edit, "Three, Four,")  # pasted: the third fits, not the fourth
    assert widget.tags() == ["One", "Two", "Three"]
    assert widget.edit.text() == "Four"
    assert widget.message.text() == "A review has at most 3 tags"


def test_the_height_for_a_width_follows_the_tags(qtbot: QtBot) -> None:
    """The flow layout remembers heights for widths (a thousand tags took 0.3 s to lay out
    when shown), and forgets them when a chip is added, removed or relabelled (which Qt
    lays out from the event loop)."""
    widget = chips(qtbot, ["One"])
    one_row = widget.heightForWidth(300)
    widget.set_tags([f"Tag number {index}" for index in range(12)])
    qtbot.waitUntil(lambda: widget.heightForWidth(300) > one_row)
    rows = widget.heightForWidth(300)
    widget.set_tags(["One", "x" * 40])
    qtbot.waitUntil(lambda: one_row < widget.heightForWidth(300) < rows)
    widget.set_tags(["One", "x"])
    qtbot.waitUntil(lambda: widget.heightForWidth(300) == one_row)

    many = TagChips()
    qtbot.addWidget(many)
    many.set_tags([f"{index:04} {'x' * 95}" for index in range(1000)])
    started = time.perf_counter()
    for _ in range(50):  # as Qt asks while laying out a window
        for width in (300, 600, 900):
            many.heightForWidth(width)
    assert time.perf_counter() - started < 0.5  # each a whole layout before: 1.6 s


def test_a_thousand_tags_are_made_a_turn_at_a_time_and_all_kept(qtbot: QtBot) -> None:
    # Made at once, a thousand chips held the window 160-360 ms when the Tags pane came up.
    widget = chips(qtbot)
    tags = [f"tag{number:04d}" for number in range(1000)]
    widget.set_tags(tags)
    assert widget.tags() == tags  # the review's tags at once; their chips follow
    assert len(widget.findChildren(TagChip)) == CHIPS_A_TURN
    qtbot.waitUntil(lambda: len(chip_labels(widget)) == 1000)
    assert chip_labels(widget) == [f"#{tag}" for tag in tags]
    widget.set_tags(tags[:3])  # fewer again: the rest go
    qtbot.waitUntil(lambda: len(widget.findChildren(TagChip)) == 3)
    assert chip_labels(widget) == ["#tag0000", "#tag0001", "#tag0002"]
