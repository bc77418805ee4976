"""`site test` on a real Ghost: each mistake a writer makes with the key named in its words."""

import socket

import pytest

from reviewdesk.core.publish.ghost_diagnose import diagnose_ghost
from reviewdesk.core.publish.sites import Site, make
from tests.ghost_server import GhostServer

pytestmark = pytest.mark.slow
WHERE = "from Ghost Admin > Settings > Integrations > your integration"


def _site(url: str) -> Site:
    return make("blog", "ghost", url, "0" * 24)


def test_the_admin_key_is_accepted(ghost: GhostServer) -> None:
    lines = [str(f) for f in diagnose_ghost(_site(ghost.url), ghost.admin_key)]
    assert lines[:3] == [
        f"ok: Ghost {ghost.version.rsplit('.', 1)[0]} at {ghost.url}",
        "ok: the Admin API key is accepted",
        "ok: time zone Etc/UTC",
    ]
    assert all(not line.startswith("problem") for line in lines)


def test_the_sites_own_content_api_key_is_named_so(ghost: GhostServer) -> None:
    found = diagnose_ghost(_site(ghost.url), ghost.content_key)
    assert str(found[-1]).startswith(
        "problem: the site takes this key as its Content API key: this is a Content API key, "
        "which can only read; give the Admin API key (two parts joined by ':') " + WHERE
    )
    other = diagnose_ghost(_site(ghost.url), "0" * 26)  # shaped like one, not this site's
    assert str(other[-1]).startswith("problem: this is a Content API key")


def test_a_regenerated_admin_key_is_refused(ghost: GhostServer) -> None:
    stale = f"{ghost.admin_key.split(':')[0]}:{'1' * 64}"
    found = diagnose_ghost(_site(ghost.url), stale)
    assert str(found[-1]).startswith("problem: the site refused the Admin API key")
    assert "regenerated" in str(found[-1])


def test_an_address_without_ghost_is_named(ghost: GhostServer) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}"
    (found,) = diagnose_ghost(_site(url), ghost.admin_key)
    assert not found.ok and str(found).startswith(f"problem: {url} shows no Ghost Admin API")
