"""Connect in browser, against the real WordPress: the dialog opens the site's own authorization
page, the writer logs in and approves (or declines) as they would with the mouse, and the
password the dialog returns logs in over the REST API."""

import json
import logging

import httpx
import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core.publish import secrets, sites
from reviewdesk.core.publish.authorize import APP_ID, CALLBACK_HOST
from reviewdesk.ui.publish.authorize_dialog import AuthorizeDialog, authorize
from reviewdesk.ui.publish.sites_dialog import SitesDialog
from tests.ui.publish.conftest import WAIT_MS, click
from tests.ui.system_browser import SystemBrowser
from tests.wordpress_server import WordPressAccount, WordPressServer

LOAD_TIMEOUT = 30_000  # ms: a page of the real site, PHP and all


def _run_js(qtbot: QtBot, dialog: AuthorizeDialog, script: str) -> object:
    with qtbot.waitCallback(timeout=LOAD_TIMEOUT) as callback:
        dialog.page.runJavaScript(script, 0, callback)
    return callback.args[0] if callback.args else None


def _open(qtbot: QtBot, site: str, name: str) -> AuthorizeDialog:
    """The dialog, shown, once the site's first page (its login page) has loaded."""
    dialog = AuthorizeDialog(site, name=name)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.page.loadFinished, timeout=LOAD_TIMEOUT) as loaded:
        dialog.show()
    assert loaded.args == [True]
    return dialog


def _log_in(qtbot: QtBot, dialog: AuthorizeDialog, account: WordPressAccount) -> None:
    """Types the login into WordPress's form and presses Log In: the authorization page."""
    assert "/wp-login.php" in dialog.page.url().path()
    script = f"""
        document.getElementById('user_login').value = {json.dumps(account.login)};
        document.getElementById('user_pass').value = {json.dumps(account.password)};
        document.getElementById('wp-submit').click();
    """
    with qtbot.waitSignal(dialog.page.loadFinished, timeout=LOAD_TIMEOUT) as loaded:
        _run_js(qtbot, dialog, script)
    assert loaded.args == [True]
    assert dialog.page.url().path() == "/wp-admin/authorize-application.php"


def _app_passwords(wordpress: WordPressServer, account: WordPressAccount) -> list[dict[str, str]]:
    answer = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/users/me/application-passwords",
        auth=(account.login, account.app_password),
        timeout=30,
    )
    answer.raise_for_status()
    found: list[dict[str, str]] = answer.json()
    return found


def test_the_writer_approves_and_the_password_logs_in(
    qtbot: QtBot, wordpress: WordPressServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    name = "ReviewDesk dialog test, approved"
    dialog = _open(qtbot, wordpress.url, name)
    assert dialog.page.profile().isOffTheRecord()
    assert dialog.address.text() == f"{wordpress.url} (not encrypted)"
    _log_in(qtbot, dialog, wordpress.author)
    assert _run_js(qtbot, dialog, "document.getElementById('app_name').value") == name

    with qtbot.waitSignal(dialog.finished, timeout=LOAD_TIMEOUT) as finished:
        _run_js(qtbot, dialog, "document.getElementById('approve').click()")

    assert finished.args == [QDialog.DialogCode.Accepted]
    found = dialog.credentials
    assert found is not None
    assert (found.site_url, found.user) == (wordpress.url, wordpress.author.login)
    me = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/users/me?context=edit",
        auth=(found.user, found.password),
        timeout=30,
    )
    assert me.status_code == 200, me.text
    assert me.json()["id"] == wordpress.author.user_id
    made = [item for item in _app_passwords(wordpress, wordpress.author) if item["name"] == name]
    assert [item["app_id"] for item in made] == [APP_ID]
    # The answer was caught, never loaded, and the password is in no log.
    assert dialog.page.url().host() != CALLBACK_HOST
    assert found.password not in caplog.text


