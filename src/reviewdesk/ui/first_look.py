"""The window's first look: the review's form as its review.yaml has it, shown before the models,
the checks and the preview load (some 200 ms of a start: pydantic and the window's parts), then
replaced by the form itself. It shows the top of the Metadata pane, the fields the form will
show in the same places, and the window around it: menus, tabs, splitters, as they will be.

Nothing in it is edited: keys typed meanwhile are held and given to the window once its parts
are there (a shortcut to its action, any other key to the widget in focus, as if typed a moment
later); clicks are dropped, aimed at a look.
The models' load that follows is the judge of the file: a look that cannot be read is no look,
and the window waits for its form as before."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QDate, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core import bundle_files, locks, safe_files, yaml_text
from reviewdesk.ui.form_panes import scrolling
from reviewdesk.ui.language_names import DEFAULT, UNKNOWN, language_name
from reviewdesk.ui.pane_tabs import PaneTabs
from reviewdesk.ui.settings import FORM_SPLITTER_STATE, SPLITTER_STATE, Settings
from reviewdesk.ui.window_titles import MENU_TITLES, PANE_TITLES

LOOK_PAGE = "look-page"
"""The object name of the look's preview page: where an early page shows (early_page.py)."""

LOOK_BYTES = 256 << 10
"""A longer review.yaml (the form holds at most 1 MiB) is read once, by the load: its parse for
a look (some 80 ms a MiB) would come before the first paint and again after it."""


@dataclass(frozen=True)
class Look:
    folder: Path
    keys: Mapping[str, Any]  # review.yaml's, as its text has them

    def text(self, key: str) -> str:
        value = self.keys.get(key)
        return "" if value is None or isinstance(value, (dict, list)) else str(value)

    def day(self, key: str) -> date | None:
        value = self.keys.get(key)
        return value if isinstance(value, date) else None


def read_look(folder: Path | None) -> Look | None:
    """The look of the review in `folder`; None when there is none to show first: no folder
    (a new review), a file that does not read as a mapping (the load says why, in its
    message) or is over LOOK_BYTES, or a bundle another ReviewDesk holds (the question comes
    first)."""
    if folder is None:
        return None
    try:
        held = locks.holder(folder)
        if held is not None and not (held.is_this_process or held.is_stale):
            return None
        path = folder / bundle_files.REVIEW_FILE
        raw = safe_files.read_inside(folder, path, LOOK_BYTES)
        keys = yaml_text.parse(raw.decode("utf-8")).data
    except Exception:  # whatever stops the look stops it alone: the load says why
        return None
    return Look(folder, keys) if isinstance(keys, dict) else None


def look_menu_bar() -> QMenuBar:
    """The window's menus by their titles: their items come with the window's parts."""
    bar = QMenuBar()
    for title in MENU_TITLES:
        bar.addMenu(title)
    return bar


def look_widget(look: Look, settings: Settings) -> QWidget:
    """What the window's central widget will be, as far as the file says: the form's tabs on
    the Metadata pane beside the preview's empty page, split as the writer left them."""
    panes = PaneTabs()
    panes.add_pane(PANE_TITLES[0], scrolling(_MetadataLook(look)))
    for title in PANE_TITLES[1:]:
        panes.add_pane(title, QWidget)
    form_splitter = QSplitter(Qt.Orientation.Vertical)
    form_splitter.addWidget(panes)
    form_splitter.setSizes([10_000, 120])
    page = QWidget()
    page.setObjectName(LOOK_PAGE)
    page.setBackgroundRole(QPalette.ColorRole.Base)  # the preview's colour till it starts
    page.setAutoFillBackground(True)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(form_splitter)
    splitter.addWidget(page)
    splitter.setStretchFactor(0, 2)
    splitter.setStretchFactor(1, 3)
    for each, setting in ((splitter, SPLITTER_STATE), (form_splitter, FORM_SPLITTER_STATE)):
        state = settings.get(setting)
        if isinstance(state, QByteArray):
            each.restoreState(state)
    central = QWidget()
    column = QVBoxLayout(central)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(splitter, 1)
    return central


