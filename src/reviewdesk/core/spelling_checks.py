"""The misspellings of a review, field by field, located in its files: what `reviewdesk check
--spelling` prints and the problems list shows (warnings), each naming its field and line.

Checked: the title, subtitle, summary, verdict, the items of pros, cons, key features, key
insights, best for and skip if, the hero's alt text and caption, the specifications' names and
values, the offers' sellers, the disclosure, the updates' notes, the SEO title and description,
and the body. A field's words are found on the lines of review.yaml that hold them (a folded
summary spans several); the body's are on their lines of body.md."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from reviewdesk.core import bundle
from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError, Problem, Severity
from reviewdesk.core.spelling import SpellChecker
from reviewdesk.core.spelling_dictionary import Missing
from reviewdesk.core.yaml_text import YamlDocument

BODY: Final = "body"
_ITEM_LISTS: Final = (
    "pros", "cons", "key_features", "key_insights", "best_for", "skip_if"
)  # fmt: skip

Path_ = tuple[str | int, ...]

_CHECKED: Final = re.compile(
    r"(title|subtitle|summary|verdict|disclosure|hero\.(alt|caption)|seo\.(title|description)"
    rf"|({'|'.join(_ITEM_LISTS)})\.\d+|specs\.\d+\.(name|value)|offers\.\d+\.seller"
    r"|updates\.\d+\.note)"
)


@dataclass(frozen=True)
class Misspelling:
    """A misspelled word: `field` is `body` or a dotted path of review.yaml (`pros.2`),
    [start, end) its place in the field's text (the whole body's for the body), `line` the
    1-based line of its file that holds it."""

    field: str
    word: str
    start: int
    end: int
    line: int | None


def checked_fields(review: Review) -> Iterator[tuple[Path_, str]]:
    """Each checked field of review.yaml with a text, as a path and its text."""
    yield from (((name,), text) for name in ("title", "subtitle", "summary", "verdict")
                if (text := getattr(review, name)))  # fmt: skip
    for name in _ITEM_LISTS:
        yield from (((name, index), item) for index, item in enumerate(getattr(review, name)))
    if review.hero:
        yield from ((("hero", key), text) for key in ("alt", "caption")
                    if (text := getattr(review.hero, key)))  # fmt: skip
    for index, spec in enumerate(review.specs):
        yield ("specs", index, "name"), spec.name
        yield ("specs", index, "value"), spec.value
    for index, offer in enumerate(review.offers):
        yield ("offers", index, "seller"), offer.seller
    if review.disclosure:
        yield ("disclosure",), review.disclosure
    for index, update in enumerate(review.updates):
        yield ("updates", index, "note"), update.note
    if review.seo:
        yield from ((("seo", key), text) for key in ("title", "description")
                    if (text := getattr(review.seo, key)))  # fmt: skip


def is_checked(path: str) -> bool:
    """Whether the field at `path` (`pros.2`, `offers.0.seller`) is spell checked: the
    fields `checked_fields` gives, as an editor names its inputs."""
    return _CHECKED.fullmatch(path) is not None


def find_misspellings(
    review: Review, checker: SpellChecker, document: YamlDocument | None = None
) -> list[Misspelling]:
    """The misspellings of every checked field, then of the body; lines of review.yaml from
    `document` (the file's parsed text) when given."""
    found: list[Misspelling] = []
    for path, text in checked_fields(review):
        words = checker.check_field(text)
        if words:
            field = ".".join(str(part) for part in path)
            lines = _yaml_lines(document, path, [word.text for word in words])
            found += [
                Misspelling(field, word.text, word.start, word.end, line)
                for word, line in zip(words, lines, strict=True)
            ]
    line_start = 0
    lines_seen = 0
    body_lines = review.body.split("\n")
    for index, words in checker.check_text(review.body):
        line_start += sum(len(line) + 1 for line in body_lines[lines_seen:index])
        lines_seen = index
        found += [
            Misspelling(BODY, w.text, line_start + w.start, line_start + w.end, index + 1)
            for w in words
        ]
    return found


def _yaml_lines(document: YamlDocument | None, path: Path_, words: list[str]) -> list[int | None]:
    """The line of review.yaml holding each word of a field, in order: each is looked for in
    the value's text after the one before (a word written with an escape, `\\u00e9`, is not
    found there: its field's line stands for it)."""
    node = document.node_at(path) if document else None
    if document is None or node is None:
        return [document.line_of(path) if document else None for _ in words]
    text = document.text
    end = node.end_mark.index
    position, line = node.start_mark.index, node.start_mark.line + 1
    lines: list[int | None] = []
    for word in words:
        found = text.find(word, position, end)
        if found < 0:
            lines.append(node.start_mark.line + 1)
            continue
        line += text.count("\n", position, found)
        position = found + len(word)
        lines.append(line)
    return lines


def first_suggestions(
    misspellings: list[Misspelling], checker: SpellChecker, limit: int | None = None
) -> dict[str, str]:
    """The dictionary's first suggestion for each word misspelled (of the first `limit`
    misspellings), by word; none for a word it has none for. Tens of milliseconds a word."""
    found: dict[str, str] = {}
    for misspelling in misspellings[:limit]:
        word = misspelling.word
        if word not in found:
            suggested = checker.suggest(word, limit=1)
            found[word] = suggested[0] if suggested else ""
    return {word: suggestion for word, suggestion in found.items() if suggestion}


def problems(
    folder: Path, misspellings: list[Misspelling], suggestions: Mapping[str, str]
) -> list[Problem]:
    """Each misspelling as a warning naming its file, line and field, with the first of
    its `suggestions` (first_suggestions): `'recieve' (receive?)`."""
    found = []
    for m in misspellings:
        file = bundle.BODY_FILE if m.field == BODY else bundle.REVIEW_FILE
        hint = f" ({suggestions[m.word]}?)" if m.word in suggestions else ""
        message = f"spelling: '{m.word}'{hint}"
        span = (m.start, m.end)
        found.append(Problem(folder / file, m.line, m.field, message, Severity.WARNING, span))
    return found


def missing_dictionary(folder: Path, missing: Missing, document: YamlDocument | None) -> Problem:
    """The dictionary missing for the review's language, at its `language` key if it has one."""
    node = document.node_at(("language",)) if document else None
    line = node.start_mark.line + 1 if node is not None else None
    return Problem(folder / bundle.REVIEW_FILE, line, "language", missing.message, Severity.WARNING)


def check(path: str | os.PathLike[str], *, reviews_folder: Path | None = None) -> list[Problem]:
    """The spelling problems of the bundle at `path`: each misspelling, or the dictionary
    that is missing. A bundle that cannot be read has none (`checks.check` names why)."""
    try:
        source = bundle.read(path)
    except BundleError:
        return []
    checker = SpellChecker.for_review(source.review, source.folder, reviews_folder=reviews_folder)
    if checker.missing is not None:
        return [missing_dictionary(source.folder, checker.missing, source.document)]
    misspellings = find_misspellings(source.review, checker, source.document)
    return problems(source.folder, misspellings, first_suggestions(misspellings, checker))
