"""Where the exports write: inside the folder they were given, whatever the bundle's image
paths and whatever links wait in the destination; all or none, on a real full disk too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.images import write_png
from reviewdesk.core import bundle, exports
from reviewdesk.core.destination import WriteError
from tests.conftest import FREE_ON_FULL_DISK, MakeBundle, snapshot

# Each format with what -o names: a file, or the folder of a site.
TARGETS = {
    "html": "out/page.html",
    "markdown": "out/md/review.md",
    "hugo": "out",
    "jekyll": "out",
}
# Where each format puts `assets/...` under out/: `deep` four folders down from tmp_path
# (five for markdown, whose `..` would then land in out/: the page alone is written all the same).
DEEP = {
    "html": "out/page_files/assets/deep",
    "markdown": "out/md/review_files/assets/deep",
    "hugo": "out/a-review/assets/deep",
    "jekyll": "out/assets/a-review/deep",
}
# A folder each format writes images into, to plant a link out in.
IMAGE_FOLDER = {
    "html": "out/page_files",
    "markdown": "out/md/review_files",
    "hugo": "out/a-review",
    "jekyll": "out/assets",
}


def export_to(
    folder: Path, to: str, target: Path, *, embed_images: bool = False
) -> tuple[list[Path], str]:
    """Export the bundle `folder` as `to` where the command line would put it; the files
    written and the warnings."""
    review = bundle.load(folder)
    into_folder = exports.FORMATS[to].into_folder
    stem = "" if into_folder else target.stem
    result = exports.export(
        review, folder, to, exports.ExportOptions(embed_images=embed_images), stem=stem
    )
    out = target / result.location if into_folder else target
    root = target if into_folder else target.parent
    return exports.write(result, out, root=root), "\n".join(result.warnings)


def outside(tmp_path: Path, out: str = "out") -> dict[str, tuple[bytes, int]]:
    """Every file under tmp_path but those of the destination."""
    return {name: state for name, state in snapshot(tmp_path).items() if not name.startswith(out)}


def climbing_bundle(make_bundle: MakeBundle, source: str) -> Path:
    """A review whose body image goes through `assets/deep`, a link to a folder eight levels
    down inside the bundle: climbing four levels from there stays inside the bundle, while
    the same text under the destination climbs out of it."""
    folder = make_bundle(body=f"![chart]({source})\n", name="bundle")
    real = folder / "assets" / "a" / "b" / "c" / "d" / "e" / "f" / "g" / "h"
    real.mkdir(parents=True)
    (folder / "assets" / "deep").symlink_to(real.relative_to(folder / "assets"))
    write_png(folder / "assets" / "a" / "b" / "c" / "d" / "escaped.png", 8, 8)
    return folder


@pytest.mark.parametrize("to", TARGETS)
@pytest.mark.parametrize(
    "source",
    ["assets/deep/../../../../escaped.png", "assets/deep/%2e%2e/%2E%2E/%2e%2e/%2e%2e/escaped.png"],
)
def test_an_image_climbing_through_a_link_is_refused_not_copied_out(
    make_bundle: MakeBundle, tmp_path: Path, to: str, source: str
) -> None:
    folder = climbing_bundle(make_bundle, source)
    (tmp_path / DEEP[to]).parent.mkdir(parents=True)  # so that `..` lands in tmp_path
    before = outside(tmp_path)
    written, warnings = export_to(folder, to, tmp_path / TARGETS[to])
    assert outside(tmp_path) == before
    assert not (tmp_path / "escaped.png").exists()
    assert len(written) == 1  # the page alone
    assert f"image {source!r} uses '..'; give the path from the bundle's folder down" in warnings


@pytest.mark.parametrize("to", TARGETS)
def test_a_link_out_in_the_destination_is_refused_and_nothing_is_written(
    make_bundle: MakeBundle, tmp_path: Path, to: str
) -> None:
    folder = make_bundle(body="![chart](assets/chart.png)\n", name="bundle")
    (folder / "assets").mkdir()
    write_png(folder / "assets" / "chart.png", 8, 8)
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / IMAGE_FOLDER[to]
    link.parent.mkdir(parents=True)
    link.symlink_to(tmp_path / "elsewhere")
    before = sorted((tmp_path / "out").rglob("*"))
    with pytest.raises(WriteError) as refused:
        export_to(folder, to, tmp_path / TARGETS[to])
    root = tmp_path / ("out/md" if to == "markdown" else "out")
    assert f"{link} is a link to a folder outside {root}" in str(refused.value.strerror)
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert sorted((tmp_path / "out").rglob("*")) == before  # not even the page


@pytest.mark.parametrize("to", TARGETS)
def test_a_full_disk_leaves_no_half_made_export(
    make_bundle: MakeBundle, full_disk: Path, to: str
) -> None:
    folder = make_bundle(body="![small](assets/small.png)\n\n![large](assets/large.png)\n")
    (folder / "assets").mkdir()
    (folder / "assets" / "small.png").write_bytes(b"s" * 1000)
    (folder / "assets" / "large.png").write_bytes(b"L" * 2 * FREE_ON_FULL_DISK)
    with pytest.raises(WriteError) as refused:
        export_to(folder, to, full_disk / TARGETS[to])
    assert refused.value.strerror == "could not be written: No space left on device"
    assert Path(refused.value.filename).name == "large.png"
    assert list(full_disk.iterdir()) == []  # no 0-byte image, no orphan folder, no temp file


@pytest.mark.parametrize("to", TARGETS)
def test_a_read_only_destination_is_named(
    make_bundle: MakeBundle, read_only_folder: Path, to: str
) -> None:
    with pytest.raises(WriteError) as refused:
        export_to(make_bundle(), to, read_only_folder / TARGETS[to])
    assert refused.value.strerror == "could not be written: Read-only file system"
    assert Path(refused.value.filename).is_relative_to(read_only_folder)


def test_copies_go_at_the_bundle_path_the_source_names(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    """`./assets//a%20b.png` is the file `assets/a b.png`: the copy goes there, where the
    page's link finds it, not at a path spelled like the text."""
    folder = make_bundle(body="![x](./assets//a%20b.png)\n", name="bundle")
    (folder / "assets").mkdir()
    write_png(folder / "assets" / "a b.png", 8, 8)
    written, _ = export_to(folder, "html", tmp_path / "out" / "page.html")
    assert [p.relative_to(tmp_path / "out").as_posix() for p in written] == [
        "page.html",
        "page_files/assets/a b.png",
    ]
    written, _ = export_to(folder, "markdown", tmp_path / "md" / "review.md")
    assert (tmp_path / "md" / "review_files" / "assets" / "a b.png").is_file()


