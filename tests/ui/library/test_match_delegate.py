"""A search's title cell: the title and the words around the match, fitted to the column so
that the match is in view however narrow the window."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reviewdesk.ui.library.match_delegate import (
    END,
    SEPARATOR,
    START,
    TITLE_SHARE,
    fitted,
    snippet_html,
)

TITLE = "Elmstead Camera 8 Review: Compact and clear"
SNIPPET = (
    f"…great keyboard each fine maker. Before a week of daily use the {START}battery{END} "
    "still held most of its charge, and the strap…"
)


def widths(font: QFont) -> tuple[QFontMetricsF, QFontMetricsF]:
    bold = QFont(font)
    bold.setBold(True)
    return QFontMetricsF(bold), QFontMetricsF(font)


def test_what_fits_is_shown_whole(qtbot: QtBot) -> None:
    font = QApplication.font()
    assert fitted(TITLE, SNIPPET, 4000, font) == (TITLE, " ".join(SNIPPET.split()))


def test_in_a_narrow_column_the_title_gives_way_and_the_match_shows(qtbot: QtBot) -> None:
    font = QApplication.font()
    bold, plain = widths(font)
    for width in (180.0, 260.0, 400.0):
        title, snippet = fitted(TITLE, SNIPPET, width, font)
        assert title.endswith("…") and bold.horizontalAdvance(title) <= width * TITLE_SHARE
        through_match = snippet[: snippet.index(END)].replace(START, "")
        used = bold.horizontalAdvance(title) + plain.horizontalAdvance(SEPARATOR + through_match)
        assert used <= width, width
        assert snippet.endswith("the strap…")  # the words after it go on as far as they show
        lead, kept = snippet[: snippet.index(START)], SNIPPET[: SNIPPET.index(START)]
        assert lead[0] == "…" and kept.endswith(lead[1:])
        assert lead == "…" or kept[-len(lead)] == " "  # from a word's start, never mid-word


def test_a_snippet_without_a_mark_is_left_as_it_is(qtbot: QtBot) -> None:
    title, snippet = fitted(TITLE, "no mark here", 120, QApplication.font())
    assert title.endswith("…") and snippet == "no mark here"


def test_a_match_in_a_selected_row_is_marked_the_other_way_round(qtbot: QtBot) -> None:
    palette = QApplication.palette()
    blue = palette.color(QPalette.ColorRole.Highlight).name()
    white = palette.color(QPalette.ColorRole.HighlightedText).name()
    snippet = f"the {START}battery{END} & <b>"
    assert snippet_html(snippet, palette) == (
        f'the <span style="background:{blue};color:{white}">battery</span> &amp; &lt;b&gt;'
    )
    assert snippet_html(snippet, palette, selected=True) == (
        f'the <span style="background:{white};color:{blue}">battery</span> &amp; &lt;b&gt;'
    )
