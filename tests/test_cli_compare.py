"""`reviewdesk compare`: the comparison page written as `export` writes a review's, run as a user
runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.core import front_matter
from tests.compare_reviews import write_bundles
from tests.conftest import MakeBundle, run_reviewdesk

SLUG = "wrenfall-3-mini-vs-brightloom-2-vs-pellucid-nano"


@pytest.fixture
def three(tmp_path: Path) -> list[Path]:
    return write_bundles(tmp_path / "reviews")


def compare(*args: str | Path, cwd: Path | None = None) -> tuple[int, str, str]:
    done = run_reviewdesk("compare", *args, cwd=cwd)
    return done.returncode, done.stdout, done.stderr


def test_the_html_page_and_its_images_beside_it(three: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out" / "compare.html"
    code, stdout, stderr = compare(*three, "-o", out)
    assert (code, stdout, stderr) == (0, f"Wrote {out} and 2 image(s)\n", "")
    page = out.read_text(encoding="utf-8")
    assert "<title>Wrenfall 3 Mini vs Brightloom 2 vs Pellucid Nano</title>" in page
    images = sorted(p.relative_to(out.parent).as_posix() for p in out.parent.rglob("*.png"))
    assert images == [
        "compare_files/brightloom-2-review/assets/chart.png",
        "compare_files/wrenfall-3-mini-review/assets/hero.png",
    ]
    assert all(f'src="{image}"' in page for image in images)


def test_into_a_folder_the_page_is_named_from_the_title(three: list[Path], tmp_path: Path) -> None:
    code, stdout, _ = compare(*three, "--embed", "--title", "Small models", "-o", f"{tmp_path}/")
    assert (code, stdout) == (0, f"Wrote {tmp_path / 'small-models.html'}\n")
    assert "<title>Small models</title>" in (tmp_path / "small-models.html").read_text()
    assert not list(tmp_path.glob("*_files"))


def test_without_o_the_page_is_written_here(three: list[Path], tmp_path: Path) -> None:
    code, stdout, _ = compare(*three[:2], "--embed", cwd=tmp_path)
    assert code == 0 and stdout == "Wrote wrenfall-3-mini-vs-brightloom-2.html\n"
    assert (tmp_path / "wrenfall-3-mini-vs-brightloom-2.html").is_file()


def test_the_fragment_to_standard_output(three: list[Path]) -> None:
    code, stdout, stderr = compare(*three, "--to", "fragment", "--embed", "-o", "-")
    assert code == 0 and stderr == ""
    assert stdout.startswith('<article class="compare"') and "data:image/png;base64," in stdout
    code, stdout, stderr = compare(*three, "--to", "fragment", "-o", "-")
    assert stderr == "warning: images are not written to standard output; add --embed\n"


@pytest.mark.parametrize(
    ("to", "into", "page"),
    [
        ("hugo", "content/reviews", f"content/reviews/{SLUG}/index.html"),
        ("jekyll", "", f"compare/{SLUG}.html"),
    ],
)
def test_into_a_site(three: list[Path], tmp_path: Path, to: str, into: str, page: str) -> None:
    site = tmp_path / "site"
    code, stdout, _ = compare(*three, "--to", to, "-o", site / into)
    assert (code, stdout) == (0, f"Wrote {site / page} and 2 image(s)\n")
    assert front_matter.split((site / page).read_text()).data["title"].endswith("Pellucid Nano")


@pytest.mark.parametrize(("count", "given"), [(1, "1 was given"), (7, "7 were given")])
def test_one_or_seven_reviews_are_a_usage_error_naming_the_count(
    three: list[Path], tmp_path: Path, count: int, given: str
) -> None:
    bundles = (three * 3)[:count]
    code, stdout, stderr = compare(*bundles, "-o", tmp_path / "c.html")
    assert (code, stdout) == (2, "")
    assert stderr == f"reviewdesk compare: a comparison needs 2 to 6 reviews; {given}\n"
    assert not (tmp_path / "c.html").exists()


def test_a_bundle_that_cannot_be_read_is_its_problem_and_exit_1(
    three: list[Path], make_bundle: MakeBundle, tmp_path: Path
) -> None:
    broken = make_bundle("format: reviewdesk/1\ntitle: T\nrating: {value: 9}\n", name="broken")
    code, stdout, stderr = compare(three[0], broken, "-o", tmp_path / "c.html")
    assert (code, stdout) == (1, "")
    assert stderr.startswith(f"{broken / 'review.yaml'}:3: rating") and "9" in stderr
    assert not (tmp_path / "c.html").exists()


def test_a_missing_hero_is_a_warning(three: list[Path], tmp_path: Path) -> None:
    (three[1] / "assets" / "chart.png").unlink()
    code, _, stderr = compare(*three, "-o", tmp_path / "c.html")
    assert code == 0
    assert stderr == f"warning: {three[1]}: image 'assets/chart.png' does not exist; not exported\n"


def test_the_help_names_the_formats() -> None:
    done = run_reviewdesk("compare", "--help")
    assert done.returncode == 0 and "{html,fragment,hugo,jekyll}" in done.stdout
