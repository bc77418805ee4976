"""Edits of one field of a review, by its dotted path (`title`, `seo.description`).

The app's undo commands are thin calls into these: every edit makes a new, validated Review
and leaves the old one untouched, so undo is just putting the old value back."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from reviewdesk.core.model import Review


class EditError(ValueError):
    """The value is not valid for the field; `str()` is a message for the writer."""


def get(review: Review, path: str) -> Any:
    value: Any = review
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def replaced(review: Review, path: str, value: Any) -> Review:
    """A copy of `review` with the field at `path` set to `value`, validated."""
    top, _, rest = path.partition(".")
    if rest:
        value = _with_part(getattr(review, top), Review.model_fields[top].annotation, rest, value)
    copy = review.model_copy()
    try:
        Review.__pydantic_validator__.validate_assignment(copy, top, value)
    except ValidationError as error:
        raise EditError(_message(error)) from None
    return copy


def _with_part(parent: BaseModel | None, annotation: Any, name: str, value: Any) -> BaseModel:
    kind = parent.__class__ if parent is not None else _model_in(annotation)
    data = parent.model_dump() if parent is not None else {}
    try:
        return kind.model_validate({**data, name: value})
    except ValidationError as error:
        raise EditError(_message(error)) from None


def _model_in(annotation: Any) -> type[BaseModel]:
    for candidate in getattr(annotation, "__args__", (annotation,)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    raise TypeError(f"{annotation} holds no model")


def _message(error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    return str(first["msg"]).removeprefix("Value error, ")
