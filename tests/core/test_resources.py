"""`resources/` is found from a source checkout, an installed wheel and a PyInstaller build."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reviewdesk.core import resources

ROOT = Path(__file__).resolve().parents[2]


def test_source_checkout_uses_the_top_level_folder() -> None:
    assert resources.resources_dir() == ROOT / "resources"
    assert resources.resource("templates", "page.html.j2").is_file()


def test_frozen_build_uses_the_bundle_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "resources" / "templates").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources.resources_dir.cache_clear()
    try:
        assert resources.resources_dir() == tmp_path / "resources"
    finally:
        resources.resources_dir.cache_clear()


def test_installed_wheel_carries_and_finds_its_resources(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            tmp_path / "wheel",
            ROOT,
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "wheel").glob("reviewdesk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "reviewdesk/resources/templates/page.html.j2" in names
    assert "reviewdesk/resources/sample/assets/hero.png" in names
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    found = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]);"
            "from reviewdesk.core.resources import resources_dir; print(resources_dir())",
            tmp_path / "site",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert Path(found.stdout.strip()) == tmp_path / "site" / "reviewdesk" / "resources"
