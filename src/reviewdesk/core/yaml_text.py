"""YAML text in and out: safe parsing that keeps line numbers, and edits that touch
only the top-level keys that changed, so a hand-written `review.yaml` keeps its
comments, key order, quoting and date formats."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# A review has a few hundred nodes; this bounds what anchors and aliases may
# expand to (a "billion laughs" document expands to 10^9 from a few lines).
MAX_EXPANDED_NODES = 200_000


class YamlError(ValueError):
    """Invalid YAML; `line` is 1-based when known, `field` the dotted path of the value at
    fault when there is one (`extra.dates.0`). `message` is the whole line to show after
    the file and line (the field first); `reason` the same without the field."""

    def __init__(self, message: str, line: int | None = None, field: str = "") -> None:
        self.reason = message
        self.field = field
        self.message = f"{field}: {message}" if field else message
        self.line = line
        super().__init__(self.message)


class _BadValueError(Exception):
    """A scalar that YAML resolved to a type its text cannot be (`2026-02-30` is a
    timestamp by its form, and no date): raised while constructing, named after."""

    def __init__(self, node: Node, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


_TIMESTAMP = SafeConstructor.timestamp_regexp
_NOT_A = {
    "int": "is not a whole number",
    "float": "is not a number",
    "bool": "is not true or false",
}
# What PyYAML's constructors raise on a scalar whose text its tag cannot read (`!!int x`
# raises ValueError, `!!bool x` KeyError, `!!timestamp x` AttributeError).
_CONSTRUCTOR_FAULTS = (ValueError, KeyError, AttributeError, TypeError, OverflowError)


def _timestamp(text: str) -> date | datetime:
    """The date or date-time a YAML timestamp writes, or ValueError saying why there is none.
    PyYAML's own constructor lets Python's errors out, and takes `+99:00` for an offset."""
    match = _TIMESTAMP.match(text)
    if match is None:
        raise ValueError("write it as 2026-04-11 or 2026-04-11T09:30:00+02:00")
    part = match.groupdict()
    day = date(int(part["year"]), int(part["month"]), int(part["day"]))
    if not part["hour"]:
        return day
    zone: timezone | None = UTC if part["tz"] == "Z" else None
    if part["tz_sign"]:
        hours, minutes = int(part["tz_hour"]), int(part["tz_minute"] or 0)
        if hours > 23 or minutes > 59:
            raise ValueError(f"the UTC offset {part['tz']} is beyond -23:59..+23:59")
        offset = timedelta(hours=hours, minutes=minutes)
        zone = timezone(-offset if part["tz_sign"] == "-" else offset)
    fraction = int((part["fraction"] or "")[:6].ljust(6, "0"))
    clock = (int(part["hour"]), int(part["minute"]), int(part["second"]), fraction)
    return datetime(day.year, day.month, day.day, *clock, tzinfo=zone)


class _Checked(SafeConstructor):
    """The safe constructor, with every value it cannot make reported as a _BadValueError that
    names its node, and numbers that are not finite (`.inf`, `.nan`, `1e999`) refused:
    every caller (bundles, front matter, the library scan) gets a line, not a traceback."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except _CONSTRUCTOR_FAULTS as error:
            if isinstance(error, YamlError):
                raise
            kind = str(node.tag).rpartition(":")[2]
            if "digits" in str(error):  # Python reads at most 4,300 digits as a number
                raise _BadValueError(node, "has too many digits") from None
            raise _BadValueError(node, _NOT_A.get(kind, f"cannot be read as !!{kind}")) from None

    def construct_yaml_timestamp(self, node: Node) -> date | datetime:
        text = str(self.construct_scalar(node))  # type: ignore[arg-type]
        try:
            return _timestamp(text)
        except ValueError as error:
            match = _TIMESTAMP.match(text)
            kind = "date-time" if match and match["hour"] else "date"
            raise _BadValueError(node, f"is not a {kind} ({error})") from None

    def construct_yaml_float(self, node: Node) -> float:
        number = float(super().construct_yaml_float(node))  # type: ignore[arg-type]
        if not math.isfinite(number):
            raise _BadValueError(node, "is not a finite number")
        return number


