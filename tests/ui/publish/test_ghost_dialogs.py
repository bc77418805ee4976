"""Manage Sites and File ▸ Publish against a real Ghost 5 and a real keyring: a Ghost site added
with its Admin API key and tested; the sample published as a draft by clicking, its link
shown; sending by email confirmed, then sent to the members chosen, once; a dry run saying it
would be sent; an edit in Ghost overwritten with the email choice kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.core.publish import secrets, sites, state
from reviewdesk.ui.publish.publish_dialog import PublishDialog
from reviewdesk.ui.publish.sites_dialog import SitesDialog
from tests.ghost_server import GhostServer
from tests.ui.publish.conftest import WAIT_MS, button, choose, click, type_ghost_site
from tests.ui.system_browser import SystemBrowser

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("system_keyring")]

SITE = "news"


@pytest.fixture
def site(ghost: GhostServer) -> GhostServer:
    """The session's Ghost, back to as set up."""
    ghost.reset()
    return ghost


def add_ghost_site(qtbot: QtBot, host: QWidget, ghost: GhostServer) -> SitesDialog:
    """The integration's Admin API key added as SITE through the sites dialog."""
    dialog = SitesDialog(host)
    qtbot.addWidget(dialog)
    dialog.show()
    type_ghost_site(qtbot, dialog, SITE, ghost.url, key=ghost.admin_key)
    assert dialog.selected() == SITE, dialog.message.text()
    return dialog


def opened(qtbot: QtBot, host: QWidget, folder: Path) -> PublishDialog:
    dialog = PublishDialog(folder, bundle.load(folder), host)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.site.currentData() == SITE
    return dialog


def to_send(qtbot: QtBot, dialog: PublishDialog, members: str, status: str) -> None:
    """Choose the status and Send by email to `members`."""
    choose(qtbot, dialog.status, status)
    click(qtbot, dialog.email)
    choose(qtbot, dialog.segment, members)


def answered(qtbot: QtBot, dialog: PublishDialog, answer: str) -> str:
    """Answer the question put before sending by email; the question asked."""
    qtbot.waitUntil(lambda: dialog.email_question is not None)
    box = dialog.email_question
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    asked = box.text()
    click(qtbot, button(box, answer))
    qtbot.waitUntil(lambda: dialog.email_question is None)
    return asked


def posts(ghost: GhostServer) -> list[dict[str, Any]]:
    found = ghost.admin_api("GET", "/posts/", params={"include": "email", "filter": "id:-null"})
    return list(found["posts"])


def test_a_ghost_site_is_added_and_tested_in_plain_words(
    qtbot: QtBot, host: QWidget, site: GhostServer
) -> None:
    dialog = add_ghost_site(qtbot, host, site)
    assert dialog.sites.currentItem().text() == f"{SITE} — Ghost at {site.url}"
    assert secrets.load(sites.get(SITE)) == site.admin_key
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.test_button)
    lines = dialog.message.text().splitlines()
    major_minor = ".".join(site.version.split(".")[:2])  # as the site gives it
    assert lines[:4] == [
        "Publishing to this site can work:",
        f"OK: Ghost {major_minor} at {site.url}",
        "OK: the Admin API key is accepted",
        "OK: time zone Etc/UTC",
    ]
    assert any(
        line.startswith("Note: newsletter") and line.endswith("with Send by email checked")
        for line in lines
    ), lines


