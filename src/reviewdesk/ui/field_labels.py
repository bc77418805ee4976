"""Fields named as the form labels them (Hero, then Alt text), for what the window says about
a field. The command line keeps the paths of review.yaml (`hero.alt`): its readers edit the file,
and `FILE:LINE: field: message` is what editors and CI logs parse."""

from __future__ import annotations

import re

from reviewdesk.core.model import Review

SEPARATOR = " \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} "
FILE = "review.yaml"
# Kept in the file, edited by no pane.
FILE_ONLY = ("format", "extra")

# Each path of the model (a list's items as *) -> its pane, as the tab says, then the labels
# leading to its input; "{n}" is the item's number as the writer counts (the first is 1).
FORM_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("Metadata", "Title"),
    "subtitle": ("Metadata", "Deck"),
    "slug": ("Metadata", "Slug"),
    "language": ("Metadata", "Language"),
    "status": ("Metadata", "Status"),
    "published": ("Metadata", "Published"),
    "updated": ("Metadata", "Updated"),
    "category": ("Metadata", "Category"),
    "badges": ("Metadata", "Badges"),
    "badges.*": ("Metadata", "Badges", "badge {n}"),
    "authors": ("Metadata", "Authors"),
    "authors.*": ("Metadata", "Authors", "author {n}"),
    "authors.*.name": ("Metadata", "Authors", "author {n}", "name"),
    "authors.*.url": ("Metadata", "Authors", "author {n}", "home page"),
    "subject": ("Metadata", "Subject"),
    "subject.name": ("Metadata", "Subject", "Name"),
    "subject.type": ("Metadata", "Subject", "Type"),
    "subject.brand": ("Metadata", "Subject", "Brand"),
    "subject.url": ("Metadata", "Subject", "Web page"),
    "subject.version": ("Metadata", "Subject", "Version"),
    "rating": ("Metadata", "Rating"),
    "rating.value": ("Metadata", "Rating"),
    "rating.best": ("Metadata", "Rating"),
    "rating.worst": ("Metadata", "Rating"),
    "tags": ("Tags",),
    "tags.*": ("Tags", "tag {n}"),
    "hero": ("Hero",),
    "hero.image": ("Hero", "Image"),
    "hero.alt": ("Hero", "Alt text"),
    "hero.caption": ("Hero", "Caption"),
    "summary": ("Summary",),
    "verdict": ("Summary", "Verdict"),
    "scores": ("Scores",),
    "scores.*": ("Scores", "Score {n}"),
    "scores.*.name": ("Scores", "Score {n}", "Name"),
    "scores.*.value": ("Scores", "Score {n}", "Value"),
    "scores.*.weight": ("Scores", "Score {n}", "Weight"),
    "body": ("Body",),
    "pros": ("Pros & cons", "Pros"),
    "pros.*": ("Pros & cons", "Pros", "item {n}"),
    "cons": ("Pros & cons", "Cons"),
    "cons.*": ("Pros & cons", "Cons", "item {n}"),
    "best_for": ("Pros & cons", "Best for"),
    "best_for.*": ("Pros & cons", "Best for", "item {n}"),
    "skip_if": ("Pros & cons", "Skip if"),
    "skip_if.*": ("Pros & cons", "Skip if", "item {n}"),
    "key_features": ("Key points", "Key features"),
    "key_features.*": ("Key points", "Key features", "item {n}"),
    "key_insights": ("Key points", "Key insights"),
    "key_insights.*": ("Key points", "Key insights", "item {n}"),
    "specs": ("Specs",),
    "specs.*": ("Specs", "Spec {n}"),
    "specs.*.name": ("Specs", "Spec {n}", "Name"),
    "specs.*.value": ("Specs", "Spec {n}", "Value"),
    "offers": ("Offers",),
    "offers.*": ("Offers", "Offer {n}"),
    "offers.*.seller": ("Offers", "Offer {n}", "Seller"),
    "offers.*.url": ("Offers", "Offer {n}", "Link"),
    "offers.*.price": ("Offers", "Offer {n}", "Price"),
    "offers.*.currency": ("Offers", "Offer {n}", "Currency"),
    "offers.*.checked": ("Offers", "Offer {n}", "Checked"),
    "offers.*.sponsored": ("Offers", "Offer {n}", "Sponsored"),
    "disclosure": ("Offers", "Disclosure"),
    "updates": ("Updates",),
    "updates.*": ("Updates", "Update {n}"),
    "updates.*.date": ("Updates", "Update {n}", "Date"),
    "updates.*.note": ("Updates", "Update {n}", "Note"),
    "seo": ("SEO",),
    "seo.title": ("SEO", "SEO title"),
    "seo.description": ("SEO", "Description"),
    "seo.canonical_url": ("SEO", "Canonical URL"),
}

_INDEX = re.compile(r"^\d+$")


def field_label(path: str) -> str | None:
    """`hero.alt` -> "Hero > Alt text", `pros.2` -> "Pros & cons > Pros > item 3" (with
    SEPARATOR for the >). A key the form does not show (`extra`, a key unknown to reviewdesk/1)
    is named by its place in review.yaml. None for a field of the model missing from
    FORM_LABELS: a test keeps every field of the model named; the window then shows the path."""
    if not path:
        return ""
    parts = path.split(".")
    top = parts[0]
    if top in FILE_ONLY or top not in Review.model_fields:
        return f"{FILE}{SEPARATOR}{path}"
    pattern = ".".join("*" if _INDEX.match(part) else part for part in parts)
    labels = FORM_LABELS.get(pattern)
    if labels is None:
        return None
    numbers = iter(str(int(part) + 1) for part in parts if _INDEX.match(part))
    named = [label.replace("{n}", next(numbers)) if "{n}" in label else label for label in labels]
    return SEPARATOR.join(named)


def problem_place(path: str) -> str:
    """What the problems list names a field by: its label, or its path if it has none."""
    label = field_label(path)
    return path if label is None else label
