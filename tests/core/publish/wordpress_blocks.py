"""WordPress's own readers of block markup, for the tests of core/publish/blocks.py.

- `parse`: the server's block parser (`WP_Block_Parser`, a standalone PHP class of Debian's
  `wordpress` package) run by php-cli: what WordPress makes of a post's content when it renders
  it, each block with its name, the attributes of its delimiter and its HTML.
- `open_in_editor`: the block editor's scripts of that same WordPress in headless Chromium
  (`block_editor.js`): whether each block is valid, as the editor decides when it opens a post,
  and what the editor would save back.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

WORDPRESS = Path("/usr/share/wordpress")
PARSER = WORDPRESS / "wp-includes" / "class-wp-block-parser.php"
EDITOR_SCRIPT = Path(__file__).with_name("block_editor.js")

_PARSE = (
    "require $argv[1]; $parser = new WP_Block_Parser();"
    " echo json_encode($parser->parse(stream_get_contents(STDIN)),"
    " JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE);"
)


@dataclass(frozen=True)
class Block:
    """A block as WP_Block_Parser reads it: `name` None for text outside any block."""

    name: str | None
    attrs: dict[str, Any]
    html: str  # its own HTML, inner blocks left out
    inner: tuple[Block, ...]

    def walk(self) -> Iterator[Block]:
        yield self
        for block in self.inner:
            yield from block.walk()

    @property
    def class_names(self) -> list[str]:
        return str(self.attrs.get("className", "")).split()


def parse(php: str, markup: str) -> list[Block]:
    done = subprocess.run(
        [php, "-r", _PARSE, str(PARSER)],
        input=markup,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [_block(raw) for raw in json.loads(done.stdout)]


def _block(raw: dict[str, Any]) -> Block:
    attrs = raw["attrs"] if isinstance(raw["attrs"], dict) else {}  # PHP's [] for none
    inner = tuple(_block(child) for child in raw["innerBlocks"])
    return Block(raw["blockName"], attrs, raw["innerHTML"], inner)


@dataclass(frozen=True)
class EditorBlock:
    name: str
    valid: bool
    issues: tuple[str, ...]
    attributes: dict[str, Any]
    inner: tuple[EditorBlock, ...]

    def walk(self) -> Iterator[EditorBlock]:
        yield self
        for block in self.inner:
            yield from block.walk()


@dataclass(frozen=True)
class Opened:
    """A post's content as the block editor opens it and would save it back."""

    blocks: tuple[EditorBlock, ...]
    serialized: str

    def invalid(self) -> list[EditorBlock]:
        return [block for top in self.blocks for block in top.walk() if not block.valid]


def open_in_editor(node: str, chromium: str, contents: Sequence[str]) -> list[Opened]:
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "contents.json"
        file.write_text(json.dumps(list(contents)), encoding="utf-8")
        done = subprocess.run(
            [
                node,
                str(EDITOR_SCRIPT),
                f"--chromium={chromium}",
                f"--wordpress={WORDPRESS}",
                str(file),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    if done.returncode:
        raise RuntimeError(f"block_editor.js failed: {done.stderr.strip()}")
    output = json.loads(done.stdout)
    if output["errors"]:
        raise RuntimeError(f"the editor's scripts reported errors: {output['errors']}")
    return [
        Opened(tuple(_editor_block(b) for b in result["blocks"]), result["serialized"])
        for result in output["results"]
    ]


def _editor_block(raw: dict[str, Any]) -> EditorBlock:
    inner = tuple(_editor_block(child) for child in raw["inner"])
    return EditorBlock(raw["name"], raw["valid"], tuple(raw["issues"]), raw["attributes"], inner)


# --- comparing markup ---------------------------------------------------------------------------


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[Any, ...]] = []
        self.text = ""

    def _flush(self) -> None:
        text = " ".join(self.text.split())
        if text:
            self.tokens.append(("text", text))
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        normal = {
            name: " ".join(sorted((value or "").split())) if name == "class" else value
            for name, value in attrs
        }
        self.tokens.append(("start", tag, sorted(normal.items())))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_comment(self, data: str) -> None:
        self._flush()
        self.tokens.append(("comment", data.strip()))


def tokens(markup: str) -> list[tuple[Any, ...]]:
    """The markup as a browser reads it, for comparing two writings of it: entities decoded,
    white space collapsed, attributes and classes in any order, `<img/>` as `<img>`."""
    reader = _Tokens()
    reader.feed(markup)
    reader.close()
    reader._flush()
    return reader.tokens


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img" and ("aria-hidden", "true") in attrs:
            self.hidden += 1
        elif self.hidden:
            self.hidden += tag not in {"img", "br", "hr"}

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def text(markup: str) -> str:
    """The text a reader sees (tags dropped, entities decoded, `aria-hidden` parts left out)."""
    reader = _Text()
    reader.feed(markup)
    reader.close()
    return "".join(reader.parts)


def element_classes(html: str) -> list[str]:
    """The classes of the first element of `html`."""
    tag = re.search(r"<[a-z][a-z0-9]*\b[^>]*>", html)
    found = re.search(r'\sclass="([^"]*)"', tag[0]) if tag else None
    return found[1].split() if found else []
