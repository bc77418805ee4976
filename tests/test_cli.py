"""The command line as a user runs it: a real process, real files, exit codes."""

import json
from pathlib import Path

import pytest

from reviewdesk import __version__
from tests.conftest import MakeBundle, run_reviewdesk, snapshot


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
    assert set(report) == {"window_shown_ms", "preview_ready_ms", "rss_mb", "pss_total_mb"}
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
        f"{folder / 'review.yaml'}:3: hero.image: 'assets/h.png' leaves the bundle\n",
    )
    (folder / "body.md").unlink()
    done = run_reviewdesk("validate", folder)
    assert (done.returncode, done.stderr) == (1, f"{folder / 'body.md'}: is missing\n")


def test_a_50_mb_body_is_refused_quickly(make_bundle: MakeBundle) -> None:
    folder = make_bundle(body="lorem ipsum " * ((50 << 20) // 12))
    done = run_reviewdesk("validate", folder)
    assert done.returncode == 1
    assert "body.md: is 50.0 MiB; the limit is 5 MiB" in done.stderr
