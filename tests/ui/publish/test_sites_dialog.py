"""Publish ▸ Manage Sites against the real WordPress and a real keyring: a site typed in is
kept in sites.yaml with its password in the keyring, tested off the UI thread with findings
in plain words, and removed with its password. A Ghost site is typed in with its Admin API key
(a Content API key is refused), and has no login or browser connection."""

from __future__ import annotations

import random

import keyring
import pytest
import shiboken6
from keyring.backends import SecretService
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core.publish import secrets, sites
from reviewdesk.core.publish.ghost import AdminKey, NotAnAdminKey
from reviewdesk.ui.publish.site_form import KEY_PLACE
from reviewdesk.ui.publish.sites_dialog import SitesDialog
from tests.ui.publish.conftest import (
    ADMIN_KEY,
    CONTENT_KEY,
    WAIT_MS,
    choose,
    click,
    type_ghost_site,
    type_site,
)
from tests.wordpress_server import WordPressServer

pytestmark = pytest.mark.slow


@pytest.fixture
def dialog(qtbot: QtBot, host: QWidget, system_keyring: None) -> SitesDialog:
    shown = SitesDialog(host)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_a_site_typed_in_is_kept_with_its_password_in_the_keyring(
    qtbot: QtBot, dialog: SitesDialog, site: WordPressServer
) -> None:
    assert dialog.sites.item(0).text() == "No sites yet: add one below."
    assert not dialog.test_button.isEnabled()
    account = site.admin
    type_site(qtbot, dialog, "blog", site.url, account.login, password=account.app_password)
    assert dialog.message.text() == "Added blog. Test it to check that publishing works."
    assert dialog.sites.currentItem().text() == f"blog — {account.login} at {site.url}"
    kept = sites.get("blog")
    assert (kept.url, kept.user) == (site.url, account.login)
    assert secrets.load(kept) == account.app_password
    assert account.app_password not in sites.sites_path().read_text()
    assert dialog.form.password.text() == ""  # not left in the window


def test_testing_a_site_says_what_it_found(
    qtbot: QtBot, dialog: SitesDialog, site: WordPressServer
) -> None:
    type_site(qtbot, dialog, "blog", site.url, site.admin.login, password=site.admin.app_password)
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.test_button)
        assert dialog.message.text() == "Testing blog…"
        assert not dialog.test_button.isEnabled()  # one test at a time
    lines = dialog.message.text().splitlines()
    assert lines[:3] == [
        "Publishing to this site can work:",
        f"OK: WordPress REST API at {site.url}/wp-json/",
        f"OK: logged in as {site.php(f'echo get_userdata({site.admin.user_id})->display_name;')}"
        " (administrator)",
    ]
    assert "Note: the ReviewDesk plugin is not active" in dialog.message.text()
    assert dialog.test_button.isEnabled()


def test_a_wrong_password_is_said_in_plain_words(
    qtbot: QtBot, dialog: SitesDialog, site: WordPressServer
) -> None:
    type_site(
        qtbot, dialog, "blog", site.url, site.author.login, password="abcd efgh ijkl mnop qrst uvwx"
    )
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.test_button)
    lines = dialog.message.text().splitlines()
    assert lines[0] == "One problem stands in the way of publishing:"
    assert lines[-1].startswith(f"Problem: the site did not log '{site.author.login}' in")
    assert "the Application Password is wrong (make a new one under Users > Profile)" in lines[-1]


