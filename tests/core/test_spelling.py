# ruff: noqa: RUF001  (typographic apostrophes in words are part of what is tested)
"""Spell checking a review with hunspell's real dictionaries: the language picks the
dictionary, what is not prose is never flagged, the review's own names never are."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reviewdesk.core.model import Review, Subject
from reviewdesk.core.spelling import SpellChecker, review_words
from reviewdesk.core.spelling_dictionary import (
    Dictionary,
    Missing,
    debian_package,
    dictionary_tag,
    open_dictionary,
)
from reviewdesk.core.spelling_state import START
from reviewdesk.core.spelling_words import WordList
from tests.spelling_dictionaries import dictionary

MIXED_BODY = """\
# A reveiw of the kettle

The kettle boils fast, but the lid recieve a lot of steam.

Run `kettel --boyl` or see [the manaul](https://exmple.org/kettel-manaul "The manual")
and ![a foto of it](assets/kettel-fotto.png) at <https://exmple.org/kettel>, or write to
sales@exmple.org. Visit https://www.exmple.org/kettel_boyl?x=1 or www.exmple.org/kettle.

```python
def boyl_kettel(watter):
    return watter
```

    indented kettel codde

<figure class="kettel-fig" data-srcc="kettel.png"><figcaption>It is teh best</figcaption></figure>
<!-- notte to self: chekc the lid -->
HTML, JSON, USB-C, GPT-4o, mp3, 2nd and iPhone are not words to check, nor is sleep_mode.
[ref]: https://exmple.org/referance "Refrence"

Made with [care][kettel-ref] by someone who doesn't like writer’s block.
"""


def test_only_the_real_typos_of_a_mixed_body_are_flagged() -> None:
    checker = SpellChecker(dictionary("en"))
    lines = checker.check_text(MIXED_BODY)
    flagged = [(index + 1, word.text) for index, words in lines for word in words]
    assert flagged == [(1, "reveiw"), (3, "recieve"), (5, "manaul"), (6, "foto"), (16, "teh")]


def test_the_language_picks_the_dictionary() -> None:
    german, english = dictionary("de"), dictionary("en")
    assert (german.tag, english.tag) == ("de_DE", "en_US")
    text = "Die Straße ist schön, the street looks nice."
    assert [w.text for w in SpellChecker(german).check_field(text)] == [
        "the", "street", "looks", "nice"
    ]  # fmt: skip
    assert [w.text for w in SpellChecker(english).check_field(text)] == ["Straße", "ist", "schön"]
    british = dictionary("en-GB")
    assert british.tag == "en_GB"
    assert [w.text for w in SpellChecker(british).check_field("colour, color")] == ["color"]
    assert [w.text for w in SpellChecker(english).check_field("colour, color")] == ["colour"]


@pytest.mark.parametrize(
    ("language", "tag"),
    [("en", "en_US"), ("en-GB", "en_GB"), ("en-gb", "en_GB"), ("de", "de_DE"), ("de-AT", "de_AT"),
     ("de-Latn-CH", "de_CH"), ("fr", "fr_FR"), ("pt-BR", "pt_BR"), ("es-419", "es_419"),
     ("sr-Latn", "sr"), ("tlh", "tlh"), ("e1", "")],
)  # fmt: skip
def test_a_bcp_47_language_names_a_dictionary(language: str, tag: str) -> None:
    assert dictionary_tag(language) == tag


def test_debian_packages_of_dictionaries() -> None:
    assert debian_package("en_GB") == "hunspell-en-gb"
    assert debian_package("de_DE") == "hunspell-de-de"
    assert debian_package("fr_FR") == "hunspell-fr"
    assert debian_package("nb_NO") == "hunspell-no"


def test_a_missing_dictionary_is_named_with_how_to_install_it() -> None:
    missing = open_dictionary("kl")  # Greenlandic: no hunspell dictionary in Debian
    assert isinstance(missing, Missing)
    assert missing.tag == "kl"
    assert missing.message.startswith(f"no {missing.tag} dictionary for spell checking")
    assert missing.message.endswith("(Debian: apt install hunspell-kl)")
    checker = SpellChecker(missing)
    assert checker.missing is missing and checker.dictionary is None
    # Never in the way: nothing is flagged, nothing raises.
    assert checker.check_text("teh wrod") == []
    assert checker.check_line("teh", START)[0] == []
    assert checker.suggest("teh") == []


def test_without_enchant_spell_checking_says_what_to_install(tmp_path: Path) -> None:
    not_a_library = tmp_path / "libenchant-2.so.2"
    not_a_library.write_bytes(b"not a library")
    code = (
        "from reviewdesk.core.spelling_dictionary import open_dictionary\n"
        "print(open_dictionary('en-GB').message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYENCHANT_LIBRARY_PATH": str(not_a_library), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == (
        "spell checking needs the Enchant library, which was not found "
        "(Debian: apt install libenchant-2-2 hunspell-en-gb)\n"
    )


def test_the_subject_brand_and_tags_are_never_flagged() -> None:
    review = Review(
        title="T",
        subject=Subject(name="Wrenfall 3 Mini", brand="Halden Bay Labs"),
        tags=["Quillstack", "On-Device AI", "Zyxel’s Router"],
    )
    assert review_words(review) >= {"wrenfall", "halden", "quillstack", "zyxel's"}
    checker = SpellChecker(dictionary("en"))
    text = "Wrenfall by Halden, Quillstack's and Quillstack’s and wrenfall; Zyxel’s; Brennfall"
    assert [w.text for w in checker.check_field(text)] == [
        "Wrenfall", "Halden", "Quillstack's", "Quillstack’s", "wrenfall", "Zyxel’s", "Brennfall"
    ]  # fmt: skip
    checker.set_review(review)
    assert [w.text for w in checker.check_field(text)] == ["Brennfall"]


def test_words_of_the_word_lists_are_accepted(tmp_path: Path) -> None:
    personal, site = WordList(tmp_path / "mine.txt"), WordList(tmp_path / "site.txt")
    checker = SpellChecker(dictionary("en"), personal=personal, site=site)
    text = "Glenrock and glenrock and Kestrelwood and kestrelwood"
    assert len(checker.check_field(text)) == 4
    checker.add_to_personal("glenrock")  # lower case: a capital first letter is accepted too
    checker.add_to_site("Kestrelwood")  # a capital: only so
    assert [w.text for w in checker.check_field(text)] == ["kestrelwood"]


def test_suggestions_for_a_misspelled_word() -> None:
    checker = SpellChecker(dictionary("en"))
    assert checker.suggest("recieve")[0] == "receive"
    assert len(checker.suggest("teh", limit=2)) == 2
    assert "writer's" in checker.suggest("writr’s")
    assert SpellChecker(dictionary("de")).suggest("Strasse")[0] == "Straße"


def test_a_hyphenated_word_the_dictionary_lacks_is_checked_part_by_part() -> None:
    checker = SpellChecker(dictionary("en-GB"))
    words = checker.check_field("trade-offs, well-knwon, state-of-the-art, tset-tset")
    assert [(w.start, w.text) for w in words] == [(17, "knwon"), (42, "tset"), (47, "tset")]


def test_a_line_checked_again_from_its_state() -> None:
    checker = SpellChecker(dictionary("en"))
    words, state = checker.check_line("```")
    assert (words, state.fence) == ([], "```")
    assert checker.check_line("teh codde", state)[0] == []
    words, state = checker.check_line("teh end", START)
    assert [w.text for w in words] == ["teh"]


def test_a_checker_is_used_from_several_threads_at_once() -> None:
    checker = SpellChecker(dictionary("en"))
    text = "\n".join(f"Line {i} with a tpyo{chr(97 + i % 26)} and recieve." for i in range(2000))
    expected = checker.copy().check_text(text)
    results: list[object] = []

    def work() -> None:
        results.append(checker.check_text(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4
    assert isinstance(checker.copy().dictionary, Dictionary)


def test_every_block_of_a_body_with_the_state_it_leaves() -> None:
    checker = SpellChecker(dictionary("en"))
    body = "Teh start\n```\ncodde\n```\nend wrod"
    blocks = checker.check_blocks(body)
    assert [[w.text for w in words] for words, _ in blocks] == [["Teh"], [], [], [], ["wrod"]]
    assert [state.fence for _, state in blocks] == ["", "```", "```", "", ""]
    assert checker.check_text(body) == [(0, blocks[0][0]), (4, blocks[4][0])]
