"""The library window of a main window: made on first use (so the start does not build it),
raised on later ones, closed with the main window."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from reviewdesk.ui.library.library_commands import LibraryHost
from reviewdesk.ui.library.library_window import LibraryWindow
from reviewdesk.ui.settings import Settings

if TYPE_CHECKING:
    from reviewdesk.ui.main_window import MainWindow

_OWNED = "reviewdesk_library"  # the object name of a main window's library window
EXPORTS_NAME = "Review exports"  # beside the reviews folder: where Export Selection offers


def show_library(window: MainWindow, settings: Settings) -> LibraryWindow:
    library = window.findChild(LibraryWindow, _OWNED)
    if library is None:
        library = LibraryWindow(_host(window), settings.library_folders)
        library.setObjectName(_OWNED)
        library.setParent(window, Qt.WindowType.Window)  # its own window, gone with the main one
        _folders_menu(library, settings)
    library.show()
    library.raise_()
    library.activateWindow()
    return library


def _folders_menu(library: LibraryWindow, settings: Settings) -> None:
    """Folders: add one to the library, or take one added out of it (its reviews stay)."""
    menu = library.menuBar().addMenu("&Folders")

    def add() -> None:
        chosen = QFileDialog.getExistingDirectory(library, "Add a folder of reviews")
        if chosen:
            settings.add_library_folder(Path(chosen))
            library.refresh()

    def fill() -> None:
        menu.clear()
        menu.addAction("&Add Folder…", add)
        menu.addSeparator()
        folders = settings.library_folders()
        first = menu.addAction(f"{folders[0]} (new reviews go here)")
        first.setEnabled(False)
        for folder in folders[1:]:
            action = menu.addAction(f"Stop Listing {folder}")
            action.triggered.connect(partial(remove, folder))

    def remove(folder: Path, _checked: bool = False) -> None:
        settings.remove_library_folder(folder)
        library.refresh()

    menu.aboutToShow.connect(fill)
    fill()


def _host(window: MainWindow) -> LibraryHost:
    def open_review(folder: Path) -> bool:
        opened = window.files.open(folder)
        if opened:
            _raise(window)
        return opened

    def new_review() -> bool:
        made = window.files.new()
        if made:
            _raise(window)
        return made

    def export_folder() -> Path:
        return window.settings.reviews_folder().parent / EXPORTS_NAME

    return LibraryHost(window.document, open_review, new_review, window.files.save, export_folder)


def _raise(window: MainWindow) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
