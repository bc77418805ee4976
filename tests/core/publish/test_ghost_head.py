"""The stylesheet a Ghost post carries: scoped to the review, sized by the post's text."""

import re

import pytest

from reviewdesk.core.model import Review
from reviewdesk.core.publish.ghost_head import code_injection, stylesheet
from tests.review_blocks import with_blocks


def _selectors(css: str) -> list[str]:
    """Every selector of a style rule (at-rules' own preludes left out)."""
    found = []
    for found_prelude in re.findall(r"([^{}]+)\{", css):
        prelude = found_prelude.strip()
        if prelude.startswith("@"):
            continue
        # Commas at the top level only: `:is(th, td)` is one selector.
        found += [part.strip() for part in re.split(r",(?![^()]*\))", prelude)]
    return found


@pytest.mark.parametrize("blocks", [False, True])
def test_every_rule_is_inside_the_review(blocks: bool) -> None:
    selectors = _selectors(stylesheet(blocks))
    assert len(selectors) > 50
    outside = [s for s in selectors if not re.match(r"(\.wp-block-group)?\.review\b", s)]
    assert outside == []


@pytest.mark.parametrize("blocks", [False, True])
def test_no_length_is_in_rem_which_ghost_themes_make_ten_pixels(blocks: bool) -> None:
    css = stylesheet(blocks)
    assert re.search(r"[0-9]rem\b", css) is None
    assert "0.95em" in css  # the plugin's 0.95rem, kept as a size


@pytest.mark.parametrize("blocks", [False, True])
def test_comments_are_left_out_and_the_braces_balance(blocks: bool) -> None:
    css = stylesheet(blocks)
    assert "/*" not in css
    assert css.count("{") == css.count("}")
    assert "@container reviewdesk" in css


def test_the_blocks_rules_come_with_a_review_that_has_blocks() -> None:
    plain = Review(title="T")
    assert stylesheet() in code_injection(plain, None, [])
    assert ".review-score-bar" not in code_injection(plain, None, [])
    blocks = code_injection(with_blocks(plain), None, [])
    assert stylesheet(blocks=True) in blocks
    css = stylesheet(blocks=True)
    assert css.startswith(stylesheet())
    # Casper's scrolling tables made tables again, after the plugin's rules for them
    assert css.index(".review-score-bar") < css.index(
        ".review-spec-table) table {\n  display: table"
    )
