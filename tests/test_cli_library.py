"""`reviewdesk list` as a user runs it: a real process over real folders, its index in the
user's cache (a temporary one here), exit codes as `check` has them."""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from reviewdesk.core import checks
from reviewdesk.core.model import Rating, Status
from reviewdesk.core.user_files import cache_dir
from tests import hostile_bundles
from tests.conftest import run_reviewdesk
from tests.library_bundles import write, write_files


@pytest.fixture
def reviews(tmp_path: Path) -> Path:
    folder = tmp_path / "reviews"
    write(
        folder / "2025" / "kettle",
        "Halden Kettle 3",
        "Boils fast and quietly.\n",
        status=Status.PUBLISHED,
        rating=Rating(value=4.5),
        tags=["Kitchen", "Tea"],
        published=date(2025, 3, 1),
    )
    write(folder / "2026" / "router", "Northwind Router 9", "Fast.\n", tags=["Network"])
    write(folder / "drafts" / "lamp", "A lamp", status=Status.READY, tags=["kitchen"])
    return folder


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_a_table_of_every_review_in_nested_folders(reviews: Path) -> None:
    done = run_reviewdesk("list", reviews, cwd=reviews)
    assert (done.returncode, done.stderr) == (0, "")
    modified = {
        name: datetime.fromtimestamp((reviews / name / "body.md").stat().st_mtime).strftime(
            "%Y-%m-%d %H:%M"
        )
        for name in ("2025/kettle", "2026/router", "drafts/lamp")
    }
    assert lines(done.stdout) == [
        "TITLE               STATUS     RATING  WORDS  MODIFIED          FOLDER",
        f"Halden Kettle 3     published   4.5/5      4  {modified['2025/kettle']}  2025/kettle",
        f"Northwind Router 9  draft           -      1  {modified['2026/router']}  2026/router",
        f"A lamp              ready           -      2  {modified['drafts/lamp']}  drafts/lamp",
    ]


def test_status_and_tags_filter(reviews: Path) -> None:
    def titles(*options: str) -> list[str]:
        done = run_reviewdesk("list", reviews, "--json", *options)
        assert done.returncode == 0, done.stderr
        return [entry["title"] for entry in json.loads(done.stdout)]

    assert titles("--status", "published") == ["Halden Kettle 3"]
    assert titles("--tag", "KITCHEN") == ["Halden Kettle 3", "A lamp"]
    assert titles("--tag", "kitchen", "--tag", "tea") == ["Halden Kettle 3"]
    assert titles("--tag", "kitchen", "--status", "draft") == []
    assert run_reviewdesk("list", reviews, "--status", "gone").returncode == 2


def test_json_has_every_field_of_an_entry(reviews: Path) -> None:
    done = run_reviewdesk("list", reviews / "2025", "--json")
    assert done.returncode == 0, done.stderr
    (kettle,) = json.loads(done.stdout)
    folder = reviews / "2025" / "kettle"
    assert kettle == {
        "path": str(folder),
        "title": "Halden Kettle 3",
        "slug": "halden-kettle-3",
        "status": "published",
        "category": "",
        "rating": 4.5,
        "best": 5.0,
        "tags": ["Kitchen", "Tea"],
        "words": 4,
        "published": "2025-03-01",
        "updated": "",
        "modified": kettle["modified"],
        "problem": "",
    }
    newest = max((folder / name).stat().st_mtime_ns for name in ("review.yaml", "body.md"))
    assert kettle["modified"] == pytest.approx(newest / 1e9)


def test_a_broken_bundle_is_said_as_check_says_it_and_exits_1(reviews: Path) -> None:
    broken = write_files(reviews / "broken", "format: reviewdesk/1\ntitle: Half\npros: 7\n")
    done = run_reviewdesk("list", reviews, cwd=reviews)
    assert done.returncode == 1
    assert done.stderr == f"{checks.check(broken)[0]}\n"
    assert done.stderr == f"{broken / 'review.yaml'}:3: pros: should be a valid list\n"
    assert len(lines(done.stdout)) == 4  # the head and the three sound ones
    assert "Half" not in done.stdout
    as_json = run_reviewdesk("list", reviews, "--json")
    assert as_json.returncode == 1
    entries = {entry["title"]: entry for entry in json.loads(as_json.stdout)}
    assert entries["Half"]["problem"] == f"{broken / 'review.yaml'}:3: pros: should be a valid list"


def test_a_missing_folder_is_said_and_the_others_listed(reviews: Path, tmp_path: Path) -> None:
    done = run_reviewdesk("list", tmp_path / "gone", reviews / "2026", "--json")
    assert done.returncode == 1
    assert done.stderr == f"{tmp_path / 'gone'}: no such folder\n"
    assert [entry["title"] for entry in json.loads(done.stdout)] == ["Northwind Router 9"]
    assert run_reviewdesk("list").returncode == 2


def test_a_bundle_or_its_review_yaml_lists_that_review(reviews: Path) -> None:
    for path in (reviews / "drafts" / "lamp", reviews / "drafts" / "lamp" / "review.yaml"):
        done = run_reviewdesk("list", path, "--json")
        assert [entry["title"] for entry in json.loads(done.stdout)] == ["A lamp"]


def test_the_index_in_the_cache_follows_the_files(reviews: Path) -> None:
    assert run_reviewdesk("list", reviews).returncode == 0
    assert (cache_dir() / "library.sqlite3").is_file()
    write(reviews / "2026" / "router", "Northwind Router 10")
    write(reviews / "2026" / "new", "A new review")
    (reviews / "drafts" / "lamp").rename(reviews / "drafts" / "lamp-renamed")
    done = run_reviewdesk("list", reviews, "--json")
    assert {entry["path"]: entry["title"] for entry in json.loads(done.stdout)} == {
        str(reviews / "2025" / "kettle"): "Halden Kettle 3",
        str(reviews / "2026" / "new"): "A new review",
        str(reviews / "2026" / "router"): "Northwind Router 10",
        str(reviews / "drafts" / "lamp-renamed"): "A lamp",
    }


def test_a_damaged_index_is_made_anew(reviews: Path) -> None:
    index = cache_dir() / "library.sqlite3"
    index.parent.mkdir(parents=True)
    index.write_bytes(b"not a database at all" * 100)
    done = run_reviewdesk("list", reviews, "--json")
    assert (done.returncode, done.stderr) == (0, "")
    assert len(json.loads(done.stdout)) == 3


def test_hostile_bundles_are_listed_in_lines_and_nothing_from_outside_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(hostile_bundles.SECRET_VARIABLE, hostile_bundles.SECRET)
    built = hostile_bundles.build_all(tmp_path)
    try:
        done = run_reviewdesk("list", tmp_path, "--json", timeout=60, memory_limit=2 << 30)
    except subprocess.TimeoutExpired:
        pytest.fail("list over hostile bundles still running after 60 s")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert hostile_bundles.SECRET not in done.stdout + done.stderr
    listed = {Path(entry["path"]) for entry in json.loads(done.stdout)}
    assert {built["review_yaml_is_a_fifo"], built["body_is_dev_zero"]} <= listed
    problems = done.stderr.splitlines()
    assert f"{built['review_yaml_is_a_fifo'] / 'review.yaml'}: is a FIFO, not a file" in problems
