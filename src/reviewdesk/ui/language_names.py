"""Languages named in words, in English, from their BCP 47 tags, by Qt's own tables."""

from __future__ import annotations

from PySide6.QtCore import QLocale

DEFAULT = "en"  # a review's language when it names none
UNKNOWN = "unknown language"


def language_name(tag: str) -> str:
    """`en-GB` -> "English (United Kingdom)", `zh-Hant` -> "Chinese (Traditional Han)", in
    English; empty for a language Qt does not know."""
    first, *rest = tag.split("-")
    language = QLocale.codeToLanguage(first)
    if language in (QLocale.Language.AnyLanguage, QLocale.Language.C):
        return ""
    details = []
    for part in rest:
        if len(part) == 4 and part.isalpha():
            script = QLocale.codeToScript(part)
            if script != QLocale.Script.AnyScript:
                details.append(QLocale.scriptToString(script))
        elif len(part) == 2 or (len(part) == 3 and part.isdigit()):
            territory = QLocale.codeToTerritory(part)
            if territory != QLocale.Country.AnyCountry:
                details.append(QLocale.territoryToString(territory))
    name = QLocale.languageToString(language)
    return f"{name} ({', '.join(details)})" if details else name
