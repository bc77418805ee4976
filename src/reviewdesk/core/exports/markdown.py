"""`--to markdown`: one Markdown file with the review as YAML front matter; images keep
their bundle paths and are copied beside it. `reviewdesk import` reads it back."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.core import bundle, front_matter, render
from reviewdesk.core.exports.base import Asset, ExportOptions, ExportResult
from reviewdesk.core.model import Review


def export(review: Review, folder: Path, options: ExportOptions, stem: str) -> ExportResult:
    files, warnings = render.local_assets(review, folder)
    text = front_matter.join(bundle.yaml_mapping(review), review.body)
    copies = tuple(Asset(file.source, file.path) for file in files)
    return ExportResult(text, ".md", copies, tuple(warnings))