def test_images_too_heavy_to_copy_or_embed_are_left_out_with_a_warning(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    folder = make_bundle(body="![huge](assets/huge.png)\n", name="bundle")
    (folder / "assets").mkdir()
    write_png(folder / "assets" / "huge.png", 8, 8)
    os.truncate(folder / "assets" / "huge.png", 65 << 20)  # sparse: costs nothing to make
    for embed in (False, True):
        written, warnings = export_to(folder, "html", tmp_path / "page.html", embed_images=embed)
        assert written == [tmp_path / "page.html"]
        assert "image 'assets/huge.png' is 65 MiB; the limit is 64 MiB; not exported" in warnings
        assert (tmp_path / "page.html").stat().st_size < 1 << 20


def test_special_files_as_images_are_refused_by_every_export(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: A review\nhero: {image: assets/pipe.png, alt: A}\n",
        "![zero](assets/zero.png) ![folder](assets/folder.png)\n",
        name="bundle",
    )
    (folder / "assets" / "folder.png").mkdir(parents=True)
    os.mkfifo(folder / "assets" / "pipe.png")
    (folder / "assets" / "zero.png").symlink_to("/dev/zero")
    for to in exports.FORMATS:
        warnings = exports.export(bundle.load(folder), folder, to).warnings
        assert "image 'assets/pipe.png' is a FIFO, not a file; not exported" in warnings, to
        assert "image 'assets/folder.png' is a folder, not a file; not exported" in warnings, to
        assert (
            "image 'assets/zero.png' is a link to a file outside the review; not exported"
            in warnings
        ), to
