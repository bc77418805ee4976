import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from bench.images import write_png_claiming
from reviewdesk.core import bundle
from reviewdesk.core.image_size import pixels
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.hero_pane import HeroPane
from reviewdesk.ui.widgets import thumbnail


def test_choosing_an_image_copies_it_and_asks_for_alt_text(
    qtbot: QtBot, document: ReviewDocument, tmp_path: Path
) -> None:
    assert document.folder is not None
    picture = tmp_path / "new-hero.png"
    picture.write_bytes((document.folder / "assets" / "hero.png").read_bytes())
    pane = HeroPane(document, choose_file=lambda: picture)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitUntil(lambda: pane.thumbnail.pixmap().width() > 0)
    document.set("hero", None, merge=False)
    assert pane.thumbnail.text() == "No hero image" and not pane.alt.isEnabled()
    pane.choose.click()
    assert document.review.hero is not None
    assert document.review.hero.image == "assets/new-hero.png"
    assert (document.folder / "assets" / "new-hero.png").exists()
    assert pane.alt.hasFocus() or pane.alt.isEnabled()
    qtbot.keyClicks(pane.alt, "A blue gradient")
    assert document.value("hero.alt") == "A blue gradient"
    document.save()
    assert bundle.load(document.folder).hero == document.review.hero


def test_a_new_image_keeps_the_alt_text_and_the_caption_and_undo_brings_the_old_back(
    qtbot: QtBot, document: ReviewDocument, tmp_path: Path
) -> None:
    document.set("hero.caption", "Photo: Jane Doe", merge=False)
    before = document.review.hero
    assert before is not None and before.alt
    picture = tmp_path / "other.png"
    QImage(4, 3, QImage.Format.Format_RGB32).save(str(picture))
    pane = HeroPane(document, choose_file=lambda: picture)
    qtbot.addWidget(pane)
    pane.choose.click()
    assert document.review.hero == before.model_copy(update={"image": "assets/other.png"})
    document.undo_stack.undo()
    assert document.review.hero == before


def test_a_huge_hero_is_measured_once_and_typing_its_alt_text_never_reads_it_again(
    qtbot: QtBot, document: ReviewDocument, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoded: list[Path] = []
    real = thumbnail.decode

    def recorded(path: Path, width: int) -> QImage | str:
        decoded.append(path)
        return real(path, width)

    monkeypatch.setattr(thumbnail, "decode", recorded)
    picture = write_png_claiming(tmp_path / "photo.png", 40_000, 30_000)
    pane = HeroPane(document, choose_file=lambda: picture)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.thumbnail.loaded):
        pane.choose.click()
    assert pane.thumbnail.text() == f"photo.png is {pixels(40_000, 30_000)}: too large to show here"
    pane.alt.selectAll()  # the alt text of the hero replaced
    qtbot.keyClicks(pane.alt, "A wide photo of the device")
    assert document.value("hero.alt") == "A wide photo of the device"
    assert document.folder is not None
    pane.thumbnail.finish()
    photo, first = (document.folder / "assets" / name for name in ("photo.png", "hero.png"))
    assert decoded.count(photo) == 1 and set(decoded) <= {first, photo}  # first may be dropped


def test_a_fifo_chosen_as_hero_is_refused_with_a_message_and_nothing_changes(
    qtbot: QtBot, document: ReviewDocument, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)  # reading it would block the window for good
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))
    pane = HeroPane(document, choose_file=lambda: fifo)
    qtbot.addWidget(pane)
    before = document.review.hero
    pane.choose.click()
    assert told == [f"{fifo} is a FIFO, not a file"]
    assert document.review.hero == before and not document.modified


def test_long_alt_text_shows_whole_and_its_field_grows_as_it_is_typed(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    """It was one line, showing only the tail of a 150-character description."""
    pane = HeroPane(document)
    qtbot.addWidget(pane)
    pane.resize(560, 700)  # the form at 1024x700
    pane.show()
    qtbot.waitExposed(pane)
    assert isinstance(pane.alt, QPlainTextEdit)
    assert pane.alt.toPlainText() == document.value("hero.alt")
    qtbot.waitUntil(lambda: pane.alt.verticalScrollBar().maximum() == 0)  # all of it in view
    before = pane.alt.height()
    pane.alt.setFocus()
    qtbot.keyClick(pane.alt, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(pane.alt, " A small golden satellite circles the outermost ring." * 2)
    qtbot.waitUntil(lambda: pane.alt.height() > before)
    qtbot.waitUntil(lambda: pane.alt.verticalScrollBar().maximum() == 0)
    assert document.value("hero.alt").endswith("outermost ring.")
    qtbot.waitUntil(lambda: pane.caption.y() - pane.alt.geometry().bottom() < 16)
