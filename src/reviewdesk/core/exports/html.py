"""`--to html`: a standalone page of the published layout, CSS inlined, images beside it
(in `<name>_files/`) or embedded as data: URIs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reviewdesk.core import render as shared
from reviewdesk.core.exports.base import Asset, ExportOptions, ExportResult
from reviewdesk.core.jsonld import review_jsonld
from reviewdesk.core.layout import LayoutOptions, render_page
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import Review


def export(review: Review, folder: Path, options: ExportOptions, stem: str) -> ExportResult:
    files, warnings = shared.local_assets(review, folder)
    layout = LayoutOptions(summary_label=options.summary_label, show_footer=options.show_footer)
    if options.embed_images:
        layout = replace(layout, image_sources=shared.data_uris(files))
        copies: tuple[Asset, ...] = ()
    else:
        layout = replace(layout, asset_base=f"{stem}_files/")
        copies = tuple(Asset(f.source, f"{stem}_files/{f.path}") for f in files)
    body = render_markdown(review.body, raw_html=options.raw_html, language=review.language)
    page = render(review, layout, asset_base_url=options.asset_base_url, body_html=body)
    return ExportResult(page, ".html", copies, tuple(warnings))


def render(
    review: Review,
    layout: LayoutOptions,
    *,
    asset_base_url: str | None = None,
    body_html: str | None = None,
) -> str:
    """The standalone page, JSON-LD included: what the export writes and the preview shows.
    `layout` already says where the images are; `asset_base_url` makes the hero's URL in the
    JSON-LD absolute. `body_html` stands in for the rendered body (the live preview renders it
    apart, block by block)."""
    canonical = review.seo.canonical_url if review.seo else None
    hero = shared.absolute_url(asset_base_url, review.hero.image) if review.hero else None
    jsonld = review_jsonld(review, page_url=canonical, image_url=hero, typeset=True)
    body = (
        render_markdown(review.body, language=review.language) if body_html is None else body_html
    )
    return render_page(review, body, layout, jsonld=jsonld)
