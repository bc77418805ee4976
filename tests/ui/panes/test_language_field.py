"""The review's language in Metadata: a BCP 47 tag typed or completed from the common ones,
named in words beside it; one that is not a tag is said in plain words."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.language_names import language_name
from reviewdesk.ui.panes.language_field import NOT_A_TAG, LanguageField
from tests.ui.panes.rows import retype, saved, shown_active

# The offscreen platform's stubs for what a completer's popup asks of a real window system.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise\\(\\)",
    "This plugin does not support grabbing the keyboard",
    extend=True,
)


def field(qtbot: QtBot, document: ReviewDocument) -> LanguageField:
    widget = LanguageField(document)
    shown_active(qtbot, widget)
    return widget


def test_a_review_without_a_language_shows_the_default_and_saves_as_it_was(
    qtbot: QtBot, document: ReviewDocument, sample_bundle: Path
) -> None:
    language = field(qtbot, document)
    assert language.edit.text() == "" and language.edit.placeholderText() == "en (English)"
    assert language.name.text() == "English"
    document.save()
    assert "language" not in saved(sample_bundle)


def test_a_tag_typed_is_the_review_language(
    qtbot: QtBot, document: ReviewDocument, sample_bundle: Path
) -> None:
    language = field(qtbot, document)
    qtbot.keyClicks(language.edit, "de-CH")
    assert document.review.language == "de-CH"
    assert language.name.text() == "German (Switzerland)"
    document.save()
    assert saved(sample_bundle)["language"] == "de-CH"
    retype(qtbot, language.edit, "")
    assert document.review.language == "en"


def test_what_is_not_a_tag_is_said_and_the_review_keeps_its_own(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    language = field(qtbot, document)
    qtbot.keyClicks(language.edit, "en_GB")  # as a locale is written, not a tag
    assert language.hint.text() == NOT_A_TAG and language.edit.property("invalid") is True
    assert document.review.language == "en"
    retype(qtbot, language.edit, "fr")
    assert document.review.language == "fr" and language.edit.property("invalid") is False
    # A tag taken: what is said now, if anything, is that its dictionary is missing (once
    # the spelling knows), no more that it is no tag.
    assert language.hint.text() in ("", *[p.message for p in document.checks.problems])
    assert "dictionary" in language.hint.text() or language.hint.text() == ""


def test_a_tag_is_completed_from_the_common_ones(qtbot: QtBot, document: ReviewDocument) -> None:
    language = field(qtbot, document)
    language.edit.setFocus()
    qtbot.keyClicks(language.edit, "pt")
    completer = language.edit.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    offered = [completer.completionModel().index(i, 0).data() for i in range(2)]
    assert offered == ["pt  Portuguese", "pt-BR  Portuguese (Brazil)"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert language.edit.text() == "pt-BR" and document.review.language == "pt-BR"


def test_tags_are_named_in_english() -> None:
    assert language_name("en-GB") == "English (United Kingdom)"
    assert language_name("zh-Hant") == "Chinese (Traditional Han)"
    assert language_name("es-419") == "Spanish (Latin America)"
    assert language_name("qq") == ""


def test_a_tag_of_no_known_language_is_kept_and_said(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    language = field(qtbot, document)
    qtbot.keyClicks(language.edit, "qq")
    assert document.review.language == "qq"
    assert language.name.text() == "unknown language"
