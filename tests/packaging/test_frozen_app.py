"""The frozen app (packaging/build), run as a writer would run it: a clean home, no Python
environment, the command line and the window (offscreen)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import keyring
import pytest

from reviewdesk.core.exports import FORMATS
from tests.secret_service import secret_service, system_keyring

from .conftest import APP_DIR, ROOT

pytestmark = pytest.mark.slow
__all__ = ["secret_service", "system_keyring"]

SAMPLE = ROOT / "resources" / "sample"
# Installed in .venv for the tests and the build; none may end up in the app.
TEST_ONLY = {
    "pytest", "_pytest", "pytestqt", "xdist", "hypothesis", "mypy", "pygments", "jsonschema",
    "referencing", "ruff", "hatchling", "PyInstaller", "setuptools", "pip",
}  # fmt: skip
# 350 before publishing; keyring's Secret Service client (secretstorage) needs cryptography,
# 12 MiB with its OpenSSL, and httpx brings anyio and h11. 370 and 150 before dates in every
# language: Babel's CLDR data is 35 MiB (10 MiB compressed), a file per language and region.
MAX_APP_MIB = 405
MAX_ARCHIVE_MIB = 160


def version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def user_env(home: Path) -> dict[str, str]:
    """A writer's environment: their own home and XDG folders, no Python variables."""
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        # As root (CI), Chromium runs only without its sandbox; offscreen has no GPU.
        "QTWEBENGINE_CHROMIUM_FLAGS": os.environ.get(
            "QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu"
        ),
    }
    for name in ("data", "config", "cache", "state"):
        env[f"XDG_{name.upper()}_HOME"] = str(home / name)
    if "TMPDIR" in os.environ:
        env["TMPDIR"] = os.environ["TMPDIR"]
    return env


