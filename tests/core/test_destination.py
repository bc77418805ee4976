"""Writing into a destination and nowhere else, all or none: real links, a real full disk,
a real read-only file system."""

from __future__ import annotations

import errno
import os
import socket
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewdesk.core.destination import Destination, WriteError, fresh_folder
from tests.conftest import FREE_ON_FULL_DISK, snapshot


def tree(folder: Path) -> list[str]:
    """Every entry under `folder`, links as links."""
    return sorted(
        str(Path(base, name).relative_to(folder))
        for base, folders, files in os.walk(folder)
        for name in folders + files
    )


def write_all(root: Path, files: dict[Path, bytes]) -> None:
    with Destination(root) as out:
        for path, data in files.items():
            out.write(path, data)


def test_files_and_their_folders_are_written(tmp_path: Path) -> None:
    root = tmp_path / "new" / "site"
    with Destination(root) as out:
        out.write(root / "page.html", b"page")
        out.write(root / "page_files" / "assets" / "a.png", b"png")
    assert (root / "page.html").read_bytes() == b"page"
    assert (root / "page_files" / "assets" / "a.png").read_bytes() == b"png"
    assert tree(tmp_path) == [
        "new",
        "new/site",
        "new/site/page.html",
        "new/site/page_files",
        "new/site/page_files/assets",
        "new/site/page_files/assets/a.png",
    ]


def test_a_path_outside_the_root_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError) as refused:
        write_all(tmp_path / "out", {tmp_path / "out" / ".." / "escaped.png": b"x"})
    assert refused.value.filename == str(tmp_path / "escaped.png")
    assert refused.value.strerror == f"is outside the destination {tmp_path / 'out'}"
    assert tree(tmp_path) == []


