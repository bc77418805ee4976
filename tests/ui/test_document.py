"""The document and its undo commands, against the model alone (no widgets)."""

import gc
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.core.edits import EditError
from reviewdesk.core.model import Review
from reviewdesk.ui.commands import SetFieldCommand
from reviewdesk.ui.document import ReviewDocument


@pytest.fixture
def document(sample_bundle: Path) -> ReviewDocument:
    return ReviewDocument.open(sample_bundle)


class Clock:
    """The document's clock, moved on by hand: pauses without waiting."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.1  # a keystroke every tenth of a second
        return self.now


@pytest.fixture
def clock(document: ReviewDocument) -> Clock:
    document.clock = clock = Clock()
    return clock


def type_into(document: ReviewDocument, path: str, text: str) -> None:
    """Type `text` at the end of the field, a key at a time."""
    for character in text:
        document.set(path, document.value(path) + character)


def undo_all_the_way(document: ReviewDocument, path: str) -> list[str]:
    """The field's value after each Undo, back to the start."""
    seen = []
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
        seen.append(document.value(path))
    return seen


def test_typing_is_undone_a_word_at_a_time(document: ReviewDocument, clock: Clock) -> None:
    document.set("summary", "")
    type_into(document, "summary", "Clear sound, long battery")
    assert undo_all_the_way(document, "summary")[:-1] == [
        "Clear sound, long ",
        "Clear sound, ",
        "Clear ",
        "",
    ]


def test_a_pause_ends_a_step(document: ReviewDocument, clock: Clock) -> None:
    document.set("summary", "")
    type_into(document, "summary", "Quiet")
    clock.now += 5
    type_into(document, "summary", "er")
    assert undo_all_the_way(document, "summary")[:2] == ["Quiet", ""]


def test_deleting_and_pasting_are_steps_of_their_own(
    document: ReviewDocument, clock: Clock
) -> None:
    document.set("summary", "")
    type_into(document, "summary", "Loud")
    for _ in range(2):  # Backspace twice
        document.set("summary", document.value("summary")[:-1])
    document.set("summary", document.value("summary") + " and clear")  # pasted
    type_into(document, "summary", "ly")
    assert undo_all_the_way(document, "summary")[:4] == ["Lo and clear", "Lo", "Loud", ""]


def test_steps_follow_the_fields_in_the_order_typed(document: ReviewDocument, clock: Clock) -> None:
    original = document.review.title
    document.set("title", "Hello")
    document.set("summary", "S")
    type_into(document, "title", "!")
    assert document.undo_stack.count() == 3
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert (document.review.title, document.review.summary) == ("Hello", document.value("summary"))
    document.undo_stack.undo()
    assert document.review.title == original
    assert not document.modified


def test_undo_and_redo_across_fields_and_nested_paths(document: ReviewDocument) -> None:
    before = document.review
    document.set("seo.description", "New description")
    document.set("pros", ["Only this"], merge=False)
    assert document.value("seo.description") == "New description"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.review == before
    document.undo_stack.redo()
    document.undo_stack.redo()
    assert document.review.pros == ["Only this"]


def test_signals(document: ReviewDocument, qtbot: QtBot) -> None:
    fields: list[str] = []
    document.changed.connect(fields.append)
    with qtbot.waitSignal(document.modified_changed) as modified:
        document.set("pros", ["A", "B"])
    assert (fields, modified.args) == (["pros"], [True])
    assert document.modified
    with qtbot.waitSignal(document.modified_changed) as modified:
        document.undo_stack.undo()
    assert modified.args == [False]


def test_invalid_values_are_refused_and_leave_no_trace(document: ReviewDocument) -> None:
    before = document.review
    with pytest.raises(EditError, match="lower-case letters"):
        document.set("slug", "Not A Slug")
    with pytest.raises(EditError, match="must not be empty"):
        document.set("title", "   ")
    assert document.review == before
    assert document.undo_stack.count() == 0


def test_save_writes_exactly_the_model_and_marks_clean(
    document: ReviewDocument, tmp_path: Path
) -> None:
    document.set("title", "Saved title")
    document.save()
    assert not document.modified
    assert document.folder is not None
    assert bundle.load(document.folder) == document.review
    document.save(tmp_path / "copy")
    assert document.folder == tmp_path / "copy"
    assert bundle.load(tmp_path / "copy") == document.review


