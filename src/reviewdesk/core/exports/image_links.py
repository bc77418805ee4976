"""Image sources of a review replaced by others: where an export puts its copies of the
images (Jekyll's `/assets/SLUG/`, the Markdown export's `STEM_files/`), and back."""

from __future__ import annotations

import re
from collections.abc import Mapping

from reviewdesk.core.image_sources import HTML_IMAGE, MARKDOWN_IMAGE
from reviewdesk.core.model import Review


def rewrite(body: str, sources: Mapping[str, str]) -> str:
    """`body` with each image source that is a key of `sources` replaced by its value."""
    if not sources:
        return body

    def replace(match: re.Match[str]) -> str:
        return match["lead"] + sources.get(match["src"], match["src"])

    return HTML_IMAGE.sub(replace, MARKDOWN_IMAGE.sub(replace, body))


def relinked(review: Review, sources: Mapping[str, str]) -> Review:
    """`review` with its hero and body images replaced as `rewrite` does."""
    if not sources:
        return review
    update: dict[str, object] = {"body": rewrite(review.body, sources)}
    if review.hero is not None and review.hero.image in sources:
        update["hero"] = review.hero.model_copy(update={"image": sources[review.hero.image]})
    return review.model_copy(update=update)
