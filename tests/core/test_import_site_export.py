"""A Hugo page or Jekyll post that ReviewDesk exported imports back as the review it was made
from, every key of it (import_site_export.py), whatever the review holds; the real builds of
those pages are tested in tests/e2e/test_static_site_builds.py."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from reviewdesk.core import bundle, checks, exports, front_matter, importer
from reviewdesk.core.exports.publication import goes_live
from reviewdesk.core.exports.site_keys import SITES
from reviewdesk.core.model import Review, Status
from reviewdesk.core.problems import Severity
from reviewdesk.core.resources import resource
from tests.review_blocks import with_blocks
from tests.strategies import reviews

SITES_NAMES = sorted(SITES)


def exported(review: Review, folder: Path, to: str, site: Path, **options: Any) -> Path:
    """`review` exported into `site`: the page's file."""
    result = exports.export(review, folder, to, exports.ExportOptions(**options))
    exports.write(result, site / result.location, root=site)
    return site / result.location


def as_written(review: Review, to: str) -> Review:
    """`review` as its page can hold it: without the `extra` keys named as keys the export
    writes (in any case), which it leaves out."""
    own = SITES[to].own
    extra = {key: value for key, value in review.extra.items() if key.lower() not in own}
    return review.model_copy(update={"extra": extra})


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(review=reviews)
def test_any_review_comes_back_from_its_page(tmp_path: Path, review: Review) -> None:
    for to in SITES_NAMES:
        with tempfile.TemporaryDirectory(dir=tmp_path) as site:
            page = exported(review, tmp_path, to, Path(site))
            back, warnings = importer.read_markdown(page)
            text = page.read_text(encoding="utf-8")
        expected = as_written(review, to)
        if goes_live(review) and review.published is None:  # dated by the export, as it says
            expected = expected.model_copy(update={"published": back.published})
            assert back.published is not None
        assert back.model_copy(update={"body": ""}) == expected.model_copy(update={"body": ""})
        # The body as it was published: the HTML the page holds.
        assert back.body == front_matter.split(text).body
        assert not any("extra" in warning for warning in warnings), warnings


@pytest.mark.parametrize("to", SITES_NAMES)
@pytest.mark.parametrize("raw_html", [False, True])
def test_the_sample_with_every_block_comes_back_with_its_images(
    tmp_path: Path, to: str, raw_html: bool
) -> None:
    folder = tmp_path / "sample"
    shutil.copytree(resource("sample"), folder)
    review = with_blocks(bundle.load(folder), status=Status.READY)
    bundle.save(review, folder)
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / ("hugo.toml" if to == "hugo" else "_config.yml")).touch()
    into = site / "content" if to == "hugo" else site
    page = exported(review, folder, to, into, raw_html=raw_html)
    back, warnings = importer.import_markdown(page, tmp_path / "back")
    assert back.model_copy(update={"body": ""}) == review.model_copy(update={"body": ""})
    assert warnings == []
    # Every image it shows is in the new bundle: the hero as it was, the body's from the site.
    assert [p for p in checks.check(tmp_path / "back") if p.severity is Severity.ERROR] == []
    hero = "assets/hero.png"
    assert (tmp_path / "back" / hero).read_bytes() == (folder / hero).read_bytes()


def test_a_value_edited_past_reading_is_kept_under_extra(tmp_path: Path) -> None:
    """A hand-edited page of ours: what no field can hold is kept and said, never refused."""
    page = exported(Review(title="T"), tmp_path, "hugo", tmp_path / "s")
    text = page.read_text(encoding="utf-8").replace(
        "title: T\n", "title: T\nrating: excellent\nauthors: [A, B]\nauthor_urls: [u]\n", 1
    )
    page.write_text(text, encoding="utf-8")
    back, warnings = importer.read_markdown(page)
    assert back.rating is None and [a.name for a in back.authors] == ["A", "B"]
    assert back.extra == {"rating": "excellent", "author_urls": ["u"]}
    assert [w.split(": ", 2)[1] for w in warnings] == ["rating", "author_urls"]


def test_its_own_key_edited_past_reading_is_never_a_crash(tmp_path: Path) -> None:
    page = exported(Review(title="T"), tmp_path, "jekyll", tmp_path / "s")
    text = page.read_text(encoding="utf-8")
    assert "  unset:\n    - slug\n" in text
    page.write_text(text.replace("  unset:\n    - slug", "  unset:\n    - {a: 1}\n    - [slug]"))
    back, _ = importer.read_markdown(page)
    assert back.slug == "t"  # the site's slug, as nothing says it is unset


def test_a_post_of_another_site_gives_its_review_blocks(tmp_path: Path) -> None:
    """Without ReviewDesk's own key (a page exported before it, a post of one's own), the
    blocks' keys are read as review.yaml writes them."""
    post = tmp_path / "2026-04-11-kettle.md"
    post.write_text(
        "---\ntitle: Kettle\nlang: de\nverdict: Buy it.\nbest_for: [Tea]\nskip_if: Coffee\n"
        "scores: [{name: Build, value: 4}]\nspecs: [{name: Volume, value: 1.7 l}]\n"
        "offers: [{seller: Shop, url: 'https://example.org/k', price: 20, currency: EUR}]\n"
        "disclosure: We earn a commission.\nupdates: [{date: 2026-05-01, note: Retested.}]\n"
        "---\nBody.\n",
        encoding="utf-8",
    )
    back, warnings = importer.read_markdown(post)
    assert (back.language, back.verdict, back.best_for, back.skip_if) == (
        "de", "Buy it.", ["Tea"], ["Coffee"]
    )  # fmt: skip
    assert [(s.name, s.value) for s in back.scores] == [("Build", 4.0)]
    assert [(s.name, s.value) for s in back.specs] == [("Volume", "1.7 l")]
    assert [(o.seller, o.price, o.currency) for o in back.offers] == [("Shop", 20.0, "EUR")]
    assert back.disclosure == "We earn a commission."
    assert [u.note for u in back.updates] == ["Retested."]
    assert back.extra == {} and warnings == []