# PyYAML finds constructors by tag in this table, not by method name.
_Checked.yaml_constructors = {
    **SafeConstructor.yaml_constructors,
    "tag:yaml.org,2002:timestamp": _Checked.construct_yaml_timestamp,
    "tag:yaml.org,2002:float": _Checked.construct_yaml_float,
}


class _PythonLoader(_Checked, yaml.SafeLoader):
    pass


# Both parsers, the C one (libyaml) when PyYAML was built with it: they share _Checked.
LOADERS: dict[str, type[Any]] = {"python": _PythonLoader}
if hasattr(yaml, "CSafeLoader"):

    class _CLoader(_Checked, yaml.CSafeLoader):
        pass

    LOADERS["c"] = _CLoader

_Loader: type[Any] = LOADERS.get("c", _PythonLoader)


@dataclass(frozen=True)
class Span:
    """Lines [start, end) (0-based) holding one top-level key and its value."""

    key: str
    start: int
    end: int


@dataclass(frozen=True)
class YamlDocument:
    text: str
    data: Any
    root: Node | None

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        """The 1-based line of the deepest node that `path` reaches."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            line = (key_node or node).start_mark.line + 1
        return line

    def node_at(self, path: tuple[str | int, ...]) -> Node | None:
        """The node of the value that `path` reaches, None when it reaches none."""
        node = self.root
        for part in path:
            child = _child(node, part) if node is not None else None
            if child is None:
                return None
            node = child[1]
        return node

    def spans(self) -> list[Span] | None:
        """Where each top-level key sits, or None when the file cannot be edited line
        by line (a flow mapping, or two keys sharing a line)."""
        root = self.root
        if not isinstance(root, MappingNode) or root.flow_style:
            return None
        lines = self.text.splitlines(keepends=True)
        spans: list[Span] = []
        for key_node, value_node in root.value:
            if not isinstance(key_node, ScalarNode):
                return None
            start = key_node.start_mark.line
            end_mark = value_node.end_mark
            end = end_mark.line if end_mark.column == 0 else end_mark.line + 1
            # Comments and blank lines after a block value belong to what follows.
            while end > start + 1 and _is_trailer(lines[end - 1]):
                end -= 1
            if spans and start < spans[-1].end:
                return None
            spans.append(Span(str(key_node.value), start, end))
        return spans


def _is_trailer(line: str) -> bool:
    return line.strip() == "" or line.startswith("#")


def _child(node: Node, part: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                return key_node, value_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def parse(text: str) -> YamlDocument:
    """Parse one YAML document with the safe loader; raise YamlError with a line."""
    loader = _Loader(text)
    root: Node | None = None
    try:
        root = loader.get_single_node()
        if root is not None:
            _check_node(root)
        data = loader.construct_document(root) if root is not None else None
    except _BadValueError as error:
        raise _named(error, root) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        raise YamlError(f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise YamlError(f"invalid YAML: {error}") from None
    except RecursionError:
        raise YamlError("invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()
    return YamlDocument(text, data, root)


def _named(error: _BadValueError, root: Node | None) -> YamlError:
    """The error of a value that could not be made, with its text, line and field."""
    node = error.node
    text = str(node.value) if isinstance(node, ScalarNode) else ""
    shown = text if len(text) <= 60 else text[:59] + "…"
    path = _path_to(root, node) if root is not None else None
    field = ".".join(str(part) for part in path) if path else ""
    return YamlError(f"{shown} {error.reason}".strip(), node.start_mark.line + 1, field)


def _path_to(root: Node, target: Node) -> tuple[str | int, ...] | None:
    """Where `target` sits under `root`, first in document order; a mapping's key is
    named by the mapping that holds it. Only looked for once a value is at fault."""
    stack: list[tuple[Node, tuple[str | int, ...]]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        children: list[tuple[Node, tuple[str | int, ...]]] = []
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                name = key_node.value if isinstance(key_node, ScalarNode) else "?"
                children += [(key_node, path), (value_node, (*path, str(name)))]
        elif isinstance(node, SequenceNode):
            children = [(child, (*path, index)) for index, child in enumerate(node.value)]
        stack.extend(reversed(children))
    return None


def _check_node(root: Node) -> None:
    """Refuse alias bombs and duplicate keys (PyYAML keeps the last one silently)."""
    sizes: dict[int, int] = {}

    def size(node: Node, depth: int) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        if depth > 200:
            raise YamlError("nested too deeply", node.start_mark.line + 1)
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    if key_node.value in seen:
                        raise YamlError(
                            f"duplicate key {key_node.value!r}", key_node.start_mark.line + 1
                        )
                    seen.add(key_node.value)
                total += size(key_node, depth + 1) + size(value_node, depth + 1)
        sizes[id(node)] = total
        if total > MAX_EXPANDED_NODES:
            raise YamlError(
                "too many nodes after expanding aliases (an alias bomb?)",
                node.start_mark.line + 1,
            )
        return total

    size(root, 0)


class _Dumper(yaml.SafeDumper):
    """Block style, no line wrapping, ISO 8601 dates, literal blocks for multi-line text."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write them.
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_datetime(dumper: yaml.SafeDumper, data: datetime) -> ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


