"""Changes made to the open bundle by other programs: noticed, reloaded or offered, never lost."""

import os
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.ui.disk_watcher import DiskWatcher
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.reload_bar import REMOVED_MESSAGE, ReloadBar
from reviewdesk.ui.settings import Settings
from tests.conftest import MakeBundle

TIMEOUT = 5000
QUIET_MS = 600  # well past the watcher's 150 ms settling time


class Desk(NamedTuple):
    folder: Path
    document: ReviewDocument
    watcher: DiskWatcher
    bar: ReloadBar


@pytest.fixture
def desk(qtbot: QtBot, make_bundle: MakeBundle) -> Desk:
    folder = make_bundle("format: reviewdesk/1\ntitle: On disk\n", "Old body\n")
    document = ReviewDocument.open(folder)
    watcher = DiskWatcher(document, parent=document)
    bar = ReloadBar(document, watcher)
    qtbot.addWidget(bar)
    return Desk(folder, document, watcher, bar)


def replace(path: Path, text: str) -> None:
    """Write as git and our CLI do: a temporary file renamed over the original."""
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def test_a_change_to_an_unmodified_review_reloads_it_as_one_undoable_step(
    qtbot: QtBot, desk: Desk
) -> None:
    with qtbot.waitSignal(desk.bar.reloaded, timeout=TIMEOUT) as reloaded:
        (desk.folder / "body.md").write_text("New body\n", encoding="utf-8")
    assert reloaded.args == ["Reloaded: body.md changed on disk"]
    assert desk.document.review.body == "New body\n"
    assert not desk.document.modified
    assert desk.bar.isHidden()
    assert desk.document.undo_stack.undoText() == "Reload from disk"
    desk.document.undo_stack.undo()
    assert desk.document.review.body == "Old body\n"


def test_a_change_to_a_modified_review_is_offered_and_reload_keeps_edits_in_undo(
    qtbot: QtBot, desk: Desk
) -> None:
    desk.document.set("title", "Mine")
    with qtbot.waitSignal(desk.watcher.changed_on_disk, timeout=TIMEOUT):
        (desk.folder / "body.md").write_text("Theirs\n", encoding="utf-8")
    assert desk.bar.isVisible() and desk.bar.keep_button.isVisible()
    assert desk.bar.message.text() == "“body.md” changed on disk."
    assert not desk.bar.dismiss_button.isVisible()
    assert desk.document.review.title == "Mine"  # nothing happens before the writer chooses
    with qtbot.waitSignal(desk.bar.reloaded, timeout=TIMEOUT):
        qtbot.mouseClick(desk.bar.reload_button, Qt.MouseButton.LeftButton)
    assert (desk.document.review.title, desk.document.review.body) == ("On disk", "Theirs\n")
    assert not desk.document.modified
    assert desk.bar.isHidden()
    desk.document.undo_stack.undo()
    assert (desk.document.review.title, desk.document.review.body) == ("Mine", "Old body\n")


def test_keep_mine_keeps_the_edits_and_the_next_save_writes_them(qtbot: QtBot, desk: Desk) -> None:
    desk.document.set("title", "Mine")
    with qtbot.waitSignal(desk.watcher.changed_on_disk, timeout=TIMEOUT):
        replace(desk.folder / "body.md", "Theirs\n")
    qtbot.mouseClick(desk.bar.keep_button, Qt.MouseButton.LeftButton)
    assert desk.bar.isHidden()
    assert desk.document.modified and desk.document.review.title == "Mine"
    with qtbot.assertNotEmitted(desk.watcher.changed_on_disk, wait=QUIET_MS):
        desk.document.save()
    assert (desk.folder / "body.md").read_text(encoding="utf-8") == "Old body\n"


def test_our_own_saves_are_not_announced(qtbot: QtBot, desk: Desk) -> None:
    for title in ("Saved once", "Saved twice"):
        desk.document.set("title", title)
        desk.document.set("body", f"{title}\n")
        with qtbot.assertNotEmitted(desk.watcher.changed_on_disk, wait=QUIET_MS):
            desk.document.save()
    assert "Saved twice" in (desk.folder / "review.yaml").read_text(encoding="utf-8")


def test_unchanged_bytes_and_other_files_are_not_announced(qtbot: QtBot, desk: Desk) -> None:
    with qtbot.assertNotEmitted(desk.watcher.changed_on_disk, wait=QUIET_MS):
        replace(desk.folder / "body.md", "Old body\n")
        (desk.folder / "notes.txt").write_text("not part of the review", encoding="utf-8")


def test_atomic_replaces_are_noticed_each_time(qtbot: QtBot, desk: Desk) -> None:
    for body in ("First\n", "Second\n", "Third\n"):
        with qtbot.waitSignal(desk.bar.reloaded, timeout=TIMEOUT):
            replace(desk.folder / "body.md", body)
        assert desk.document.review.body == body
    watched = {str(desk.folder / name) for name in ("review.yaml", "body.md", "")}
    assert set(desk.watcher.watched_paths()) == {*watched, str(desk.folder.parent)}


def test_a_checkout_of_both_files_is_announced_once(qtbot: QtBot, desk: Desk) -> None:
    messages: list[str] = []
    desk.bar.reloaded.connect(messages.append)
    with qtbot.waitSignal(desk.watcher.changed_on_disk, timeout=TIMEOUT):
        replace(desk.folder / "review.yaml", "format: reviewdesk/1\ntitle: Checked out\n")
        replace(desk.folder / "body.md", "Checked out body\n")
    qtbot.wait(QUIET_MS)
    assert messages == ["Reloaded: review.yaml and body.md changed on disk"]
    assert (desk.document.review.title, desk.document.review.body) == (
        "Checked out",
        "Checked out body\n",
    )


