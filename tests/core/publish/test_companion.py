"""The WordPress plugin's files and its zip: every PHP file passes `php -l`, the zip holds
exactly the plugin under reviewdesk/, the same bytes each time, and WordPress installs it from
the zip as its Upload Plugin screen does, and activates it without a word of output."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import reviewdesk
from reviewdesk.core.destination import WriteError
from reviewdesk.core.publish.companion import (
    FOLDER,
    plugin_files,
    plugin_folder,
    plugin_zip,
    write_plugin_zip,
)
from tests.conftest import run_reviewdesk
from tests.missing_tools import require
from tests.wordpress_server import WordPressServer, php_string

from .conftest import activate_plugin


@pytest.fixture(scope="module")
def php() -> str:
    """PHP's command line; skipped where it is missing, except under CI=true."""
    return require("php-cli", shutil.which("php"))


def test_every_php_file_passes_php_lint(php: str) -> None:
    php_files = [name for name in plugin_files() if name.suffix == ".php"]
    assert php_files
    for name in php_files:
        path = plugin_folder().joinpath(*name.parts)
        # error_reporting=-1: deprecations of this PHP (8.2 here) are errors too.
        done = subprocess.run(
            [php, "-d", "error_reporting=-1", "-d", "display_errors=stderr", "-l", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stderr == ""


def test_the_plugin_says_the_version_of_the_app_it_comes_with() -> None:
    source = (plugin_folder() / "reviewdesk.php").read_text(encoding="utf-8")
    (header,) = re.findall(r"^ \* Version:\s*(\S+)$", source, flags=re.M)
    (constant,) = re.findall(r"const REVIEWDESK_VERSION = '([^']+)';", source)
    assert header == constant == reviewdesk.__version__


def test_the_zip_holds_exactly_the_plugin_under_its_folder(tmp_path: Path) -> None:
    written = write_plugin_zip(tmp_path / "out" / "reviewdesk.zip")
    assert written == tmp_path / "out" / "reviewdesk.zip"
    on_disk = sorted(
        path.relative_to(plugin_folder()).as_posix()
        for path in plugin_folder().rglob("*")
        if path.is_file()
    )
    assert "reviewdesk.php" in on_disk and "review.css" in on_disk
    with zipfile.ZipFile(written) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == sorted(names)
        assert names == [f"{FOLDER}/{name}" for name in on_disk]
        for entry in archive.infolist():
            assert entry.date_time == (1980, 1, 1, 0, 0, 0)
            assert entry.external_attr >> 16 == 0o100644
            name = entry.filename.removeprefix(f"{FOLDER}/")
            assert archive.read(entry) == (plugin_folder() / name).read_bytes()


def test_the_zip_is_the_same_bytes_each_time(tmp_path: Path) -> None:
    first = write_plugin_zip(tmp_path / "a.zip").read_bytes()
    assert write_plugin_zip(tmp_path / "b.zip").read_bytes() == first == plugin_zip()


def test_a_folder_in_the_way_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "taken.zip").mkdir()
    with pytest.raises(WriteError, match="is a folder, not a file"):
        write_plugin_zip(tmp_path / "taken.zip")
    assert list((tmp_path / "taken.zip").iterdir()) == []


def test_the_command_writes_the_zip(tmp_path: Path) -> None:
    done = run_reviewdesk("site", "plugin", "site.zip", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Wrote site.zip: in WordPress, upload it under Plugins")
    assert (tmp_path / "site.zip").read_bytes() == plugin_zip()
    # A folder: reviewdesk.zip in it.
    done = run_reviewdesk("site", "plugin", tmp_path, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "reviewdesk.zip").read_bytes() == plugin_zip()
    # A device: refused in one line.
    done = run_reviewdesk("site", "plugin", "/dev/null", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (1, "/dev/null: is a device, not a file\n")


@pytest.mark.slow
def test_wordpress_installs_the_zip_and_activates_it(
    wordpress: WordPressServer, tmp_path: Path
) -> None:
    wordpress.reset()
    installed = wordpress.content_dir / "plugins" / FOLDER
    shutil.rmtree(installed, ignore_errors=True)
    package = write_plugin_zip(tmp_path / "reviewdesk.zip")
    try:
        # What Plugins > Add New > Upload Plugin runs with the uploaded file.
        answer = wordpress.php(
            "require_once ABSPATH . 'wp-admin/includes/admin.php';"
            "require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';"
            "$upgrader = new Plugin_Upgrader(new Automatic_Upgrader_Skin());"
            f"$done = $upgrader->install({php_string(str(package))});"
            "if (is_wp_error($done)) { echo $done->get_error_message(); }"
            "else { echo $done ? $upgrader->plugin_info() : 'failed'; }"
        )
        assert answer == f"{FOLDER}/reviewdesk.php"
        assert sorted(p.relative_to(installed).as_posix() for p in installed.rglob("*")) == [
            str(name) for name in plugin_files()
        ]
        assert activate_plugin(wordpress) == "active"
        details = wordpress.php(
            "require_once ABSPATH . 'wp-admin/includes/plugin.php';"
            f"$plugin = get_plugins()['{FOLDER}/reviewdesk.php'];"
            "echo $plugin['Name'], '|', $plugin['Version'], '|', $plugin['RequiresWP'];"
        )
        assert details == f"ReviewDesk|{reviewdesk.__version__}|6.1"
    finally:
        wordpress.reset()
        shutil.rmtree(installed, ignore_errors=True)


def _selectors(css: str) -> list[tuple[tuple[str, ...], str]]:
    """Every selector of a stylesheet, with the at-rules it is inside."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found: list[tuple[tuple[str, ...], str]] = []
    blocks: list[str] = []
    text = ""
    for char in css:
        if char == "{":
            prelude = " ".join(text.split())
            if not prelude.startswith("@"):
                # Commas split a list, but not inside :is(...).
                parts = re.split(r",(?![^(]*\))", prelude)
                found += [(tuple(blocks), part.strip()) for part in parts]
            blocks.append(prelude)
            text = ""
        elif char == "}":
            blocks.pop()
            text = ""
        elif char == ";":
            text = ""
        else:
            text += char
    assert not blocks
    return found


@pytest.mark.parametrize("name", ["review.css", "review-blocks.css"])
def test_the_stylesheets_style_the_review_and_nothing_else(name: str) -> None:
    """Every rule is inside the review's group, and its layout follows the review's width
    (container queries), never the window's (media queries)."""
    css = (plugin_folder() / name).read_text(encoding="utf-8")
    found = _selectors(css)
    assert len(found) > 50
    roots = (".review", ".wp-block-group.review", ".review--with-aside")
    for at_rules, selector in found:
        assert selector.split()[0] in roots, selector
        assert all(rule.startswith("@container ") for rule in at_rules), at_rules
    wrapped = {selector for at_rules, selector in found if at_rules}
    if name == "review.css":
        assert ".review .review-verdict" in wrapped  # the pros and cons switch
        assert ".review--with-aside > .review-aside" in wrapped  # the key points beside
    else:
        assert ".review .review-fit" in wrapped  # best for and skip if side by side
