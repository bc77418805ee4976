"""The page of a review kept up to date edit by edit, for a live preview that patches what it
shows instead of reloading it.

The page is held in two parts: the *skeleton* (the whole page with `BODY_SLOT` where the body
goes) and the body's *groups* (one per top-level block of the body, each with the newline that
separates it from the block before). `skeleton.replace(BODY_SLOT, "".join(groups))` is the
HTML export's page, byte for byte. `LivePage.update` says what changed since the last update:
the body groups to splice, and either the skeleton's changed sections (elements with a
`data-field`) or, when the frame around them changed, the whole skeleton."""

from __future__ import annotations

import bisect
import re
from typing import Any

from reviewdesk.core.exports import html
from reviewdesk.core.incremental import IncrementalBody
from reviewdesk.core.layout import LayoutOptions, layout_ids, page_body
from reviewdesk.core.model import Review
from reviewdesk.core.page_marks import BODY_SLOT
from reviewdesk.core.page_patch import PagePatch

# A section of the page the writer edits: an element naming its field, the body excepted (it
# is patched block by block). The layout never nests an element in one of its own tag inside
# these, so the first closing tag of the same name ends it.
_SECTION = re.compile(r'<(\w+)\b[^>]*\bdata-field="(?!body")([\w.]+)"[^>]*>.*?</\1>', re.DOTALL)


class LivePage:
    def __init__(self, layout: LayoutOptions | None = None) -> None:
        self._layout = layout or LayoutOptions()
        self._body = IncrementalBody()
        self._groups: tuple[str, ...] = ()
        self._lines: tuple[int, ...] = ()
        self._skeleton = ""
        self._fields: tuple[tuple[str, Any], ...] | None = None  # the review but its body
        self._has_body = False

    @property
    def skeleton(self) -> str:
        return self._skeleton

    @property
    def groups(self) -> tuple[str, ...]:
        return self._groups

    def html(self) -> str:
        """The whole page: what the HTML export gives for the last review updated."""
        return self._skeleton.replace(BODY_SLOT, "".join(self._groups), 1)

    @property
    def lines(self) -> tuple[int, ...]:
        """The body source line (0-based) where each group's block starts."""
        return self._lines

    def update(self, review: Review) -> PagePatch:
        """Bring the page to `review`; the first update gives the whole page (`skeleton`
        and every group)."""
        body = self._body.update(review.body, review.language)
        groups = self._page_groups(body.blocks, layout_ids(review))
        self._lines = body.lines
        start, removed, inserted = _splice(self._groups, groups)
        self._groups = groups
        has_body = any(groups)
        fields = tuple((k, v) for k, v in review.__dict__.items() if k != "body")
        if fields == self._fields and has_body == self._has_body:
            return PagePatch(start, removed, inserted)
        self._fields, self._has_body = fields, has_body
        old = self._skeleton
        self._skeleton = html.render(review, self._layout, body_html=BODY_SLOT if has_body else "")
        if _frame(old) != _frame(self._skeleton):
            return PagePatch(start, removed, inserted, skeleton=self._skeleton)
        new_sections = _sections(self._skeleton)
        old_sections = _sections(old)
        changed = {f: h for f, h in new_sections.items() if old_sections.get(f) != h}
        new_head, old_head = _head(self._skeleton), _head(old)
        head = new_head if new_head != old_head else None
        return PagePatch(start, removed, inserted, sections=changed, head=head)

    def _page_groups(self, blocks: tuple[str, ...], taken: frozenset[str]) -> tuple[str, ...]:
        groups = []
        seen_one = False
        for block in blocks:
            if not block:
                groups.append("")
                continue
            shown = page_body(block, self._layout, taken)
            groups.append(f"\n{shown}" if seen_one else shown)
            seen_one = True
        return tuple(groups)


def group_at(lines: tuple[int, ...], line: int) -> int:
    """The group holding body source line `line`, given where each group starts."""
    return max(0, bisect.bisect_right(lines, line) - 1)


def _splice(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[int, int, tuple[str, ...]]:
    """The smallest run of `old` to replace to get `new`: (start, removed, inserted)."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:  # an unchanged block is the same object
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, len(old) - start - end, new[start : len(new) - end]


def _sections(page: str) -> dict[str, str]:
    return {match[2]: match[0] for match in _SECTION.finditer(page)}


def _frame(page: str) -> str:
    """The page with its sections emptied: what must match for sections to be patched alone."""
    return _SECTION.sub(lambda match: f"<{match[1]} {match[2]}>", _without_head(page))


def _head(page: str) -> str:
    """What is inside the page's `<head>`."""
    return page[page.find("<head>") + len("<head>") : page.find("</head>")]


def _without_head(page: str) -> str:
    return page[: page.find("<head>")] + page[page.find("</head>") :]
