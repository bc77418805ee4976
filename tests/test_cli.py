"""The command line as a user runs it: a real process, real files, exit codes."""

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk import __version__
from reviewdesk.core import exports
from tests.conftest import FREE_ON_FULL_DISK, MakeBundle, run_reviewdesk, snapshot


def test_version() -> None:
    done = run_reviewdesk("--version")
    assert (done.returncode, done.stdout) == (0, f"ReviewDesk {__version__}\n")


def test_usage_errors_exit_2() -> None:
    assert run_reviewdesk("export").returncode == 2
    assert run_reviewdesk("export", ".", "--to", "pdf").returncode == 2
    assert run_reviewdesk("--no-such-flag").returncode == 2


def test_new_then_validate(tmp_path: Path) -> None:
    done = run_reviewdesk("new", tmp_path / "my-review", "--title", "My Review")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "my-review" / "body.md").exists()
    checked = run_reviewdesk("validate", tmp_path / "my-review")
    assert (checked.returncode, checked.stderr) == (0, "")


def test_validate_reports_each_problem_as_path_line_field(make_bundle: MakeBundle) -> None:
    good = make_bundle(name="good")
    bad = make_bundle("format: reviewdesk/1\ntitle: T\npros: 7\n", name="bad")
    before = snapshot(bad)
    done = run_reviewdesk("validate", good, bad)
    assert done.returncode == 1
    assert done.stderr == f"{bad / 'review.yaml'}:3: pros: should be a valid list\n"
    assert "Traceback" not in done.stderr
    assert snapshot(bad) == before


def test_check_exits_0_on_warnings_and_1_on_errors(make_bundle: MakeBundle) -> None:
    warned = make_bundle("format: reviewdesk/1\ntitle: T\n", name="warned")
    done = run_reviewdesk("check", warned)
    assert done.returncode == 0
    assert f"{warned / 'review.yaml'}:1: warning: summary: is empty" in done.stderr
    failed = make_bundle(
        "format: reviewdesk/1\ntitle: T\nhero: {image: assets/x.png}\n", name="failed"
    )
    done = run_reviewdesk("check", failed)
    assert done.returncode == 1
    assert f"{failed / 'review.yaml'}:3: hero.alt: is missing" in done.stderr


