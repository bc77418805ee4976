"""How long a field of a review may be, and how many items a list may hold.

Each limit is far above any real review, and low enough that every value is laid out in the
window in milliseconds: a 1 MB title or 100,000 tags in a hand-edited or generated
`review.yaml` froze the window for seconds. They also keep every value a one-line field shows
under the 32,767 characters a QLineEdit holds (a longer one is cut on the next keystroke).
They are part of validation, so `validate`, every export and the app refuse a review past
them with one line naming file, line and field, and the JSON Schema says them too."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from annotated_types import GroupedMetadata, MaxLen
from pydantic import BeforeValidator

# Characters. The longest real titles run to ~200; names, categories and versions are shorter.
NAME_CHARS = 1_000
# A slug names files in the static-site exports: with a date before it, it must stay far under
# the 255 bytes a file name may take.
SLUG_CHARS = 200
# URLs: 8,000 is the length HTTP asks every server to accept (RFC 9110, 4.1).
URL_CHARS = 8_000
# A deck, summary, alt text, caption, description or list item: a paragraph. 10,000
# characters are about 1,600 words, a whole article, where a summary box holds 50.
PARAGRAPH_CHARS = 10_000
TAG_CHARS = 100

# Items. Reviews show a handful of tags and a dozen pros; each tag is a chip in the window.
TAGS = 1_000
LIST_ITEMS = 1_000  # pros, cons, key features, key insights
AUTHORS = 100
BADGES = 100


@dataclass(frozen=True)
class AtMost(GroupedMetadata):
    """At most `limit` characters of a text, or items of a list named `noun` ("tags").

    Checked before the items are: 100,000 tags are refused at once, not after validating
    each; and the message gives the size found, which pydantic's own check does not."""

    limit: int
    noun: str = "characters"

    def __iter__(self) -> Iterator[object]:
        yield BeforeValidator(self._check)
        yield MaxLen(self.limit)  # for the JSON Schema: maxLength / maxItems

    def _check(self, value: Any) -> Any:
        if isinstance(value, (str, list, tuple)) and len(value) > self.limit:
            size = f"{len(value):,} {self.noun}"
            if isinstance(value, str):
                raise ValueError(f"is {size} long; the limit is {self.limit:,}")
            raise ValueError(f"has {size}; the limit is {self.limit:,}")
        return value


def at_most(limit: int, noun: str = "characters") -> AtMost:
    return AtMost(limit, noun)