def run(
    command: list[str], home: Path, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        command,
        env=user_env(home),
        cwd=cwd or home,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def smoke_test(app: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return run([str(app), "--smoke-test"], home, timeout=180)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file and folder under `folder`, with its mode, size and modification time."""
    entries = {}
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        entries[path.relative_to(folder).as_posix()] = (
            info.st_mode,
            info.st_size,
            info.st_mtime_ns,
        )
    return entries


@pytest.fixture(scope="module")
def first_start(
    frozen_app: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`reviewdesk --smoke-test` started for the first time, in a home of its own."""
    home = tmp_path_factory.mktemp("first-start")
    return smoke_test(frozen_app, home), home


def test_version_is_pyproject_version(frozen_app: Path, tmp_path: Path) -> None:
    done = run([str(frozen_app), "--version"], tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ReviewDesk {version()}"


@pytest.mark.parametrize("to", sorted(FORMATS))
def test_export_is_byte_for_byte_the_source_runs(frozen_app: Path, tmp_path: Path, to: str) -> None:
    bundle = tmp_path / "Sample review"
    shutil.copytree(SAMPLE, bundle)
    output = "site" if FORMATS[to].into_folder else f"out{FORMATS[to].suffix}"
    programs = {"frozen": [str(frozen_app)], "source": [sys.executable, "-m", "reviewdesk"]}
    results = {}
    for name, program in programs.items():
        folder = tmp_path / name
        folder.mkdir()
        done = run([*program, "export", str(bundle), "--to", to, "-o", output], tmp_path, folder)
        results[name] = (done.returncode, done.stdout, done.stderr, tree(folder))
    frozen, source = results["frozen"], results["source"]
    assert source[0] == 0, source[2]
    assert frozen[:3] == source[:3]
    assert frozen[3], "the export wrote nothing"
    assert sorted(frozen[3]) == sorted(source[3])
    for file in source[3]:
        assert frozen[3][file] == source[3][file], f"{to}: {file} differs"


def test_a_batch_in_worker_processes_is_the_source_runs(frozen_app: Path, tmp_path: Path) -> None:
    """The workers are the frozen executable spawned again (packaging/launcher.py's
    freeze_support): each exports its reviews instead of starting the app."""
    reviews = tmp_path / "Reviews"
    for name in ("one", "two", "three"):
        shutil.copytree(SAMPLE, reviews / name)
        text = (reviews / name / "review.yaml").read_text(encoding="utf-8")
        slug = "slug: wrenfall-3-mini-review"
        (reviews / name / "review.yaml").write_text(text.replace(slug, f"slug: {name}"), "utf-8")
    programs = {"frozen": [str(frozen_app)], "source": [sys.executable, "-m", "reviewdesk"]}
    results = {}
    for name, program in programs.items():
        command = [*program, "export", str(reviews), "--to", "html", "-o", name, "-j", "2"]
        done = run(command, tmp_path)
        results[name] = (done.returncode, done.stderr, tree(tmp_path / name))
    assert results["frozen"][:2] == (0, ""), results["frozen"][1]
    assert results["frozen"] == results["source"]
    assert len(results["frozen"][2]) == 9  # three pages, each with its hero and chart


@pytest.mark.parametrize(
    ("language", "published"),
    [("de", "18. März 2026"), ("fr", "18 mars 2026"), ("xx", "Mar 18, 2026")],
)
def test_the_frozen_app_dates_a_page_in_the_reviews_language(
    frozen_app: Path, tmp_path: Path, language: str, published: str
) -> None:
    """Babel's CLDR data (a data file per language) is in the build: a review in German or
    French shows its dates in its language, one in a language nobody has in English."""
    bundle = tmp_path / "review"
    shutil.copytree(SAMPLE, bundle)
    yaml_file = bundle / "review.yaml"
    yaml_file.write_text(
        yaml_file.read_text(encoding="utf-8").replace(
            "\nlanguage: en-GB\n", f"\nlanguage: {language}\n", 1
        ),
        encoding="utf-8",
    )
    done = run(
        [str(frozen_app), "export", str(bundle), "--to", "html", "-o", "page.html"], tmp_path
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert f'datetime="2026-03-18">{published}</time>' in page


def test_smoke_test_shows_the_preview(
    first_start: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    done, _ = first_start
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["preview_ready_ms"] > 0
    assert report["window_shown_ms"] > 0


def test_first_start_makes_the_users_copy_of_the_sample(
    first_start: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    done, home = first_start
    assert done.returncode == 0, done.stderr
    copy = home / "data" / "ReviewDesk" / "Sample review"
    assert copy.is_dir()
    for file, data in tree(SAMPLE).items():
        assert (copy / file).read_bytes() == data, file


def test_nothing_is_written_inside_the_app_folder(frozen_app: Path, tmp_path: Path) -> None:
    before = snapshot(APP_DIR)
    assert smoke_test(frozen_app, tmp_path / "home").returncode == 0
    export = [str(frozen_app), "export", str(SAMPLE), "--to", "html", "-o", "page.html"]
    assert run(export, tmp_path / "home").returncode == 0
    assert run([str(frozen_app), "--version"], tmp_path / "home").returncode == 0
    after = snapshot(APP_DIR)
    assert sorted(set(after) - set(before)) == [], "files were created in the app folder"
    assert sorted(set(before) - set(after)) == [], "files were removed from the app folder"
    changed = sorted(name for name in before if before[name] != after[name])
    assert changed == [], "files of the app folder were changed"


def test_test_only_packages_are_left_out(frozen_app: Path) -> None:
    # Modules lie as .pyc files and package folders in _internal (the spec's noarchive).
    modules = {path.name.removesuffix(".pyc") for path in (APP_DIR / "_internal").iterdir()}
    assert "reviewdesk" in modules
    assert sorted(modules & TEST_ONLY) == []


def test_sizes_stay_in_budget(frozen_app: Path) -> None:
    app_bytes = sum(p.lstat().st_size for p in APP_DIR.rglob("*") if not p.is_dir())
    assert app_bytes <= MAX_APP_MIB * 2**20, f"the app is {app_bytes / 2**20:.0f} MiB"
    archive = ROOT / "dist" / f"ReviewDesk-{version()}-linux-{os.uname().machine}.tar.gz"
    assert archive.stat().st_size <= MAX_ARCHIVE_MIB * 2**20
    assert frozen_app.is_file()


@pytest.mark.usefixtures("system_keyring")
def test_the_frozen_app_finds_the_system_keyring_by_itself(
    frozen_app: Path, tmp_path: Path, secret_service: str
) -> None:
    """keyring picks its backend from the packages' entry points: a build that left out their
    metadata or the Secret Service client would find no keyring at all."""
    env = {**user_env(tmp_path), "DBUS_SESSION_BUS_ADDRESS": secret_service}
    done = subprocess.run(
        [str(frozen_app), "site", "add", "frozen", "--wordpress", "https://example.org",
         "--user", "jane"],
        input="wxyz abcd efgh ijkl\n", env=env, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "(password in the system keyring)" in done.stdout
    stored = keyring.get_password("ReviewDesk", "frozen jane@https://example.org")
    assert stored == "wxyz abcd efgh ijkl"
    removed = subprocess.run(
        [str(frozen_app), "site", "remove", "frozen"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert removed.returncode == 0, removed.stderr
