"""What the static-site exports (Hugo, Jekyll) share: the review's fields as front matter,
at the top level, where the shipped layouts read them, and the page's content file.

By default the content file is HTML (`.html`): the body as our own renderer and sanitizer
make it, the same HTML as the preview and the html export. Both generators publish an `.html`
content file as it is, without their Markdown renderer (Goldmark, kramdown), so no parser
of theirs decides what in the body is a tag: a body that Python-Markdown reads as text cannot
become a `<script>` on the site, and Hugo needs no `unsafe = true`. Only with `raw_html` is
the content the writer's Markdown as written (`.md`), for bodies of one's own."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from reviewdesk.core import front_matter
from reviewdesk.core.exports import site_keys
from reviewdesk.core.exports.base import ExportOptions
from reviewdesk.core.exports.site_keys import SiteKeys
from reviewdesk.core.layout import LayoutOptions, layout_ids, page_body
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import Rating, Review, Status

LAYOUT = "review"  # Hugo's `type`, Jekyll's `layout`: the name of the shipped layout


class Content(NamedTuple):
    """A page's content file: its text and extension (".html", or ".md" with raw HTML)."""

    text: str
    suffix: str


def content(
    data: dict[str, Any],
    review: Review,
    options: ExportOptions,
    *,
    export: str,
    hero_url: str | None,
    markdown: str,
    image_sources: Mapping[str, str],
) -> Content:
    """The content file of the page with front matter `data` for the site `export`: the
    sanitized body HTML, its images at `image_sources` (bundle path as written -> URL); with
    `options.raw_html`, the site's own `markdown` of the body instead, HTML as written. The
    front matter ends with the review's `extra` keys and ReviewDesk's own (site_keys.py), whose
    JSON-LD names the hero by `hero_url`, as the page links it."""
    own = site_keys.own_mapping(review, export, image_url=hero_url)
    head = with_extra(data, review, site_keys.SITES[export]) | {site_keys.OWN_KEY: own}
    if options.raw_html:
        return Content(front_matter.join(head, markdown), ".md")
    # The layout looks an image up without its `./`.
    sources = {src.removeprefix("./"): url for src, url in image_sources.items()}
    layout = LayoutOptions(image_sources=sources)
    body = literal_braces(
        page_body(
            render_markdown(review.body, language=review.language), layout, layout_ids(review)
        )
    )
    # Nothing at all for an empty body: the layouts leave out the body of a page without one.
    return Content(front_matter.join(head, f"{body}\n" if body else ""), ".html")


def other_suffix(suffix: str) -> str:
    """The extension of the page of the other kind (HTML or Markdown) at the same address."""
    return ".md" if suffix == ".html" else ".html"


def literal_braces(html: str) -> str:
    """`html` with every `{` as a character reference, which both sites print as `{`: no
    Hugo shortcode (`{{< x >}}`, `{{% x %}}`, run even in code) nor Liquid (`{{ x }}`,
    `{% x %}`) is left to run. The sanitized HTML has `{` only in text and quoted attribute
    values, where a reference means the same character."""
    return html.replace("{", "&#123;")


def dates(review: Review, *, published: str, updated: str) -> dict[str, Any]:
    """The review's dates under the site's names for them; absent ones are left out."""
    found: dict[str, Any] = {}
    if review.published is not None:
        found[published] = review.published
    if review.updated is not None:
        found[updated] = review.updated
    return found


def site_fields(review: Review) -> dict[str, Any]:
    """The keys every static site generator and its SEO plugins know."""
    data: dict[str, Any] = {"slug": review.effective_slug}
    seo_description = review.seo.description if review.seo else ""
    if description := seo_description or review.subtitle:
        data["description"] = description
    if review.summary:
        data["summary"] = review.summary
    if review.tags:
        data["tags"] = list(review.tags)
    if review.category:
        # A list, because Jekyll splits a string of categories at spaces.
        data["categories"] = [review.category]
    return data


