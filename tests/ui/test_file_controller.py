"""File commands as a writer meets them: the folder and file choosers answered, the questions
answered, and what ends up on disk and in the window."""

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle, commit, recovery
from reviewdesk.core.atomic import stage
from reviewdesk.core.model import Review
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.export_dialog import ExportDialog
from reviewdesk.ui.file_controller import FileController
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.metadata_pane import MetadataPane
from reviewdesk.ui.settings import LAST_FOLDER, MAX_RECENT, REVIEWS_FOLDER, Settings
from tests.conftest import MakeBundle, snapshot
from tests.core.test_commit import killed_save

Answer = QMessageBox.StandardButton


class Chooser:
    """Stands in for the file dialogs and message boxes: answers with what a test queues and
    records what the writer was told."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[str] = []
        self.answers: list[Answer] = []
        self.told: list[str] = []
        path = lambda *_args, **_kw: (self.paths.pop(0), "")  # noqa: E731
        monkeypatch.setattr(QFileDialog, "getSaveFileName", path)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", path)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: self.paths.pop(0))
        monkeypatch.setattr(QMessageBox, "question", lambda *_a: self.answers.pop(0))
        for kind in ("warning", "information"):
            monkeypatch.setattr(QMessageBox, kind, self._tell)

    def _tell(self, _parent: object, _title: str, text: str, *_rest: object) -> Answer:
        self.told.append(text)
        return Answer.Ok


@pytest.fixture
def chooser(monkeypatch: pytest.MonkeyPatch) -> Chooser:
    return Chooser(monkeypatch)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(str(tmp_path / "settings.ini"))


Files = Callable[[Path], tuple[ReviewDocument, FileController]]


@pytest.fixture
def files(qtbot: QtBot, settings: Settings) -> Files:
    def make(folder: Path) -> tuple[ReviewDocument, FileController]:
        window = QWidget()
        qtbot.addWidget(window)
        document = ReviewDocument.open(folder, window)
        return document, FileController(document, settings, window)

    return make


def test_open_switches_to_the_chosen_bundle_and_remembers_it(
    files: Files, chooser: Chooser, sample_bundle: Path, make_bundle: MakeBundle,
    settings: Settings,
) -> None:  # fmt: skip
    other = make_bundle("format: reviewdesk/1\ntitle: Another one\n", name="another")
    document, controller = files(sample_bundle)
    chooser.paths.append(str(other))
    assert controller.open_chosen()
    assert (document.folder, document.review.title, document.modified) == (
        other, "Another one", False)  # fmt: skip
    assert settings.recent_files()[0] == str(other)
    assert settings.get(LAST_FOLDER) == str(other.parent)


def test_a_bad_bundle_is_named_and_the_open_one_stays(
    files: Files, chooser: Chooser, sample_bundle: Path, make_bundle: MakeBundle
) -> None:
    bad = make_bundle("format: reviewdesk/1\ntitle: Bad\nrating: {value: lots}\n", name="bad")
    document, controller = files(sample_bundle)
    document.set("summary", "Unsaved words")
    chooser.answers.append(Answer.Discard)  # "save changes?" before opening another
    chooser.paths.append(str(bad))
    assert not controller.open_chosen()
    assert (document.folder, document.review.summary) == (sample_bundle, "Unsaved words")
    (told,) = chooser.told
    assert f"{bad / 'review.yaml'}:3: rating.value:" in told


def test_cancelling_the_save_question_keeps_everything(
    files: Files, chooser: Chooser, sample_bundle: Path, make_bundle: MakeBundle
) -> None:
    other = make_bundle(name="other")
    document, controller = files(sample_bundle)
    document.set("summary", "Unsaved words")
    chooser.answers.append(Answer.Cancel)
    assert not controller.open(other)
    assert (document.folder, document.modified) == (sample_bundle, True)
    chooser.answers.append(Answer.Save)
    assert controller.open(other)
    assert bundle.load(sample_bundle).summary == "Unsaved words"


CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The writer's home: the reviews folder is ~/Documents/Reviews unless the settings say
    otherwise (platformdirs' documents folder of a home with no XDG user dirs)."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def window(qtbot: QtBot, make_bundle: MakeBundle, settings: Settings) -> MainWindow:
    main = MainWindow(ReviewDocument.open(make_bundle(body="The last review's body.\n")), settings)
    # Nothing to ask when the test closes it, whatever the test left.
    qtbot.addWidget(main, before_close_func=lambda _: main.document.undo_stack.setClean())
    with qtbot.waitSignal(main.preview.ready, timeout=30_000):
        main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    return main


def title_input(window: MainWindow) -> QLineEdit:
    pane = window.findChild(MetadataPane)
    assert pane is not None
    return pane.title


def test_ctrl_n_types_at_once_and_ctrl_s_makes_its_folder_from_the_slug(
    qtbot: QtBot, window: MainWindow, chooser: Chooser, home: Path, settings: Settings
) -> None:
    """No folder is asked for (the chooser has none to give): the title is typed at once, and
    the first save makes <documents>/Reviews/<slug>; a second review of the same name gets -2."""
    reviews = home / "Documents" / "Reviews"
    for number, folder in ((1, "sony-wh-1000xm5-review"), (2, "sony-wh-1000xm5-review-2")):
        window.panes.setCurrentIndex(4)  # the writer was in the body
        qtbot.keyClick(window.body.editor.plain_text_edit, Qt.Key.Key_N, CTRL)
        title = title_input(window)
        qtbot.waitUntil(title.hasFocus)
        assert window.document.folder is None
        assert title.selectedText() == "Untitled review"  # typing replaces it
        qtbot.keyClicks(title, "Sony WH-1000XM5 review")
        qtbot.keyClicks(window.body.editor.plain_text_edit, f"Review number {number}.")
        qtbot.keyClick(window.body.editor.plain_text_edit, Qt.Key.Key_S, CTRL)
        assert window.document.folder == reviews / folder
        saved = bundle.load(reviews / folder)
        assert (saved.title, saved.body) == ("Sony WH-1000XM5 review", f"Review number {number}.")
        assert not window.document.modified
        assert settings.recent_reviews()[0] == ("Sony WH-1000XM5 review", str(reviews / folder))
        assert window.statusBar().currentMessage() == f"Saved in {reviews / folder}"
        assert recovery.pending() == []  # nothing left unsaved, nothing to offer next start
    assert chooser.paths == [] and chooser.told == []
    assert sorted(p.name for p in reviews.iterdir()) == [
        "sony-wh-1000xm5-review", "sony-wh-1000xm5-review-2"]  # fmt: skip


def test_a_new_review_starts_unmodified(qtbot: QtBot, window: MainWindow, home: Path) -> None:
    qtbot.keyClick(window.body.editor.plain_text_edit, Qt.Key.Key_N, CTRL)
    assert window.document.folder is None
    assert window.document.undo_stack.count() == 0


def test_a_new_review_is_saved_in_the_reviews_folder_the_settings_name(
    files: Files, chooser: Chooser, sample_bundle: Path, tmp_path: Path, settings: Settings
) -> None:
    settings.set(REVIEWS_FOLDER, str(tmp_path / "drafts"))
    document, controller = files(sample_bundle)
    assert controller.new()
    document.set("title", "Espresso grinder")
    document.set("slug", "grinder")
    assert controller.save()
    assert bundle.load(tmp_path / "drafts" / "grinder").title == "Espresso grinder"
    assert chooser.paths == []


def test_a_new_review_that_cannot_be_saved_keeps_its_words_and_no_folder(
    files: Files, chooser: Chooser, sample_bundle: Path, tmp_path: Path, settings: Settings
) -> None:
    (tmp_path / "taken").write_text("a file where the reviews folder should be")
    settings.set(REVIEWS_FOLDER, str(tmp_path / "taken"))
    document, controller = files(sample_bundle)
    assert controller.new()
    document.set("summary", "Words that must not be lost")
    assert not controller.save()
    (told,) = chooser.told
    assert f"{tmp_path / 'taken'}: is not a folder: no review can go in it" in told
    assert "your changes are still here" in told
    assert (document.folder, document.modified) == (None, True)
    found = recovery.find(None)
    assert found is not None and found.review.summary == "Words that must not be lost"


def test_save_as_still_chooses_the_folder_of_a_new_review(
    files: Files, chooser: Chooser, sample_bundle: Path, tmp_path: Path
) -> None:
    document, controller = files(sample_bundle)
    assert controller.new()
    document.set("title", "Chosen place")
    chooser.paths.append(str(tmp_path / "elsewhere"))
    assert controller.save_as()
    assert bundle.load(tmp_path / "elsewhere").title == "Chosen place"
    assert document.folder == tmp_path / "elsewhere"


def test_saving_elsewhere_leaves_no_copy_behind_to_offer(
    files: Files, chooser: Chooser, sample_bundle: Path, tmp_path: Path
) -> None:
    """The copy autosaved before Save As (or before a new review's first save) held what is
    now saved: the next start must not offer it."""
    document, controller = files(sample_bundle)
    document.set("summary", "Typed, then saved as a copy")
    recovery.write(document.review, document.folder)  # the autosave, a few seconds in
    chooser.paths.append(str(tmp_path / "copy"))
    assert controller.save_as()
    assert recovery.of(sample_bundle) == [] and recovery.pending() == []


def test_save_as_writes_a_copy_and_leaves_the_original(
    files: Files, chooser: Chooser, sample_bundle: Path, tmp_path: Path
) -> None:
    before = snapshot(sample_bundle)
    document, controller = files(sample_bundle)
    document.set("title", "A copy")
    chooser.paths.append(str(tmp_path / "copy"))
    assert controller.save_as()
    assert document.folder == tmp_path / "copy"
    assert bundle.load(tmp_path / "copy") == document.review
    assert snapshot(sample_bundle) == before
    assert not document.modified


def test_revert_asks_then_reloads_the_saved_review(
    files: Files, chooser: Chooser, sample_bundle: Path
) -> None:
    document, controller = files(sample_bundle)
    saved = document.review
    document.set("title", "Changed my mind")
    chooser.answers.append(Answer.No)
    controller.revert()
    assert document.review.title == "Changed my mind"
    chooser.answers.append(Answer.Yes)
    controller.revert()
    assert (document.review, document.modified) == (saved, False)


def test_import_makes_a_bundle_of_a_static_site_page_and_opens_it(
    files: Files, chooser: Chooser, sample_bundle: Path, tmp_path: Path
) -> None:
    page = tmp_path / "site" / "grinder.md"
    page.parent.mkdir()
    page.write_text(
        "---\ntitle: Grinder test\ntags: [coffee]\nfavourite: yes\n---\nIt grinds.\n",
        encoding="utf-8",
    )
    document, controller = files(sample_bundle)
    chooser.paths += [str(page), str(tmp_path / "grinder")]
    assert controller.import_markdown()
    assert document.folder == tmp_path / "grinder"
    assert (document.review.title, document.review.tags) == ("Grinder test", ["coffee"])
    assert document.review.body == "It grinds.\n"
    assert page.read_text(encoding="utf-8").startswith("---\ntitle: Grinder test")


def test_import_into_a_used_folder_is_refused_with_its_reason(
    files: Files, chooser: Chooser, sample_bundle: Path, tmp_path: Path
) -> None:
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: Page\n---\nText.\n", encoding="utf-8")
    document, controller = files(sample_bundle)
    chooser.paths += [str(page), str(sample_bundle)]
    assert not controller.import_markdown()
    assert document.folder == sample_bundle
    (told,) = chooser.told
    assert "already exists and is not an empty folder" in told


def export(qtbot: QtBot, controller: FileController, to: str, target: Path) -> ExportDialog:
    dialog = controller.export(to)
    qtbot.waitUntil(dialog.isVisible)
    dialog.destination.setText(str(target))
    return dialog


def click_export(qtbot: QtBot, dialog: ExportDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_export_writes_the_chosen_file_and_remembers_its_folder(
    qtbot: QtBot, files: Files, chooser: Chooser, sample_bundle: Path, tmp_path: Path
) -> None:
    document, controller = files(sample_bundle)
    (tmp_path / "out").mkdir()
    dialog = export(qtbot, controller, "html", tmp_path / "out" / "page.html")
    with qtbot.waitSignal(controller.exported) as exported:
        click_export(qtbot, dialog)
    assert exported.args == [str(tmp_path / "out" / "page.html")]
    page = (tmp_path / "out" / "page.html").read_text(encoding="utf-8")
    assert f">{document.review.title}</h1>" in page
    assert (tmp_path / "out" / "page_files" / "assets" / "hero.png").is_file()
    again = controller.export("html")
    assert again.destination.text() == str(tmp_path / "out" / "wrenfall-3-mini-review.html")
    assert controller.export("json").destination.text().endswith(".json")  # its own folder
    assert not controller.export("json").destination.text().startswith(str(tmp_path / "out"))


def test_export_options_embed_images_and_make_urls_absolute(
    qtbot: QtBot, files: Files, chooser: Chooser, sample_bundle: Path, tmp_path: Path
) -> None:
    _document, controller = files(sample_bundle)
    dialog = export(qtbot, controller, "html", tmp_path / "embedded.html")
    qtbot.mouseClick(dialog.embed_images, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    qtbot.keyClicks(dialog.asset_base_url, "https://cdn.example.org/wrenfall/")
    with qtbot.waitSignal(controller.exported):
        click_export(qtbot, dialog)
    page = (tmp_path / "embedded.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in page
    assert "https://cdn.example.org/wrenfall/assets/hero.png" in page  # in the JSON-LD
    assert not (tmp_path / "embedded_files").exists()
    again = controller.export("html")
    assert again.embed_images.isChecked()
    assert again.asset_base_url.text() == "https://cdn.example.org/wrenfall/"


def test_a_failed_export_says_why(
    qtbot: QtBot, files: Files, chooser: Chooser, sample_bundle: Path, tmp_path: Path
) -> None:
    _document, controller = files(sample_bundle)
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    dialog = export(qtbot, controller, "html", tmp_path / "taken" / "page.html")
    click_export(qtbot, dialog)
    (told,) = chooser.told
    assert str(tmp_path / "taken") in told


def test_recent_files_are_unique_newest_first_and_capped(
    files: Files, make_bundle: MakeBundle, settings: Settings, sample_bundle: Path
) -> None:
    _document, controller = files(sample_bundle)
    folders = [make_bundle(name=f"b{index}") for index in range(MAX_RECENT + 2)]
    for folder in [*folders, folders[0]]:
        assert controller.open(folder)
    recent = settings.recent_files()
    assert recent[0] == str(folders[0])
    assert len(recent) == len(set(recent)) == MAX_RECENT


def test_a_site_format_exports_into_the_chosen_folder(
    qtbot: QtBot, files: Files, chooser: Chooser, sample_bundle: Path, tmp_path: Path
) -> None:
    _document, controller = files(sample_bundle)
    content = tmp_path / "site" / "content" / "reviews"
    content.mkdir(parents=True)
    dialog = export(qtbot, controller, "hugo", content)
    assert not dialog.asset_base_url.isVisibleTo(dialog)  # a page bundle keeps its images
    with qtbot.waitSignal(controller.exported) as exported:
        click_export(qtbot, dialog)
    page = content / "wrenfall-3-mini-review" / "index.html"
    assert exported.args == [str(page)]
    assert page.read_text(encoding="utf-8").startswith("---\n")
    assert (page.parent / "assets" / "hero.png").is_file()
    assert controller.export("hugo").destination.text() == str(content)


def test_a_failed_save_keeps_the_edits_here_and_in_the_recovery_copy(
    files: Files, chooser: Chooser, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document, controller = files(sample_bundle)
    before = snapshot(sample_bundle)
    document.set("summary", "Words that must not be lost")

    def full_disk(path: Path, data: bytes, existing: os.stat_result | None) -> Path:
        if path.parent == sample_bundle:  # the bundle's disk, not the data folder's
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return stage(path, data, existing)

    monkeypatch.setattr("reviewdesk.core.commit.stage", full_disk)
    assert not controller.save()
    (told,) = chooser.told
    assert "your changes are still here and in the recovery copy" in told
    assert f"{sample_bundle / 'review.yaml'}: could not be saved: No space left on device" in told
    assert document.modified and document.review.summary == "Words that must not be lost"
    found = recovery.find(sample_bundle)
    assert found is not None and found.review.summary == "Words that must not be lost"
    assert snapshot(sample_bundle) == before


def test_a_bundle_deleted_while_open_is_written_again_on_save(
    files: Files, chooser: Chooser, sample_bundle: Path
) -> None:
    document, controller = files(sample_bundle)
    document.set("title", "Still here")
    shutil.rmtree(sample_bundle)
    assert controller.save()
    assert bundle.load(sample_bundle).title == "Still here"
    assert chooser.told == []


def test_a_save_a_crash_interrupted_is_reported_when_the_review_opens(
    files: Files, chooser: Chooser, tmp_path: Path
) -> None:
    folder = tmp_path / "review"
    bundle.save(Review(title="Old review", body="Old body\n"), folder)
    old_body = (folder / "body.md").read_bytes()
    new = Review(title="New review", body="New body\n")
    for kill_at in range(1, 20):  # the first kill that leaves the save between its renames
        bundle.save(Review(title="Old review", body="Old body\n"), folder)
        killed_save(folder, new, kill_at)
        if (folder / commit.JOURNAL).exists() and (folder / "body.md").read_bytes() != old_body:
            break
    (folder / "body.md").write_bytes(old_body)  # `git checkout body.md` after the crash
    document, controller = files(folder)
    controller.offer_recovery()  # what the app does once its window is up
    (told,) = chooser.told
    assert told == (
        "A save interrupted by a crash was undone, keeping the version from before it "
        "(body.md put back to the old version after its rename)."
    )
    assert document.review.title == "Old review"
    assert controller.save() and chooser.told == [told]  # settled: said once
    assert not (folder / commit.JOURNAL).exists()


# The offscreen platform's stubs for a popup menu; real platforms raise it and grab keys.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise\\(\\)", "This plugin does not support grabbing"
)
def test_open_recent_lists_titles_with_their_folders_and_opens_the_one_clicked(
    qtbot: QtBot, window: MainWindow, make_bundle: MakeBundle, settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: Answer.Discard)
    grinder = make_bundle("format: reviewdesk/1\ntitle: Espresso grinder\n", name="grinder")
    kettle = make_bundle("format: reviewdesk/1\ntitle: A & B kettle\n", name="kettle")
    twin = make_bundle("format: reviewdesk/1\ntitle: Espresso grinder\n", name="grinder-2")
    gone = make_bundle("format: reviewdesk/1\ntitle: Deleted since\n", name="gone")
    for folder in (gone, twin, kettle, grinder):
        assert window.files.open(folder)
    shutil.rmtree(gone)
    (file_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    assert isinstance(file_menu, QMenu)
    (recent,) = [a.menu() for a in file_menu.actions() if a.text() == "Open &Recent"]
    assert isinstance(recent, QMenu)
    recent.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(recent.isVisible)
    shown = [(a.text(), a.toolTip(), a.isEnabled()) for a in recent.actions()]
    assert shown[:4] == [
        ("Espresso grinder (grinder)", str(grinder), True),  # two of that title: which is which
        ("A && B kettle", str(kettle), True),  # "&&" shows as "&"
        ("Espresso grinder (grinder-2)", str(twin), True),
        ("Deleted since (no longer there)", str(gone), False),
    ]
    kettle_item = recent.actions()[1]
    qtbot.mouseClick(recent, Qt.MouseButton.LeftButton,
                     pos=recent.actionGeometry(kettle_item).center())  # fmt: skip
    qtbot.waitUntil(lambda: window.document.folder == kettle)
    assert window.document.review.title == "A & B kettle"
    assert settings.recent_reviews()[0] == ("A & B kettle", str(kettle))
