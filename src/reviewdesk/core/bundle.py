"""Bundles of format reviewdesk/1: a folder with `review.yaml`, `body.md` and `assets/`.

The library API: `review = bundle.load(path)`; `bundle.save(review, path)`.
Loading never writes; saving writes only files whose bytes change, each atomically,
and edits `review.yaml` key by key so hand-written formatting survives."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from reviewdesk.core import bundle_files, commit, destination, folder_lock, safe_files, yaml_text
from reviewdesk.core.atomic import NotReplaceableError
from reviewdesk.core.model import FORMAT, KEY_ORDER, Review
from reviewdesk.core.problems import BundleError, Problem, Severity
from reviewdesk.core.yaml_text import YamlDocument, YamlError

# The files' names and limits, in a module of their own that loads without the model.
REVIEW_FILE, BODY_FILE, ASSETS_DIR = (
    bundle_files.REVIEW_FILE,
    bundle_files.BODY_FILE,
    bundle_files.ASSETS_DIR,
)
MAX_YAML_BYTES, MAX_BODY_BYTES = bundle_files.MAX_YAML_BYTES, bundle_files.MAX_BODY_BYTES
COMMITTED_FILES = bundle_files.COMMITTED_FILES
folder_of = bundle_files.folder_of
# Written even when they hold their default, so a new file says what it is.
_ALWAYS_WRITTEN = ("format", "title", "status")


@dataclass(frozen=True)
class Source:
    """A loaded bundle with what was read, for messages that name lines."""

    folder: Path
    review: Review
    document: YamlDocument
    # What the writer should be told: how a save a crash interrupted was settled.
    notes: tuple[Problem, ...] = ()

    @property
    def yaml_path(self) -> Path:
        return self.folder / REVIEW_FILE

    def line_of(self, field: str) -> int | None:
        # isdecimal, not isdigit: "²" is a digit that int() refuses (a key found by fuzzing).
        parts = tuple(int(p) if p.isdecimal() else p for p in field.split(".") if p)
        return self.document.line_of(parts) if parts else None


def load(path: str | os.PathLike[str]) -> Review:
    """Read the bundle at `path`; raise BundleError naming file, line and field."""
    return read(path).review


def read(path: str | os.PathLike[str]) -> Source:
    folder = folder_of(path)
    if not folder.is_dir():
        raise BundleError([Problem(folder, None, "", "no such bundle folder")])
    problems: list[Problem] = []
    # Shared with other loads, never with a save: a load sees a save whole or not at all.
    with folder_lock.locked(folder, exclusive=False):
        found = commit.view(folder, COMMITTED_FILES)
        yaml_source = _read_text(folder, REVIEW_FILE, found, MAX_YAML_BYTES, problems)
        body = _read_text(folder, BODY_FILE, found, MAX_BODY_BYTES, problems)
    if yaml_source is None or body is None:
        raise BundleError(problems)
    document, review = parse(yaml_source, body, folder / REVIEW_FILE)
    return Source(folder, review, document, _notes(folder, found.notes))


def parse(text: str, body: str, file: Path) -> tuple[YamlDocument, Review]:
    """Validate the text of a `review.yaml` (and its body) into a Review."""
    try:
        document = yaml_text.parse(text)
    except YamlError as error:
        raise BundleError([Problem(file, error.line, error.field, error.reason)]) from None
    return document, from_data(document.data, body, file, document)


def from_data(data: Any, body: str, file: Path, document: YamlDocument | None = None) -> Review:
    """Validate parsed keys into a Review; `document` lends line numbers to problems."""
    problems = _shape_problems(data, document, file)
    if problems:
        raise BundleError(problems)
    try:
        return Review.model_validate({**data, "body": body})
    except ValidationError as error:
        raise BundleError(_validation_problems(error, data, document, file)) from None


def _shape_problems(data: Any, document: YamlDocument | None, file: Path) -> list[Problem]:
    def line_of(*path: str) -> int | None:
        return document.line_of(path) if document else None

    if data is None:
        return [
            Problem(file, None, "", f"is empty; it needs at least 'format: {FORMAT}' and a title")
        ]
    if not isinstance(data, dict):
        return [Problem(file, line_of(), "", "must be a mapping of keys (format, title, ...)")]
    problems = [
        Problem(file, None, str(key), "keys must be text")
        for key in data
        if not isinstance(key, str)
    ]
    if "body" in data:
        problems.append(Problem(file, line_of("body"), "body", "the body belongs in body.md"))
    found = data.get("format")
    if found is None:
        problems.append(Problem(file, 1, "format", f"missing; add 'format: {FORMAT}'"))
    elif found != FORMAT:
        problems.append(
            Problem(
                file,
                line_of("format"),
                "format",
                f"unsupported format {found!r}; this version of ReviewDesk reads {FORMAT}",
            )
        )
    return problems


_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a known key here",
}


def _validation_problems(
    error: ValidationError, data: dict[str, Any], document: YamlDocument | None, file: Path
) -> list[Problem]:
    problems: dict[str, Problem] = {}
    for item in error.errors(include_url=False):
        path = _data_path(item["loc"], data)
        field = ".".join(str(part) for part in path)
        if field in problems:
            continue  # a union reports one failure per member; the first says enough
        message = _MESSAGES.get(item["type"]) or _plain_message(item["msg"])
        line = document.line_of(path) if document else None
        problems[field] = Problem(file, line, field, message)
    return sorted(problems.values(), key=lambda problem: problem.line or 0)


def _data_path(loc: tuple[int | str, ...], data: Any) -> tuple[int | str, ...]:
    """The part of pydantic's error location that exists in the data; pydantic also
    names union members and validators there (`published.date`)."""
    path: list[int | str] = []
    node = data
    for part in loc:
        if _has(node, part):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _names_a_type(part):
            path.append(part)  # a missing key
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def _has(node: Any, part: int | str) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _names_a_type(part: str) -> bool:
    return "[" in part or part[:1].isupper() or part in {"str", "int", "float", "date", "datetime"}


def _plain_message(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if message.startswith("Input should be"):
        message = "should be" + message.removeprefix("Input should be")
    return message


def _read_text(
    folder: Path, name: str, found: commit.View, limit: int, problems: list[Problem]
) -> str | None:
    path = folder / name
    data = _read_bytes(folder, found.source(folder, name), limit, path, problems)
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        problems.append(Problem(path, line, "", f"is not valid UTF-8 (byte 0x{byte:02X})"))
        return None


def _read_bytes(
    folder: Path, source: Path, limit: int, path: Path, problems: list[Problem]
) -> bytes | None:
    """The bytes of a file of the bundle (`source`: where its current content is, after a
    crash mid-save maybe a file waiting to be renamed over `path`), only a regular file
    inside the bundle, and no more than `limit`."""
    try:
        return safe_files.read_inside(folder, source, limit)
    except safe_files.UnsafeFile as error:
        problems.append(Problem(path, None, "", error.message))
    except FileNotFoundError:
        problems.append(Problem(path, None, "", "is missing"))
    except IsADirectoryError:
        problems.append(Problem(path, None, "", "is a folder, not a file"))
    except OSError as error:
        problems.append(Problem(path, None, "", f"cannot be read: {error.strerror or error}"))
    return None


def _notes(folder: Path, notes: tuple[str, ...]) -> tuple[Problem, ...]:
    """What the commit journal's reading said, as warnings about the journal."""
    journal = folder / commit.JOURNAL
    return tuple(Problem(journal, None, "", note, Severity.WARNING) for note in notes)


