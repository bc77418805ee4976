"""Every command of the command line over every hostile bundle of tests/hostile_bundles.py, each
in its own process with a deadline: it finishes, says what is wrong in lines (no traceback),
writes nothing outside its `-o` folder and shows nothing from outside the bundle."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from reviewdesk.core.exports import FORMATS
from tests import hostile_bundles
from tests.conftest import run_reviewdesk

DEADLINE = 20  # seconds; a FIFO read without care blocks for ever
MEMORY = 2 << 30  # /dev/zero read without care fills the memory: the process fails instead
RUNS = "runs"  # every command's -o folder is under it


def state(folder: Path) -> dict[str, tuple[int, int, int, bytes]]:
    """Every entry under `folder` as lstat sees it (links never followed, FIFOs never opened),
    with the bytes of regular files."""
    found = {}
    for base, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(base, name)
            info = path.lstat()
            data = path.read_bytes() if stat.S_ISREG(info.st_mode) else b""
            found[str(path.relative_to(folder))] = (
                info.st_mode,
                info.st_size,
                info.st_mtime_ns,
                data,
            )
    return found


def outside_runs(folder: Path) -> dict[str, tuple[int, int, int, bytes]]:
    return {name: found for name, found in state(folder).items() if not name.startswith(RUNS)}


def written_bytes(folder: Path) -> bytes:
    return b"".join(found[3] for found in state(folder).values()) if folder.exists() else b""


class Runner:
    """Runs commands over one work folder, checking each as the module says."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.count = 0

    def out(self) -> Path:
        self.count += 1
        return self.work / RUNS / str(self.count)

    def run(self, *args: str | Path, out: Path | None = None) -> subprocess.CompletedProcess[str]:
        before = outside_runs(self.work)
        try:
            done = run_reviewdesk(*args, cwd=self.work, timeout=DEADLINE, memory_limit=MEMORY)
        except subprocess.TimeoutExpired:
            pytest.fail(f"reviewdesk {' '.join(map(str, args))}: still running after {DEADLINE} s")
        command = f"reviewdesk {' '.join(map(str, args))}"
        assert done.returncode in (0, 1), f"{command}: exit {done.returncode}\n{done.stderr}"
        assert "Traceback" not in done.stderr, f"{command}:\n{done.stderr}"
        assert outside_runs(self.work) == before, f"{command} wrote outside its -o folder"
        published = (
            done.stdout
            + done.stderr
            + written_bytes(out or self.work / RUNS).decode("utf-8", "replace")
        )
        assert hostile_bundles.SECRET not in published, f"{command} showed a file from outside"
        return done


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Runner:
    monkeypatch.setenv(
        hostile_bundles.SECRET_VARIABLE, hostile_bundles.SECRET
    )  # /proc/self/environ
    return Runner(tmp_path)


def export_target(runner: Runner, to: str) -> tuple[Path, Path]:
    """-o for format `to`: a file in a new folder, or a new folder for a site; and that folder."""
    folder = runner.out()
    return (folder if FORMATS[to].into_folder else folder / f"page{FORMATS[to].suffix}"), folder


@pytest.mark.parametrize("kind", hostile_bundles.BUILDERS)
def test_every_command_over_a_hostile_bundle(runner: Runner, tmp_path: Path, kind: str) -> None:
    bundle = hostile_bundles.BUILDERS[kind](tmp_path)
    runner.run("validate", bundle)
    runner.run("check", bundle)
    for to in FORMATS:
        target, folder = export_target(runner, to)
        runner.run("export", bundle, "--to", to, "-o", target, out=folder)
    target, folder = export_target(runner, "html")
    runner.run("export", bundle, "--to", "html", "--embed", "-o", target, out=folder)
    markdown, folder = export_target(runner, "markdown")
    runner.run("export", bundle, "--to", "markdown", "-o", markdown, out=folder)
    if markdown.exists():
        imported = runner.out()
        runner.run("import", markdown, "-o", imported / "bundle", out=imported)


def test_a_hostile_bundle_is_refused_in_one_line_each(runner: Runner, tmp_path: Path) -> None:
    """What validate says of each: the file, and why, once."""
    bundles = hostile_bundles.build_all(tmp_path)
    expected = {
        "review_yaml_links_out": "review.yaml: is a link to a file outside the review",
        "review_yaml_is_proc_environ": "review.yaml: is a link to a file outside the review",
        "review_yaml_is_a_fifo": "review.yaml: is a FIFO, not a file",
        "review_yaml_is_dev_zero": "review.yaml: is a link to a file outside the review",
        "review_yaml_is_a_folder": "review.yaml: is a folder, not a file",
        "body_links_out": "body.md: is a link to a file outside the review",
        "body_is_proc_environ": "body.md: is a link to a file outside the review",
        "body_is_a_fifo": "body.md: is a FIFO, not a file",
        "body_is_dev_zero": "body.md: is a link to a file outside the review",
        "assets_links_out": "assets: is a link to a folder outside the review",
        "assets_is_a_file": "assets: is a file, not a folder",
        "images_are_special_files": "review.yaml:4: hero.image: 'assets/hero.png' is a FIFO, "
        "not a file",
        "images_lead_out": "body.md:11: body: image 'assets/deep/../../../../escaped.png' uses "
        "'..'; give the path from the bundle's folder down",
    }
    for kind, line in expected.items():
        done = runner.run("validate", bundles[kind])
        assert done.returncode == 1, kind
        assert f"{bundles[kind]}/{line}\n" in done.stderr, (kind, done.stderr)


def test_nothing_lands_in_a_destination_s_links_out(runner: Runner, tmp_path: Path) -> None:
    bundle = hostile_bundles.hostile_siblings(tmp_path)
    (bundle / "assets" / "chart.png").write_bytes(b"png")
    (bundle / "body.md").write_text("![chart](assets/chart.png)\n")
    destination = hostile_bundles.destination_with_links_out(tmp_path / RUNS)
    drop = hostile_bundles.outside(tmp_path / RUNS) / "drop"
    for to, target in [
        ("html", destination / "page.html"),
        ("markdown", destination / "page.md"),
        ("hugo", destination),
        ("jekyll", destination),
    ]:
        done = runner.run("export", bundle, "--to", to, "-o", target, out=destination)
        assert done.returncode == 1, (to, done.stderr)
        assert "is a link to a folder outside" in done.stderr, (to, done.stderr)
        errors = [line for line in done.stderr.splitlines() if ": warning: " not in line]
        assert len(errors) == 1, done.stderr
        assert list(drop.iterdir()) == []
