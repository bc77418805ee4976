"""What the publishing dialogs say: the statuses offered, the core's words for the command
line turned into the app's, and a post sent by email."""

from __future__ import annotations

from datetime import UTC, date, datetime

from reviewdesk.core.model import Review
from reviewdesk.core.publish.result import PublishResult
from reviewdesk.ui.publish.wording import in_app, result_lines, status_choices


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
    assert in_app(
        "newsletter 'Weekly': a post is emailed only when published with --email-segment"
    ) == ("newsletter 'Weekly': a post is emailed only when published with Send by email checked")
    untouched = "post 12 recorded in publish.yaml no longer exists on the site"
    assert in_app(untouched) == untouched


def test_a_post_sent_by_email_says_to_whom() -> None:
    sent = PublishResult(
        "news", "created", "6650c0ffee", "https://news.example.org/t/", "published"
    )
    sent.uploaded, sent.warnings, sent.emailed = ["assets/hero.png"], ["w"], "status:-free"
    assert result_lines(sent) == [
        "Uploaded assets/hero.png",
        "Sent by email to paid members",
        "Warning: w",
    ]
    sent.emailed, sent.dry_run = "all", True
    assert result_lines(sent)[1] == "Would send by email to all members"
    sent.emailed = "label:vip"  # a segment of the command line's, not the dialog's
    assert result_lines(sent)[1] == "Would send by email to the members in 'label:vip'"
    sent.emailed = ""
    assert not any("email" in line for line in result_lines(sent))
