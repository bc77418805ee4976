"""`reviewdesk export` of several reviews (cli_export.py), as a user runs it: a real process,
real bundles, a terminal (a pseudo-terminal) or not."""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from reviewdesk.core import bundle
from reviewdesk.core.resources import resource
from tests.conftest import run_reviewdesk

BROKEN_YAML = "format: reviewdesk/1\ntitle: T\npros: 7\n"
ESCAPES = ("\r", "\x1b")  # a progress bar's carriage returns and terminal escape codes


def review_bundle(folder: Path, slug: str) -> Path:
    shutil.copytree(resource("sample"), folder)
    bundle.save(bundle.load(folder).model_copy(update={"slug": slug}), folder)
    return folder


def broken_bundle(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "review.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    (folder / "body.md").write_text("Body.\n", encoding="utf-8")
    return folder


def library(root: Path, count: int) -> Path:
    """A reviews folder with `count` reviews, some nested in a folder of their own."""
    for n in range(count):
        group = "older" if n % 3 == 0 else ""
        review_bundle(root / group / f"r{n:03d}", f"review-{n:03d}")
    return root


def export_command(reviews: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "reviewdesk",
        "export",
        str(reviews),
        "--to",
        "html",
        "-o",
        str(out),
    ]


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_folder_with_a_broken_bundle_exports_the_rest_and_lists_it(tmp_path: Path) -> None:
    reviews = library(tmp_path / "reviews", 3)
    bad = broken_bundle(reviews / "older" / "bad")
    out = tmp_path / "out"
    done = run_reviewdesk("export", reviews, "--to", "html", "-o", out)
    assert done.returncode == 1
    assert done.stderr == f"{bad / 'review.yaml'}:3: pros: should be a valid list\n"
    assert done.stdout == f"3 exported, 1 failed (into {out})\n"
    for text in (done.stdout, done.stderr):
        assert not any(code in text for code in ESCAPES)  # no progress bar in a log
    assert sorted(os.listdir(out)) == [
        name for n in range(3) for name in (f"review-{n:03d}.html", f"review-{n:03d}_files")
    ]


def test_several_paths_two_processes_and_the_output_of_one(tmp_path: Path) -> None:
    """Bundles and folders of them mixed, in two processes (spawned from `python -m
    reviewdesk`): what one process writes, byte for byte."""
    reviews = library(tmp_path / "reviews", 4)
    lone = review_bundle(tmp_path / "lone", "lone")
    paths = (reviews / "older", lone, reviews / "r001" / "review.yaml", reviews)
    one = run_reviewdesk("export", *paths, "--to", "jekyll", "-o", tmp_path / "one")
    two = run_reviewdesk("export", *paths, "--to", "jekyll", "-o", tmp_path / "two", "-j", "2")
    assert (one.returncode, two.returncode) == (0, 0), one.stderr + two.stderr
    assert two.stdout == f"5 exported, 0 failed (into {tmp_path / 'two'})\n"
    assert files_under(tmp_path / "one") == files_under(tmp_path / "two")
    posts = sorted(os.listdir(tmp_path / "two" / "_posts"))
    assert posts == sorted(
        f"2026-03-18-{slug}.html" for slug in ("lone", *(f"review-{n:03d}" for n in range(4)))
    )


def test_the_same_slug_twice_is_one_failure_line_each(tmp_path: Path) -> None:
    one = review_bundle(tmp_path / "a" / "one", "twin")
    other = review_bundle(tmp_path / "b" / "other", "twin")
    out = tmp_path / "out"
    done = run_reviewdesk("export", one, other, "--to", "hugo", "-o", out)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines == [
        f"{one}: its slug 'twin' is also the slug of {other}: neither is written (both would be "
        f"{out / 'twin'}/); give one of them another slug",
        f"{other}: its slug 'twin' is also the slug of {one}: neither is written (both would be "
        f"{out / 'twin'}/); give one of them another slug",
    ]
    assert done.stdout == f"0 exported, 2 failed (into {out})\n"
    assert not out.exists()


def test_paths_that_lead_to_no_review_are_failures(tmp_path: Path) -> None:
    reviews = library(tmp_path / "reviews", 1)
    done = run_reviewdesk(
        "export", reviews, tmp_path / "missing", "--to", "json", "-o", tmp_path / "out"
    )
    assert done.returncode == 1
    assert done.stderr == f"{tmp_path / 'missing'}: no such bundle or folder\n"
    assert done.stdout == f"1 exported, 1 failed (into {tmp_path / 'out'})\n"
    assert os.listdir(tmp_path / "out") == ["review-000.json"]


def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path) -> None:
    reviews = library(tmp_path / "reviews", 2)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    cases = {
        (): "several reviews are exported into a folder: give -o FOLDER",
        ("-o", "-"): "several reviews are exported into a folder: give -o FOLDER",
        ("-o", str(tmp_path / "file")): f"-o {tmp_path / 'file'}: is a file; several reviews "
        "are exported into a folder",
        ("-o", str(tmp_path / "out"), "-j", "0"): "-j 0: give 1 or more processes",
        # Said once, not a "Not a directory" for each review.
        ("-o", str(tmp_path / "file" / "pages")): f"-o {tmp_path / 'file' / 'pages'}: "
        f"{tmp_path / 'file'} is a file; several reviews are exported into a folder",
    }
    for extra, message in cases.items():
        done = run_reviewdesk("export", reviews, "--to", "html", *extra, cwd=tmp_path)
        assert (done.returncode, done.stderr) == (2, f"reviewdesk export: {message}\n"), extra
    assert sorted(os.listdir(tmp_path)) == ["file", "reviews"]


