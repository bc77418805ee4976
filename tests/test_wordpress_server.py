"""The test WordPress (tests/wordpress_server.py) is a real site: REST API, Application
Passwords for both roles, their capabilities, pretty permalinks rendered by a real theme."""

from __future__ import annotations

import base64
import json
import re
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.wordpress_server import WordPressAccount, WordPressError, WordPressServer

pytestmark = pytest.mark.slow


def request(
    method: str,
    url: str,
    account: WordPressAccount | None = None,
    body: dict[str, Any] | None = None,
) -> tuple[int, str]:
    """(status, text) of an HTTP request, as the account with its Application Password."""
    headers = {"Accept": "application/json"}
    if account is not None:
        token = base64.b64encode(f"{account.login}:{account.app_password}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    outgoing = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(outgoing, timeout=30) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode()


def rest(wordpress: WordPressServer, route: str) -> str:
    return f"{wordpress.url}/wp-json{route}"


def test_the_rest_api_answers_at_the_site_root(wordpress: WordPressServer) -> None:
    status, text = request("GET", rest(wordpress, "/"))
    assert status == 200
    index = json.loads(text)
    assert index["url"] == wordpress.url
    assert "wp/v2" in index["namespaces"]
    assert "application-passwords" in index["authentication"]


@pytest.mark.parametrize("role", ["administrator", "author"])
def test_each_account_signs_in_with_its_application_password(
    wordpress: WordPressServer, role: str
) -> None:
    account = wordpress.admin if role == "administrator" else wordpress.author
    status, text = request("GET", rest(wordpress, "/wp/v2/users/me?context=edit"), account)
    assert status == 200, text
    me = json.loads(text)
    assert (me["id"], me["username"], me["roles"]) == (account.user_id, account.login, [role])
    assert account.role == role


def test_a_wrong_application_password_is_refused(wordpress: WordPressServer) -> None:
    impostor = WordPressAccount(
        login=wordpress.author.login,
        password=wordpress.author.password,
        app_password="x" * 24,
        user_id=wordpress.author.user_id,
        role="author",
    )
    status, _ = request("GET", rest(wordpress, "/wp/v2/users/me"), impostor)
    assert status == 401


def test_only_the_administrator_may_create_a_category(wordpress: WordPressServer) -> None:
    wordpress.reset()
    route = rest(wordpress, "/wp/v2/categories")
    status, text = request("POST", route, wordpress.author, {"name": "Keyboards"})
    assert status == 403, text
    assert json.loads(text)["code"] == "rest_cannot_create"
    status, text = request("POST", route, wordpress.admin, {"name": "Keyboards"})
    assert status == 201, text
    assert json.loads(text)["name"] == "Keyboards"


def test_a_post_is_a_theme_page_at_its_pretty_permalink(wordpress: WordPressServer) -> None:
    wordpress.reset()
    status, text = request(
        "POST",
        rest(wordpress, "/wp/v2/posts"),
        wordpress.admin,
        {"title": "Quiet Keys Reviewed", "content": "<p>Typing all day.</p>", "status": "publish"},
    )
    assert status == 201, text
    link = json.loads(text)["link"]
    assert link == f"{wordpress.url}/quiet-keys-reviewed/"
    status, page = request("GET", link)
    assert status == 200
    headings = re.findall(r"<h1\b[^>]*>(.*?)</h1>", page, re.DOTALL)
    assert headings == ["Quiet Keys Reviewed"]
    assert "Typing all day." in page
    assert "wp-content/themes/twentytwentythree" in page  # the theme's own stylesheet


def test_an_option_set_is_what_the_settings_api_reads(wordpress: WordPressServer) -> None:
    wordpress.set_option("timezone_string", "America/New_York")
    try:
        status, text = request("GET", rest(wordpress, "/wp/v2/settings"), wordpress.admin)
        assert status == 200, text
        assert json.loads(text)["timezone"] == "America/New_York"
    finally:
        wordpress.reset()
    assert wordpress.php("echo get_option('timezone_string');") == ""


def test_reset_leaves_no_post_media_or_term(wordpress: WordPressServer) -> None:
    wordpress.php(
        "$id = wp_insert_post(['post_title' => 'Gone', 'post_status' => 'publish']);"
        "wp_set_post_tags($id, ['gone-tag']);"
        "wp_insert_attachment(['post_title' => 'a picture', 'post_mime_type' => 'image/png'],"
        " false, $id);"
    )
    wordpress.reset()
    counts = wordpress.php(
        "global $wpdb;"
        'echo $wpdb->get_var("SELECT COUNT(*) FROM $wpdb->posts WHERE post_type IN'
        " ('post', 'page', 'attachment', 'revision')\"), ' ',"
        " wp_count_terms(['taxonomy' => 'post_tag', 'hide_empty' => false]), ' ',"
        " wp_count_terms(['taxonomy' => 'category', 'hide_empty' => false]);"
    )
    assert counts == "0 0 1"


def test_php_errors_are_raised_with_their_message(wordpress: WordPressServer) -> None:
    with pytest.raises(WordPressError, match="no_such_function"):
        wordpress.php("no_such_function();")


def test_cron_publishes_a_post_whose_time_has_come(wordpress: WordPressServer) -> None:
    wordpress.reset()
    post_id = wordpress.php(
        "$id = wp_insert_post(['post_title' => 'Later', 'post_status' => 'future',"
        " 'post_date_gmt' => gmdate('Y-m-d H:i:s', time() + 3600)]);"
        # As if the hour had passed: its time is now, so is its event's.
        "global $wpdb; $now = gmdate('Y-m-d H:i:s', time() - 1);"
        "$wpdb->update($wpdb->posts, ['post_date_gmt' => $now, 'post_date' => $now],"
        " ['ID' => $id]); clean_post_cache($id);"
        "wp_clear_scheduled_hook('publish_future_post', [$id]);"
        "wp_schedule_single_event(time() - 1, 'publish_future_post', [$id]);"
        "echo $id;"
    )
    assert wordpress.php(f"echo get_post_status({post_id});") == "future"
    wordpress.run_cron()
    assert wordpress.php(f"echo get_post_status({post_id});") == "publish"
