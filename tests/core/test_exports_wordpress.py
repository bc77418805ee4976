"""`--to wordpress`: the wp/v2/posts payload, checked against the committed transcription of
WordPress's schema (resources/schemas/wp-v2-post.schema.json)."""

import html
import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.core import bundle, exports
from reviewdesk.core.exports import wordpress
from reviewdesk.core.exports.base import ExportOptions
from reviewdesk.core.jsonld import review_jsonld
from reviewdesk.core.model import Author, Hero, Rating, Review, Status, Subject
from reviewdesk.core.resources import resource
from tests.conftest import run_reviewdesk
from tests.strategies import reviews

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
BASE = "https://cdn.example.org/reviews/wrenfall/"
WP_DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
META_PY_TYPES: dict[str, type | tuple[type, ...]] = {
    "number": (int, float),
    "string": str,
    "array": list,
}


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        resource("schemas", "wp-v2-post.schema.json").read_text(encoding="utf-8")
    )
    return loaded


def errors_of(body: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]


def wordpress_body(post: dict[str, Any]) -> dict[str, Any]:
    """What the caller sends once it has resolved and removed the helper keys."""
    return {key: value for key, value in post.items() if key not in wordpress.HELPER_KEYS}


def tz(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


def post_of(
    review: Review, folder: Path, options: ExportOptions | None = None, now: datetime = NOW
) -> tuple[dict[str, Any], list[str]]:
    return wordpress.payload(review, folder, options or ExportOptions(), now=now)


def test_the_committed_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert "class-wp-rest-posts-controller.php" in schema()["description"]
    writable = {
        "date", "date_gmt", "slug", "status", "password", "title", "content", "author", "excerpt",
        "featured_media", "comment_status", "ping_status", "format", "meta", "sticky", "template",
        "categories", "tags",
    }  # fmt: skip
    assert set(schema()["properties"]) == writable
    assert schema()["properties"]["status"]["enum"] == [
        "publish", "future", "draft", "pending", "private"
    ]  # fmt: skip


def test_sample_maps_every_field(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    post, _ = post_of(review, sample_bundle)
    assert errors_of(wordpress_body(post)) == []
    assert post["title"] == review.title
    assert post["slug"] == "wrenfall-3-mini-review"
    assert post["status"] == "draft"  # ready: finished, not public (docs/STATUS.md)
    # A date alone is that day in the site's time zone: as date_gmt, midnight UTC, it would
    # be the day before west of UTC.
    assert post["date"] == "2026-03-18T00:00:00"
    assert "date_gmt" not in post
    assert post["excerpt"] == review.subtitle
    assert post["terms"] == {"tags": review.tags, "categories": ["Small Language Models"]}
    assert review.hero is not None
    assert post["featured_media_path"] == "assets/hero.png"
    assert post["featured_media_alt_text"] == review.hero.alt
    assert post["featured_media_caption"] == html.escape(review.hero.caption, quote=False)
    assert "author" not in post and "featured_media" not in post
    assert set(post) - set(schema()["properties"]) <= wordpress.HELPER_KEYS


def test_meta_carries_the_structured_fields(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    meta = post_of(review, sample_bundle)[0]["meta"]
    assert review.rating is not None and review.subject is not None and review.seo is not None
    expected = {
        "reviewdesk_rating": 4.0,
        "reviewdesk_rating_best": 5,
        "reviewdesk_rating_worst": 1,
        "reviewdesk_summary": review.summary,
        "reviewdesk_pros": review.pros,
        "reviewdesk_cons": review.cons,
        "reviewdesk_key_features": review.key_features,
        "reviewdesk_key_insights": review.key_insights,
        "reviewdesk_badges": ["NEW", "HANDS-ON"],
        "reviewdesk_authors": ["Mara Ellison", "Tomas Okafor"],
        "reviewdesk_subject_name": "Wrenfall 3 Mini",
        "reviewdesk_subject_type": "SoftwareApplication",
        "reviewdesk_subject_brand": "Halden Bay Labs",
        "reviewdesk_subject_url": review.subject.url,
        "reviewdesk_subject_version": "3.0",
        "reviewdesk_updated_gmt": "2026-03-20T13:05:00",
        "reviewdesk_seo_title": review.seo.title,
        "reviewdesk_seo_description": review.seo.description,
        "reviewdesk_canonical_url": review.seo.canonical_url,
    }
    assert {k: v for k, v in meta.items() if k != "reviewdesk_jsonld"} == expected
    jsonld = json.loads(meta["reviewdesk_jsonld"])
    assert jsonld == review_jsonld(review, page_url=review.seo.canonical_url)


def test_empty_fields_are_sent_empty_so_that_an_update_clears_them(tmp_path: Path) -> None:
    meta = post_of(Review(title="T"), tmp_path)[0]["meta"]
    assert set(meta) == set(wordpress.META_TYPES)
    assert meta["reviewdesk_rating"] is None and meta["reviewdesk_summary"] == ""
    assert meta["reviewdesk_pros"] == [] and meta["reviewdesk_subject_name"] == ""


def test_content_is_the_whole_article_in_one_html_block(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    content = post_of(review, sample_bundle)[0]["content"]
    assert content.startswith("<!-- wp:html -->\n<article")
    assert content.endswith("</article>\n<!-- /wp:html -->")
    sections = ("title", "hero", "summary", "body", "pros", "cons", "key_features", "key_insights")
    for field in sections:
        assert f'data-field="{field}"' in content, field
    assert "<script" not in content  # the JSON-LD is in meta: post content may not carry scripts


@pytest.mark.parametrize(
    ("status", "published", "expected"),
    [
        (Status.DRAFT, None, "draft"),
        (Status.DRAFT, date(2027, 1, 1), "draft"),
        (Status.READY, None, "draft"),
        (Status.READY, date(2026, 5, 1), "draft"),
        (Status.READY, date(2027, 1, 1), "draft"),
        (Status.PUBLISHED, date(2026, 5, 1), "publish"),
        (Status.PUBLISHED, datetime(2026, 6, 1, 14, 1, tzinfo=tz(2)), "future"),
        (Status.PUBLISHED, datetime(2026, 6, 1, 13, 59, tzinfo=tz(2)), "publish"),
    ],
)
def test_status_from_the_review_status_and_date(
    tmp_path: Path, status: Status, published: date | None, expected: str
) -> None:
    post, _ = post_of(Review(title="T", status=status, published=published), tmp_path)
    assert post["status"] == expected
    assert ("date_gmt" in post or "date" in post) is (published is not None)
    assert errors_of(wordpress_body(post)) == []


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (datetime(2026, 4, 12, 9, 30, tzinfo=tz(2)), "2026-04-12T07:30:00"),
        (datetime(2026, 4, 12, 21, 0, tzinfo=tz(-5)), "2026-04-13T02:00:00"),
        (datetime(2026, 12, 31, 23, 30, 59, 999999, tzinfo=UTC), "2026-12-31T23:30:59"),
        # Their UTC moments lie outside what a date-time holds: the nearest one is taken.
        (datetime(1, 1, 1, tzinfo=tz(14)), "0001-01-01T00:00:00"),
        (datetime(9999, 12, 31, 23, 59, 59, tzinfo=tz(-12)), "9999-12-31T23:59:59"),
    ],
)
def test_date_gmt_is_utc_without_an_offset(tmp_path: Path, published: date, expected: str) -> None:
    assert post_of(Review(title="T", published=published), tmp_path)[0]["date_gmt"] == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [(date(2026, 4, 11), "2026-04-11T00:00:00"), (date(1, 1, 1), "0001-01-01T00:00:00")],
)
def test_a_date_alone_is_that_day_in_the_sites_time_zone(
    tmp_path: Path, published: date, expected: str
) -> None:
    post = post_of(Review(title="T", published=published), tmp_path)[0]
    assert post["date"] == expected and "date_gmt" not in post


def test_asset_base_url_makes_content_images_absolute(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    post, warnings = post_of(review, sample_bundle, ExportOptions(asset_base_url=BASE))
    assert f'src="{BASE}assets/chart.png"' in post["content"]
    assert f'src="{BASE}assets/hero.png"' in post["content"]
    assert post["featured_media_path"] == "assets/hero.png"  # a file to upload, not a URL
    assert json.loads(post["meta"]["reviewdesk_jsonld"])["review"]["image"] == (
        BASE + "assets/hero.png"
    )
    assert not any("relative" in w for w in warnings)


def test_without_asset_base_url_images_stay_relative_with_a_warning(sample_bundle: Path) -> None:
    post, warnings = post_of(bundle.load(sample_bundle), sample_bundle)
    assert 'src="assets/chart.png"' in post["content"]
    assert "image" not in json.loads(post["meta"]["reviewdesk_jsonld"])["review"]
    assert any("relative paths" in w and "--asset-base-url" in w for w in warnings)


def test_a_long_deck_is_the_whole_excerpt(tmp_path: Path) -> None:
    deck = " ".join(f"word{n}" for n in range(400))
    post, warnings = post_of(Review(title="T", subtitle=deck), tmp_path)
    assert post["excerpt"] == deck and warnings == []


def test_no_deck_no_excerpt_and_no_category_no_categories(tmp_path: Path) -> None:
    post, _ = post_of(Review(title="T", category="  "), tmp_path)
    assert "excerpt" not in post
    assert post["terms"] == {"tags": [], "categories": []}


def test_a_review_with_everything_validates(tmp_path: Path) -> None:
    review = Review(
        title="T",
        authors=[Author(name="Jane Doe")],
        rating=Rating(value=0, best=10, worst=0),
        subject=Subject(name="Gadget"),
    )
    post, _ = post_of(review, tmp_path)
    assert post["meta"]["reviewdesk_rating"] == 0  # a zero rating is a rating
    assert post["meta"]["reviewdesk_authors"] == ["Jane Doe"]
    assert errors_of(wordpress_body(post)) == []


@pytest.mark.parametrize(
    "change",
    [
        {"status": "published"},  # Ghost's word, not WordPress's
        {"title": 7},
        {"date_gmt": "18 March 2026"},
        {"tags": ["Phones"]},  # names belong in `terms`; WordPress takes IDs
        {"excerpt": {"rendered": "read-only"}},
        {"featured_media_path": "assets/hero.png"},  # a helper key left in
    ],
)
def test_the_schema_rejects_what_wordpress_would_not_take(
    sample_bundle: Path, change: dict[str, Any]
) -> None:
    post = wordpress_body(post_of(bundle.load(sample_bundle), sample_bundle)[0])
    assert errors_of(post | change) != []


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(review=reviews, base=st.sampled_from([None, BASE]))
def test_any_review_gives_a_valid_payload(tmp_path: Path, review: Review, base: str | None) -> None:
    post, _ = post_of(review, tmp_path, ExportOptions(asset_base_url=base))
    assert errors_of(wordpress_body(post)) == []
    assert set(post) - set(schema()["properties"]) <= wordpress.HELPER_KEYS
    for key, value in post["meta"].items():
        kind = wordpress.META_TYPES[key]
        assert isinstance(value, META_PY_TYPES[kind]) or (value is None and kind == "number"), key
        if isinstance(value, list):
            assert all(isinstance(item, str) for item in value), key
    for key in ("date", "date_gmt"):
        if key in post:
            assert WP_DATE.match(post[key])
    if post["status"] == "future" and "date_gmt" in post:
        assert datetime.fromisoformat(post["date_gmt"] + "+00:00") > NOW
    elif post["status"] == "future":  # a day of the site's calendar, after today's
        assert date.fromisoformat(post["date"][:10]) > NOW.date()
    assert post["terms"]["tags"] == review.tags
    json.dumps(post)


# --- the command line ----------------------------------------------------------------------


def test_cli_prints_the_payload_and_warnings(sample_bundle: Path) -> None:
    done = run_reviewdesk("export", sample_bundle, "--to", "wordpress", "-o", "-")
    assert done.returncode == 0, done.stderr
    post = json.loads(done.stdout)
    assert errors_of(wordpress_body(post)) == []
    assert "warning: images keep their relative paths" in done.stderr


def test_cli_writes_the_file_named(sample_bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "wp.json"
    done = run_reviewdesk(
        "export", sample_bundle, "--to", "wordpress", "--asset-base-url", BASE, "-o", out
    )
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == (f"Wrote {out}\n", "")
    post = json.loads(out.read_text(encoding="utf-8"))
    assert post["slug"] == "wrenfall-3-mini-review"


def test_export_registry_gives_the_same_payload(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    result = exports.export(review, sample_bundle, "wordpress")
    assert result.suffix == ".json" and result.assets == ()
    assert json.loads(result.text)["title"] == review.title


def test_title_and_excerpt_are_sent_as_the_html_wordpress_keeps(tmp_path: Path) -> None:
    review = Review(
        title="Two Pictures & a <Verdict>",
        subtitle="Q&A <b>not bold</b>",
        hero=Hero(image="assets/hero.png", alt="A chart", caption="Fast & <i>cheap</i>"),
    )
    post = post_of(review, tmp_path)[0]
    assert post["featured_media_caption"] == "Fast &amp; &lt;i&gt;cheap&lt;/i&gt;"
    assert post["title"] == "Two Pictures &amp; a &lt;Verdict&gt;"
    assert post["excerpt"] == "Q&amp;A &lt;b&gt;not bold&lt;/b&gt;"
