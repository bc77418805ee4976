"""Fixtures for publishing."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewdesk.core.publish.companion import FOLDER, plugin_folder
from tests.secret_service import no_keyring, secret_service, system_keyring
from tests.wordpress_server import WordPressServer

__all__ = ["no_keyring", "secret_service", "system_keyring"]


@pytest.fixture
def must_use_plugin(wordpress: WordPressServer) -> Iterator[Path]:
    """A must-use plugin file of the test WordPress for the test to write; removed after it."""
    folder = wordpress.content_dir / "mu-plugins"
    folder.mkdir(exist_ok=True)
    path = folder / "reviewdesk-test-setup.php"
    yield path
    path.unlink(missing_ok=True)


@pytest.fixture
def reviewdesk_plugin(wordpress: WordPressServer) -> Iterator[Path]:
    """A clean test site with the ReviewDesk plugin (resources/wordpress/reviewdesk/) copied
    into its plugins and activated, as an administrator installs it; removed after the test.
    Yields the plugin's folder on the site."""
    wordpress.reset()
    installed = wordpress.content_dir / "plugins" / FOLDER
    shutil.rmtree(installed, ignore_errors=True)
    shutil.copytree(plugin_folder(), installed)
    try:
        assert activate_plugin(wordpress) == "active"
        yield installed
    finally:
        wordpress.reset()  # deactivates it
        shutil.rmtree(installed, ignore_errors=True)


def activate_plugin(wordpress: WordPressServer) -> str:
    """activate_plugin() as the Plugins screen calls it: 'active', or WordPress's error (which
    includes any output the plugin printed while loading)."""
    return wordpress.php(
        "require_once ABSPATH . 'wp-admin/includes/plugin.php';"
        f"$result = activate_plugin('{FOLDER}/reviewdesk.php');"
        "echo is_wp_error($result) ? $result->get_error_message() : "
        f"(is_plugin_active('{FOLDER}/reviewdesk.php') ? 'active' : 'not active');"
    )
