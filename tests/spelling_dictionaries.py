"""The hunspell dictionaries spell-checking tests use (scripts/setup-tools installs them):
skipped where missing, with the command that installs them, failed under CI=true."""

from __future__ import annotations

from reviewdesk.core.spelling_dictionary import Dictionary, open_dictionary
from tests.missing_tools import require


def dictionary(language: str) -> Dictionary:
    """The dictionary of `language` (en, en-GB, de), or a skip naming what to install."""
    found = open_dictionary(language)
    return require(
        f"Enchant and a {language} dictionary",
        found if isinstance(found, Dictionary) else None,
    )
