"""core/delimited.py finds what the regular expressions it stands for find, in linear time."""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewdesk.core.delimited import Delimited

# Each with the regular expression it replaces (template_links, hugo).
CASES = [
    (Delimited((r"\{\{[<%]", r"[>%]\}\}")), re.compile(r"\{\{[<%].*?[>%]\}\}")),
    (
        Delimited((r"\{\{(?![<%])", r"\}\}"), (r"\{%", r"%\}")),
        re.compile(r"\{\{(?![<%]).*?\}\}|\{%.*?%\}"),
    ),
    (
        Delimited((r"\{\{[<%](?!/\*)", r"[>%]\}\}"), dotall=True),
        re.compile(r"\{\{([<%])(?!/\*)(.*?)([>%])\}\}", re.DOTALL),
    ),
    # The editor's word count: link targets and tags.
    (Delimited((r"\]\(", r"\)"), ("<", ">")), re.compile(r"\]\([^)\n]*\)|<[^>\n]*>")),
    # Openers of different lengths, one the start of the other.
    (Delimited(("ab", "c"), ("a", "bb")), re.compile("ab.*?c|a.*?bb")),
]
texts = st.text(alphabet="{}<>%/*ab c\n]()", max_size=40)


@settings(max_examples=2000, deadline=None)
@given(text=texts)
def test_the_spans_are_the_matches_of_the_regular_expression(text: str) -> None:
    for delimited, pattern in CASES:
        spans = [(span.start, span.end) for span in delimited.finditer(text)]
        assert spans == [match.span() for match in pattern.finditer(text)]
    shortcode, regex = CASES[2]
    commented = shortcode.sub(lambda s: f"{s.opener[0]}/*{s.inside}*/{s.closer[0]}", text)
    assert commented == regex.sub(r"{{\1/*\2*/\3}}", text)


def test_inside_and_sub_give_what_is_between_the_delimiters() -> None:
    code = Delimited((r"\{\{[<%]", r"[>%]\}\}"), dotall=True)
    text = "a {{< x\ny >}} b {{% z %}}"
    assert [span.inside for span in code.finditer(text)] == [" x\ny ", " z "]
    assert [span.text for span in code.finditer(text)] == ["{{< x\ny >}}", "{{% z %}}"]
    assert code.sub(lambda span: span.inside.strip(), text) == "a x\ny b z"
    assert Delimited((r"\{\{", r"\}\}")).search("{{ a\n}} {{ b }}") is not None
    assert Delimited((r"\{\{", r"\}\}")).search("{{ a\n}}") is None  # not across lines


def test_openers_never_closed_take_linear_time() -> None:
    liquid = Delimited((r"\{\{(?![<%])", r"\}\}"), (r"\{%", r"%\}"))
    for text in ("{{" * 100_000, "{%" * 100_000, "{{%" * 70_000 + "}}", "{{ }" * 50_000):
        started = time.perf_counter()
        list(liquid.finditer(text))
        assert time.perf_counter() - started < 2  # the regular expression: minutes