def test_export_formats(sample_bundle: Path, tmp_path: Path) -> None:
    done = run_reviewdesk("export", sample_bundle, "--to", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["slug"] == "wrenfall-3-mini-review"
    done = run_reviewdesk("export", sample_bundle, "--to", "html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "wrenfall-3-mini-review.html").exists()
    assert (tmp_path / "wrenfall-3-mini-review_files" / "assets" / "hero.png").exists()
    done = run_reviewdesk(
        "export", sample_bundle, "--to", "html", "--embed", "-o", tmp_path / "one.html"
    )
    assert done.returncode == 0 and not (tmp_path / "one_files").exists()
    done = run_reviewdesk("export", sample_bundle, "--to", "fragment", "-o", "-")
    assert done.stdout.lstrip().startswith("<article")


def test_export_of_a_bad_bundle_fails_cleanly(make_bundle: MakeBundle, tmp_path: Path) -> None:
    bad = make_bundle(b"\xff\xfe random bytes")
    done = run_reviewdesk("export", bad, "--to", "html", "-o", tmp_path / "x.html")
    assert done.returncode == 1
    assert done.stderr == f"{bad / 'review.yaml'}:1: is not valid UTF-8 (byte 0xFF)\n"
    assert not (tmp_path / "x.html").exists()


def test_import_then_export_markdown(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text('+++\ntitle = "Imported"\ntags = ["a"]\n+++\nHello\n')
    done = run_reviewdesk("import", tmp_path / "post.md", "-o", tmp_path / "bundle")
    assert done.returncode == 0, done.stderr
    done = run_reviewdesk("export", tmp_path / "bundle", "--to", "markdown")
    assert done.stdout.startswith("---\nformat: reviewdesk/1\ntitle: Imported\n")


def test_schema_is_json_schema_of_review_yaml() -> None:
    schema = json.loads(run_reviewdesk("schema").stdout)
    assert schema["title"] == "review.yaml (reviewdesk/1)"
    assert "pros" in schema["properties"]


def test_first_start_copies_the_sample_and_the_smoke_test_passes(tmp_path: Path) -> None:
    done = run_reviewdesk("--smoke-test", home=tmp_path)
    assert done.returncode == 0, done.stderr
    copy = tmp_path / "data" / "ReviewDesk" / "Sample review"
    assert (copy / "review.yaml").exists() and (copy / "assets" / "hero.png").exists()
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(report) == {
        "window_shown_ms", "preview_ready_ms", "early_page", "rss_mb", "pss_total_mb",
    }  # fmt: skip
    assert report["pss_total_mb"] > report["rss_mb"] / 4  # the WebEngine processes count too
    assert 0 < report["window_shown_ms"] <= report["preview_ready_ms"]
    assert not (copy / ".reviewdesk.lock").exists()  # the app let go of it on the way out
    assert (
        run_reviewdesk("--smoke-test", home=tmp_path).returncode == 0
    )  # so the next start asks nothing


@pytest.mark.parametrize("args", [("validate",), ("import", "x.md")])
def test_missing_arguments_are_usage_errors(args: tuple[str, ...]) -> None:
    assert run_reviewdesk(*args).returncode == 2


ALIAS_BOMB = "format: reviewdesk/1\ntitle: T\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)
BAD_BUNDLES: dict[str, tuple[str | bytes, str | bytes, str]] = {
    "malformed YAML": ("format: reviewdesk/1\ntitle: 'open\n", "", "review.yaml:3: invalid YAML"),
    "wrong type": ("format: reviewdesk/1\ntitle: T\npros: 7\n", "", "review.yaml:3: pros: "),
    "unknown format": ("format: reviewdesk/2\ntitle: T\n", "", "review.yaml:1: format: "),
    "invalid UTF-8 in review.yaml": (b"title: \xc3\x28\n", "", "review.yaml:1: is not valid UTF-8"),
    "invalid UTF-8 in body.md": ("format: reviewdesk/1\ntitle: T\n", b"\xff", "body.md:1: is not"),
    "hero leaves": (
        "format: reviewdesk/1\ntitle: T\nhero: {image: ../x.png}\n",
        "",
        ":3: hero.image",
    ),
    "hero absolute": (
        "format: reviewdesk/1\ntitle: T\nhero: {image: /x.png}\n",
        "",
        ":3: hero.image",
    ),
    "body image leaves": ("format: reviewdesk/1\ntitle: T\n", "![x](../../x.png)\n", "body.md:1: "),
    "alias bomb": (ALIAS_BOMB, "", "alias bomb"),
    "not a slug": ("format: reviewdesk/1\ntitle: T\nslug: a_b\n", "", "review.yaml:3: slug: "),
    "random bytes": (bytes(range(7, 250, 3)) * 50, "", "review.yaml:2: is not valid UTF-8"),
}


@pytest.mark.parametrize("case", BAD_BUNDLES)
def test_validate_gives_one_line_per_problem_and_writes_nothing(
    make_bundle: MakeBundle, case: str
) -> None:
    yaml_source, body, expected = BAD_BUNDLES[case]
    folder = make_bundle(yaml_source, body)
    before = snapshot(folder)
    done = run_reviewdesk("validate", folder)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(str(folder)) and expected in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(folder) == before


def test_validate_catches_missing_body_and_symlinks_out(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"png")
    folder = make_bundle("format: reviewdesk/1\ntitle: T\nhero: {image: assets/h.png, alt: A}\n")
    (folder / "assets").mkdir()
    (folder / "assets" / "h.png").symlink_to(outside)
    done = run_reviewdesk("validate", folder)
    assert (done.returncode, done.stderr) == (
        1,
        f"{folder / 'review.yaml'}:3: hero.image: 'assets/h.png' is a link to a file outside the "
        "review\n",
    )
    (folder / "body.md").unlink()
    done = run_reviewdesk("validate", folder)
    assert (done.returncode, done.stderr) == (1, f"{folder / 'body.md'}: is missing\n")


def test_a_50_mb_body_is_refused_quickly(make_bundle: MakeBundle) -> None:
    folder = make_bundle(body="lorem ipsum " * ((50 << 20) // 12))
    done = run_reviewdesk("validate", folder)
    assert done.returncode == 1
    assert "body.md: is 50.0 MiB; the limit is 5 MiB" in done.stderr


# --- OS errors: one line naming the file, exit 1, nothing half-made ------------------------------


def fill(disk: Path) -> None:
    """Write into `disk`'s file system until not one byte more fits."""
    with (disk.parent / "more-filler").open("wb", buffering=0) as filler:
        while True:
            try:
                filler.write(b"\0" * 4096)
            except OSError as error:
                if error.errno == errno.ENOSPC:
                    return
                raise


def failed_once(done: subprocess.CompletedProcess[str], line: str) -> None:
    """Exit 1 with `line` as the one error line (warnings aside), and no traceback."""
    errors = [text for text in done.stderr.splitlines() if ": warning: " not in text]
    assert (done.returncode, errors) == (1, [line]), done.stderr


@pytest.fixture
def imaged_bundle(make_bundle: MakeBundle) -> Path:
    """A review with a small image and one larger than a nearly full disk holds."""
    folder = make_bundle(body="![small](assets/small.png)\n\n![large](assets/large.png)\n")
    (folder / "assets").mkdir()
    (folder / "assets" / "small.png").write_bytes(b"s" * 1000)
    (folder / "assets" / "large.png").write_bytes(b"L" * 2 * FREE_ON_FULL_DISK)
    return folder


@pytest.mark.parametrize("to", ["html", "markdown", "hugo", "jekyll"])
def test_export_onto_a_full_disk_names_the_file_and_leaves_nothing(
    imaged_bundle: Path, full_disk: Path, to: str
) -> None:
    target = full_disk if exports.FORMATS[to].into_folder else full_disk / "page.x"
    done = run_reviewdesk("export", imaged_bundle, "--to", to, "-o", target)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    failed_once(done, done.stderr.strip().splitlines()[-1])
    assert done.stderr.strip().endswith("large.png: could not be written: No space left on device")
    assert list(full_disk.iterdir()) == []  # no 0-byte image, no orphan page_files/


def test_export_into_a_read_only_folder_names_the_file(
    sample_bundle: Path, read_only_folder: Path
) -> None:
    done = run_reviewdesk(
        "export", sample_bundle, "--to", "json", "-o", read_only_folder / "r.json"
    )
    failed_once(done, f"{read_only_folder / 'r.json'}: could not be written: Read-only file system")


def test_export_over_a_folder_under_a_file_or_into_proc_is_one_line(
    sample_bundle: Path, tmp_path: Path
) -> None:
    (tmp_path / "folder").mkdir()
    done = run_reviewdesk("export", sample_bundle, "--to", "json", "-o", tmp_path / "folder")
    failed_once(
        done, f"{tmp_path / 'folder'}: is a folder; to export into it, give '{tmp_path}/folder/'"
    )
    (tmp_path / "file").write_text("a file")
    done = run_reviewdesk(
        "export", sample_bundle, "--to", "json", "-o", tmp_path / "file" / "x.json"
    )
    failed_once(done, f"{tmp_path / 'file' / 'x.json'}: could not be written: Not a directory")
    done = run_reviewdesk("export", sample_bundle, "--to", "json", "-o", "/proc/reviewdesk.json")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("/proc/reviewdesk.json: could not be written: ")
    assert len(done.stderr.splitlines()) == 1
    assert (
        list((tmp_path / "folder").iterdir()) == [] and (tmp_path / "file").read_text() == "a file"
    )


@pytest.mark.parametrize("as_root", [False, True])
def test_export_import_and_new_onto_a_special_file_are_refused(
    sample_bundle: Path, tmp_path: Path, as_root: bool
) -> None:
    """`-o` naming a FIFO, a socket, a device or a link to one (stdout through /proc) is one
    line and exit 1; the special file stays what it was (a file used to replace it)."""
    if as_root and os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    sp = tmp_path / "sp"
    sp.mkdir()
    os.mkfifo(sp / "pipe")
    (sp / "stdout").symlink_to("/proc/self/fd/1")  # the command's stdout: a pipe here
    targets = {"pipe": "a FIFO", "stdout": "a link to a FIFO"}
    if as_root:
        os.mknod(sp / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # inside tmp_path only
        targets["null"] = "a device"
    kinds = {name: (sp / name).lstat().st_mode for name in targets}
    markdown = tmp_path / "md" / "r.md"
    done = run_reviewdesk("export", sample_bundle, "--to", "markdown", "-o", markdown)
    assert done.returncode == 0, done.stderr
    for name, kind in targets.items():
        target = sp / name
        done = run_reviewdesk("export", sample_bundle, "--to", "json", "-o", target)
        failed_once(done, f"{target}: is {kind}, not a file")
        done = run_reviewdesk("export", sample_bundle, "--to", "html", "-o", target)
        failed_once(done, f"{target}: is {kind}, not a file")
        folder_kind = kind.removeprefix("a link to ")
        done = run_reviewdesk("export", sample_bundle, "--to", "hugo", "-o", target)
        failed_once(done, f"{target}: is {folder_kind}, not a folder")
        done = run_reviewdesk("import", markdown, "-o", target)
        failed_once(done, f"{target}: is {folder_kind}, not a folder")
        done = run_reviewdesk("new", target)
        failed_once(done, f"{target}: is {folder_kind}, not a folder")
    assert {name: (sp / name).lstat().st_mode for name in targets} == kinds
    assert sorted(path.name for path in sp.iterdir()) == sorted(targets)
    assert "Wrote" not in done.stdout


def test_an_export_never_publishes_a_forged_journals_hidden_file_and_warns(
    sample_bundle: Path, tmp_path: Path
) -> None:
    """A well-formed journal naming a hidden file that holds review.yaml's text as body.md's
    new version, every hash real: the export publishes body.md as it is and says why."""
    from tests.core.test_commit import forged_journal  # noqa: PLC0415

    body = (sample_bundle / "body.md").read_text(encoding="utf-8")
    forged_journal(sample_bundle, b"HIDDEN-0c1e text no reader of the bundle sees\n")
    done = run_reviewdesk("export", sample_bundle, "--to", "json", "-o", tmp_path / "r.json")
    assert done.returncode == 0, done.stderr
    published = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert "HIDDEN-0c1e" not in json.dumps(published)
    assert body.splitlines()[0][:20] in json.dumps(published)
    journal = sample_bundle / ".reviewdesk-commit.json"
    assert done.stderr.splitlines() == [
        f"{journal}: warning: ignored: it was not written by your ReviewDesk on this computer;"
        " the files are read as they are on disk"
    ]


def test_a_trailing_slash_means_a_folder(sample_bundle: Path, tmp_path: Path) -> None:
    done = run_reviewdesk("export", sample_bundle, "--to", "html", "-o", f"{tmp_path / 'out'}/")
    assert done.returncode == 0, done.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "out").rglob("*.*")) == [
        "out/wrenfall-3-mini-review.html",
        "out/wrenfall-3-mini-review_files/assets/chart.png",
        "out/wrenfall-3-mini-review_files/assets/hero.png",
    ]
    done = run_reviewdesk("export", sample_bundle, "--to", "json", "-o", f"{tmp_path / 'out'}/")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "wrenfall-3-mini-review.json").is_file()


def test_import_onto_a_full_disk_leaves_no_half_made_bundle(
    imaged_bundle: Path, tmp_path: Path, full_disk: Path
) -> None:
    done = run_reviewdesk(
        "export", imaged_bundle, "--to", "markdown", "-o", tmp_path / "md" / "r.md"
    )
    assert done.returncode == 0, done.stderr
    done = run_reviewdesk("import", tmp_path / "md" / "r.md", "-o", full_disk / "imported")
    failed_once(
        done,
        f"{full_disk / 'imported' / 'assets' / 'large.png'}: could not be written: "
        "No space left on device",
    )
    assert list(full_disk.iterdir()) == []
    # Now it fits, but for the bundle's files.
    (tmp_path / "md" / "r_files" / "assets" / "large.png").unlink()
    (tmp_path / "md" / "r.md").write_text(
        (tmp_path / "md" / "r.md").read_text().replace("![large](r_files/assets/large.png)", "")
    )
    fill(full_disk)
    done = run_reviewdesk("import", tmp_path / "md" / "r.md", "-o", full_disk / "imported")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "No space left on device" in done.stderr
    assert list(full_disk.iterdir()) == []


def test_new_that_fails_leaves_nothing_so_a_retry_works(full_disk: Path) -> None:
    fill(full_disk)
    done = run_reviewdesk("new", full_disk / "a" / "review", "--title", "T")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "No space left on device" in done.stderr
    assert list(full_disk.iterdir()) == []
    (full_disk.parent / "more-filler").unlink()
    done = run_reviewdesk("new", full_disk / "a" / "review", "--title", "T")
    assert done.returncode == 0, done.stderr


def test_validate_reports_an_assets_file_or_link_out(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    folder = make_bundle()
    (folder / "assets").write_text("not a folder")
    done = run_reviewdesk("validate", folder)
    assert (done.returncode, done.stderr) == (1, f"{folder / 'assets'}: is a file, not a folder\n")
    (folder / "assets").unlink()
    (folder / "assets").symlink_to(tmp_path)
    done = run_reviewdesk("validate", folder)
    assert (done.returncode, done.stderr) == (
        1,
        f"{folder / 'assets'}: is a link to a folder outside the review\n",
    )


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("valdate", "unknown command 'valdate' (did you mean validate?)"),
        ("exprot", "unknown command 'exprot' (did you mean export?)"),
        ("no-such-review", "'no-such-review' is neither a command nor a review folder"),
    ],
)
def test_a_word_that_is_no_command_nor_folder_opens_no_window(
    tmp_path: Path, word: str, said: str
) -> None:
    run = run_reviewdesk(word, cwd=tmp_path, home=tmp_path / "home")
    assert run.returncode == 2
    assert run.stderr.startswith(f"reviewdesk: {said}")
    assert not (tmp_path / "home" / "data").exists()  # the app never started


def test_help_says_how_the_window_opens() -> None:
    run = run_reviewdesk("--help")
    said = " ".join(run.stdout.split())
    assert "opens the window on the review you had last" in said
    assert "'reviewdesk FOLDER' opens it on the review in FOLDER" in said


def test_the_smoke_test_of_a_bad_bundle_says_why_and_exits_1(make_bundle: MakeBundle) -> None:
    folder = make_bundle("format: reviewdesk/1\ntitle: A review\npublished: 2026-02-30\n")
    run = run_reviewdesk("--smoke-test", folder, home=folder.parent / "home")
    assert run.returncode == 1  # it used to wait for a click on a message box
    assert run.stderr == (
        f"{folder / 'review.yaml'}:3: published: 2026-02-30 is not a date "
        "(day is out of range for month)\n"
    )


def test_the_smoke_test_starts_as_the_app_does_its_models_loaded_by_the_window(
    make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The smoke test times the start (bench.peers reads its preview ready): it read the review
    with the models before the app's window module loaded, some 90 ms a plain start has not."""
    folder = make_bundle("format: reviewdesk/1\ntitle: A review\n")
    monkeypatch.setenv("PYTHONPROFILEIMPORTTIME", "1")
    run = run_reviewdesk("--smoke-test", folder, home=folder.parent / "home")
    assert run.returncode == 0, run.stderr[-2000:]
    imported = [line.rpartition("|")[2].strip() for line in run.stderr.splitlines()
                if line.startswith("import time:")]  # fmt: skip
    assert imported.index("reviewdesk.ui.app") < imported.index("pydantic")


def test_the_smoke_test_of_a_review_shown_first_then_refused_says_why_and_exits_1(
    make_bundle: MakeBundle,
) -> None:
    """From the second start on, a review.yaml that reads is shown at once (the first look) and
    loaded after the first paint: a smoke test, which starts as the app does, says the load's
    problems then and exits 1, with no dialog to click."""
    folder = make_bundle("format: reviewdesk/1\ntitle: A review\n")
    home = folder.parent / "home"
    assert run_reviewdesk("--smoke-test", folder, home=home).returncode == 0  # the start before
    (folder / "review.yaml").write_text(
        "format: reviewdesk/1\ntitle: A review\nstatus: someday\n", encoding="utf-8"
    )
    run = run_reviewdesk("--smoke-test", folder, home=home)
    assert run.returncode == 1
    said = f"{folder / 'review.yaml'}:3: status: should be 'draft', 'ready' or 'published'\n"
    assert said in run.stderr
    assert "smoke test failed" not in run.stderr  # the problem said, not a timeout


def test_a_second_start_shows_the_page_kept_from_the_first(sample_bundle: Path) -> None:
    """The preview's page is kept (core/page_cache.py): the next start shows it as soon as the
    first look has painted, before the review loads (ui/preview/early_page.py); the smoke test
    checks that it is the review's (its title), as the first start's render was."""
    home = sample_bundle.parent / "home"
    runs = [run_reviewdesk("--smoke-test", sample_bundle, home=home) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
    reports = [json.loads(run.stdout.splitlines()[-1]) for run in runs]
    assert [report["early_page"] for report in reports] == [False, True]
    (sample_bundle / "body.md").write_text("Another body.\n", encoding="utf-8")
    third = run_reviewdesk("--smoke-test", sample_bundle, home=home)
    assert third.returncode == 0, third.stderr[-2000:]
    assert json.loads(third.stdout.splitlines()[-1])["early_page"] is False  # not this body's


@pytest.mark.parametrize(
    ("folder", "title"),
    [("Sony WH-1000XM5 review", "Sony WH-1000XM5 review"), ("my-first-review", "my first review")],
)
def test_new_names_the_review_from_its_folder(tmp_path: Path, folder: str, title: str) -> None:
    run = run_reviewdesk("new", tmp_path / folder)
    assert run.returncode == 0, run.stderr
    assert f"title: {title}\n" in (tmp_path / folder / "review.yaml").read_text(encoding="utf-8")


@pytest.mark.skipif(os.geteuid() != 0, reason="QtWebEngine refuses its sandbox only to root")
def test_run_as_root_the_app_starts_with_the_sandbox_off_and_says_so(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "QTWEBENGINE_CHROMIUM_FLAGS"}
    env |= {
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    run = subprocess.run(
        [sys.executable, "-m", "reviewdesk", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr[
        -2000:
    ]  # it exited 1: "Running as root without --no-sandbox"
    assert "running as root, so the preview's sandbox is off" in run.stderr
