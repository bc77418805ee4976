"""Where the body names an image: `![alt](src` and `<img ... src="src`.

One pair of patterns for every reader of the body's images (the assets a review shows, the
exports that point them at their copies, the import that copies them from a site), so all
agree on which text is an image source.

Each is linear in the length of the text, whatever the text: a hostile body of openers
never closed (`![![![...`, `<img <img <img ...`) made the old `[^\\]\\n]*` and `[^>]*?` rescan
the rest of the line from every opener, which is quadratic (1 MB of `<img ` would take about
50 minutes). The repeated parts here stop at the next opener, so each character is read by
a bounded number of attempts.

Groups: `lead` (what comes before the source, kept as written when it is replaced), `src`,
and for the Markdown pattern `alt`."""

from __future__ import annotations

import re

# Alt text ends at `]`, at the end of the line, or where another image opens: in
# `![a ![b](x.png)` the image is the second one, alt `b`, as CommonMark reads it. Possessive:
# no `]` lies inside it, so giving characters back could never let `](` match earlier.
_ALT = r"[^\]\n!]*+(?:!(?!\[)[^\]\n!]*+)*+"
MARKDOWN_IMAGE = re.compile(rf"(?P<lead>!\[(?P<alt>{_ALT})\]\(\s*<?)(?P<src>[^)\s>]+)")

# Inside the tag: anything but a new tag, or a quoted value read whole, so that neither
# `<img alt="src=x.png" src="y.png">` nor `<img data-src="x.png" src="y.png">` (lazy
# loading) gives x.png: the attribute must be `src` itself, after a space, `/` or a quote.
_IN_TAG = r"""(?:[^<>"']|"[^"]*"|'[^']*')*?"""
HTML_IMAGE = re.compile(
    rf"""(?P<lead><img\b{_IN_TAG}(?<=[\s/"'])src\s*=\s*["']?)(?P<src>[^"'\s>]+)""", re.IGNORECASE
)
