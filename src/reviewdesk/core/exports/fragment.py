"""`--to fragment`: the article HTML without page chrome, to paste into a CMS."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.core import render
from reviewdesk.core.exports.base import ExportOptions, ExportResult
from reviewdesk.core.layout import LayoutOptions, render_article
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import Review


def export(review: Review, folder: Path, options: ExportOptions, stem: str) -> ExportResult:
    files, warnings = render.local_assets(review, folder)
    layout = LayoutOptions(
        summary_label=options.summary_label,
        show_footer=options.show_footer,
        asset_base=(options.asset_base_url or "").rstrip("/") + "/"
        if options.asset_base_url
        else "",
    )
    if not options.asset_base_url and files:
        warnings.append(
            "images keep their relative paths; pass --asset-base-url to make them absolute"
        )
    body = render_markdown(review.body, raw_html=options.raw_html, language=review.language)
    article = render_article(review, body, layout)
    return ExportResult(article, ".html", (), tuple(warnings))
