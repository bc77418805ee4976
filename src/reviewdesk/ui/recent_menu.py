"""File ▸ Open Recent: the recent reviews by title, each one's folder as its tooltip."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu

from reviewdesk.core import bundle
from reviewdesk.ui.settings import Settings


def fill_recent(menu: QMenu, settings: Settings, open_folder: Callable[[Path], object]) -> None:
    """Fill `menu` (as it is about to show) with the recent reviews: a title shared by two
    says which folder each is in; a review no longer there is shown, greyed."""
    menu.clear()
    menu.setToolTipsVisible(True)
    reviews = settings.recent_reviews()
    shared = Counter(title for title, _path in reviews)
    for title, path in reviews:
        folder = Path(path)
        text = title if shared[title] == 1 else f"{title} ({folder.name})"
        action = menu.addAction(text.replace("&", "&&"))  # an & is a letter, not a shortcut
        action.setToolTip(path)
        action.setStatusTip(path)
        if not (folder / bundle.REVIEW_FILE).is_file():
            action.setText(f"{action.text()} (no longer there)")
            action.setEnabled(False)
        action.triggered.connect(lambda _=False, f=folder: open_folder(f))
    if not reviews:
        menu.addAction("No recent reviews").setEnabled(False)
