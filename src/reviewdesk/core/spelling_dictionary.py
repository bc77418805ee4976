"""The dictionary of a review's language: hunspell's, through Enchant (pyenchant).

`open_dictionary("en-GB")` gives a `Dictionary`, or a `Missing` that says what to install
when there is no dictionary for the language, or no Enchant at all: spell checking is then
off for that review, and never an exception. The review's `language` (BCP 47) names the
dictionary: a language alone takes its main region (`en` is en_US, `de` de_DE), a region
given is the one wanted (`en-GB` en_GB; en_US does not stand in for it).

A Dictionary may be used from any thread: Enchant is not thread-safe, not even across its
dictionaries (a broker made in one thread while another looked a word up crashed the app), so
every call into Enchant, opening a dictionary included, holds one lock of the process. A look-up
takes microseconds; opening a dictionary tens of milliseconds, once a language. The
verdicts (is a word in the dictionary?) are cached once per dictionary file, shared by every
Dictionary of the same language and by all threads (each cache access is one dict operation,
atomic under the GIL); the cache is bounded, and starts again when full.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

# The main region of a language written alone: the dictionary it takes.
MAIN_REGION: Final = {
    "en": "US", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "pt": "PT", "nl": "NL",
    "sv": "SE", "da": "DK", "nb": "NO", "nn": "NO", "no": "NO", "fi": "FI", "pl": "PL",
    "cs": "CZ", "sk": "SK", "sl": "SI", "hr": "HR", "hu": "HU", "ro": "RO", "ru": "RU",
    "uk": "UA", "el": "GR", "tr": "TR", "bg": "BG", "lt": "LT", "lv": "LV", "et": "EE",
    "ca": "ES", "gl": "ES", "eu": "ES", "is": "IS", "ga": "IE", "af": "ZA", "he": "IL",
    "ar": "SA", "id": "ID", "vi": "VN", "th": "TH",
}  # fmt: skip
# Debian names the packages of these languages' dictionaries by region (hunspell-en-gb);
# the others by language alone (hunspell-fr).
_REGIONAL_PACKAGES: Final = frozenset({"en", "de", "pt"})
_PACKAGE_LANGUAGE: Final = {"nb": "no", "nn": "no"}
# hunspell first, as the frozen app has it: Debian's own ordering puts aspell first for English.
_ORDERING: Final = "hunspell,nuspell,myspell,aspell,hspell,voikko,zemberek"
LONGEST_WORD: Final = 100  # hunspell's own limit; nothing longer is looked up
MAX_CACHED: Final = 200_000  # verdicts per dictionary before the cache starts again
MAX_SUGGESTIONS_CACHED: Final = 2_000
ENCHANT_PACKAGE: Final = "libenchant-2-2"
ENCHANT_CALLS: Final = threading.RLock()
"""Held by every call into Enchant, from any thread (see the module's notes)."""


@dataclass(frozen=True)
class Missing:
    """No spell checking for a review: what is missing, and how to install it."""

    language: str  # the review's language, as written
    tag: str  # the dictionary wanted (en_GB), "" when the language names none
    reason: str  # a sentence for the problems list
    install: str  # the command that installs it on Debian, "" when there is none

    @property
    def message(self) -> str:
        how = f" (Debian: apt install {self.install})" if self.install else ""
        return f"{self.reason}{how}"


def dictionary_tag(language: str) -> str:
    """The Enchant tag of a BCP 47 language: `en` en_US, `en-GB` en_GB, `de-Latn-AT` de_AT;
    "" for a language too odd to name one."""
    parts = language.replace("_", "-").split("-")
    lang = parts[0].lower()
    if not lang.isalpha() or not 2 <= len(lang) <= 3:
        return ""
    region = next((part.upper() for part in parts[1:] if _is_region(part)), "")
    region = region or MAIN_REGION.get(lang, "")
    return f"{lang}_{region}" if region else lang


def _is_region(subtag: str) -> bool:
    return (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit())


def debian_package(tag: str) -> str:
    """The Debian package of a dictionary: hunspell-en-gb, hunspell-fr, hunspell-no."""
    lang, _, region = tag.partition("_")
    lang = _PACKAGE_LANGUAGE.get(lang, lang)
    if lang in _REGIONAL_PACKAGES and region:
        return f"hunspell-{lang}-{region.lower()}"
    return f"hunspell-{lang}"


class Dictionary:
    """One Enchant dictionary, its verdicts cached (see the module's notes on threads)."""

    def __init__(self, tag: str, enchant_dict: Any, broker: Any) -> None:
        self.tag = tag
        self._dict = enchant_dict
        self._broker = broker  # the dictionary is freed with its broker: keep both
        self.provider = str(enchant_dict.provider.name)
        self._verdicts = _VERDICTS.setdefault((tag, self.provider), {})
        self._suggestions: dict[str, list[str]] = {}

    def __del__(self) -> None:
        # Enchant frees the dictionary and its broker as they go: under the lock too.
        with ENCHANT_CALLS:
            self._dict = self._broker = None

    def check(self, word: str) -> bool:
        """Whether `word` is in the dictionary (as hunspell reads it: `The` for `the`)."""
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = self._look_up(word)
            if len(self._verdicts) >= MAX_CACHED:
                self._verdicts.clear()
            self._verdicts[word] = verdict
        return verdict

    def _look_up(self, word: str) -> bool:
        if not word or len(word) > LONGEST_WORD:
            return True  # not a word anyone typed: not looked up, not flagged
        try:
            with ENCHANT_CALLS:
                return bool(self._dict.check(word))
        except (UnicodeError, ValueError):
            return True  # a lone surrogate from a broken paste: not a word to flag

    def suggest(self, word: str) -> list[str]:
        """hunspell's suggestions, best first (tens of milliseconds for a word not seen
        before: ask when they are to be shown)."""
        found = self._suggestions.get(word)
        if found is None:
            if not word or len(word) > LONGEST_WORD:
                return []
            try:
                with ENCHANT_CALLS:
                    found = [str(s) for s in self._dict.suggest(word)]
            except (UnicodeError, ValueError):
                found = []
            if len(self._suggestions) >= MAX_SUGGESTIONS_CACHED:
                self._suggestions.clear()
            self._suggestions[word] = found
        return list(found)


_VERDICTS: dict[tuple[str, str], dict[str, bool]] = {}


def forget_verdicts() -> None:
    """Empty the verdict caches (benchmarks measure a cold check with it)."""
    for verdicts in list(_VERDICTS.values()):
        verdicts.clear()


def open_dictionary(language: str) -> Dictionary | Missing:
    """The dictionary of a review's language, or what is missing for it."""
    tag = dictionary_tag(language)
    if not tag:
        return Missing(language, "", f"no dictionary is known for language {language!r}", "")
    enchant = _enchant()
    if enchant is None:
        return Missing(
            language,
            tag,
            "spell checking needs the Enchant library, which was not found",
            f"{ENCHANT_PACKAGE} {debian_package(tag)}",
        )
    with ENCHANT_CALLS:
        broker = enchant.Broker()
        broker.set_ordering("*", _ORDERING)
        broker.set_ordering(tag, _ORDERING)
        try:
            found = broker.request_dict(tag)
        except enchant.errors.Error:
            del broker  # freed here, under the lock
            return Missing(
                language,
                tag,
                f"no {tag} dictionary for spell checking the review's language ({language})",
                debian_package(tag),
            )
        return Dictionary(tag, found, broker)


_enchant_lock = threading.Lock()


def _enchant() -> Any:
    """pyenchant, imported on first use (the app starts without it), or None when Enchant's
    library cannot be loaded."""
    with _enchant_lock:
        _use_shipped_dictionaries()
        try:
            import enchant  # noqa: PLC0415
        except (ImportError, OSError, AssertionError):  # pyenchant asserts a library path exists
            return None
        return enchant


def _use_shipped_dictionaries() -> None:
    """In the frozen app, the dictionaries it ships (en_US and en_GB, in `enchant/hunspell/`
    of its folder: packaging/reviewdesk.spec) beside the system's: Enchant looks for hunspell
    dictionaries in its configuration folder's `hunspell/`, then in the system's
    (/usr/share/hunspell). Enchant itself is the system's, whose providers are where it was
    built to find them. The programs the app starts inherit the variable: a browser opened
    for a link that uses Enchant would not see the user's own Enchant word lists."""
    frozen = getattr(sys, "_MEIPASS", None)
    if not frozen or "ENCHANT_CONFIG_DIR" in os.environ:
        return
    shipped = Path(frozen) / "enchant"
    if (shipped / "hunspell").is_dir():
        os.environ["ENCHANT_CONFIG_DIR"] = str(shipped)