def test_a_removed_site_goes_with_its_password(
    qtbot: QtBot, dialog: SitesDialog, site: WordPressServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    type_site(qtbot, dialog, "blog", site.url, site.admin.login, password=site.admin.app_password)
    kept = sites.get("blog")
    asked: list[str] = []

    def answer(_parent: QWidget, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.remove_button)
    assert asked == ["Remove the site blog and its stored password?"]
    assert dialog.message.text() == "Removed blog and its stored password."
    assert sites.load_all() == {}
    with pytest.raises(secrets.SecretError, match="no password stored"):
        secrets.load(kept)


def test_a_site_added_again_keeps_the_password_of_its_account(
    qtbot: QtBot, dialog: SitesDialog, site: WordPressServer
) -> None:
    """Replacing a site with the same login and address (another theme) keeps its password
    in the keyring; another login there gets the new one only."""
    type_site(qtbot, dialog, "blog", site.url, site.admin.login, password=site.admin.app_password)
    click(qtbot, dialog.form.theme["byline"])  # the theme prints no byline
    type_site(qtbot, dialog, "blog", site.url, site.admin.login, password=site.admin.app_password)
    kept = sites.get("blog")
    assert not kept.theme.byline
    assert secrets.load(kept) == site.admin.app_password


@pytest.mark.parametrize(
    ("name", "url", "said"),
    [
        ("my blog", "https://example.org", "site name 'my blog': use letters, digits"),
        ("blog", "example.org", "'example.org' is not a site address; give it as https://"),
    ],
)
def test_a_bad_site_is_one_line_and_nothing_is_kept(
    qtbot: QtBot, dialog: SitesDialog, name: str, url: str, said: str
) -> None:
    for field, text in ((dialog.form.name, name), (dialog.form.url, url), (dialog.form.user, "jo")):
        qtbot.keyClicks(field, text)
    qtbot.keyClicks(dialog.form.password, "abcd efgh")
    click(qtbot, dialog.form.add_button)
    assert dialog.message.text().startswith(said)
    assert "\n" not in dialog.message.text()
    assert not dialog.busy
    assert sites.load_all() == {}


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_one_line_says_to_name_a_variable(
    qtbot: QtBot, host: QWidget, site: WordPressServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = SitesDialog(host)
    qtbot.addWidget(dialog)
    dialog.show()
    note = dialog.form.keyring_note
    assert note.isVisible()
    assert note.text() == (
        "No system keyring is available on this computer: name a password variable instead, "
        "and set it before starting ReviewDesk."
    )
    assert not dialog.form.password.isEnabled()
    monkeypatch.setenv("BLOG_PASSWORD", site.admin.app_password)
    qtbot.keyClicks(dialog.form.secret_env, "BLOG_PASSWORD")
    type_site(qtbot, dialog, "blog", site.url, site.admin.login, password="")
    assert dialog.message.text() == (
        "Added blog (its password is read from BLOG_PASSWORD when publishing). "
        "Test it to check that publishing works."
    )
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.test_button)
    assert dialog.message.text().startswith("Publishing to this site can work:")


def test_a_keyring_that_cannot_start_is_one_line_too(
    qtbot: QtBot, host: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Secret Service chosen by name, with no D-Bus session to reach it."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    previous = keyring.get_keyring()
    keyring.set_keyring(SecretService.Keyring())
    try:
        dialog = SitesDialog(host)
    finally:
        keyring.set_keyring(previous)
    qtbot.addWidget(dialog)
    assert dialog.form.keyring_note.text() == (
        "The system keyring cannot be reached (Unable to initialize SecretService: Environment "
        "variable DBUS_SESSION_BUS_ADDRESS is unset): name a password variable instead, and set "
        "it before starting ReviewDesk."
    )
    assert not dialog.form.password.isEnabled()


def test_the_dialog_can_be_closed_at_any_moment_of_a_test(
    qtbot: QtBot, host: QWidget, site: WordPressServer, system_keyring: None
) -> None:
    """Closed, it goes once the test ends; deleted (its window gone), it waits for it."""
    first = SitesDialog(host)
    qtbot.addWidget(first)
    first.show()
    type_site(qtbot, first, "blog", site.url, site.admin.login, password=site.admin.app_password)
    pause = random.Random(7)
    mid_test = 0
    for _ in range(12):
        dialog = SitesDialog(host)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        click(qtbot, dialog.test_button)
        qtbot.wait(pause.randint(0, 250))  # the dialog goes at any point of the test
        mid_test += dialog.busy
        if pause.random() < 0.25:
            shiboken6.delete(dialog)
        else:
            dialog.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: host.findChildren(SitesDialog) == [first], timeout=WAIT_MS)
    assert mid_test >= 4  # the moments fall in the test, not only after it


def refusal(key: str) -> str:
    """What the core says of text that is no Admin API key."""
    with pytest.raises(NotAnAdminKey) as refused:
        AdminKey.parse(key)
    return str(refused.value)


def row_label(dialog: SitesDialog, field: QWidget) -> str:
    """The label that names `field` (its buddy), shown when the field is."""
    (label,) = [found for found in dialog.form.findChildren(QLabel) if found.buddy() is field]
    assert label.isVisible() == field.isVisible()
    return label.text()


def test_a_ghost_site_typed_in_is_kept_with_its_admin_api_key_in_the_keyring(
    qtbot: QtBot, dialog: SitesDialog
) -> None:
    form = dialog.form
    assert form.kind.currentText() == "WordPress"
    choose(qtbot, form.kind, "Ghost")
    assert not form.user.isVisible()  # a Ghost key is no one's login
    assert not form.connect_in_browser.isVisible()  # WordPress's page
    assert row_label(dialog, form.url) == "&Ghost address"
    assert row_label(dialog, form.password) == "Admin API k&ey"
    assert form.password.accessibleName() == "Admin API key"
    assert KEY_PLACE in form.password.toolTip() and "system keyring" in form.password.toolTip()
    assert row_label(dialog, form.secret_env) == "Key &variable"
    type_ghost_site(qtbot, dialog, "news", "https://news.example.org/", key=ADMIN_KEY)
    assert dialog.message.text() == "Added news. Test it to check that publishing works."
    assert dialog.sites.currentItem().text() == "news — Ghost at https://news.example.org"
    kept = sites.get("news")
    assert (kept.kind, kept.url, kept.user) == (
        "ghost",
        "https://news.example.org",
        AdminKey.parse(ADMIN_KEY).id,  # the key's id, as its account
    )
    assert secrets.load(kept) == ADMIN_KEY
    written = sites.sites_path().read_text()
    assert "kind: ghost" in written and AdminKey.parse(ADMIN_KEY).secret not in written
    assert form.password.text() == "" and form.kind.currentText() == "Ghost"  # for the next


@pytest.mark.parametrize("key", [CONTENT_KEY, "6b15d3d620eedc4a240b96a4", "not a key"])
def test_a_key_that_is_no_admin_api_key_is_refused_and_nothing_is_kept(
    qtbot: QtBot, dialog: SitesDialog, key: str
) -> None:
    choose(qtbot, dialog.form.kind, "Ghost")
    for field, text in ((dialog.form.name, "news"), (dialog.form.url, "https://news.example.org"),
                        (dialog.form.password, key)):  # fmt: skip
        qtbot.keyClicks(field, text)
    click(qtbot, dialog.form.add_button)
    said = refusal(key)
    assert dialog.message.text() == said
    assert ("Content API key" in said) == (key == CONTENT_KEY)
    assert not dialog.busy
    assert not sites.sites_path().exists()
    assert dialog.form.password.text() == key  # to correct, not retype


def test_a_ghost_site_without_a_key_says_where_the_key_is(
    qtbot: QtBot, dialog: SitesDialog
) -> None:
    choose(qtbot, dialog.form.kind, "Ghost")
    qtbot.keyClicks(dialog.form.name, "news")
    qtbot.keyClicks(dialog.form.url, "https://news.example.org")
    click(qtbot, dialog.form.add_button)
    assert dialog.message.text() == f"Type the Admin API key (copy it from {KEY_PLACE})."
    assert not dialog.busy and not sites.sites_path().exists()


def test_back_to_wordpress_the_form_asks_for_a_login_and_password_again(
    qtbot: QtBot, dialog: SitesDialog
) -> None:
    form = dialog.form
    choose(qtbot, form.kind, "Ghost")
    choose(qtbot, form.kind, "WordPress")
    assert form.user.isVisible() and form.connect_in_browser.isVisible()
    assert row_label(dialog, form.url) == "&WordPress address"
    assert row_label(dialog, form.password) == "Application &password"
    assert row_label(dialog, form.secret_env) == "Password &variable"
    assert form.password.accessibleName() == "Application Password"
    assert "Application Passwords" in form.password.toolTip()


def test_a_ghost_site_is_removed_with_its_admin_api_key(
    qtbot: QtBot, dialog: SitesDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    type_ghost_site(qtbot, dialog, "news", "https://news.example.org", key=ADMIN_KEY)
    kept = sites.get("news")
    asked: list[str] = []

    def answer(_parent: QWidget, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.remove_button)
    assert asked == ["Remove the site news and its stored Admin API key?"]
    assert dialog.message.text() == "Removed news and its stored Admin API key."
    with pytest.raises(secrets.SecretError, match="no Admin API key stored for 'news'"):
        secrets.load(kept)


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_a_ghost_site_reads_its_key_from_the_variable_named(
    qtbot: QtBot, host: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = SitesDialog(host)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    choose(qtbot, form.kind, "Ghost")
    assert form.keyring_note.text() == (
        "No system keyring is available on this computer: name a key variable instead, "
        "and set it before starting ReviewDesk."
    )
    for field, text in ((form.name, "news"), (form.url, "https://news.example.org")):
        qtbot.keyClicks(field, text)
    click(qtbot, form.add_button)
    assert dialog.message.text() == (
        "Name a key variable: this computer has no keyring to keep the Admin API key in."
    )
    monkeypatch.delenv("NEWS_KEY", raising=False)
    qtbot.keyClicks(form.secret_env, "NEWS_KEY")
    click(qtbot, form.add_button)
    assert dialog.message.text() == (
        "NEWS_KEY is not set: set it to the Admin API key before starting ReviewDesk"
    )
    monkeypatch.setenv("NEWS_KEY", CONTENT_KEY)
    click(qtbot, form.add_button)
    assert dialog.message.text() == f"NEWS_KEY: {refusal(CONTENT_KEY)}"
    assert not dialog.busy and not sites.sites_path().exists()
    monkeypatch.setenv("NEWS_KEY", ADMIN_KEY)
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, form.add_button)
    assert dialog.message.text() == (
        "Added news (its Admin API key is read from NEWS_KEY when publishing). "
        "Test it to check that publishing works."
    )
    kept = sites.get("news")
    assert (kept.kind, kept.user, kept.secret_env) == ("ghost", AdminKey.parse(ADMIN_KEY).id,
                                                       "NEWS_KEY")  # fmt: skip
    assert dialog.sites.currentItem().text() == (
        "news — Ghost at https://news.example.org, Admin API key from $NEWS_KEY"
    )
