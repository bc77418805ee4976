"""The dialogs' worker: jobs run off the UI thread, their steps and outcome come back in it,
and an owner can go at any moment of a job without a crash."""

from __future__ import annotations

import random
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from reviewdesk.ui.publish.worker import Outcome, Progress, Worker, keep_until_idle


def test_a_job_runs_off_the_ui_thread_and_its_steps_come_back_in_it(qtbot: QtBot) -> None:
    owner = QObject()
    worker = Worker(owner)
    steps: list[tuple[str, str]] = []
    worker.progress.connect(lambda step: steps.append((step, threading.current_thread().name)))

    def job(progress: Progress) -> str:
        progress("one")
        progress("two")
        return threading.current_thread().name

    with qtbot.waitSignal(worker.finished, timeout=10_000) as finished:
        worker.start(job)
        assert worker.busy
    outcome = finished.args[0]
    assert isinstance(outcome, Outcome) and outcome.error is None
    here = threading.current_thread().name
    assert outcome.value != here
    assert steps == [("one", here), ("two", here)]
    assert not worker.busy


def test_an_error_is_the_outcome(qtbot: QtBot) -> None:
    owner = QObject()
    worker = Worker(owner)

    def job(progress: Progress) -> None:
        raise ValueError("the site is gone")

    with qtbot.waitSignal(worker.finished, timeout=10_000) as finished:
        worker.start(job)
    error = finished.args[0].error
    assert isinstance(error, ValueError) and str(error) == "the site is gone"


def test_one_job_at_a_time(qtbot: QtBot) -> None:
    owner = QObject()
    worker = Worker(owner)
    release = threading.Event()
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.start(lambda _: release.wait(10))
        with pytest.raises(RuntimeError, match="a job is under way"):
            worker.start(lambda _: None)
        release.set()


def test_an_owner_can_go_at_any_moment_of_its_job() -> None:
    """A job emitting on a delivery deleted with its owner crashed the test run."""
    pause = random.Random(3)

    def job(progress: Progress) -> int:
        for step in range(20):
            progress(f"step {step}")
        return 1

    for _ in range(1_000):
        owner = QObject()
        worker = Worker(owner)
        worker.start(job)
        threading.Event().wait(pause.uniform(0, 0.002))  # the owner goes at any point
        if pause.random() < 0.3:
            QCoreApplication.processEvents()  # some steps delivered, the rest still coming
        owner.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def test_a_dialog_closed_mid_job_goes_when_the_job_ends(qtbot: QtBot) -> None:
    release = threading.Event()
    dialog = QDialog()
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    worker = Worker(dialog)
    gone: list[bool] = []
    dialog.destroyed.connect(lambda: gone.append(True))
    dialog.show()
    worker.start(lambda _: release.wait(10))
    keep_until_idle(dialog, worker)
    dialog.hide()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not gone  # deleting it now would wait for the job, the window frozen
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        release.set()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert gone


def test_a_dialog_shown_again_mid_job_stays(qtbot: QtBot) -> None:
    release = threading.Event()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    worker = Worker(dialog)
    dialog.show()
    worker.start(lambda _: release.wait(10))
    keep_until_idle(dialog, worker)
    dialog.hide()
    dialog.show()
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        release.set()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert dialog.isVisible()
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # goes when closed
