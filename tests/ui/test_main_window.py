"""The assembled window, driven as a writer would."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle, recovery
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.hero_pane import HeroPane
from reviewdesk.ui.panes.lists_pane import ListsPane
from reviewdesk.ui.panes.metadata_pane import MetadataPane
from reviewdesk.ui.panes.seo_pane import SeoPane
from reviewdesk.ui.panes.summary_pane import SummaryPane
from reviewdesk.ui.panes.tags_pane import TagsPane
from reviewdesk.ui.preferences import PreferencesDialog
from reviewdesk.ui.settings import APPEARANCE, EDITOR_FONT_SIZE, Settings
from reviewdesk.ui.widgets.string_list_editor import StringListEditor

PaneT = TypeVar("PaneT", bound=QWidget)


@pytest.fixture
def window(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    # A modal question offscreen would wait forever: answer "discard" unless a test asks.
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    document = ReviewDocument.open(sample_bundle)
    main = MainWindow(document, Settings(str(tmp_path / "settings.ini")))
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.preview.ready, timeout=30_000):
        main.show()
    yield main
    document.undo_stack.setClean()  # nothing to ask when the test closes it


def metadata(window: MainWindow) -> MetadataPane:
    pane = window.findChild(MetadataPane)
    assert pane is not None
    return pane


def lists_editor(window: MainWindow, field: str) -> StringListEditor:
    return next(p for p in window.findChildren(ListsPane) if field in p.editors).editors[field]


def test_typing_a_title_updates_model_preview_and_modified_marker(
    qtbot: QtBot, window: MainWindow
) -> None:
    title = metadata(window).title
    title.selectAll()
    with qtbot.waitSignal(window.preview.rendered, timeout=10_000):
        qtbot.keyClicks(title, "Hands on with Wrenfall")
    assert window.document.review.title == "Hands on with Wrenfall"
    assert window.preview.run_js("document.querySelector('h1').textContent.trim()") == (
        "Hands on with Wrenfall"
    )
    assert window.isWindowModified()
    assert window.windowTitle().startswith("Hands on with Wrenfall")


def test_undo_across_panes_and_save(qtbot: QtBot, window: MainWindow) -> None:
    pane = metadata(window)
    pane.category.selectAll()
    qtbot.keyClicks(pane.category, "Models")
    window.document.set("pros", ["Only one"], merge=False)
    window.document.undo_stack.undo()
    assert window.document.review.pros[0] == "Fast on ordinary laptops, even without a GPU"
    assert window.files.save()
    assert not window.isWindowModified()
    assert window.document.folder is not None
    assert bundle.load(window.document.folder).category == "Models"


def test_closing_with_unsaved_changes_asks(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.document.set("summary", "Changed")
    window.close()
    assert asked == ["Save changes?"]
    assert window.isVisible()


def test_a_problem_brings_up_its_pane(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.problems.counted, timeout=5000):
        window.document.set("pros", ["Only one pro"], merge=False)
        window.document.set("cons", [], merge=False)
    item = window.problems.item(0)
    assert (
        item.text().startswith("Pros & cons")
        and "cannot get a pros/cons rich result" in item.text()
    )
    window.problems.itemActivated.emit(item)
    assert window.panes.tabText(window.panes.currentIndex()) == "Pros && cons"
    pros = lists_editor(window, "pros")
    qtbot.waitUntil(lambda: window.focusWidget() is pros.list_widget)


def test_a_repeated_item_focuses_its_row(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.problems.counted, timeout=5000):
        window.document.set("cons", ["Slow", "Loud", "slow"], merge=False)
    texts = [window.problems.item(row).text() for row in range(window.problems.count())]
    row = next(row for row, text in enumerate(texts) if text.endswith("item 3: repeats 'slow'"))
    window.problems.itemActivated.emit(window.problems.item(row))
    cons = lists_editor(window, "cons")
    qtbot.waitUntil(lambda: window.focusWidget() is cons.list_widget)
    assert cons.list_widget.currentRow() == 2


def test_a_body_problem_puts_the_cursor_on_its_line(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.problems.counted, timeout=5000):
        window.document.set("body", "First.\n\nSecond.\n\n![Chart](assets/gone.png)\n")
    window.problems.itemActivated.emit(window.problems.item(0))
    edit = window.body.editor.plain_text_edit
    qtbot.waitUntil(lambda: window.focusWidget() is edit)
    assert edit.textCursor().blockNumber() == 4


def test_checks_show_as_hints_under_their_fields(qtbot: QtBot, window: MainWindow) -> None:
    window.show_field("seo")  # its pane is made as its tab is first shown
    seo = window.findChild(SeoPane)
    assert seo is not None
    seo.description.selectAll()
    with qtbot.waitSignal(window.document.checks.checked, timeout=5000):
        qtbot.keyClicks(seo.description, "Short")
    hints = [hint for hint in seo.findChildren(QLabel, "fieldHint") if hint.isVisible()]
    assert [hint.text() for hint in hints] == ["is 5 characters; search results show 50-160"]
    window.problems.itemActivated.emit(window.problems.item(0))
    qtbot.waitUntil(lambda: window.focusWidget() is seo.description)


def test_autosaved_changes_are_offered_back(qtbot: QtBot, window: MainWindow) -> None:
    lost = window.document.review.model_copy(update={"summary": "Written before the crash"})
    recovery.write(lost, window.document.folder)
    offer = window.files.offer_recovery()
    assert offer is not None and offer.box is not None
    (restore,) = [b for b in offer.box.buttons() if b.text() == "Restore"]
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert window.document.review.summary == "Written before the crash"
    assert window.isWindowModified()


def menu_action(window: MainWindow, menu: str, text: str) -> QAction:
    (bar_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == menu]
    assert isinstance(bar_menu, QMenu)
    (found,) = [a for a in bar_menu.actions() if a.text().startswith(text)]
    return found


def test_an_external_edit_reloads_the_open_review(qtbot: QtBot, window: MainWindow) -> None:
    folder = window.document.folder
    assert folder is not None
    with qtbot.waitSignal(window.preview.rendered, timeout=10_000):
        (folder / "body.md").write_text("## Rewritten elsewhere\n\nBy git.\n", encoding="utf-8")
    assert window.body.editor.text() == "## Rewritten elsewhere\n\nBy git.\n"
    assert window.preview.run_js("document.querySelector('#review-body h2').textContent") == (
        "Rewritten elsewhere"
    )
    assert not window.isWindowModified()
    assert "body.md" in window.statusBar().currentMessage()


def test_an_external_edit_of_a_modified_review_asks_first(qtbot: QtBot, window: MainWindow) -> None:
    folder = window.document.folder
    assert folder is not None
    window.document.set("summary", "Mine, not saved")
    (folder / "body.md").write_text("Theirs.\n", encoding="utf-8")
    qtbot.waitUntil(window.reload_bar.isVisible)
    assert window.document.review.summary == "Mine, not saved"
    qtbot.mouseClick(window.reload_bar.keep_button, Qt.MouseButton.LeftButton)
    assert not window.reload_bar.isVisible()
    assert window.files.save()
    assert bundle.load(folder).summary == "Mine, not saved"


def test_help_shows_markdown_syntax_and_every_shortcut(window: MainWindow) -> None:
    menu_action(window, "&Help", "&Markdown Help").trigger()
    menu_action(window, "&Help", "&Keyboard Shortcuts").trigger()
    shown = {d.windowTitle(): d.findChild(QTextBrowser) for d in window.findChildren(QDialog)}
    syntax = shown["Markdown Help"]
    assert syntax is not None and "![Alt text](assets/photo.png)" in syntax.toPlainText()
    keys = shown["Keyboard Shortcuts"]
    assert keys is not None
    text = keys.toPlainText()
    for action in ("Save", "Undo", "Bold", "Find next", "Preview"):
        assert action in text
    assert QKeySequence(QKeySequence.StandardKey.Save).toString() in text
    assert "Alt+Up" in text


def test_edit_find_opens_the_body_search_from_any_pane(qtbot: QtBot, window: MainWindow) -> None:
    window.panes.setCurrentIndex(0)
    menu_action(window, "&Edit", "&Find in Body").trigger()
    assert window.panes.currentWidget() is window.body
    bar = window.body.editor.find_bar
    qtbot.waitUntil(bar.find_field.hasFocus)
    qtbot.keyClicks(bar.find_field, "Wrenfall")
    assert window.body.editor.plain_text_edit.textCursor().selectedText() == "Wrenfall"


def _type_line(qtbot: QtBot, edit: QLineEdit | QPlainTextEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _type_item(qtbot: QtBot, editor: StringListEditor, text: str) -> None:
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.list_widget.focusWidget() or editor.list_widget, text)
    qtbot.keyClick(editor.list_widget.focusWidget() or editor.list_widget, Qt.Key.Key_Return)


# (pane, what to type into, where the preview shows it): one per pane of the window.
PANE_EDITS: dict[str, tuple[Callable[[QtBot, MainWindow, str], object], str]] = {
    "metadata": (
        lambda bot, w, text: _type_line(bot, metadata(w).category, text),
        "document.querySelector('[data-field=category]').textContent",
    ),
    "tags": (
        lambda bot, w, text: (
            bot.keyClicks(_pane(w, TagsPane).chips.edit, text),
            bot.keyClick(_pane(w, TagsPane).chips.edit, Qt.Key.Key_Return),
        ),
        "[...document.querySelectorAll('[data-field=tags] li')].at(-1).textContent",
    ),
    "hero": (
        lambda bot, w, text: _type_line(bot, _pane(w, HeroPane).caption, text),
        "document.querySelector('[data-field=hero] figcaption').textContent",
    ),
    "summary": (
        lambda bot, w, text: _type_line(bot, _pane(w, SummaryPane).summary, text),
        "document.querySelector('[data-field=summary] p').textContent",
    ),
    "body": (
        lambda bot, w, text: _type_line(bot, w.body.editor.plain_text_edit, text),
        "document.querySelector('[data-field=body]').textContent",
    ),
    "pros": (
        lambda bot, w, text: _type_item(bot, lists_editor(w, "pros"), text),
        "[...document.querySelectorAll('[data-field=pros] li')].at(-1).textContent",
    ),
    "key_insights": (
        lambda bot, w, text: _type_item(bot, lists_editor(w, "key_insights"), text),
        "[...document.querySelectorAll('[data-field=key_insights] li')].at(-1).textContent",
    ),
    "seo": (
        lambda bot, w, text: _type_line(bot, _pane(w, SeoPane).title, text),
        "document.title",
    ),
}


def _pane(window: MainWindow, kind: type[PaneT]) -> PaneT:
    found = window.findChild(kind)
    assert found is not None
    return found


@pytest.mark.parametrize("field", PANE_EDITS)
def test_typing_in_each_pane_reaches_model_preview_and_title(
    qtbot: QtBot, window: MainWindow, field: str
) -> None:
    type_in, shown_at = PANE_EDITS[field]
    window.show_field(field)
    text = f"Typed in {field.replace('_', ' ')}"
    with qtbot.waitSignal(window.preview.rendered, timeout=10_000):
        type_in(qtbot, window, text)
    assert text in str(window.document.review.model_dump(mode="json")) + window.document.review.body
    assert str(window.preview.run_js(shown_at)).strip().removeprefix("#") == text
    assert window.isWindowModified() and window.windowTitle().endswith("[*] — ReviewDesk")
    window.document.undo_stack.undo()
    assert text not in str(window.document.review.model_dump(mode="json"))


def test_preferences_set_the_look_and_the_body_text_size(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[str] = []
    monkeypatch.setattr("reviewdesk.ui.preferences.apply_appearance", asked.append)
    menu_action(window, "&Edit", "Pre&ferences").trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.appearance.setFocus()
    qtbot.keyClick(dialog.appearance, Qt.Key.Key_End)  # the last choice: dark
    dialog.font_size.selectAll()
    qtbot.keyClicks(dialog.font_size, "17")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert asked == ["dark"]
    assert window.body.editor.plain_text_edit.font().pointSize() == 17
    settings = Settings(str(tmp_path / "settings.ini"))
    assert (settings.get(APPEARANCE), int(settings.get(EDITOR_FONT_SIZE))) == ("dark", 17)


def test_the_preview_zooms_in_steps_and_back(window: MainWindow) -> None:
    zoom = menu_action(window, "&View", "Preview &zoom").menu()
    assert isinstance(zoom, QMenu)
    for _ in range(3):
        zoom.actions()[0].trigger()
    assert window.preview.web_view.zoomFactor() == pytest.approx(1.3)
    window.preview.zoom(0)
    assert window.preview.web_view.zoomFactor() == 1.0


def test_window_size_and_both_splitters_are_remembered(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.resize(780, 560)  # within the offscreen screen, 800x600
    window.splitter.setSizes([300, 480])
    problems_box = window.form_splitter.widget(1)
    assert problems_box is not None
    problems_box.show()
    window.form_splitter.setSizes([350, 120])
    sizes = (window.splitter.sizes(), window.form_splitter.sizes())
    window.close()
    again = MainWindow(window.document, Settings(str(tmp_path / "settings.ini")))
    qtbot.addWidget(again)
    again.show()
    assert again.size() == window.size()
    assert again.splitter.sizes() == sizes[0]
    with qtbot.waitSignal(again.problems.counted, timeout=5000):  # the list shows again
        again.document.set("cons", [""], merge=False)
    qtbot.waitUntil(lambda: again.form_splitter.sizes()[1] == sizes[1][1])


IN_VIEW = (
    "((e) => { const r = e.getBoundingClientRect(); return r.top > -1 && r.top < innerHeight; })"
)


def test_the_preview_follows_the_pane_and_the_body_cursor(qtbot: QtBot, window: MainWindow) -> None:
    pros = "document.querySelector('[data-field=pros]')"
    assert not window.preview.run_js(f"{IN_VIEW}({pros})")
    window.show_field("pros")
    qtbot.waitUntil(lambda: window.preview.run_js(f"{IN_VIEW}({pros})"))

    window.show_field("body")
    edit = window.body.editor.plain_text_edit
    lines = edit.toPlainText().split("\n")
    target = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("## "))
    heading = lines[target].removeprefix("## ")
    window.body.editor.go_to_line(target + 1)
    shown = (
        "[...document.querySelectorAll('[data-field=body] h2')]"
        f".find((h) => h.textContent === {heading!r})"
    )
    qtbot.waitUntil(lambda: window.preview.run_js(f"{IN_VIEW}({shown})"))
