"""`--to jekyll`: a post for a site's root folder, its images in the site's `assets/SLUG/`,
linked by site-absolute URLs (`/assets/SLUG/chart.png`). The post is
`_posts/YYYY-MM-DD-SLUG.html`, the body as our sanitizer leaves it (exports/static_site.py
says why); with `raw_html`, `_posts/YYYY-MM-DD-SLUG.md`, the body's Markdown as written,
which kramdown publishes with its raw HTML.

A post's URL depends on the site's permalink setting, so no relative link from it could
reach the images: the URLs are absolute from the site's root. The shipped layout
(`resources/jekyll/`) puts the site's `baseurl` in front of them for sites served from a
sub-path. The post has `render_with_liquid: false`: the body is the writer's text, and a
`{{` in it must print, not break the build. The front matter has the fields of the Hugo
export (exports/static_site.py), under Jekyll's names."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reviewdesk.core import render
from reviewdesk.core.exports import image_links, static_site
from reviewdesk.core.exports.base import Asset, ExportOptions, ExportResult
from reviewdesk.core.exports.publication import goes_live
from reviewdesk.core.model import Review

_BUNDLE_FOLDER = "assets/"


def export(review: Review, folder: Path, options: ExportOptions, stem: str) -> ExportResult:
    files, warnings = render.local_assets(review, folder)
    day, dated = _post_day(review)
    if not dated:
        warnings.append(f"no publication date: the post is dated today, {day.isoformat()}")
    warnings += static_site.future_warning(review, "jekyll build --future")
    site_paths = _site_paths([file.path for file in files], stem)
    urls = {file.target: "/" + quote(site_paths[file.path]) for file in files}
    data = _front_matter(review, urls) | static_site.layout_options(options)
    post = static_site.content(
        data,
        review,
        options,
        export="jekyll",
        hero_url=data.get("image"),
        markdown=image_links.rewrite(review.body, urls),
        image_sources=urls,
    )
    # Asset targets are relative to the post's folder, `_posts/`: `../` is the site's root.
    copies = tuple(Asset(file.source, "../" + site_paths[file.path]) for file in files)
    name = f"_posts/{day.isoformat()}-{stem}"
    return ExportResult(
        post.text,
        post.suffix,
        copies,
        tuple(warnings),
        location=name + post.suffix,
        supersedes=(name + static_site.other_suffix(post.suffix),),
    )


def _post_day(review: Review) -> tuple[date, bool]:
    """The day in the post's file name (Jekyll skips posts named otherwise), and whether
    it is the review's own."""
    when = review.published
    if when is None:
        return date.today(), False
    return (when.date() if isinstance(when, datetime) else when), True


def _front_matter(review: Review, urls: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {"title": review.title}
    data |= static_site.dates(review, published="date", updated="last_modified_at")
    data["published"] = goes_live(review)
    data |= static_site.status(review) | static_site.site_fields(review)
    data["layout"] = static_site.LAYOUT
    data["render_with_liquid"] = False
    hero_url = urls.get(review.hero.image) if review.hero else None
    if hero_url:
        data["image"] = hero_url  # what jekyll-seo-tag and the layout show
    data |= static_site.review_params(review)
    return data


def _site_paths(paths: list[str], slug: str) -> dict[str, str]:
    """Bundle path -> site path under `assets/SLUG/`. The bundle's own `assets/` folder is
    left out of the path when every image is in it (the usual case), so no two clash."""
    strip = all(path.startswith(_BUNDLE_FOLDER) for path in paths)
    return {
        path: f"assets/{slug}/" + (path.removeprefix(_BUNDLE_FOLDER) if strip else path)
        for path in paths
    }
