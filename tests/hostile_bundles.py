"""Hostile review bundles, as a co-author who means harm (or an unlucky writer) could hand over:
links out of the bundle, FIFOs, devices, sockets, /proc and /dev/zero as review.yaml, body.md,
the hero and body images; `..` and percent-encoded `..` in image paths; a linked or misplaced
`assets/`; hostile siblings; a destination whose folders are links out.

Every file outside the bundles holds SECRET, as does the environment the tests run the
command line in (`SECRET_VARIABLE`): SECRET in anything a command prints or writes means it
read what it must not. `python -m tests.hostile_bundles FOLDER` builds them all, to try by hand.
"""

from __future__ import annotations

import os
import socket
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from bench.images import write_png

SECRET = "HOSTILE-BUNDLE-SECRET-6f1d93"
SECRET_VARIABLE = "REVIEWDESK_TEST_SECRET"
OUTSIDE = "outside"  # the folder of files the bundles must never read, beside them
GOOD_YAML = "format: reviewdesk/1\ntitle: A review\nslug: a-review\n"
GOOD_BODY = "Some words.\n"


def outside(folder: Path) -> Path:
    """The private files beside the bundles, each holding SECRET; made once."""
    private = folder / OUTSIDE
    if not private.exists():
        (private / "images").mkdir(parents=True)
        (private / "private.yaml").write_text(f"format: reviewdesk/1\ntitle: {SECRET}\n")
        (private / "private.md").write_text(f"{SECRET}\n")
        for image in (private / "private.png", private / "images" / "chart.png"):
            write_png(image, 4, 4)
            with image.open("ab") as file:
                file.write(SECRET.encode())
        (private / "drop").mkdir()  # where a destination's links lead
    return private


def _bundle(folder: Path, name: str, yaml: str = GOOD_YAML, body: str = GOOD_BODY) -> Path:
    bundle = folder / name
    (bundle / "assets").mkdir(parents=True)
    (bundle / "review.yaml").write_text(yaml)
    (bundle / "body.md").write_text(body)
    return bundle


def _replace(path: Path, make: Callable[[Path], None]) -> None:
    path.unlink()
    make(path)


def _link_to(target: Path | str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))  # the socket's file stays when it is closed


def _device(path: Path) -> None:
    """A /dev/zero of the bundle's own (only root may make one; a FIFO otherwise)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except PermissionError:
        os.mkfifo(path)


def _with(folder: Path, name: str, file: str, make: Callable[[Path], None]) -> Path:
    """A sound bundle `name` whose `file` is then made by `make` instead."""
    bundle = _bundle(folder, name)
    _replace(bundle / file, make)
    return bundle


def review_yaml_links_out(folder: Path) -> Path:
    private = _link_to(outside(folder) / "private.yaml")
    return _with(folder, "review-yaml-links-out", "review.yaml", private)


def review_yaml_is_proc_environ(folder: Path) -> Path:
    environ = _link_to("/proc/self/environ")
    return _with(folder, "review-yaml-is-proc-environ", "review.yaml", environ)


def review_yaml_is_a_fifo(folder: Path) -> Path:
    return _with(folder, "review-yaml-is-a-fifo", "review.yaml", _fifo)


def review_yaml_is_dev_zero(folder: Path) -> Path:
    return _with(folder, "review-yaml-is-dev-zero", "review.yaml", _link_to("/dev/zero"))


def review_yaml_is_a_folder(folder: Path) -> Path:
    return _with(folder, "review-yaml-is-a-folder", "review.yaml", Path.mkdir)


def body_links_out(folder: Path) -> Path:
    return _with(folder, "body-links-out", "body.md", _link_to(outside(folder) / "private.md"))


def body_is_proc_environ(folder: Path) -> Path:
    return _with(folder, "body-is-proc-environ", "body.md", _link_to("/proc/self/environ"))


def body_is_a_fifo(folder: Path) -> Path:
    return _with(folder, "body-is-a-fifo", "body.md", _fifo)


def body_is_dev_zero(folder: Path) -> Path:
    return _with(folder, "body-is-dev-zero", "body.md", _link_to("/dev/zero"))


def body_is_a_device(folder: Path) -> Path:
    return _with(folder, "body-is-a-device", "body.md", _device)


def images_lead_out(folder: Path) -> Path:
    """The hero and body images out of the bundle by every road: links to private files and
    /proc, `..` plain and percent-encoded, and a link inside the bundle climbed back out of."""
    private = outside(folder)
    body = "\n\n".join(
        f"![{alt}]({src})"
        for alt, src in [
            ("link", "assets/private.png"),
            ("environ", "assets/environ.png"),
            ("up", f"../{OUTSIDE}/private.png"),
            ("encoded up", f"%2e%2e/{OUTSIDE}/private.png"),
            ("encoded slash", f"assets%2F..%2F..%2F{OUTSIDE}%2Fprivate.png"),
            ("climb", "assets/deep/../../../../escaped.png"),
            ("encoded climb", "assets/deep/%2e%2e/%2e%2e/%2e%2e/%2e%2e/escaped.png"),
            ("absolute", "%2Fetc%2Fhostname"),
            ("backslash", "assets\\..\\..\\outside\\private.png"),
        ]
    )
    yaml = GOOD_YAML + "hero: {image: assets/hero.png, alt: A hero}\n"
    bundle = _bundle(folder, "images-lead-out", yaml, body + '\n\n<img src="assets/html.png">\n')
    assets = bundle / "assets"
    (assets / "hero.png").symlink_to(private / "private.png")
    (assets / "private.png").symlink_to(private / "private.png")
    (assets / "html.png").symlink_to(private / "private.png")
    (assets / "environ.png").symlink_to("/proc/self/environ")
    real = assets / "a" / "b" / "c" / "d" / "e" / "f" / "g" / "h"
    real.mkdir(parents=True)
    (assets / "deep").symlink_to(real.relative_to(assets))
    write_png(assets / "a" / "b" / "c" / "d" / "escaped.png", 4, 4)
    return bundle


def images_are_special_files(folder: Path) -> Path:
    """The hero a FIFO; body images a FIFO, /dev/zero, a device of the bundle's own, a socket,
    a folder, a link to a FIFO."""
    yaml = GOOD_YAML + "hero: {image: assets/hero.png, alt: A hero}\n"
    names = ["fifo", "zero", "device", "socket", "folder", "fifo-link"]
    body = "\n\n".join(f"![{name}](assets/{name}.png)" for name in names)
    bundle = _bundle(folder, "images-are-special-files", yaml, body + "\n")
    assets = bundle / "assets"
    _fifo(assets / "hero.png")
    _fifo(assets / "fifo.png")
    (assets / "zero.png").symlink_to("/dev/zero")
    _device(assets / "device.png")
    _socket(assets / "socket.png")
    (assets / "folder.png").mkdir()
    (assets / "fifo-link.png").symlink_to("fifo.png")
    return bundle


def assets_links_out(folder: Path) -> Path:
    """`assets/` itself a link to a private folder: its images are someone else's files."""
    yaml = GOOD_YAML + "hero: {image: assets/chart.png, alt: A chart}\n"
    bundle = _bundle(folder, "assets-links-out", yaml, "![chart](assets/chart.png)\n")
    (bundle / "assets").rmdir()
    (bundle / "assets").symlink_to(outside(folder) / "images")
    return bundle


