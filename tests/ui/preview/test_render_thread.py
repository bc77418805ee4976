"""The render thread hands its pages to the UI thread, and a view that goes while a page is on
its way must not take the app down: its worker emitted on the dying view and crashed the
suite with a segmentation fault."""

import os
import random
import subprocess
import sys
import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from pytestqt.qtbot import QtBot

from reviewdesk.core.model import Review
from reviewdesk.ui.preview.render_thread import Rendered, RenderThread


def test_a_view_can_go_while_its_pages_are_on_their_way(qtbot: QtBot) -> None:
    review = Review(title="Racing", body="A paragraph.\n\n" * 20)
    pause = random.Random(1)
    for _ in range(1_000):  # the old worker crashed within a few hundred rounds
        owner = QObject()
        renderer = RenderThread(owner)
        for generation in range(3):
            renderer.render(generation, review, reset=generation == 0)
        threading.Event().wait(pause.uniform(0, 0.003))  # the view goes at any point
        owner.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()  # pages already posted meet no receiver, harmlessly


def test_pages_arrive_in_the_ui_thread_in_order(qtbot: QtBot) -> None:
    owner = QObject()
    renderer = RenderThread(owner)
    arrived: list[Rendered] = []
    renderer.rendered.connect(arrived.append)
    with qtbot.waitSignal(renderer.rendered, check_params_cb=lambda r: r.generation == 2):
        for generation in range(3):
            renderer.render(generation, Review(title=f"Version {generation}"), reset=not generation)
    assert [r.generation for r in arrived] == [0, 1, 2]
    assert arrived[0].fresh and not arrived[2].fresh
    assert "Version 2" in arrived[2].skeleton
    owner.deleteLater()


APP_GOES_FIRST = """
import threading
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from reviewdesk.core.model import Review
from reviewdesk.ui.preview.render_thread import RenderThread

app = QApplication([])
owner = QObject()  # never deleted: the application goes first, as at the end of a script
renderer = RenderThread(owner)
renderer.render(0, Review(title="Long", body="A sentence of a paragraph. " * 40_000), reset=True)
app.shutdown()  # deletes what Python owns, the courier too, while the page is rendered
for thread in threading.enumerate():
    if thread.name == "preview-render":
        thread.join(timeout=60)
print("done")
"""


def test_the_application_can_go_while_a_page_is_rendered() -> None:
    """The worker then finds its courier deleted: it stops, without a traceback."""
    done = subprocess.run(
        [sys.executable, "-c", APP_GOES_FIRST],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "done\n", "")
