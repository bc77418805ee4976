"""File ▸ Export ▸ a format: where to write it and the options that format takes. The folder and
the options are remembered per format: a writer exports to the same site again and again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reviewdesk.core.exports import FORMATS, ExportOptions
from reviewdesk.ui.settings import Setting, Settings

# Which options each format uses.
EMBEDS = frozenset({"html"})
FOOTERS = frozenset({"html", "fragment"})
BASE_URLS = frozenset({"html", "fragment", "json", "ghost", "wordpress"})
RAW_HTML = BASE_URLS | {"hugo", "jekyll"}  # the formats that carry the body's HTML
# Plain text: Qt would take a tag in a tooltip for rich text.
RAW_HTML_TIP = (
    "Unchecked, the body's HTML is sanitized: scripts, event handlers, javascript: links, "
    "frames, objects and styles are removed, but remote images (http and https image "
    "sources) are kept and load when the page is viewed. Checked, the body's HTML is kept "
    "as written, scripts too: only for HTML you wrote yourself. Applies to the html, "
    "fragment, json, ghost, wordpress, hugo and jekyll exports (hugo and jekyll then write "
    "the body's Markdown for the site to render)."
)


def folder_setting(to: str) -> Setting:
    return Setting(f"export/{to}/folder", "")


def base_url_setting(to: str) -> Setting:
    return Setting(f"export/{to}/asset_base_url", "")


def embed_setting(to: str) -> Setting:
    return Setting(f"export/{to}/embed_images", False)


class ExportDialog(QDialog):
    def __init__(
        self, to: str, default_name: str, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._to, self._settings = to, settings
        kind = FORMATS[to]
        self.setWindowTitle(f"Export as {kind.label}")
        folder = str(settings.get(folder_setting(to))) or str(Path.home())
        into_folder = kind.into_folder
        self.destination = QLineEdit(folder if into_folder else str(Path(folder) / default_name))
        self.destination.setAccessibleName("Destination")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.destination, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(QLabel(kind.description[:1].upper() + kind.description[1:] + "."))
        label = QLabel("&Folder" if into_folder else "&File")
        label.setBuddy(self.destination)
        form.addRow(label, row)

        self.asset_base_url = QLineEdit(str(settings.get(base_url_setting(to))))
        self.asset_base_url.setPlaceholderText("https://example.org/reviews/my-review/")
        self.asset_base_url.setToolTip(
            "Where the review's images will be published: relative image paths become "
            "absolute URLs under it"
        )
        self.embed_images = QCheckBox("&Embed images in the page (one self-contained file)")
        self.embed_images.setChecked(_flag(settings.get(embed_setting(to))))
        self.footer = QCheckBox("Add “Was this review &helpful?” and share links")
        self.raw_html = QCheckBox("Keep the body's HTML as &written, unsanitized")
        self.raw_html.setToolTip(RAW_HTML_TIP)
        if to in BASE_URLS:
            form.addRow("Image &base URL", self.asset_base_url)
        if to in EMBEDS:
            form.addRow(self.embed_images)
        if to in FOOTERS:
            form.addRow(self.footer)
        if to in RAW_HTML:
            form.addRow(self.raw_html)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    @property
    def target(self) -> Path:
        return Path(self.destination.text().strip()).expanduser()

    def options(self) -> ExportOptions:
        return ExportOptions(
            embed_images=self._to in EMBEDS and self.embed_images.isChecked(),
            asset_base_url=self.asset_base_url.text().strip() or None
            if self._to in BASE_URLS
            else None,
            show_footer=self._to in FOOTERS and self.footer.isChecked(),
            raw_html=self._to in RAW_HTML and self.raw_html.isChecked(),
        )

    def accept(self) -> None:
        if not self.destination.text().strip():
            self.destination.setFocus()
            return
        folder = self.target if FORMATS[self._to].into_folder else self.target.parent
        self._settings.set(folder_setting(self._to), str(folder))
        self._settings.set(base_url_setting(self._to), self.asset_base_url.text().strip())
        self._settings.set(embed_setting(self._to), self.embed_images.isChecked())
        super().accept()

    def _browse(self) -> None:
        if FORMATS[self._to].into_folder:
            chosen = QFileDialog.getExistingDirectory(self, "Export into", self.destination.text())
        else:
            chosen = QFileDialog.getSaveFileName(self, "Export as", self.destination.text())[0]
        if chosen:
            self.destination.setText(chosen)


def _flag(value: object) -> bool:
    # INI files give booleans back as text.
    return value is True or str(value).lower() == "true"
