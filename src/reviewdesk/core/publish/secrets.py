"""A site's secret (a WordPress Application Password, a Ghost Admin API key): in the system
keyring (Secret Service, Keychain, Windows Credential Locker, through the `keyring` package),
or in an environment variable the site names. Never written to a file of ours."""

from __future__ import annotations

import os

import keyring
import keyring.errors
from keyring.backends import fail

from reviewdesk.core.publish.sites import Site

SERVICE = "ReviewDesk"


class SecretError(RuntimeError):
    """No secret could be kept or found; the text is one line saying what to do."""


def no_keyring_reason() -> str | None:
    """Why there is no system keyring to keep secrets in, or None when there is one."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or backend.priority <= 0:
        return "no system keyring is available on this computer"
    return None


def secret_name(site: Site) -> str:
    """What the site's secret is called where the writer finds it."""
    return "Admin API key" if site.kind == "ghost" else "password"


def _without_keyring(site: Site) -> str:
    return (
        f"{no_keyring_reason() or 'the system keyring failed'}; the {secret_name(site)} is not "
        f"stored: add the site with --secret-env VAR and set VAR when you publish to "
        f"{site.name!r}"
    )


def store(site: Site, secret: str) -> None:
    """Keep `secret` for `site` in the system keyring; SecretError when there is none."""
    if no_keyring_reason():
        raise SecretError(_without_keyring(site))
    try:
        keyring.set_password(SERVICE, _account(site), secret)
    # Backends raise their own errors too (D-Bus, a locked keychain): all mean "not kept".
    except Exception as error:
        raise SecretError(f"{_without_keyring(site)} ({_reason(error)})") from None


def load(site: Site) -> str:
    """The secret of `site`: its environment variable when set, else the keyring's."""
    if site.secret_env and os.environ.get(site.secret_env):
        return os.environ[site.secret_env].strip()
    found = None
    if not no_keyring_reason():
        try:
            found = keyring.get_password(SERVICE, _account(site))
        except Exception as error:
            raise SecretError(f"the system keyring failed: {_reason(error)}") from None
    if found:
        return found
    if site.secret_env:
        raise SecretError(f"set {site.secret_env} to the {secret_name(site)} of {site.name!r}")
    raise SecretError(
        f"no {secret_name(site)} stored for {site.name!r}; add the site again "
        f"(reviewdesk site add {site.name} ...) or use --secret-env VAR"
    )


def forget(site: Site) -> None:
    """Remove the secret of `site` from the keyring, if it holds one."""
    if no_keyring_reason():
        return
    try:
        keyring.delete_password(SERVICE, _account(site))
    except keyring.errors.PasswordDeleteError:
        pass  # none was stored
    except Exception as error:
        raise SecretError(f"the system keyring failed: {_reason(error)}") from None


def forget_replaced(previous: Site | None, site: Site) -> None:
    """`site` replaces `previous` of the same name: the old password goes, unless it is kept
    under the same account, where `site`'s own may just have been stored."""
    if previous is not None and _account(previous) != _account(site):
        forget(previous)


def _account(site: Site) -> str:
    # The login and address too: a site re-added elsewhere never gets an old password.
    return f"{site.name} {site.user}@{site.url}"


def _reason(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
