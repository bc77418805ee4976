"""A second ReviewDesk on the same bundle is warned; a stale lock is offered for removal."""

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core import locks
from reviewdesk.ui.bundle_lock import LockKeeper, may_open
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.file_controller import FileController
from reviewdesk.ui.settings import Settings
from tests.conftest import MakeBundle, other_program


@pytest.fixture
def other_process() -> Iterator[int]:
    with other_program("reviewdesk") as pid:  # another ReviewDesk, as far as the system can tell
        yield pid


def lock_by(folder: Path, pid: int) -> None:
    data = {"pid": pid, "host": socket.gethostname(), "since": "2026-11-26T09:00:00+00:00"}
    (folder / locks.LOCK_FILE).write_text(json.dumps(data), encoding="utf-8")


class Writer:
    """Answers the questions put to the writer (`answers`, in order) and keeps them (`asked`)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[str] = []
        self.answers: list[QMessageBox.StandardButton] = []
        monkeypatch.setattr(QMessageBox, "question", self._question)

    def _question(self, _parent: object, _title: str, text: str, *_rest: object) -> object:
        self.asked.append(text)
        return self.answers.pop(0)


@pytest.fixture
def writer(monkeypatch: pytest.MonkeyPatch) -> Writer:
    return Writer(monkeypatch)


def test_a_live_holder_is_named_and_the_writer_decides(
    sample_bundle: Path, other_process: int, writer: Writer
) -> None:
    lock_by(sample_bundle, other_process)
    writer.answers[:] = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    assert not may_open(sample_bundle, None)
    assert (
        f"(process {other_process})" in writer.asked[0] and "another ReviewDesk" in writer.asked[0]
    )
    assert may_open(sample_bundle, None)


def test_a_stale_lock_is_taken_over_without_a_question(sample_bundle: Path, writer: Writer) -> None:
    lock_by(sample_bundle, 2**22 + 12345)  # no such process
    assert may_open(sample_bundle, None)
    assert writer.asked == []


def test_a_free_bundle_opens_without_a_question(sample_bundle: Path, writer: Writer) -> None:
    assert may_open(sample_bundle, None)
    assert writer.asked == []


def test_the_keeper_holds_the_open_bundle_only(
    qtbot: QtBot, sample_bundle: Path, make_bundle: MakeBundle
) -> None:
    document = ReviewDocument.open(sample_bundle)
    keeper = LockKeeper(document)
    held = locks.holder(sample_bundle)
    assert held is not None and held.is_this_process
    other = make_bundle(name="other")
    document.reopen(other)
    assert locks.holder(sample_bundle) is None
    assert locks.holder(other) is not None
    keeper.release()
    assert locks.holder(other) is None


def test_opening_a_bundle_held_elsewhere_can_be_declined(
    qtbot: QtBot, sample_bundle: Path, make_bundle: MakeBundle, other_process: int, writer: Writer
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    document = ReviewDocument.open(sample_bundle, window)
    controller = FileController(
        document, Settings(str(sample_bundle.parent / "settings.ini")), window
    )
    other = make_bundle(name="other")
    lock_by(other, other_process)
    writer.answers[:] = [QMessageBox.StandardButton.No]
    assert not controller.open(other)
    assert document.folder == sample_bundle
