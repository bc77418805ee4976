"""What the publishing dialogs say, in the writer's words: a site test's findings, a publish's
outcome (done or, in a dry run, to be done) and its errors. Qt-free, like what it reads."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from functools import partial

from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError
from reviewdesk.core.publish import post
from reviewdesk.core.publish.diagnose import Finding
from reviewdesk.core.publish.publish import PublishResult

# The core speaks to the command line; in the app the same things are dialogs and choices.
_IN_APP: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"'reviewdesk site test [^']*' says why"),
        "Test in Publish ▸ Manage Sites says why",
    ),
    (
        re.compile(r"add the site again \(reviewdesk site add [^)]*\) or use --secret-env VAR"),
        "add the site again in Publish ▸ Manage Sites",
    ),
    (
        re.compile(r"the zip 'reviewdesk site plugin' writes"),
        "the zip Help ▸ WordPress Plugin… saves",
    ),
    (re.compile(r"--status (draft|publish|future)"), "the status {}"),
    (re.compile(r"--secret-env VAR"), "a password variable"),
    (re.compile(r"with --email-segment"), "with Send by email checked"),
)
_STATUS_NAMES = {"draft": "Draft", "publish": "Published", "future": "Scheduled"}
# The members a Ghost post may be sent to by email: (label, Ghost's segment filter).
EMAIL_SEGMENTS = (
    ("All members", "all"),
    ("Free members", "status:free"),
    ("Paid members", "status:-free"),
)


def finding_line(finding: Finding) -> str:
    kind = "Note" if finding.note else "OK" if finding.ok else "Problem"
    return f"{kind}: {in_app(finding.text)}"


def findings_summary(findings: Iterable[Finding]) -> str:
    found = list(findings)
    problems = sum(1 for finding in found if not finding.ok)
    if problems == 1:
        return "One problem stands in the way of publishing:"
    if problems:
        return f"{problems} problems stand in the way of publishing:"
    return "Publishing to this site can work:"


def result_lines(result: PublishResult) -> list[str]:
    """What was done (or would be, in a dry run), one line each, warnings last."""
    would = result.dry_run
    lines = [f"{'Would upload' if would else 'Uploaded'} {file}" for file in result.uploaded]
    lines += [
        f"{'Would update' if would else 'Updated'} the alt text and caption of {file}"
        for file in result.retexted
    ]
    lines += [f"{'Would create' if would else 'Created'} {term}" for term in result.created_terms]
    if result.emailed:
        sent = "Would send" if would else "Sent"
        lines.append(f"{sent} by email to {segment_words(result.emailed)}")
    lines += [f"Warning: {in_app(warning)}" for warning in result.warnings]
    lines += [f"Read back: {difference}" for difference in result.differences]
    return lines


def result_heading(result: PublishResult) -> str:
    status = status_words(result.status)
    if result.dry_run:
        if result.action == "unchanged":
            return f"Post {result.post_id} on {result.site} is up to date: nothing would be sent."
        target = f"post {result.post_id}" if result.post_id else "a new post"
        verb = "update" if result.action == "would update" else "create"
        return (
            f"A dry run: nothing was sent. Publishing would {verb} {target} on {result.site} "
            f"({status})."
        )
    if result.action == "unchanged":
        return f"Post {result.post_id} on {result.site} is up to date ({status})."
    return f"{result.action.capitalize()} post {result.post_id} on {result.site} ({status})."


def segment_words(segment: str) -> str:
    """The members of a Ghost segment filter, as a sentence names them."""
    for label, known in EMAIL_SEGMENTS:
        if segment == known:
            return label.lower()
    return f"the members in {segment!r}"


def status_words(status: str) -> str:
    return {"publish": "published", "future": "scheduled", "draft": "a draft"}.get(status, status)


def error_text(error: Exception) -> str:
    """The error as the dialog shows it: the core's own words, which name what to do."""
    if isinstance(error, BundleError):
        return "\n".join(str(problem) for problem in error.problems)  # each names its file
    return in_app(str(error).strip() or type(error).__name__)


def in_app(text: str) -> str:
    """`text` with the command line's options named as the app's dialogs and choices."""
    for pattern, words in _IN_APP:
        text = pattern.sub(partial(_named, words), text)
    return text


def _named(words: str, found: re.Match[str]) -> str:
    return words.format(*(_STATUS_NAMES[group] for group in found.groups()))


def status_choices(review: Review, now: datetime) -> list[tuple[str, str | None]]:
    """The statuses the writer may publish with, (label, status) and the review's own first:
    None, which never takes a live post down. Scheduling is offered when the review's date
    is still to come, publishing now when it is not."""
    when = _scheduled_for(review, now)
    wanted = post.wanted_status(review)
    own = (
        f"scheduled for {when}"
        if wanted == "publish" and when
        else "published"
        if wanted == "publish"
        else "a draft (a post already live stays live)"
    )
    choices: list[tuple[str, str | None]] = [
        (f"As the review says: {own}", None),
        ("Draft", "draft"),
    ]
    choices.append((f"Scheduled for {when}", "future") if when else ("Published", "publish"))
    return choices


def _scheduled_for(review: Review, now: datetime) -> str:
    """The review's date when it is still to come ("" when it is not, or there is none)."""
    published = review.published
    if isinstance(published, datetime):
        moment = published if published.tzinfo else published.replace(tzinfo=now.tzinfo)
        return moment.strftime("%Y-%m-%d %H:%M %Z").strip() if moment > now else ""
    if isinstance(published, date) and published > now.date():
        return published.isoformat()
    return ""