class _MetadataLook(QWidget):
    """The top of the Metadata pane (panes/metadata_pane.py), its rows built as there: title
    to category. The rows below, whose widgets are the form's own, come with it."""

    def __init__(self, look: Look) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # the rows below, in the form; not room between these
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        title = _line(look.text("title"))
        _row(form, "&Title", title, _column(title))
        deck = QPlainTextEdit(look.text("subtitle"))
        deck.setFixedHeight(deck.fontMetrics().lineSpacing() * 4 + 12)
        # Laid out first at a widget's first width, the text would count the lines of that
        # width in the scroll bar for good (the form's box is laid out again as it is spelt).
        deck.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        _row(form, "Dec&k", deck, _column(deck))
        slug = _line(look.text("slug"))
        slug_row = QHBoxLayout()
        slug_row.addWidget(slug)
        slug_row.addWidget(QPushButton("Derive from title"))
        slug_box = QVBoxLayout()  # of the style's spacing, which the row takes
        slug_box.addLayout(slug_row)
        _row(form, "S&lug", slug, slug_box)
        language, tag = _language(look.text("language"))
        _row(form, "Lan&guage", tag, language)
        status = QComboBox()
        status.addItem(look.text("status") or "draft")
        form.addRow("&Status", status)
        for text, key in (("Publ&ished", "published"), ("&Updated", "updated")):
            day, edit = _day(look.day(key))
            _row(form, text, edit, day)
        category = _line(look.text("category"))
        _row(form, "&Category", category, _column(category))


def _row(form: QFormLayout, text: str, buddy: QWidget, field: QWidget | QLayout) -> None:
    label = QLabel(text)
    label.setBuddy(buddy)
    if isinstance(field, QWidget):  # two overloads of Qt's, one for each
        form.addRow(label, field)
    else:
        form.addRow(label, field)


def _line(text: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setClearButtonEnabled(True)
    return edit


def _column(field: QWidget) -> QVBoxLayout:
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addWidget(field)
    return box


def _language(tag: str) -> tuple[QWidget, QLineEdit]:
    """As panes/language_field.py shows it: the default language as the placeholder."""
    field = QWidget()
    edit = QLineEdit("" if tag == DEFAULT else tag)
    edit.setPlaceholderText(f"{DEFAULT} ({language_name(DEFAULT)})")
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("x" * 16))
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(QLabel(language_name(tag or DEFAULT) or UNKNOWN), 1)
    field.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    box = QVBoxLayout(field)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addLayout(row)
    return field, edit


def _day(value: date | None) -> tuple[QWidget, QDateEdit]:
    field = QWidget()
    given = QCheckBox()
    given.setChecked(value is not None)
    edit = QDateEdit(QDate(value.year, value.month, value.day) if value else QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMMM yyyy")
    edit.setDateRange(QDate(1, 1, 1), QDate(9999, 12, 31))  # as the form's: its width too
    edit.setEnabled(value is not None)
    field.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    row = QHBoxLayout(field)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(given)
    row.addWidget(edit)
    row.addStretch()
    return field, edit


_HELD_KEYS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
_DROPPED = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
)


class HeldInput(QObject):
    """Holds the keys typed at `window` until `release`; drops its clicks and wheel turns
    meanwhile. It watches the window and the widgets of its look, not the application: a
    filter of the application is handed every object's events, and PySide crashed wrapping
    one QtWebEngine was still making (an early page's request, preview/early_page.py)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._keys: list[QKeyEvent] = []
        for widget in (window, *window.findChildren(QWidget)):
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        # Read with getattr: as a window goes, PySide may hand its events to a new wrapper of
        # this filter, its Python side gone with the window's.
        window = getattr(self, "_window", None)
        if window is None or not isinstance(watched, QWidget) or watched.window() is not window:
            return False
        if event.type() in _HELD_KEYS and isinstance(event, QKeyEvent):
            self._keys.append(event.clone())
            return True
        return event.type() in _DROPPED

    def release(self) -> None:
        """Give the keys held to the window as it is now: a shortcut to its action (the look
        had none to take it), any other key to the widget in focus."""
        for widget in (self._window, *self._window.findChildren(QWidget)):
            widget.removeEventFilter(self)  # the look's went with it: the window's, others'
        for key in self._keys:
            action = _action_of(self._window, key)
            target = self._window.focusWidget()  # as the keys before may have moved it
            if action is not None:
                action.trigger()
            elif target is not None:
                QApplication.sendEvent(target, key)
        self._keys.clear()
        self.deleteLater()


_WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def _action_of(window: QWidget, key: QKeyEvent) -> QAction | None:
    """The window-wide action `key` is the shortcut of, if it is a key press and one is."""
    if key.type() != QEvent.Type.KeyPress:
        return None
    pressed = QKeySequence(key.keyCombination())
    return next(
        (action for action in window.findChildren(QAction)
         if action.isEnabled() and action.shortcutContext() in _WINDOW_WIDE
         and any(pressed.matches(each) == QKeySequence.SequenceMatch.ExactMatch
                 for each in action.shortcuts())),
        None,
    )  # fmt: skip
