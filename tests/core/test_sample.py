"""The sample review (resources/sample), opened on first start, shows every review block: a
verdict, weighted scores, specifications, two offers (one sponsored, with the disclosure) and
an update, so a writer sees them all at once."""

from reviewdesk.core import bundle
from reviewdesk.core.layout import BLOCK_FIELDS, shown_blocks
from reviewdesk.core.resources import resource


def test_the_sample_shows_every_review_block() -> None:
    review = bundle.load(resource("sample"))
    assert shown_blocks(review) == BLOCK_FIELDS
    assert review.verdict and review.best_for and review.skip_if
    assert len(review.scores) >= 2 and any(score.weight != 1 for score in review.scores)
    assert len(review.specs) >= 2
    assert [offer.sponsored for offer in review.offers] == [False, True]
    assert all(offer.price is not None for offer in review.offers) and review.disclosure
    assert len(review.updates) == 1
