"""The authors editor: every author's name and home page, whatever their number, typed and
rearranged as a writer does, and kept in review.yaml."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.core.limits import AUTHORS
from reviewdesk.core.model import Author
from reviewdesk.core.yaml_text import parse
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.authors_field import NAME_FIRST, NAME_NEEDED, AuthorRow, AuthorsField
from reviewdesk.ui.panes.metadata_pane import MetadataPane

MARA = ("Mara Ellison", "https://example.org/authors/mara-ellison")
TOMAS = ("Tomas Okafor", "https://example.org/authors/tomas-okafor")
ANA = ("Ana Ruiz", "https://example.org/authors/ana-ruiz")


def field(qtbot: QtBot, document: ReviewDocument) -> AuthorsField:
    widget = AuthorsField(document)
    shown_active(qtbot, widget)
    return widget


def authors(document: ReviewDocument) -> list[tuple[str, str | None]]:
    return [(author.name, author.url) for author in document.review.authors]


def shown(widget: AuthorsField) -> list[tuple[str, str]]:
    return [(row.name.text(), row.url.text()) for row in widget.author_rows()]


def saved_authors(folder: Path) -> object:
    return parse((folder / "review.yaml").read_text(encoding="utf-8")).data["authors"]


def clear_and_type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def with_three_authors(document: ReviewDocument) -> None:
    three = [Author(name=name, url=url) for name, url in (MARA, TOMAS, ANA)]
    document.replace_review(document.review.model_copy(update={"authors": three}))


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def shown_active(qtbot: QtBot, widget: QWidget) -> None:
    """Shown as the active window: keys like Tab move the focus only in an active window."""
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def test_renaming_a_co_author_keeps_their_home_page(qtbot: QtBot, document: ReviewDocument) -> None:
    """The report: adding " Reyes" to "Tomas Okafor" deleted his url: from review.yaml."""
    widget = field(qtbot, document)
    tomas = widget.author_rows()[1]
    qtbot.mouseClick(tomas.name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(tomas.name, Qt.Key.Key_End)
    qtbot.keyClicks(tomas.name, " Reyes")
    assert authors(document) == [MARA, ("Tomas Okafor Reyes", TOMAS[1])]
    assert document.folder is not None
    document.save()
    assert saved_authors(document.folder) == [
        {"name": MARA[0], "url": MARA[1]},
        {"name": "Tomas Okafor Reyes", "url": TOMAS[1]},
    ]
    document.undo_stack.undo()  # the whole name typed is one step
    assert authors(document) == [MARA, TOMAS]
    assert shown(widget) == [MARA, TOMAS]


def test_every_home_page_is_shown_and_set_with_three_authors(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    with_three_authors(document)
    widget = field(qtbot, document)
    assert shown(widget) == [MARA, TOMAS, ANA]
    clear_and_type(qtbot, widget.author_rows()[2].url, "https://ana.example")
    clear_and_type(qtbot, widget.author_rows()[0].url, "")
    assert authors(document) == [(MARA[0], None), TOMAS, (ANA[0], "https://ana.example")]
    names = [row.url.accessibleName() for row in widget.author_rows()]
    assert names == ["Home page of author 1", "Home page of author 2", "Home page of author 3"]


def test_an_author_is_added_from_the_keyboard(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = field(qtbot, document)
    widget.author_rows()[1].remove.setFocus()
    qtbot.keyClick(widget.author_rows()[1].remove, Qt.Key.Key_Tab)
    assert focused() is widget.add
    qtbot.keyClick(widget.add, Qt.Key.Key_Space)
    new = widget.author_rows()[2]
    qtbot.waitUntil(lambda: focused() is new.name)
    assert authors(document) == [MARA, TOMAS]  # an unnamed row is no author yet
    qtbot.keyClicks(new.name, "Ana Ruiz")
    qtbot.keyClick(new.name, Qt.Key.Key_Tab)
    assert focused() is new.url
    qtbot.keyClicks(new.url, ANA[1])
    assert authors(document) == [MARA, TOMAS, ANA]


def test_a_home_page_typed_before_the_name_waits_for_it(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    widget = field(qtbot, document)
    qtbot.mouseClick(widget.add, Qt.MouseButton.LeftButton)
    new = widget.author_rows()[2]
    qtbot.keyClicks(new.url, ANA[1])
    assert authors(document) == [MARA, TOMAS]
    assert (new.url.text(), new.hint.text()) == (ANA[1], NAME_FIRST)
    qtbot.keyClicks(new.name, "Ana Ruiz")
    assert authors(document) == [MARA, TOMAS, ANA]
    assert not new.hint.isVisibleTo(widget)


def test_an_author_is_removed_and_comes_back_on_undo(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    with_three_authors(document)
    widget = field(qtbot, document)
    qtbot.mouseClick(widget.author_rows()[1].remove, Qt.MouseButton.LeftButton)
    assert authors(document) == [MARA, ANA]
    assert shown(widget) == [MARA, ANA]
    assert focused() is widget.author_rows()[1].name  # the next author takes its place
    document.undo_stack.undo()
    assert shown(widget) == [MARA, TOMAS, ANA]
    assert authors(document) == [MARA, TOMAS, ANA]


def test_removing_the_last_author_focuses_add(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = field(qtbot, document)
    for _ in range(2):
        row = widget.author_rows()[0]
        row.remove.setFocus()
        qtbot.keyClick(row.remove, Qt.Key.Key_Space)
    assert authors(document) == []
    assert focused() is widget.add
    assert widget.label.buddy() is widget.add


def test_authors_move_with_alt_arrows_and_keep_their_home_pages(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    with_three_authors(document)
    widget = field(qtbot, document)
    mara = widget.author_rows()[0]
    mara.name.setFocus()
    qtbot.keyClick(mara.name, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(mara.name, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(mara.name, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # last already
    assert authors(document) == [TOMAS, ANA, MARA]
    assert shown(widget) == [TOMAS, ANA, MARA]
    assert focused() is mara.name
    assert mara.name.accessibleName() == "Name of author 3"
    assert document.undo_stack.count() == 2  # a step a move
    # Tab goes through the rows in the order they are shown.
    ana = widget.author_rows()[1]
    ana.url.setFocus()
    qtbot.keyClick(ana.url, Qt.Key.Key_Tab)
    assert focused() is ana.remove
    qtbot.keyClick(ana.remove, Qt.Key.Key_Tab)
    assert focused() is mara.name
    qtbot.mouseClick(mara.up, Qt.MouseButton.LeftButton)
    assert authors(document) == [TOMAS, MARA, ANA]
    document.undo_stack.undo()
    assert shown(widget) == [TOMAS, ANA, MARA]


def test_a_home_page_that_is_not_a_url_stays_typed_and_named(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    widget = field(qtbot, document)
    tomas = widget.author_rows()[1]
    clear_and_type(qtbot, tomas.url, "example.org/tomas")
    assert tomas.url.text() == "example.org/tomas"
    assert tomas.hint.text() == "must be an http:// or https:// URL"
    assert tomas.url.property("invalid") is True
    assert authors(document)[1] == ("Tomas Okafor", None)  # emptied on the way, the rest refused
    qtbot.keyClick(tomas.name, Qt.Key.Key_End)
    qtbot.keyClicks(tomas.name, " Reyes")  # the other field: the URL stays typed
    assert authors(document)[1] == ("Tomas Okafor Reyes", None)
    assert tomas.url.text() == "example.org/tomas"
    assert tomas.hint.isVisibleTo(widget)
    clear_and_type(qtbot, tomas.url, "https://tomas.example")
    assert authors(document)[1] == ("Tomas Okafor Reyes", "https://tomas.example")
    assert not tomas.hint.isVisibleTo(widget)


def test_a_cleared_name_keeps_the_author_and_says_why(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    widget = field(qtbot, document)
    mara = widget.author_rows()[0]
    clear_and_type(qtbot, mara.name, "")
    assert authors(document) == [MARA, TOMAS]
    assert mara.hint.text() == NAME_NEEDED
    qtbot.keyClicks(mara.name, "Mara Ellison-Park")
    assert authors(document) == [("Mara Ellison-Park", MARA[1]), TOMAS]
    assert not mara.hint.isVisibleTo(widget)


def test_a_sole_authors_home_page(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = field(qtbot, document)
    qtbot.mouseClick(widget.author_rows()[1].remove, Qt.MouseButton.LeftButton)
    mara = widget.author_rows()[0]
    clear_and_type(qtbot, mara.url, "https://mara.example")
    assert authors(document) == [("Mara Ellison", "https://mara.example")]


def test_undo_and_reload_show_the_reviews_authors(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = field(qtbot, document)
    qtbot.mouseClick(widget.add, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(widget.author_rows()[2].name, "Ana Ruiz")
    qtbot.mouseClick(widget.add, Qt.MouseButton.LeftButton)  # left empty
    assert len(widget.author_rows()) == 4
    document.undo_stack.undo()
    assert shown(widget) == [MARA, TOMAS]
    document.undo_stack.redo()
    assert shown(widget) == [MARA, TOMAS, ("Ana Ruiz", "")]
    assert document.folder is not None
    document.replace_review(bundle.load(document.folder))
    assert shown(widget) == [MARA, TOMAS]


def test_no_author_more_than_a_review_may_hold(qtbot: QtBot, document: ReviewDocument) -> None:
    many = [Author(name=f"Author {number}") for number in range(AUTHORS)]
    document.replace_review(document.review.model_copy(update={"authors": many}))
    widget = field(qtbot, document)
    assert len(widget.author_rows()) == AUTHORS
    assert not widget.add.isEnabled()
    qtbot.mouseClick(widget.author_rows()[0].remove, Qt.MouseButton.LeftButton)
    assert widget.add.isEnabled()


def test_no_author_is_named_in_the_field(qtbot: QtBot, document: ReviewDocument) -> None:
    widget = field(qtbot, document)
    for _ in range(2):
        qtbot.mouseClick(widget.author_rows()[0].remove, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(document.checks.checked):
        document.checks.run()
    assert widget.hint.isVisibleTo(widget)
    assert widget.hint.text().startswith("none given")


def test_the_authors_label_focuses_the_first_name(qtbot: QtBot, document: ReviewDocument) -> None:
    pane = MetadataPane(document)
    shown_active(qtbot, pane)
    pane.title.setFocus()
    qtbot.waitUntil(lambda: focused() is pane.title)
    qtbot.keyClick(pane.title, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    first: AuthorRow = pane.authors.author_rows()[0]
    assert focused() is first.name
