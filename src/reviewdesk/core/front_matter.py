"""Markdown files with front matter: YAML between `---` lines, TOML between `+++`
lines (Hugo), or a JSON object at the top (Hugo)."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, ScalarNode

from reviewdesk.core import yaml_text
from reviewdesk.core.yaml_text import YamlDocument, YamlError

_FENCES = {"---": "yaml", "+++": "toml"}


class FrontMatterError(ValueError):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class FrontMatter:
    kind: str  # yaml | toml | json | none
    data: dict[str, Any]
    body: str
    body_line: int  # the 1-based line of the file where the body starts
    document: YamlDocument | None = None  # for YAML: line numbers of its keys
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> line of the file


def split(text: str) -> FrontMatter:
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0].rstrip("\r")
    if first in _FENCES:
        return _fenced(text, first)
    if first.startswith("{"):
        return _json(text)
    return FrontMatter("none", {}, text, 1)


def _fenced(text: str, fence: str) -> FrontMatter:
    match = re.compile(rf"^{re.escape(fence)}[ \t]*\r?$", re.MULTILINE).search(text, len(fence))
    if match is None:
        raise FrontMatterError(f"front matter opened with {fence} is never closed", 1)
    # A newline in place of the opening fence keeps line numbers those of the file.
    head = "\n" + text[text.index("\n") + 1 : match.start()]
    body = _strip_blank_line(_strip_blank_line(text[match.end() :]))
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    if _FENCES[fence] == "yaml":
        try:
            document = yaml_text.parse(head)
        except YamlError as error:
            raise FrontMatterError(error.message, error.line) from None
        data = _mapping({} if document.data is None else document.data)
        return FrontMatter("yaml", data, body, body_line, document, _yaml_key_lines(document, data))
    try:
        data = tomllib.loads(head)
    except tomllib.TOMLDecodeError as error:
        raise FrontMatterError(f"invalid TOML: {error}") from None
    return FrontMatter("toml", data, body, body_line, key_lines=_toml_key_lines(head))


# `key = ...`, `"key" = ...` or `[key]` / `[key.sub]` / `[[key]]` at the start of a line.
_TOML_KEY = re.compile(r"""^[ \t]*(?:\[\[?[ \t]*)?(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))""")


def _toml_key_lines(head: str) -> dict[str, int]:
    """The line of each top-level key of TOML front matter (tomllib gives none): where it is
    first assigned, or where its table opens. `head` starts with the opening fence's line."""
    lines: dict[str, int] = {}
    in_table = False
    for number, line in enumerate(head.split("\n"), start=1):
        stripped = line.strip()
        match = _TOML_KEY.match(line)
        if match is None or stripped.startswith("#"):
            continue
        key = next(group for group in match.groups() if group is not None)
        if stripped.startswith("["):
            in_table = True
            lines.setdefault(key, number)
        elif not in_table and "=" in stripped:
            lines.setdefault(key, number)
    return lines


def _yaml_key_lines(document: YamlDocument, data: dict[str, Any]) -> dict[str, int]:
    """The line of each top-level key, as `document.line_of((key,))` gives it, in one pass
    over the keys (asking for each key searched them all: 10,000 keys took 5 s)."""
    root = document.root
    if root is None:
        return {str(key): 1 for key in data}
    first: dict[str, int] = {}
    if isinstance(root, MappingNode):
        for key_node, _ in root.value:
            if isinstance(key_node, ScalarNode):
                first.setdefault(key_node.value, key_node.start_mark.line + 1)
    return {str(key): first.get(str(key), root.start_mark.line + 1) for key in data}


def _json_key_lines(text: str) -> dict[str, int]:
    """The line where each top-level key of the JSON object at the start of `text` is first
    written, read with the decoder in one pass. A search for each key's text read the file
    once per key (10,000 keys took 2.6 s), found a nested key or a value of the same text
    before the key itself, and missed a key written with escapes (`"\\u0074itle"`)."""
    decoder = json.JSONDecoder()
    lines: dict[str, int] = {}
    line, counted = 1, 0
    index = _after_space(text, 1)  # after the `{`
    while text.startswith('"', index):
        line += text.count("\n", counted, index)
        counted = index
        key, index = decoder.raw_decode(text, index)
        lines.setdefault(key, line)
        index = _after_space(text, _after_space(text, index) + 1)  # after the `:`
        index = _after_space(text, decoder.raw_decode(text, index)[1])
        if not text.startswith(",", index):
            break
        index = _after_space(text, index + 1)
    return lines


def _after_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _strip_blank_line(text: str) -> str:
    """The line break after the closing fence, then the blank line `join` writes."""
    for newline in ("\r\n", "\n"):
        if text.startswith(newline):
            return text[len(newline) :]
    return text


def _json(text: str) -> FrontMatter:
    try:
        data, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        raise FrontMatterError(f"invalid JSON front matter: {error.msg}", error.lineno) from None
    body = text[end:].lstrip("\r\n")
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    mapping = _mapping(data)
    return FrontMatter("json", mapping, body, body_line, key_lines=_json_key_lines(text))


def _mapping(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of keys", 2)
    return data


def join(data: dict[str, Any], body: str) -> str:
    """A Markdown file with YAML front matter."""
    return f"---\n{yaml_text.dump(data)}---\n\n{body}"
