"""A long body's blocks are laid out only in or near view (CSS content-visibility): Chromium
keeps no layout for the rest. Only blocks whose look it cannot change: a list whose last item
ends in a paragraph would lose the margin it shares with the list, so it is laid out as ever.
A body that gets short again is laid out whole."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.preview.dom_patch import LONG_BODY
from reviewdesk.ui.preview.preview_view import PreviewView

FIRST_LOAD_MS = 20_000
PARAGRAPHS = "\n\n".join(f"Paragraph {n}." for n in range(LONG_BODY))
LISTS = "- tight\n- list\n\nBetween.\n\n- loose\n\n- list, its items paragraphs\n"
SEEN = """[...document.querySelectorAll('[data-field="body"] > :is(p, ul)')].map(
  (block) => getComputedStyle(block).contentVisibility)"""


def test_a_long_bodys_blocks_are_laid_out_when_seen_and_a_short_ones_always(
    qtbot: QtBot, sample_bundle: Path
) -> None:
    review = bundle.load(sample_bundle)
    bundle.save(review.model_copy(update={"body": f"{PARAGRAPHS}\n\n{LISTS}"}), sample_bundle)
    document = ReviewDocument.open(sample_bundle)
    view = PreviewView(document)
    qtbot.addWidget(view)
    view.resize(900, 700)
    with qtbot.waitSignal(view.ready, timeout=FIRST_LOAD_MS):
        view.show()
    seen = view.run_js(SEEN)
    assert seen == ["auto"] * LONG_BODY + ["auto", "auto", "visible"]  # ..., loose list

    with qtbot.waitSignal(view.rendered, timeout=FIRST_LOAD_MS):
        document.set("body", f"Paragraph 1.\n\n{LISTS}")
    assert view.run_js(SEEN) == ["visible"] * 4
