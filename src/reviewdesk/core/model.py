"""The review: the pydantic model of `review.yaml` (format reviewdesk/1) plus its body."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Annotated, Any, Final, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    FiniteFloat,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from reviewdesk.core.limits import (
    AUTHORS,
    BADGES,
    LIST_ITEMS,
    NAME_CHARS,
    PARAGRAPH_CHARS,
    SLUG_CHARS,
    TAG_CHARS,
    TAGS,
    URL_CHARS,
    at_most,
)
from reviewdesk.core.slug import SLUG_PATTERN, is_slug, slugify

FORMAT: Final = "reviewdesk/1"


def _http_url(value: str) -> str:
    # Possessive: a space in the URL fails it at once. Backtracking tried every way of
    # sharing the host and path between `+` and `*`: 0.3 s for each 8,000-character URL.
    if not re.match(r"^https?://[^\s/]++\S*+$", value):
        raise ValueError("must be an http:// or https:// URL")
    return value


def _slug(value: str) -> str:
    if not is_slug(value):
        raise ValueError(
            "must be lower-case letters and digits joined by hyphens, like 'my-review'"
        )
    return value


def _asset_path(value: str) -> str:
    """A relative POSIX path that stays inside the bundle (checked lexically here,
    symlinks are checked against the disk by `reviewdesk.core.assets`)."""
    if not value:
        raise ValueError("must not be empty")
    if "\\" in value or re.match(r"^[a-zA-Z]:", value):
        raise ValueError("must be a relative path with forward slashes")
    path = PurePosixPath(value)
    if path.is_absolute():
        raise ValueError("must be a path relative to the bundle, not an absolute path")
    if ".." in path.parts:
        raise ValueError("must stay inside the bundle (no '..')")
    return value


def _date_or_datetime(value: Any) -> Any:
    """Accept ISO 8601 strings as well as YAML's own timestamps."""
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                "must be an ISO 8601 date (2026-04-11) or date-time with offset "
                "(2026-04-11T09:30:00+02:00)"
            ) from None
    return value


def _aware(value: date | datetime | None) -> date | datetime | None:
    if isinstance(value, datetime) and value.utcoffset() is None:
        raise ValueError("a date-time needs a UTC offset, e.g. 2026-04-11T09:30:00+02:00")
    return value


def _a_day(value: Any) -> Any:
    value = _date_or_datetime(value)
    if isinstance(value, datetime):
        raise ValueError("must be a date (2026-04-11), without a time")
    return value


def _number_to_text(value: Any) -> Any:
    # `version: 2` is common in hand-written YAML; it is text all the same.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


