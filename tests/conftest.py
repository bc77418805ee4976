"""Fixtures shared by every test: real bundles built in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewdesk.core.resources import resource

MakeBundle = Callable[..., Path]


@pytest.fixture(autouse=True)
def _user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Recovery copies, settings and caches of tests go to a temporary home, never the real one."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))


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
    *args: str | Path, cwd: Path | None = None, home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m reviewdesk ARGS`, in `cwd`, with `home` as the user's folders if given."""
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
    return subprocess.run(
        [sys.executable, "-m", "reviewdesk", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env=env,
    )
