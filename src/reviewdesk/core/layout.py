"""The published layout: a review and its rendered body into HTML, through Jinja2 templates.

The app's preview and every HTML export render these same templates, so what the writer sees is
what the site gets. `render_article` gives the `<article>` alone (the CMS fragment);
`render_page` a complete standalone HTML5 document around it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from urllib.parse import quote, unquote, urljoin

import jinja2
from markupsafe import Markup

from reviewdesk.core.dates import human_date
from reviewdesk.core.jsonld import jsonld_script
from reviewdesk.core.model import Review, Update
from reviewdesk.core.page_marks import SECTION_IDS
from reviewdesk.core.resources import resource
from reviewdesk.core.shown_text import paragraphs
from reviewdesk.core.template_cache import TemplateCache
from reviewdesk.core.typography import typeset

__all__ = [
    "BLOCKS_CSS_FILENAME",
    "BLOCK_FIELDS",
    "CSS_FILENAME",
    "LAYOUT_IDS",
    "SECTION_IDS",
    "LayoutOptions",
    "blocks_css",
    "environment",
    "format_number",
    "format_price",
    "format_score",
    "layout_ids",
    "page_css",
    "render_article",
    "render_page",
    "shown_blocks",
    "updates_newest_first",
]

CSS_FILENAME = "review.css"
"""The stylesheet a page links, relative to `asset_base`, when its CSS is not inlined."""
BLOCKS_CSS_FILENAME = "review-blocks.css"
"""The review blocks' stylesheet (verdict, scores, specs, where to buy, updates): a page has it
only when it shows one of them, so a page without them is what it was before they existed."""

BLOCK_FIELDS: tuple[str, ...] = (
    "verdict", "best_for", "skip_if", "scores", "specs", "disclosure", "offers", "updates",
)  # fmt: skip
"""The review blocks the page shows (`language` shows none), in the order of the page."""

LAYOUT_IDS: frozenset[str] = frozenset({*SECTION_IDS.values(), "review-footer"})
"""Every id the layout itself uses; a body id that would repeat one on its page is renamed."""

_FIRST_IDS = LAYOUT_IDS - {SECTION_IDS[name] for name in BLOCK_FIELDS}
"""The ids of the layout before the review blocks, which a body always gives up: a block's
id only on a page that shows the block, so an old body's anchors stay as they were."""


@dataclass(frozen=True)
class LayoutOptions:
    """How the layout is rendered; the defaults suit a standalone export."""

    summary_label: str = "Summary"
    back_link: str | None = None
    """The href of the "Back to list" link; no link when None."""
    show_footer: bool = False
    """ "Was this review helpful?" and share links."""
    asset_base: str = ""
    """Prefix for relative asset URLs: "", "assets-dir/" or an absolute URL base."""
    image_sources: Mapping[str, str] | None = None
    """Bundle-relative image path -> the URL to use instead (a data: URI for `--embed`)."""


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the layout templates, created once."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=TemplateCache(),
    )
    env.filters["human_date"] = human_date
    env.filters["iso_date"] = _iso_date
    env.filters["score"] = format_score
    env.filters["number"] = format_number
    env.filters["paragraphs"] = paragraphs
    env.filters["percent_of_best"] = _percent_of_best
    env.filters["price"] = format_price
    env.filters["typeset"] = _typeset
    return env


@jinja2.pass_context
def _typeset(context: jinja2.runtime.Context, text: str) -> str:
    """The `typeset` filter: `text` with the typographic punctuation of the review's language
    (every template that shows text has the `review`; macros are imported with context)."""
    return typeset(text, context["review"].language)


@cache
def page_css() -> str:
    """The layout's stylesheet (read once)."""
    return resource("css", CSS_FILENAME).read_text(encoding="utf-8")


@cache
def blocks_css() -> str:
    """The review blocks' stylesheet, after the layout's (read once)."""
    return resource("css", BLOCKS_CSS_FILENAME).read_text(encoding="utf-8")


