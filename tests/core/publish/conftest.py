"""Fixtures for publishing."""

from tests.secret_service import no_keyring, secret_service, system_keyring

__all__ = ["no_keyring", "secret_service", "system_keyring"]
