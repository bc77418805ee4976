"""Publish ▸ Publish… and Publish ▸ Manage Sites…, as the menus call them. Publishing sends
the review as saved in its bundle, so an unsaved review is saved first, or not published."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.publish.publish_dialog import PublishDialog
from reviewdesk.ui.publish.sites_dialog import SitesDialog

SAID_MS = 15_000  # how long the status bar says what publishing did


def publish_review(
    document: ReviewDocument, save: Callable[[], bool], window: QMainWindow
) -> PublishDialog | None:
    """The publish dialog for the open review, once it is saved. A publish of it still under
    way (its dialog closed) is shown again rather than run twice at once."""
    for earlier in window.findChildren(PublishDialog):
        if earlier.busy and earlier.folder == document.folder:
            earlier.open()
            return earlier
    if document.folder is None or document.modified:
        answer = QMessageBox.question(
            window,
            "Publish",
            "Publishing sends the review as saved in its folder. Save your changes first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer != QMessageBox.StandardButton.Save or not save():
            return None
    folder = document.folder
    if folder is None:  # the save above gives it one
        return None
    dialog = PublishDialog(folder, document.review, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # The status bar, not the window: a lambda holding a window's wrapper may be the last to
    # hold it, and freeing it with the dialog deleted the window in the middle of that (crash).
    status = window.statusBar()
    dialog.published.connect(lambda text: status.showMessage(text, SAID_MS))
    dialog.open()
    return dialog


def manage_sites(window: QMainWindow) -> SitesDialog:
    dialog = SitesDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