def shown_blocks(review: Review) -> tuple[str, ...]:
    """The review blocks that `review`'s page shows: those with something to show."""
    return tuple(name for name in BLOCK_FIELDS if _shows(getattr(review, name)))


def _shows(value: object) -> bool:
    return bool(paragraphs(value)) if isinstance(value, str) else bool(value)


def layout_ids(review: Review) -> frozenset[str]:
    """The ids the layout gives `review`'s page, which its body must not repeat."""
    return _FIRST_IDS | {SECTION_IDS[name] for name in shown_blocks(review)}


def render_article(review: Review, body_html: str, options: LayoutOptions) -> str:
    """The `<article>` of the published layout, without page chrome: the CMS fragment."""
    template = environment().get_template("article.html.j2")
    return template.render(_context(review, body_html, options))


def render_page(
    review: Review,
    body_html: str,
    options: LayoutOptions,
    *,
    jsonld: dict[str, Any] | None,
    css_inline: bool = True,
) -> str:
    """A complete standalone HTML5 page: head (SEO, Open Graph, CSS, JSON-LD) and the article.

    With `css_inline` false the page links `CSS_FILENAME` under `asset_base` instead."""
    context = _context(review, body_html, options)
    blocks = bool(shown_blocks(review))
    css = page_css() + ("\n" + blocks_css() if blocks else "")
    context |= {
        "css": Markup(css) if css_inline else None,  # our own files: no markup to escape
        "css_href": None if css_inline else options.asset_base + CSS_FILENAME,
        "blocks_css_href": (
            options.asset_base + BLOCKS_CSS_FILENAME if blocks and not css_inline else None
        ),
        "jsonld_script": jsonld_script(jsonld) if jsonld is not None else None,
        "og_image": _og_image(review, context["hero_src"]),
    }
    return environment().get_template("page.html.j2").render(context)


def _context(review: Review, body_html: str, options: LayoutOptions) -> dict[str, Any]:
    hero_src = _hero_src(review, options)
    return {
        "review": review,
        "options": options,
        "ids": SECTION_IDS,
        "body": Markup(page_body(body_html, options, layout_ids(review))),
        "hero_src": hero_src,
        "share_links": _share_links(review) if options.show_footer else [],
        "show_updated": _shows_update(review),
        "updates": updates_newest_first(review),
    }


def page_body(body_html: str, options: LayoutOptions, taken: frozenset[str]) -> str:
    """The rendered body as the page shows it: images where they are published, no id of
    `taken`, the ids its page's layout uses (`layout_ids`). Both passes are local, so a body
    may go through in pieces."""
    return _dodge_layout_ids(_resolve_images(body_html, options), taken)


# --- asset URLs --------------------------------------------------------------------------------

