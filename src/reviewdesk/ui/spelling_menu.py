"""What a misspelled word's context menu offers, in the body and in every field: the
dictionary's suggestions, "Add to My Dictionary", "Add to This Site's Dictionary" and "Ignore",
above the editor's own actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from reviewdesk.ui.document_spelling import DocumentSpelling

SUGGESTION_NAME = "spelling_suggestion"  # the object name of each suggestion's action


def add_spelling_actions(
    menu: QMenu, spelling: DocumentSpelling, word: str, replace: Callable[[str], None]
) -> None:
    """Put the spelling's actions for the misspelled `word` first in `menu`; a suggestion
    picked goes to `replace`."""
    first = menu.actions()[0] if menu.actions() else None
    added: list[QAction] = []

    def action(label: str, slot: Callable[[], None] | None) -> QAction:
        made = QAction(label, menu)
        if slot is None:
            made.setEnabled(False)
        else:
            made.triggered.connect(slot)
        added.append(made)
        return made

    suggestions = spelling.suggest(word)
    for suggestion in suggestions:
        action(suggestion, partial(replace, suggestion)).setObjectName(SUGGESTION_NAME)
    if not suggestions:
        action("No suggestions", None)
    added.append(_separator(menu))
    action("Add to My Dictionary", lambda: _add(menu, spelling, word, site=False))
    to_site = partial(_add, menu, spelling, word, site=True) if spelling.has_site else None
    action("Add to This Site's Dictionary", to_site)
    action("Ignore", lambda: spelling.ignore(word))
    added.append(_separator(menu))
    if first is None:
        menu.addActions(added)
    else:
        menu.insertActions(first, added)


def _add(menu: QMenu, spelling: DocumentSpelling, word: str, *, site: bool) -> None:
    try:
        spelling.add(word, site=site)
    except (OSError, ValueError) as error:
        QMessageBox.warning(menu.parentWidget(), "Word not added", f"The word list: {error}")


def _separator(menu: QMenu) -> QAction:
    separator = QAction(menu)
    separator.setSeparator(True)
    return separator
