"""Batch export (core/batch_export.py) and finding the bundles under the paths given
(core/bundle_tree.py): real bundles in tmp_path, real worker processes."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from reviewdesk.core import bundle, exports
from reviewdesk.core.batch_export import BatchResult, Failure, export_bundles
from reviewdesk.core.bundle_tree import find_bundles
from reviewdesk.core.exports import ExportOptions
from reviewdesk.core.resources import resource

BROKEN_YAML = "format: reviewdesk/1\ntitle: T\npros: 7\n"


def review_bundle(folder: Path, slug: str) -> Path:
    """A copy of the sample (dated, with a hero and a chart) published under `slug`."""
    shutil.copytree(resource("sample"), folder)
    review = bundle.load(folder)
    bundle.save(review.model_copy(update={"slug": slug}), folder)
    return folder


def broken_bundle(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "review.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    (folder / "body.md").write_text("Body.\n", encoding="utf-8")
    return folder


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def exported_slugs(result: BatchResult) -> list[str]:
    return [item.written[0].name.removesuffix(".html") for item in result.exported]


# --- finding bundles -------------------------------------------------------------------------


def test_bundles_are_found_nested_in_order_skipping_hidden_and_assets_folders(
    tmp_path: Path,
) -> None:
    top = tmp_path / "reviews"
    first = review_bundle(top / "a-first", "first")
    nested = review_bundle(top / "group" / "deeper" / "b-nested", "nested")
    review_bundle(top / ".trash" / "hidden", "hidden")
    review_bundle(top / "group" / "assets" / "not-a-review", "in-assets")
    # A bundle's own folders are not looked into.
    review_bundle(first / "inside", "inside")
    given = first / "review.yaml"  # a bundle given by its review.yaml: listed once
    found = find_bundles([top, given, nested])
    assert found.bundles == [first, nested]
    assert found.problems == []


def test_paths_that_lead_to_no_bundle_are_named(tmp_path: Path) -> None:
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    paths = [tmp_path / "missing", tmp_path / "empty", tmp_path / "notes.txt"]
    found = find_bundles(paths)
    assert found.bundles == []
    assert [str(problem) for problem in found.problems] == [
        f"{tmp_path / 'missing'}: no such bundle or folder",
        f"{tmp_path / 'empty'}: holds no review (no folder in it holds a review.yaml)",
        f"{tmp_path / 'notes.txt'}: is neither a bundle folder nor its review.yaml",
    ]


# --- exporting -------------------------------------------------------------------------------


def test_a_broken_bundle_is_listed_and_the_others_written(tmp_path: Path) -> None:
    good = [review_bundle(tmp_path / "in" / f"r{n}", f"review-{n}") for n in range(3)]
    bad = broken_bundle(tmp_path / "in" / "bad")
    out = tmp_path / "out"
    seen: list[tuple[int, int, Path]] = []
    result = export_bundles(
        [good[0], bad, *good[1:]],
        "html",
        out,
        progress=lambda done, total, path: seen.append((done, total, path)),
    )
    assert result.failures == (
        Failure(bad, f"{bad / 'review.yaml'}:3: pros: should be a valid list"),
    )
    assert result.failures[0].line == f"{bad / 'review.yaml'}:3: pros: should be a valid list"
    assert exported_slugs(result) == ["review-0", "review-1", "review-2"]
    for n in range(3):
        assert (out / f"review-{n}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert (out / f"review-{n}_files" / "assets" / "hero.png").is_file()
    assert result.exported[0].written[0] == out / "review-0.html"
    assert [done for done, _, _ in seen] == [1, 2, 3, 4]
    assert {total for _, total, _ in seen} == {4}
    assert {path for _, _, path in seen} == {*good, bad}
    assert not result.cancelled and result.left == 0


def test_one_export_as_the_single_export_writes_it(tmp_path: Path) -> None:
    """The same page, images and name as `reviewdesk export BUNDLE -o OUT/`."""
    folder = review_bundle(tmp_path / "r", "same-page")
    result = export_bundles([folder], "html", tmp_path / "batch")
    single = exports.export(bundle.load(folder), folder, "html")
    exports.write(single, tmp_path / "single" / "same-page.html", root=tmp_path / "single")
    assert files_under(tmp_path / "batch") == files_under(tmp_path / "single")
    assert result.exported[0].written == (
        tmp_path / "batch" / "same-page.html",
        tmp_path / "batch" / "same-page_files" / "assets" / "hero.png",
        tmp_path / "batch" / "same-page_files" / "assets" / "chart.png",
    )


def test_a_batch_flushes_to_the_disk_once_at_its_end_not_file_by_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A flush a file was a fifth of each review's time. The batch's promise stays: when it
    returns, every page written is on the disk."""
    folders = [review_bundle(tmp_path / f"r{n}", f"page-{n}") for n in range(3)]
    calls: list[str] = []
    real_fsync, real_sync = os.fsync, os.sync

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    def sync() -> None:
        calls.append("sync")
        real_sync()

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "sync", sync)
    result = export_bundles(folders, "html", tmp_path / "batch")
    assert len(result.exported) == 3
    assert calls == ["sync"]
    single = exports.export(bundle.load(folders[0]), folders[0], "html")
    exports.write(single, tmp_path / "single" / "page-0.html", root=tmp_path / "single")
    assert "fsync" in calls  # one export alone is flushed file by file, as before
    assert (tmp_path / "batch" / "page-0.html").read_bytes() == (
        tmp_path / "single" / "page-0.html"
    ).read_bytes()