def _first_non_finite(value: Any) -> tuple[str, float] | None:
    """The dotted path to a number in a free-form value that is not finite, and
    that number: JSON cannot hold one, and no review needs one."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:  # a loop, not recursion: front matter in JSON may nest a thousand deep
        path, item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return path, item
        children: list[tuple[Any, Any]] = []
        if isinstance(item, dict):
            children = [(key, key) for key in item] + list(item.items())
        elif isinstance(item, (list, tuple)):
            children = list(enumerate(item))
        stack.extend((f"{path}.{key}" if path else str(key), child) for key, child in children)
    return None


def _finite_values(value: Any) -> Any:
    found = _first_non_finite(value)
    if found is not None:
        path, number = found
        raise ValueError(f"{path or 'the value'} is {number}; numbers must be finite")
    return value


HttpUrl = Annotated[str, AfterValidator(_http_url), at_most(URL_CHARS)]
AssetPath = Annotated[str, AfterValidator(_asset_path), at_most(NAME_CHARS)]
Text = Annotated[str, BeforeValidator(_number_to_text)]
Name = Annotated[Text, at_most(NAME_CHARS)]
Paragraph = Annotated[str, at_most(PARAGRAPH_CHARS)]
Item = Annotated[Text, at_most(PARAGRAPH_CHARS)]
When = Annotated[date | datetime | None, BeforeValidator(_date_or_datetime), AfterValidator(_aware)]


class Status(StrEnum):
    DRAFT = "draft"
    READY = "ready"
    PUBLISHED = "published"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Author(_Part):
    name: Annotated[
        str,
        BeforeValidator(_stripped),
        AfterValidator(_not_blank),
        Field(json_schema_extra={"minLength": 1}),
        at_most(NAME_CHARS),
    ]
    url: HttpUrl | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        # `authors: [Jane Doe]` is the natural hand-written form.
        return {"name": data} if isinstance(data, str) else data


class Subject(_Part):
    """What is reviewed: schema.org itemReviewed."""

    name: Annotated[str, Field(min_length=1), at_most(NAME_CHARS)]
    type: Annotated[str, Field(pattern=r"^[A-Z][A-Za-z]*$"), at_most(NAME_CHARS)] = "Product"
    brand: Name = ""
    url: HttpUrl | None = None
    version: Name = ""


DEFAULT_SCALE: Final = (5.0, 1.0)  # best, worst


class Rating(_Part):
    value: FiniteFloat
    best: FiniteFloat = DEFAULT_SCALE[0]
    worst: FiniteFloat = DEFAULT_SCALE[1]

    @model_validator(mode="after")
    def _in_range(self) -> Self:
        if self.best <= self.worst:
            raise ValueError(f"best ({self.best:g}) must be greater than worst ({self.worst:g})")
        if not self.worst <= self.value <= self.best:
            raise ValueError(
                f"value {self.value:g} must lie between worst ({self.worst:g}) "
                f"and best ({self.best:g})"
            )
        return self


NonBlankName = Annotated[
    Text,
    BeforeValidator(_stripped),
    AfterValidator(_not_blank),
    Field(json_schema_extra={"minLength": 1}),
    at_most(NAME_CHARS),
]
NonBlankItem = Annotated[
    Text,
    BeforeValidator(_stripped),
    AfterValidator(_not_blank),
    Field(json_schema_extra={"minLength": 1}),
    at_most(PARAGRAPH_CHARS),
]
# ISO 4217: three capital letters (EUR, USD, GBP).
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
# BCP 47, as far as a writer types it: a language, then region, script or variant subtags.
Language = Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"), at_most(35)]


class Score(_Part):
    """One criterion's score, on the rating's scale; weights say how much it counts."""

    name: NonBlankName
    value: FiniteFloat
    weight: Annotated[FiniteFloat, Field(gt=0)] = 1.0


class Spec(_Part):
    name: NonBlankName
    value: NonBlankItem

    @model_validator(mode="before")
    @classmethod
    def _numbers_as_text(cls, data: Any) -> Any:
        # `value: 16` (GB, cores...) is the natural hand-written form.
        if isinstance(data, dict) and isinstance(data.get("value"), (int, float)):
            return {**data, "value": _number_to_text(data["value"])}
        return data


class Offer(_Part):
    """Where to buy: a seller's page, with the price when known (and the day it was seen)."""

    seller: NonBlankName
    url: HttpUrl
    price: Annotated[FiniteFloat, Field(ge=0)] | None = None
    currency: Currency | None = None
    checked: Annotated[date | None, BeforeValidator(_a_day)] = None
    sponsored: bool = False

    @model_validator(mode="after")
    def _price_has_currency(self) -> Self:
        if self.price is not None and self.currency is None:
            raise ValueError("a price needs its currency (an ISO 4217 code such as EUR or USD)")
        return self


class Update(_Part):
    """A dated note on what changed in the review since it was published."""

    date: Annotated[date | datetime, BeforeValidator(_date_or_datetime), AfterValidator(_aware)]
    note: NonBlankItem


class Hero(_Part):
    image: AssetPath
    alt: Paragraph = ""
    caption: Paragraph = ""


class Seo(_Part):
    title: Annotated[str, at_most(NAME_CHARS)] = ""
    description: Paragraph = ""
    canonical_url: HttpUrl | None = None


