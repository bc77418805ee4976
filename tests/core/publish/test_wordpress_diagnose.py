"""`site test` on a real WordPress 6.1: what it says for each role, and for the classic
failures a site's setup causes (Application Passwords off, an Authorization header the server
drops, a wrong password), each made the way a site makes it, by code WordPress runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.core.publish.diagnose import diagnose
from reviewdesk.core.publish.sites import make
from tests.wordpress_server import WordPressServer

pytestmark = pytest.mark.slow


def lines(wordpress: WordPressServer, login: str, password: str) -> list[str]:
    site = make("test", "wordpress", wordpress.url, login)
    return [str(finding) for finding in diagnose(site, password)]


def display_name(wordpress: WordPressServer, user_id: int) -> str:
    return wordpress.php(f"echo get_userdata({user_id})->display_name;")


def test_an_administrator_may_do_everything(wordpress: WordPressServer) -> None:
    wordpress.reset()
    found = lines(wordpress, wordpress.admin.login, wordpress.admin.app_password)
    assert found[:5] == [
        f"ok: WordPress REST API at {wordpress.url}/wp-json/",
        f"ok: logged in as {display_name(wordpress, wordpress.admin.user_id)} (administrator)",
        "ok: may publish posts",
        "ok: may upload images",
        "ok: may create categories",
    ]
    assert "note: the ReviewDesk plugin is not active" in found[5]
    assert found[6].startswith("ok: time zone")


def test_an_author_may_not_create_categories(wordpress: WordPressServer) -> None:
    found = lines(wordpress, wordpress.author.login, wordpress.author.app_password)
    assert (
        f"note: {wordpress.author.login} may not create categories: "
        "a category must exist before publishing" in found
    )
    assert "ok: may publish posts" in found
    assert "ok: time zone not readable by this role; dates are sent as site time" in found


def test_a_wrong_password_is_named(wordpress: WordPressServer) -> None:
    found = lines(wordpress, wordpress.author.login, "abcd efgh ijkl mnop qrst uvwx")
    # WordPress 6.1 as Debian installs it says "not logged in", not which: both are named.
    assert found[-1].startswith(f"problem: the site did not log '{wordpress.author.login}' in")
    assert "the Application Password is wrong" in found[-1]


def test_application_passwords_turned_off(
    wordpress: WordPressServer, must_use_plugin: Path
) -> None:
    must_use_plugin.write_text(
        "<?php add_filter('wp_is_application_passwords_available', '__return_false');\n"
    )
    found = lines(wordpress, wordpress.admin.login, wordpress.admin.app_password)
    assert found[-1].startswith("problem: Application Passwords are off on this site")


def test_a_server_that_drops_the_authorization_header(
    wordpress: WordPressServer, must_use_plugin: Path
) -> None:
    # What PHP sees behind a server that does not pass the header on (CGI, some proxies).
    must_use_plugin.write_text(
        "<?php unset($_SERVER['PHP_AUTH_USER'], $_SERVER['PHP_AUTH_PW'],"
        " $_SERVER['HTTP_AUTHORIZATION']);\n"
    )
    found = lines(wordpress, wordpress.admin.login, wordpress.admin.app_password)
    assert found[-1].startswith(f"problem: the site did not log '{wordpress.admin.login}' in")
    assert "the web server drops the Authorization header" in found[-1]
    assert "SetEnvIf Authorization" in found[-1]


def test_no_wordpress_at_the_address(wordpress: WordPressServer) -> None:
    site = make("test", "wordpress", wordpress.url + "/wp-content", wordpress.admin.login)
    (finding,) = diagnose(site, wordpress.admin.app_password)
    assert not finding.ok
    assert "shows no WordPress REST API" in finding.text


def test_the_rest_api_turned_off_by_a_plugin(
    wordpress: WordPressServer, must_use_plugin: Path
) -> None:
    # As "disable the REST API" plugins do: WordPress's own routes are never registered.
    must_use_plugin.write_text(
        "<?php add_action('init', function () {"
        " remove_action('rest_api_init', 'create_initial_rest_routes', 99); });\n"
    )
    found = lines(wordpress, wordpress.admin.login, wordpress.admin.app_password)
    assert found[-1].startswith("problem: the REST API at ")
    assert "has no wp/v2 routes (turned off by a plugin?)" in found[-1]


def test_the_rest_api_closed_to_everyone(wordpress: WordPressServer, must_use_plugin: Path) -> None:
    # The other way such plugins work: every request refused, logged in or not.
    must_use_plugin.write_text(
        "<?php add_filter('rest_authentication_errors', fn() => new WP_Error("
        "'rest_disabled', 'The REST API is disabled on this site.', ['status' => 403]));\n"
    )
    found = lines(wordpress, wordpress.admin.login, wordpress.admin.app_password)
    assert len(found) == 1 and found[0].startswith("problem: "), found
    assert "The REST API is disabled on this site." in found[0]  # the site's own words


def test_a_contributor_may_write_only_drafts_and_upload_nothing(
    wordpress: WordPressServer,
) -> None:
    created = wordpress.php(
        "$id = wp_insert_user(['user_login' => 'casey', 'user_pass' => wp_generate_password(),"
        " 'user_email' => 'casey@example.com', 'role' => 'contributor']);"
        "[$password] = WP_Application_Passwords::create_new_application_password($id,"
        " ['name' => 'test']); echo $id, ' ', $password;"
    )
    user_id, password = created.split(" ", 1)
    try:
        found = lines(wordpress, "casey", password)
    finally:
        wordpress.php(
            f"require_once ABSPATH . 'wp-admin/includes/user.php';wp_delete_user({int(user_id)});"
        )
    assert "ok: logged in as casey (contributor)" in found
    assert "problem: casey may not publish posts: only drafts, for an editor to publish" in found
    assert "problem: casey may not upload images: images cannot be published" in found
