"""The test WordPress (tests/wordpress_server.py) is a real site: REST API, Application
Passwords for both roles, their capabilities, pretty permalinks rendered by a real theme."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx
import pytest

from tests.wordpress_server import WordPressAccount, WordPressError, WordPressServer

pytestmark = pytest.mark.slow


def rest(
    wordpress: WordPressServer,
    method: str,
    route: str,
    account: WordPressAccount | None = None,
    body: dict[str, Any] | None = None,
) -> httpx.Response:
    """A REST API request, as `account` with its Application Password (Basic auth)."""
    return httpx.request(
        method,
        f"{wordpress.url}/wp-json{route}",
        auth=(account.login, account.app_password) if account else None,
        json=body,
        timeout=30,
    )


def test_the_rest_api_answers_at_the_site_root(wordpress: WordPressServer) -> None:
    reply = rest(wordpress, "GET", "/")
    assert reply.status_code == 200
    index = reply.json()
    assert index["url"] == wordpress.url
    assert "wp/v2" in index["namespaces"]
    assert "application-passwords" in index["authentication"]


@pytest.mark.parametrize("role", ["administrator", "author"])
def test_each_account_signs_in_with_its_application_password(
    wordpress: WordPressServer, role: str
) -> None:
    account = wordpress.admin if role == "administrator" else wordpress.author
    reply = rest(wordpress, "GET", "/wp/v2/users/me?context=edit", account)
    assert reply.status_code == 200, reply.text
    me = reply.json()
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
    assert rest(wordpress, "GET", "/wp/v2/users/me", impostor).status_code == 401


def test_only_the_administrator_may_create_a_category(wordpress: WordPressServer) -> None:
    wordpress.reset()
    category = {"name": "Keyboards"}
    reply = rest(wordpress, "POST", "/wp/v2/categories", wordpress.author, category)
    assert reply.status_code == 403, reply.text
    assert reply.json()["code"] == "rest_cannot_create"
    reply = rest(wordpress, "POST", "/wp/v2/categories", wordpress.admin, category)
    assert reply.status_code == 201, reply.text
    assert reply.json()["name"] == "Keyboards"


def test_a_post_is_a_theme_page_at_its_pretty_permalink(wordpress: WordPressServer) -> None:
    wordpress.reset()
    post = {
        "title": "Quiet Keys Reviewed",
        "content": "<p>Typing all day.</p>",
        "status": "publish",
    }
    reply = rest(wordpress, "POST", "/wp/v2/posts", wordpress.admin, post)
    assert reply.status_code == 201, reply.text
    link = reply.json()["link"]
    assert link == f"{wordpress.url}/quiet-keys-reviewed/"
    reply = httpx.get(link, timeout=30)
    assert reply.status_code == 200
    page = reply.text
    headings = re.findall(r"<h1\b[^>]*>(.*?)</h1>", page, re.DOTALL)
    assert headings == ["Quiet Keys Reviewed"]
    assert "Typing all day." in page
    # Core's block styles and scripts, the theme's fonts (from its inline styles): all load.
    site_files = rf"""['"(]((?:{re.escape(wordpress.url)})?/wp-(?:includes|content)/[^'"\s)]+)"""
    assets = {urljoin(wordpress.url, path) for path in re.findall(site_files, page)}
    assert any("/wp-content/themes/twentytwentythree/" in asset for asset in assets)
    assert any("/wp-includes/" in asset for asset in assets)
    for asset in assets:
        assert httpx.get(asset, timeout=30).status_code == 200, asset


def test_an_option_set_is_what_the_settings_api_reads(wordpress: WordPressServer) -> None:
    wordpress.set_option("timezone_string", "America/New_York")
    try:
        reply = rest(wordpress, "GET", "/wp/v2/settings", wordpress.admin)
        assert reply.status_code == 200, reply.text
        assert reply.json()["timezone"] == "America/New_York"
    finally:
        wordpress.reset()
    assert wordpress.php("echo get_option('timezone_string');") == ""


# A 1x1 PNG.
DOT_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_the_author_uploads_media_into_the_sites_content_folder(wordpress: WordPressServer) -> None:
    reply = httpx.post(
        f"{wordpress.url}/wp-json/wp/v2/media",
        auth=(wordpress.author.login, wordpress.author.app_password),
        content=DOT_PNG,
        headers={
            "Content-Type": "image/png",
            "Content-Disposition": 'attachment; filename="dot.png"',
        },
        timeout=30,
    )
    assert reply.status_code == 201, reply.text
    source = reply.json()["source_url"]
    assert httpx.get(source, timeout=30).content == DOT_PNG
    stored = wordpress.content_dir / source.removeprefix(f"{wordpress.url}/wp-content/")
    assert stored.read_bytes() == DOT_PNG
    wordpress.reset()
    assert not stored.exists()


def test_reset_leaves_no_post_term_or_active_plugin(wordpress: WordPressServer) -> None:
    (wordpress.content_dir / "plugins" / "tiny.php").write_text("<?php\n/* Plugin Name: Tiny */\n")
    wordpress.php(
        "require_once ABSPATH . 'wp-admin/includes/plugin.php';"
        "$activated = activate_plugin('tiny.php');"
        "if (is_wp_error($activated)) { throw new Exception($activated->get_error_message()); }"
        "$id = wp_insert_post(['post_title' => 'Gone', 'post_status' => 'publish']);"
        "wp_set_post_tags($id, ['gone-tag']);"
        "wp_insert_term('Gone category', 'category');"
    )
    assert wordpress.php("echo implode(',', get_option('active_plugins'));") == "tiny.php"
    wordpress.reset()
    counts = wordpress.php(
        "global $wpdb;"
        'echo $wpdb->get_var("SELECT COUNT(*) FROM $wpdb->posts WHERE post_type IN'
        " ('post', 'page', 'attachment', 'revision')\"), ' ',"
        " wp_count_terms(['taxonomy' => 'post_tag', 'hide_empty' => false]), ' ',"
        " wp_count_terms(['taxonomy' => 'category', 'hide_empty' => false]), ' ',"
        " count(get_option('active_plugins'));"
    )
    assert counts == "0 0 1 0"


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


def processes_in_groups(groups: list[int]) -> list[int]:
    """The processes of this machine whose process group is one of `groups`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # it ended meanwhile
            continue
        if int(fields[2]) in groups:
            found.append(int(stat.parent.name))
    return found


def test_stopping_the_site_leaves_no_process(tmp_path: Path) -> None:
    with WordPressServer.running(tmp_path / "site") as site:
        groups = site.process_ids()
        assert processes_in_groups(groups)  # MariaDB, Apache and its workers
    assert processes_in_groups(groups) == []


def test_a_killed_test_run_leaves_no_site_running(tmp_path: Path) -> None:
    script = (
        "import sys, time; from pathlib import Path;"
        "from tests.wordpress_server import WordPressServer\n"
        "with WordPressServer.running(Path(sys.argv[1])) as site:\n"
        "    print(*site.process_ids(), flush=True); time.sleep(600)"
    )
    tests_run = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "site")],
        cwd=Path(__file__).parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    with tests_run:
        assert tests_run.stdout is not None
        groups = [int(pid) for pid in tests_run.stdout.readline().split()]
        assert processes_in_groups(groups)
        tests_run.kill()
    deadline = time.monotonic() + 20
    while processes_in_groups(groups) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_in_groups(groups) == []
