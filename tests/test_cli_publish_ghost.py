"""`reviewdesk site ... --ghost` and `reviewdesk publish` to a real Ghost as a writer runs
them: the Admin API key piped into the real system keyring, `site test` telling a Content API
key from an Admin one, publish, publish again, an edit in Ghost refused until --force."""

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_reviewdesk, snapshot
from tests.ghost_server import GhostServer
from tests.secret_service import secret_service, system_keyring

__all__ = ["secret_service", "system_keyring"]
pytestmark = pytest.mark.slow


def reviewdesk(*args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_reviewdesk(*args, stdin=stdin)


@pytest.mark.usefixtures("system_keyring")
def test_a_writer_publishes_to_a_real_ghost_with_the_key_in_the_keyring(
    ghost: GhostServer, sample_bundle: Path
) -> None:
    ghost.reset()
    wrong = reviewdesk("site", "add", "blog", "--ghost", ghost.url, stdin=ghost.content_key)
    assert wrong.returncode == 1
    assert wrong.stderr.startswith("reviewdesk: this is a Content API key, which can only read")

    added = reviewdesk("site", "add", "blog", "--ghost", ghost.url, stdin=ghost.admin_key + "\n")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith(
        f"Added site blog: an Admin API key at {ghost.url} (Admin API key in the system keyring)"
    )
    assert (
        ghost.admin_key
        not in (Path(os.environ["XDG_CONFIG_HOME"]))
        .joinpath("ReviewDesk", "sites.yaml")
        .read_text()
    )
    tested = reviewdesk("site", "test", "blog")
    assert tested.returncode == 0, tested.stdout
    assert tested.stdout.splitlines()[:3] == [
        f"ok: Ghost {ghost.version.rsplit('.', 1)[0]} at {ghost.url}",
        "ok: the Admin API key is accepted",
        "ok: time zone Etc/UTC",
    ]

    before = snapshot(sample_bundle)
    dry = reviewdesk("publish", sample_bundle, "--site", "blog", "--dry-run")
    assert dry.stdout.splitlines()[-1] == "Would create a post on blog (draft)", dry.stderr
    assert snapshot(sample_bundle) == before

    first = reviewdesk("publish", sample_bundle, "--site", "blog", "--status", "publish")
    assert first.returncode == 0, first.stderr
    created = first.stdout.splitlines()[-1]
    assert created.startswith("Created post ") and f"(published): {ghost.url}/" in created
    post_id = created.split()[2]
    again = reviewdesk("publish", sample_bundle, "--site", "blog")
    assert f"Post {post_id} on blog is up to date" in again.stdout, again.stderr

    post = ghost.admin_api("GET", f"/posts/{post_id}/")["posts"][0]
    body = {"posts": [{"title": "Retitled in Ghost", "updated_at": post["updated_at"]}]}
    ghost.admin_api("PUT", f"/posts/{post_id}/", json=body)
    refused = reviewdesk("publish", sample_bundle, "--site", "blog")
    assert refused.returncode == 1
    assert "title: site 'Retitled in Ghost'" in refused.stderr and "--force" in refused.stderr
    forced = reviewdesk("publish", sample_bundle, "--site", "blog", "--force")
    assert f"Updated post {post_id} on blog (published)" in forced.stdout, forced.stderr
    assert ghost.admin_api("GET", f"/posts/{post_id}/")["posts"][0]["title"] != "Retitled in Ghost"
