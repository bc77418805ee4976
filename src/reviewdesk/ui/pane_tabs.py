"""The form's tabs, each pane made when its tab is first shown: a window opens with the one
pane the writer sees, not the dozen behind it (and their modules are loaded then too)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QStyle,
    QStyleOptionTab,
    QStylePainter,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)


class PaneTabs(QTabWidget):
    """Tabs whose pages may be made on demand: `add_pane` takes a widget or a function that
    makes it; `make` builds the page of a tab (showing a tab does)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabBar(_SideTabBar())
        self.setTabPosition(QTabWidget.TabPosition.West)
        self.setDocumentMode(True)
        self.currentChanged.connect(self.make)

    def add_pane(self, title: str, pane: QWidget | Callable[[], QWidget]) -> None:
        page = pane if isinstance(pane, QWidget) else _Page(pane)
        self.addTab(page, title)
        if self.currentWidget() is page:
            self.make(self.currentIndex())  # the first tab added is shown at once

    def make(self, index: int) -> None:
        page = self.widget(index)
        if isinstance(page, _Page):
            page.make()

    def made(self, index: int) -> bool:
        page = self.widget(index)
        return not isinstance(page, _Page) or page.is_made


class _Page(QWidget):
    """A tab's page, holding its pane once made."""

    def __init__(self, make: Callable[[], QWidget]) -> None:
        super().__init__()
        self._make: Callable[[], QWidget] | None = make
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_made(self) -> bool:
        return self._make is None

    def make(self) -> None:
        if self._make is not None:
            make, self._make = self._make, None
            layout = self.layout()
            assert layout is not None
            pane = make()
            layout.addWidget(pane)
            pane.show()  # now, not queued: it is to be focused and measured at once
            if self.hasFocus():
                # Ctrl+Tab from a field gave the focus to the page (the stack found no field
                # in it yet): it goes to the pane's first field, as it does in a pane made.
                _focus_first_field(pane)


def _focus_first_field(pane: QWidget) -> None:
    # The pane's widgets follow it in the focus chain (not the page: it was made apart).
    widget = pane.nextInFocusChain()
    while widget is not None and pane.isAncestorOf(widget):
        tab_focus = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if tab_focus and widget.isVisibleTo(pane) and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = widget.nextInFocusChain()


class _SideTabBar(QTabBar):
    """The tabs down the form's side, their titles level: all twelve in view at any width.
    Across the top they ran off the form's edge into scroll arrows (at 1440x900 the last two,
    Updates and SEO, could not be seen)."""

    def tabSizeHint(self, index: int) -> QSize:  # noqa: N802 (Qt's API)
        return super().tabSizeHint(index).transposed()  # a level title's width and height

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's API)
        # The style draws a side tab's title turned a quarter: the painter turns it back.
        painter = QStylePainter(self)
        option = QStyleOptionTab()
        for index in range(self.count()):
            self.initStyleOption(option, index)
            painter.drawControl(QStyle.ControlElement.CE_TabBarTabShape, option)
            painter.save()
            turned = QRect(QPoint(), option.rect.size().transposed())
            turned.moveCenter(option.rect.center())
            option.rect = turned
            centre = self.tabRect(index).center()
            painter.translate(centre)
            painter.rotate(90)
            painter.translate(-centre)
            painter.drawControl(QStyle.ControlElement.CE_TabBarTabLabel, option)
            painter.restore()
