"""A page's JSON-LD against Google's review-snippet rules (DESIGN §5).

Google's guidance for a `Review` (developers.google.com/search/docs/appearance/structured-data/
review-snippet and the pros-and-cons section of product snippets), as checked here:

- exactly one `Review`, nested in the reviewed item (`item.review`) or at the top level with an
  `itemReviewed`;
- the reviewed item has a name and one of the types Google supports for reviews (or a subtype);
- the review has an `author`: people or organisations, each with a name;
- `reviewRating` only when the review is rated, its `ratingValue` between `worstRating`
  (default 1) and `bestRating` (default 5);
- `positiveNotes` / `negativeNotes` are `ItemList`s of named `ListItem`s, at least two notes in
  all when there are any, and every note's text is visible on the page;
- pros and cons are documented for reviews of a product: an item with notes is a `Product` (or
  a type under it), whatever else it is;
- the item's `offers` are `Offer`s or an `AggregateOffer` of them: an Offer has an absolute
  http(s) `url`, a named seller if any, a `price` and its `priceCurrency`; an AggregateOffer a
  `lowPrice` (not above its `highPrice`), a `priceCurrency` and an `offerCount` of at least
  its offers. A price is a number, or one written as a string without a currency sign or a
  thousands separator; a currency an ISO 4217 code (three capital letters);
- `additionalProperty` is a list of named `PropertyValue`s with a value;
- `dateModified`, like `datePublished` an ISO 8601 date or date-time, is not before it (two
  date-times compare as moments, a date with anything as a day).

The page's text comes from Chromium (`innerText`, see axe.py) or, faster, from `parse_page`,
which reads the HTML with html.parser and leaves out what a browser does not show.
"""

from __future__ import annotations

import json
import math
import numbers
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

# Google's types for a reviewed item, and the subtypes of them a review is likely to name.
ITEM_TYPES: frozenset[str] = frozenset(
    {
        "Book", "Course", "CreativeWorkSeason", "CreativeWorkSeries", "Episode", "Event", "Game",
        "HowTo", "LocalBusiness", "MediaObject", "Movie", "MusicPlaylist", "MusicRecording",
        "Organization", "Product", "Recipe", "SoftwareApplication",
        # subtypes
        "MobileApplication", "WebApplication", "VideoGame", "BookSeries", "MovieSeries",
        "PodcastSeries", "TVSeries", "VideoGameSeries", "TVSeason", "PodcastSeason",
        "TVEpisode", "PodcastEpisode", "MusicAlbum", "AudioObject", "ImageObject", "VideoObject",
        "IndividualProduct", "ProductModel", "ProductGroup", "Vehicle", "Car", "Motorcycle",
        "Restaurant", "Store", "Hotel", "Corporation", "EducationalOrganization",
    }
)  # fmt: skip
AUTHOR_TYPES = frozenset({"Person", "Organization"})
# Product and the types under it: Google's pros and cons are for reviews of one.
PRODUCT_TYPES = frozenset(
    {
        "Product", "IndividualProduct", "ProductCollection", "ProductGroup", "ProductModel",
        "SomeProducts", "Vehicle", "BusOrCoach", "Car", "Motorcycle", "MotorizedBicycle",
    }
)  # fmt: skip
SELLER_TYPES = frozenset({"Organization", "Person", "Corporation", "OnlineStore", "Store"})
RULES = (
    "syntax", "context", "one-review", "item-name", "item-type", "author", "rating",
    "rating-range", "notes", "notes-count", "note-empty", "note-visible", "product-type",
    "offer", "offer-price", "offer-currency", "offer-url", "property", "date", "date-modified",
)  # fmt: skip


@dataclass(frozen=True)
class RuleProblem:
    rule: str
    """One of `RULES`."""
    message: str


@dataclass(frozen=True)
class Page:
    """What a reader sees of a page (one string per block: paragraph, list item, cell...) and
    the text of its JSON-LD scripts."""

    text: str
    jsonld: tuple[str, ...]


