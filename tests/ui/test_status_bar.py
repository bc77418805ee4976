"""The status bar: words and reading time, the number of problems and the save state."""

from pathlib import Path

from pytestqt.qtbot import QtBot

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.status_bar import (
    COUNTED_AFTER_PAINT,
    ReviewStatusBar,
    WordCounter,
    count_words,
)


def test_words_count_like_a_reader_reads_them() -> None:
    assert count_words("It's a well-made, 3-in-1 tool — isn't it? **Yes**.") == 8
    assert count_words("") == 0


def test_it_shows_words_problems_and_save_state(qtbot: QtBot, sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    bar = ReviewStatusBar(document)
    qtbot.addWidget(bar)
    words = count_words(document.review.body)
    assert bar.words.text() == f"{words:,} words · {round(words / 230)} min read"
    assert (bar.problems.text(), bar.state.text()) == ("No problems", "Saved")

    with qtbot.waitSignal(document.checks.checked, timeout=5000):
        document.set("body", "Two words")
        document.set("cons", ["", ""], merge=False)
    qtbot.waitUntil(lambda: bar.words.text() == "2 words · 1 min read")
    assert (bar.problems.text(), bar.state.text()) == ("2 problems", "Modified")
    bar.autosaved()
    assert bar.state.text() == "Modified · autosaved just now"
    document.set("cons", [], merge=False)
    document.save()
    assert bar.state.text() == "Saved"
    with qtbot.waitSignal(document.checks.checked, timeout=5000):
        document.set("summary", "")
    assert bar.problems.text() == "1 problem"


def test_the_word_counter_counts_like_count_words_after_edits() -> None:
    counter = WordCounter()
    text = "One two.\n\nThree four five.\n\nThree four five.\n\n- six\n- seven"
    for edited in (text, text.replace("two", "two and a half"), text + "\n\nEight", "", "\n\n"):
        assert counter(edited) == count_words(edited)


def test_a_long_bodys_words_are_counted_once_the_bar_has_painted(
    qtbot: QtBot, sample_bundle: Path
) -> None:
    document = ReviewDocument.open(sample_bundle)
    body = "Word " * (COUNTED_AFTER_PAINT // 5)
    document.set("body", body)
    bar = ReviewStatusBar(document)
    qtbot.addWidget(bar)
    assert bar.words.text() == ""  # the window's first paint does not wait for it
    bar.show()
    qtbot.waitUntil(lambda: bar.words.text() != "")
    assert (
        bar.words.text()
        == f"{count_words(body):,} words · {round(count_words(body) / 230)} min read"
    )
