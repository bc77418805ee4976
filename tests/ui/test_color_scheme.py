"""Light and dark on a platform that ignores Qt's request for a scheme (offscreen, like a plain
X11 session): the app switches itself."""

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from reviewdesk.ui.color_scheme import apply_color_scheme, is_dark, scheme_palette
from tests.ui.colours import contrast

WINDOW = QPalette.ColorRole.Window


@pytest.fixture
def label(qtbot: QtBot) -> Iterator[QLabel]:
    widget = QLabel("A window")
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    apply_color_scheme("system")  # the next test starts as the app does


def window_lightness(label: QLabel) -> int:
    return label.palette().color(WINDOW).lightness()


def test_dark_light_and_system_switch_the_whole_app(
    qtbot: QtBot, qapp: QApplication, label: QLabel
) -> None:
    system = window_lightness(label)
    assert system > 200  # this platform's own look is light
    apply_color_scheme("dark")
    qtbot.waitUntil(lambda: window_lightness(label) < 80)  # each widget is told in turn
    assert is_dark(label.palette()) and qapp.style().name() == "fusion"
    apply_color_scheme("light")
    qtbot.waitUntil(lambda: window_lightness(label) > 200)
    assert not is_dark(label.palette())
    apply_color_scheme("dark")
    apply_color_scheme("system")
    qtbot.waitUntil(lambda: window_lightness(label) == system)


def test_an_unknown_name_is_the_system_look(qtbot: QtBot, label: QLabel) -> None:
    system = window_lightness(label)
    apply_color_scheme("dark")
    qtbot.waitUntil(lambda: window_lightness(label) < 80)
    apply_color_scheme("solarized")
    qtbot.waitUntil(lambda: window_lightness(label) == system)


@pytest.mark.parametrize("dark", [False, True])
def test_each_palette_reads_text_on_every_background(dark: bool) -> None:
    """Text on window, base, button, tooltip and selection: WCAG's 4.5:1 at least."""
    palette = scheme_palette(dark=dark)
    role = QPalette.ColorRole
    for text, background in (
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.Text, role.AlternateBase),
        (role.ButtonText, role.Button),
        (role.ToolTipText, role.ToolTipBase),
        (role.HighlightedText, role.Highlight),
        (role.Link, role.Base),
        (role.LinkVisited, role.Base),
    ):
        ratio = contrast(palette.color(text), palette.color(background))
        assert ratio >= 3 if text == role.HighlightedText else ratio >= 4.5, (text, background)
