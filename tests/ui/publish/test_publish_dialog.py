"""File ▸ Publish against the real WordPress: the sample review published by clicking, its
link opening the browser; a dry run; an edit on the web caught with what differs and nothing
written, then overwritten; a wrong password in plain words; the dialog closed at any moment
of a publish. For a Ghost site, sending by email: offered, chosen anew each time, confirmed
before a publish (declined, nothing starts) and never asked for a dry run."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.core.publish import sites, state
from reviewdesk.core.publish.ghost import AdminKey
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.publish.commands import publish_review
from reviewdesk.ui.publish.publish_dialog import FIRST_HINT, PublishDialog
from tests.conftest import snapshot
from tests.ui.publish.conftest import ADMIN_KEY, WAIT_MS, add_site, button, choose, click
from tests.ui.system_browser import SystemBrowser
from tests.wordpress_server import WordPressServer

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("system_keyring")]


def post_count(server: WordPressServer) -> int:
    return int(server.php("echo array_sum((array) wp_count_posts());"))


def opened(qtbot: QtBot, host: QWidget, folder: Path) -> PublishDialog:
    dialog = PublishDialog(folder, bundle.load(folder), host)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def published(qtbot: QtBot, dialog: PublishDialog, button: Any = None) -> None:
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, button or dialog.publish_button)


def email_question(qtbot: QtBot, dialog: PublishDialog) -> QMessageBox:
    """The question the dialog puts before sending by email."""
    qtbot.waitUntil(lambda: dialog.email_question is not None)
    box = dialog.email_question
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    return box


def save_two_sites() -> None:
    """A WordPress site and a Ghost site (nothing here reaches either)."""
    sites.save(sites.make("blog", "wordpress", "https://blog.example.org", "jo"))
    sites.save(
        sites.make("news", "ghost", "https://news.example.org", AdminKey.parse(ADMIN_KEY).id)
    )


def test_a_bad_sites_file_is_one_line_naming_it(
    qtbot: QtBot, host: QWidget, sample_bundle: Path
) -> None:
    sites.sites_path().parent.mkdir(parents=True)
    sites.sites_path().write_text("sites:\n  blog:\n    kind: wordpress\n    url: 12\n")
    dialog = opened(qtbot, host, sample_bundle)
    assert dialog.outcome.text() == f"{sites.sites_path()}:4: sites.blog.url: must be text"
    assert not dialog.publish_button.isEnabled()
    manage = dialog.manage_sites()
    assert manage.message.text() == dialog.outcome.text()
    manage.close()


def test_the_sample_is_published_by_clicking_and_its_link_opens_the_browser(
    qtbot: QtBot,
    host: QWidget,
    site: WordPressServer,
    sample_bundle: Path,
    system_browser: SystemBrowser,
) -> None:
    add_site(qtbot, host, site, site.admin.app_password)
    dialog = opened(qtbot, host, sample_bundle)
    assert dialog.site.currentText() == f"test — {site.url}"
    steps: list[str] = []
    dialog.worker.progress.connect(steps.append)
    said: list[str] = []
    dialog.published.connect(said.append)
    published(qtbot, dialog)
    post_id = state.read(sample_bundle).sites["test"].post_id
    link = state.read(sample_bundle).sites["test"].link
    assert dialog.outcome.text() == f"Created post {post_id} on test (a draft)."
    assert steps[0] == f"Connecting to {site.url}" and "Creating the post" in steps
    assert dialog.link.isVisible() and link in dialog.link.text()
    notes = dialog.notes.text().splitlines()
    assert notes[:2] == ["Uploaded assets/hero.png", "Uploaded assets/chart.png"]
    assert "Created category 'Small Language Models'" in notes
    assert any(note.startswith("Read back: the site keeps none of ReviewDesk's") for note in notes)
    assert said == [f"Created post {post_id} on test (a draft). {link}"]
    assert site.rest("GET", f"/wp/v2/posts/{post_id}", params={"context": "edit"})["status"] == (
        "draft"  # the sample is "ready": as the review says
    )
    qtbot.mouseClick(
        dialog.link, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.link.height() // 2)
    )
    assert [url.toString() for url in system_browser.opened] == [link]


def test_a_dry_run_says_what_would_be_done_and_does_nothing(
    qtbot: QtBot, host: QWidget, site: WordPressServer, sample_bundle: Path
) -> None:
    add_site(qtbot, host, site, site.admin.app_password)
    dialog = opened(qtbot, host, sample_bundle)
    before = snapshot(sample_bundle)
    assert dialog.outcome.text().startswith("Publish sends the review to the site")
    published(qtbot, dialog, dialog.dry_run_button)
    assert dialog.outcome.text() == (
        "A dry run: nothing was sent. Publishing would create a new post on test (a draft)."
    )
    assert dialog.notes.text().splitlines()[:3] == [
        "Would upload assets/hero.png",
        "Would upload assets/chart.png",
        "Would create tag 'Halden Bay Labs'",
    ]
    assert not dialog.link.isVisible()
    assert snapshot(sample_bundle) == before
    assert post_count(site) == 0


def test_a_review_dated_to_come_is_scheduled(
    qtbot: QtBot, host: QWidget, site: WordPressServer, sample_bundle: Path
) -> None:
    add_site(qtbot, host, site, site.admin.app_password)
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    review = bundle.load(sample_bundle)
    bundle.save(review.model_copy(update={"published": later, "category": ""}), sample_bundle)
    dialog = opened(qtbot, host, sample_bundle)
    scheduled = dialog.status.findData("future")
    assert dialog.status.itemText(scheduled) == f"Scheduled for {later:%Y-%m-%d %H:%M} UTC"
    assert dialog.status.findData("publish") == -1  # published now would not be its date
    dialog.status.setCurrentIndex(scheduled)
    published(qtbot, dialog)
    post_id = state.read(sample_bundle).sites["test"].post_id
    assert dialog.outcome.text() == f"Created post {post_id} on test (scheduled)."
    remote = site.rest("GET", f"/wp/v2/posts/{post_id}", params={"context": "edit"})
    assert remote["status"] == "future"
    assert remote["date_gmt"] == f"{later:%Y-%m-%dT%H:%M:%S}"


def test_an_edit_on_the_web_is_shown_and_overwritten_only_when_asked(
    qtbot: QtBot, host: QWidget, site: WordPressServer, sample_bundle: Path
) -> None:
    add_site(qtbot, host, site, site.admin.app_password)
    dialog = opened(qtbot, host, sample_bundle)
    assert not dialog.overwrite_button.isVisible()
    dialog.status.setCurrentIndex(dialog.status.findData("publish"))
    published(qtbot, dialog)
    post_id = state.read(sample_bundle).sites["test"].post_id
    assert not dialog.overwrite_button.isVisible()
    site.rest("POST", f"/wp/v2/posts/{post_id}", json={"title": "Edited on the web"})
    before = snapshot(sample_bundle)
    published(qtbot, dialog)
    assert dialog.outcome.text().startswith(
        "The post on test was edited on the web since it was last published from here; "
        "nothing was written."
    )
    assert dialog.notes.text().splitlines()[0] == (
        "title: site 'Edited on the web', review 'Wrenfall 3 Mini Review: A Small Model Worth "
        "Keeping Local'"
    )
    assert not dialog.link.isVisible()
    assert snapshot(sample_bundle) == before
    remote = site.rest("GET", f"/wp/v2/posts/{post_id}", params={"context": "edit"})
    assert remote["title"]["raw"] == "Edited on the web"
    dialog.overwrite_button.setFocus()
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        # Enter, even on Overwrite, publishes: a conflict again.
        qtbot.keyClick(dialog.overwrite_button, Qt.Key.Key_Return)
    assert dialog.overwrite_button.isVisible()
    remote = site.rest("GET", f"/wp/v2/posts/{post_id}", params={"context": "edit"})
    assert remote["title"]["raw"] == "Edited on the web"
    published(qtbot, dialog, dialog.overwrite_button)
    assert dialog.outcome.text() == f"Updated post {post_id} on test (published)."
    remote = site.rest("GET", f"/wp/v2/posts/{post_id}", params={"context": "edit"})
    assert remote["title"]["raw"] == bundle.load(sample_bundle).title
    assert not dialog.overwrite_button.isVisible()
    assert post_count(site) == 1


def test_a_wrong_password_is_said_in_plain_words(
    qtbot: QtBot, host: QWidget, site: WordPressServer, sample_bundle: Path
) -> None:
    add_site(qtbot, host, site, "abcd efgh ijkl mnop qrst uvwx")
    dialog = opened(qtbot, host, sample_bundle)
    published(qtbot, dialog)
    text = dialog.outcome.text()
    assert text.startswith(f"Not published. test: the site did not log '{site.admin.login}' in")
    assert text.endswith("Test in Publish ▸ Manage Sites says why")
    assert "\n" not in text and "Traceback" not in text
    assert not dialog.link.isVisible() and dialog.publish_button.isEnabled()
    assert "test" not in state.read(sample_bundle).sites


def test_a_site_without_a_password_says_where_to_give_it(
    qtbot: QtBot, host: QWidget, site: WordPressServer, sample_bundle: Path
) -> None:
    # A login no test keeps a password for: the keyring lasts the whole session.
    sites.save(sites.make("test", "wordpress", site.url, "no-password-kept"))
    dialog = opened(qtbot, host, sample_bundle)
    published(qtbot, dialog)
    assert dialog.outcome.text() == (
        "Not published. no password stored for 'test'; add the site again in Publish ▸ Manage Sites"
    )


def test_without_sites_the_dialog_says_where_to_add_one(
    qtbot: QtBot, host: QWidget, sample_bundle: Path
) -> None:
    dialog = opened(qtbot, host, sample_bundle)
    assert dialog.site.currentText() == "No sites yet: add one with Manage Sites"
    assert not dialog.publish_button.isEnabled() and not dialog.dry_run_button.isEnabled()
    sites_dialog = dialog.manage_sites()
    assert sites_dialog.isVisible()
    sites_dialog.close()


def test_the_dialog_can_be_closed_at_any_moment_of_a_publish(
    qtbot: QtBot, site: WordPressServer, sample_bundle: Path
) -> None:
    """Closed, it goes once the publish ends, which is recorded; deleted (its window gone),
    it waits for the publish. Opened again meanwhile, it shows the publish under way: the
    review is never published twice at once, so never as two posts."""
    window = QMainWindow()
    qtbot.addWidget(window)
    add_site(qtbot, window, site, site.admin.app_password)
    document = ReviewDocument.open(sample_bundle, window)
    pause = random.Random(5)
    gone: list[int] = []
    mid_publish = 0
    for round_ in range(24):
        dialog = publish_review(document, lambda: True, window)
        assert dialog is not None
        dialog.destroyed.connect(lambda *_, r=round_: gone.append(r))
        if not dialog.busy:
            click(qtbot, dialog.publish_button)
        qtbot.wait(pause.randint(0, 600))  # the dialog goes at any point of the publish
        mid_publish += dialog.busy
        if pause.random() < 0.25:
            shiboken6.delete(dialog)  # as with its window: waits for the publish
        else:
            dialog.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: not window.findChildren(PublishDialog), timeout=WAIT_MS)
    assert post_count(site) == 1
    post_id = state.read(sample_bundle).sites["test"].post_id
    # What the last publish did, said after its dialog went.
    assert window.statusBar().currentMessage().startswith(f"Post {post_id} on test is up to date")
    assert mid_publish >= 6  # the moments fall in the publish, not only after it
    assert len(set(gone)) >= 2  # reused while busy, but every dialog went


def test_sending_by_email_is_offered_for_a_ghost_site_only(
    qtbot: QtBot, host: QWidget, sample_bundle: Path
) -> None:
    save_two_sites()
    dialog = opened(qtbot, host, sample_bundle)
    assert dialog.site.currentText() == "blog — https://blog.example.org"
    assert not dialog.email.isVisible() and not dialog.segment.isVisible()
    choose(qtbot, dialog.site, "news — https://news.example.org")
    assert dialog.email.isVisible() and dialog.email.text() == "Send by &email"
    assert not dialog.email.isChecked() and not dialog.segment.isEnabled()
    choices = [(dialog.segment.itemText(i), dialog.segment.itemData(i)) for i in
               range(dialog.segment.count())]  # fmt: skip
    assert choices == [
        ("All members", "all"),
        ("Free members", "status:free"),
        ("Paid members", "status:-free"),
    ]
    choose(qtbot, dialog.status, "Published")  # a draft is emailed to no one
    click(qtbot, dialog.email)
    assert dialog.email.isChecked() and dialog.segment.isEnabled()
    choose(qtbot, dialog.site, "blog — https://blog.example.org")
    assert not dialog.email.isVisible()
    choose(qtbot, dialog.site, "news — https://news.example.org")
    assert not dialog.email.isChecked()  # chosen anew for each site


def test_a_draft_is_sent_by_email_to_no_one(
    qtbot: QtBot, host: QWidget, sample_bundle: Path
) -> None:
    save_two_sites()
    dialog = opened(qtbot, host, sample_bundle)
    choose(qtbot, dialog.site, "news — https://news.example.org")
    assert dialog.status.currentText().startswith("As the review says: a draft")
    assert not dialog.email.isEnabled()  # the sample is ready, not published: a draft
    choose(qtbot, dialog.status, "Published")
    click(qtbot, dialog.email)
    choose(qtbot, dialog.status, "Draft")
    assert not dialog.email.isChecked() and not dialog.email.isEnabled()
    assert not dialog.segment.isEnabled()
    choose(qtbot, dialog.status, "Published")
    assert dialog.email.isEnabled() and not dialog.email.isChecked()


def test_sending_by_email_is_chosen_anew_each_time_the_dialog_opens(
    qtbot: QtBot, host: QWidget, sample_bundle: Path
) -> None:
    save_two_sites()
    dialog = opened(qtbot, host, sample_bundle)
    choose(qtbot, dialog.site, "news — https://news.example.org")
    choose(qtbot, dialog.status, "Published")  # a draft is emailed to no one
    click(qtbot, dialog.email)
    dialog.close()
    dialog.show()  # as a dialog of a publish under way is shown again
    assert dialog.site.currentData() == "news"
    assert dialog.email.isVisible() and not dialog.email.isChecked()


@pytest.mark.parametrize("answer", ["Cancel", "Escape", "Enter"])
def test_declining_to_send_by_email_publishes_nothing(
    qtbot: QtBot, host: QWidget, sample_bundle: Path, answer: str
) -> None:
    save_two_sites()
    before = snapshot(sample_bundle)
    dialog = opened(qtbot, host, sample_bundle)
    choose(qtbot, dialog.site, "news — https://news.example.org")
    choose(qtbot, dialog.status, "Published")  # a draft is emailed to no one
    click(qtbot, dialog.email)
    choose(qtbot, dialog.segment, "Paid members")
    click(qtbot, dialog.publish_button)
    box = email_question(qtbot, dialog)
    title = bundle.load(sample_bundle).title
    assert box.text() == (
        f"Send “{title}” by email to paid members of news? Emails cannot be called back."
    )
    assert sorted(shown.text() for shown in box.buttons()) == ["Cancel", "Send"]
    assert box.defaultButton() is button(box, "Cancel")
    assert not dialog.busy  # nothing starts before the answer
    if answer == "Cancel":
        click(qtbot, button(box, "Cancel"))
    else:
        qtbot.keyClick(box, Qt.Key.Key_Escape if answer == "Escape" else Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.email_question is None)
    assert not dialog.busy
    assert dialog.outcome.text() == FIRST_HINT
    assert dialog.email.isChecked()  # still chosen, for a publish after all
    assert snapshot(sample_bundle) == before


def test_a_dry_run_asks_nothing_as_it_sends_nothing(
    qtbot: QtBot, host: QWidget, sample_bundle: Path
) -> None:
    save_two_sites()  # news's key is kept nowhere: the dry run stops there
    dialog = opened(qtbot, host, sample_bundle)
    choose(qtbot, dialog.site, "news — https://news.example.org")
    choose(qtbot, dialog.status, "Published")  # a draft is emailed to no one
    click(qtbot, dialog.email)
    with qtbot.waitSignal(dialog.worker.finished, timeout=WAIT_MS):
        click(qtbot, dialog.dry_run_button)
        assert dialog.email_question is None and dialog.busy
    assert dialog.outcome.text() == (
        "Not published. news: no Admin API key stored for 'news'; add the site again in "
        "Publish ▸ Manage Sites"
    )
