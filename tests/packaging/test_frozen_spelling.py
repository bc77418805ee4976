"""Spell checking in the frozen app: it ships en_US and en_GB and finds the system's others
through the system's Enchant."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.missing_tools import skip_or_fail
from tests.spelling_dictionaries import dictionary

from .conftest import APP_DIR
from .test_frozen_app import run, user_env

pytestmark = pytest.mark.slow

SHIPPED = APP_DIR / "_internal" / "enchant" / "hunspell"
# Where Debian's hunspell and aspell dictionaries are: hidden to show the app's own are used.
SYSTEM_DICTIONARIES = ("/usr/share/hunspell", "/usr/lib/aspell")


def bundle(folder: Path, language: str, body: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "review.yaml").write_text(
        f"format: reviewdesk/1\ntitle: A kettle\nlanguage: {language}\n", encoding="utf-8"
    )
    (folder / "body.md").write_text(body, encoding="utf-8")
    return folder


def spelling_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in done.stderr.splitlines() if "spelling:" in line or "language:" in line]


def reviews(tmp_path: Path) -> list[Path]:
    return [
        bundle(tmp_path / "us", "en", "The colour of the kettel.\n"),
        bundle(tmp_path / "gb", "en-GB", "The colour and color of the kettel.\n"),
        bundle(tmp_path / "de", "de", "Der Wasserkocher ist schnell, the kettel.\n"),
    ]


def expected(us: Path, gb: Path) -> list[str]:
    """The English reviews' lines: the title's `kettle` is no misspelling in English."""
    return [
        f"{us / 'body.md'}:1: warning: body: spelling: 'colour' (color?)",
        f"{us / 'body.md'}:1: warning: body: spelling: 'kettel' (kettle?)",
        f"{gb / 'body.md'}:1: warning: body: spelling: 'color' (colour?)",
        f"{gb / 'body.md'}:1: warning: body: spelling: 'kettel' (kettle?)",
    ]


def test_the_frozen_app_checks_spelling_with_the_systems_dictionaries(
    frozen_app: Path, tmp_path: Path
) -> None:
    dictionary("de")  # the system's: the app ships none
    us, gb, de = reviews(tmp_path / "reviews")
    command = [str(frozen_app), "check", "--spelling", str(us), str(gb), str(de)]
    done = run(command, tmp_path / "home")
    assert done.returncode == 1, done.stderr
    lines = spelling_lines(done)
    assert lines[:4] == expected(us, gb)
    # German by the system's de_DE: its English words flagged, not its German ones.
    german = [line.partition(" (")[0] for line in lines[4:]]
    assert german == [
        f"{de / 'review.yaml'}:2: warning: title: spelling: 'kettle'",
        f"{de / 'body.md'}:1: warning: body: spelling: 'the'",
        f"{de / 'body.md'}:1: warning: body: spelling: 'kettel'",
    ]


def test_the_frozen_app_ships_english_dictionaries(frozen_app: Path, tmp_path: Path) -> None:
    for tag in ("en_US", "en_GB"):
        for suffix in (".aff", ".dic", ".copyright"):
            assert (SHIPPED / f"{tag}{suffix}").is_file(), f"{tag}{suffix}"
    us, gb, de = reviews(tmp_path / "reviews")
    empty = tmp_path / "empty"
    empty.mkdir()
    # The system's dictionaries hidden, in a mount namespace of this command alone.
    hide = " && ".join(
        f'{{ [ ! -d {folder} ] || mount --bind "$0" {folder}; }}' for folder in SYSTEM_DICTIONARIES
    )
    command = [
        "unshare", "--mount", "sh", "-c", f'{hide} && exec "$@"',
        str(empty), str(frozen_app), "check", "--spelling", str(us), str(gb), str(de),
    ]  # fmt: skip
    if shutil.which("unshare") is None:
        skip_or_fail("needs unshare (util-linux) to hide the system's dictionaries")
    (tmp_path / "home").mkdir()
    done = subprocess.run(
        command, env=user_env(tmp_path / "home"), capture_output=True, text=True, timeout=60
    )
    if "Operation not permitted" in done.stderr or "cannot" in done.stderr.split("\n")[0]:
        skip_or_fail(f"needs root to hide the system's dictionaries: {done.stderr.strip()}")
    assert spelling_lines(done) == [
        *expected(us, gb),
        f"{de / 'review.yaml'}:3: warning: language: no de_DE dictionary for spell checking the "
        "review's language (de) (Debian: apt install hunspell-de-de)",
    ]
