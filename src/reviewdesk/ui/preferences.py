"""Edit ▸ Preferences: the app's look (following the system, or always light or dark), the
size of the body editor's text and the reviews folder (where new reviews go, and the first
folder the library lists). Stored in the settings; applied at start and on OK."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from reviewdesk.ui.color_scheme import apply_color_scheme
from reviewdesk.ui.settings import APPEARANCE, EDITOR_FONT_SIZE, REVIEWS_FOLDER, Settings

APPEARANCES: dict[str, str] = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
FONT_SIZES = (8, 32)


def apply_appearance(name: str) -> None:
    """The look chosen, on every platform (see color_scheme)."""
    apply_color_scheme(name)


def apply_preferences(settings: Settings, editor: QPlainTextEdit) -> None:
    apply_appearance(str(settings.get(APPEARANCE)))
    size = int(settings.get(EDITOR_FONT_SIZE))
    if size:
        font = editor.font()
        font.setPointSize(size)
        editor.setFont(font)


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, editor_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("Preferences")
        self.appearance = QComboBox()
        for key, text in APPEARANCES.items():
            self.appearance.addItem(text, key)
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(settings.get(APPEARANCE))))
        self.font_size = QSpinBox()
        self.font_size.setRange(*FONT_SIZES)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(int(settings.get(EDITOR_FONT_SIZE)) or editor_size)
        self.reviews_folder = QLineEdit(str(settings.reviews_folder()))
        self.reviews_folder.setAccessibleName("Reviews folder")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.reviews_folder, 1)
        folder_row.addWidget(choose)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Appearance", self.appearance)
        form.addRow("Body &text size", self.font_size)
        form.addRow("&Reviews folder", folder_row)
        form.addRow(buttons)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Reviews folder", self.reviews_folder.text()
        )
        if chosen:
            self.reviews_folder.setText(chosen)

    def accept(self) -> None:
        self._settings.set(APPEARANCE, self.appearance.currentData())
        self._settings.set(EDITOR_FONT_SIZE, self.font_size.value())
        folder = self.reviews_folder.text().strip()
        if folder and Path(folder).expanduser() != self._settings.reviews_folder():
            self._settings.set(REVIEWS_FOLDER, folder)
        super().accept()