def review_params(review: Review) -> dict[str, Any]:
    """The review's own fields, for the shipped layouts; empty ones are left out. The hero
    keeps its bundle path, so the front matter imports back as the review it came from."""
    data: dict[str, Any] = {}
    if review.subtitle:
        data["subtitle"] = review.subtitle
    if review.language != Review.model_fields["language"].default:  # as review.yaml: if set
        data["language"] = review.language
    if review.badges:
        data["badges"] = list(review.badges)
    if review.authors:
        # Names, as themes (and a Hugo `authors` taxonomy) read them; their links beside.
        data["authors"] = [author.name for author in review.authors]
        if any(author.url for author in review.authors):
            data["author_urls"] = [author.url or "" for author in review.authors]
    if review.subject:
        subject = review.subject.model_dump()
        data["subject"] = {key: value for key, value in subject.items() if value not in ("", None)}
    if review.rating:
        data["rating"] = _rating(review.rating)
    for name in ("pros", "cons", "key_features", "key_insights"):
        if items := getattr(review, name):
            data[name] = list(items)
    if review.hero:
        data["hero"] = review.hero.model_dump()
    data |= _blocks(review)
    if review.seo is not None:  # as review.yaml has it: the layouts' head is made of it
        data["seo"] = review.seo.model_dump(exclude_defaults=True)
    return data


def _blocks(review: Review) -> dict[str, Any]:
    """The review blocks, as review.yaml writes them (what is not set left out), for the
    layouts' verdict box, scores, specifications, where to buy and update log."""
    data: dict[str, Any] = {}
    for name in ("verdict", "best_for", "skip_if", "disclosure"):
        if value := getattr(review, name):
            data[name] = value if isinstance(value, str) else list(value)
    if review.scores:
        data["scores"] = [
            {"name": score.name, "value": score.value}
            | ({"weight": _plain(score.weight)} if score.weight != 1 else {})
            for score in review.scores
        ]
    for name in ("specs", "offers", "updates"):
        if items := getattr(review, name):
            data[name] = [item.model_dump(exclude_defaults=True) for item in items]
    return data


def _rating(rating: Rating) -> dict[str, float | int]:
    # Whole bounds as integers, so templates print "/ 5" and not "/ 5.0".
    return {"value": rating.value, "best": _plain(rating.best), "worst": _plain(rating.worst)}


def _plain(number: float) -> float | int:
    """A whole number as an integer: templates print 2, not 2.0."""
    return int(number) if number.is_integer() else number


def layout_options(options: ExportOptions) -> dict[str, Any]:
    """Export options the shipped layouts read from the page: a summary label other than
    the default (the site's `reviewdesk.summary_label` sets one for every page)."""
    if options.summary_label == ExportOptions().summary_label:
        return {}
    return {"summary_label": options.summary_label}


def status(review: Review) -> dict[str, Any]:
    """The review's status when the site's flag of a draft does not say it: `ready`."""
    return {"status": review.status.value} if review.status is Status.READY else {}


def with_extra(data: dict[str, Any], review: Review, site: SiteKeys) -> dict[str, Any]:
    """`data` plus the review's `extra` keys (site keys such as `weight` or `aliases`, often
    from an import). One named as a key the export may write, in any case (Hugo reads keys
    whatever their case), is left out: it would replace the export's, or be read back as a
    field of the review."""
    kept = {key: value for key, value in review.extra.items() if key.lower() not in site.own}
    return data | {key: value for key, value in kept.items() if key not in data}


def future_warning(review: Review, flag: str) -> list[str]:
    """Static site generators skip pages dated later than the build, without a word."""
    when = review.published
    if when is None:
        return []
    today = datetime.now(UTC) if isinstance(when, datetime) else date.today()
    if when <= today:
        return []
    return [f"published {when.isoformat()} is in the future: the page is built only with {flag}"]
