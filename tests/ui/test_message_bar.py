"""The bars across the top of the window: one line, as tall as their text, in the palette's
colours, light and dark."""

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.color_scheme import scheme_palette
from reviewdesk.ui.message_bar import MessageBar
from tests.ui.colours import contrast

WINDOW_HEIGHT = 874  # the window on a 1440x900 screen, under its title bar
LONG_ERROR = (
    "Cannot reload: review.yaml:83: invalid YAML: did not find expected ',' or ']'\n"
    '  in "review.yaml", line 83, column 8\n' + "a word that goes on " * 20
)


def window_with(qtbot: QtBot, bar: MessageBar, palette: QPalette | None = None) -> QWidget:
    """The bar above a form that asks no more height than the bar does: all the window's
    spare height is shared out between them, as a layout without stretch factors does."""
    window = QWidget()
    if palette is not None:
        window.setPalette(palette)
    column = QVBoxLayout(window)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(bar)
    column.addWidget(QWidget())
    qtbot.addWidget(window)
    window.resize(1024, WINDOW_HEIGHT)
    window.show()
    return window


def margins(bar: MessageBar) -> int:
    layout = bar.layout()
    assert layout is not None
    return layout.contentsMargins().top() + layout.contentsMargins().bottom()


def one_line(bar: MessageBar) -> int:
    """A line of text or a button, whichever is taller, and the bar's margins."""
    buttons = (b.sizeHint().height() for b in bar.findChildren(QPushButton) if b.isVisible())
    return max(bar.fontMetrics().lineSpacing(), *buttons) + margins(bar)


def test_the_bar_is_one_line_whatever_the_window_height_or_the_message(qtbot: QtBot) -> None:
    bar = MessageBar("News")
    bar.add_button("D&ismiss", "Dismiss")
    window = window_with(qtbot, bar)
    bar.say(LONG_ERROR)
    qtbot.waitUntil(lambda: bar.height() == one_line(bar))  # was 406 of 874 px
    assert "\n" not in bar.message.text() and bar.message.text().startswith("Cannot reload")
    assert bar.message.height() < 2 * bar.fontMetrics().lineSpacing()
    assert bar.toolTip() == " ".join(LONG_ERROR.split())  # the whole message, on hover
    assert window.height() == WINDOW_HEIGHT


def test_a_wrapping_bar_is_as_tall_as_its_lines_and_no_taller(qtbot: QtBot) -> None:
    bar = MessageBar("Warning", wrap=True)
    window = window_with(qtbot, bar)
    bar.say("Autosave failed. " * 20)

    def as_tall_as_its_lines() -> bool:
        return bar.height() == bar.message.heightForWidth(bar.message.width()) + margins(bar)

    qtbot.waitUntil(as_tall_as_its_lines)  # once laid out at the window's width
    assert 2 * bar.fontMetrics().lineSpacing() <= bar.height() < window.height() // 8


def pale_tooltips(palette: QPalette) -> QPalette:
    """As the GTK platform theme's dark palette has it: tooltips stay pale yellow."""
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffdc"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor("black"))
    return palette


@pytest.mark.parametrize("dark", [True, False])
def test_the_bar_takes_its_colours_from_the_palette(qtbot: QtBot, dark: bool) -> None:
    palette = pale_tooltips(scheme_palette(dark=dark))
    bar = MessageBar("News")
    window = window_with(qtbot, bar, palette)
    bar.say("“body.md” changed on disk.")
    qtbot.waitUntil(lambda: bar.height() > 0)
    shot = bar.grab().toImage()
    background = shot.pixelColor(shot.width() - 2, 2)  # right of the text, above the line
    assert window.isVisible()
    colour = palette.color(QPalette.ColorRole.Window)
    assert abs(background.lightness() - colour.lightness()) < 40  # a tint of the window
    assert (background.lightness() < 100) == dark
    text = bar.message.palette().color(bar.message.foregroundRole())
    assert contrast(text, background) >= 4.5
