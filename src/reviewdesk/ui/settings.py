"""The app's settings: declared once with their defaults, stored in one INI file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any


WINDOW_GEOMETRY = Setting("window/geometry", None)
SPLITTER_STATE = Setting("window/splitter", None)
FORM_SPLITTER_STATE = Setting("window/form_splitter", None)
RECENT_FILES = Setting("files/recent", [])
LAST_FOLDER = Setting("files/last_folder", "")
APPEARANCE = Setting("view/appearance", "system")
EDITOR_FONT_SIZE = Setting("editor/font_size", 0)  # 0: the system's size
MAX_RECENT = 10


class Settings:
    """Typed access to the INI file; `QSettings` is created here and nowhere else."""

    def __init__(self, path: str | None = None) -> None:
        if path is None:
            self._store = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ReviewDesk", "ReviewDesk"
            )
        else:
            self._store = QSettings(path, QSettings.Format.IniFormat)

    def get(self, setting: Setting) -> Any:
        return self._store.value(setting.key, setting.default)

    def set(self, setting: Setting, value: Any) -> None:
        self._store.setValue(setting.key, value)

    def recent_files(self) -> list[str]:
        value = self.get(RECENT_FILES)
        return [value] if isinstance(value, str) else list(value or [])

    def add_recent(self, path: str) -> None:
        recent = [path, *(p for p in self.recent_files() if p != path)]
        self.set(RECENT_FILES, recent[:MAX_RECENT])

    def sync(self) -> None:
        self._store.sync()
