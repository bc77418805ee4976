"""The export dialog's raw-HTML option: offered for every format that carries the body's HTML,
hugo and jekyll included, said plainly, and off unless the writer ticks it."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core.exports import FORMATS
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.export_dialog import ExportDialog
from reviewdesk.ui.file_controller import FileController
from reviewdesk.ui.settings import Settings
from tests.conftest import MakeBundle
from tests.core.test_exports_static_sites import HOSTILE
from tests.core.test_hostile_exports import dangers

CARRY_HTML = ("html", "fragment", "json", "ghost", "wordpress", "hugo", "jekyll")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(str(tmp_path / "settings.ini"))


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What message boxes would tell the writer (they would wait for a click)."""
    messages: list[str] = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda _w, _t, text: messages.append(text))
    return messages


def dialog_for(qtbot: QtBot, to: str, settings: Settings) -> ExportDialog:
    dialog = ExportDialog(to, "review" + FORMATS[to].suffix, settings)
    qtbot.addWidget(dialog)
    return dialog


def tick(qtbot: QtBot, dialog: ExportDialog) -> None:
    qtbot.mouseClick(dialog.raw_html, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))


@pytest.mark.parametrize("to", sorted(FORMATS))
def test_raw_html_is_offered_for_every_format_that_carries_html(
    qtbot: QtBot, settings: Settings, to: str
) -> None:
    dialog = dialog_for(qtbot, to, settings)
    assert dialog.raw_html.isVisibleTo(dialog) is (to in CARRY_HTML)
    assert not dialog.raw_html.isChecked()
    assert dialog.options().raw_html is False


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_ticking_raw_html_asks_the_site_export_for_it(
    qtbot: QtBot, settings: Settings, to: str
) -> None:
    dialog = dialog_for(qtbot, to, settings)
    dialog.show()
    qtbot.waitExposed(dialog)
    tick(qtbot, dialog)
    assert dialog.options().raw_html is True


def test_the_tooltip_says_what_a_sanitized_export_keeps_and_where_it_applies(
    qtbot: QtBot, settings: Settings
) -> None:
    dialog = dialog_for(qtbot, "hugo", settings)
    tip = dialog.raw_html.toolTip()
    assert "remote images (http and https image sources) are kept" in tip
    assert "html, fragment, json, ghost, wordpress, hugo and jekyll" in tip
    assert "<" not in tip  # Qt would take a tag for rich text


PAGES = {"hugo": "a-review/index", "jekyll": "_posts/2026-04-11-a-review"}


def export_through_dialog(
    qtbot: QtBot, controller: FileController, to: str, site: Path, *, raw_html: bool
) -> Path:
    """Export as the writer does: the dialog, its folder typed in, the box ticked or not, OK.
    Returns the main file written."""
    dialog = controller.export(to)
    qtbot.waitUntil(dialog.isVisible)
    dialog.destination.setText(str(site))
    if raw_html:
        tick(qtbot, dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    with qtbot.waitSignal(controller.exported) as exported:
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    return Path(str(exported.args[0]))


@pytest.mark.parametrize("to", sorted(PAGES))
def test_the_app_exports_a_hostile_body_sanitized_unless_ticked(
    qtbot: QtBot, settings: Settings, make_bundle: MakeBundle, told: list[str], to: str
) -> None:
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: A review\npublished: 2026-04-11\n", f"Intro.\n\n{HOSTILE}"
    )
    window = QWidget()
    qtbot.addWidget(window)
    controller = FileController(ReviewDocument.open(folder, window), settings, window)
    for raw_html, suffix in ((False, ".html"), (True, ".md")):
        site = folder.parent / f"site-{raw_html}"
        exported = export_through_dialog(qtbot, controller, to, site, raw_html=raw_html)
        written = site / (PAGES[to] + suffix)
        assert exported == written
        found = dangers(written.read_text(encoding="utf-8"))
        assert ("script" in found) is raw_html, found
    # The notes of each export: the hostile part's image is not in the bundle.
    assert len(told) == 2 and all("'x.png' does not exist" in text for text in told), told


def test_exporting_again_into_the_same_site_replaces_the_page_of_the_other_kind(
    qtbot: QtBot, settings: Settings, make_bundle: MakeBundle, told: list[str]
) -> None:
    folder = make_bundle("format: reviewdesk/1\ntitle: A review\npublished: 2026-04-11\n")
    window = QWidget()
    qtbot.addWidget(window)
    controller = FileController(ReviewDocument.open(folder, window), settings, window)
    site = folder.parent / "site"
    for raw_html in (True, False):
        export_through_dialog(qtbot, controller, "hugo", site, raw_html=raw_html)
    markdown = site / f"{PAGES['hugo']}.md"
    assert not markdown.exists() and markdown.with_suffix(".html").exists()
    assert told and f"removed {markdown}, the earlier page of this review" in told[-1]
