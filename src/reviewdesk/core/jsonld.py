"""schema.org JSON-LD for a review, after Google's review-snippet guidance.

The reviewed thing (a `Product`, or the subject's type) is the top-level item and the review is
nested in it, with `reviewRating` only when the review has a rating and the pros and cons as
`positiveNotes` / `negativeNotes` whose item names are exactly the text shown on the page.
Google documents pros and cons for reviews of a product only, so an item with notes (or specs,
which are a Product's `additionalProperty`) is a `Product` as well as the subject's type
(`["Product", "SoftwareApplication"]`). Where to buy is its `Offer` (one) or `AggregateOffer`
(several), of the offers with a price, since Google requires one; the review's latest
update is its `dateModified`, and its rating is the one given or the one its scores make.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from markupsafe import Markup

from reviewdesk.core import typography
from reviewdesk.core.model import Offer, Review, Spec

__all__ = ["jsonld_script", "jsonld_text", "review_jsonld"]

# schema.org CreativeWork types: they have no `brand`, their maker is the `publisher`.
_CREATIVE_WORK_TYPES = frozenset(
    {
        "Book", "Course", "CreativeWork", "Episode", "Game", "MobileApplication", "Movie",
        "MusicAlbum", "MusicRecording", "Podcast", "PodcastSeries", "SoftwareApplication",
        "TVSeries", "VideoGame", "WebApplication", "WebSite",
    }
)  # fmt: skip
_DEFAULT_LANGUAGE = Review.model_fields["language"].default
_SOFTWARE_TYPES = frozenset({"SoftwareApplication", "MobileApplication", "WebApplication"})
# Product and the schema.org types under it: an item of one of these is a Product already.
_PRODUCT_TYPES = frozenset(
    {
        "Product", "IndividualProduct", "ProductCollection", "ProductGroup", "ProductModel",
        "SomeProducts", "Vehicle", "BusOrCoach", "Car", "Motorcycle", "MotorizedBicycle",
    }
)  # fmt: skip


def review_jsonld(
    review: Review,
    *,
    page_url: str | None = None,
    image_url: str | None = None,
    typeset: bool = False,
) -> dict[str, Any]:
    """The JSON-LD object for `review`: its subject with the review nested in it.

    `page_url` is the address of the published page (default: the SEO canonical URL);
    `image_url` the address the hero image is published at. `typeset` is for a page that
    shows the text fields with typographic punctuation (core/typography.py: the html layout,
    the WordPress and Ghost article, the Hugo and Jekyll layouts): the pros and cons are then
    written as the page shows them, since Google wants the notes to be the page's visible
    words. Without it they are as typed. Every other text is the review's data as typed, as in
    the meta tags: names, descriptions and values that machines read, not words of the page."""
    if typeset:
        review = _as_shown(review)
    item = _item(review)
    item["review"] = _review(review, page_url=page_url, image_url=image_url)
    return {"@context": "https://schema.org", **item}


def _as_shown(review: Review) -> Review:
    """`review` with its pros and cons as the page shows them."""

    def shown(text: str) -> str:
        return typography.typeset(text, review.language)

    return review.model_copy(
        update={"pros": list(map(shown, review.pros)), "cons": list(map(shown, review.cons))}
    )


def _item(review: Review) -> dict[str, Any]:
    item = _subject(review)
    if review.specs:
        item["additionalProperty"] = [_property(spec) for spec in review.specs]
    if offers := _offers(review.offers):
        item["offers"] = offers
    return item


def _subject(review: Review) -> dict[str, Any]:
    subject = review.subject
    if subject is None:
        # Google shows review snippets for a Product (and a few other types), never a Thing.
        return {"@type": "Product", "name": _name_from_title(review.title)}
    item: dict[str, Any] = {"@type": _item_type(review, subject.type), "name": subject.name}
    if subject.brand:
        if subject.type in _CREATIVE_WORK_TYPES:
            item["publisher"] = {"@type": "Organization", "name": subject.brand}
        else:
            item["brand"] = {"@type": "Brand", "name": subject.brand}
    if subject.url:
        item["url"] = subject.url
    if subject.version and subject.type in _SOFTWARE_TYPES:
        item["softwareVersion"] = subject.version
    return item


def _item_type(review: Review, kind: str) -> str | list[str]:
    """`kind`, or Product with it when the review has pros, cons or specs and `kind` is no
    Product (additionalProperty is a Product's, not a CreativeWork's)."""
    if kind in _PRODUCT_TYPES or not (review.pros or review.cons or review.specs):
        return kind
    return ["Product", kind]


def _property(spec: Spec) -> dict[str, Any]:
    return {"@type": "PropertyValue", "name": spec.name, "value": spec.value}


def _offers(offers: Sequence[Offer]) -> dict[str, Any] | list[dict[str, Any]] | None:
    """Where to buy as Google reads it: an Offer needs a price, so only the offers with one
    (a price is never made up); one Offer, an AggregateOffer of several in one currency with
    their range, or each Offer when their currencies differ (a range across them says nothing).
    """
    known = [(offer, offer.price, offer.currency) for offer in offers if offer.price is not None]
    if not known:
        return None
    if len(known) == 1:
        return _offer(*known[0])
    if len({currency for _, _, currency in known}) > 1:
        return [_offer(*each) for each in known]
    prices = [price for _, price, _ in known]
    return {
        "@type": "AggregateOffer",
        "lowPrice": _number(min(prices)),
        "highPrice": _number(max(prices)),
        "priceCurrency": known[0][2],
        "offerCount": len(known),
        "offers": [_offer(*each) for each in known],
    }


def _offer(offer: Offer, price: float, currency: str | None) -> dict[str, Any]:
    return {
        "@type": "Offer",
        "url": offer.url,
        "price": _number(price),
        "priceCurrency": currency,  # a price has its currency (the model says so)
        "seller": {"@type": "Organization", "name": offer.seller},
    }


def _name_from_title(title: str) -> str:
    """ "Example Model Review: Faster, Cheaper" -> "Example Model"."""
    head = re.sub(r"\s+review\s*$", "", title.split(":", 1)[0], flags=re.IGNORECASE).strip()
    return head or title


def _review(review: Review, *, page_url: str | None, image_url: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Review", "name": review.title}
    if review.language != _DEFAULT_LANGUAGE:  # as review.yaml holds it: only when set
        data["inLanguage"] = review.language
    if review.authors:
        data["author"] = [_person(author.name, author.url) for author in review.authors]
    if review.published:
        data["datePublished"] = _iso(review.published)
    if modified := review.last_update:
        data["dateModified"] = _iso(modified)
    if review.summary:
        data["description"] = review.summary
    url = page_url or (review.seo.canonical_url if review.seo else None)
    if url:
        data["url"] = url
    if image_url:
        data["image"] = image_url
    if rating := review.overall_rating:
        data["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": _number(rating.value),
            "bestRating": _number(rating.best),
            "worstRating": _number(rating.worst),
        }
    if review.pros:
        data["positiveNotes"] = _item_list(review.pros)
    if review.cons:
        data["negativeNotes"] = _item_list(review.cons)
    return data


def _person(name: str, url: str | None) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": name}
    if url:
        person["url"] = url
    return person


def _iso(when: date) -> str:
    return when.isoformat()  # a datetime is a date; both give valid ISO 8601


def _number(value: float) -> int | float:
    # 5.0 -> 5: what a person would write. An int can arrive (model_construct skips
    # validation), and int has no is_integer() before Python 3.12.
    return int(value) if float(value).is_integer() else value


def _item_list(texts: Sequence[str]) -> dict[str, Any]:
    return {
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": text}
            for position, text in enumerate(texts, start=1)
        ],
    }


# Inside <script>, "</script>" or "<!--" in a string would end or corrupt the element; JSON's
# \u escapes keep the data identical while no "<", ">" or "&" reaches the HTML parser.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def jsonld_text(data: dict[str, Any]) -> str:
    """`data` as the text of a `<script type="application/ld+json">` element: JSON with no
    `<`, `>` or `&`, which any page (or a static site's layout) can print as it is."""
    text = json.dumps(data, ensure_ascii=False, indent=None, sort_keys=False, allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)


def jsonld_script(data: dict[str, Any]) -> Markup:
    """`data` as a `<script type="application/ld+json">` element, safe to put in any page."""
    return Markup(f'<script type="application/ld+json">{jsonld_text(data)}</script>')
