"""The hero image: chosen from disk, copied into assets/, shown as a thumbnail, with its
alt text asked for at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core import assets
from reviewdesk.core.assets import AssetError
from reviewdesk.ui.asset_import import IMAGE_FILTER, import_asset
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY, FieldBinding, bind_text_edit, hint_label
from reviewdesk.ui.widgets.growing_text_edit import GrowingTextEdit
from reviewdesk.ui.widgets.thumbnail import Thumbnail

THUMBNAIL_WIDTH = 360


class HeroPane(QWidget):
    def __init__(
        self,
        document: ReviewDocument,
        parent: QWidget | None = None,
        choose_file: Callable[[], Path | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._choose_file = choose_file or self._ask_for_file
        self.thumbnail = Thumbnail(THUMBNAIL_WIDTH, "No hero image")
        self.choose = QPushButton("&Choose image…")
        self.choose.clicked.connect(self.choose_image)
        self.choose.setProperty(FIELD_PROPERTY, "hero.image")
        self.remove = QPushButton("&Remove")
        self.remove.clicked.connect(lambda: document.set("hero", None, merge=False))
        # Alt text is a sentence or two: shown whole, in a field that grows as it is typed.
        self.alt = GrowingTextEdit(min_lines=2)
        self.alt.setPlaceholderText("Describe the image for readers who cannot see it")
        self.caption = GrowingTextEdit(min_lines=1)
        self.caption.setPlaceholderText("Optional caption shown under the image")
        self._bindings: list[FieldBinding] = []
        form = QFormLayout()
        for label, path, edit in (
            ("&Alt text", "hero.alt", self.alt),
            ("Cap&tion", "hero.caption", self.caption),
        ):
            hint = hint_label()
            self._bindings.append(bind_text_edit(document, path, edit, hint))
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(edit)
            box.addWidget(hint)
            caption = QLabel(label)
            caption.setBuddy(edit)
            form.addRow(caption, box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.thumbnail, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addStretch()
        document.changed.connect(self._refresh)
        document.folder_changed.connect(lambda: self._refresh(""))
        self._refresh("")

    def choose_image(self) -> None:
        folder = self._document.folder
        source = self._choose_file()
        if source is None or folder is None:
            return
        try:
            image = import_asset(folder, source)
        except AssetError as error:
            QMessageBox.warning(self, "Hero image not added", str(error))
            return
        # Only the image changes: the alt text and the caption stay with the new one.
        self._document.set("hero.image", image, merge=False)
        self.alt.setFocus()  # alt text is asked for at once, not left for later

    def _ask_for_file(self) -> Path | None:
        chosen = QFileDialog.getOpenFileName(self, "Choose the hero image", "", IMAGE_FILTER)[0]
        return Path(chosen) if chosen else None

    def _refresh(self, field: str) -> None:
        if field not in ("", "hero"):
            return
        hero = self._document.review.hero
        for widget in (self.alt, self.caption, self.remove):
            widget.setEnabled(hero is not None)
        self.choose.setEnabled(self._document.folder is not None)
        folder = self._document.folder
        if hero is None or folder is None:
            self.thumbnail.show_text()
            return
        try:
            self.thumbnail.show_file(assets.resolve(folder, hero.image))
        except assets.AssetError as error:
            self.thumbnail.show_text(str(error))