def save(review: Review, path: str | os.PathLike[str]) -> tuple[Problem, ...]:
    """Write `review` to the bundle folder `path`, creating it if needed. Only files whose
    bytes change are written, both or neither. Returns what the writer should be told about
    a save a crash interrupted before (see `reviewdesk.core.commit`)."""
    folder = Path(path)
    try:
        (folder / ASSETS_DIR).mkdir(parents=True, exist_ok=True)
        notes = commit.commit(folder, lambda: _changes(review, folder), COMMITTED_FILES)
        return _notes(folder, notes)
    except OSError as error:
        file = Path(error.filename) if error.filename else folder
        reason = error.strerror or str(error)
        if isinstance(error, NotReplaceableError):
            raise BundleError([Problem(file, None, "", f"{reason}; not saved")]) from error
        raise BundleError([Problem(file, None, "", f"could not be saved: {reason}")]) from error


def _changes(review: Review, folder: Path) -> dict[str, bytes]:
    """The files to write for `review`, but only those whose bytes differ from the disk's:
    an unchanged file is not even touched."""
    try:
        previous = (_existing(folder / REVIEW_FILE) or b"").decode("utf-8") or None
    except UnicodeDecodeError:
        previous = None
    text = review_yaml(review, previous)
    new = {BODY_FILE: review.body.encode("utf-8"), REVIEW_FILE: text.encode("utf-8")}
    return {name: data for name, data in new.items() if _existing(folder / name) != data}