def test_replace_review_resets_history(document: ReviewDocument) -> None:
    document.set("title", "Changed")
    document.replace_review(Review(title="Other"))
    assert (document.undo_stack.count(), document.modified, document.review.title) == (
        0,
        False,
        "Other",
    )


def test_a_new_review_has_no_folder_until_saved(
    document: ReviewDocument, qtbot: QtBot, tmp_path: Path
) -> None:
    document.set("title", "Changed")
    with qtbot.waitSignal(document.folder_changed):
        document.start_new(Review(title="Untitled"))
    assert (document.folder, document.modified, document.undo_stack.count()) == (None, False, 0)
    with pytest.raises(ValueError, match="needs one"):
        document.save()
    document.save(tmp_path / "new")
    assert document.folder == tmp_path / "new"
    assert bundle.load(tmp_path / "new").title == "Untitled"


def commands_alive() -> int:
    gc.collect()
    return sum(isinstance(o, SetFieldCommand) for o in gc.get_objects())


def test_typing_on_extends_one_step_and_keeps_no_command_beyond_the_history(
    document: ReviewDocument, clock: Clock
) -> None:
    document.set("summary", "")
    before = commands_alive()
    type_into(document, "summary", "x" * 50)
    assert document.undo_stack.count() == 2  # emptied, then typed
    assert commands_alive() - before == 1  # no merged-away command left alive


def test_typing_after_a_save_starts_a_new_step(document: ReviewDocument) -> None:
    document.set("summary", "Saved words")
    document.save()
    document.set("summary", "Saved words and more")
    document.undo_stack.undo()
    assert document.review.summary == "Saved words" and not document.modified


edits_of_a_text = st.lists(
    st.one_of(
        st.tuples(st.just("type"), st.integers(0, 10_000), st.text("ab \n", max_size=3),
                  st.integers(0, 3), st.booleans()),
        st.tuples(st.just("undo")),
        st.tuples(st.just("redo")),
        st.tuples(st.just("save")),
    ),
    max_size=40,
)  # fmt: skip


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=edits_of_a_text)
def test_every_step_of_the_history_gives_back_its_text(
    document: ReviewDocument, steps: list[tuple[object, ...]]
) -> None:
    """Steps keep only the span edited; undo and redo must still land on the exact text each
    step of the history had, through merges, saves and branches."""
    document.replace_review(document.review.model_copy(update={"body": "word " * 400}))
    stack = document.undo_stack
    texts = {0: document.review.body}
    for step in steps:
        match step:
            case ("type", int(at), str(typed), int(removed), bool(merge)):
                body = document.review.body
                at %= len(body) + 1
                edited = body[:at] + typed + body[at + removed :]
                document.set("body", edited, merge=merge)
                if edited != body:  # an edit that changes nothing makes no step
                    texts = {i: t for i, t in texts.items() if i < stack.index()}
                    texts[stack.index()] = document.review.body
            case ("undo",):
                stack.undo()
            case ("redo",):
                stack.redo()
            case ("save",):
                stack.setClean()
        assert document.review.body == texts[stack.index()]
    for index in sorted(texts):
        stack.setIndex(index)
        assert document.review.body == texts[index]


def test_a_long_history_of_a_long_body_holds_what_was_typed_not_copies_of_the_body(
    document: ReviewDocument,
) -> None:
    body = "A sentence of a long review body. " * 30_000  # 1 MB
    document.replace_review(document.review.model_copy(update={"body": body}))
    tracemalloc.start()
    try:
        for step in range(100):
            at = 500_000 + step
            body = body[:at] + "x" + body[at:]
            document.set("body", body, merge=False)  # a step each, like a key after a save
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert document.undo_stack.count() == 100
    assert held < 3 * len(body)  # the body itself, once or twice; not 200 copies of it
    document.undo_stack.setIndex(0)
    assert document.review.body == "A sentence of a long review body. " * 30_000


def test_typing_on_after_an_undo_drops_what_was_undone(document: ReviewDocument) -> None:
    """Found by the property test above: typing after an undo extended the step undone to,
    and a redo then replayed an edit onto a text it was not made from."""
    document.replace_review(document.review.model_copy(update={"body": "word"}))
    document.set("body", "aword")
    document.set("body", "aaword", merge=False)
    document.undo_stack.undo()
    document.set("body", "word")  # typed on in the same field, merging
    assert not document.undo_stack.canRedo()
    document.undo_stack.redo()
    assert document.review.body == "word"
