"""The app's look, light or dark or the system's, on every platform.

Qt asks the platform for the scheme (`QStyleHints.setColorScheme`, Qt 6.8). The GTK platform
theme switches (so Qt says of Windows and macOS), but a plain X11 session (the xcb platform
with no desktop theme) ignores the request and stays light: there the app switches itself,
to the Fusion style with a light or dark palette of its own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reviewdesk.ui.settings import APPEARANCE, Settings

SCHEMES: dict[str, Qt.ColorScheme] = {
    "system": Qt.ColorScheme.Unknown,
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}
FALLBACK_STYLE = "Fusion"
# While the app shows its own scheme: the style it had before (empty once restored).
_replaced_style: list[str] = []


def apply_color_scheme(name: str) -> None:
    """Show the app in `name`'s scheme ("system", "light" or "dark"; anything else is
    "system"), whether or not the platform can switch."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = QGuiApplication.styleHints()
    wanted = SCHEMES.get(name, Qt.ColorScheme.Unknown)
    if wanted == Qt.ColorScheme.Unknown:
        hints.unsetColorScheme()
        _restore_system_look(app)
        return
    hints.setColorScheme(wanted)
    if hints.colorScheme() == wanted:  # the platform switched, palette and all
        _restore_system_look(app)
        return
    if not _replaced_style:
        _replaced_style.append(app.style().name())
        if app.style().name().lower() != FALLBACK_STYLE.lower():
            app.setStyle(FALLBACK_STYLE)
    app.setPalette(scheme_palette(dark=wanted == Qt.ColorScheme.Dark))


def apply_chosen_color_scheme(settings: Settings) -> None:
    """The scheme chosen in Preferences; at start, before any window or question shows."""
    apply_color_scheme(str(settings.get(APPEARANCE)))


def is_dark(palette: QPalette) -> bool:
    """Whether a palette reads as dark: its window darker than its text."""
    window = palette.color(QPalette.ColorRole.Window).lightness()
    return window < palette.color(QPalette.ColorRole.WindowText).lightness()


def _restore_system_look(app: QApplication) -> None:
    if not _replaced_style:
        return
    style = _replaced_style.pop()
    if app.style().name().lower() != style.lower():
        app.setStyle(style)
    app.setPalette(QPalette())  # nothing set: the platform's (or style's) own palette again


def scheme_palette(*, dark: bool) -> QPalette:
    """The Fusion style's light or dark palette (the colours Qt's own Fusion uses when the
    platform says dark), with tooltips and visited links readable in both."""
    text = QColor(240, 240, 240) if dark else QColor(Qt.GlobalColor.black)
    window = QColor(50, 50, 50) if dark else QColor(239, 239, 239)
    base = window.darker(140) if dark else QColor(Qt.GlobalColor.white)
    highlight = QColor(48, 140, 198)
    dim = window.darker(150)
    mid = window.darker(130)
    palette = QPalette(text, window, window.lighter(150), dim, mid, text, base)
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette.setColor(role.Midlight, mid.lighter(110))
    palette.setColor(role.Button, window)
    palette.setColor(role.Shadow, dim.darker(135))
    palette.setColor(role.AlternateBase, base.lighter(125) if dark else window.lighter(103))
    palette.setColor(role.ToolTipBase, window.lighter(130) if dark else QColor(255, 255, 220))
    palette.setColor(role.ToolTipText, text)
    palette.setColor(role.Highlight, highlight)
    palette.setColor(role.Accent, highlight)
    palette.setColor(role.HighlightedText, text if dark else QColor(Qt.GlobalColor.white))
    palette.setColor(role.Link, highlight.lighter(130) if dark else QColor(0, 0, 255))
    palette.setColor(role.LinkVisited, QColor(190, 140, 230) if dark else QColor(128, 0, 128))
    placeholder = QColor(text)
    placeholder.setAlpha(128)
    palette.setColor(role.PlaceholderText, placeholder)
    disabled = QColor(130, 130, 130) if dark else QColor(190, 190, 190)
    for each in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(group.Disabled, each, disabled)
    palette.setColor(group.Disabled, role.Base, window)
    palette.setColor(group.Disabled, role.Highlight, QColor(145, 145, 145))
    return palette
