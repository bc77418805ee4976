"""The test Ghost (tests/ghost_server.py) is a real site: the pinned version, an integration whose
Admin API key signs requests, posts written and read back, stopped without a trace."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import socket
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.ghost_server import (
    ACCEPT_VERSION,
    ADMIN_API,
    GHOST_MISSING,
    GHOST_VERSION,
    GhostServer,
    ghost_installed,
)
from tests.missing_tools import skip_or_fail

pytestmark = pytest.mark.slow


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def admin_token(admin_key: str, now: float | None = None) -> str:
    """A short-lived Admin API token, as Ghost documents it: an HS256 JWT whose key id is the
    key's id and whose key is its secret (hex)."""
    key_id, secret = admin_key.split(":")
    issued = int(time.time() if now is None else now)
    header = {"alg": "HS256", "typ": "JWT", "kid": key_id}
    payload = {"iat": issued, "exp": issued + 300, "aud": "/admin/"}
    signed = ".".join(_base64url(json.dumps(part).encode()) for part in (header, payload))
    signature = hmac.new(bytes.fromhex(secret), signed.encode(), hashlib.sha256).digest()
    return f"{signed}.{_base64url(signature)}"


def with_key(
    ghost: GhostServer, method: str, path: str, token: str, **options: Any
) -> httpx.Response:
    return httpx.request(
        method,
        f"{ghost.url}{ADMIN_API}{path}",
        headers={"Authorization": f"Ghost {token}", "Accept-Version": ACCEPT_VERSION},
        timeout=30,
        **options,
    )


def test_the_site_runs_the_pinned_version(ghost: GhostServer) -> None:
    assert ghost.version == GHOST_VERSION
    site = httpx.get(f"{ghost.url}{ADMIN_API}/site/", timeout=30).json()["site"]
    assert site["url"] == f"{ghost.url}/"
    assert GHOST_VERSION.startswith(site["version"] + ".")


def test_the_admin_key_signs_requests_and_a_forged_one_is_refused(ghost: GhostServer) -> None:
    token = admin_token(ghost.admin_key)
    reply = with_key(ghost, "GET", "/posts/", token)
    assert reply.status_code == 200, reply.text
    key_id, secret = ghost.admin_key.split(":")
    forged = admin_token(f"{key_id}:{'0' * len(secret)}")
    assert with_key(ghost, "GET", "/posts/", forged).status_code == 401
    expired = admin_token(ghost.admin_key, now=time.time() - 3600)
    assert with_key(ghost, "GET", "/posts/", expired).status_code == 401


def test_a_post_made_with_the_key_is_read_back_by_the_owner(ghost: GhostServer) -> None:
    ghost.reset()
    post = {"title": "Quiet Keys Reviewed", "html": "<p>Typing all day.</p>", "status": "draft"}
    reply = with_key(
        ghost,
        "POST",
        "/posts/",
        admin_token(ghost.admin_key),
        params={"source": "html"},
        json={"posts": [post]},
    )
    assert reply.status_code == 201, reply.text
    created = reply.json()["posts"][0]
    read = ghost.admin_api("GET", f"/posts/{created['id']}/", params={"formats": "html"})
    assert read["posts"][0]["title"] == "Quiet Keys Reviewed"
    assert "Typing all day." in read["posts"][0]["html"]
    ghost.reset()
    assert ghost.admin_api("GET", "/posts/")["posts"] == []


def test_the_timezone_set_is_the_sites(ghost: GhostServer) -> None:
    ghost.set_timezone("America/New_York")
    try:
        settings = ghost.admin_api("GET", "/settings/")["settings"]
        assert {"key": "timezone", "value": "America/New_York"} in settings
    finally:
        ghost.reset()


def test_a_staff_user_signs_in_with_their_role(ghost: GhostServer) -> None:
    author = ghost.add_staff("Author", "Avery Author")
    me = ghost.admin_api("GET", "/users/me/", user=author, params={"include": "roles"})
    assert [role["name"] for role in me["users"][0]["roles"]] == ["Author"]
    assert me["users"][0]["id"] == author.user_id


def test_stopping_the_site_ends_its_process_and_frees_its_port(tmp_path: Path) -> None:
    if not ghost_installed():
        skip_or_fail(GHOST_MISSING)
    with GhostServer.running(tmp_path / "site") as site:
        pid = site.process_id()
        port = int(site.url.rsplit(":", 1)[1])
        assert pid is not None
        os.kill(pid, 0)  # running
    assert site.process_id() is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with socket.socket() as probe:
        # Free again: nothing listens (connections Ghost closed may linger in TIME_WAIT).
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
        probe.listen()