def test_a_plain_review_yaml_gives_its_slug_without_a_full_read_and_others_with_one(
    tmp_path: Path,
) -> None:
    from reviewdesk.core.batch_export import read_slug  # noqa: PLC0415

    plain = review_bundle(tmp_path / "plain", "from-the-slug-key")
    assert read_slug(plain) == "from-the-slug-key"
    titled = tmp_path / "titled"
    bundle.create(titled, "  Titled: a Review  ")
    assert read_slug(titled) == bundle.load(titled).effective_slug == "titled-a-review"
    odd = broken_bundle(tmp_path / "odd")
    (odd / "review.yaml").write_text("format: reviewdesk/1\ntitle: yes\n", encoding="utf-8")
    found = read_slug(odd)  # not a plain string: the full read says what is wrong, and where
    assert isinstance(found, Failure)
    assert found.message.endswith("review.yaml:2: title: should be a valid string")


def test_two_bundles_with_one_slug_are_neither_written_and_each_names_the_other(
    tmp_path: Path,
) -> None:
    one = review_bundle(tmp_path / "one", "twin")
    other = review_bundle(tmp_path / "other", "twin")
    alone = review_bundle(tmp_path / "alone", "alone")
    out = tmp_path / "out"
    result = export_bundles([one, alone, other], "html", out)
    assert exported_slugs(result) == ["alone"]
    assert [failure.bundle for failure in result.failures] == [one, other]
    assert result.failures[0].line == (
        f"{one}: its slug 'twin' is also the slug of {other}: neither is written (both would "
        f"be {out / 'twin.html'}); give one of them another slug"
    )
    assert str(one) in result.failures[1].line
    assert sorted(os.listdir(out)) == ["alone.html", "alone_files"]


def test_two_processes_write_what_one_writes_byte_for_byte(tmp_path: Path) -> None:
    folders = [review_bundle(tmp_path / "in" / f"r{n}", f"review-{n}") for n in range(6)]
    folders.insert(3, broken_bundle(tmp_path / "in" / "bad"))
    for to in ("html", "jekyll"):
        one = export_bundles(folders, to, tmp_path / f"{to}-1", jobs=1)
        two = export_bundles(folders, to, tmp_path / f"{to}-2", jobs=2)
        assert files_under(tmp_path / f"{to}-1") == files_under(tmp_path / f"{to}-2")
        assert len(files_under(tmp_path / f"{to}-1")) == 6 * 3  # the page, hero and chart
        assert [item.bundle for item in one.exported] == [item.bundle for item in two.exported]
        assert one.failures == two.failures
        assert len(one.failures) == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_cancelling_stops_between_bundles_and_leaves_nothing_half_written(
    tmp_path: Path, jobs: int
) -> None:
    """The app's Cancel: a flag set from another thread, read by `cancelled`."""
    folders = [review_bundle(tmp_path / "in" / f"r{n:02d}", f"review-{n:02d}") for n in range(12)]
    out = tmp_path / "out"
    cancel = threading.Event()
    results: list[BatchResult] = []

    def progress(done: int, total: int, path: Path) -> None:
        if done == 2:
            cancel.set()

    worker = threading.Thread(
        target=lambda: results.append(
            export_bundles(
                folders, "html", out, jobs=jobs, progress=progress, cancelled=cancel.is_set
            )
        )
    )
    worker.start()
    worker.join(timeout=120)
    (result,) = results
    assert result.cancelled
    assert result.failures == ()
    # Those under way when Cancel came are finished: one here, up to two per process there.
    assert 2 <= len(result.exported) <= 2 + jobs * 2
    assert result.left == 12 - len(result.exported)
    complete = export_bundles(folders, "html", tmp_path / "complete")
    assert not complete.cancelled
    whole = files_under(tmp_path / "complete")
    written = files_under(out)
    assert written == {name: whole[name] for name in written}  # no file cut short, no stray
    exported = {item.bundle.name for item in result.exported}
    for n in range(12):
        page = f"review-{n:02d}.html"
        assert (page in written) == (f"r{n:02d}" in exported)
        assert (f"review-{n:02d}_files/assets/hero.png" in written) == (page in written)


def test_warnings_and_retired_pages_come_back_as_the_single_export_gives_them(
    tmp_path: Path,
) -> None:
    folder = review_bundle(tmp_path / "r", "retired")
    (folder / "assets" / "chart.png").unlink()  # the body's chart is missing: a warning
    site = tmp_path / "site"
    export_bundles([folder], "hugo", site, ExportOptions(raw_html=True))
    assert (site / "retired" / "index.md").is_file()
    result = export_bundles([folder], "hugo", site)
    (exported,) = result.exported
    assert exported.written[0] == site / "retired" / "index.html"
    assert exported.removed == (site / "retired" / "index.md",)
    assert not (site / "retired" / "index.md").exists()
    assert any(
        warning.startswith(f"{folder}: warning: ") and "chart.png" in warning
        for warning in exported.warnings
    ), exported.warnings


def test_a_file_that_cannot_be_written_fails_its_bundle_alone(tmp_path: Path) -> None:
    blocked = review_bundle(tmp_path / "blocked", "blocked")
    fine = review_bundle(tmp_path / "fine", "fine")
    out = tmp_path / "out"
    (out / "blocked.html").mkdir(parents=True)  # a folder where the page goes
    result = export_bundles([blocked, fine], "html", out)
    assert exported_slugs(result) == ["fine"]
    assert result.failures == (
        Failure(blocked, f"{out / 'blocked.html'}: is a folder, not a file"),
    )
    assert result.failures[0].line == f"{blocked}: {out / 'blocked.html'}: is a folder, not a file"
    assert not (out / "blocked_files").exists()  # its images are not left behind either


def test_an_output_that_is_a_file_is_refused_before_anything(tmp_path: Path) -> None:
    folder = review_bundle(tmp_path / "r", "r")
    (tmp_path / "out").write_text("x", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        export_bundles([folder], "html", tmp_path / "out")
