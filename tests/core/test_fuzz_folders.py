"""Fuzzing whole bundle folders as a hostile co-author could hand them over: links into and out
of the review, FIFOs, devices, /proc, `..` and percent-encoded image paths, hostile YAML,
forged commit journals, hostile siblings, and export destinations holding links out.

Every command of the command line runs on each (in this process, so an exception that
escapes is a traceback), and: it ends (no FIFO or /dev/zero holds it), nothing is written
outside the `-o` folder, and nothing outside the bundle is read: a marker planted there, and
in this process's environment for /proc/self/environ, never shows in any output or file."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk import cli
from reviewdesk.core import exports, library

MARKER = "MARKER-0f5e-outside-the-review"
# A 1 x 1 PNG: a real image for the paths that are fine.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
ESCAPE = "escape-0f5e-climbed-out.png"  # where a climbing image path would land, in /tmp

FUZZ = settings(
    max_examples=100,
    deadline=None,  # a hang is caught by the alarm below, with the example that caused it
    suppress_health_check=[HealthCheck.too_slow],
)

SOURCES = (
    "assets/hero.png",
    "assets/deep/../../inner.png",
    f"assets/deep/../../../../../../../../../../tmp/{ESCAPE}",
    "assets/%2e%2e/%2e%2e/secret.png",
    "assets/out.png",
    "assets/fifo.png",
    "assets/zero.png",
    "assets/environ.png",
    "assets/folder.png",
    "../secret.png",
    "/etc/hostname",
    "assets/missing.png",
)
YAML_EXTRAS = (
    "",
    "published: 2026-02-30\n",
    "updated: 2026-04-11T25:00:00+02:00\n",
    "published: 0000-01-01\n",
    "extra: {when: 2026-13-01}\n",
    "rating: {value: .inf}\n",
    "rating: {value: .nan}\n",
    "published: 0001-01-01T00:00:00+14:00\n",
    "updated: 9999-12-31T23:59:59-12:00\n",
    "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    "tags: [Alpha, alpha]\n",
    "title: Again\n",
)
FILE_KINDS = (
    "file",
    "link out",
    "link in",
    "fifo",
    "dev zero",
    "proc environ",
    "missing",
    "folder",
)
ASSETS_KINDS = ("folder", "link out", "file", "missing")
JOURNALS = (
    None,
    '[["review.yaml", "body.md"]]',
    '{"format": "reviewdesk-commit/2", "entries": [{"target": "body.md", "temp": '
    '"../secret.png", "backup": null, "before": null, "after": {"size": 1, "sha256": '
    '"' + "0" * 64 + '"}}]}',
    "[" * 10_000,
)
OUT_KINDS = ("fresh", "links out", "file in the way", "special files")
SIBLINGS = ("none", "impossible date", "fifo", "link out")

# Hero paths the model takes (it refuses `..` and absolute paths itself, before any export).
HEROES = tuple(src for src in SOURCES if ".." not in src and not src.startswith("/"))
parts = {
    "hero": st.none() | st.sampled_from(HEROES),
    "images": st.lists(st.sampled_from(SOURCES), max_size=4),
    "journal": st.sampled_from(JOURNALS),
    "out": st.sampled_from(OUT_KINDS),
    "sibling": st.sampled_from(SIBLINGS),
}
# A review that loads: the exports meet the hostile images, journals and destinations.
loading = st.fixed_dictionaries(
    {
        "review": st.just("file"),
        "body": st.sampled_from(["file", "link in"]),
        "assets": st.sampled_from(ASSETS_KINDS),
        "yaml_extra": st.sampled_from(["", *YAML_EXTRAS[7:9]]),
        **parts,
    }
)
# Hostile files and values in the review's own place.
hostile = st.fixed_dictionaries(
    {
        "review": st.sampled_from(FILE_KINDS),
        "body": st.sampled_from(FILE_KINDS),
        "assets": st.sampled_from(ASSETS_KINDS),
        "yaml_extra": st.sampled_from(YAML_EXTRAS),
        **parts,
    }
)


def build(world: Path, plan: dict[str, Any]) -> tuple[Path, Path]:
    """The hostile bundle `world/reviews/fuzzed` and the export folder `world/out`."""
    (world / "secret.png").write_text(MARKER, encoding="utf-8")
    (world / "elsewhere").mkdir()
    (world / "elsewhere" / "hero.png").write_text(MARKER, encoding="utf-8")
    folder = world / "reviews" / "fuzzed"
    (folder / "inner" / "a" / "b" / "c").mkdir(parents=True)
    (folder / "inner.png").write_bytes(PNG)
    hero = f"hero: {{image: '{plan['hero']}', alt: A hero}}\n" if plan["hero"] else ""
    review = f"format: reviewdesk/1\ntitle: Fuzzed\n{hero}{plan['yaml_extra']}"
    images = "".join(f'![An image]({src})\n\n<img src="{src}" alt="">\n' for src in plan["images"])
    _place(folder, "review.yaml", plan["review"], review)
    _place(folder, "body.md", plan["body"], f"Body text.\n\n{images}")
    _assets(folder, plan["assets"], world)
    if plan["journal"] is not None:
        (folder / ".reviewdesk-commit.json").write_text(plan["journal"], encoding="utf-8")
    _sibling(world / "reviews" / "other", plan["sibling"], world)
    out = world / "out"
    out.mkdir()
    if plan["out"] == "links out":
        for name in ("fuzzed_files", "assets", "_posts", "fuzzed", "imported"):
            (out / name).symlink_to(world / "elsewhere")
    elif plan["out"] == "file in the way":
        for name in ("fuzzed_files", "assets", "_posts", "fuzzed"):
            (out / name).write_text("in the way", encoding="utf-8")
    elif plan["out"] == "special files":
        _special_targets(out)
    return folder, out


def _special_targets(out: Path) -> None:
    """What the commands write, each a FIFO, a device (as root: mknod needs it), a socket,
    or a link to one (stdout through /proc), which must stay as they are."""
    names = [*(f"fuzzed{form.suffix}" for form in exports.FORMATS.values()), "embedded.html"]
    names += ["site", "imported", "fuzzed_files"]
    for n, name in enumerate(dict.fromkeys(names)):
        path = out / name
        kind = n % 4
        if kind == 0:
            os.mkfifo(path)
        elif kind == 1 and os.geteuid() == 0:
            os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # a null device of our own
        elif kind == 1:
            path.symlink_to("/proc/self/fd/1")
        elif kind == 2:
            os.mkfifo(out / f".{name}.fifo")
            path.symlink_to(f".{name}.fifo")
        else:
            with socket.socket(socket.AF_UNIX) as sock:
                sock.bind(str(path))


def specials(out: Path) -> dict[str, tuple[int, int]]:
    """The special files and links under `out`: their kind and inode."""
    return {
        str(path): (info.st_mode, info.st_ino)
        for path in out.rglob("*")
        if not stat.S_ISREG((info := path.lstat()).st_mode) and not stat.S_ISDIR(info.st_mode)
    }


def _place(folder: Path, name: str, kind: str, text: str) -> None:
    path = folder / name
    if kind == "file":
        path.write_text(text, encoding="utf-8")
    elif kind == "link out":
        path.symlink_to(folder.parent.parent / "secret.png")
    elif kind == "link in":
        (folder / "inner" / name).write_text(text, encoding="utf-8")
        path.symlink_to(Path("inner") / name)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev zero":
        path.symlink_to("/dev/zero")
    elif kind == "proc environ":
        path.symlink_to("/proc/self/environ")
    elif kind == "folder":
        path.mkdir()


def _assets(folder: Path, kind: str, world: Path) -> None:
    assets = folder / "assets"
    if kind == "link out":
        assets.symlink_to(world / "elsewhere")
        return
    if kind == "file":
        assets.write_text("not a folder", encoding="utf-8")
        return
    if kind == "missing":
        return
    assets.mkdir()
    (assets / "hero.png").write_bytes(PNG)
    (assets / "deep").symlink_to(Path("..") / "inner" / "a" / "b" / "c")
    (assets / "out.png").symlink_to(world / "secret.png")
    os.mkfifo(assets / "fifo.png")
    (assets / "zero.png").symlink_to("/dev/zero")
    (assets / "environ.png").symlink_to("/proc/self/environ")
    (assets / "folder.png").mkdir()


def _sibling(folder: Path, kind: str, world: Path) -> None:
    if kind == "none":
        return
    folder.mkdir()
    (folder / "body.md").write_text("Other.\n", encoding="utf-8")
    if kind == "impossible date":
        text = "format: reviewdesk/1\ntitle: Other\ntags: [Shared]\npublished: 2026-02-30\n"
        (folder / "review.yaml").write_text(text, encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(folder / "review.yaml")
    else:
        (folder / "review.yaml").symlink_to(world / "secret.png")


def commands(folder: Path, out: Path) -> Iterator[list[str]]:
    yield ["validate", str(folder)]
    yield ["check", str(folder)]
    for name, form in exports.FORMATS.items():
        target = out / ("site" if form.into_folder else f"fuzzed{form.suffix}")
        yield ["export", str(folder), "--to", name, "-o", str(target)]
    yield ["export", str(folder), "--to", "html", "--embed", "-o", str(out / "embedded.html")]
    yield ["import", str(out / "fuzzed.md"), "-o", str(out / "imported")]


def run(args: list[str]) -> tuple[int, str]:
    """`reviewdesk ARGS` in this process: its exit code and everything it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = cli.main(args)
    return code, printed.getvalue()