def check(jsonld: Sequence[str], text: str, *, rated: bool) -> list[RuleProblem]:
    """The problems of a page's JSON-LD scripts; `text` is the page's visible text, `rated`
    whether the review has a rating, given or made by its scores (`Review.overall_rating`)."""
    problems: list[RuleProblem] = []
    roots: list[Any] = []
    for source in jsonld:
        try:
            roots.append(json.loads(source))
        except json.JSONDecodeError as error:
            problems.append(RuleProblem("syntax", f"a JSON-LD script is not JSON: {error}"))
    if problems:
        return problems  # the review may be in the script that could not be read
    for root in roots:
        if not isinstance(root, dict) or root.get("@context") not in _CONTEXTS:
            problems.append(RuleProblem("context", "@context is not https://schema.org"))
    found = [(review, parent) for root in roots for review, parent in _reviews(root, None)]
    if len(found) != 1:
        return [*problems, RuleProblem("one-review", f"{len(found)} Review objects, not 1")]
    review, parent = found[0]
    item = review.get("itemReviewed", parent)
    return [
        *problems,
        *_item(review, parent),
        *_author(review.get("author")),
        *_rating(review.get("reviewRating"), rated=rated),
        *_notes(review, _lines(text)),
        *_product(review, item),
        *_offers(item),
        *_properties(item),
        *_dates(review),
    ]


