"""The comparison page's JSON-LD: a schema.org `ItemList` of the reviews, in the order of the
columns, in one of the two shapes Google's carousel guidance describes (developers.google.com/
search/docs/appearance/structured-data/carousel), never a mix of them:

- every review has its own page (`seo.canonical_url`, all different): a summary page, each
  `ListItem` with only its `position` and that `url`, where the review's own JSON-LD is;
- otherwise: an all-in-one list, each `ListItem` with its `position`, the `name` of what is
  reviewed and as its `item` the review's reviewed thing with the review nested in it, exactly
  as core/jsonld.py makes it for the review's page (its pros and cons typeset, as this page
  shows them too).

A list of one shape is what each of Google's formats validates; a mixed one is neither. Google
shows carousels for a few types only (courses, films, recipes, restaurants) and review snippets
for a page about one item: the list tells search engines which reviews the page compares, and
each embedded review keeps to the rules of a review's page (tests/e2e/jsonld_rules.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reviewdesk.core.comparison import Column, Comparison
from reviewdesk.core.jsonld import review_jsonld


def comparison_jsonld(
    comparison: Comparison, *, title: str, images: Mapping[int, str] | None = None
) -> dict[str, Any]:
    """The ItemList of `comparison`'s reviews; `images` gives the absolute address of a
    column's hero (by position) for an embedded review's `image`."""
    urls = [column.url for column in comparison.columns]
    summary = all(urls) and len(set(urls)) == len(urls)
    elements = [
        _linked(column) if summary else _embedded(column, (images or {}).get(column.position))
        for column in comparison.columns
    ]
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": title,
        "numberOfItems": len(elements),
        "itemListElement": elements,
    }


def _linked(column: Column) -> dict[str, Any]:
    return {"@type": "ListItem", "position": column.position, "url": column.url}


def _embedded(column: Column, image: str | None) -> dict[str, Any]:
    item = review_jsonld(column.review, page_url=column.url, image_url=image, typeset=True)
    item.pop("@context")
    return {"@type": "ListItem", "position": column.position, "name": column.name, "item": item}
