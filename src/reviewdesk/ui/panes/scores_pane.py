"""Scores: each criterion's name, value and weight, with a bar showing the value on the
rating's scale as it is typed, and the overall rating they give when none is given."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reviewdesk.core.limits import LIST_ITEMS
from reviewdesk.core.model import DEFAULT_SCALE, Review, Score
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.row_list_field import RowListField
from reviewdesk.ui.widgets.locale_number import format_number, parse_number
from reviewdesk.ui.widgets.pasted_rows import pasted_rows
from reviewdesk.ui.widgets.row_cells import NumberCell, TextCell
from reviewdesk.ui.widgets.row_list_editor import Column, ItemRow, RowListEditor
from reviewdesk.ui.widgets.score_bar import ScoreBar

COLUMNS = (
    Column("Name", lambda: TextCell("name", "Name", "e.g. Speed"), stretch=4),
    Column("Value", lambda: NumberCell("value", "Value", step=0.5), stretch=1),
    Column("Weight", lambda: NumberCell("weight", "Weight", default=1.0, step=0.5), stretch=1),
)


def scale(review: Review) -> tuple[float, float]:
    """The scale scores are on: the rating's, else the one an overall rating from them takes."""
    return (review.rating.best, review.rating.worst) if review.rating else DEFAULT_SCALE


def weighted_mean(review: Review) -> float | None:
    """The scores' mean, each counted by its weight, rounded as an overall rating is."""
    total = sum(score.weight for score in review.scores)
    if not total:
        return None
    return round(sum(score.value * score.weight for score in review.scores) / total, 2)


def overall(review: Review) -> str:
    """What the overall rating is and where it comes from; empty without scores."""
    mean = weighted_mean(review)
    if mean is None:
        return ""
    if review.rating is None:
        rating = review.overall_rating
        assert rating is not None  # there are scores
        return (
            f"Overall rating {format_number(rating.value)} / {format_number(rating.best)}, "
            "from the scores (their weighted mean): no rating is given in Metadata."
        )
    given = review.rating
    return (
        f"Overall rating {format_number(given.value)} / {format_number(given.best)}, as given "
        f"in Metadata; the scores' weighted mean is {format_number(mean)}."
    )


def _pasted(text: str) -> list[dict[str, Any]]:
    """Scores from lines of "Name: 4.5" or name, value and weight separated by tabs."""
    items = []
    for parts in pasted_rows(text):
        item: dict[str, Any] = {"name": parts[0]}
        for key, part in zip(("value", "weight"), parts[1:], strict=False):
            item[key] = parse_number(part)
        items.append(item)
    return items


class ScoresPane(QWidget):
    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        intro = QLabel(
            "Each criterion scored on the review's rating scale. A weight says how much a "
            "score counts toward the overall rating (1 when empty)."
        )
        intro.setWordWrap(True)
        self.editor = RowListEditor(
            COLUMNS,
            noun="score",
            add_text="Add a score",
            empty_text="No scores yet. Paste lines of \u201cName: 4.5\u201d to add several.",
            limit=LIST_ITEMS,
            extra=ScoreBar,
            new_row=self._show_bar,
            paste=_pasted,
        )
        self.field = RowListField(
            document, "scores", Score, self.editor, needed="A score needs a name and a value"
        )
        self.overall = QLabel()
        self.overall.setWordWrap(True)
        self.overall.setAccessibleName("Overall rating")
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.overall)
        box.addWidget(self.editor, 1)
        self.editor.row_edited.connect(lambda row, _merge: self._show_bar(row))
        self.editor.rows_made.connect(self._show_bars)
        self.field.refreshed.connect(lambda: self._refresh("scores"))
        document.changed.connect(self._refresh)
        self._refresh("")

    def bars(self) -> list[ScoreBar]:
        """The bars of the rows made (every row's, once they all are)."""
        rows = [row for row in self.editor.rows() if row.made]
        return [row.extra for row in rows if isinstance(row.extra, ScoreBar)]

    def _show_bars(self, rows: list[ItemRow]) -> None:
        for row in rows:
            self._show_bar(row)

    def _show_bar(self, row: ItemRow) -> None:
        """The bar of the value as typed, valid or not yet; a row not yet made has none."""
        if not row.made:
            return
        value = row.cells[1]
        if isinstance(value, NumberCell) and isinstance(row.extra, ScoreBar):
            row.extra.show_value(value.number(), *scale(self._document.review))

    def _refresh(self, field: str) -> None:
        if field not in ("", "scores", "rating"):
            return
        review = self._document.review
        best, worst = scale(review)
        self.editor.headers[-1].setText(
            f"On the scale {format_number(worst)}\N{EN DASH}{format_number(best)}"
        )
        self._show_bars(self.editor.rows())
        text = overall(review)
        self.overall.setText(text)
        self.overall.setVisible(bool(text))
