"""The Ghost export, checked by Ghost's own validator, @tryghost/admin-api-schema, under node.

The validator removes keys it does not know without an error, so passing is not enough: what
it leaves must equal what was sent."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.core import bundle
from reviewdesk.core.exports import ghost
from reviewdesk.core.exports.base import ExportOptions
from reviewdesk.core.model import Review, Status
from tests.strategies import reviews

SCRIPT = Path(__file__).with_name("ghost_validate.js")
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
BASE = "https://cdn.example.org/reviews/wrenfall/"


def validate(schema_folder: Path, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each payload's verdict: {"valid": True, "data": what the validator kept} or errors."""
    node = shutil.which("node")
    assert node is not None  # the ghost_schema fixture checked it
    done = subprocess.run(
        [node, str(SCRIPT), str(schema_folder)],
        input=json.dumps(payloads),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results: list[dict[str, Any]] = json.loads(done.stdout)
    assert len(results) == len(payloads)
    return results


def dropped(sent: Any, kept: Any, where: str = "") -> list[str]:
    """Paths of the keys in `sent` that are missing from `kept`."""
    if isinstance(sent, dict) and isinstance(kept, dict):
        return [
            path
            for key, value in sent.items()
            for path in (
                dropped(value, kept[key], f"{where}/{key}") if key in kept else [f"{where}/{key}"]
            )
        ]
    if isinstance(sent, list) and isinstance(kept, list):
        pairs = enumerate(zip(sent, kept, strict=False))  # lengths: the caller compares whole
        return [path for i, (a, b) in pairs for path in dropped(a, b, f"{where}/{i}")]
    return []


def assert_accepted_whole(schema_folder: Path, payloads: list[dict[str, Any]]) -> None:
    for sent, result in zip(payloads, validate(schema_folder, payloads), strict=True):
        assert result["valid"], (result["message"], result["errors"])
        assert dropped(sent, result["data"]) == []
        assert result["data"] == sent


def payload(review: Review, folder: Path, base: str | None = None) -> dict[str, Any]:
    return ghost.payload(review, folder, ExportOptions(asset_base_url=base), now=NOW)[0]


def test_ghost_accepts_the_sample_and_keeps_every_key(
    sample_bundle: Path, ghost_schema: Path
) -> None:
    review = bundle.load(sample_bundle)
    payloads = [payload(review, sample_bundle, base) for base in (None, BASE)]
    assert_accepted_whole(ghost_schema, payloads)


def test_ghost_accepts_a_minimal_and_a_scheduled_review(tmp_path: Path, ghost_schema: Path) -> None:
    minimal = bundle.create(tmp_path / "minimal", "Only a title")
    later = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-8)))
    scheduled = Review(title="Later", status=Status.PUBLISHED, published=later)
    payloads = [payload(minimal, tmp_path / "minimal"), payload(scheduled, tmp_path)]
    assert payloads[1]["posts"][0]["status"] == "scheduled"
    assert_accepted_whole(ghost_schema, payloads)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(many=st.lists(reviews, min_size=1, max_size=6), base=st.sampled_from([None, BASE]))
def test_ghost_accepts_any_review_and_keeps_every_key(
    tmp_path: Path, ghost_schema: Path, many: list[Review], base: str | None
) -> None:
    assert_accepted_whole(ghost_schema, [payload(review, tmp_path, base) for review in many])


def test_the_check_catches_a_wrong_type_and_a_dropped_key(
    sample_bundle: Path, ghost_schema: Path
) -> None:
    good = payload(bundle.load(sample_bundle), sample_bundle)
    wrong_type = json.loads(json.dumps(good))
    wrong_type["posts"][0]["published_at"] = 20260318
    unknown_key = json.loads(json.dumps(good))
    unknown_key["posts"][0]["authors_names"] = ["Mara Ellison"]
    rejected, silently_dropped = validate(ghost_schema, [wrong_type, unknown_key])
    assert not rejected["valid"]
    assert any("published_at" in error for error in rejected["errors"])
    assert silently_dropped["valid"]  # Ghost's validator says yes...
    assert dropped(unknown_key, silently_dropped["data"]) == ["/posts/0/authors_names"]


# Limits of Ghost's database that its API schema does not check (it allows 2000 and 65535).
DATABASE_ONLY = {"title", "feature_image_alt"}


@pytest.mark.parametrize("field", sorted(set(ghost.LIMITS) - {"tag", "url"}))
def test_our_limits_are_ghosts(sample_bundle: Path, ghost_schema: Path, field: str) -> None:
    good = payload(bundle.load(sample_bundle), sample_bundle)
    limit = ghost.LIMITS[field]
    at_limit, over = (json.loads(json.dumps(good)) for _ in range(2))
    at_limit["posts"][0][field] = "x" * limit
    over["posts"][0][field] = "x" * (limit + 1)
    verdicts = [result["valid"] for result in validate(ghost_schema, [at_limit, over])]
    assert verdicts == [True, field in DATABASE_ONLY]
