"""A review's text fields as its page shows them: each typeset in the review's language
(core/typography.py), for outputs that build the page's text outside the layout templates,
whose `typeset` filter does the same (the WordPress and Ghost article). The static sites'
front matter pairs each text with its typeset one, the summary's paragraph by paragraph as the
layouts print it (exports/site_shown.py)."""

from __future__ import annotations

import re
from functools import partial

from reviewdesk.core.model import Review
from reviewdesk.core.typography import typeset

__all__ = ["as_shown", "paragraphs"]


def as_shown(review: Review) -> Review:
    """`review` with every text field the page shows typeset; data a page does not show as
    text (URLs, slugs, alt text, SEO fields, the body) stays as typed."""
    shown = partial(typeset, language=review.language)

    def each(items: list[str]) -> list[str]:
        return [shown(item) for item in items]

    update: dict[str, object] = {
        "title": shown(review.title),
        "subtitle": shown(review.subtitle),
        "category": shown(review.category),
        "badges": each(review.badges),
        "tags": each(review.tags),
        "summary": shown(review.summary),
        "verdict": shown(review.verdict),
        "disclosure": shown(review.disclosure),
        **{name: each(getattr(review, name)) for name in _LISTS},
        "authors": [a.model_copy(update={"name": shown(a.name)}) for a in review.authors],
        "scores": [s.model_copy(update={"name": shown(s.name)}) for s in review.scores],
        "specs": [
            s.model_copy(update={"name": shown(s.name), "value": shown(s.value)})
            for s in review.specs
        ],
        "offers": [o.model_copy(update={"seller": shown(o.seller)}) for o in review.offers],
        "updates": [u.model_copy(update={"note": shown(u.note)}) for u in review.updates],
    }
    if review.hero is not None:
        update["hero"] = review.hero.model_copy(update={"caption": shown(review.hero.caption)})
    return review.model_copy(update=update)


_LISTS = ("pros", "cons", "key_features", "key_insights", "best_for", "skip_if")


def paragraphs(text: str) -> list[str]:
    """Plain text split into paragraphs at blank lines, as the page shows a summary."""
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