def assets_is_a_file(folder: Path) -> Path:
    bundle = _bundle(folder, "assets-is-a-file", body="![chart](assets/chart.png)\n")
    (bundle / "assets").rmdir()
    (bundle / "assets").write_text("not a folder\n")
    return bundle


def hostile_siblings(folder: Path) -> Path:
    """A sound review among siblings whose files are FIFOs, links out and /dev/zero (the app
    reads siblings for tag completion)."""
    shelf = folder / "shelf"
    shelf.mkdir()
    good = _bundle(shelf, "good", GOOD_YAML + "tags: [Mine]\n")
    for name, file, make in [
        ("fifo-yaml", "review.yaml", _fifo),
        ("fifo-body", "body.md", _fifo),
        ("zero-yaml", "review.yaml", _link_to("/dev/zero")),
        ("secret-yaml", "review.yaml", _link_to(outside(folder) / "private.yaml")),
        ("environ-body", "body.md", _link_to("/proc/self/environ")),
    ]:
        sibling = _bundle(shelf, name, GOOD_YAML + "tags: [Theirs]\n")
        _replace(sibling / file, make)
    (shelf / "linked-sibling").symlink_to(outside(folder))
    return good


BUILDERS: dict[str, Callable[[Path], Path]] = {
    builder.__name__: builder
    for builder in (
        review_yaml_links_out,
        review_yaml_is_proc_environ,
        review_yaml_is_a_fifo,
        review_yaml_is_dev_zero,
        review_yaml_is_a_folder,
        body_links_out,
        body_is_proc_environ,
        body_is_a_fifo,
        body_is_dev_zero,
        body_is_a_device,
        images_lead_out,
        images_are_special_files,
        assets_links_out,
        assets_is_a_file,
        hostile_siblings,
    )
}


def destination_with_links_out(folder: Path) -> Path:
    """A folder to export into whose every image folder (html's `page_files/`, markdown's
    `assets/`, hugo's `a-review/`, jekyll's `assets/` and `_posts/`) is a link to a private
    folder: nothing may land there."""
    drop = outside(folder) / "drop"
    destination = folder / "destination"
    destination.mkdir()
    for name in ("page_files", "assets", "a-review", "_posts"):
        (destination / name).symlink_to(drop)
    return destination


def build_all(folder: Path) -> dict[str, Path]:
    """Every hostile bundle, built in `folder`, by name."""
    return {name: build(folder) for name, build in BUILDERS.items()}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-bundles")
    target.mkdir(parents=True, exist_ok=True)
    for name, path in build_all(target).items():
        print(f"{name}: {path}")
    print(f"destination_with_links_out: {destination_with_links_out(target)}")
