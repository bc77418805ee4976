"""The title cell while searching: the title, then the words found around the match, the
matched words highlighted in the palette's highlight colours. In a column too narrow for it all
(a window 1024 pixels wide) the title gives up room and the words before the first match are
cut from the left, so that the match is in view."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reviewdesk.ui.library.entries_model import MATCH_ROLE

START, END = "\x02", "\x03"
SEPARATOR = " — "
ELLIPSIS = "…"
TITLE_SHARE = 0.4  # of a cell too narrow for the whole: the most the title takes
LEAD_SHARE = 0.25  # of what is left: the most the words before the first match take


def fitted(title: str, snippet: str, width: float, font: QFont) -> tuple[str, str]:
    """The title and snippet to show in `width` pixels: as they are when they fit; else the
    title elided to its share and the words before the first match cut from the left, so that
    the match shows."""
    snippet = " ".join(snippet.split())
    bold = QFont(font)
    bold.setBold(True)
    title_metrics, metrics = QFontMetricsF(bold), QFontMetricsF(font)
    plain = snippet.replace(START, "").replace(END, "")
    whole = title_metrics.horizontalAdvance(title) + metrics.horizontalAdvance(SEPARATOR + plain)
    if whole <= width:
        return title, snippet
    title = title_metrics.elidedText(title, Qt.TextElideMode.ElideRight, width * TITLE_SHARE)
    left = width - title_metrics.horizontalAdvance(title) - metrics.horizontalAdvance(SEPARATOR)
    lead, marked, rest = snippet.partition(START)
    if not marked:
        return title, snippet
    cut = metrics.elidedText(lead, Qt.TextElideMode.ElideLeft, max(0.0, left * LEAD_SHARE))
    if cut != lead:  # from a word's start: "…the battery", not "…e battery"
        cut = ELLIPSIS + "".join(cut.lstrip(ELLIPSIS).split(" ", 1)[1:])
    return title, cut + marked + rest


def snippet_html(snippet: str, palette: QPalette, *, selected: bool = False) -> str:
    """The snippet as HTML: its text escaped, each match marked in highlight colours (the
    other way round in a selected row, which has them already)."""
    back = palette.color(QPalette.ColorRole.Highlight).name()
    fore = palette.color(QPalette.ColorRole.HighlightedText).name()
    if selected:
        back, fore = fore, back
    text = html.escape(" ".join(snippet.split()), quote=False)
    opening = f'<span style="background:{back};color:{fore}">'
    return text.replace(START, opening).replace(END, "</span>")


class MatchDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        snippet = index.data(MATCH_ROLE)
        if not snippet:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        title = option.text
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        palette = option.palette
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
        title, snippet = fitted(title, snippet, rect.width(), option.font)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        shown = html.escape(title, quote=False)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        marked = snippet_html(snippet, palette, selected=selected)
        document.setHtml(f"<b>{shown}</b>{SEPARATOR}{marked}")
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(role))
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        top = max(0.0, (rect.height() - document.size().height()) / 2)
        painter.translate(0, top)
        document.setTextWidth(-1)
        document.documentLayout().draw(painter, context)
        painter.restore()
