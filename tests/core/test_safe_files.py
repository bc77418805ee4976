"""The one way the core reads a file of a review: real links, FIFOs, devices, sockets, /proc."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import stat
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from reviewdesk.core.safe_files import (
    UnsafeFile,
    folder_inside,
    read_inside,
    read_regular,
    regular_file_inside,
)

MiB = 1 << 20


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of blocking for ever (opening a FIFO without a writer blocks in the kernel;
    the alarm's handler raises out of the wait)."""

    def expired(_signal: int, _frame: FrameType | None) -> None:
        raise TimeoutError(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def review(tmp_path: Path) -> Path:
    folder = tmp_path / "review"
    folder.mkdir()
    (folder / "body.md").write_text("Words.\n")
    return folder


def refusal(root: Path, path: Path, limit: int = MiB) -> str:
    with deadline(5), pytest.raises(UnsafeFile) as refused:
        read_inside(root, path, limit)
    return refused.value.message


def test_a_regular_file_inside_is_read(review: Path) -> None:
    assert read_inside(review, review / "body.md", MiB) == b"Words.\n"
    (review / "link.md").symlink_to("body.md")  # a link that stays inside is fine
    assert read_inside(review, review / "link.md", MiB) == b"Words.\n"


def test_a_link_out_of_the_review_is_never_read(review: Path, tmp_path: Path) -> None:
    (tmp_path / "secret").write_text("SECRET")
    (review / "body.md").unlink()
    (review / "body.md").symlink_to(tmp_path / "secret")
    assert refusal(review, review / "body.md") == "is a link to a file outside the review"
    (review / "environ").symlink_to("/proc/self/environ")
    assert refusal(review, review / "environ") == "is a link to a file outside the review"
    assert refusal(review, review / ".." / "secret") == "is outside the review"


def test_a_link_out_through_a_linked_folder_is_seen(review: Path, tmp_path: Path) -> None:
    (tmp_path / "secret").write_text("SECRET")
    (review / "assets").symlink_to(tmp_path)
    assert refusal(review, review / "assets" / "secret") == "is a link to a file outside the review"


def test_a_fifo_never_blocks(review: Path) -> None:
    os.mkfifo(review / "pipe")
    assert refusal(review, review / "pipe") == "is a FIFO, not a file"
    (review / "link").symlink_to("pipe")
    assert refusal(review, review / "link") == "is a FIFO, not a file"


def test_a_device_inside_the_review_is_not_opened(review: Path) -> None:
    try:  # a /dev/zero of the review's own: only root may make one
        os.mknod(review / "zero", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("making a device node needs root")
    assert refusal(review, review / "zero") == "is a device, not a file"
    with deadline(5), pytest.raises(UnsafeFile, match="is a device, not a file"):
        read_regular(Path("/dev/zero"), MiB)


def test_a_socket_and_a_folder_are_not_files(review: Path) -> None:
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(review / "socket"))
        assert refusal(review, review / "socket") == "is a socket, not a file"
    (review / "folder").mkdir()
    assert refusal(review, review / "folder") == "is a folder, not a file"


def test_a_file_over_the_limit_is_refused_before_it_is_read(review: Path) -> None:
    big = review / "big.md"
    with big.open("wb") as file:
        file.truncate(7 * MiB + MiB // 5)  # sparse: costs nothing to make
    assert refusal(review, big, 5 * MiB) == "is 7.2 MiB; the limit is 5 MiB"
    assert read_inside(review, big, 8 * MiB) == b"\0" * (7 * MiB + MiB // 5)


def test_a_file_that_says_it_is_empty_is_still_read_no_further_than_the_limit() -> None:
    """Files of /proc say they hold 0 bytes; the limit counts what comes, not what is said."""
    environ = Path("/proc/self/environ")
    assert environ.stat().st_size == 0
    assert len(os.environ) > 0
    with pytest.raises(UnsafeFile) as refused:
        read_inside(Path("/proc/self"), environ, 4)
    assert refused.value.message == "is over the limit of 4 bytes"


def test_missing_and_unreadable_files_raise_as_usual(review: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_inside(review, review / "review.yaml", MiB)
    (review / "dangling").symlink_to("nowhere")
    with pytest.raises(FileNotFoundError):
        read_inside(review, review / "dangling", MiB)
    (review / "loop").symlink_to("loop")
    with pytest.raises(OSError):  # noqa: PT011 (the kernel's ELOOP, as any OSError)
        read_inside(review, review / "loop", MiB)


def test_the_resolved_path_is_given_for_those_who_only_need_it(review: Path) -> None:
    (review / "assets").mkdir()
    (review / "assets" / "x.png").write_bytes(b"png")
    (review / "alias.png").symlink_to("assets/x.png")
    assert regular_file_inside(review, review / "alias.png") == (review / "assets/x.png").resolve()


def test_a_folder_inside_is_told_from_a_file_or_a_link_out(review: Path, tmp_path: Path) -> None:
    (review / "assets").write_text("not a folder")
    with pytest.raises(UnsafeFile, match=r"^is a file, not a folder$"):
        folder_inside(review, review / "assets")
    (review / "assets").unlink()
    (review / "assets").symlink_to(tmp_path)
    with pytest.raises(UnsafeFile, match=r"^is a link to a folder outside the review$"):
        folder_inside(review, review / "assets")