@pytest.mark.parametrize(
    ("yaml_source", "problem"),
    [
        ("format: reviewdesk/1\ntitle: [unclosed\n", "Cannot reload: review.yaml:"),
        ("format: reviewdesk/1\ntitle: T\nstatus: nope\n", "Cannot reload: review.yaml:3: status:"),
    ],
)
def test_an_unreadable_bundle_shows_its_problem_and_a_fixed_one_reloads(
    qtbot: QtBot, desk: Desk, yaml_source: str, problem: str
) -> None:
    with qtbot.waitSignal(desk.watcher.changed_on_disk, timeout=TIMEOUT):
        replace(desk.folder / "review.yaml", yaml_source)
    assert desk.bar.isVisible() and desk.bar.message.text().startswith(problem)
    assert desk.bar.dismiss_button.isVisible() and not desk.bar.reload_button.isVisible()
    assert desk.document.review.title == "On disk" and not desk.document.modified
    with qtbot.waitSignal(desk.bar.reloaded, timeout=TIMEOUT):
        replace(desk.folder / "review.yaml", "format: reviewdesk/1\ntitle: Fixed\n")
    assert desk.bar.isHidden() and desk.document.review.title == "Fixed"


@pytest.mark.parametrize("what", ["files", "folder", "renamed folder"])
def test_removed_files_are_reported_and_saving_writes_them_again(
    qtbot: QtBot, desk: Desk, what: str
) -> None:
    moved = desk.folder.with_name("moved")
    with qtbot.waitSignal(desk.watcher.changed_on_disk, timeout=TIMEOUT):
        if what == "folder":
            shutil.rmtree(desk.folder)
        elif what == "renamed folder":
            desk.folder.rename(moved)
        else:
            (desk.folder / "body.md").unlink()
            (desk.folder / "review.yaml").unlink()
    assert desk.bar.isVisible() and desk.bar.message.text() == REMOVED_MESSAGE
    assert desk.document.review.body == "Old body\n"
    qtbot.mouseClick(desk.bar.dismiss_button, Qt.MouseButton.LeftButton)
    assert desk.bar.isHidden()
    desk.document.save()
    assert (desk.folder / "body.md").read_text(encoding="utf-8") == "Old body\n"
    if what == "renamed folder":  # the moved copy is left as it was
        assert (moved / "body.md").read_text(encoding="utf-8") == "Old body\n"
    with qtbot.waitSignal(desk.bar.reloaded, timeout=TIMEOUT):  # watched again after the save
        replace(desk.folder / "body.md", "Back\n")


def test_the_watch_follows_the_document_to_another_folder(
    qtbot: QtBot, tmp_path: Path, desk: Desk
) -> None:
    copy = tmp_path / "copy"
    desk.document.save(copy)  # Save As
    assert set(desk.watcher.watched_paths()) == {
        *(str(copy / name) for name in ("review.yaml", "body.md", "")),
        str(copy.parent),  # where a rename of the folder shows
    }
    with qtbot.assertNotEmitted(desk.watcher.changed_on_disk, wait=QUIET_MS):
        replace(desk.folder / "body.md", "Old folder\n")
    with qtbot.waitSignal(desk.watcher.changed_on_disk, timeout=TIMEOUT):
        replace(copy / "body.md", "New folder\n")
    assert desk.watcher.changed_files == ("body.md",)


# An outside edit to values no review can hold: each is reported, the window keeps its review.
IMPOSSIBLE = [
    (
        "published: 2026-02-30",
        "published: 2026-02-30 is not a date (day is out of range for month)",
    ),
    (
        "updated: 2026-04-11T25:00:00+02:00",
        "updated: 2026-04-11T25:00:00+02:00 is not a date-time (hour must be in 0..23)",
    ),
    ("extra: {when: 0000-01-01}", "extra.when: 0000-01-01 is not a date (year 0 is out of range)"),
    ("rating: {value: .inf}", "rating.value: .inf is not a finite number"),
]


def test_an_outside_edit_to_an_impossible_value_is_shown_in_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    folder = tmp_path / "reviews" / "open"
    bundle.create(folder, "Open review")
    broken = tmp_path / "reviews" / "broken"  # a neighbour with the same typo
    bundle.create(broken, "Broken")
    with (broken / "review.yaml").open("a", encoding="utf-8") as file:
        file.write("published: 2026-02-30\n")
    window = MainWindow(ReviewDocument.open(folder), Settings(str(tmp_path / "settings.ini")))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.preview.ready, timeout=30_000):
        window.show()
    written = (folder / "review.yaml").read_text(encoding="utf-8")
    for line, problem in IMPOSSIBLE:
        with qtbot.waitSignal(window.disk_watcher.changed_on_disk, timeout=TIMEOUT):
            replace(folder / "review.yaml", f"{written}{line}\n")
        assert window.reload_bar.isVisible()
        assert window.reload_bar.message.text() == f"Cannot reload: review.yaml:4: {problem}"
        assert window.document.review.title == "Open review"
        assert not window.document.modified
    window.document.set("subtitle", "Mine")
    assert window.files.save()  # over the file with the typo, which no longer reads
    assert window.reload_bar.isHidden() and bundle.load(folder) == window.document.review
    with qtbot.waitSignal(window.reload_bar.reloaded, timeout=TIMEOUT):
        replace(folder / "review.yaml", written.replace("Open review", "Fixed"))
    assert window.reload_bar.isHidden() and window.document.review.title == "Fixed"
