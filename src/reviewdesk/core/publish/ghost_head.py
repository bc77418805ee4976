"""What a Ghost post of a review carries in its head (`codeinjection_head`): the review's
stylesheet, which is the WordPress plugin's own (the post's markup is the same) with what a
Ghost theme leaves to the post (resources/ghost/review.css), and the JSON-LD. A review with
any of the review blocks has their stylesheets too (review-blocks.css of both folders)."""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from reviewdesk.core.jsonld import jsonld_script, review_jsonld
from reviewdesk.core.layout import shown_blocks
from reviewdesk.core.model import Review
from reviewdesk.core.publish.companion import plugin_folder
from reviewdesk.core.resources import resource

# Ghost's limit on the field (its database column).
HEAD_LIMIT: Final = 65535

_COMMENT: Final = re.compile(r"/\*.*?\*/", re.DOTALL)
_BLANK_LINES: Final = re.compile(r"\n[ \t]*(?=\n)")
# A length in rem: Ghost's themes make 1rem 10px (html { font-size: 62.5% }).
_REM: Final = re.compile(r"(?<=[0-9])rem\b")


@cache
def stylesheet(blocks: bool = False) -> str:
    """Every rule inside `.review`, the article's root: the rest of the page is the theme's.
    With `blocks`, the review blocks' rules too."""
    names = ("review.css", "review-blocks.css") if blocks else ("review.css",)
    # The plugin's, then Ghost's additions to it, for the layout and then for the blocks.
    files = [folder / name for name in names for folder in (plugin_folder(), resource("ghost"))]
    css = _REM.sub("em", "\n".join(path.read_text(encoding="utf-8") for path in files))
    return _BLANK_LINES.sub("", _COMMENT.sub("", css)).strip()


def code_injection(review: Review, image_url: str | None, warnings: list[str]) -> str:
    """The stylesheet and the review's JSON-LD; `image_url` the hero's absolute URL, if any
    (search engines want one: a relative hero is left out of the JSON-LD)."""
    style = f"<style>{stylesheet(bool(shown_blocks(review)))}</style>"
    canonical = str(review.seo.canonical_url) if review.seo and review.seo.canonical_url else None
    # Typographic as the article shows the pros and cons (blocks.py).
    jsonld = review_jsonld(review, page_url=canonical, image_url=image_url, typeset=True)
    script = jsonld_script(jsonld)
    head = f"{style}\n{script}"
    if len(head) > HEAD_LIMIT:
        warnings.append("the JSON-LD is too long for Ghost's code injection; left out")
        return style
    return head