def test_the_sample_is_published_to_ghost_as_a_draft_by_clicking(
    qtbot: QtBot,
    host: QWidget,
    site: GhostServer,
    sample_bundle: Path,
    system_browser: SystemBrowser,
) -> None:
    add_ghost_site(qtbot, host, site).close()
    dialog = opened(qtbot, host, sample_bundle)
    assert dialog.email.isVisible() and not dialog.email.isChecked()
    choose(qtbot, dialog.status, "Draft")
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.publish_button)
    assert dialog.email_question is None  # nothing to send: nothing asked
    recorded = state.read(sample_bundle).sites[SITE]
    assert dialog.outcome.text() == f"Created post {recorded.post_id} on {SITE} (a draft)."
    assert dialog.link.isVisible() and recorded.link in dialog.link.text()
    notes = dialog.notes.text().splitlines()
    assert notes[:2] == ["Uploaded assets/hero.png", "Uploaded assets/chart.png"]
    assert not any("email" in note for note in notes)
    (post,) = posts(site)
    assert (post["id"], post["status"], post["email"]) == (recorded.post_id, "draft", None)
    qtbot.mouseClick(
        dialog.link, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.link.height() // 2)
    )
    assert [url.toString() for url in system_browser.opened] == [recorded.link]


def test_sending_by_email_is_confirmed_then_done_once(
    qtbot: QtBot, host: QWidget, site: GhostServer, sample_bundle: Path
) -> None:
    add_ghost_site(qtbot, host, site).close()
    dialog = opened(qtbot, host, sample_bundle)
    to_send(qtbot, dialog, "Free members", "Published")
    click(qtbot, dialog.publish_button)
    asked = answered(qtbot, dialog, "Cancel")
    assert asked.endswith(f"by email to free members of {SITE}? Emails cannot be called back.")
    assert not dialog.busy and posts(site) == []
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.publish_button)
        answered(qtbot, dialog, "Send")
    post_id = state.read(sample_bundle).sites[SITE].post_id
    assert dialog.outcome.text() == f"Created post {post_id} on {SITE} (published)."
    assert "Sent by email to free members" in dialog.notes.text().splitlines()
    (post,) = posts(site)
    assert post["email"]["recipient_filter"] == "status:free"
    assert not dialog.email.isChecked()  # sent: a second Publish does not ask again


def test_a_dry_run_says_the_post_would_be_sent_by_email(
    qtbot: QtBot, host: QWidget, site: GhostServer, sample_bundle: Path
) -> None:
    add_ghost_site(qtbot, host, site).close()
    dialog = opened(qtbot, host, sample_bundle)
    to_send(qtbot, dialog, "Paid members", "Published")
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.dry_run_button)
    assert dialog.email_question is None
    assert dialog.outcome.text() == (
        f"A dry run: nothing was sent. Publishing would create a new post on {SITE} (published)."
    )
    assert "Would send by email to paid members" in dialog.notes.text().splitlines()
    assert posts(site) == []


def test_an_edit_in_ghost_is_overwritten_with_the_email_choice_kept(
    qtbot: QtBot, host: QWidget, site: GhostServer, sample_bundle: Path
) -> None:
    add_ghost_site(qtbot, host, site).close()
    dialog = opened(qtbot, host, sample_bundle)
    choose(qtbot, dialog.status, "Draft")
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.publish_button)
    (post,) = posts(site)
    edited = {"title": "Edited in Ghost", "updated_at": post["updated_at"]}
    site.admin_api("PUT", f"/posts/{post['id']}/", json={"posts": [edited]})
    to_send(qtbot, dialog, "All members", "Published")
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.publish_button)
        answered(qtbot, dialog, "Send")
    assert dialog.outcome.text().startswith(f"The post on {SITE} was edited on the web")
    assert dialog.overwrite_button.isVisible() and dialog.email.isChecked()
    (post,) = posts(site)
    assert (post["title"], post["email"]) == ("Edited in Ghost", None)
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.overwrite_button)
        asked = answered(qtbot, dialog, "Send")
    assert "by email to all members of" in asked
    assert dialog.outcome.text() == f"Updated post {post['id']} on {SITE} (published)."
    assert "Sent by email to all members" in dialog.notes.text().splitlines()
    (post,) = posts(site)
    assert post["title"] == bundle.load(sample_bundle).title
    assert post["email"]["recipient_filter"] == "all"
