"""`--to hugo`: a leaf page bundle `SLUG/index.md` for a content section, its images
inside the bundle at their bundle paths, so the body's relative links work unchanged.

The review's fields sit at the top level of the front matter (`.Params.pros`): Hugo 0.111,
Debian's, reads custom keys only there. `type: review` selects the layout shipped in
`resources/hugo/` (`layouts/review/single.html`) whatever section the bundle is put in.
Its front matter has the fields of the Jekyll export's (exports/static_site.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from reviewdesk.core import front_matter, render
from reviewdesk.core.exports import static_site
from reviewdesk.core.exports.base import Asset, ExportOptions, ExportResult
from reviewdesk.core.model import Review, Status

_SHORTCODE = re.compile(r"\{\{([<%])(?!/\*)(.*?)([>%])\}\}", re.DOTALL)


def export(review: Review, folder: Path, options: ExportOptions, stem: str) -> ExportResult:
    files, warnings = render.local_assets(review, folder)
    data: dict[str, Any] = {"title": review.title}
    data |= static_site.dates(review, published="date", updated="lastmod")
    data["draft"] = review.status is not Status.PUBLISHED
    data |= static_site.site_fields(review)
    data["type"] = static_site.LAYOUT
    data |= static_site.review_params(review) | static_site.layout_options(options)
    text = front_matter.join(static_site.with_extra(data, review), literal_shortcodes(review.body))
    # Inside the bundle the images keep their bundle paths: the body's `assets/x.png`
    # resolves against the page's URL, `/reviews/SLUG/`, where Hugo publishes them (the
    # shipped render hook links them by their published URL all the same).
    copies = tuple(Asset(file.source, unquote(file.target)) for file in files)
    warnings += static_site.future_warning(review, "hugo --buildFuture")
    return ExportResult(text, ".md", copies, tuple(warnings), location=f"{stem}/index.md")


def literal_shortcodes(body: str) -> str:
    """The body with Hugo's shortcode syntax commented out, which Hugo prints as written:
    it runs `{{< name >}}` even inside code blocks, and an unknown name fails the build."""
    return _SHORTCODE.sub(r"{{\1/*\2*/\3}}", body)