def review_yaml(review: Review, previous: str | None = None) -> str:
    """The text of `review.yaml` for `review`; with the previous text, only the
    top-level keys whose values changed are rewritten."""
    mapping = yaml_mapping(review)
    if previous is None:
        return yaml_text.dump(mapping)
    try:
        document, before = parse(previous, review.body, Path(REVIEW_FILE))
    except BundleError:
        return yaml_text.dump(mapping)
    patched = yaml_text.patch(document, mapping, lambda key: _same(before, review, key), KEY_ORDER)
    if patched is None or not _reads_back(patched, review):
        return yaml_text.dump(mapping)
    return patched


def _reads_back(text: str, review: Review) -> bool:
    """Whether `text` loads as `review`: a line-by-line edit must never change what it keeps
    (blank lines kept by a `|+` scalar may belong to a key it did not touch, say)."""
    try:
        return parse(text, review.body, Path(REVIEW_FILE))[1] == review
    except BundleError:
        return False


def yaml_mapping(review: Review) -> dict[str, Any]:
    """The keys a fresh `review.yaml` holds: those set away from their defaults."""
    mapping: dict[str, Any] = {}
    for name in KEY_ORDER:
        value = getattr(review, name)
        default = Review.model_fields[name].default
        if name in _ALWAYS_WRITTEN or value != default:
            mapping[name] = _plain(value)
    mapping.update(review.unknown_keys)
    return mapping


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="python", exclude_defaults=True)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


_MISSING = object()


def _same(before: Review, after: Review, key: str) -> bool:
    if key in Review.model_fields:
        return bool(getattr(before, key) == getattr(after, key))
    return bool(before.unknown_keys.get(key, _MISSING) == after.unknown_keys.get(key, _MISSING))


def _existing(path: Path) -> bytes | None:
    try:
        return safe_files.read_inside(path.parent, path, MAX_BODY_BYTES)
    except (OSError, safe_files.UnsafeFile):
        return None  # written anew (saving over what is not a regular file is refused)


def create(path: str | os.PathLike[str], title: str) -> Review:
    """A new bundle at `path` (a folder that is missing or empty)."""
    folder = Path(path)
    if kind := destination.special_kind(folder):
        raise BundleError([Problem(folder, None, "", f"is {kind}, not a folder")])
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BundleError([Problem(folder, None, "", "already exists and is not an empty folder")])
    try:
        review = Review(title=title)
    except ValidationError:
        raise BundleError([Problem(folder, None, "title", "must not be empty")]) from None
    made = _first_missing(folder)
    try:
        save(review, folder)
    except BundleError:
        # Nothing half-made stays behind, so that trying again works.
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
        else:
            for child in folder.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink(missing_ok=True)
        raise
    return review


def _first_missing(folder: Path) -> Path | None:
    """The outermost of `folder` and its parents that does not exist yet."""
    missing = None
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            break
        missing = candidate
    return missing