def parse_page(html: str) -> Page:
    """The visible text and JSON-LD of `html`, without a browser."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return Page("".join(parser.text), tuple(parser.jsonld))


def format_problems(problems: Sequence[RuleProblem]) -> str:
    return "\n".join(f"{p.rule}: {p.message}" for p in problems) or "no problems"


_CONTEXTS = ("https://schema.org", "http://schema.org", "https://schema.org/", "http://schema.org/")


def _types(node: Any) -> set[str]:
    kind = node.get("@type") if isinstance(node, dict) else None
    kinds = kind if isinstance(kind, list) else [kind]
    return {k for k in kinds if isinstance(k, str)}


def _reviews(node: Any, parent: dict[str, Any] | None) -> Iterator[tuple[dict[str, Any], Any]]:
    """Every Review under `node`, with the object holding it in its `review` property."""
    if isinstance(node, list):
        for child in node:
            yield from _reviews(child, parent)
    elif isinstance(node, dict):
        if "Review" in _types(node):
            yield node, parent
        for key, value in node.items():
            yield from _reviews(value, node if key == "review" else None)


def _item(review: dict[str, Any], parent: dict[str, Any] | None) -> list[RuleProblem]:
    item = review.get("itemReviewed", parent)
    if not isinstance(item, dict):
        return [RuleProblem("item-name", "the Review is neither nested nor has itemReviewed")]
    problems = []
    if not _name(item):
        problems.append(RuleProblem("item-name", "the reviewed item has no name"))
    if not _types(item) & ITEM_TYPES:
        kinds = sorted(_types(item)) or ["none"]
        problems.append(
            RuleProblem("item-type", f"Google does not show reviews of a {'/'.join(kinds)}")
        )
    return problems


def _author(author: Any) -> list[RuleProblem]:
    authors = author if isinstance(author, list) else [author]
    if not authors or author is None:
        return [RuleProblem("author", "the Review has no author")]
    return [
        RuleProblem("author", f"an author is not a named Person or Organization: {each!r}")
        for each in authors
        if not (isinstance(each, dict) and _types(each) & AUTHOR_TYPES and _name(each))
    ]


def _rating(rating: Any, *, rated: bool) -> list[RuleProblem]:
    if rating is None:
        return (
            [RuleProblem("rating", "the review is rated but has no reviewRating")] if rated else []
        )
    if not rated:
        return [RuleProblem("rating", "reviewRating on a review without a rating")]
    if not isinstance(rating, dict) or "Rating" not in _types(rating):
        return [RuleProblem("rating", f"reviewRating is not a Rating: {rating!r}")]
    value, best, worst = (
        _number(rating.get(key, default))
        for key, default in (("ratingValue", None), ("bestRating", 5), ("worstRating", 1))
    )
    if value is None or best is None or worst is None:
        return [RuleProblem("rating-range", f"ratingValue, bestRating or worstRating: {rating}")]
    if not worst <= value <= best or worst >= best:
        return [RuleProblem("rating-range", f"{value} is not within {worst}..{best}")]
    return []


def _number(value: Any) -> float | None:
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _notes(review: dict[str, Any], lines: list[str]) -> list[RuleProblem]:
    problems: list[RuleProblem] = []
    names: list[str] = []
    for key in ("positiveNotes", "negativeNotes"):
        if key not in review:
            continue
        notes = review[key]
        elements = notes.get("itemListElement") if isinstance(notes, dict) else None
        if "ItemList" not in _types(notes) or not isinstance(elements, list) or not elements:
            problems.append(RuleProblem("notes", f"{key} is not an ItemList of ListItems"))
            continue
        for position, element in enumerate(elements, start=1):
            if not isinstance(element, dict) or "ListItem" not in _types(element):
                problems.append(RuleProblem("notes", f"{key} #{position} is not a ListItem"))
            elif element.get("position", position) != position:
                problems.append(RuleProblem("notes", f"{key} #{position} has a wrong position"))
            name = element.get("name") if isinstance(element, dict) else None
            if not isinstance(name, str) or not name.strip():
                problems.append(RuleProblem("note-empty", f"{key} #{position} has no text"))
                continue
            names.append(name)
            if not any(_normal(name) in line for line in lines):
                problems.append(
                    RuleProblem("note-visible", f"{key} #{position} is not on the page: {name!r}")
                )
    if (problems or names) and len(names) < 2:
        problems.append(RuleProblem("notes-count", f"{len(names)} note(s); give at least two"))
    return problems


def _product(review: dict[str, Any], item: Any) -> list[RuleProblem]:
    if not any(key in review for key in ("positiveNotes", "negativeNotes")):
        return []
    if _types(item) & PRODUCT_TYPES:
        return []
    kinds = "/".join(sorted(_types(item))) or "none"
    return [RuleProblem("product-type", f"pros and cons on a {kinds}, which is not a Product")]


def _offers(item: Any) -> list[RuleProblem]:
    offers = item.get("offers") if isinstance(item, dict) else None
    if offers is None:
        return []
    each = offers if isinstance(offers, list) else [offers]
    return [
        problem
        for number, offer in enumerate(each, start=1)
        for problem in (
            _aggregate(offer)
            if "AggregateOffer" in _types(offer)
            else _offer(offer, f"offer #{number}")
        )
    ]


def _aggregate(aggregate: dict[str, Any]) -> list[RuleProblem]:
    problems: list[RuleProblem] = []
    offers = aggregate.get("offers", [])
    offers = offers if isinstance(offers, list) else [offers]
    count = aggregate.get("offerCount")
    if count is not None and (
        not isinstance(count, int) or isinstance(count, bool) or count < max(1, len(offers))
    ):
        problems.append(RuleProblem("offer", f"offerCount {count!r} for {len(offers)} offers"))
    low, low_problems = _price(aggregate, "lowPrice", "the AggregateOffer")
    high, high_problems = _price(aggregate, "highPrice", "the AggregateOffer", required=False)
    problems += [*low_problems, *high_problems, *_currency(aggregate, "the AggregateOffer")]
    if low is not None and high is not None and low > high:
        problems.append(RuleProblem("offer", f"lowPrice {low} is above highPrice {high}"))
    for number, offer in enumerate(offers, start=1):
        problems += _offer(offer, f"offer #{number} of the AggregateOffer")
    return problems


def _offer(offer: Any, name: str) -> list[RuleProblem]:
    if not isinstance(offer, dict) or "Offer" not in _types(offer):
        return [RuleProblem("offer", f"{name} is not an Offer: {offer!r}")]
    problems: list[RuleProblem] = []
    url = offer.get("url")
    if not _absolute(url):
        problems.append(RuleProblem("offer-url", f"{name}'s url is not absolute: {url!r}"))
    seller = offer.get("seller")
    if seller is not None and not (
        isinstance(seller, dict) and _types(seller) & SELLER_TYPES and _name(seller)
    ):
        problems.append(RuleProblem("offer", f"{name}'s seller is not named: {seller!r}"))
    problems += _price(offer, "price", name)[1]
    problems += _currency(offer, name)
    return problems


# A price as Google reads it: digits with a point for decimals, nothing else.
_PRICE = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _price(
    node: dict[str, Any], key: str, name: str, *, required: bool = True
) -> tuple[float | None, list[RuleProblem]]:
    if key not in node:
        missing = [RuleProblem("offer-price", f"{name} has no {key}")]
        return None, missing if required else []
    value = node[key]
    number = _number(value) if isinstance(value, str) and _PRICE.match(value) else None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
    if number is None or not math.isfinite(number) or number < 0:
        return None, [RuleProblem("offer-price", f"{name}'s {key} is not a price: {value!r}")]
    return number, []


def _currency(node: dict[str, Any], name: str) -> list[RuleProblem]:
    currency = node.get("priceCurrency")
    if isinstance(currency, str) and _CURRENCY.match(currency):
        return []
    return [RuleProblem("offer-currency", f"{name}'s priceCurrency is not ISO 4217: {currency!r}")]


def _absolute(url: Any) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and url.strip() == url


def _properties(item: Any) -> list[RuleProblem]:
    found = item.get("additionalProperty") if isinstance(item, dict) else None
    if found is None:
        return []
    properties = found if isinstance(found, list) else [found]
    return [
        RuleProblem("property", f"additionalProperty #{number} is not a named value: {each!r}")
        for number, each in enumerate(properties, start=1)
        if not (
            isinstance(each, dict)
            and "PropertyValue" in _types(each)
            and _name(each)
            and each.get("value") not in (None, "")
        )
    ]


def _dates(review: dict[str, Any]) -> list[RuleProblem]:
    problems: list[RuleProblem] = []
    when: dict[str, date] = {}
    for key in ("datePublished", "dateModified"):
        if key not in review:
            continue
        found = _when(review[key])
        if found is None:
            problems.append(RuleProblem("date", f"{key} is not ISO 8601: {review[key]!r}"))
        else:
            when[key] = found
    published, modified = when.get("datePublished"), when.get("dateModified")
    if published is not None and modified is not None and _before(modified, published):
        problems.append(
            RuleProblem(
                "date-modified",
                f"dateModified {review['dateModified']} is before "
                f"datePublished {review['datePublished']}",
            )
        )
    return problems


def _when(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else moment.date()


def _before(first: date, second: date) -> bool:
    if isinstance(first, datetime) and isinstance(second, datetime):
        return first < second
    return _day(first) < _day(second)


def _day(when: date) -> date:
    return when.date() if isinstance(when, datetime) else when


def _name(node: dict[str, Any]) -> bool:
    name = node.get("name")
    return isinstance(name, str) and bool(name.strip())


def _normal(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str) -> list[str]:
    # Only "\n" ends a block: str.splitlines() would also split at characters a note may hold.
    return [_normal(line) for line in text.split("\n")]


_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's white space, not Python's
# Elements whose content a browser does not show as text of the page.
_HIDDEN = frozenset({"head", "script", "style", "template", "noscript", "title"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
     "wbr"}
)  # fmt: skip
# Elements that sit inside a line of text; any other tag starts a new block.
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
     "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
     "var", "wbr"}
)  # fmt: skip


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.jsonld: list[str] = []
        self._skipping: tuple[str, int] | None = None  # the hidden element's tag and depth
        self._in_jsonld = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and ("type", "application/ld+json") in attrs:
            self._in_jsonld = True
            self.jsonld.append("")
        if self._skipping is not None:
            name, depth = self._skipping
            if tag == name:
                self._skipping = (name, depth + 1)
        elif tag in _HIDDEN or (tag not in _VOID and any(key == "hidden" for key, _ in attrs)):
            self._skipping = (tag, 1)
        elif tag not in _INLINE:
            self.text.append("\n")
        self._pre += tag == "pre" and self._skipping is None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False
        if tag == "pre" and self._skipping is None:
            self._pre = max(0, self._pre - 1)
        if self._skipping is None:
            if tag not in _INLINE:
                self.text.append("\n")
            return
        name, depth = self._skipping
        if tag == name:
            self._skipping = (name, depth - 1) if depth > 1 else None

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld[-1] += data
        elif self._skipping is None:
            # Line breaks in the source are spaces on the page, except in <pre>.
            self.text.append(data if self._pre else _SPACES.sub(" ", data))
