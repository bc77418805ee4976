"""Rows from pasted text: a line each, its parts split at tabs (a spreadsheet's cells) or at
the first ": " ("Weight: 1.2 kg"), without the bullet or number a copied list puts first."""

from __future__ import annotations

import re

from reviewdesk.ui.widgets.string_list_editor import pasted_items

_NAME_COLON = re.compile(r":\s+")


def pasted_rows(text: str) -> list[list[str]]:
    """The rows of `text`; none for one line with nothing to split (an ordinary paste)."""
    rows = [_parts(line) for line in pasted_items(text)]
    if len(rows) == 1 and len(rows[0]) == 1:
        return []
    return rows


def _parts(line: str) -> list[str]:
    if "\t" in line:
        return [part.strip() for part in line.split("\t")]
    return [part.strip() for part in _NAME_COLON.split(line, maxsplit=1)]
