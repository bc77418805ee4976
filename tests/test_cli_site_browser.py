"""`reviewdesk site add --browser` as a writer runs it against the real WordPress: the site's
own authorization page is printed, the password it makes is pasted and kept in the keyring."""

import os
import re
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from reviewdesk.core.publish import secrets, sites
from reviewdesk.core.publish.authorize import APP_ID
from tests.secret_service import secret_service, system_keyring
from tests.wordpress_server import WordPressServer

__all__ = ["secret_service", "system_keyring"]


def reviewdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewdesk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )


@pytest.mark.usefixtures("system_keyring")
def test_the_page_is_printed_and_the_pasted_password_kept(wordpress: WordPressServer) -> None:
    account = wordpress.author
    done = reviewdesk(
        "site", "add", "local", "--wordpress", wordpress.url, "--user", account.login,
        "--browser", stdin=account.app_password + "\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    said, page = done.stderr.splitlines()
    assert said == (
        f"Open this page, log in as {account.login}, approve ReviewDesk, then paste the "
        "password the site shows:"
    )
    assert page.startswith(f"{wordpress.url}/wp-admin/authorize-application.php?")
    query = parse_qs(urlsplit(page).query)
    assert query["app_id"] == [APP_ID] and "success_url" not in query
    assert re.fullmatch(r"ReviewDesk on .+, \d{4}-\d\d-\d\d \d\d:\d\d", query["app_name"][0])
    assert secrets.load(sites.get("local")) == account.app_password

    # The page is the site's own, asking the writer to approve and showing the password.
    cookies = {"wordpress_test_cookie": "WP Cookie check"}
    with httpx.Client(timeout=30, cookies=cookies) as browser:
        login = browser.post(
            f"{wordpress.url}/wp-login.php", data={"log": account.login, "pwd": account.password}
        )
        assert login.status_code == 302  # to the dashboard: logged in
        shown = browser.get(page)
    assert shown.status_code == 200
    assert "You will be given a password to manually enter" in shown.text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ((), r"^reviewdesk: http://127.0.0.1:9 cannot be reached: "),
        (("--secret-env", "WP_PW"), r"^reviewdesk: --browser and --secret-env: give one "),
    ],
)
def test_a_site_without_the_page_is_one_line(extra: tuple[str, ...], message: str) -> None:
    done = reviewdesk(
        "site", "add", "x", "--wordpress", "http://127.0.0.1:9", "--user", "j", "--browser",
        *extra, stdin="never read\n",
    )  # fmt: skip
    assert done.returncode == 1
    assert re.match(message, done.stderr) and done.stderr.count("\n") == 1
    assert sites.load_all() == {}
