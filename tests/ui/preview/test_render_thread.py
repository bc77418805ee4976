"""The render thread hands its pages to the UI thread, and a view that goes while a page is on
its way must not take the app down: its worker emitted on the dying view and crashed the
suite with a segmentation fault."""

import random
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