def test_the_sites_own_redirect_is_caught_too(qtbot: QtBot, wordpress: WordPressServer) -> None:
    """WordPress's form without its script posts to the site, which redirects to our address
    (a server's redirect, where the script's approval is a page's own navigation)."""
    dialog = _open(qtbot, wordpress.url, "ReviewDesk dialog test, redirected")
    _log_in(qtbot, dialog, wordpress.admin)
    script = """
        const form = document.getElementById('app_name').form;
        const approve = document.createElement('input');
        approve.type = 'hidden';
        approve.name = 'approve';
        approve.value = '1';
        form.appendChild(approve);
        HTMLFormElement.prototype.submit.call(form);  // past the script's submit handler
    """
    with qtbot.waitSignal(dialog.finished, timeout=LOAD_TIMEOUT) as finished:
        _run_js(qtbot, dialog, script)
    assert finished.args == [QDialog.DialogCode.Accepted]
    found = dialog.credentials
    assert found is not None and found.user == wordpress.admin.login
    me = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/users/me?context=edit",
        auth=(found.user, found.password),
        timeout=30,
    )
    assert me.status_code == 200 and me.json()["roles"] == ["administrator"]


def test_declining_gives_nothing(qtbot: QtBot, wordpress: WordPressServer) -> None:
    name = "ReviewDesk dialog test, declined"
    dialog = _open(qtbot, wordpress.url, name)
    _log_in(qtbot, dialog, wordpress.admin)
    with qtbot.waitSignal(dialog.finished, timeout=LOAD_TIMEOUT) as finished:
        _run_js(qtbot, dialog, "document.getElementById('reject').click()")
    assert finished.args == [QDialog.DialogCode.Rejected]
    assert dialog.credentials is None
    assert name not in [item["name"] for item in _app_passwords(wordpress, wordpress.admin)]


def test_a_forged_answer_is_refused_and_the_dialog_stays(
    qtbot: QtBot, wordpress: WordPressServer
) -> None:
    """A page sending the browser to our address with a login of its own choosing (no state of
    this request) gives nothing."""
    dialog = _open(qtbot, wordpress.url, "ReviewDesk dialog test, forged")
    forged = (
        f"https://{CALLBACK_HOST}/authorized?state=guessed&site_url={wordpress.url}"
        "&user_login=mallory&password=abcd1234"
    )
    with qtbot.waitSignal(dialog.problem, timeout=LOAD_TIMEOUT) as problem:
        _run_js(qtbot, dialog, f"window.location = {json.dumps(forged)}")
    assert problem.args == ["The answer is not one to this request; connect again."]
    assert dialog.isVisible() and dialog.credentials is None
    assert dialog.message == problem.args[0]
    assert dialog.bar.isVisible() and dialog.view.isVisible()
    assert "/wp-login.php" in dialog.page.url().path()


def test_no_request_to_the_answer_address_leaves(qtbot: QtBot, wordpress: WordPressServer) -> None:
    """Not only navigations: an image of the page pointing at our address is blocked too."""
    dialog = _open(qtbot, wordpress.url, "x")
    script = f"""
        const image = new Image();
        image.onerror = () => {{ document.title = 'refused'; }};
        image.src = 'https://{CALLBACK_HOST}/authorized?password=abcd';
    """
    with qtbot.waitSignal(
        dialog.page.titleChanged, timeout=LOAD_TIMEOUT, check_params_cb=lambda t: t == "refused"
    ):
        _run_js(qtbot, dialog, script)
    assert dialog.guard.blocked == 1


def test_a_link_off_the_site_opens_in_the_browser(
    qtbot: QtBot, wordpress: WordPressServer, system_browser: SystemBrowser
) -> None:
    """The login page's WordPress logo links to WordPress.org: that is not for the dialog."""
    dialog = _open(qtbot, wordpress.url, "x")
    login_page = dialog.page.url()
    with qtbot.waitSignal(system_browser.url_opened, timeout=LOAD_TIMEOUT) as opened:
        _run_js(qtbot, dialog, "document.querySelector('#login h1 a').click()")
    assert opened.args == [QUrl("https://wordpress.org/")]
    assert dialog.page.url() == login_page


def test_a_site_that_cannot_be_reached_is_said(qtbot: QtBot) -> None:
    dialog = AuthorizeDialog("http://127.0.0.1:9", name="x")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.problem, timeout=LOAD_TIMEOUT) as problem:
        dialog.show()
    assert str(problem.args[0]).startswith("http://127.0.0.1:9 cannot be reached: ")
    assert dialog.message == problem.args[0]
    assert dialog.status.isVisible() and not dialog.view.isVisible()
    assert dialog.page.url().isEmpty()


