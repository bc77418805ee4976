"""File ▸ Publish: send the saved review to one of the writer's sites, as a draft, published
or scheduled; a dry run says what would be created, updated and uploaded. Publishing runs off
the UI thread with its steps shown, then gives the post's link and what the read-back found,
or the error in plain words. A post edited on the web is shown with what differs, and is only
overwritten when the writer says so."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError
from reviewdesk.core.publish import sites, state
from reviewdesk.core.publish.publish import ConflictError, PublishResult, publish
from reviewdesk.ui.publish.sites_dialog import SitesDialog
from reviewdesk.ui.publish.wording import (
    error_text,
    result_heading,
    result_lines,
    status_choices,
)
from reviewdesk.ui.publish.worker import Outcome, Worker, keep_until_idle

FIRST_HINT = (
    "Publish sends the review to the site, creating its post or updating it. Dry Run shows "
    "first what it would create, update and upload, and sends nothing."
)
CONFLICT = (
    "The post on {site} was edited on the web since it was last published from here; nothing "
    "was written. Overwrite replaces the site's version with the review. What differs:"
)


class PublishDialog(QDialog):
    published = Signal(str)  # one line on what publishing did, also once the dialog is closed

    def __init__(
        self,
        folder: Path,
        review: Review,
        parent: QWidget | None = None,
        *,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publish")
        self.worker = Worker(self)
        self.worker.progress.connect(self._step)
        self.worker.finished.connect(self._finished)
        self._folder = folder
        self._site = ""  # the site of the publish under way or last done
        self.site = QComboBox()
        self.site.setAccessibleName("Site")
        self.manage_button = QPushButton("&Manage Sites…")
        self.manage_button.clicked.connect(self.manage_sites)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for label, status in status_choices(review, now or datetime.now().astimezone()):
            self.status.addItem(label, status)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the steps are not known ahead: a busy bar
        self.progress.setTextVisible(False)
        self.step = QLabel()
        self.outcome = _text_label()
        self.link = QLabel()
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.link.setOpenExternalLinks(True)  # the system browser
        self.link.setVisible(False)
        self.notes = _text_label()
        self.dry_run_button = QPushButton("&Dry Run")
        self.dry_run_button.setToolTip("Show what publishing would create, update and upload")
        self.dry_run_button.clicked.connect(self._dry_run)
        self.overwrite_button = QPushButton("&Overwrite")
        self.overwrite_button.setToolTip("Replace the post edited on the web with the review")
        self.overwrite_button.clicked.connect(self._overwrite)
        self.overwrite_button.setAutoDefault(False)  # Enter must never replace a post
        self.publish_button = QPushButton("&Publish")
        self.publish_button.setDefault(True)
        self.publish_button.clicked.connect(self._publish)
        self._layout(review.title)
        self.outcome.setText(FIRST_HINT)  # a bad sites.yaml says so instead
        self.reload_sites()
        self._show_result(running=False)

    def _layout(self, title: str) -> None:
        site_row = QHBoxLayout()
        site_row.addWidget(self.site, 1)
        site_row.addWidget(self.manage_button)
        form = QFormLayout()
        heading = _text_label()
        heading.setText(f"“{title}” as saved in {self._folder.name}")
        form.addRow(heading)
        site_label = QLabel("&Site")
        site_label.setBuddy(self.site)  # a row of a layout takes no mnemonic itself
        form.addRow(site_label, site_row)
        form.addRow("S&tatus", self.status)
        results = QWidget()
        column = QVBoxLayout(results)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.outcome, self.link, self.notes):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(results)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.dry_run_button, self.overwrite_button, self.publish_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.overwrite_button.setVisible(False)  # after a conflict only (the box showed it)
        page = QVBoxLayout(self)
        page.addLayout(form)
        page.addWidget(self.step)
        page.addWidget(self.progress)
        page.addWidget(scroll, 1)
        page.addWidget(buttons)
        self.resize(640, 420)

    @property
    def busy(self) -> bool:
        return self.worker.busy

    @property
    def folder(self) -> Path:
        return self._folder

    def reload_sites(self) -> None:
        """The sites of sites.yaml, the one chosen before (or this review's last) selected."""
        chosen = self.site.currentData() or self._published_to()
        self.site.clear()
        try:
            found = sites.load_all()
        except BundleError as error:
            self.outcome.setText(error_text(error))
            found = {}
        for site in found.values():
            self.site.addItem(f"{site.name} — {site.url}", site.name)
        if found:
            self.site.setCurrentIndex(max(0, self.site.findData(chosen)))
        else:
            self.site.addItem("No sites yet: add one with Manage Sites", "")
        self._enable()

    def _published_to(self) -> str:
        try:
            return next(iter(state.read(self._folder).sites), "")
        except BundleError:
            return ""  # publishing says what is wrong with publish.yaml

    def manage_sites(self) -> SitesDialog:
        dialog = SitesDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.reload_sites)
        dialog.open()
        return dialog

    def start(self, *, dry_run: bool = False, force: bool = False) -> None:
        """Publish (or a dry run of it) to the chosen site with the chosen status."""
        name, status, folder = self.site.currentData(), self.status.currentData(), self._folder
        if not name or self.worker.busy:
            return
        self._site = name
        self._show_result(running=True)
        self._step(f"Reading {name}'s settings")
        self.worker.start(
            lambda progress: publish(
                folder,
                sites.get(name),
                status,
                dry_run=dry_run,
                force=force,
                progress=progress,
            )
        )
        self._enable()

    def _publish(self) -> None:
        self.start()

    def _dry_run(self) -> None:
        self.start(dry_run=True)

    def _overwrite(self) -> None:
        self.start(force=True)

    def done(self, result: int) -> None:
        keep_until_idle(self, self.worker)  # a publish under way ends and is recorded
        super().done(result)

    @Slot(str)
    def _step(self, text: str) -> None:
        self.step.setText(f"{text}…")

    @Slot(object)
    def _finished(self, outcome: Outcome) -> None:
        self._show_result(running=False)
        self._enable()
        # Enter publishes again (Close took the default while Publish was disabled), and never
        # overwrites: that is a click on Overwrite.
        self.publish_button.setDefault(True)
        self.publish_button.setFocus()
        error, result = outcome.error, outcome.value
        if isinstance(error, ConflictError):
            self.outcome.setText(CONFLICT.format(site=self._site))
            self.notes.setText("\n".join(error.differences))
            self.overwrite_button.setVisible(True)
        elif error is not None:
            self.outcome.setText(f"Not published. {error_text(error)}")
        elif isinstance(result, PublishResult):
            self.outcome.setText(result_heading(result))
            if result.link:
                link = html.escape(result.link)
                self.link.setText(f'<a href="{link}">{link}</a>')
                self.link.setVisible(True)
            self.notes.setText("\n".join(result_lines(result)))
            if not result.dry_run:
                self.published.emit(f"{result_heading(result)} {result.link}".strip())

    def _show_result(self, *, running: bool) -> None:
        """While publishing: the steps; after: what came of it."""
        self.progress.setVisible(running)
        self.step.setVisible(running)
        if running:
            for label in (self.outcome, self.link, self.notes):
                label.clear()
            self.link.setVisible(False)
            self.overwrite_button.setVisible(False)

    def _enable(self) -> None:
        ready = not self.worker.busy and bool(self.site.currentData())
        for button in (self.dry_run_button, self.publish_button, self.overwrite_button):
            button.setEnabled(ready)
        for widget in (self.site, self.status, self.manage_button):
            widget.setEnabled(not self.worker.busy)


def _text_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
