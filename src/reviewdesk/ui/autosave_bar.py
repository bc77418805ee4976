"""A message bar above the editor when autosave fails: crash protection is off."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from reviewdesk.core import recovery
from reviewdesk.ui.autosave import Autosaver


class AutosaveBar(QFrame):
    """Warns once per streak of failed autosaves, not at each try: the status bar says the
    failure for as long as it lasts. It goes when a copy is written again (the status bar
    then says so), or when dismissed; the next streak warns again."""

    def __init__(self, autosaver: Autosaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._warned = False  # in this streak of failures
        self.message = QLabel(wordWrap=True)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setAccessibleName("Dismiss the autosave warning")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.dismiss_button)
        self.setAccessibleName("Autosave failed")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.hide()
        self.dismiss_button.clicked.connect(self.hide)
        autosaver.failed.connect(self._failed)
        autosaver.recovered.connect(self._recovered)

    def _failed(self, reason: str) -> None:
        if self._warned:
            return
        self._warned = True
        self.message.setText(
            f"Autosave failed: {reason}. Crash protection is off until it works again: if "
            "ReviewDesk or the computer stops now, edits since the last save are lost. Save "
            f"now (Ctrl+S). Recovery copies go to {recovery.recovery_root()}."
        )
        self.show()

    def _recovered(self) -> None:
        self._warned = False
        self.hide()
