"""The form that adds a site: its name, WordPress address, login and Application Password,
what its theme prints, and optionally a variable to read the password from instead."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reviewdesk.core.publish import sites
from reviewdesk.core.publish.sites import Site
from reviewdesk.core.publish.theme import PART_NAMES, ThemeParts

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
THEME_TIP = (
    "What the site's theme shows around a post by itself; the article leaves these out so "
    "that nothing is shown twice. Most themes show them all."
)
ENV_TIP = (
    "Instead of the keyring: the name of an environment variable that holds the password "
    "when ReviewDesk publishes (for computers without a keyring)."
)


class SiteForm(QGroupBox):
    def __init__(self, no_keyring: str | None, parent: QWidget | None = None) -> None:
        super().__init__("Add a site", parent)
        self.name = _line("Site name", "blog")
        self.url = _line("WordPress address", "https://example.org")
        self.user = _line("Login", "your login on the site")
        self.password = _line("Application Password", "xxxx xxxx xxxx xxxx xxxx xxxx")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setToolTip(PASSWORD_TIP)
        # The browser authorization (WordPress's own Application Password page, over https)
        # shows this button, connects it, and puts the password it brings back in `password`.
        self.connect_in_browser = QPushButton("Connect in &browser…")
        self.connect_in_browser.setVisible(False)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password, 1)
        password_row.addWidget(self.connect_in_browser)
        self.secret_env = _line("Password variable", "optional: WP_PASSWORD")
        self.secret_env.setToolTip(ENV_TIP)
        self.theme = {name: QCheckBox(PART_LABELS[name]) for name in PART_NAMES}
        theme_row = QHBoxLayout()
        for box in self.theme.values():
            box.setChecked(True)
            box.setToolTip(THEME_TIP)
            theme_row.addWidget(box)
        theme_row.addStretch(1)
        self.add_button = QPushButton("&Add Site")
        form = QFormLayout(self)
        for label, field in (("&Name", self.name), ("&WordPress address", self.url),
                             ("&Login", self.user)):  # fmt: skip
            form.addRow(label, field)
        password_label = QLabel("Application &password")
        password_label.setBuddy(self.password)  # a row of a layout takes no mnemonic itself
        form.addRow(password_label, password_row)
        form.addRow("Password &variable", self.secret_env)
        form.addRow("The theme shows", theme_row)
        # One line where passwords cannot be kept, and what to do instead.
        self.keyring_note = QLabel(
            f"{no_keyring[:1].upper()}{no_keyring[1:]}: name a password variable instead, "
            "and set it before starting ReviewDesk."
            if no_keyring
            else ""
        )
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(bool(no_keyring))
        form.addRow(self.keyring_note)
        form.addRow(self.add_button)

    def site(self) -> Site:
        """The site typed in; SiteError saying what is wrong."""
        theme = ThemeParts.named([name for name, box in self.theme.items() if box.isChecked()])
        return sites.make(
            self.name.text().strip(),
            "wordpress",
            self.url.text(),
            self.user.text(),
            theme=theme,
            secret_env=self.secret_env.text().strip(),
        )

    def secret(self) -> str:
        return self.password.text().strip()

    def clear(self) -> None:
        for field in (self.name, self.url, self.user, self.password, self.secret_env):
            field.clear()
        for box in self.theme.values():
            box.setChecked(True)


def _line(name: str, placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    return field
