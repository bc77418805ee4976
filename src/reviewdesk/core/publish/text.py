"""Pages and post content as the text a reader sees, to compare what the site keeps with what
was sent: tags dropped, entities decoded, typographic quotes and dashes made plain, blocks one
a line."""

from __future__ import annotations

import difflib
import re
from html.parser import HTMLParser
from typing import Final

_BLOCKS: Final = frozenset(
    {
        "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "figure",
        "figcaption", "table", "tr", "td", "th", "pre", "section", "article", "header", "footer",
        "br", "hr", "dt", "dd", "summary", "details", "aside",
    }
)  # fmt: skip
_SKIPPED: Final = frozenset({"script", "style", "template", "noscript"})
_PLAIN: Final = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
     "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2026": "...", "\u00ad": "",
     "\u2032": "'", "\u2033": '"', "\u00d7": "x"}
)  # fmt: skip
# WordPress prints `--` and `---` as one dash (wptexturize): a run of hyphens is one hyphen.
_HYPHENS: Final = re.compile(r"-{2,}")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(markup: str) -> str:
    """The visible text of `markup`, a line per block, whitespace and typography made plain."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = (plain(line) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def plain(text: str) -> str:
    return " ".join(_HYPHENS.sub("-", text.translate(_PLAIN)).split())


def contains(page_text: str, phrase: str) -> bool:
    """Whether the text shows `phrase` (compared plain, case kept)."""
    return plain(phrase) in plain(page_text)


def differences(site: str, ours: str, limit: int = 4) -> list[str]:
    """Lines only on the site ('site: ...') or only in the review ('review: ...')."""
    found = []
    for line in difflib.ndiff(ours.splitlines(), site.splitlines()):
        if line[:2] in ("- ", "+ "):
            found.append(("review: " if line[0] == "-" else "site: ") + _short(line[2:]))
    if len(found) > limit:
        found = [*found[:limit], f"... and {len(found) - limit} more"]
    return found


def _short(line: str, width: int = 100) -> str:
    return line if len(line) <= width else line[: width - 1] + "…"


class _Markup(HTMLParser):
    """Markup as events: what two spellings of the same HTML (`<img/>`, `<img />`) share."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pairs = sorted(f"{name}={value or ''}" for name, value in attrs)
        self.events.append(("<", tag, *pairs))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("/", tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.events.append(("t", " ".join(data.split())))

    def handle_comment(self, data: str) -> None:
        self.events.append(("!", data.strip()))


def _events(markup: str) -> list[tuple[str, ...]]:
    parser = _Markup()
    parser.feed(markup)
    parser.close()
    return parser.events


def same_markup(first: str, second: str) -> bool:
    """Whether two pieces of HTML say the same (spacing and self-closing slashes aside)."""
    return _events(first) == _events(second)


def markup_lost(sent: str, kept: str, limit: int = 5) -> list[str]:
    """The elements and attributes of `sent` that `kept` has fewer of: `<script>`,
    `style on <div>`."""
    counts: dict[str, int] = {}
    for events, step in ((_events(sent), 1), (_events(kept), -1)):
        for event in events:
            if event[0] != "<":
                continue
            tag = event[1]
            for key in (f"<{tag}>", *(f"{pair.split('=')[0]} on <{tag}>" for pair in event[2:])):
                counts[key] = counts.get(key, 0) + step
    lost = [key for key, count in counts.items() if count > 0]
    return lost[:limit] + ([f"{len(lost) - limit} more"] if len(lost) > limit else [])