# Anything with a scheme (http:, data:, mailto:...), protocol-relative, absolute-path, query or
# fragment URLs are left alone: only paths relative to the bundle are assets.
_NOT_RELATIVE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|[/#?])")
# The sanitizer writes every attribute as name="value" with `"`, `<` and `>` escaped, so this
# finds exactly the image sources without parsing the HTML again.
_IMG_SRC = re.compile(r'(<img\s(?:[^>]*?\s)?src=")([^"]*)(")')


def _replacement(path: str, options: LayoutOptions) -> str | None:
    """The URL `image_sources` gives for the bundle path `path`, if any."""
    if not options.image_sources:
        return None
    path = path.removeprefix("./")
    return options.image_sources.get(path) or options.image_sources.get(unquote(path))


def _hero_src(review: Review, options: LayoutOptions) -> str | None:
    if review.hero is None:
        return None
    path = review.hero.image  # a file path (the model checks it is relative), not yet a URL
    return _replacement(path, options) or options.asset_base + quote(path, safe="/")


def _body_image_src(url: str, options: LayoutOptions) -> str | None:
    """Where the body image `url` is published, or None to leave it as written."""
    if not url or _NOT_RELATIVE.match(url):
        return None
    return _replacement(url, options) or options.asset_base + url.removeprefix("./")


def _resolve_images(body_html: str, options: LayoutOptions) -> str:
    if not options.asset_base and not options.image_sources:
        return body_html  # the common preview case: nothing to do, no pass over the text

    def replace(match: re.Match[str]) -> str:
        url = _body_image_src(html.unescape(match[2]), options)
        if url is None:
            return match[0]
        return f"{match[1]}{html.escape(url, quote=True)}{match[3]}"

    return _IMG_SRC.sub(replace, body_html)


@cache
def _layout_id_in_body(taken: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r'\bid="(' + "|".join(sorted(taken)) + r')"')


def _dodge_layout_ids(body_html: str, taken: frozenset[str]) -> str:
    """Rename body ids equal to a layout id (a heading "Review body" gets `review-body`):
    a page must not have duplicate ids, and the preview must find its sections."""
    if 'id="review-' not in body_html:  # cheap test first: a collision is rare
        return body_html
    return _layout_id_in_body(taken).sub(r'id="body-\1"', body_html)


def _og_image(review: Review, hero_src: str | None) -> str | None:
    """Open Graph wants an absolute URL; a data: URI would only double the page's weight."""
    if hero_src is None or hero_src.startswith("data:"):
        return None
    canonical = review.seo.canonical_url if review.seo else None
    return urljoin(canonical, hero_src) if canonical else hero_src


# --- footer ------------------------------------------------------------------------------------


def _share_links(review: Review) -> list[tuple[str, str]]:
    """(label, href) of the share links: plain links, no scripts, no remote loads."""
    url = review.seo.canonical_url if review.seo else None
    title = review.seo.title if review.seo and review.seo.title else review.title
    q_title = quote(title, safe="")
    if not url:
        return [("Email", f"mailto:?subject={q_title}")]
    q_url = quote(url, safe="")
    return [
        ("Email", f"mailto:?subject={q_title}&body={quote(f'{title} {url}', safe='')}"),
        ("X", f"https://x.com/intent/post?url={q_url}&text={q_title}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={q_url}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={q_url}"),
    ]


# --- filters -----------------------------------------------------------------------------------


def _iso_date(when: date) -> str:
    return when.isoformat()


def _shows_update(review: Review) -> bool:
    """Show "Updated" only when it falls on a later day than the publication."""
    if review.updated is None:
        return False
    if review.published is None:
        return True
    return _day(review.updated) > _day(review.published)


def _day(when: date) -> date:
    return when.date() if isinstance(when, datetime) else when


def format_score(value: float) -> str:
    """4 -> "4.0", 4.5 -> "4.5", 8.25 -> "8.25": ratings read best with one decimal."""
    return f"{value:.1f}" if round(value, 1) == value else f"{value:g}"


def format_number(value: float) -> str:
    """5.0 -> "5", 2.5 -> "2.5"."""
    return f"{value:g}"


def _percent_of_best(value: float, best: float, worst: float) -> str:
    """How full the rating's stars are: 4 of 5 fills 80% (a 1-5 scale has no zero stars)."""
    share = value / best if best > 0 and worst >= 0 else (value - worst) / (best - worst)
    return f"{max(0.0, min(1.0, share)) * 100:.0f}%"


def format_price(value: float, currency: str | None) -> str:
    """ "USD 19.99": the ISO 4217 code, then the amount with two decimals, the same in every
    language (the Hugo and Jekyll layouts write it so too)."""
    return f"{currency or ''} {value:.2f}".lstrip()


def updates_newest_first(review: Review) -> list[Update]:
    """The update log as the page shows it: the latest first; of two on one day, the one
    written later."""
    return sorted(reversed(review.updates), key=lambda update: _moment(update.date), reverse=True)


def _moment(when: date) -> datetime:
    """A date or date-time as a moment to compare: a date is its first moment in UTC."""
    if isinstance(when, datetime):
        return when
    return datetime(when.year, when.month, when.day, tzinfo=UTC)
