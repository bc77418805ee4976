"""Python-Markdown reads raw HTML with its own copy of `html.parser`, whose start-tag scan is
quadratic: a tag left open (`<img ` with no `>`) is scanned to the end of the body, then taken
as text, and the scan starts again at the next one (20 KB of "<img " took 1.5 s; 1 MB, about
an hour). Here a tag's attributes stop at the next `<`, so each scan ends at the next tag.

The only HTML read differently is an attribute name or unquoted value that begins with, or
holds, a `<` (`<a <b>`), which no writer means and browsers flag as a parse error; quoted
values keep theirs. The pattern is Python-Markdown 3.x's own, with `<` added to the three
classes marked. Importing this module applies it to Markdown's copy only, not to `html.parser`.
"""

from __future__ import annotations

import re

import markdown.htmlparser

LOCATE_START_TAG_END = re.compile(
    r"""
  <[a-zA-Z][^`\t\n\r\f />\x00<]*      # tag name                       <= `<` added
  (?:[\s/]*                           # optional whitespace before attribute name
    (?:(?<=['"\s/])[^`\s/><][^\s/=><]*  # attribute name               <= `<` added
      (?:\s*=+\s*                     # value indicator
        (?:'[^']*'                    # LITA-enclosed value
          |"[^"]*"                    # LIT-enclosed value
          |(?!['"])[^`>\s<]*          # bare value                     <= `<` added
         )
         (?:\s*,)*                    # possibly followed by a comma
       )?(?:\s|/(?!>))*
     )*
   )?
  \s*                                 # trailing whitespace
""",
    re.VERBOSE,
)

# Markdown's own copy of `html.parser` (its type stub does not declare it).
vars(markdown.htmlparser)["htmlparser"].locatestarttagend_tolerant = LOCATE_START_TAG_END
