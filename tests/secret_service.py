"""A real system keyring for tests: GNOME Keyring serving the Secret Service on a D-Bus session
bus of its own. Import the fixtures where they are used."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from jeepney import DBus
from jeepney.io.blocking import open_dbus_connection
from keyring.backends import SecretService, fail

from tests.missing_tools import skip_or_fail

SECRETS_BUS_NAME = "org.freedesktop.secrets"
INSTALL = "apt-get install gnome-keyring dbus-daemon"


def _wait_for_bus(path: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while not path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail("dbus-daemon did not start")
        time.sleep(0.02)


def _wait_for_secrets(address: str, process: subprocess.Popen[bytes]) -> None:
    """Until the keyring daemon owns the Secret Service name (asking for the name before
    would have D-Bus start another daemon, one we could not stop)."""
    deadline = time.monotonic() + 20
    with open_dbus_connection(address) as connection:
        while True:
            reply = connection.send_and_get_reply(DBus().NameHasOwner(SECRETS_BUS_NAME))
            if reply.body[0]:
                return
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gnome-keyring-daemon did not take the Secret Service name")
            time.sleep(0.02)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a private D-Bus session bus on which GNOME Keyring serves an unlocked
    login keyring, stopped by PID at the end."""
    missing = [tool for tool in ("dbus-daemon", "gnome-keyring-daemon") if not shutil.which(tool)]
    if missing:
        skip_or_fail(f"a real keyring needs {', '.join(missing)}: {INSTALL}")
    home = tmp_path_factory.mktemp("keyring-home")
    (home / "run").mkdir(mode=0o700)
    socket = home / "bus"
    address = f"unix:path={socket}"
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", f"--address={address}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_bus(socket, bus)
        env = dict(
            os.environ,
            DBUS_SESSION_BUS_ADDRESS=address,
            HOME=str(home),
            XDG_DATA_HOME=str(home / "data"),
            XDG_RUNTIME_DIR=str(home / "run"),
        )
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        try:
            assert daemon.stdin is not None
            daemon.stdin.write(b"the login keyring's password")  # --unlock reads it to EOF
            daemon.stdin.close()
            _wait_for_secrets(address, daemon)
            yield address
        finally:
            _stop(daemon)
    finally:
        _stop(bus)


@pytest.fixture
def system_keyring(secret_service: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """keyring's Secret Service backend, talking to the test's GNOME Keyring."""
    previous = keyring.get_keyring()  # before the variable below, which it would read
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    keyring.set_keyring(SecretService.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """keyring's own backend for a computer without any keyring."""
    previous = keyring.get_keyring()  # before the variable below, which it would read
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)
