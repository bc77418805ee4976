"""The app's settings: declared once with their defaults, stored in one INI file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
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
RECENT_TITLES = Setting("files/recent_titles", [])  # the title of each, as last opened or saved
LAST_FOLDER = Setting("files/last_folder", "")
# Where File > New's reviews get their folder on first save; "" is ~/Reviews.
REVIEWS_FOLDER = Setting("files/reviews_folder", "")
# More folders the library lists, besides the reviews folder.
LIBRARY_FOLDERS = Setting("library/folders", [])
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
        return self._strings(RECENT_FILES)

    def recent_reviews(self) -> list[tuple[str, str]]:
        """(title, folder) of each recent review, newest first; the folder's name stands in
        for a title not known (settings of an older version)."""
        titles = dict(zip(self.recent_files(), self._strings(RECENT_TITLES), strict=False))
        return [(titles.get(path) or Path(path).name, path) for path in self.recent_files()]

    def add_recent(self, path: str, title: str = "") -> None:
        titles = dict(zip(self.recent_files(), self._strings(RECENT_TITLES), strict=False))
        titles[path] = title or titles.get(path, "")
        recent = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self.set(RECENT_FILES, recent)
        self.set(RECENT_TITLES, [titles.get(p, "") for p in recent])

    def _strings(self, setting: Setting) -> list[str]:
        # An INI file gives back a one-item list as a plain string.
        value = self.get(setting)
        return [value] if isinstance(value, str) else [str(v) for v in value or []]

    def reviews_folder(self) -> Path:
        chosen = str(self.get(REVIEWS_FOLDER) or "")
        if chosen:
            return Path(chosen).expanduser()
        from reviewdesk.core.review_folders import default_reviews_dir  # noqa: PLC0415 (it loads the bundle's models, after the first look)

        return default_reviews_dir()

    def library_folders(self) -> list[Path]:
        """The folders the library lists: the reviews folder first, then those added."""
        folders = [self.reviews_folder()]
        for text in self._strings(LIBRARY_FOLDERS):
            folder = Path(text).expanduser()
            if text and folder not in folders:
                folders.append(folder)
        return folders

    def add_library_folder(self, folder: Path) -> None:
        extra = [f for f in self._strings(LIBRARY_FOLDERS) if f and Path(f) != folder]
        self.set(LIBRARY_FOLDERS, [*extra, str(folder)])

    def remove_library_folder(self, folder: Path) -> None:
        extra = [f for f in self._strings(LIBRARY_FOLDERS) if f and Path(f) != folder]
        self.set(LIBRARY_FOLDERS, extra)

    def sync(self) -> None:
        self._store.sync()