def test_one_bundle_given_alone_is_the_one_bundle_export(tmp_path: Path) -> None:
    folder = review_bundle(tmp_path / "r", "alone")
    done = run_reviewdesk("export", folder, "--to", "html", "-o", tmp_path / "page.html")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"Wrote {tmp_path / 'page.html'} and 2 image(s)\n"
    # A folder holding no bundle says what the one-bundle export always said.
    (tmp_path / "empty").mkdir()
    done = run_reviewdesk("export", tmp_path / "empty", "--to", "html", "-o", tmp_path / "x/")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == f"{tmp_path / 'empty' / 'review.yaml'}: is missing"


def test_a_terminal_gets_a_progress_bar_and_the_same_summary(tmp_path: Path) -> None:
    reviews = library(tmp_path / "reviews", 3)
    out = tmp_path / "out"
    main, terminal = pty.openpty()
    # A terminal of 100 columns (a new pseudo-terminal has none: a bar of no width).
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    shown: list[str] = []
    reader = threading.Thread(target=lambda: shown.append(_read_all(main)))
    reader.start()
    try:
        done = subprocess.run(
            export_command(reviews, out),
            stderr=terminal,
            stdout=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(terminal)
        reader.join(timeout=10)
        os.close(main)
    assert done.returncode == 0
    assert done.stdout == f"3 exported, 0 failed (into {out})\n"
    (bar,) = shown
    assert "\r" in bar and "0/3 " in bar and "review/s" in bar, bar


def test_ctrl_c_finishes_the_review_under_way_and_starts_no_other(tmp_path: Path) -> None:
    reviews = library(tmp_path / "reviews", 40)
    out = tmp_path / "out"
    process = subprocess.Popen(
        export_command(reviews, out),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not (out.is_dir() and any(out.glob("*.html"))) and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Cancelling: finishing the reviews under way..." in stderr
    exported = len(list(out.glob("*.html")))
    assert 1 <= exported < 40
    assert (
        stdout
        == f"Cancelled: {exported} exported, 0 failed, {40 - exported} not exported (into {out})\n"
    )
    complete = run_reviewdesk("export", reviews, "--to", "html", "-o", tmp_path / "complete")
    assert complete.returncode == 0
    whole = files_under(tmp_path / "complete")
    written = files_under(out)
    assert written == {name: whole[name] for name in written}  # none cut short, no stray
    assert len(written) == exported * 3  # each page with its hero and chart


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal's other end is closed: all was read
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")
