"""A message bar above the editor when autosave fails: crash protection is off."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reviewdesk.core import recovery
from reviewdesk.ui.autosave import Autosaver
from reviewdesk.ui.message_bar import MessageBar


class AutosaveBar(MessageBar):
    """Warns once per streak of failed autosaves, not at each try: the status bar says the
    failure for as long as it lasts. It goes when a copy is written again (the status bar
    then says so), or when dismissed; the next streak warns again."""

    def __init__(self, autosaver: Autosaver, parent: QWidget | None = None) -> None:
        # It wraps: the warning must be read whole.
        super().__init__("Autosave failed", wrap=True, parent=parent)
        self._warned = False  # in this streak of failures
        self.dismiss_button = self.add_button("Dismiss", "Dismiss the autosave warning")
        self.dismiss_button.clicked.connect(self.hide)
        autosaver.failed.connect(self._failed)
        autosaver.recovered.connect(self._recovered)

    def _failed(self, reason: str) -> None:
        if self._warned:
            return
        self._warned = True
        self.say(
            f"Autosave failed: {reason}. Crash protection is off until it works again: if "
            "ReviewDesk or the computer stops now, edits since the last save are lost. Save "
            f"now (Ctrl+S). Recovery copies go to {recovery.recovery_root()}."
        )

    def _recovered(self) -> None:
        self._warned = False
        self.hide()
