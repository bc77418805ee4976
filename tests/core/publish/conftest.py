"""Fixtures for publishing."""

from collections.abc import Iterator
from pathlib import Path

import pytest

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
