"""A comparison page's JSON-LD against Google's carousel (ItemList) guidance and, for each review
it embeds, the review rules of jsonld_rules.py (developers.google.com/search/docs/appearance/
structured-data/carousel):

- one `ItemList` whose `itemListElement` holds at least two `ListItem`s, their `position`s
  1, 2, 3... in order, and `numberOfItems`, when given, their count;
- one of Google's two shapes, never a mix: a summary page, each ListItem with only `@type`,
  `position` and `url` (an absolute http(s) address, all different, on one host); or an
  all-in-one list, each ListItem with a `name` and its `item`;
- an embedded item is a reviewed thing with its review nested in it that passes every rule of
  a review's page (jsonld_rules.check), its notes visible on this page.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from .jsonld_rules import RuleProblem, check

RULES = ("syntax", "item-list", "list-item", "list-count", "list-shape", "list-url", "item")
_SUMMARY_KEYS = {"@type", "position", "url"}


def check_item_list(
    jsonld: Sequence[str], text: str, *, rated: Sequence[bool]
) -> list[RuleProblem]:
    """The problems of a comparison page's JSON-LD scripts; `text` is the page's visible text,
    `rated[n]` whether the n-th review has a rating."""
    try:
        roots = [json.loads(source) for source in jsonld]
    except json.JSONDecodeError as error:
        return [RuleProblem("syntax", f"a JSON-LD script is not JSON: {error}")]
    lists = [root for root in roots if isinstance(root, dict) and root.get("@type") == "ItemList"]
    if len(roots) != 1 or len(lists) != 1:
        return [
            RuleProblem("item-list", f"{len(lists)} ItemList in {len(roots)} scripts, not 1 in 1")
        ]
    (found,) = lists
    if found.get("@context") != "https://schema.org":
        return [RuleProblem("item-list", f"@context is {found.get('@context')!r}")]
    elements = found.get("itemListElement")
    if not isinstance(elements, list) or len(elements) < 2:
        return [RuleProblem("item-list", "itemListElement is not a list of two or more")]
    problems = [*_positions(elements), *_count(found, len(elements))]
    linked = [isinstance(e, dict) and "url" in e and "item" not in e for e in elements]
    if all(linked):
        return problems + _summary(elements)
    if any(linked):
        return [*problems, RuleProblem("list-shape", "some items are links, some embedded")]
    for number, (element, is_rated) in enumerate(zip(elements, rated, strict=True), start=1):
        problems += _embedded(element, number, text, rated=is_rated)
    return problems


def _positions(elements: list[Any]) -> list[RuleProblem]:
    return [
        RuleProblem("list-item", f"item #{number} is not a ListItem at position {number}")
        for number, element in enumerate(elements, start=1)
        if not (
            isinstance(element, dict)
            and element.get("@type") == "ListItem"
            and element.get("position") == number
        )
    ]


def _count(found: dict[str, Any], count: int) -> list[RuleProblem]:
    if "numberOfItems" in found and found["numberOfItems"] != count:
        return [RuleProblem("list-count", f"numberOfItems {found['numberOfItems']} for {count}")]
    return []


def _summary(elements: list[dict[str, Any]]) -> list[RuleProblem]:
    problems: list[RuleProblem] = []
    urls = [element["url"] for element in elements]
    for number, element in enumerate(elements, start=1):
        if set(element) != _SUMMARY_KEYS:
            extra = sorted(set(element) - _SUMMARY_KEYS)
            problems.append(RuleProblem("list-shape", f"item #{number} has more: {extra}"))
        parts = urlsplit(element["url"]) if isinstance(element["url"], str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(RuleProblem("list-url", f"item #{number}'s url is not absolute"))
    if len(set(urls)) != len(urls):
        problems.append(RuleProblem("list-url", "two items have one url"))
    if len({urlsplit(str(url)).netloc for url in urls}) > 1:
        problems.append(RuleProblem("list-url", "the urls are on different hosts"))
    return problems


def _embedded(element: Any, number: int, text: str, *, rated: bool) -> list[RuleProblem]:
    item = element.get("item") if isinstance(element, dict) else None
    name = element.get("name") if isinstance(element, dict) else None
    if not isinstance(item, dict) or not isinstance(name, str) or not name.strip():
        return [RuleProblem("item", f"item #{number} has no name and item")]
    single = json.dumps({"@context": "https://schema.org", **item})
    return [
        RuleProblem("item", f"item #{number}: {problem.rule}: {problem.message}")
        for problem in check([single], text, rated=rated)
    ]
