"""Export selection…: the selected reviews in one format into one folder, with progress and
Cancel, the failures listed at the end (one review that cannot be exported never stops the
rest). The work is core/batch_export.py's, in a thread of its own that runs it in worker
processes; the dialog only follows it."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.core.batch_export import BatchResult, export_bundles
from reviewdesk.core.exports import FORMATS

PROCESSES_FROM = 24
"""From this many reviews on, worker processes share the export (each costs some 0.3 s to
start); fewer go in one, off the UI thread all the same."""


class _Courier(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # BatchResult, or the OSError that stopped it


class ExportSelection(QDialog):
    finished_batch = Signal(object)  # BatchResult

    def __init__(self, bundles: Sequence[Path], folder: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Selection")
        self._bundles = list(bundles)
        self.result_: BatchResult | None = None
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self.format = QComboBox()
        for name, kind in FORMATS.items():
            self.format.addItem(kind.label, name)
        self.folder = QLineEdit(str(folder))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Format:", self.format)
        form.addRow("Into folder:", where)
        self.bar = QProgressBar()
        self.bar.setRange(0, len(self._bundles))
        self.bar.hide()
        self.said = QLabel(f"{len(self._bundles)} review(s) selected")
        self.failures = QPlainTextEdit(readOnly=True)
        self.failures.hide()
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._cancel_or_close)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.said)
        column.addWidget(self.bar)
        column.addWidget(self.failures, 1)
        column.addWidget(self.buttons)
        self.resize(560, 200)

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export into", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def start(self) -> None:
        """Export into the folder chosen (made when missing)."""
        if self._thread is not None:
            return
        to = str(self.format.currentData())
        out = Path(self.folder.text()).expanduser()
        self.start_button.setEnabled(False)
        self.format.setEnabled(False)
        self.folder.setEnabled(False)
        self.bar.show()
        self.said.setText(f"Exporting {len(self._bundles)} review(s) as {FORMATS[to].label}…")
        courier = _Courier()
        courier.progress.connect(self._progress)
        courier.finished.connect(self._finished)
        jobs = min(4, os.cpu_count() or 1) if len(self._bundles) >= PROCESSES_FROM else 1
        self._thread = threading.Thread(
            target=_run,
            args=(self._bundles, to, out, jobs, self._cancel, courier),
            name="export-selection",
            daemon=True,
        )
        self._thread.start()
        # Held by the dialog's `destroyed` so that the courier outlives the thread's emits.
        thread, cancel = self._thread, self._cancel
        self.destroyed.connect(lambda: _stop(thread, cancel, courier))

    def _progress(self, done: int, total: int) -> None:
        self.bar.setValue(done)
        self.said.setText(f"Exported {done:,} of {total:,}…")

    def _finished(self, outcome: object) -> None:
        self.cancel_button.setText("Close")
        self.cancel_button.setEnabled(True)  # disabled while a cancel finished the work
        if isinstance(outcome, OSError):
            self.said.setText(f"Nothing exported: {outcome.filename}: {outcome.strerror}")
            return
        assert isinstance(outcome, BatchResult)
        self.result_ = outcome
        parts = [f"Exported {len(outcome.exported):,} of {outcome.total:,}"]
        if outcome.failures:
            parts.append(f"{len(outcome.failures):,} could not be exported")
        if outcome.cancelled:
            parts.append(f"{outcome.left:,} left when cancelled")
        self.said.setText("; ".join(parts) + ".")
        if outcome.failures:
            self.failures.setPlainText(
                "\n".join(f"{f.bundle}: {f.message}" for f in outcome.failures)
            )
            self.failures.show()
        self.finished_batch.emit(outcome)

    def _cancel_or_close(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._cancel.set()  # the reviews under way are finished, none is started
            self.said.setText("Cancelling: finishing the reviews under way…")
            self.cancel_button.setEnabled(False)
            return
        self.reject()

    def done(self, result: int) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._cancel_or_close()  # Escape or the window's close: stop, as Cancel does
            return
        super().done(result)


def _run(  # noqa: PLR0917 (a thread's target takes its arguments in order)
    bundles: list[Path],
    to: str,
    out: Path,
    jobs: int,
    cancel: threading.Event,
    courier: _Courier,
) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        outcome: object = export_bundles(
            bundles,
            to,
            out,
            jobs=jobs,
            progress=lambda done, total, _path: courier.progress.emit(done, total),
            cancelled=cancel.is_set,
        )
    except OSError as error:
        outcome = error
    try:
        courier.finished.emit(outcome)
    except RuntimeError:  # the application went first
        return


def _stop(thread: threading.Thread, cancel: threading.Event, courier: _Courier) -> None:
    cancel.set()
    thread.join()
