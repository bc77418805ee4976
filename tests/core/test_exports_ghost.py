"""`--to ghost`: the Ghost Admin API post, field by field (Ghost's own validator: tests/e2e)."""

import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.core import bundle, exports
from reviewdesk.core.exports import cms, ghost
from reviewdesk.core.exports.base import ExportOptions
from reviewdesk.core.jsonld import review_jsonld
from reviewdesk.core.model import Author, Hero, Review, Seo, Status
from tests.conftest import run_reviewdesk
from tests.strategies import reviews

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
BASE = "https://cdn.example.org/reviews/wrenfall/"
# The properties of `posts#/definitions/post` in @tryghost/admin-api-schema 4.7.5: the
# validator drops any other key without an error.
GHOST_KEYS = {
    "title", "slug", "mobiledoc", "lexical", "html", "feature_image", "feature_image_alt",
    "feature_image_caption", "featured", "status", "locale", "visibility", "visibility_filter",
    "tiers", "meta_title", "meta_description", "updated_at", "published_at", "custom_excerpt",
    "codeinjection_head", "codeinjection_foot", "og_image", "og_title", "og_description",
    "twitter_image", "twitter_title", "twitter_description", "email_subject", "custom_template",
    "canonical_url", "email_only", "authors", "tags", "collections",
}  # fmt: skip
JSONLD = re.compile(r'<script type="application/ld\+json">(.*)</script>\Z', re.S)
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def tz(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


def post_of(
    review: Review, folder: Path, options: ExportOptions | None = None, now: datetime = NOW
) -> tuple[dict[str, Any], list[str]]:
    data, warnings = ghost.payload(review, folder, options or ExportOptions(), now=now)
    assert list(data) == ["posts"] and len(data["posts"]) == 1
    post: dict[str, Any] = data["posts"][0]
    return post, warnings


def jsonld_in(post: dict[str, Any]) -> Any:
    match = JSONLD.search(post["codeinjection_head"])
    assert match, post["codeinjection_head"][:200]
    return json.loads(match[1])


def test_sample_maps_every_field(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    post, _ = post_of(review, sample_bundle)
    assert set(post) <= GHOST_KEYS
    assert post["title"] == review.title
    assert post["slug"] == "wrenfall-3-mini-review"
    assert post["status"] == "draft"  # ready: finished, not public (docs/STATUS.md)
    assert post["published_at"] == "2026-03-18T00:00:00.000Z"
    assert post["custom_excerpt"] == review.subtitle
    assert post["feature_image"] == "assets/hero.png"
    assert review.hero is not None and review.seo is not None
    assert post["feature_image_alt"] == review.hero.alt
    assert post["feature_image_caption"] == review.hero.caption
    assert (post["meta_title"], post["meta_description"]) == (
        review.seo.title,
        review.seo.description,
    )
    for network in ("og", "twitter"):
        assert post[f"{network}_title"] == review.seo.title
        assert post[f"{network}_description"] == review.seo.description
        assert post[f"{network}_image"] == "assets/hero.png"
    assert post["canonical_url"] == review.seo.canonical_url
    assert "updated_at" not in post and "authors" not in post


def test_html_is_the_article_as_published_in_one_lossless_html_card(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    html = post_of(review, sample_bundle)[0]["html"]
    assert html.startswith('<!--kg-card-begin: html-->\n<div class="wp-block-group review')
    assert html.endswith("</div>\n<!--kg-card-end: html-->")
    for part in ("summary", "body", "list--pros", "list--cons", "list--key-features",
                 "list--key-insights", "rating", "badges", "byline"):  # fmt: skip
        assert f"review-{part}" in html, part
    # What Ghost's themes print from the post's own fields is not printed twice.
    for part in ("title", "deck", "hero", "tags", "category"):
        assert f"review-{part}" not in html, part
    assert "<h1" not in html
    assert all(item.replace("'", "&#39;") in html for item in review.pros + review.cons)


def test_jsonld_is_in_the_code_injection_and_not_in_the_html(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    post, _ = post_of(review, sample_bundle)
    canonical = review.seo.canonical_url if review.seo else None
    assert jsonld_in(post) == review_jsonld(review, page_url=canonical)
    assert "ld+json" not in post["html"] and "<script" not in post["html"]
    # The stylesheet comes first, every rule of it inside the article.
    assert post["codeinjection_head"].startswith("<style>.wp-block-group.review {")


def test_tags_by_name_category_first_without_repeats(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    assert review.category in review.tags  # the sample repeats its category as a tag
    tags = post_of(review, sample_bundle)[0]["tags"]
    names = ["Small Language Models", "Halden Bay Labs", "Wrenfall", "On-Device AI", "Open Weights"]
    assert tags == [{"name": name} for name in names]


def test_tag_names_ghost_would_refuse_are_mended(tmp_path: Path) -> None:
    # A tag is at most 100 characters (core/limits.py); a category may run past Ghost's 191.
    review = Review(title="T", category="x" * 200, tags=[", Phones", "phones", ",,"])
    post, warnings = post_of(review, tmp_path)
    names = [tag["name"] for tag in post["tags"]]
    assert names[1] == "Phones" and len(names) == 2  # "phones" repeats it, ",," is empty
    assert len(names[0]) == 191 and names[0].endswith("…")
    assert any("191" in w for w in warnings)


def test_no_category_and_no_tags_leave_tags_out(tmp_path: Path) -> None:
    assert "tags" not in post_of(Review(title="T"), tmp_path)[0]


@pytest.mark.parametrize(
    ("status", "published", "expected"),
    [
        (Status.DRAFT, None, "draft"),
        (Status.DRAFT, date(2026, 5, 1), "draft"),
        (Status.DRAFT, date(2027, 1, 1), "draft"),
        (Status.READY, None, "draft"),
        (Status.READY, date(2026, 5, 1), "draft"),
        (Status.READY, date(2027, 1, 1), "draft"),
        (Status.PUBLISHED, date(2026, 5, 1), "published"),
        (Status.PUBLISHED, datetime(2026, 6, 1, 12, 1, tzinfo=UTC), "scheduled"),
        (Status.PUBLISHED, datetime(2026, 6, 1, 13, 59, tzinfo=tz(2)), "published"),
    ],
)  # fmt: skip
def test_status_from_the_review_status_and_date(
    tmp_path: Path, status: Status, published: date | None, expected: str
) -> None:
    post, _ = post_of(Review(title="T", status=status, published=published), tmp_path)
    assert post["status"] == expected
    assert ("published_at" in post) is (published is not None)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(2026, 4, 11), "2026-04-11T00:00:00.000Z"),
        (datetime(2026, 4, 12, 9, 30, tzinfo=tz(2)), "2026-04-12T07:30:00.000Z"),
        (datetime(2026, 4, 12, 21, 0, tzinfo=tz(-5)), "2026-04-13T02:00:00.000Z"),
        (datetime(2026, 4, 12, 9, 30, 15, 250000, tzinfo=UTC), "2026-04-12T09:30:15.250Z"),
        # Their UTC moments lie outside what a date-time holds: the nearest one is taken.
        (datetime(1, 1, 1, tzinfo=tz(14)), "0001-01-01T00:00:00.000Z"),
        (datetime(9999, 12, 31, 23, 59, 59, tzinfo=tz(-12)), "9999-12-31T23:59:59.999Z"),
    ],
)  # fmt: skip
def test_published_at_is_utc_with_z(tmp_path: Path, published: date, expected: str) -> None:
    assert post_of(Review(title="T", published=published), tmp_path)[0]["published_at"] == expected


def test_asset_base_url_makes_every_image_absolute(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    post, warnings = post_of(review, sample_bundle, ExportOptions(asset_base_url=BASE))
    hero = BASE + "assets/hero.png"
    assert post["feature_image"] == post["og_image"] == post["twitter_image"] == hero
    assert f'src="{BASE}assets/chart.png"' in post["html"]
    assert f'src="{hero}"' not in post["html"]  # the theme shows it, as the feature image
    assert not re.search(r'src="(?!https?:)', post["html"])
    assert jsonld_in(post)["review"]["image"] == hero
    assert not any("relative" in w for w in warnings)


def test_without_asset_base_url_images_stay_relative_with_a_warning(sample_bundle: Path) -> None:
    post, warnings = post_of(bundle.load(sample_bundle), sample_bundle)
    assert 'src="assets/chart.png"' in post["html"]
    assert "image" not in jsonld_in(post)["review"]  # search engines need an absolute URL
    assert any("relative paths" in w and "--asset-base-url" in w for w in warnings)


def test_a_review_without_images_needs_no_base_url(tmp_path: Path) -> None:
    post, warnings = post_of(Review(title="T", body="Text only."), tmp_path)
    assert warnings == []
    assert "feature_image" not in post


def test_image_urls_are_valid_uri_references(tmp_path: Path) -> None:
    review = Review(
        title="T",
        hero=Hero(image="assets/my hero ä%.png"),
        seo=Seo(canonical_url="https://example.org/ä/100%#x#y"),
    )
    post, _ = post_of(review, tmp_path, ExportOptions(asset_base_url="https://cdn.example.org/ü/"))
    assert (
        post["feature_image"] == "https://cdn.example.org/%C3%BC/assets/my%20hero%20%C3%A4%25.png"
    )
    assert post["canonical_url"] == "https://example.org/%C3%A4/100%25#x%23y"


def test_authors_are_left_to_ghost_with_a_warning(tmp_path: Path) -> None:
    review = Review(title="T", authors=[Author(name="Jane Doe"), Author(name="Sam Roe")])
    post, warnings = post_of(review, tmp_path)
    assert "authors" not in post
    assert any("Jane Doe, Sam Roe" in w for w in warnings)
    assert "Jane Doe" in post["html"]  # the byline keeps them


def test_a_long_deck_is_cut_on_a_word_boundary_to_300_characters(tmp_path: Path) -> None:
    deck = " ".join(f"word{n}" for n in range(100))  # 589 characters
    post, warnings = post_of(Review(title="T", subtitle=deck), tmp_path)
    excerpt = post["custom_excerpt"]
    assert len(excerpt) <= 300 and excerpt.endswith("…")
    kept = excerpt.removesuffix("…")
    assert deck.startswith(kept) and deck[len(kept)] == " "
    assert any("custom_excerpt" in w and "300" in w for w in warnings)
    assert post["og_description"] == deck[: len(post["og_description"]) - 1] + "…"


def test_a_deck_of_exactly_300_characters_is_kept(tmp_path: Path) -> None:
    deck = ("abcd " * 60)[:300]
    post, warnings = post_of(Review(title="T", subtitle=deck), tmp_path)
    assert post["custom_excerpt"] == deck and warnings == []


@given(text=st.text(max_size=80), limit=st.integers(2, 40))
def test_fit_keeps_whole_words_within_the_limit(text: str, limit: int) -> None:
    warnings: list[str] = []
    fitted = cms.fit(text, limit, "x", warnings)
    assert len(fitted) <= limit
    if len(text) <= limit:
        assert (fitted, warnings) == (text, [])
        return
    assert fitted.endswith("…") and len(warnings) == 1
    kept = fitted.removesuffix("…")
    assert text.startswith(kept)
    if kept and not text[len(kept)].isspace():  # cut inside a word: only if it is the only one
        assert not any(c.isspace() for c in text[: limit - 1].strip())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(review=reviews, base=st.sampled_from([None, BASE]))
def test_any_review_gives_a_post_ghost_accepts(
    tmp_path: Path, review: Review, base: str | None
) -> None:
    post, _ = post_of(review, tmp_path, ExportOptions(asset_base_url=base))
    assert set(post) <= GHOST_KEYS
    assert post["title"] and post["status"] in {"draft", "published", "scheduled"}
    for key, limit in ghost.LIMITS.items():
        assert len(post.get(key, "")) <= limit, key
    assert all(0 < len(tag["name"]) <= ghost.LIMITS["tag"] for tag in post.get("tags", []))
    if "published_at" in post:
        assert ISO_Z.match(post["published_at"])
    if post["status"] == "scheduled":
        assert datetime.fromisoformat(post["published_at"]) > NOW
    assert jsonld_in(post)["review"]["name"] == review.title
    json.dumps(post)


# --- the command line ----------------------------------------------------------------------


def test_cli_prints_the_payload_and_warnings(sample_bundle: Path) -> None:
    done = run_reviewdesk("export", sample_bundle, "--to", "ghost")
    assert done.returncode == 0, done.stderr
    post = json.loads(done.stdout)["posts"][0]
    assert post["slug"] == "wrenfall-3-mini-review"
    assert "warning: images keep their relative paths" in done.stderr


def test_cli_writes_the_file_named(sample_bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "post.json"
    done = run_reviewdesk(
        "export", sample_bundle, "--to", "ghost", "--asset-base-url", BASE, "-o", out
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Wrote {out}\n"
    post = json.loads(out.read_text(encoding="utf-8"))["posts"][0]
    assert post["feature_image"] == BASE + "assets/hero.png"
    assert sorted(p.name for p in out.parent.iterdir()) == ["post.json"]


def test_export_registry_gives_the_same_payload(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    result = exports.export(review, sample_bundle, "ghost")
    assert result.suffix == ".json" and result.assets == ()
    assert json.loads(result.text)["posts"][0]["title"] == review.title
