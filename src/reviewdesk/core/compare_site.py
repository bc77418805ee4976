"""A comparison as a page of a Hugo or Jekyll site: front matter, then the comparison's
`<article>` as HTML (compare_article.html.j2), which both generators publish as it is (an
`.html` content file: no Markdown renderer of theirs reads it; exports/static_site.py says
why). Every `{` of it is a character reference, so no shortcode or Liquid runs.

The front matter names the shipped layout that prints it (resources/hugo's
`layouts/comparison/single.html` by `type: comparison`, resources/jekyll's
`_layouts/comparison.html` by `layout: comparison`): the head of a review's page
(`reviewdesk.head`: the title, description and the ItemList JSON-LD, printed by the same
partial), the layout's, the review blocks' and the comparison's stylesheets around the
article.

- Hugo: a leaf bundle `SLUG/index.html` for a content section; each review's hero inside it,
  in a folder of its review's (`SLUG/REVIEW-SLUG/assets/hero.png`), linked relative to the
  page's address (Hugo's default URLs, `/SECTION/SLUG/`).
- Jekyll: the page `compare/SLUG.html` for the site's root, the heroes in the site's
  `assets/SLUG/REVIEW-SLUG/`, linked from the site's root; the layout puts the site's
  `baseurl` in front, as the review layout does."""

from __future__ import annotations

from typing import Any

from reviewdesk.core import front_matter
from reviewdesk.core.compare import description, heroes_of, render_article
from reviewdesk.core.compare_jsonld import comparison_jsonld
from reviewdesk.core.comparison import Comparison
from reviewdesk.core.exports.base import ExportResult
from reviewdesk.core.exports.site_keys import OWN_KEY
from reviewdesk.core.exports.static_site import literal_braces
from reviewdesk.core.jsonld import jsonld_text
from reviewdesk.core.model import Review

LAYOUT = "comparison"  # Hugo's `type`, Jekyll's `layout`
JEKYLL_FOLDER = "compare"  # where in a Jekyll site the page goes


def site_page(comparison: Comparison, to: str, *, title: str, slug: str) -> ExportResult:
    """The page of `comparison` for the site `to` (hugo or jekyll), slug `slug`."""
    hugo = to == "hugo"
    # Hugo: beside the page, in its bundle. Jekyll: the site's assets/SLUG/, from the root.
    if hugo:
        heroes, warnings = heroes_of(comparison, into="", link="")
    else:  # the page is in compare/: ../ is the site's root
        folder = f"assets/{slug}/"
        heroes, warnings = heroes_of(comparison, into="../" + folder, link="/" + folder)
    copies = tuple(hero.asset for hero in heroes.values() if hero.asset is not None)
    sources = {position: hero.src for position, hero in heroes.items()}
    data: dict[str, Any] = {"title": title, "description": description(comparison)}
    if hugo:
        data |= {"slug": slug, "type": LAYOUT}
    else:
        data |= {"layout": LAYOUT, "render_with_liquid": False}
    if comparison.language != Review.model_fields["language"].default:
        data["language"] = comparison.language
    data[OWN_KEY] = {
        "export": to,
        "compares": [column.review.effective_slug for column in comparison.columns],
        "head": {
            "title": title,
            "description": description(comparison),
            "jsonld": jsonld_text(comparison_jsonld(comparison, title=title)),
        },
    }
    article = literal_braces(render_article(comparison, sources, title))
    location = f"{slug}/index.html" if hugo else f"{JEKYLL_FOLDER}/{slug}.html"
    return ExportResult(
        front_matter.join(data, article), ".html", copies, warnings, location=location
    )
