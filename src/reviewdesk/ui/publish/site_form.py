"""The form that adds a site: its kind (WordPress or Ghost), name and address, the WordPress
login and Application Password or the Ghost Admin API key, what its theme prints, and
optionally a variable to read the secret from instead."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reviewdesk.core.publish import sites
from reviewdesk.core.publish.ghost import AdminKey, NotAnAdminKey
from reviewdesk.core.publish.sites import Site, SiteError
from reviewdesk.core.publish.theme import PART_NAMES, ThemeParts

KINDS = (("WordPress", "wordpress"), ("Ghost", "ghost"))
PART_LABELS = {
    "title": "title",
    "excerpt": "excerpt",
    "featured_image": "featured image",
    "tags": "tags",
    "byline": "byline",
}
PASSWORD_TIP = (
    "Make one on the site under Users ▸ Profile ▸ Application Passwords. It is kept in the "
    "system keyring, never in a file."
)
KEY_PLACE = "Ghost Admin ▸ Settings ▸ Integrations ▸ Add custom integration ▸ Admin API key"
KEY_TIP = (
    f"Copy it from {KEY_PLACE} (not the Content API key beside it). It is kept in the system "
    "keyring, never in a file."
)
THEME_TIP = (
    "What the site's theme shows around a post by itself; the article leaves these out so "
    "that nothing is shown twice. Most themes show them all."
)
ENV_TIP = (
    "Instead of the keyring: the name of an environment variable that holds the {secret} "
    "when ReviewDesk publishes (for computers without a keyring)."
)


@dataclass(frozen=True)
class _Words:
    """What the form calls its fields for one kind of site."""

    address: str
    secret: str  # the label, with its mnemonic
    secret_name: str  # as the field is named
    noun: str  # as messages name it: as secrets.secret_name does for a site
    secret_placeholder: str
    secret_tip: str
    variable: str
    variable_placeholder: str


_WORDS = {
    "wordpress": _Words(
        "&WordPress address",
        "Application &password",
        "Application Password",
        "password",
        "xxxx xxxx xxxx xxxx xxxx xxxx",
        PASSWORD_TIP,
        "Password &variable",
        "optional: WP_PASSWORD",
    ),
    "ghost": _Words(
        "&Ghost address",
        "Admin API k&ey",
        "Admin API key",
        "Admin API key",
        "24 characters:64 characters",
        KEY_TIP,
        "Key &variable",
        "optional: GHOST_ADMIN_KEY",
    ),
}


class SiteForm(QGroupBox):
    kind_changed = Signal(str)  # "wordpress" or "ghost"

    def __init__(self, no_keyring: str | None, parent: QWidget | None = None) -> None:
        super().__init__("Add a site", parent)
        self._no_keyring = no_keyring
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        for label, kind in KINDS:
            self.kind.addItem(label, kind)
        self.name = _line("Site name", "blog")
        self.url = _line("WordPress address", "https://example.org")
        self.user = _line("Login", "your login on the site")
        self.password = _line("Application Password", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        # The browser authorization (WordPress's own Application Password page, over https)
        # shows this button, connects it, and puts the password it brings back in `password`.
        self.connect_in_browser = QPushButton("Connect in &browser…")
        self.connect_in_browser.setVisible(False)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password, 1)
        password_row.addWidget(self.connect_in_browser)
        self.secret_env = _line("Password variable", "")
        self.theme = {name: QCheckBox(PART_LABELS[name]) for name in PART_NAMES}
        theme_row = QHBoxLayout()
        for box in self.theme.values():
            box.setChecked(True)
            box.setToolTip(THEME_TIP)
            theme_row.addWidget(box)
        theme_row.addStretch(1)
        self.add_button = QPushButton("&Add Site")
        # A row of a layout takes no mnemonic itself: each label names its field as buddy.
        # The address, secret and variable are named for the kind of site (_show_kind).
        self._labels = {
            field: _label(text, field)
            for field, text in (
                (self.kind, "&Kind"),
                (self.name, "&Name"),
                (self.url, ""),
                (self.user, "&Login"),
                (self.password, ""),
                (self.secret_env, ""),
            )
        }
        self._form = form = QFormLayout(self)
        for field in (self.kind, self.name, self.url, self.user):
            form.addRow(self._labels[field], field)
        form.addRow(self._labels[self.password], password_row)
        form.addRow(self._labels[self.secret_env], self.secret_env)
        form.addRow("The theme shows", theme_row)
        # One line where secrets cannot be kept, and what to do instead.
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(bool(no_keyring))
        form.addRow(self.keyring_note)
        form.addRow(self.add_button)
        self.kind.currentIndexChanged.connect(self._show_kind)
        self._show_kind()

    @property
    def site_kind(self) -> str:
        return str(self.kind.currentData())

    @Slot()
    def _show_kind(self) -> None:
        """The fields and their names for the kind chosen: a Ghost site has no login."""
        kind = self.site_kind
        words = _WORDS[kind]
        self._labels[self.url].setText(words.address)
        self.url.setAccessibleName(_plain(words.address))
        self._form.setRowVisible(self.user, kind == "wordpress")
        self._labels[self.password].setText(words.secret)
        self.password.setAccessibleName(words.secret_name)
        self.password.setPlaceholderText(words.secret_placeholder)
        self.password.setToolTip(words.secret_tip)
        self._labels[self.secret_env].setText(words.variable)
        self.secret_env.setAccessibleName(_plain(words.variable))
        self.secret_env.setPlaceholderText(words.variable_placeholder)
        self.secret_env.setToolTip(ENV_TIP.format(secret=words.noun))
        if self._no_keyring:
            reason = self._no_keyring
            self.keyring_note.setText(
                f"{reason[:1].upper()}{reason[1:]}: name a {_plain(words.variable).lower()} "
                "instead, and set it before starting ReviewDesk."
            )
        self.kind_changed.emit(kind)

    def site(self) -> Site:
        """The site typed in; SiteError saying what is wrong (a Ghost key included)."""
        theme = ThemeParts.named([name for name, box in self.theme.items() if box.isChecked()])
        kind, secret_env = self.site_kind, self.secret_env.text().strip()
        user = self._admin_key().id if kind == "ghost" else self.user.text()
        return sites.make(
            self.name.text().strip(),
            kind,
            self.url.text(),
            user,
            theme=theme,
            secret_env=secret_env,
        )

    def _admin_key(self) -> AdminKey:
        """The Ghost key typed in, else the one in the variable named: its id stands for the
        site's account, as a WordPress login does."""
        key, source = self.secret(), ""
        variable = self.secret_env.text().strip()
        if not key and variable:
            key, source = os.environ.get(variable, "").strip(), f"{variable}: "
            if not key:
                raise SiteError(
                    f"{variable} is not set: set it to the Admin API key before starting ReviewDesk"
                )
        if not key:
            raise SiteError(self.secret_missing())
        try:
            return AdminKey.parse(key)
        except NotAnAdminKey as error:
            raise SiteError(f"{source}{error}") from None

    def secret_missing(self) -> str:
        """What to do when neither the secret nor a variable is given."""
        words = _WORDS[self.site_kind]
        if self._no_keyring:
            return (
                f"Name a {_plain(words.variable).lower()}: this computer has no keyring to keep "
                f"the {words.noun} in."
            )
        if self.site_kind == "ghost":
            return f"Type the Admin API key (copy it from {KEY_PLACE})."
        return (
            "Type the Application Password (make one on the site under Users ▸ "
            "Profile ▸ Application Passwords)."
        )

    def secret(self) -> str:
        return self.password.text().strip()

    def clear(self) -> None:
        """Empty for the next site, of the same kind."""
        for field in (self.name, self.url, self.user, self.password, self.secret_env):
            field.clear()
        for box in self.theme.values():
            box.setChecked(True)


def _line(name: str, placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    return field


def _plain(label: str) -> str:
    """A label as the writer reads it, without its mnemonic."""
    return label.replace("&", "")


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
