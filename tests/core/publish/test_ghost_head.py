"""The stylesheet a Ghost post carries: scoped to the review, sized by the post's text."""

import re

from reviewdesk.core.publish.ghost_head import stylesheet


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


def test_every_rule_is_inside_the_review() -> None:
    selectors = _selectors(stylesheet())
    assert len(selectors) > 50
    outside = [s for s in selectors if not re.match(r"(\.wp-block-group)?\.review\b", s)]
    assert outside == []


def test_no_length_is_in_rem_which_ghost_themes_make_ten_pixels() -> None:
    css = stylesheet()
    assert re.search(r"[0-9]rem\b", css) is None
    assert "0.95em" in css  # the plugin's 0.95rem, kept as a size


def test_comments_are_left_out_and_the_braces_balance() -> None:
    css = stylesheet()
    assert "/*" not in css
    assert css.count("{") == css.count("}")
    assert "@container reviewdesk" in css
