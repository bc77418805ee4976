"""Fixtures shared by every test: real bundles built in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from resource import RLIMIT_AS, setrlimit

import pytest

from reviewdesk.core.resources import resource
from tests.ghost_server import GHOST_MISSING, GhostServer, ghost_installed
from tests.missing_tools import SETUP_TOOLS, skip_or_fail
from tests.wordpress_server import WordPressServer, missing_tools

MakeBundle = Callable[..., Path]


@pytest.fixture(autouse=True)
def _user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Recovery copies, settings and caches of tests go to a temporary home, never the real one."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))


@pytest.fixture(scope="session")
def wordpress(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WordPressServer]:
    """A real WordPress on 127.0.0.1 for the whole session (tests/wordpress_server.py): an
    administrator and an author with Application Passwords. Tests that need a clean site call
    wordpress.reset(). Skipped where the packages are missing, except under CI=true."""
    missing = missing_tools()
    if missing:
        skip_or_fail(f"needs WordPress ({', '.join(missing)}): {SETUP_TOOLS}")
    with WordPressServer.running(tmp_path_factory.mktemp("wordpress")) as server:
        yield server


@pytest.fixture(scope="session")
def ghost(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GhostServer]:
    """A real Ghost 5 on 127.0.0.1 for the whole session (tests/ghost_server.py): its owner
    (signed in by session for ghost.admin_api), an integration's Admin and Content API keys, no
    post or page. Tests that need a clean site call ghost.reset(). Skipped where Ghost is not
    installed, except under CI=true."""
    if not ghost_installed():
        skip_or_fail(GHOST_MISSING)
    with GhostServer.running(tmp_path_factory.mktemp("ghost")) as server:
        yield server


@pytest.fixture
def sample_bundle(tmp_path: Path) -> Path:
    """A copy of the bundled sample review."""
    target = tmp_path / "sample"
    shutil.copytree(resource("sample"), target)
    return target


@pytest.fixture
def make_bundle(tmp_path: Path) -> MakeBundle:
    """Write a bundle from text: make_bundle(yaml_text, body_text, name="b")."""

    def make(
        yaml_source: str | bytes = "format: reviewdesk/1\ntitle: A review\n",
        body: str | bytes = "Some *body* text.\n",
        name: str = "bundle",
    ) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for file, content in (("review.yaml", yaml_source), ("body.md", body)):
            data = content.encode() if isinstance(content, str) else content
            (folder / file).write_bytes(data)
        return folder

    return make


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and modification time."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run_reviewdesk(
    *args: str | Path,
    cwd: Path | None = None,
    home: Path | None = None,
    timeout: float = 60,
    memory_limit: int | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m reviewdesk ARGS`, in `cwd`, with `home` as the user's folders if given and
    `stdin` as its standard input.
    `memory_limit` caps the process's address space (bytes): a command that would read
    /dev/zero to the end fails on its own instead of filling the machine's memory."""
    env = dict(os.environ)
    if home is not None:
        env.update(
            HOME=str(home),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_CONFIG_HOME=str(home / "config"),
            QT_QPA_PLATFORM="offscreen",
            QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox --disable-gpu",
        )

    def limit_memory() -> None:
        if memory_limit is not None:
            setrlimit(RLIMIT_AS, (memory_limit, memory_limit))

    return subprocess.run(
        [sys.executable, "-m", "reviewdesk", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=env,
        preexec_fn=limit_memory if memory_limit is not None else None,
    )


def _mount_tmpfs(folder: Path, options: str) -> None:
    """A tmpfs at `folder`; skipped where this machine cannot mount one (not root, no mount
    command), except under CI=true, where that is a failure: the test must run there."""
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
            capture_output=True,
            text=True,
            timeout=30,
        )
        failure = done.stderr.strip() if done.returncode else ""
    except OSError as error:
        failure = str(error)
    if failure:
        skip_or_fail(f"a real small disk needs 'mount -t tmpfs' (as root): {failure}")


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30, check=False)


FREE_ON_FULL_DISK = 64 * 1024


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """An empty folder on a real disk that is nearly full: a 256 KiB tmpfs filled but for
    FREE_ON_FULL_DISK bytes (16 pages), room for a small bundle and not for a large image.
    Filling the rest (a file written until ENOSPC) leaves no byte at all."""
    mount = tmp_path / "full-disk"
    mount.mkdir()
    _mount_tmpfs(mount, "size=256k,mode=0755")
    try:
        filler = mount / ".filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:  # ENOSPC: full
            pass
        finally:
            os.close(fd)
        os.truncate(filler, max(0, filler.stat().st_size - FREE_ON_FULL_DISK))
        folder = mount / "disk"
        folder.mkdir()
        yield folder
    finally:
        _unmount(mount)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """An empty folder on a file system mounted read-only (root ignores a folder's mode bits:
    only a read-only mount refuses it writes)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    _mount_tmpfs(folder, "ro,size=64k")
    try:
        yield folder
    finally:
        _unmount(folder)


@contextmanager
def other_program(*arguments: str, program: str = sys.executable) -> Iterator[int]:
    """A process of another program, already running (past its exec, so the system reports its
    own command line, `program` first): yields its pid, kills it after."""
    script = "import time; print('up', flush=True); time.sleep(60)"
    process = subprocess.Popen(
        [program, "-c", script, *arguments],
        executable=sys.executable,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "up\n"
        yield process.pid
    finally:
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()
