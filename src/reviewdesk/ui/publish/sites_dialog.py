"""Publish ▸ Manage Sites: the sites the writer publishes to (sites.yaml), adding one (WordPress
with its Application Password, Ghost with its Admin API key, kept in the system keyring),
removing one, and testing one. Each step that talks to the keyring or the site runs off the UI
thread."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core.problems import BundleError
from reviewdesk.core.publish import secrets, sites
from reviewdesk.core.publish.authorize import Credentials
from reviewdesk.core.publish.diagnose import Finding, diagnose
from reviewdesk.core.publish.ghost_diagnose import diagnose_ghost
from reviewdesk.core.publish.sites import Site, SiteError
from reviewdesk.ui.publish.authorize_dialog import AuthorizeDialog
from reviewdesk.ui.publish.site_form import SiteForm
from reviewdesk.ui.publish.wording import error_text, finding_line, findings_summary
from reviewdesk.ui.publish.worker import Job, Outcome, Worker, keep_until_idle


@dataclass(frozen=True)
class _Added:
    site: Site
    note: str  # how the secret is kept, when not in the keyring


class SitesDialog(QDialog):
    changed = Signal()  # a site was added or removed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publishing Sites")
        self.worker = Worker(self)
        self.worker.finished.connect(self._finished)
        self._doing = ""  # what the job under way is: add, remove or test
        self.sites = QListWidget()
        self.sites.setAccessibleName("Sites")
        self.sites.currentItemChanged.connect(self._enable)
        self.test_button = QPushButton("&Test")
        self.test_button.setToolTip("Check that ReviewDesk can log in and publish there")
        self.test_button.clicked.connect(self._test)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self._remove)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._no_keyring = _no_keyring()
        self._sites: dict[str, Site] = {}  # as listed
        self.form = SiteForm(self._no_keyring)
        self.form.password.setEnabled(not self._no_keyring)
        self.form.add_button.clicked.connect(self._add)
        self.form.kind_changed.connect(self._show_connect)
        self._show_connect(self.form.site_kind)
        self.form.connect_in_browser.clicked.connect(self._connect_in_browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self._layout(buttons)
        self.reload()

    def _layout(self, buttons: QDialogButtonBox) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(QLabel("Sites you publish to:"))
        column.addWidget(self.sites, 1)
        column.addLayout(actions)
        column.addWidget(self.message)
        column.addWidget(self.form)
        column.addWidget(buttons)
        self.resize(600, self.sizeHint().height())

    @property
    def busy(self) -> bool:
        return self.worker.busy

    def reload(self, current: str = "") -> None:
        """List the sites of sites.yaml, `current` selected."""
        self.sites.clear()
        try:
            found = sites.load_all()
        except BundleError as error:
            self._say(error_text(error))
            found = {}
        self._sites = found
        for site in found.values():
            item = QListWidgetItem(_describe(site))
            item.setData(Qt.ItemDataRole.UserRole, site.name)
            self.sites.addItem(item)
            if site.name == current or self.sites.currentItem() is None:
                self.sites.setCurrentItem(item)
        if not found:
            self.sites.addItem(QListWidgetItem("No sites yet: add one below."))
            self.sites.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._enable()

    def selected(self) -> str:
        item = self.sites.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole) or "") if item else ""

    def done(self, result: int) -> None:
        keep_until_idle(self, self.worker)  # a publish under way ends and is recorded
        super().done(result)

    # --- the steps ------------------------------------------------------------------------------

    @Slot(str)
    def _show_connect(self, kind: str) -> None:
        """WordPress's own page makes the password; only where a keyring can keep it."""
        self.form.connect_in_browser.setVisible(kind == "wordpress" and not self._no_keyring)

    def _add(self) -> None:
        try:
            site = self.form.site()
        except SiteError as error:
            self._say(str(error))
            return
        secret = self.form.secret()
        if not secret and not site.secret_env:
            self._say(self.form.secret_missing())
            return
        self._run("add", f"Adding {site.name}…", lambda _: _add(site, secret))

    def _connect_in_browser(self) -> None:
        try:
            url = sites.site_url(self.form.url.text())
        except SiteError as error:
            self._say(str(error))
            return
        dialog = AuthorizeDialog(url, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.authorized.connect(self._authorized)
        dialog.open()

    @Slot(object)
    def _authorized(self, credentials: Credentials) -> None:
        """The login and the password the site made, in the form: Add Site keeps them."""
        self.form.user.setText(credentials.user)
        self.form.password.setText(credentials.password)
        self._say(f"Connected as {credentials.user}. Add the site to keep its password.")

    def _remove(self) -> None:
        name = self.selected()
        secret = secrets.secret_name(self._sites[name])
        answer = QMessageBox.question(
            self, "Remove site", f"Remove the site {name} and its stored {secret}?"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run("remove", f"Removing {name}…", lambda _: _remove(name))

    def _test(self) -> None:
        name = self.selected()
        self._run("test", f"Testing {name}…", lambda _: _test(name))

    def _run(self, doing: str, saying: str, job: Job) -> None:
        self._doing = doing
        self._say(saying)
        self.worker.start(job)
        self._enable()

    @Slot(object)
    def _finished(self, outcome: Outcome) -> None:
        doing, self._doing = self._doing, ""
        self._enable()
        if outcome.error is not None:
            self._say(f"Problem: {error_text(outcome.error)}")
            return
        value = outcome.value
        if isinstance(value, _Added):
            self.form.clear()
            self.reload(value.site.name)
            warning = (
                f" The site is plain http: the {secrets.secret_name(value.site)} crosses the "
                "network unencrypted."
            )
            self._say(
                f"Added {value.site.name}{value.note}. Test it to check that publishing works."
                + (warning if value.site.plain_http else "")
            )
            self.changed.emit()
        elif doing == "remove" and isinstance(value, Site):
            self.reload()
            self._say(f"Removed {value.name} and its stored {secrets.secret_name(value)}.")
            self.changed.emit()
        elif isinstance(value, list):
            findings = [finding for finding in value if isinstance(finding, Finding)]
            self._say("\n".join([findings_summary(findings), *map(finding_line, findings)]))

    @Slot()
    def _enable(self) -> None:
        idle, chosen = not self.worker.busy, bool(self.selected())
        self.test_button.setEnabled(idle and chosen)
        self.remove_button.setEnabled(idle and chosen)
        self.form.add_button.setEnabled(idle)

    def _say(self, text: str) -> None:
        self.message.setText(text)


def _no_keyring() -> str | None:
    """Why passwords cannot be kept in a keyring here, or None."""
    try:
        return secrets.no_keyring_reason()
    # A keyring chosen by name that cannot start (Secret Service without a D-Bus session)
    # raises its own errors: there is none to keep passwords in.
    except Exception as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"the system keyring cannot be reached ({reason})"


def _describe(site: Site) -> str:
    source = f", {secrets.secret_name(site)} from ${site.secret_env}" if site.secret_env else ""
    who = "Ghost" if site.kind == "ghost" else site.user
    return f"{site.name} — {who} at {site.url}{source}"


# --- off the UI thread --------------------------------------------------------------------------


def _add(site: Site, secret: str) -> _Added:
    """Keep the secret (in the keyring, else say where it comes from), then the site."""
    note = ""
    from_variable = (
        f" (its {secrets.secret_name(site)} is read from {site.secret_env} when publishing)"
    )
    if secret:
        try:
            secrets.store(site, secret)
        except secrets.SecretError:
            if not site.secret_env:
                raise
            note = from_variable
    else:
        note = from_variable
    secrets.forget_replaced(sites.load_all().get(site.name), site)
    sites.save(site)
    return _Added(site, note)


def _remove(name: str) -> Site:
    site = sites.get(name)
    secrets.forget(site)
    sites.remove(name)
    return site


def _test(name: str) -> list[Finding]:
    site = sites.get(name)
    check = diagnose_ghost if site.kind == "ghost" else diagnose
    return check(site, secrets.load(site))
