"""What publishing says back, whichever the site: the result, and the two ways it fails."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[str], None]


class PublishError(RuntimeError):
    """Publishing could not be done; the text is one line for the writer."""


class ConflictError(PublishError):
    """The post was edited on the site since ReviewDesk last wrote it; nothing was written.
    `differences` says how the site's version differs from the review."""

    def __init__(self, message: str, differences: list[str]) -> None:
        super().__init__(message)
        self.differences = differences


@dataclass
class PublishResult:
    site: str
    action: str  # created, updated, unchanged; with dry_run: what would be done
    post_id: int | str | None  # WordPress's number, Ghost's id
    link: str
    status: str  # the site's own word: publish, future, draft (WordPress); published... (Ghost)
    uploaded: list[str] = field(default_factory=list)  # bundle paths
    retexted: list[str] = field(default_factory=list)  # images whose alt text or caption changed
    created_terms: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)  # what the site changed or dropped
    dry_run: bool = False
    emailed: str = ""  # Ghost: the members the post was sent to by email, when asked
