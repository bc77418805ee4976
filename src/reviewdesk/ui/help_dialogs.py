"""Help ▸ Markdown help and Help ▸ Keyboard shortcuts: small reference windows that stay open
beside the editor while the writer works."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

# (what it gives, what to type): the Markdown the body understands (Python-Markdown "extra").
MARKDOWN_SYNTAX: tuple[tuple[str, str], ...] = (
    ("Section heading", "## Battery life"),
    ("Sub-heading", "### In daily use"),
    ("Bold, italic", "**bold**, *italic*"),
    ("Link", "[the maker's page](https://example.com)"),
    ("Image from assets/", "![Alt text](assets/photo.png)"),
    ("Bulleted list", "- first\n- second"),
    ("Numbered list", "1. first\n2. second"),
    ("Quote", "> A quoted line"),
    ("Inline code", "`--verbose`"),
    ("Code block", "```\ncode here\n```"),
    ("Table", "| Model | Score |\n|-------|------:|\n| A     | 8.5   |"),
    ("Footnote", "A claim.[^1]\n\n[^1]: The source."),
    ("Abbreviation", "*[GPU]: Graphics processing unit"),
    ("Horizontal rule", "---"),
    ("Keyboard key", "<kbd>Ctrl</kbd>+<kbd>S</kbd>"),
)

_NOTE = (
    "Headings start at <code>##</code> or <code>#</code>: either way the page keeps one title "
    "and an unbroken outline. Straight quotes and dashes become typographic ones. Scripts, "
    "frames and forms are removed from the published page."
)


def markdown_help_html() -> str:
    rows = "".join(
        f"<tr><td>{escape(what)}</td><td><pre>{escape(typed)}</pre></td></tr>"
        for what, typed in MARKDOWN_SYNTAX
    )
    return (
        "<table cellpadding='4'><tr><th align='left'>To get</th><th align='left'>Type</th></tr>"
        f"{rows}</table><p>{_NOTE}</p>"
    )


# Keys of the editors themselves, which are not actions.
EDITING_KEYS: tuple[tuple[str, str], ...] = (
    ("Next / previous pane", "Ctrl+Tab / Ctrl+Shift+Tab"),
    ("Body: carry a list or quote on to the next line", "Enter"),
    ("Body: end a list (on its empty last item)", "Enter"),
    ("Body: a new line that starts nothing", "Shift+Enter"),
    ("List: start the next item", "Enter"),
    ("List: move the item up / down", "Alt+Up / Alt+Down"),
    ("List: remove the selected item", "Delete"),
    ("List: add an item", "Insert"),
    ("List: paste several lines as several items", "Ctrl+V"),
    ("Tags: add the typed tag", "Enter or ,"),
    ("Tags: remove the last tag", "Backspace in the empty field"),
)


def shortcuts_html(actions: Iterable[QAction]) -> str:
    """A table of every action that has a shortcut, read from the actions themselves so it
    never falls out of date, then the editors' own keys."""
    rows: dict[tuple[str, str], None] = {}
    for action in actions:
        native = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if native:
            what = _plain(action.toolTip()).removesuffix(f" ({native[0]})")
            rows[what, " or ".join(native)] = None
    rows.update(dict.fromkeys(EDITING_KEYS))
    cells = "".join(f"<tr><td>{escape(what)}</td><td><b>{escape(keys)}</b></td></tr>"
                    for what, keys in rows)  # fmt: skip
    return f"<table cellpadding='4'>{cells}</table>"


def _plain(text: str) -> str:
    """An action's text without its mnemonic ampersand, shown shortcut or ellipsis (its tool
    tip: toolbar buttons show a letter, their tip says what they do)."""
    text = text.partition("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…")


def show_reference(parent: QWidget, title: str, html: str) -> QDialog:
    """A non-modal window showing `html`; closing it deletes it."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    browser = QTextBrowser()
    browser.setOpenExternalLinks(True)
    browser.setHtml(html)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.resize(560, 620)
    dialog.show()
    return dialog
