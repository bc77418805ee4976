"""Every export format, by the name `reviewdesk export --to NAME` takes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reviewdesk.core.exports import fragment, html, json_payload, markdown
from reviewdesk.core.exports.base import ExportOptions, ExportResult, write
from reviewdesk.core.model import Review

Exporter = Callable[[Review, Path, ExportOptions, str], ExportResult]

FORMATS: dict[str, Exporter] = {
    "html": html.export,
    "fragment": fragment.export,
    "json": json_payload.export,
    "markdown": markdown.export,
}


def export(
    review: Review, folder: Path, to: str, options: ExportOptions | None = None, stem: str = ""
) -> ExportResult:
    """Render `review` (from the bundle `folder`) as format `to`; `stem` names the main
    output file, which names the folder of images some formats copy beside it."""
    return FORMATS[to](review, folder, options or ExportOptions(), stem or review.effective_slug)


__all__ = ["FORMATS", "ExportOptions", "ExportResult", "export", "write"]
