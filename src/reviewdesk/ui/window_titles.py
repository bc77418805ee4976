"""What the window names before its parts load, for its first look (ui/first_look.py) to show
as the parts will: its menus, its form's tabs, its title."""

from __future__ import annotations

from pathlib import Path

MENU_TITLES = ("&File", "&Edit", "&View", "&Publish", "&Help")
PANE_TITLES = (
    "Metadata", "Tags", "Hero", "Summary", "Body", "Scores", "Pros && cons", "Key points",
    "Specs", "Offers", "Updates", "SEO",
)  # fmt: skip
"""In tab order: main_window.PANE_FIELDS's."""


def window_title(title: str, folder: Path | None) -> str:
    """The window's title for a review: `[*]` marks unsaved changes (Qt's windowModified)."""
    place = f" ({folder.name})" if folder else ""
    return f"{title}{place}[*] — ReviewDesk"
