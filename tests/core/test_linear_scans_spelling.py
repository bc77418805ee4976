# ruff: noqa: RUF001  (typographic apostrophes in words are part of what is tested)
"""Spell checking reads a writer's text in linear time, whatever it holds: 200 KB of one opener
repeated and never closed (as tests/core/test_linear_scans.py does for the other scans) goes
through the prose scan of a body and of a field, and through a checker, well under 2 s."""

from __future__ import annotations

import pytest

from reviewdesk.core.spelling import SpellChecker
from reviewdesk.core.spelling_prose import field_words, prose_lines, scan_line
from tests.core.test_linear_scans import bodies, check, ids
from tests.spelling_dictionaries import dictionary

SPELLING_OPENERS = bodies(
    "[", "`", "``a`", "` `` ", "<", "<a ", "<a b='", '<a x="<a x="', "<!--", "<code>", "<pre ",
    "http://", "a://", "](", "]( <", "][", "[^", "{{", "{%", "&", "&#", "a@", "a.", "a-", "a'",
    "a’", "/a", "~/a", "a/b ", "a:b", "ab ", "Ab-", "x_y", "key: ", "    a\n", "```\n", "~~~ ",
    "- a\n", "> ", "1. ", "\t", "[a]: ",
)  # fmt: skip


@pytest.mark.parametrize("body", SPELLING_OPENERS, ids=ids(SPELLING_OPENERS))
def test_the_prose_of_a_hostile_text_is_found_in_linear_time(body: str) -> None:
    check(lambda text: list(prose_lines(text)), body)
    check(field_words, body)
    check(lambda text: scan_line(text.replace("\n", " ")), body)


@pytest.mark.parametrize("body", SPELLING_OPENERS[::4], ids=ids(SPELLING_OPENERS[::4]))
def test_a_hostile_text_is_checked_in_linear_time(body: str) -> None:
    checker = SpellChecker(dictionary("en"))
    check(checker.check_text, body)
    check(checker.check_field, body)


def test_many_distinct_words_are_checked_in_linear_time() -> None:
    """200 KB of words never seen, each a dictionary lookup (the cache starts cold)."""
    checker = SpellChecker(dictionary("en"))
    words = " ".join(f"{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676 % 26)}zq"
                     for i in range(33_000))  # fmt: skip
    check(checker.check_text, words)
