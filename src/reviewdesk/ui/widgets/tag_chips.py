"""Tags as `#Tag` chips with a remove button each, and a line edit that adds them. The same
chips serve other short labels (badges) given another noun and no `#`."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.widgets.flow_layout import FlowLayout

CHIPS_A_TURN = 100  # about 30 ms of chips made in one turn of the event loop


class TagChip(QFrame):
    """One tag: `#Tag` and a remove button that asks for its removal."""

    remove_clicked = Signal()

    def __init__(
        self, tag: str, parent: QWidget | None = None, *, noun: str = "tag", prefix: str = "#"
    ) -> None:
        super().__init__(parent)
        self._noun, self._prefix = noun, prefix
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a tag is never markup
        self.label.setForegroundRole(QPalette.ColorRole.ButtonText)
        self.remove = QToolButton()
        self.remove.setText("\N{MULTIPLICATION SIGN}")
        self.remove.setAutoRaise(True)
        self.remove.setForegroundRole(QPalette.ColorRole.ButtonText)
        self.set_tag(tag)
        self.remove.clicked.connect(self.remove_clicked)
        row = QHBoxLayout(self)
        height = self.fontMetrics().height()
        row.setContentsMargins(height // 2, 1, 2, 1)
        row.setSpacing(0)
        row.addWidget(self.label)
        row.addWidget(self.remove)

    def set_tag(self, tag: str) -> None:
        self.tag = tag
        noun = self._noun
        self.setAccessibleName(f"{noun.capitalize()} {tag}")
        self.label.setText(f"{self._prefix}{tag}")
        self.remove.setAccessibleName(f"Remove {noun} {tag}")
        self.remove.setToolTip(f"Remove {noun} {tag}")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        # Painted from the palette, not a style sheet, so a light/dark switch repaints it right.
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Button))
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = box.height() / 2
        painter.drawRoundedRect(box, radius, radius)


class TagChips(QWidget):
    """Edits a list of tags; `tags_edited` carries the new list after each user change.
    `noun` names one item in labels and messages ("badge"), `prefix` starts each chip;
    `max_items` and `max_length` are the limits the model sets, said as a tag is refused."""

    tags_edited = Signal(list)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        noun: str = "tag",
        prefix: str = "#",
        max_items: int | None = None,
        max_length: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._noun, self._prefix = noun, prefix
        self._max_items, self._max_length = max_items, max_length
        self._tags: list[str] = []
        self._completions: list[str] = []
        self._chips: list[TagChip] = []
        # A timer, not a queued call: the calls a turn queues run in that same turn.
        self._more_chips = QTimer(self, singleShot=True, interval=0)
        self._more_chips.timeout.connect(self._make_chips)

        self.edit = QLineEdit()
        self.edit.setPlaceholderText(f"Add a {noun}")
        self.edit.setAccessibleName(f"Add a {noun}")
        self.edit.setToolTip(f"Enter or a comma adds the {noun}; Backspace removes the last one")
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(f"Add a {noun}") * 2)
        self.edit.textEdited.connect(self._text_edited)
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)  # going to the tags is going to where they are typed

        self._completion_model = QStringListModel(self)
        self.completer = QCompleter(self._completion_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.edit.setCompleter(self.completer)
        # An Enter typed in the line edit is handled in eventFilter. One typed in the popup
        # reaches the line edit past the filter, as returnPressed, while the completer still
        # works on its model (which adding a tag changes) and before the line edit takes the
        # chosen text: so these wait for the completer to finish.
        queued = Qt.ConnectionType.QueuedConnection
        self.edit.returnPressed.connect(self._add_typed, queued)
        self.completer.activated.connect(self._add_completed, queued)

        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.message.setFont(font)
        self.message.hide()

        self._chips_area = QWidget()
        self._flow = FlowLayout(self._chips_area)
        self._flow.setContentsMargins(0, 0, 0, 0)
        self._flow.addWidget(self.edit)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._chips_area)
        column.addWidget(self.message)

    def tags(self) -> list[str]:
        return list(self._tags)

    def set_tags(self, tags: list[str]) -> None:
        """Show `tags`, without emitting `tags_edited`."""
        if tags != self._tags:
            self._show(list(tags))

    def set_completions(self, tags: list[str]) -> None:
        """The tags to offer while typing; those already present are left out."""
        self._completions = list(tags)
        self._update_completions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._add_typed()
                return True  # handled: not for a dialog's default button either
            if event.key() == Qt.Key.Key_Backspace and not self.edit.text() and self._tags:
                self._edited(self._tags[:-1])
                return True
        return super().eventFilter(watched, event)

    def say(self, message: str) -> None:
        """Show `message` under the chips ("" hides it)."""
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def _text_edited(self, text: str) -> None:
        self.say("")
        if "," not in text:
            return
        # Each comma ends a tag, whether typed or pasted ("a, b, c").
        *done, rest = text.split(",")
        tags = list(self._tags)
        for index, part in enumerate(done):
            tag = part.strip()
            if not self._accepts(tag, tags):
                # The refused tag stays to be corrected, with whatever followed it.
                rest = ",".join([tag, *done[index + 1 :], rest]).removesuffix(",")
                break
            if tag:
                tags.append(tag)
        self.edit.setText(rest.lstrip())
        self._edited(tags)

    def _add_typed(self) -> None:
        tag = self.edit.text().strip()
        if self._accepts(tag, self._tags) and tag:
            self.edit.clear()
            self._edited([*self._tags, tag])

    def _add_completed(self, tag: str) -> None:
        # Completions leave out present tags: a present one was just added by returnPressed.
        if not self._has(tag, self._tags):
            self.edit.setText(tag)
            self._add_typed()

    def _accepts(self, tag: str, tags: list[str]) -> bool:
        """Whether `tag` may join `tags`; says why not. An empty tag is only ignored."""
        if self._has(tag, tags):
            self.say(f'"{tag}" is already a {self._noun}')
            return False
        if tag and self._max_length is not None and len(tag) > self._max_length:
            self.say(f"A {self._noun} has at most {self._max_length:,} characters")
            return False
        if tag and self._max_items is not None and len(tags) >= self._max_items:
            self.say(f"A review has at most {self._max_items:,} {self._noun}s")
            return False
        return True

    @staticmethod
    def _has(tag: str, tags: list[str]) -> bool:
        key = tag.casefold()
        return any(existing.casefold() == key for existing in tags)

    def _remove(self, chip: TagChip) -> None:
        # By place, not by text: of a badge given twice, the other one stays.
        if chip in self._chips:
            index = self._chips.index(chip)
            self._edited(self._tags[:index] + self._tags[index + 1 :])
        self.edit.setFocus()

    def _edited(self, tags: list[str]) -> None:
        if tags != self._tags:
            self._show(tags)
            self.tags_edited.emit(list(tags))

    def _show(self, tags: list[str]) -> None:
        """Chips are kept and re-labelled, not made anew: PySide leaks references to None with
        every widget it creates and destroys."""
        self._tags = tags
        while len(self._chips) > len(tags):
            chip = self._chips.pop()
            self._flow.removeWidget(chip)
            chip.hide()
            chip.deleteLater()  # it may be the sender of the click being handled
        for chip, tag in zip(self._chips, tags, strict=False):
            chip.set_tag(tag)
        self._make_chips()
        self._update_completions()

    def _make_chips(self) -> None:
        """The chips still missing, CHIPS_A_TURN now and the rest in later turns of the event
        loop: a review's thousand tags made at once held the window 300 ms when their pane
        was first shown."""
        made = len(self._chips)
        # Each chip shown in a shown area would lay out all the chips before it: the layout
        # waits until the turn's chips are in.
        self._flow.setEnabled(False)
        for tag in self._tags[made : made + CHIPS_A_TURN]:
            chip = TagChip(tag, self._chips_area, noun=self._noun, prefix=self._prefix)
            chip.remove_clicked.connect(lambda chip=chip: self._remove(chip))
            self._flow.insertWidget(len(self._chips), chip)
            self._chips.append(chip)
            chip.show()  # now: the layout would only show it from the event loop
        self._flow.setEnabled(True)
        self._flow.activate()
        if len(self._chips) < len(self._tags):
            self._more_chips.start()

    def _update_completions(self) -> None:
        present = {tag.casefold() for tag in self._tags}
        self._completion_model.setStringList(
            [tag for tag in self._completions if tag.casefold() not in present]
        )
