from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.problems_view import ProblemsView


def test_problems_follow_edits_and_name_their_field(qtbot: QtBot, sample_bundle: Path) -> None:
    document = ReviewDocument.open(sample_bundle)
    view = ProblemsView(document)
    qtbot.addWidget(view)
    assert view.count() == 0  # the sample is ready to publish
    with qtbot.waitSignal(view.counted, timeout=5000) as counted:
        document.set("seo.description", "Too short")
    assert counted.args == [1]
    assert view.item(0).text() == "seo.description: is 9 characters; search results show 50-160"
    with qtbot.waitSignal(view.field_activated) as activated:
        view.itemActivated.emit(view.item(0))
    assert activated.args == ["seo.description"]
    assert view.item(0).data(Qt.ItemDataRole.UserRole) == "seo.description"