def test_a_page_that_fails_to_load_is_said(qtbot: QtBot, wordpress: WordPressServer) -> None:
    dialog = _open(qtbot, wordpress.url, "x")
    with qtbot.waitSignal(dialog.problem, timeout=LOAD_TIMEOUT) as problem:
        dialog.page.load(QUrl("https://127.0.0.1:9/"))
    assert str(problem.args[0]).startswith("The page of 127.0.0.1 could not be opened (")
    assert dialog.bar.isVisible() and dialog.message == problem.args[0]


def test_authorize_waits_for_the_writer_and_returns_the_credentials(
    qtbot: QtBot, wordpress: WordPressServer
) -> None:
    """The modal call a window makes: the writer logs in and approves while it waits."""
    window = QWidget()
    qtbot.addWidget(window)
    account = wordpress.author
    steps = {
        "/wp-login.php": f"""
            document.getElementById('user_login').value = {json.dumps(account.login)};
            document.getElementById('user_pass').value = {json.dumps(account.password)};
            document.getElementById('wp-submit').click();""",
        "/wp-admin/authorize-application.php": "document.getElementById('approve').click();",
    }

    def act_as_the_writer() -> None:
        dialog = window.findChild(AuthorizeDialog)
        assert dialog is not None
        QTimer.singleShot(LOAD_TIMEOUT * 2, dialog.reject)  # a failed step ends the wait

        def on_page(ok: bool) -> None:
            script = steps.get(dialog.page.url().path()) if ok else None
            if script is None:
                dialog.reject()
            else:
                dialog.page.runJavaScript(script, 0, lambda _result: None)

        dialog.page.loadFinished.connect(on_page)

    QTimer.singleShot(0, act_as_the_writer)
    found = authorize(window, wordpress.url, "ReviewDesk dialog test, modal")
    assert found is not None and found.user == account.login
    me = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/users/me?context=edit",
        auth=(found.user, found.password),
        timeout=30,
    )
    assert me.status_code == 200 and me.json()["id"] == account.user_id


def test_authorize_gives_nothing_when_cancelled(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)

    def cancel() -> None:
        dialog = window.findChild(AuthorizeDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert authorize(window, "http://127.0.0.1:9", "x") is None


@pytest.mark.usefixtures("system_keyring")
def test_manage_sites_connects_in_browser_and_keeps_the_password(
    qtbot: QtBot, host: QWidget, wordpress: WordPressServer
) -> None:
    dialog = SitesDialog(host)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.name, "connected")
    qtbot.keyClicks(dialog.form.url, wordpress.url)
    click(qtbot, dialog.form.connect_in_browser)
    connect = dialog.findChild(AuthorizeDialog)
    assert connect is not None and connect.isVisible()
    with qtbot.waitSignal(connect.page.loadFinished, timeout=LOAD_TIMEOUT):
        pass
    _log_in(qtbot, connect, wordpress.author)
    with qtbot.waitSignal(connect.authorized, timeout=LOAD_TIMEOUT):
        _run_js(qtbot, connect, "document.getElementById('approve').click()")
    assert dialog.form.user.text() == wordpress.author.login
    assert dialog.form.password.text()
    assert dialog.message.text() == "Connected as author. Add the site to keep its password."

    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.form.add_button)
    site = sites.get("connected")
    assert (site.url, site.user) == (wordpress.url, wordpress.author.login)
    me = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/users/me?context=edit",
        auth=(site.user, secrets.load(site)),
        timeout=30,
    )
    assert me.status_code == 200 and me.json()["id"] == wordpress.author.user_id


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_there_is_no_connect_button(qtbot: QtBot, host: QWidget) -> None:
    dialog = SitesDialog(host)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form.keyring_note.isVisible()
    assert not dialog.form.connect_in_browser.isVisible()


@pytest.mark.usefixtures("system_keyring")
def test_connect_needs_the_sites_address(qtbot: QtBot, host: QWidget) -> None:
    dialog = SitesDialog(host)
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog.form.connect_in_browser)
    assert dialog.findChild(AuthorizeDialog) is None
    assert dialog.message.text() == "'' is not a site address; give it as https://example.org"
