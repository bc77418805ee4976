"""Help ▸ WordPress Plugin…: the companion plugin saved as a zip, for the writer to upload to
their site (core/publish/companion.py makes it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reviewdesk.core.publish.companion import write_plugin_zip

UPLOAD_HINT = (
    "In WordPress, upload it under Plugins ▸ Add New ▸ Upload Plugin, then activate it. "
    "It registers the review's fields, prints the review's structured data for search "
    "engines and styles the review's blocks."
)


def save_plugin(parent: QWidget) -> Path | None:
    """Asks where, writes the zip there and says what to do with it; the path, or None."""
    chosen = QFileDialog.getSaveFileName(
        parent, "Save the WordPress Plugin", str(Path.home() / "reviewdesk.zip"), "Zip (*.zip)"
    )[0]
    if not chosen:
        return None
    try:
        written = write_plugin_zip(Path(chosen))
    except OSError as error:
        QMessageBox.warning(parent, "WordPress Plugin", f"Could not save the plugin: {error}")
        return None
    QMessageBox.information(parent, "WordPress Plugin", f"Saved {written}.\n\n{UPLOAD_HINT}")
    return written
