"""File ▸ Publish: send the saved review to one of the writer's sites, as a draft, published
or scheduled; a dry run says what would be created, updated and uploaded. Publishing runs off
the UI thread with its steps shown, then gives the post's link and what the read-back found,
or the error in plain words. A post edited on the web is shown with what differs, and is only
overwritten when the writer says so. A Ghost site can also send the post by email to its
members, asked for each time the dialog opens and confirmed before anything is sent."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError
from reviewdesk.core.publish import post, sites, state
from reviewdesk.core.publish.publish import ConflictError, PublishResult, publish
from reviewdesk.ui.publish.sites_dialog import SitesDialog
from reviewdesk.ui.publish.wording import (
    EMAIL_SEGMENTS,
    error_text,
    result_heading,
    result_lines,
    segment_words,
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
EMAIL_TIP = (
    "Ghost also sends the post by email to the members chosen, once, when it is published or "
    "scheduled. Emails cannot be called back."
)
SEND_QUESTION = "Send “{title}” by email to {members} of {site}? Emails cannot be called back."


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
        self._title = review.title
        self._site = ""  # the site of the publish under way or last done
        self._kinds: dict[str, str] = {}  # each site's kind, by name
        self.site = QComboBox()
        self.site.setAccessibleName("Site")
        self.site.currentIndexChanged.connect(self._site_chosen)
        self.manage_button = QPushButton("&Manage Sites…")
        self.manage_button.clicked.connect(self.manage_sites)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        self._own_status = post.wanted_status(review)  # what "As the review says" means
        for label, status in status_choices(review, now or datetime.now().astimezone()):
            self.status.addItem(label, status)
        self.email = QCheckBox("Send by &email")
        self.email.setToolTip(EMAIL_TIP)
        self.email.toggled.connect(self._enable)
        self.segment = QComboBox()
        self.segment.setAccessibleName("Members to email")
        for label, segment in EMAIL_SEGMENTS:
            self.segment.addItem(label, segment)
        self.email_question: QMessageBox | None = None  # while asking to send by email
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
        self.status.currentIndexChanged.connect(self._enable)
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
        # Ghost's only: shown for a Ghost site.
        self._email_row = QWidget()
        email_row = QHBoxLayout(self._email_row)
        email_row.setContentsMargins(0, 0, 0, 0)
        email_row.addWidget(self.email)
        email_row.addWidget(self.segment, 1)
        form.addRow("", self._email_row)
        self._form = form
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
        self._kinds = {site.name: site.kind for site in found.values()}
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
        """Publish (or a dry run of it) to the chosen site with the chosen status. Sending by
        email is confirmed first; a dry run, which sends nothing, asks nothing."""
        name = self.site.currentData()
        if not name or self.worker.busy or self.email_question is not None:
            return
        segment = self._email_segment()
        if segment and not dry_run:
            self._ask_to_send(name, segment, force=force)
        else:
            self._run(name, segment, dry_run=dry_run, force=force)

    def _email_segment(self) -> str:
        """The members to send the post to by email, "" for none."""
        ghost = self._kinds.get(self.site.currentData() or "") == "ghost"
        return str(self.segment.currentData()) if ghost and self.email.isChecked() else ""

    def _ask_to_send(self, name: str, segment: str, *, force: bool) -> None:
        """Send by email (then publish) or Cancel (nothing is done); Cancel is the default."""
        question = SEND_QUESTION.format(
            title=self._title, members=segment_words(segment), site=name
        )
        box = QMessageBox(QMessageBox.Icon.Question, "Send by email", question, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the title is the writer's text
        send = box.addButton("Send", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.finished.connect(lambda _result: self._answered(box, send, name, segment, force))
        self.email_question = box
        box.open()

    def _answered(
        self, box: QMessageBox, send: QAbstractButton, name: str, segment: str, force: bool
    ) -> None:
        self.email_question = None
        box.deleteLater()
        if box.clickedButton() is send:
            self._run(name, segment, dry_run=False, force=force)

    def _run(self, name: str, segment: str, *, dry_run: bool, force: bool) -> None:
        status, folder = self.status.currentData(), self._folder
        if self.worker.busy:
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
                email_segment=segment or None,
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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Sending by email is chosen anew each time the dialog opens."""
        if not event.spontaneous():
            self.email.setChecked(False)
        super().showEvent(event)

    @Slot()
    def _site_chosen(self) -> None:
        """Sending by email is Ghost's, and chosen anew for another site."""
        ghost = self._kinds.get(self.site.currentData() or "") == "ghost"
        self.email.setChecked(False)
        self._form.setRowVisible(self._email_row, ghost)

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
            if result.emailed and not result.dry_run:
                self.email.setChecked(False)  # sent: never again by a second click
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

    @Slot()
    def _enable(self) -> None:
        idle = not self.worker.busy
        ready = idle and bool(self.site.currentData())
        for button in (self.dry_run_button, self.publish_button, self.overwrite_button):
            button.setEnabled(ready)
        for widget in (self.site, self.status, self.manage_button):
            widget.setEnabled(idle)
        # A draft is sent to no one: the choice is offered with a status that publishes.
        sendable = (self.status.currentData() or self._own_status) != "draft"
        if not sendable:
            self.email.setChecked(False)
        self.email.setEnabled(idle and sendable)
        self.segment.setEnabled(idle and self.email.isChecked())


def _text_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
