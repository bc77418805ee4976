"""Template code in the body of an imported post: Liquid (`{{ site.baseurl }}`,
`{{ "/x.png" | relative_url }}`, `{% post_url ... %}`) and Hugo shortcodes (`{{< ref ... >}}`).
ReviewDesk runs neither. In a link, Liquid that only adds the site's address is resolved to
the site path it gives (`/assets/x.png`); anything else is kept as written and named with its
line, since the review would show it as text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewdesk.core.delimited import Delimited

Note = tuple[int, str]  # (1-based line of the body, what was done)

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
# `{{< ... >}}`, `{{ ... }}`, `{% ... %}`: each to the first closer after it, as Liquid's own
# tokenizer reads them, found in linear time (see delimited.py).
_SHORTCODE = Delimited((r"\{\{[<%]", r"[>%]\}\}"))
_LIQUID = Delimited((r"\{\{(?![<%])", r"\}\}"), (r"\{%", r"%\}"))
_RAW_START = re.compile(r"\{%-?\s*raw\s*-?%\}")
_RAW_END = re.compile(r"\{%-?\s*endraw\s*-?%\}")

# A link's destination with Liquid in it: `](...)`, a reference definition, an HTML attribute.
# Liquid in it stops where another opens: `.*?` read the rest of the line again from each
# `{{` never closed, quadratic on a line of them; the destination is the same either way but
# where whitespace or brackets lie between two openers, which only an unclosed one gives.
_PART = r"(?:\{\{(?:(?!\{\{|\}\}).)*+\}\}|\{%(?:(?!\{%|%\}).)*+%\}|[^\s()<>])"
_INLINE = re.compile(rf"(\]\(\s*<?)({_PART}+)")
_REFERENCE = re.compile(rf"^(\s{{0,3}}\[[^\]\n]+\]:\s*<?)({_PART}+)")
_ATTRIBUTE = re.compile(r"""(\b(?:src|href)\s*=\s*)(?:"([^"\n]*)"|'([^'\n]*)')""")

_SITE_ADDRESS = r"site\.(?:baseurl|url|github\.url)"
_ADDRESS_ONLY = re.compile(rf"\{{\{{-?\s*{_SITE_ADDRESS}\s*-?\}}\}}")
_FILTERS = rf"(?:\s*\|\s*(?:relative_url|absolute_url|prepend:\s*{_SITE_ADDRESS}))+"
_FILTERED = re.compile(rf"""\{{\{{-?\s*(["'])([^"']*)\1{_FILTERS}\s*-?\}}\}}""")
_LINK_TAG = re.compile(r"\{%-?\s*link\s+([^\s%]+)\s*-?%\}")


def outside_code(body: str) -> Iterator[tuple[int, str]]:
    """The lines of `body` outside fenced code blocks and `{% raw %}` blocks, numbered from 1:
    what is inside those is text on the site too."""
    fence = ""
    raw = False
    for number, line in enumerate(body.split("\n"), start=1):
        if fence:
            fence = "" if line.lstrip().startswith(fence) else fence
            continue
        if raw:
            raw = _RAW_END.search(line) is None
            continue
        if match := _FENCE.match(line):
            fence = match[1]
            continue
        raw = _RAW_START.search(line) is not None and _RAW_END.search(line) is None
        yield number, line


def resolve(body: str, *, liquid: bool) -> tuple[str, list[Note]]:
    """`body` with the Liquid of its links resolved where it only names the site's address
    (when the post runs Liquid at all), and a note for each template expression left."""
    lines = body.split("\n")
    notes: list[Note] = []
    for number, written in outside_code(body):
        line = _resolve_links(written) if liquid else written
        lines[number - 1] = line
        found = [(m.start, m.text, "Liquid") for m in _LIQUID.finditer(line)] if liquid else []
        found += [(m.start, m.text, "a Hugo shortcode") for m in _SHORTCODE.finditer(line)]
        notes += [
            (number, f"{_quoted(code)} is {kind} that only the site can run; kept as written")
            for _, code, kind in sorted(found)
        ]
    return "\n".join(lines), notes


def _resolve_links(line: str) -> str:
    def inline(match: re.Match[str]) -> str:
        return match[1] + site_path(match[2])

    def attribute(match: re.Match[str]) -> str:
        quote = '"' if match[2] is not None else "'"
        return f"{match[1]}{quote}{site_path(match[2] or match[3] or '')}{quote}"

    line = _REFERENCE.sub(inline, line)
    return _ATTRIBUTE.sub(attribute, _INLINE.sub(inline, line))


def site_path(destination: str) -> str:
    """A link's destination with the Liquid that names the site's address taken out
    (`{{ site.baseurl }}/x.png`, `{{ "x.png" | relative_url }}`, `{% link x.png %}` ->
    `/x.png`); unchanged when any other Liquid is left in it."""
    resolved = _ADDRESS_ONLY.sub("", destination)
    resolved = _FILTERED.sub(lambda match: "/" + match[2].lstrip("/"), resolved)
    resolved = _LINK_TAG.sub(lambda match: _linked(match[0], match[1]), resolved)
    if resolved == destination or _LIQUID.search(resolved):
        return destination
    if destination.startswith(("{{", "{%")) and not resolved.startswith(("/", "http", "#")):
        resolved = "/" + resolved  # `{{ site.baseurl }}` was the whole path before it
    return re.sub(r"^/{2,}", "/", resolved)


def _linked(tag: str, path: str) -> str:
    # `{% link _posts/... %}` names another post, whose address only the site knows.
    return tag if path.lstrip("/").startswith(("_posts/", "_drafts/")) else "/" + path.lstrip("/")


def _quoted(code: str) -> str:
    return f"'{code}'" if len(code) <= 60 else f"'{code[:57]}...'"
