"""The title cell while searching: the title, then the words found around the match, the
matched words highlighted in the palette's highlight colours."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reviewdesk.ui.library.entries_model import MATCH_ROLE

START, END = "\x02", "\x03"


def snippet_html(snippet: str, palette: QPalette) -> str:
    """The snippet as HTML: its text escaped, each match marked in highlight colours."""
    back = palette.color(QPalette.ColorRole.Highlight).name()
    fore = palette.color(QPalette.ColorRole.HighlightedText).name()
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
        title = html.escape(option.text, quote=False)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        palette = option.palette
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(f"<b>{title}</b> — {snippet_html(snippet, palette)}")
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = option.state & QStyle.StateFlag.State_Selected
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