def test_a_link_in_the_destination_leading_out_is_never_followed(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    root = tmp_path / "out"
    root.mkdir()
    (root / "page_files").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(WriteError) as refused:
        write_all(root, {root / "page_files" / "a.png": b"x", root / "page.html": b"page"})
    assert refused.value.strerror == (
        f"could not be written: {root / 'page_files'} is a link to a folder outside {root}"
    )
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert tree(root) == ["page_files"]


def test_a_link_that_stays_inside_is_followed(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "static" / "images").mkdir(parents=True)
    (root / "images").symlink_to("static/images")
    with Destination(root) as out:
        out.write(root / "images" / "deep" / "a.png", b"png")
    assert (root / "static" / "images" / "deep" / "a.png").read_bytes() == b"png"


def test_a_link_where_a_file_goes_is_replaced_not_written_through(tmp_path: Path) -> None:
    (tmp_path / "victim").write_bytes(b"keep me")
    root = tmp_path / "out"
    root.mkdir()
    (root / "page.html").symlink_to(tmp_path / "victim")
    with Destination(root) as out:
        out.write(root / "page.html", b"page")
    assert (tmp_path / "victim").read_bytes() == b"keep me"
    assert not (root / "page.html").is_symlink()
    assert (root / "page.html").read_bytes() == b"page"


def test_a_folder_or_a_file_in_the_way_is_named(tmp_path: Path) -> None:
    (tmp_path / "page.html").mkdir()
    with pytest.raises(WriteError) as refused:
        write_all(tmp_path, {tmp_path / "page.html": b"page"})
    assert (refused.value.errno, refused.value.strerror) == (
        errno.EISDIR,
        "is a folder, not a file",
    )
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(WriteError) as refused:
        write_all(tmp_path / "file" / "out", {tmp_path / "file" / "out" / "page.html": b"page"})
    assert refused.value.filename == str(tmp_path / "file" / "out" / "page.html")
    assert refused.value.strerror == "could not be written: Not a directory"


def test_a_full_disk_leaves_nothing_half_made(full_disk: Path) -> None:
    root = full_disk / "out"
    with pytest.raises(WriteError) as refused:
        write_all(
            root,
            {
                root / "page_files" / "assets" / "small.png": b"s" * 1000,
                root / "page_files" / "assets" / "large.png": b"L" * 2 * FREE_ON_FULL_DISK,
                root / "page.html": b"page",
            },
        )
    assert refused.value.filename == str(root / "page_files" / "assets" / "large.png")
    assert refused.value.strerror == "could not be written: No space left on device"
    assert tree(full_disk) == []  # no 0-byte image, no temporary file, no empty folder


def test_a_read_only_file_system_is_named(read_only_folder: Path) -> None:
    with pytest.raises(WriteError) as refused:
        write_all(read_only_folder / "out", {read_only_folder / "out" / "page.html": b"page"})
    assert refused.value.strerror == "could not be written: Read-only file system"
    assert refused.value.filename == str(read_only_folder / "out" / "page.html")


def test_files_already_there_stay_as_they_were_when_a_later_one_fails(full_disk: Path) -> None:
    (full_disk / "page.html").write_bytes(b"old page")
    before = snapshot(full_disk)
    with pytest.raises(WriteError):
        write_all(
            full_disk,
            {
                full_disk / "page.html": b"new page",
                full_disk / "big.png": b"L" * 2 * FREE_ON_FULL_DISK,
            },
        )
    assert snapshot(full_disk) == before


def fails_in(folder: Path, make: Callable[[], object]) -> None:
    """`make` things, then fail, in a fresh_folder block for `folder`."""
    with fresh_folder(folder):
        make()
        raise RuntimeError


def test_a_fresh_folder_that_fails_is_taken_back(tmp_path: Path) -> None:
    made = tmp_path / "a" / "b" / "bundle"

    def half_a_bundle() -> None:
        made.mkdir(parents=True)
        (made / "review.yaml").write_text("half")

    with pytest.raises(RuntimeError):
        fails_in(made, half_a_bundle)
    assert tree(tmp_path) == []
    (tmp_path / "empty").mkdir()
    with pytest.raises(RuntimeError):
        fails_in(tmp_path / "empty", (tmp_path / "empty" / "assets").mkdir)
    assert tree(tmp_path) == ["empty"]


def test_a_fresh_folder_never_removes_what_was_there(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep")
    with pytest.raises(RuntimeError):
        fails_in(tmp_path / "mine", lambda: (tmp_path / "mine" / "new.txt").write_text("made"))
    assert tree(tmp_path) == ["mine", "mine/notes.txt"]


ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")


def special_files(folder: Path, devices: bool) -> dict[str, str]:
    """Special files made inside `folder` (devices only as root: mknod needs it), by name,
    with the phrase each is refused with."""
    folder.mkdir(exist_ok=True)
    os.mkfifo(folder / "pipe")
    found = {"pipe": "a FIFO", "link": "a link to a FIFO"}
    (folder / "link").symlink_to("pipe")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock"))
    sock.close()
    found["sock"] = "a socket"
    if devices:
        # The null device, made here: never a device of the machine itself.
        os.mknod(folder / "null", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        os.mknod(folder / "block", 0o600 | stat.S_IFBLK, os.makedev(7, 255))
        found |= {"null": "a device", "block": "a device", "dev-link": "a link to a device"}
        (folder / "dev-link").symlink_to("null")
    return found


@pytest.mark.parametrize("devices", [False, pytest.param(True, marks=ROOT_ONLY)])
def test_a_special_file_where_a_file_or_the_root_goes_is_refused(
    tmp_path: Path, devices: bool
) -> None:
    found = special_files(tmp_path / "sp", devices)
    before = {path.name: path.lstat() for path in (tmp_path / "sp").iterdir()}
    for name, kind in found.items():
        target = tmp_path / "sp" / name
        with pytest.raises(WriteError) as refused:
            write_all(tmp_path, {tmp_path / "a.png": b"png", target: b"page"})
        assert (refused.value.filename, refused.value.strerror) == (
            str(target),
            f"is {kind}, not a file",
        )
        with pytest.raises(WriteError) as refused:  # as the folder to write into
            write_all(target, {target / "page.html": b"page"})
        assert (refused.value.filename, refused.value.strerror) == (
            str(target),
            f"is {kind.removeprefix('a link to ')}, not a folder",
        )
    after = {path.name: path.lstat() for path in (tmp_path / "sp").iterdir()}
    assert {name: (s.st_mode, s.st_ino, s.st_rdev) for name, s in after.items()} == {
        name: (s.st_mode, s.st_ino, s.st_rdev) for name, s in before.items()
    }
    assert sorted(path.name for path in tmp_path.iterdir()) == ["sp"]  # a.png taken back


def test_a_link_to_a_regular_file_or_to_nothing_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "to-nothing").symlink_to(tmp_path / "nothing")
    write_all(tmp_path, {tmp_path / "to-nothing": b"page"})
    assert (tmp_path / "to-nothing").read_bytes() == b"page"
    assert not (tmp_path / "nothing").exists()


def exports_at_once(root: Path, count: int) -> list[BaseException]:
    """`count` threads writing an image each into root/shared/assets at the same moment; what
    they raised."""
    start = threading.Barrier(count)
    failures: list[BaseException] = []

    def export(n: int) -> None:
        start.wait()
        try:
            write_all(root, {root / "shared" / "assets" / f"image-{n}.png": b"png"})
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=export, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_exports_at_once_into_one_new_folder_all_succeed(tmp_path: Path) -> None:
    """Exports into the same new folders at once (a script exporting reviews in parallel): one
    that found a folder missing and then could not make it, as another just had, failed with
    "File exists"."""
    for round_ in range(40):
        root = tmp_path / f"round-{round_}" / "out"
        assert exports_at_once(root, 6) == []
        assert len(list((root / "shared" / "assets").iterdir())) == 6