class Review(BaseModel):
    """One review. Keys of `review.yaml` not known here are kept (`model_extra`)
    so that a save never drops what a newer version or a person wrote."""

    model_config = ConfigDict(extra="allow", use_enum_values=False)

    format: Literal["reviewdesk/1"] = FORMAT
    title: Annotated[
        str,
        BeforeValidator(_stripped),
        AfterValidator(_not_blank),
        Field(json_schema_extra={"minLength": 1}),
        at_most(NAME_CHARS),
    ]
    subtitle: Paragraph = ""
    slug: (
        Annotated[
            str,
            AfterValidator(_slug),
            Field(json_schema_extra={"pattern": SLUG_PATTERN}),
            at_most(SLUG_CHARS),
        ]
        | None
    ) = None
    language: Language = "en"
    status: Status = Status.DRAFT
    published: When = None
    updated: When = None
    category: Name = ""
    badges: Annotated[list[Name], at_most(BADGES, "badges")] = []
    authors: Annotated[list[Author], at_most(AUTHORS, "authors")] = []
    subject: Subject | None = None
    rating: Rating | None = None
    scores: Annotated[list[Score], at_most(LIST_ITEMS, "scores")] = []
    tags: Annotated[
        list[Annotated[Text, BeforeValidator(_stripped), Field(min_length=1), at_most(TAG_CHARS)]],
        at_most(TAGS, "tags"),
    ] = []
    hero: Hero | None = None
    summary: Paragraph = ""
    verdict: Paragraph = ""
    best_for: Annotated[list[Item], at_most(LIST_ITEMS, "items")] = []
    skip_if: Annotated[list[Item], at_most(LIST_ITEMS, "items")] = []
    pros: Annotated[list[Item], at_most(LIST_ITEMS, "items")] = []
    cons: Annotated[list[Item], at_most(LIST_ITEMS, "items")] = []
    key_features: Annotated[list[Item], at_most(LIST_ITEMS, "items")] = []
    key_insights: Annotated[list[Item], at_most(LIST_ITEMS, "items")] = []
    specs: Annotated[list[Spec], at_most(LIST_ITEMS, "specs")] = []
    offers: Annotated[list[Offer], at_most(LIST_ITEMS, "offers")] = []
    disclosure: Paragraph = ""
    updates: Annotated[list[Update], at_most(LIST_ITEMS, "updates")] = []
    seo: Seo | None = None
    extra: Annotated[dict[str, Any], AfterValidator(_finite_values)] = {}
    # The Markdown of body.md: part of the review, not of review.yaml.
    body: SkipJsonSchema[str] = Field(default="", exclude=True)

    @field_validator("tags")
    @classmethod
    def _unique_tags(cls, tags: list[str]) -> list[str]:
        seen: dict[str, str] = {}
        for tag in tags:
            key = tag.casefold()
            if key in seen:
                raise ValueError(f"tag {tag!r} repeats {seen[key]!r} (tags ignore case)")
            seen[key] = tag
        return tags

    @model_validator(mode="after")
    def _finite_unknown_keys(self) -> Self:
        _finite_values(self.model_extra or {})
        return self

    @property
    def effective_slug(self) -> str:
        """The slug to publish under: the one given, else derived from the title."""
        return self.slug or slugify(self.title) or "review"

    @property
    def unknown_keys(self) -> dict[str, Any]:
        return dict(self.model_extra or {})

    @property
    def overall_rating(self) -> Rating | None:
        """The rating given, else the weighted mean of the scores on the default scale
        (`rating_from_scores` says which)."""
        if self.rating is not None or not self.scores:
            return self.rating
        best, worst = DEFAULT_SCALE
        total = sum(score.weight for score in self.scores)
        mean = sum(score.value * score.weight for score in self.scores) / total
        return Rating(value=round(min(max(mean, worst), best), 2), best=best, worst=worst)

    @property
    def rating_from_scores(self) -> bool:
        return self.rating is None and bool(self.scores)

    @property
    def last_update(self) -> date | None:
        """The latest of `updated` and the update log's dates: the page's dateModified."""
        days = [update.date for update in self.updates]
        if self.updated is not None:
            days.append(self.updated)
        return max(days, key=_sort_key) if days else None


def _sort_key(when: date) -> datetime:
    """A date or date-time as a moment to compare: a date is its first moment in UTC."""
    if isinstance(when, datetime):
        return when
    return datetime(when.year, when.month, when.day, tzinfo=UTC)


# The order keys are written in when a bundle is created, and where a key
# added later to a hand-written file is placed.
KEY_ORDER: tuple[str, ...] = tuple(name for name in Review.model_fields if name != "body")
LIST_FIELDS: tuple[str, ...] = ("pros", "cons", "key_features", "key_insights")
# Keys added to reviewdesk/1 after its first release: a payload writes them only when set, so
# a review without them exports as it did before they existed.
LATER_KEYS: tuple[str, ...] = (
    "language", "scores", "verdict", "best_for", "skip_if", "specs", "offers", "disclosure",
    "updates",
)  # fmt: skip
