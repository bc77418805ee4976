"""What the publishing dialogs say: the statuses offered, and the core's words for the command
line turned into the app's."""

from __future__ import annotations

from datetime import UTC, date, datetime

from reviewdesk.core.model import Review
from reviewdesk.ui.publish.wording import in_app, status_choices


def test_the_status_offers_scheduling_only_for_a_date_to_come() -> None:
    now = datetime(2026, 12, 6, 18, 0, tzinfo=UTC)
    later = Review(title="T", status="published", published=date(2027, 1, 5))
    assert status_choices(later, now) == [
        ("As the review says: scheduled for 2027-01-05", None),
        ("Draft", "draft"),
        ("Scheduled for 2027-01-05", "future"),
    ]
    past = Review(title="T", status="ready", published=date(2026, 3, 18))
    assert status_choices(past, now) == [
        ("As the review says: a draft (a post already live stays live)", None),
        ("Draft", "draft"),
        ("Published", "publish"),
    ]
    moment = Review(
        title="T", status="published", published=datetime(2026, 12, 6, 19, 30, tzinfo=UTC)
    )
    assert status_choices(moment, now)[2] == ("Scheduled for 2026-12-06 19:30 UTC", "future")


def test_the_command_lines_options_are_named_as_the_apps() -> None:
    assert in_app(
        "blog: the site did not log 'jo' in (GET /wp/v2/users/me: You are not currently logged "
        "in.); 'reviewdesk site test blog' says why"
    ) == (
        "blog: the site did not log 'jo' in (GET /wp/v2/users/me: You are not currently logged "
        "in.); Test in Publish ▸ Manage Sites says why"
    )
    assert in_app(
        "blog: jo may not publish there (role contributor); publish with --status draft for an "
        "editor to publish, or ask for the Author role"
    ).endswith("publish with the status Draft for an editor to publish, or ask for the Author role")
    assert in_app("--status future needs a publication date to wait for") == (
        "the status Scheduled needs a publication date to wait for"
    )
    assert "(install the zip Help ▸ WordPress Plugin… saves, under Plugins" in in_app(
        "the ReviewDesk plugin is not active: (install the zip 'reviewdesk site plugin' writes, "
        "under Plugins > Add New > Upload Plugin)"
    )
    untouched = "post 12 recorded in publish.yaml no longer exists on the site"
    assert in_app(untouched) == untouched
