import re

from hypothesis import given
from hypothesis import strategies as st

from reviewdesk.core.line_breaks import BLOCK_END, LineBreaks

# Where a Qt text document ends a block: "\r\n" is one break.
BREAK = re.compile("\r\n|[\r\n\u2029\ufdd0\ufdd1]")
# Every way a text box ends a line, and what it keeps as it is.
texts = st.text(st.sampled_from("ab \r\n\u2028\u2029\ufdd0\ufdd1"), max_size=30)


@given(texts)
def test_a_text_read_back_unedited_is_itself(text: str) -> None:
    breaks = LineBreaks(text)
    assert breaks.raw == BREAK.sub(BLOCK_END, text)
    assert breaks.text(breaks.raw) == text


@given(texts, st.data())
def test_an_edit_keeps_every_break_it_does_not_touch(text: str, data: st.DataObject) -> None:
    """After any edit of the raw text (as a document makes it), the text read back is what
    the document holds, and the breaks before the edit are the text's own; a new block end
    is a line break in the text's style."""
    breaks = LineBreaks(text)
    raw = breaks.raw
    start = data.draw(st.integers(0, len(raw)), "start")
    end = data.draw(st.integers(start, len(raw)), "end")
    inserted = data.draw(st.text(st.sampled_from("xy" + BLOCK_END), max_size=4), "inserted")
    edited_raw = raw[:start] + inserted + raw[end:]
    edited = breaks.text(edited_raw)
    assert LineBreaks(edited).raw == edited_raw
    old, new = BREAK.findall(text), BREAK.findall(edited)
    before = raw.count(BLOCK_END, 0, start)
    assert new[:before] == old[:before]
    head = start + sum(len(kept) - 1 for kept in old[:before])
    assert edited[:head] == text[:head]
    emptied = BLOCK_END * 2 in edited_raw[max(start - 1, 0) : start + len(inserted) + 1]
    if BLOCK_END not in raw[start:end] + inserted and not emptied:  # (an emptied line: below)
        assert new == old
    assert set(new) - set(old) <= {breaks.style, "\r\n"}  # "\r\n" only for a "\r" (below)


@given(texts, st.data())
def test_after_edits_one_after_another_the_text_is_what_the_document_holds(
    text: str, data: st.DataObject
) -> None:
    breaks = LineBreaks(text)
    raw = breaks.raw
    for _ in range(data.draw(st.integers(1, 4), "edits")):
        start = data.draw(st.integers(0, len(raw)), "start")
        end = data.draw(st.integers(start, len(raw)), "end")
        raw = raw[:start] + data.draw(st.text(st.sampled_from("x" + BLOCK_END)), "in") + raw[end:]
        assert LineBreaks(breaks.text(raw)).raw == raw


def test_new_lines_take_the_style_the_text_uses_most() -> None:
    assert LineBreaks("One.\r\n\r\nTwo.\r\n").style == "\r\n"
    assert LineBreaks("a\rb\r\nc\rd").style == "\r"
    assert LineBreaks("a\r\nb\nc").style == "\n"  # a tie: a line feed
    assert LineBreaks("a\u2029b").style == "\n"
    windows = LineBreaks("One.\r\n\r\nTwo.\r\n")
    assert windows.text(windows.raw + "Three." + BLOCK_END) == "One.\r\n\r\nTwo.\r\nThree.\r\n"


def test_an_edit_never_joins_two_breaks_into_one() -> None:
    """A carriage return right before a line feed would read back as one break."""
    breaks = LineBreaks("\ra\n")  # a tie: new lines are line feeds
    assert breaks.text(BLOCK_END + BLOCK_END + "a" + BLOCK_END) == "\r\r\na\n"
    breaks = LineBreaks("\rX\n\n")
    assert breaks.text(BLOCK_END + BLOCK_END + BLOCK_END) == "\r\r\n\n"


def test_line_separators_are_no_block_ends() -> None:
    breaks = LineBreaks("One\u2028two")
    assert breaks.raw == "One\u2028two"
    assert breaks.text("One\u2028two.") == "One\u2028two."


def test_breaks_of_mixed_styles_each_stay_through_edits() -> None:
    text = "a\r\nb\nc\rd\u2029e"
    breaks = LineBreaks(text)
    assert breaks.raw == "a" + BLOCK_END + "b" + BLOCK_END + "c" + BLOCK_END + "d" + BLOCK_END + "e"
    raw = breaks.raw.replace("b", "bee")
    assert breaks.text(raw) == "a\r\nbee\nc\rd\u2029e"
    raw = raw.replace("c" + BLOCK_END, "")  # the line "c" and its break go
    assert breaks.text(raw) == "a\r\nbee\nd\u2029e"
    raw = raw.replace("d", "d" + BLOCK_END)  # a new line after "d": in the style, "\n"
    assert breaks.text(raw) == "a\r\nbee\nd\u2029\ne"
    raw = raw.replace(BLOCK_END, "")  # every line joined
    assert breaks.text(raw) == "abeede"
    assert breaks.text(raw + BLOCK_END) == "abeede\n"
