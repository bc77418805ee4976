"""Every export format, by the name `reviewdesk export --to NAME` takes.

A format's module loads when it is first used: the app lists the formats in its menu at
start, long before any is needed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from importlib import import_module
from pathlib import Path
from typing import NamedTuple

from reviewdesk.core.exports.base import ExportOptions, ExportResult, write
from reviewdesk.core.exports.publication import as_exported
from reviewdesk.core.model import Review

Exporter = Callable[[Review, Path, ExportOptions, str], ExportResult]


class Format(NamedTuple):
    label: str  # for menus
    description: str
    module: str  # in this package
    into_folder: bool = False  # written into a site's folder (ExportResult.location)
    suffix: str = ".html"  # of the main file, for file choosers
    # A page or post, whose status and date publication.as_exported settles; else the
    # review itself in another shape (markdown), kept as it is so that it imports back.
    publishes: bool = True


FORMATS: dict[str, Format] = {
    "html": Format("HTML page", "a standalone page, images beside it or embedded", "html"),
    "fragment": Format("CMS fragment", "the article alone, for a CMS's HTML block", "fragment"),
    "json": Format(
        "JSON", "every field and the rendered body, as JSON", "json_payload", suffix=".json"
    ),
    "ghost": Format("Ghost post", "a Ghost Admin API post (source=html)", "ghost", suffix=".json"),
    "wordpress": Format(
        "WordPress post", "a WordPress REST API post (wp/v2/posts)", "wordpress", suffix=".json"
    ),
    "hugo": Format(
        "Hugo page bundle",
        "SLUG/index.html and its images, into a content section (index.md with raw HTML)",
        "hugo",
        into_folder=True,
    ),
    "jekyll": Format(
        "Jekyll post",
        "_posts/DATE-SLUG.html and its images, into a site (.md with raw HTML)",
        "jekyll",
        into_folder=True,
    ),
    "markdown": Format(
        "Markdown",
        "Markdown with YAML front matter, its images in a folder of its own beside it",
        "markdown",
        suffix=".md",
        publishes=False,
    ),
}


def _exporter(to: str) -> Exporter:
    """The function that exports as format `to` (a key of FORMATS)."""
    found: Exporter = import_module(f"{__name__}.{FORMATS[to].module}").export
    return found


def export(
    review: Review, folder: Path, to: str, options: ExportOptions | None = None, stem: str = ""
) -> ExportResult:
    """Render `review` (from the bundle `folder`) as format `to`; `stem` names the main
    output file, which names the folder of images some formats copy beside it. Every format
    that publishes sees the review as publication.as_exported makes it (dated when published
    without a date), so they all agree on its date and status."""
    warnings: list[str] = []
    if FORMATS[to].publishes:
        review, warnings = as_exported(review, datetime.now().astimezone())
    stem = stem or review.effective_slug
    result = _exporter(to)(review, folder, options or ExportOptions(), stem)
    return replace(result, warnings=(*warnings, *result.warnings)) if warnings else result


__all__ = ["FORMATS", "ExportOptions", "ExportResult", "Format", "export", "write"]
