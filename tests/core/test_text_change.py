from hypothesis import given
from hypothesis import strategies as st

from reviewdesk.core.text_change import TextChange, common_prefix, common_suffix

# Few letters, so that texts share long runs; long enough to cross the compared chunks.
texts = st.text(alphabet="ab\n", max_size=60) | st.builds(
    lambda a, b, c: a + b + c,
    st.text(alphabet="ab", max_size=5000),
    st.text(alphabet="abé😀", max_size=20),
    st.text(alphabet="ab", max_size=5000),
)


def naive_prefix(a: str, b: str) -> int:
    length = 0
    while length < min(len(a), len(b)) and a[length] == b[length]:
        length += 1
    return length


@given(texts, texts)
def test_common_prefix_and_suffix_are_the_longest(a: str, b: str) -> None:
    assert common_prefix(a, b) == naive_prefix(a, b)
    limit = min(len(a), len(b))
    assert common_suffix(a, b, limit) == naive_prefix(a[::-1], b[::-1])
    assert common_suffix(a, b, min(3, limit)) == min(naive_prefix(a[::-1], b[::-1]), 3)


@given(texts, texts)
def test_a_change_turns_old_into_new_and_back(old: str, new: str) -> None:
    change = TextChange.between(old, new)
    assert change.apply(old) == new
    assert change.inverse().apply(new) == old


def test_a_change_keeps_only_the_span_edited() -> None:
    body = "word " * 20_000
    change = TextChange.between(body, body[:50_000] + "new " + body[50_000:])
    assert change == TextChange(50_000, "", "new ")


@given(texts, texts, texts)
def test_two_changes_compose_into_one(first: str, second: str, third: str) -> None:
    composed = TextChange.between(first, second).then(TextChange.between(second, third), second)
    assert composed.apply(first) == third
    assert composed.inverse().apply(third) == first


def test_typing_on_keeps_a_step_as_small_as_what_was_typed() -> None:
    body = text = "word " * 20_000
    step = None
    for typed in range(1, 20):
        after = body[:1000] + "a sentence typed on"[:typed] + body[1000:]
        change = TextChange.between(text, after)
        step = change if step is None else step.then(change, text)
        text = after
    assert step is not None and step.apply(body) == text
    assert step == TextChange(1000, "", "a sentence typed on")
