"""The sample's exports, checked by the Nu HTML Checker."""

import re
from pathlib import Path

from reviewdesk.core import bundle, exports
from reviewdesk.core.layout import SECTION_IDS
from reviewdesk.core.model import Review
from tests.review_blocks import with_blocks

from .vnu import VnuChecker, format_messages

# DESIGN §1, top to bottom.
ORDER = [
    "category",
    "badges",
    "title",
    "subtitle",
    "tags",
    "hero",
    "summary",
    "body",
    "pros",
    "cons",
    "key_features",
    "key_insights",
]


def test_sample_page_shows_every_section_in_order(sample_bundle: Path) -> None:
    page = exports.export(bundle.load(sample_bundle), sample_bundle, "html").text
    positions = [page.find(f'data-field="{section}"') for section in ORDER]
    assert all(p > 0 for p in positions), dict(zip(ORDER, positions, strict=True))
    assert positions == sorted(positions)


def test_a_page_with_every_review_block_shows_them_in_order(
    sample_bundle: Path, tmp_path: Path, vnu: VnuChecker
) -> None:
    review = with_blocks(bundle.load(sample_bundle))
    bundle.save(review, sample_bundle)
    page = exports.export(review, sample_bundle, "html").text
    order = list(SECTION_IDS)[list(SECTION_IDS).index("category") :]
    positions = [page.find(f'data-field="{field}"') for field in order]
    assert all(p > 0 for p in positions), dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    files = [_page(review, sample_bundle, tmp_path, embed) for embed in (False, True)]
    files.append(_fragment_page(review, sample_bundle, tmp_path))
    rated = with_blocks(bundle.load(sample_bundle), rating=None, slug="rated-by-scores")
    files.append(_page(rated, sample_bundle, tmp_path, False))
    errors = vnu(files)
    assert errors == [], format_messages(errors)


def test_sample_html_and_fragment_have_no_html_errors(
    sample_bundle: Path, tmp_path: Path, vnu: VnuChecker
) -> None:
    review = bundle.load(sample_bundle)
    files = [_page(review, sample_bundle, tmp_path, embed) for embed in (False, True)]
    files.append(_fragment_page(review, sample_bundle, tmp_path))
    minimal = bundle.create(tmp_path / "minimal", "Only a title")
    files.append(_page(minimal, tmp_path / "minimal", tmp_path, False))
    errors = vnu(files)
    assert errors == [], format_messages(errors)


def test_the_checker_sees_errors_in_our_pages(
    sample_bundle: Path, tmp_path: Path, vnu: VnuChecker
) -> None:
    page = _page(bundle.load(sample_bundle), sample_bundle, tmp_path, False)
    page.write_text(re.sub(r'id="review-pros"', 'id="review-title"', page.read_text()))
    assert any("Duplicate ID" in e.message for e in vnu([page]))


def _page(review: Review, folder: Path, out: Path, embed: bool) -> Path:
    result = exports.export(review, folder, "html", exports.ExportOptions(embed_images=embed))
    target = out / f"{review.effective_slug}-{'embed' if embed else 'files'}.html"
    exports.write(result, target)
    return target


def _fragment_page(review: Review, folder: Path, out: Path) -> Path:
    fragment = exports.export(review, folder, "fragment").text
    target = out / "fragment.html"
    target.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>CMS</title></head>'
        f"<body><main>{fragment}</main></body></html>"
    )
    return target
