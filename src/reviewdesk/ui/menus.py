"""The main window's menus: File, Edit, View, Publish and Help, each item a call into the part
of the window that does the work."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox

import reviewdesk
from reviewdesk.core.exports import FORMATS
from reviewdesk.ui.preferences import PreferencesDialog, apply_preferences
from reviewdesk.ui.recent_menu import fill_recent
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.spelling_walk import next_misspelling
from reviewdesk.ui.undo_router import history_menu_actions
from reviewdesk.ui.window_titles import MENU_TITLES

if TYPE_CHECKING:
    from reviewdesk.ui.main_window import MainWindow

PREVIEW_MODES = (("Page", "page"), ("HTML source", "html"), ("Markdown", "markdown"))
PREVIEW_WIDTHS = (("Fit", "fit"), ("Desktop (1280)", "desktop"), ("Tablet (768)", "tablet"),
                  ("Phone (390)", "phone"))  # fmt: skip


def build_menus(window: MainWindow, settings: Settings) -> None:
    bar = window.menuBar()
    publish = QAction("&Publish…", window)
    publish.setStatusTip("Publish the saved review to one of your sites")
    publish.triggered.connect(lambda: _publish(window))
    file, edit, view, publish_menu, help_menu = (bar.addMenu(title) for title in MENU_TITLES)
    _file_menu(window, settings, file, publish)
    _edit_menu(window, settings, edit)
    _view_menu(window, view)
    _publish_menu(window, publish_menu, publish)
    _help_menu(window, help_menu)


def _file_menu(window: MainWindow, settings: Settings, file: QMenu, publish: QAction) -> None:
    files = window.files
    _add(file, "&New", files.new, QKeySequence.StandardKey.New)
    _add(file, "&Open…", files.open_chosen, QKeySequence.StandardKey.Open)
    recent = file.addMenu("Open &Recent")
    recent.aboutToShow.connect(lambda: fill_recent(recent, settings, files.open))
    _add(file, "&Library…", lambda: _library(window, settings), QKeySequence("Ctrl+Shift+L"))
    _add(file, "&Save", files.save, QKeySequence.StandardKey.Save)
    _add(file, "Save &As…", files.save_as, QKeySequence.StandardKey.SaveAs)
    _add(file, "Re&vert", files.revert)
    file.addSeparator()
    _add(file, "&Import Markdown…", files.import_markdown)
    export = file.addMenu("&Export")
    for name, kind in FORMATS.items():
        action = _add(export, f"{kind.label}…", lambda _=False, n=name: files.export(n))
        action.setStatusTip(kind.description)
    file.addAction(publish)
    file.addSeparator()
    _add(file, "&Quit", window.close, QKeySequence.StandardKey.Quit)


def _edit_menu(window: MainWindow, settings: Settings, edit: QMenu) -> None:
    edit.addActions(history_menu_actions(window.undo_router, window.document.undo_stack, window))
    edit.addSeparator()
    # Find and Replace bring the body's bar up from any pane, and in the body itself.
    find_keys, replace_keys = window.body.editor.find_bar.hand_over_find_keys()
    find = _add(edit, "&Find in Body…", lambda: _find_in_body(window, replace=False))
    find.setShortcuts(find_keys)
    replace = _add(edit, "R&eplace in Body…", lambda: _find_in_body(window, replace=True))
    replace.setShortcuts(replace_keys)
    _add(edit, "Next &Misspelling", lambda: next_misspelling(window), QKeySequence("F7"))
    edit.addSeparator()
    _add(edit, "Pre&ferences…", lambda: _preferences(window, settings),
         QKeySequence.StandardKey.Preferences)  # fmt: skip


def _view_menu(window: MainWindow, view: QMenu) -> None:
    preview = window.preview
    show = _add(view, "&Preview", preview.setVisible, QKeySequence("F8"))
    show.setCheckable(True)
    show.setChecked(True)
    _choices(view.addMenu("Preview &mode"), PREVIEW_MODES, preview.set_mode)
    _choices(view.addMenu("Preview &width"), PREVIEW_WIDTHS, preview.set_width)
    zoom = view.addMenu("Preview &zoom")
    _add(zoom, "Zoom &In", lambda: preview.zoom(1), QKeySequence.StandardKey.ZoomIn)
    _add(zoom, "Zoom &Out", lambda: preview.zoom(-1), QKeySequence.StandardKey.ZoomOut)
    _add(zoom, "&Actual Size", lambda: preview.zoom(0), QKeySequence("Ctrl+0"))


def _publish_menu(window: MainWindow, menu: QMenu, publish: QAction) -> None:
    menu.addAction(publish)
    _add(menu, "&Manage Sites…", lambda: _manage_sites(window))


def _publish(window: MainWindow) -> QDialog | None:
    # Here only: publishing brings the keyring and the HTTP client, which the start does not need.
    from reviewdesk.ui.publish.commands import publish_review  # noqa: PLC0415

    return publish_review(window.document, window.files.save, window)


def _library(window: MainWindow, settings: Settings) -> QMainWindow:
    # Here only: the library is not part of the first paint (its index, its table).
    from reviewdesk.ui.library.launcher import show_library  # noqa: PLC0415

    return show_library(window, settings)


def _manage_sites(window: MainWindow) -> QDialog:
    from reviewdesk.ui.publish.commands import manage_sites  # noqa: PLC0415 (as _publish)

    return manage_sites(window)


def _help_menu(window: MainWindow, help_menu: QMenu) -> None:
    _add(help_menu, "&Markdown Help", lambda: _reference(window, shortcuts=False))
    _add(help_menu, "&Keyboard Shortcuts", lambda: _reference(window, shortcuts=True))
    _add(help_menu, "&WordPress Plugin…", lambda: _save_plugin(window))
    help_menu.addSeparator()
    _add(help_menu, "&About ReviewDesk", lambda: _about(window))


def _reference(window: MainWindow, *, shortcuts: bool) -> QDialog:
    from reviewdesk.ui import help_dialogs  # noqa: PLC0415 (as _publish)

    if shortcuts:
        html = help_dialogs.shortcuts_html(window.findChildren(QAction))
        return help_dialogs.show_reference(window, "Keyboard Shortcuts", html)
    return help_dialogs.show_reference(window, "Markdown Help", help_dialogs.markdown_help_html())


def _save_plugin(window: MainWindow) -> None:
    from reviewdesk.ui.publish.plugin_file import save_plugin  # noqa: PLC0415 (as _publish)

    save_plugin(window)


def _find_in_body(window: MainWindow, *, replace: bool) -> None:
    window.show_field("body")
    bar = window.body.editor.find_bar
    bar.start_replace() if replace else bar.start_find()


def _preferences(window: MainWindow, settings: Settings) -> QDialog:
    editor = window.body.editor.plain_text_edit
    dialog = PreferencesDialog(settings, editor.font().pointSize(), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: apply_preferences(settings, editor))
    dialog.open()
    return dialog


def _about(window: MainWindow) -> None:
    text = (
        f"ReviewDesk {reviewdesk.__version__}\nWrite structured reviews offline, publish anywhere."
    )
    QMessageBox.about(window, "About ReviewDesk", text)


def _add(
    menu: QMenu,
    text: str,
    slot: Callable[..., object],
    shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
) -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(slot)
    if shortcut is not None:
        action.setShortcut(shortcut)
    return action


def _choices(
    menu: QMenu, choices: tuple[tuple[str, str], ...], chosen: Callable[[Any], None]
) -> None:
    group = QActionGroup(menu)
    for index, (text, value) in enumerate(choices):
        action = _add(menu, text, lambda _=False, v=value: chosen(v))
        action.setCheckable(True)
        action.setChecked(index == 0)
        group.addAction(action)
