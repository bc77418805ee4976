"""A layout that wraps its items like words in a paragraph: a port of Qt's FlowLayout example."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget

_NOWHERE = Qt.Orientation(0)


class FlowLayout(QLayout):
    """Items left to right, starting a new row when one does not fit. A negative spacing
    (the default) takes the style's spacing, as the standard layouts do.

    Qt asks the height for a width many times a layout pass: it is remembered until the
    items change, and the spacing is asked of the style once a pass, not once an item (a
    thousand tags took 0.3 s to lay out when their pane was shown). Without
    `height_for_width` the layout tells Qt its height does not depend on its width (its
    widget sets its own height for its width: `heightForWidth` still answers)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        h_spacing: int = -1,
        v_spacing: int = -1,
        *,
        height_for_width: bool = True,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h_spacing = h_spacing
        self._v_spacing = v_spacing
        self._height_for_width = height_for_width
        self._heights: dict[int, int] = {}  # width -> height, while the items stay as they are

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def insertWidget(self, index: int, widget: QWidget) -> None:  # noqa: N802 (as QBoxLayout)
        """Put `widget` before the item at `index` (at the end when out of range)."""
        self.addWidget(widget)  # adopts the widget and appends its item
        item = self._items.pop()
        self._items.insert(max(0, min(index, len(self._items))), item)
        self.invalidate()

    def horizontal_spacing(self) -> int:
        return self._h_spacing if self._h_spacing >= 0 else self._smart_spacing(True)

    def vertical_spacing(self) -> int:
        return self._v_spacing if self._v_spacing >= 0 else self._smart_spacing(False)

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt's name)
        return _NOWHERE  # asked of each row's layout at every pass of a grid of a thousand

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return self._height_for_width

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._do_layout(QRect(0, 0, width, 0), test_only=True)
        return height

    def invalidate(self) -> None:
        # Qt calls this when an item is added or removed, or changes its size hint.
        self._heights.clear()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's name)
        super().setGeometry(rect)
        self._do_layout(rect, test_only=False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _do_layout(self, rect: QRect, *, test_only: bool) -> int:
        """Place the items in `rect` (or only measure, when `test_only`); the height used."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(QMargins(margins))
        x, y, line_height = area.x(), area.y(), 0
        space_x, space_y = self._item_spacing()
        for item in self._items:
            if item.isEmpty():
                continue  # a hidden widget takes no room
            hint = item.sizeHint()
            next_x = x + hint.width() + space_x
            if next_x - space_x > area.right() + 1 and line_height > 0:
                x, y, line_height = area.x(), y + line_height + space_y, 0
                next_x = x + hint.width() + space_x
            if not test_only:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x = next_x
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()

    def _item_spacing(self) -> tuple[int, int]:
        """The spacing between two items (the same for all: they share one style)."""
        space_x, space_y = self.horizontal_spacing(), self.vertical_spacing()
        widget = next((w for item in self._items if (w := item.widget()) is not None), None)
        if widget is None or (space_x >= 0 and space_y >= 0):
            return max(space_x, 0), max(space_y, 0)
        # The style has no layout-wide spacing: ask it for the spacing between two buttons.
        kind = QSizePolicy.ControlType.PushButton
        style = widget.style()
        if space_x < 0:
            space_x = style.layoutSpacing(kind, kind, Qt.Orientation.Horizontal)
        if space_y < 0:
            space_y = style.layoutSpacing(kind, kind, Qt.Orientation.Vertical)
        return space_x, space_y

    def _smart_spacing(self, horizontal: bool) -> int:
        parent = self.parent()
        if parent is None:
            return -1
        if isinstance(parent, QWidget):
            metric = (
                QStyle.PixelMetric.PM_LayoutHorizontalSpacing
                if horizontal
                else QStyle.PixelMetric.PM_LayoutVerticalSpacing
            )
            return parent.style().pixelMetric(metric, None, parent)
        if isinstance(parent, QLayout):
            return parent.spacing()
        return -1
