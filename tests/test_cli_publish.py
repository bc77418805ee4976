"""`reviewdesk site ...` and `reviewdesk publish ...` as a user runs them: a real process, the
password piped in or in a variable, a real system keyring (or none)."""

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import snapshot
from tests.secret_service import no_keyring, secret_service, system_keyring
from tests.wordpress_server import WordPressServer

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


def test_a_writer_publishes_from_the_command_line_to_a_real_wordpress(
    wordpress: WordPressServer, sample_bundle: Path
) -> None:
    """As the README says: add the site, test it, a dry run, publish, publish again; an edit on
    the web stops the next publish until --force."""
    wordpress.reset()
    secret = {"WP_AUTHOR_SECRET": wordpress.author.app_password}
    added = reviewdesk(
        "site", "add", "blog", "--wordpress", wordpress.url, "--user", "author",
        "--secret-env", "WP_AUTHOR_SECRET", env=secret,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    tested = reviewdesk("site", "test", "blog", env=secret)
    assert tested.stdout.startswith(f"ok: WordPress REST API at {wordpress.url}/wp-json/")
    assert "ok: logged in as Avery Author (author)" in tested.stdout.splitlines()
    before = snapshot(sample_bundle)
    dry = reviewdesk("publish", sample_bundle, "--site", "blog", "--dry-run", env=secret)
    assert dry.returncode == 0, dry.stderr
    assert "Would upload assets/hero.png" in dry.stdout.splitlines()
    assert dry.stdout.splitlines()[-1] == "Would create a post on blog (draft)"
    assert snapshot(sample_bundle) == before  # a dry run writes nothing, publish.yaml neither

    first = reviewdesk("publish", sample_bundle, "--site", "blog", env=secret)
    assert first.returncode == 0, first.stderr
    created = first.stdout.splitlines()[-1]
    assert created.startswith("Created post ") and f"{wordpress.url}/" in created
    post_id = int(created.split()[2])
    assert f"post_id: {post_id}" in (sample_bundle / "publish.yaml").read_text()
    again = reviewdesk("publish", sample_bundle, "--site", "blog", env=secret)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        line for line in again.stdout.splitlines() if not line.startswith("Uploaded")
    ]  # nothing uploaded twice
    assert f"Post {post_id} on blog is up to date" in again.stdout

    edited = httpx.post(
        f"{wordpress.url}/wp-json/wp/v2/posts/{post_id}",
        json={"title": "Retitled on the web"},
        auth=(wordpress.admin.login, wordpress.admin.app_password),
        timeout=60,
    )
    assert edited.status_code == 200, edited.text
    refused = reviewdesk("publish", sample_bundle, "--site", "blog", env=secret)
    assert refused.returncode == 1
    assert "Retitled on the web" in refused.stderr and "--force" in refused.stderr
    forced = reviewdesk("publish", sample_bundle, "--site", "blog", "--force", env=secret)
    assert forced.returncode == 0, forced.stderr
    assert f"Updated post {post_id} on blog" in forced.stdout
    stored = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/posts/{post_id}?context=edit",
        auth=(wordpress.admin.login, wordpress.admin.app_password),
        timeout=60,
    ).json()
    assert stored["title"]["raw"] != "Retitled on the web"


@pytest.mark.usefixtures("system_keyring")
def test_adding_a_site_again_keeps_the_password_it_was_just_given() -> None:
    """Only the theme's parts changed: the password is kept under the same account, and the
    old one was forgotten after the new one was stored, which deleted it."""
    add = ("site", "add", "blog", "--wordpress", "https://example.org", "--user", "jane")
    assert reviewdesk(*add, stdin="first pass word\n").returncode == 0
    again = reviewdesk(*add, "--theme-prints", "none", stdin="second pass word\n")
    assert again.returncode == 0, again.stderr
    from reviewdesk.core.publish import secrets, sites  # noqa: PLC0415

    assert secrets.load(sites.get("blog")) == "second pass word"
    moved = reviewdesk(*add[:4], "https://example.net", *add[5:], stdin="third pass word\n")
    assert moved.returncode == 0, moved.stderr
    old = sites.make("blog", "wordpress", "https://example.org", "jane")
    with pytest.raises(secrets.SecretError):
        secrets.load(old)  # the old address's password went with it
