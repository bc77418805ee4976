"""What changes in the live preview's page from one version of a review to the next, as the
page's script (ui/preview/dom_patch.py) applies it. Apart from core/live_page.py, which makes
patches with the renderer: a page kept from the last start is loaded with one before the
renderer loads (ui/preview/early_page.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class PagePatch:
    """From the previous update's page to this one's: in the body, groups `start` to
    `start + removed` become `inserted`; `skeleton` is set when the frame of the page changed
    (rebuild all but the body), else `sections` holds each changed section's new HTML by
    field, and `head` the new `<head>` when it changed."""

    start: int = 0
    removed: int = 0
    inserted: tuple[str, ...] = ()
    skeleton: str | None = None
    sections: dict[str, str] = field(default_factory=dict)
    head: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.removed or self.inserted or self.skeleton or self.sections or self.head)

    def as_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "removed": self.removed,
            "inserted": list(self.inserted),
            "skeleton": self.skeleton,
            "sections": self.sections,
            "head": self.head,
        }
