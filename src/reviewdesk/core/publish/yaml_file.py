"""Small YAML files of ours (the sites, `publish.yaml`): read safely, checked field by field,
written atomically. Bad content is one Problem naming the file, line and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from reviewdesk.core import safe_files, yaml_text
from reviewdesk.core.atomic import write_atomic
from reviewdesk.core.problems import BundleError, Problem
from reviewdesk.core.yaml_text import YamlDocument, YamlError

MAX_BYTES = 1 << 20
T = TypeVar("T")


class Fields:
    """The parsed document with checked access: each bad value raises a BundleError whose
    one problem names the file, the line and the dotted field."""

    def __init__(self, path: Path, document: YamlDocument | None) -> None:
        self.path = path
        self.document = document

    def fail(self, field: tuple[str | int, ...], message: str) -> BundleError:
        line = self.document.line_of(field) if self.document else None
        dotted = ".".join(str(part) for part in field)
        return BundleError([Problem(self.path, line, dotted, message)])

    def mapping(self, value: Any, field: tuple[str | int, ...]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
            raise self.fail(field, "must be a mapping of names")
        return value

    def typed(self, value: Any, kind: type[T], field: tuple[str | int, ...], what: str) -> T:
        # bool is an int to Python, never to a reader of the file.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(field, f"must be {what}")
        return value


def read(path: Path, root: Path) -> Fields:
    """The YAML file `path` inside the folder `root`; an absent file reads as empty."""
    try:
        data = safe_files.read_inside(root, path, MAX_BYTES)
    except FileNotFoundError:
        return Fields(path, None)
    except safe_files.UnsafeFile as error:
        raise BundleError([Problem(path, None, "", error.message)]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise BundleError([Problem(path, None, "", f"cannot be read: {reason}")]) from None
    try:
        return Fields(path, yaml_text.parse(data.decode("utf-8")))
    except UnicodeDecodeError:
        raise BundleError([Problem(path, None, "", "is not valid UTF-8")]) from None
    except YamlError as error:
        raise BundleError([Problem(path, error.line, error.field, error.reason)]) from None


def write(path: Path, header: str, data: dict[str, Any]) -> None:
    """`data` as YAML under a comment `header`, replacing `path` atomically."""
    text = "".join(f"# {line}\n" for line in header.splitlines()) + yaml_text.dump(data)
    write_atomic(path, text.encode("utf-8"))
