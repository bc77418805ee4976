"""`--to hugo`: a leaf page bundle for a content section, its images inside the bundle at
their bundle paths. The page is `SLUG/index.html`, the body as our sanitizer leaves it
(exports/static_site.py says why); with `raw_html`, `SLUG/index.md`, the body's Markdown as
written, whose raw HTML Hugo shows only with `markup.goldmark.renderer.unsafe = true`.

The review's fields sit at the top level of the front matter (`.Params.pros`): Hugo 0.111,
Debian's, reads custom keys only there. `type: review` selects the layout shipped in
`resources/hugo/` (`layouts/review/single.html`) whatever section the bundle is put in.
Its front matter has the fields of the Jekyll export's (exports/static_site.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewdesk.core import render
from reviewdesk.core.delimited import Delimited
from reviewdesk.core.exports import static_site
from reviewdesk.core.exports.base import Asset, ExportOptions, ExportResult
from reviewdesk.core.exports.publication import goes_live
from reviewdesk.core.model import Review

# `{{<` or `{{%` (not one already commented out) to the first `>}}` or `%}}` after it.
_SHORTCODE = Delimited((r"\{\{[<%](?!/\*)", r"[>%]\}\}"), dotall=True)


def export(review: Review, folder: Path, options: ExportOptions, stem: str) -> ExportResult:
    files, warnings = render.local_assets(review, folder)
    data: dict[str, Any] = {"title": review.title}
    data |= static_site.dates(review, published="date", updated="lastmod")
    data["draft"] = not goes_live(review)
    data |= static_site.status(review) | static_site.site_fields(review)
    data["type"] = static_site.LAYOUT
    data |= static_site.review_params(review) | static_site.layout_options(options)
    # Inside the bundle the images keep their bundle paths, the names of the page's
    # resources: `assets/x.png` resolves against the page's URL, `/reviews/SLUG/`, where
    # Hugo publishes them, and the shipped layout links each by its published URL all the
    # same (with uglyURLs, the page is `/reviews/SLUG.html`).
    paths = {file.target: file.path for file in files}  # as written -> path in the bundle
    page = static_site.content(
        data,
        review,
        options,
        export="hugo",
        # As the html export's JSON-LD names it: the page bundle's path, which the page's URL
        # resolves.
        hero_url=review.hero.image if review.hero else None,
        markdown=literal_shortcodes(review.body),
        image_sources=paths,
    )
    warnings += static_site.future_warning(review, "hugo --buildFuture")
    location = f"{stem}/index{page.suffix}"
    copies = tuple(Asset(file.source, file.path) for file in files)
    other = f"{stem}/index{static_site.other_suffix(page.suffix)}"
    return ExportResult(
        page.text, page.suffix, copies, tuple(warnings), location=location, supersedes=(other,)
    )


def literal_shortcodes(body: str) -> str:
    """The body with Hugo's shortcode syntax commented out, which Hugo prints as written:
    it runs `{{< name >}}` even inside code blocks, and an unknown name fails the build."""
    return _SHORTCODE.sub(lambda code: f"{code.opener[0]}/*{code.inside}*/{code.closer[0]}", body)