def tree(root: Path, skip: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under `root` but `skip`, by its link status: nothing is opened."""
    found = {}
    for path in root.rglob("*"):
        if path == skip or skip in path.parents:
            continue
        info = path.lstat()
        found[str(path)] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return found


def written(out: Path) -> Iterator[bytes]:
    """The bytes of every regular file written under `out` (links are not followed)."""
    for path in out.rglob("*"):
        if stat.S_ISREG(path.lstat().st_mode):
            yield path.read_bytes()


@contextlib.contextmanager
def alarm(seconds: int) -> Iterator[None]:
    """A hang (a FIFO opened for reading, /dev/zero read to the end) becomes an error."""

    def ring(_signal: int, _frame: object) -> None:
        raise TimeoutError(f"a command ran over {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@FUZZ
@given(plan=loading | hostile)
def test_no_command_reads_outside_the_bundle_writes_outside_o_or_fails_with_a_traceback(
    plan: dict[str, Any],
) -> None:
    world = Path(tempfile.mkdtemp())
    os.environ["REVIEWDESK_FUZZ_MARKER"] = MARKER  # what /proc/self/environ would give away
    try:
        folder, out = build(world, plan)
        before = tree(world, out)
        special = specials(out) if plan["out"] == "special files" else {}
        with alarm(30):
            for args in commands(folder, out):
                code, printed = run(args)
                assert code in (0, 1), (args, printed)
                assert MARKER not in printed, (args, printed)
                assert "Traceback" not in printed, (args, printed)
            tags = library.sibling_tags(folder)
        assert MARKER not in str(tags)
        assert tree(world, out) == before  # nothing outside -o changed, the bundle included
        assert {path: specials(out).get(path) for path in special} == special
        assert not (Path(tempfile.gettempdir()) / ESCAPE).exists()
        for data in written(out):
            assert MARKER.encode() not in data
    finally:
        del os.environ["REVIEWDESK_FUZZ_MARKER"]
        with contextlib.suppress(FileNotFoundError):
            (Path(tempfile.gettempdir()) / ESCAPE).unlink()
        shutil.rmtree(world)
