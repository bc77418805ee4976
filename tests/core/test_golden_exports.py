"""A review written before the review blocks (verdict, scores, specs, offers, updates,
language) exports byte for byte as it did then, in every format: the new keys cost nothing to
a bundle that does not use them. The expected files are the outputs of that time
(tests/core/golden/before-blocks/expected), the bundle the sample review as it was. Documented
fixes changed them since: the JSON-LD's item with pros and cons is also a Product; the page's
dates are in the review's language, "Mar 18, 2026" in English (core/dates.py), and its text
fields have the body's typographic punctuation (core/typography.py: the deck's straight
apostrophe in "Labs'" is a curly one), only the text of those dates and those characters
changed, never markup, attributes, URLs or code (the html, fragment, JSON, Ghost and WordPress
outputs); the Hugo
and Jekyll pages' front matter gained the keys their layouts print the html export's head
from and import reads the review back from (`status` of a `ready` review, `author_urls`,
`seo`, `reviewdesk`), keys added and nothing else changed (hugo.html, jekyll.html); the html
page's head gained `article:modified_time` and a Twitter card, which the Hugo and Jekyll pages
print too, two meta tags added and nothing else changed (page.html); the Hugo and Jekyll pages'
`reviewdesk` key gained `shown`, the page's dates in the review's language and its texts that
typesetting changes (the deck's), which their layouts print as the html export shows them
(core/exports/site_shown.py), a key added and nothing else changed (hugo.html, jekyll.html)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import reviewdesk
from reviewdesk.core import bundle, exports
from reviewdesk.core.resources import resource

GOLDEN = Path(__file__).with_name("golden") / "before-blocks"
EXPECTED = {
    "html": "page.html",
    "fragment": "fragment.html",
    "json": "payload.json",
    "ghost": "ghost.json",
    "wordpress": "wordpress.json",
    "markdown": "review.md",
    "hugo": "hugo.html",
    "jekyll": "jekyll.html",
}
# The one thing that may differ: the version in the JSON payload's "generator".
WRITTEN_BY = "ReviewDesk 0.1.0"


@pytest.fixture
def old_bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "old"
    folder.mkdir()
    for name in ("review.yaml", "body.md"):
        shutil.copy(GOLDEN / name, folder / name)
    shutil.copytree(resource("sample", "assets"), folder / "assets")
    return folder


@pytest.mark.parametrize("to", sorted(EXPECTED))
def test_an_old_bundle_exports_as_it_did(old_bundle: Path, to: str) -> None:
    review = bundle.load(old_bundle)
    # As the command line names them: `-o s.html` for a file, the slug in a site's folder.
    stem = review.effective_slug if to in ("hugo", "jekyll") else "s"
    result = exports.export(review, old_bundle, to, stem=stem)
    expected = (GOLDEN / "expected" / EXPECTED[to]).read_text(encoding="utf-8")
    expected = expected.replace(WRITTEN_BY, f"ReviewDesk {reviewdesk.__version__}")
    assert result.text == expected


def test_an_old_bundle_loads_and_saves_byte_for_byte(old_bundle: Path) -> None:
    before = {name: (old_bundle / name).read_bytes() for name in ("review.yaml", "body.md")}
    bundle.save(bundle.load(old_bundle), old_bundle)
    assert {name: (old_bundle / name).read_bytes() for name in before} == before
