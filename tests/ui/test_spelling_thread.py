"""One dictionary a language, for the whole process: the fields' underlines (the UI thread) and
the search of the whole review (the spelling thread) share it. Each had its own, 11 MiB more."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.core.spelling_dictionary import Dictionary, Missing, open_dictionary
from reviewdesk.ui import spelling_thread
from reviewdesk.ui.document import ReviewDocument
from tests.spelling_dictionaries import dictionary

# A language no other test opens: its dictionary is opened by this test's window alone.
LANGUAGE = "de-LU"


def test_the_underlines_and_the_search_open_the_language_once(
    qtbot: QtBot, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dictionary(LANGUAGE)  # or a skip naming what installs it
    opened: list[str] = []

    def counted(language: str) -> Dictionary | Missing:
        opened.append(language)
        return open_dictionary(language)

    monkeypatch.setattr(spelling_thread, "open_dictionary", counted)
    review = bundle.load(sample_bundle)
    body = "Ein Fehlr im Text."
    bundle.save(review.model_copy(update={"language": LANGUAGE, "body": body}), sample_bundle)
    document = ReviewDocument.open(sample_bundle)
    spelling = document.spelling
    spelling.start()
    qtbot.waitUntil(lambda: spelling.checker is not None, timeout=20_000)
    with qtbot.waitSignal(spelling.found, timeout=20_000):
        spelling.find()
    assert "Fehlr" in [found.word for found in spelling.misspellings]
    assert opened == [LANGUAGE]
