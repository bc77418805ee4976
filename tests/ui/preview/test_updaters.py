"""The live preview patches its page: typing in a long body changes only the block typed in,
the reader keeps their place, and the page always equals the HTML export."""

import json
import random
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bench.generate import write_bundle
from reviewdesk.core.dates import human_date
from reviewdesk.core.exports import html
from reviewdesk.core.layout import BLOCK_FIELDS, LayoutOptions
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.preview.preview_view import PreviewView
from tests.review_blocks import BLOCKS

FIRST_LOAD_MS = 20_000

# Counts the nodes added to and removed from the body from now on, and notes page loads.
WATCH_BODY = """(() => {
  window.bodyChanges = {added: 0, removed: 0};
  window.notReloaded = true;
  new MutationObserver((records) => {
    for (const record of records) {
      window.bodyChanges.added += record.addedNodes.length;
      window.bodyChanges.removed += record.removedNodes.length;
    }
  }).observe(document.querySelector('[data-field="body"]'), {childList: true});
  return true;
})()"""

# The page's <main> as the browser parses it, and the export's, parsed the same way.
SAME_AS_EXPORT = """((exported) => {
  const parsed = new DOMParser().parseFromString(exported, 'text/html');
  return [parsed.querySelector('main').innerHTML === document.querySelector('main').innerHTML,
          parsed.title === document.title,
          parsed.head.innerHTML === document.head.innerHTML,
          parsed.documentElement.lang === document.documentElement.lang];
})"""


@pytest.fixture
def long_review(tmp_path: Path) -> ReviewDocument:
    return ReviewDocument.open(write_bundle(tmp_path / "long", 20_000, seed=3))


@pytest.fixture
def view(qtbot: QtBot, long_review: ReviewDocument) -> PreviewView:
    view = PreviewView(long_review)
    qtbot.addWidget(view)
    view.resize(900, 700)
    with qtbot.waitSignal(view.ready, timeout=FIRST_LOAD_MS):
        view.show()
    return view


def _same_as_export(view: PreviewView, document: ReviewDocument) -> list[bool]:
    exported = html.render(document.review, LayoutOptions())
    assert view.page_html == exported
    found: list[bool] = view.run_js(f"{SAME_AS_EXPORT}({json.dumps(exported)})")
    return found


def test_typing_in_the_middle_changes_one_block_and_keeps_the_place(
    qtbot: QtBot, view: PreviewView, long_review: ReviewDocument
) -> None:
    body = long_review.review.body
    middle = body.index("\n\n", len(body) // 2) + 2  # the start of a paragraph mid-body
    view.run_js("document.scrollingElement.scrollTo(0, 20000)")
    qtbot.waitUntil(lambda: view.run_js("window.scrollY") == 20000)
    assert view.run_js(WATCH_BODY)
    patched = view.run_js("reviewdesk.state.patched")
    for typed in ("W", "Wo", "Wor", "Word "):
        with qtbot.waitSignal(view.rendered, timeout=5000):
            long_review.set("body", body[:middle] + typed + body[middle:])
    assert view.run_js("reviewdesk.state.patched") - patched == 4  # one block a key
    # Its nodes: the paragraph and the newline before it, replaced once a key.
    assert view.run_js("window.bodyChanges") == {"added": 8, "removed": 8}
    typed_in = (
        "[...document.querySelectorAll('[data-field=body] p')].filter(p => "
        "p.textContent.startsWith('Word ')).length"
    )
    assert view.run_js(typed_in) == 1
    assert view.run_js("window.scrollY") == 20000
    assert view.run_js("window.notReloaded") is True  # the same page: never reloaded
    assert _same_as_export(view, long_review) == [True] * 4


def test_edits_anywhere_leave_the_page_equal_to_the_export(
    qtbot: QtBot, view: PreviewView, long_review: ReviewDocument
) -> None:
    rng = random.Random(7)
    review = long_review.review
    edits = [
        ("title", "A new title"),
        ("pros", [*review.pros, "One more pro"]),
        ("tags", []),
        ("summary", ""),
        ("body", "# Only a heading\n\nAnd a [link][x].\n\n[x]: https://example.org\n"),
        ("body", ""),
        ("body", review.body),
        ("cons", []),
        ("subtitle", "A deck"),
    ]
    for index in range(6):
        text = long_review.review.body
        at = rng.randrange(len(text))
        edits.append(("body", text[:at] + rng.choice(["\n\n## New", " *x* ", "\n\n- a\n"]) +
                      text[at + index:]))  # fmt: skip
    for field, value in edits:
        with qtbot.waitSignal(view.rendered, timeout=10_000):
            long_review.set(field, value, merge=False)
        assert _same_as_export(view, long_review) == [True] * 4, field


def test_another_review_gets_a_fresh_page_from_the_top(
    qtbot: QtBot, view: PreviewView, long_review: ReviewDocument, sample_bundle: Path
) -> None:
    view.run_js("document.scrollingElement.scrollTo(0, 5000)")
    with qtbot.waitSignal(view.rendered, timeout=10_000):
        long_review.reopen(sample_bundle)
    assert view.run_js("window.scrollY") == 0
    assert view.run_js("document.querySelector('h1').textContent") == long_review.review.title
    assert _same_as_export(view, long_review) == [True] * 4


def test_review_blocks_appear_change_and_go_as_the_export_shows_them(
    qtbot: QtBot, view: PreviewView, long_review: ReviewDocument
) -> None:
    edits: list[tuple[str, object]] = [(field, BLOCKS[field]) for field in BLOCK_FIELDS]
    edits += [
        ("verdict", "A shorter verdict."),
        ("offers", BLOCKS["offers"][:1]),
        ("rating", None),  # now computed from the scores
        ("scores", []),
        ("disclosure", ""),
        ("offers", []),
        ("best_for", []),
    ]
    for field, value in edits:
        with qtbot.waitSignal(view.rendered, timeout=10_000):
            long_review.set(field, value, merge=False)
        assert _same_as_export(view, long_review) == [True] * 4, field
    shown = "[...document.querySelectorAll('[data-field]')].map((e) => e.dataset.field)"
    assert "skip_if" in view.run_js(shown) and "scores" not in view.run_js(shown)


def test_a_change_of_language_requotes_the_page_and_sets_its_lang_without_a_reload(
    qtbot: QtBot, view: PreviewView, long_review: ReviewDocument
) -> None:
    with qtbot.waitSignal(view.rendered, timeout=10_000):
        long_review.set("body", '"Quoted" words.\n\nMore.', merge=False)
    view.run_js("window.notReloaded = true")
    first = "document.querySelector('[data-field=body] p').textContent"
    published = "document.querySelector('[data-field=published]').textContent"
    day = long_review.review.published
    assert isinstance(day, date)
    assert view.run_js(first) == "\u201cQuoted\u201d words."
    assert view.run_js(published) == human_date(day, "en")
    with qtbot.waitSignal(view.rendered, timeout=10_000):
        long_review.set("language", "de", merge=False)
    assert view.run_js("document.documentElement.lang") == "de"
    assert view.run_js(first) == "\u201eQuoted\u201c words."
    assert view.run_js(published) == human_date(day, "de") != human_date(day, "en")
    assert view.run_js("window.notReloaded") is True
    assert _same_as_export(view, long_review) == [True] * 4
