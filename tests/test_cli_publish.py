"""`reviewdesk site ...` and `reviewdesk publish ...` as a user runs them: a real process, the
password piped in or in a variable, a real system keyring (or none)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import snapshot
from tests.secret_service import no_keyring, secret_service, system_keyring

__all__ = ["no_keyring", "secret_service", "system_keyring"]


def reviewdesk(
    *args: str | Path, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewdesk", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def config_text() -> str:
    base = Path(os.environ["XDG_CONFIG_HOME"]) / "ReviewDesk" / "sites.yaml"
    return base.read_text()


@pytest.mark.usefixtures("system_keyring")
def test_add_list_remove_with_the_password_piped_into_the_keyring() -> None:
    done = reviewdesk(
        "site", "add", "blog", "--wordpress", "https://example.org/", "--user", "jane",
        stdin="abcd efgh ijkl mnop\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Added site blog: jane at https://example.org (password in the system keyring)",
        "Check it with: reviewdesk site test blog",
    ]
    assert "abcd" not in config_text()
    listed = reviewdesk("site", "list")
    assert listed.stdout == (
        "blog\twordpress\thttps://example.org\tjane\t"
        "theme prints: title, excerpt, featured_image, tags, byline\n"
    )
    from reviewdesk.core.publish import secrets, sites  # noqa: PLC0415

    assert secrets.load(sites.get("blog")) == "abcd efgh ijkl mnop"
    removed = reviewdesk("site", "remove", "blog")
    assert (removed.returncode, removed.stdout) == (
        0,
        "Removed site blog and its stored password\n",
    )
    assert reviewdesk("site", "list").stdout.startswith("No sites yet")
    with pytest.raises(secrets.SecretError):
        secrets.load(sites.make("blog", "wordpress", "https://example.org", "jane"))


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_stdin_is_refused_and_secret_env_works() -> None:
    done = reviewdesk(
        "site", "add", "blog", "--wordpress", "https://example.org", "--user", "jane",
        stdin="secret\n",
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "no system keyring" in done.stderr and "--secret-env VAR" in done.stderr
    assert not (Path(os.environ["XDG_CONFIG_HOME"]) / "ReviewDesk" / "sites.yaml").exists()
    done = reviewdesk(
        "site", "add", "ci", "--wordpress", "https://example.org", "--user", "jane",
        "--secret-env", "WP_SECRET", env={"WP_SECRET": "from-env"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "(password read from WP_SECRET when publishing)" in done.stdout
    assert "from-env" not in config_text()
    assert "secret_env: WP_SECRET" in config_text()


def test_mistakes_are_one_line_and_exit_1(sample_bundle: Path) -> None:
    done = reviewdesk("site", "add", "blog", "--wordpress", "example.org", "--user", "j")
    assert (done.returncode, done.stderr.count("\n")) == (1, 1)
    assert "not a site address" in done.stderr
    done = reviewdesk("site", "test", "nowhere")
    assert done.returncode == 1
    assert done.stderr == (
        "reviewdesk: no site named 'nowhere' (sites: none yet; add one with "
        "'reviewdesk site add')\n"
    )
    before = snapshot(sample_bundle)
    done = reviewdesk("publish", sample_bundle, "--site", "nowhere")
    assert done.returncode == 1 and "no site named 'nowhere'" in done.stderr
    assert snapshot(sample_bundle) == before
    assert reviewdesk("publish", sample_bundle).returncode == 2  # --site is required
