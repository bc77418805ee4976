"""A review dated a little ahead, published to the real WordPress (tests/wordpress_server.py) by
the administrator and by an author: scheduled, hidden until its time, live after its time once
wp-cron.php runs (the test site runs its events only when asked, as a system cron would)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from reviewdesk.core.model import Status
from reviewdesk.core.publish.publish import publish
from tests.core.publish.published import (
    ROLES,
    add_sample_category,
    edit_review,
    site_for,
    stored,
)
from tests.wordpress_server import WordPressServer

pytestmark = pytest.mark.slow
# WordPress 6.1 schedules a post only a minute or more ahead (sooner, it publishes it now);
# the rest is time for the uploads before the post is written.
AHEAD = timedelta(seconds=70)
LATE = 20.0  # seconds after its time the post must be live by


def wait_until(ready: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"not {what} within {timeout:g} s")
        time.sleep(0.25)


def public(url: str) -> int:
    """The HTTP status a visitor gets."""
    return httpx.get(url, timeout=30, follow_redirects=True).status_code


def test_a_scheduled_review_goes_live_after_its_time_and_a_cron_run(
    wordpress: WordPressServer, monkeypatch: pytest.MonkeyPatch, sample_bundle: Path
) -> None:
    wordpress.reset()
    add_sample_category(wordpress)
    due = datetime.now(UTC).replace(microsecond=0) + AHEAD
    posts = {}
    for role in ROLES:
        folder = sample_bundle.with_name(role)
        shutil.copytree(sample_bundle, folder)
        edit_review(folder, status=Status.PUBLISHED, published=due)
        site = site_for(wordpress, role, monkeypatch)
        result = publish(folder, site)
        assert (result.action, result.status) == ("created", "future"), role
        posts[role] = (folder, site, result)
    assert datetime.now(UTC) < due - timedelta(seconds=30), "publishing took too long to test"
    for _, _, result in posts.values():
        post = stored(wordpress, result.post_id or 0)
        assert (post["status"], post["date_gmt"]) == (
            "future",
            due.replace(tzinfo=None).isoformat(),
        )
        assert public(result.link) == 404
    wordpress.run_cron()  # before its time, cron leaves it scheduled
    assert {stored(wordpress, r.post_id or 0)["status"] for _, _, r in posts.values()} == {"future"}

    wait_until(lambda: datetime.now(UTC) > due, AHEAD.total_seconds() + 5, "at its time")
    # Its time has come, and without a cron run nothing publishes it.
    assert {stored(wordpress, r.post_id or 0)["status"] for _, _, r in posts.values()} == {"future"}

    def live() -> bool:
        wordpress.run_cron()
        return all(
            stored(wordpress, r.post_id or 0)["status"] == "publish" for _, _, r in posts.values()
        )

    wait_until(live, LATE, "published by wp-cron.php")
    for folder, site, result in posts.values():
        post = stored(wordpress, result.post_id or 0)
        assert post["date_gmt"] == due.replace(tzinfo=None).isoformat()
        # The link of a scheduled post (?p=ID) leads to its page once it is live.
        page = httpx.get(result.link, timeout=30, follow_redirects=True)
        assert (page.status_code, str(page.url)) == (200, post["link"])
        assert "Wrenfall 3 Mini Review" in page.text
        # Going live is WordPress's doing, not an edit on the web: publishing again finds the
        # post as it left it.
        again = publish(folder, site)
        assert (again.action, again.post_id, again.status) == (
            "unchanged",
            result.post_id,
            "publish",
        )