def _represent_enum(dumper: yaml.SafeDumper, data: StrEnum) -> ScalarNode:
    return _represent_str(dumper, str(data.value))


def _represent_float(dumper: yaml.SafeDumper, data: float) -> ScalarNode:
    if math.isfinite(data) and data == int(data) and abs(data) < 1e15:
        return dumper.represent_scalar("tag:yaml.org,2002:float", f"{data:.1f}")
    return dumper.represent_float(data)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(datetime, _represent_datetime)
_Dumper.add_representer(date, yaml.SafeDumper.represent_date)
_Dumper.add_representer(float, _represent_float)
_Dumper.add_multi_representer(StrEnum, _represent_enum)


def dump(data: Mapping[str, Any]) -> str:
    if not data:
        return ""
    return yaml.dump(
        dict(data),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=math.inf,
    )


def patch(
    document: YamlDocument,
    new: Mapping[str, Any],
    unchanged: Callable[[str], bool],
    order: tuple[str, ...],
) -> str | None:
    """Rewrite only the top-level keys of `document` that changed.

    `new` holds the keys to write and their values; `unchanged(key)` says whether
    the key's value is the same as in the document (then its lines stay as they
    are, even when `new` would leave the key out). Keys new to the file go after
    the nearest key that precedes them in `order`. None when the text cannot be
    edited line by line."""
    spans = document.spans()
    if spans is None:
        return None
    lines = document.text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline

    def fragment(key: str) -> list[str]:
        # A `|+` scalar ending in blank lines makes PyYAML end the document ("..."): amid
        # other keys that marker would end the file early, and the next key ends the scalar.
        text = dump({key: new[key]}).removesuffix("...\n")
        return [line.replace("\n", newline) for line in text.splitlines(keepends=True)]

    present = {span.key for span in spans}
    inserts: dict[int, list[str]] = {}
    for key in new:
        if key not in present and not unchanged(key):
            inserts.setdefault(_insert_after(key, spans, order), []).append(key)

    out: list[str] = []
    previous_end = 0
    for index, span in enumerate(spans):
        out.extend(lines[previous_end : span.start])
        if index == 0:
            for key in inserts.get(-1, []):
                out.extend(fragment(key))
        if unchanged(span.key):
            out.extend(lines[span.start : span.end])
        elif span.key in new:
            out.extend(fragment(span.key))
        for key in inserts.get(index, []):
            out.extend(fragment(key))
        previous_end = span.end
    out.extend(lines[previous_end:])
    if not spans:
        for key in inserts.get(-1, []):
            out.extend(fragment(key))
    return "".join(out)


def _insert_after(key: str, spans: list[Span], order: tuple[str, ...]) -> int:
    """Index of the span after which a new `key` goes; -1 puts it first."""
    position = {span.key: i for i, span in enumerate(spans)}
    if key in order:
        for earlier in reversed(order[: order.index(key)]):
            if earlier in position:
                return position[earlier]
        return -1
    return len(spans) - 1
