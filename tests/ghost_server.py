"""A real Ghost 5 on 127.0.0.1 for the publishing tests.

Ghost as published on npm, installed once into the user's cache by `scripts/setup-ghost`, run by
Node with SQLite: its database, configuration, content folder (themes, images) and log live
under one folder, it listens on a free port of 127.0.0.1 only, and it is stopped by the pid of
the process started here. It sends no mail (a stub transport) and makes none of the calls out
that Ghost has a setting for (update checks, Gravatar, pings: its "tinfoil" privacy setting).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.missing_tools import SETUP_TOOLS
from tests.wordpress_server import (
    _accepts_tcp,
    _free_port,
    _start_watchdog,
    _stop_watchdog,
    _tail,
    _terminate,
)

SETUP_SCRIPT = Path(__file__).parent.parent / "scripts" / "setup-ghost"
# A start creates the database (every migration): about 4 s here, more on a busy machine.
START_TIMEOUT = 180.0
START_ATTEMPTS = 3
REQUEST_TIMEOUT = 60.0
ADMIN_API = "/ghost/api/admin"
# The API version every request names (Ghost answers in the shape of that version).
ACCEPT_VERSION = "v5.0"
STAFF_ROLES = ("Administrator", "Editor", "Author", "Contributor")


class GhostError(RuntimeError):
    """The test site could not be started or a request to it failed."""


class _PortTakenError(GhostError):
    """A port found free was taken by someone else before Ghost could listen on it."""


def _pinned_version() -> str:
    """The version scripts/setup-ghost installs: pinned there only."""
    found = re.search(r'^GHOST_VERSION="([^"]+)"$', SETUP_SCRIPT.read_text(), re.MULTILINE)
    if found is None:
        raise GhostError(f"no GHOST_VERSION in {SETUP_SCRIPT}")
    return found[1]


GHOST_VERSION = _pinned_version()


def _install_folder() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "reviewdesk-tools" / f"ghost-{GHOST_VERSION}"


# Read when this module is imported, as the tests' own caches (conftest) point XDG_CACHE_HOME
# at a temporary folder later.
GHOST_INSTALL = _install_folder()


# Why a test that needs Ghost is skipped (or fails under CI=true), with the install command.
GHOST_MISSING = f"needs Ghost {GHOST_VERSION} (scripts/setup-ghost): {SETUP_TOOLS}"


def ghost_installed() -> bool:
    """Whether scripts/setup-ghost has installed Ghost (and Node is there to run it)."""
    return (GHOST_INSTALL / ".installed-by-setup-ghost").is_file() and bool(shutil.which("node"))


@dataclass(frozen=True)
class GhostStaff:
    name: str
    email: str
    password: str
    user_id: str
    role: str


class GhostServer:
    """One running test site. Start it with `GhostServer.running(folder)`."""

    url: str
    version: str
    owner: GhostStaff
    # The test integration's Admin API key ("id:secret", the secret in hex) and Content API key.
    admin_key: str
    content_key: str
    content_dir: Path

    def __init__(self, data: Path) -> None:
        self.data = data
        self.content_dir = data / "content"
        self.log = data / "ghost.log"
        self._port = _free_port()
        self.url = f"http://127.0.0.1:{self._port}"
        self._process: subprocess.Popen[bytes] | None = None
        self._watchdog: subprocess.Popen[str] | None = None
        self._sessions: dict[str, httpx.Client] = {}

    @classmethod
    @contextmanager
    def running(cls, data: Path) -> Iterator[GhostServer]:
        """A site started in `data` (an empty folder), stopped when the block ends."""
        for attempt in range(START_ATTEMPTS):
            server = cls(data)
            try:
                server._start()
                break
            except _PortTakenError:
                server._stop()
                if attempt == START_ATTEMPTS - 1:
                    raise
                _empty(data)
            except BaseException:
                server._stop()
                raise
        try:
            yield server
        finally:
            server._stop()

    # --- what tests use

    def session_request(
        self, method: str, path: str, *, user: GhostStaff | None = None, **options: Any
    ) -> httpx.Response:
        """An Admin API request (`path` under /ghost/api/admin, e.g. "/posts/") signed in as
        `user` (the owner by default) with a session cookie, as Ghost's own admin app does."""
        return self._session(user or self.owner).request(method, path.lstrip("/"), **options)

    def admin_api(
        self, method: str, path: str, *, user: GhostStaff | None = None, **options: Any
    ) -> Any:
        """session_request's JSON (None for an empty answer); a GhostError for an error."""
        answer = self.session_request(method, path, user=user, **options)
        if answer.is_error:
            raise GhostError(f"{method} {path}: {answer.status_code} {answer.text}")
        return answer.json() if answer.content else None

    def set_timezone(self, timezone: str) -> None:
        """The site's timezone (an IANA name, e.g. "Europe/Berlin"); reset() puts UTC back."""
        self.set_settings(timezone=timezone)

    def set_settings(self, **values: Any) -> None:
        """Site settings by key, as the owner (an integration may read them, not change them)."""
        settings = [{"key": key, "value": value} for key, value in values.items()]
        self.admin_api("PUT", "/settings/", json={"settings": settings})

    def add_staff(self, role: str, name: str) -> GhostStaff:
        """A new staff user with `role` (one of STAFF_ROLES), by Ghost's invitation: the invite
        is "mailed" (to the stub transport), its token read from the database and accepted."""
        roles = self.admin_api("GET", "/roles/", params={"permissions": "assign"})["roles"]
        role_id = next(found["id"] for found in roles if found["name"] == role)
        email = f"{secrets.token_hex(4)}@example.com"
        self.admin_api(
            "POST", "/invites/", json={"invites": [{"email": email, "role_id": role_id}]}
        )
        database_file = f"file:{self.data / 'ghost.db'}?mode=ro"
        with closing(sqlite3.connect(database_file, uri=True)) as database:
            (token,) = database.execute(
                "SELECT token FROM invites WHERE email = ?", (email,)
            ).fetchone()
        password = secrets.token_urlsafe(18)
        invitation = {"token": token, "email": email, "password": password, "name": name}
        self._public_request("POST", "/authentication/invitation/", {"invitation": [invitation]})
        users = self.admin_api("GET", "/users/", params={"filter": f"email:'{email}'"})["users"]
        return GhostStaff(name, email, password, users[0]["id"], role)

    def reset(self) -> None:
        """Back to the site as set up: no posts, pages or tags (Ghost's "delete all content"),
        no uploaded images, the timezone UTC."""
        self.admin_api("DELETE", "/db/")
        images = self.content_dir / "images"
        shutil.rmtree(images, ignore_errors=True)
        images.mkdir()
        self.set_timezone("Etc/UTC")

    def process_id(self) -> int | None:
        """Ghost's process (the leader of a process group of its own), None once stopped."""
        process = self._process
        return process.pid if process is not None and process.returncode is None else None

    # --- start and stop

    def _start(self) -> None:
        if not ghost_installed():
            raise GhostError(f"Ghost {GHOST_VERSION} is not installed: bash scripts/setup-ghost")
        shutil.copytree(GHOST_INSTALL / "content", self.content_dir)
        for folder in ("data", "files", "media"):
            (self.content_dir / folder).mkdir(exist_ok=True)
        # Ghost-CLI's layout, which Ghost finds its files by: the working folder holds the
        # configuration and `current`, the install.
        (self.data / "current").symlink_to(GHOST_INSTALL)
        (self.data / "config.production.json").write_text(json.dumps(self._config(), indent=2))
        self._watchdog = _start_watchdog()
        with self.log.open("wb") as log:
            self._process = subprocess.Popen(
                ["node", "current/index.js"],
                cwd=self.data,
                env={**os.environ, "NODE_ENV": "production"},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, to stop whatever it starts
            )
        if self._watchdog.stdin is not None:
            self._watchdog.stdin.write(f"{self._process.pid}\n")
            self._watchdog.stdin.flush()
        self._wait_until_booted()
        self._set_up_owner()
        self._make_integration()
        # The site's answer gives "5.130"; its configuration the whole version.
        self.version = self.admin_api("GET", "/config/")["config"]["version"]
        self.reset()  # no sample post and page

    def _stop(self) -> None:
        for client in self._sessions.values():
            client.close()
        self._sessions.clear()
        try:
            if self._process is not None:
                _terminate(self._process)
        finally:
            if self._watchdog is not None:
                _stop_watchdog(self._watchdog)
                self._watchdog = None
        # What is left is the log, the configuration and the site's files.

    def _config(self) -> dict[str, Any]:
        """Ghost's production configuration (it reads it from the working folder). Production,
        as sites run: over plain http it serves the admin API as is, no redirect to https."""
        return {
            "url": self.url,
            "server": {"host": "127.0.0.1", "port": self._port, "shutdownTimeout": 5000},
            "database": {
                "client": "sqlite3",
                "connection": {"filename": str(self.data / "ghost.db")},
                "useNullAsDefault": True,
            },
            "paths": {"contentPath": str(self.content_dir)},
            "logging": {"level": "info", "transports": ["stdout"], "rotation": {"enabled": False}},
            # Mail is "sent" to nowhere: invitations still work, nothing waits for a server.
            "mail": {"transport": "stub", "from": "ReviewDesk test site <noreply@example.com>"},
            "sendWelcomeEmail": False,
            # No update checks, Gravatar, pings or other calls out.
            "privacy": {"useTinfoil": True},
            # Signing in from a new device would otherwise ask for a code sent by mail.
            "security": {"staffDeviceVerification": False},
            "emailAnalytics": False,
            "backgroundJobs": {"emailAnalytics": False, "clickTrackingLastSeenAtUpdater": False},
        }

    def _wait_until_booted(self) -> None:
        """Waits until the admin API answers (a 503 while Ghost migrates and boots)."""
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self._process.poll() is not None:
                tail = _tail(self.log, 30)
                error = _PortTakenError if "EADDRINUSE" in tail else GhostError
                raise error(f"Ghost exited ({self._process.returncode}): {tail}")
            if _accepts_tcp(self._port):
                with suppress(httpx.HTTPError, ValueError, KeyError):  # not (yet) Ghost's answer
                    answer = httpx.get(
                        f"{self.url}{ADMIN_API}/site/",
                        headers={"Accept-Version": ACCEPT_VERSION},
                        timeout=REQUEST_TIMEOUT,
                    )
                    if answer.status_code == 200 and answer.json()["site"]["url"] == f"{self.url}/":
                        return
            if time.monotonic() > deadline:
                raise GhostError(f"Ghost did not start in {START_TIMEOUT:.0f} s: {_tail(self.log)}")
            time.sleep(0.25)

    def _set_up_owner(self) -> None:
        """The site's owner, as the first screen of Ghost's admin makes it."""
        owner = {
            "name": "Ada Owner",
            "email": "owner@example.com",
            "password": secrets.token_urlsafe(18),
            "blogTitle": "ReviewDesk test site",
        }
        user = self._public_request("POST", "/authentication/setup/", {"setup": [owner]})
        self.owner = GhostStaff(
            owner["name"], owner["email"], owner["password"], user["users"][0]["id"], "Owner"
        )

    def _make_integration(self) -> None:
        created = self.admin_api(
            "POST",
            "/integrations/",
            params={"include": "api_keys"},
            json={"integrations": [{"name": "ReviewDesk tests"}]},
        )
        keys = {key["type"]: key["secret"] for key in created["integrations"][0]["api_keys"]}
        # The admin key's "secret" is the whole key, "id:secret", as Ghost's admin shows it.
        self.admin_key = keys["admin"]
        self.content_key = keys["content"]

    # --- requests

    def _session(self, user: GhostStaff) -> httpx.Client:
        """A client signed in as `user` (one session each, kept: Ghost limits sign-in attempts)."""
        client = self._sessions.get(user.email)
        if client is None:
            client = httpx.Client(
                base_url=f"{self.url}{ADMIN_API}/",
                # Ghost refuses a session's request without the admin's origin (CSRF).
                headers={"Origin": self.url, "Accept-Version": ACCEPT_VERSION},
                timeout=REQUEST_TIMEOUT,
            )
            answer = client.post(
                "session/", json={"username": user.email, "password": user.password}
            )
            if answer.is_error:
                client.close()
                raise GhostError(f"{user.email} cannot sign in: {answer.status_code} {answer.text}")
            self._sessions[user.email] = client
        return client

    def _public_request(self, method: str, path: str, body: dict[str, Any]) -> Any:
        """A request that needs no one signed in (setting up, accepting an invitation)."""
        answer = httpx.request(
            method,
            f"{self.url}{ADMIN_API}{path}",
            json=body,
            headers={"Origin": self.url, "Accept-Version": ACCEPT_VERSION},
            timeout=REQUEST_TIMEOUT,
        )
        if answer.is_error:
            raise GhostError(f"{method} {path}: {answer.status_code} {answer.text}")
        return answer.json() if answer.content else None


def _empty(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
