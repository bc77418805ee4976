"""Secrets in a real system keyring (GNOME Keyring over D-Bus), or in a variable the site
names; never in a file."""

import pytest

from reviewdesk.core.publish import secrets, sites
from reviewdesk.core.publish.secrets import SecretError

SITE = sites.make("blog", "wordpress", "https://example.org", "jane")


@pytest.mark.usefixtures("system_keyring")
def test_a_secret_is_stored_read_and_forgotten_in_the_keyring() -> None:
    assert secrets.no_keyring_reason() is None
    secrets.store(SITE, "abcd efgh ijkl mnop")
    assert secrets.load(SITE) == "abcd efgh ijkl mnop"
    secrets.forget(SITE)
    with pytest.raises(SecretError, match="no password stored for 'blog'"):
        secrets.load(SITE)
    secrets.forget(SITE)  # forgetting twice is fine


@pytest.mark.usefixtures("system_keyring")
def test_the_same_name_elsewhere_never_gets_the_old_password() -> None:
    secrets.store(SITE, "old")
    moved = sites.make("blog", "wordpress", "https://example.com", "jane")
    with pytest.raises(SecretError):
        secrets.load(moved)
    secrets.forget(SITE)


@pytest.mark.usefixtures("system_keyring")
def test_the_variable_named_by_the_site_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    site = sites.make("ci", "wordpress", "https://example.org", "jane", secret_env="WP_SECRET")
    with pytest.raises(SecretError, match="set WP_SECRET"):
        secrets.load(site)
    monkeypatch.setenv("WP_SECRET", " from-env ")
    assert secrets.load(site) == "from-env"


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_one_line_says_how_to_use_secret_env() -> None:
    assert secrets.no_keyring_reason() == "no system keyring is available on this computer"
    with pytest.raises(SecretError) as caught:
        secrets.store(SITE, "x")
    assert "--secret-env VAR" in str(caught.value)
    assert "\n" not in str(caught.value)
