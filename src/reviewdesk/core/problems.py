"""Problems found in a review: what `validate` and `check` report, and what a failed load raises."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem, located as precisely as we can: file, line (1-based) and field.

    `field` is a dotted path into the review (`authors.0.url`), or "" for the
    file as a whole; `span` the [start, end) of the words it is about in the field's text
    (the whole body's for the body), when it is about words (a misspelling)."""

    file: Path
    line: int | None
    field: str
    message: str
    severity: Severity = Severity.ERROR
    span: tuple[int, int] | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        tag = "" if self.severity is Severity.ERROR else f"{self.severity}: "
        return f"{where}: {tag}{what}"


class BundleError(Exception):
    """A bundle could not be read or written; `problems` says where and why."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
