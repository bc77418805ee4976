"""The review's stylesheet on a Ghost site: the WordPress plugin's own (the post's markup is
the same) and what a Ghost theme leaves to the post (resources/ghost/review.css), without
comments, for the post's code injection."""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from reviewdesk.core.publish.companion import plugin_folder
from reviewdesk.core.resources import resource

_COMMENT: Final = re.compile(r"/\*.*?\*/", re.DOTALL)
_BLANK_LINES: Final = re.compile(r"\n[ \t]*(?=\n)")
# A length in rem: Ghost's themes make 1rem 10px (html { font-size: 62.5% }).
_REM: Final = re.compile(r"(?<=[0-9])rem\b")


@cache
def stylesheet() -> str:
    """Every rule inside `.review`, the article's root: the rest of the page is the theme's."""
    plugin = (plugin_folder() / "review.css").read_text(encoding="utf-8")
    ours = resource("ghost", "review.css").read_text(encoding="utf-8")
    css = _REM.sub("em", f"{plugin}\n{ours}")
    return _BLANK_LINES.sub("", _COMMENT.sub("", css)).strip()
