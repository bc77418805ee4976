import re
from collections import Counter

import pytest

from reviewdesk.core.jsonld import review_jsonld
from reviewdesk.core.layout import (
    LAYOUT_IDS,
    SECTION_IDS,
    LayoutOptions,
    page_css,
    render_article,
    render_page,
)
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import Hero, Rating, Review
from tests.review_blocks import with_blocks

# The published layout, top to bottom (DESIGN §1), as the markers that open each part.
LAYOUT_ORDER = [
    'data-field="category"',
    'data-field="badges"',
    'id="review-title"',
    'data-field="subtitle"',
    'id="review-tags"',
    'id="review-hero"',
    'id="review-summary"',
    'id="review-body"',
    'id="review-pros"',
    'id="review-cons"',
    'id="review-key-features"',
    'id="review-key-insights"',
]


def page_of(review: Review, options: LayoutOptions | None = None) -> str:
    return render_page(
        review,
        render_markdown(review.body),
        options or LayoutOptions(),
        jsonld=review_jsonld(review),
    )


def article_of(review: Review, options: LayoutOptions | None = None) -> str:
    return render_article(review, render_markdown(review.body), options or LayoutOptions())


def img_sources(html: str) -> list[str]:
    return re.findall(r'<img\s[^>]*?\bsrc="([^"]*)"', html)


def test_sections_follow_the_published_layout(full_review: Review) -> None:
    page = page_of(full_review)
    positions = [page.find(marker) for marker in LAYOUT_ORDER]
    assert -1 not in positions, dict(zip(LAYOUT_ORDER, positions, strict=True))
    assert positions == sorted(positions)


def test_every_field_shown_has_its_id_and_data_field(full_review: Review) -> None:
    page = page_of(with_blocks(full_review))
    shown = re.findall(r'id="([^"]+)" data-field="([^"]+)"', page)
    assert len(shown) == page.count("data-field=")
    assert {field: element_id for element_id, field in shown} == dict(SECTION_IDS)
    # top to bottom as SECTION_IDS lists them
    assert [field for _, field in shown] == list(SECTION_IDS)


def test_layout_ids_are_all_declared(full_review: Review) -> None:
    review = with_blocks(full_review, body="No headings, no footnotes.")
    page = page_of(review, LayoutOptions(show_footer=True, back_link="/"))
    assert set(re.findall(r'\bid="([^"]+)"', page)) == LAYOUT_IDS


def test_ids_are_unique_even_when_a_body_heading_takes_a_layout_name(
    full_review: Review,
) -> None:
    body = "## Review body\n\n## Review rating\n\n## Review footer\n\n## Review of it\n"
    review = full_review.model_copy(update={"body": body})
    page = page_of(review, LayoutOptions(show_footer=True))
    ids = Counter(re.findall(r'\bid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    for renamed in ("body-review-body", "body-review-rating", "body-review-footer"):
        assert f'id="{renamed}"' in page
    assert 'id="review-of-it"' in page  # only ids the layout uses are renamed


def test_empty_sections_are_omitted() -> None:
    page = page_of(Review(title="Just a title")).split("</head>", 1)[1]
    assert 'id="review-title"' in page
    for marker in LAYOUT_ORDER:
        if marker != 'id="review-title"':
            assert marker not in page
    for tag in ("<figure", "<section", "<time", "<footer", "<ul", "<ol", "<p"):
        assert tag not in page


def test_one_list_present_still_shows(full_review: Review) -> None:
    page = page_of(full_review.model_copy(update={"pros": [], "key_features": []}))
    assert 'id="review-pros"' not in page
    assert 'id="review-key-features"' not in page
    assert 'id="review-cons"' in page
    assert 'id="review-key-insights"' in page


def test_lists_show_every_item_in_the_right_kind_of_list(full_review: Review) -> None:
    page = page_of(full_review)
    features = page.split('id="review-key-features"', 1)[1].split("</section>", 1)[0]
    insights = page.split('id="review-key-insights"', 1)[1].split("</section>", 1)[0]
    assert "<ol>" in features
    assert "<ul>" in insights
    for item in full_review.pros + full_review.cons + full_review.key_features:
        assert f"<li>{item}</li>" in page


def test_hostile_text_is_escaped_everywhere(full_review: Review) -> None:
    hostile = '<script>alert("x")</script>'
    review = full_review.model_copy(
        update={
            "title": hostile,
            "subtitle": hostile,
            "summary": hostile,
            "category": hostile,
            "tags": [hostile],
            "pros": [hostile],
            "seo": None,
            "hero": Hero(image="assets/hero.png", alt='" onerror="alert(1)', caption=hostile),
        }
    )
    page = page_of(review)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert 'alt="&#34; onerror=&#34;alert(1)"' in page
    assert f"<title>{hostile}" not in page
    assert page.count("<script") == 1  # the JSON-LD only


def test_summary_label_is_configurable(full_review: Review) -> None:
    assert ">Summary</h2>" in article_of(full_review)
    article = article_of(full_review, LayoutOptions(summary_label="AI Summary"))
    assert ">AI Summary</h2>" in article
    assert ">Summary</h2>" not in article


def test_image_sources_replace_the_hero_and_body_images(full_review: Review) -> None:
    sources = {"assets/hero.png": "data:image/png;base64,AAAA", "assets/chart.png": "data:,c"}
    article = article_of(full_review, LayoutOptions(image_sources=sources, asset_base="x/"))
    assert img_sources(article) == [
        "data:image/png;base64,AAAA",
        "data:,c",
        "https://cdn.example.org/remote.png",
    ]


def test_asset_base_prefixes_only_relative_urls(full_review: Review) -> None:
    body = (
        "![a](assets/chart.png) ![b](./assets/b.png) ![c](https://cdn.example.org/c.png) "
        '<img src="/site/d.png" alt="d"> <img src="#e" alt="e"> [link](assets/doc.pdf)'
    )
    review = full_review.model_copy(update={"body": body})
    article = article_of(review, LayoutOptions(asset_base="https://example.org/r/"))
    assert img_sources(article) == [
        "https://example.org/r/assets/hero.png",
        "https://example.org/r/assets/chart.png",
        "https://example.org/r/assets/b.png",
        "https://cdn.example.org/c.png",
        "/site/d.png",
        "#e",
    ]
    assert 'href="assets/doc.pdf"' in article  # links are not images


def test_hero_paths_become_urls(full_review: Review) -> None:
    review = full_review.model_copy(update={"hero": Hero(image="assets/my hero.png", alt="A")})
    assert img_sources(article_of(review))[0] == "assets/my%20hero.png"
    mapped = LayoutOptions(image_sources={"assets/my hero.png": "data:,h"})
    assert img_sources(article_of(review, mapped))[0] == "data:,h"


def test_text_that_looks_like_an_img_tag_is_not_rewritten(full_review: Review) -> None:
    review = full_review.model_copy(update={"body": 'Write `<img src="assets/x.png">` here.'})
    article = article_of(review, LayoutOptions(asset_base="base/"))
    assert '&lt;img src="assets/x.png"&gt;' in article


def test_header_shows_dates_byline_and_rating(full_review: Review) -> None:
    article = article_of(full_review)
    assert 'datetime="2026-04-11">Apr 11, 2026</time>' in article
    assert 'Updated <time datetime="2026-04-12T09:30:00+02:00">Apr 12, 2026</time>' in article
    assert '<a href="https://example.org/jane" rel="author">Jane Doe</a> and <span>Sam Roe' in (
        article
    )
    assert "<strong>4.5</strong> / 5</span>" in article
    assert "Rated 4.5 out of 5" in article
    assert '<li class="chip chip--badge">NEW</li>' in article
    assert '<span aria-hidden="true">#</span>Pocket Tech</li>' in article
    assert 'aria-label="Tags"' in article


@pytest.mark.parametrize(("value", "shown"), [(4, "4.0"), (3.5, "3.5"), (8.25, "8.25")])
def test_rating_reads_with_one_decimal(full_review: Review, value: float, shown: str) -> None:
    review = full_review.model_copy(update={"rating": Rating(value=value, best=10, worst=0)})
    assert f"<strong>{shown}</strong> / 10</span>" in article_of(review)


def test_back_link_and_footer_are_opt_in(full_review: Review) -> None:
    plain = article_of(full_review)
    assert "Back to list" not in plain
    assert "Was this review helpful?" not in plain
    options = LayoutOptions(back_link="../index.html", show_footer=True)
    article = article_of(full_review, options)
    assert '<a class="review-back" href="../index.html">' in article
    assert "Was this review helpful?" in article
    assert "share-offsite/?url=https%3A%2F%2Fexample.org%2Freviews%2Fexample-gadget" in article
    assert "mailto:?subject=" in article
    assert "<script" not in article


def test_article_is_a_fragment_without_page_chrome(full_review: Review) -> None:
    article = article_of(full_review)
    assert article.lstrip().startswith("<article")
    assert article.rstrip().endswith("</article>")
    assert not re.search(r"<(html|head|body|main|style|script|meta)\b", article)


def test_page_head(full_review: Review) -> None:
    page = page_of(full_review)
    head = page.split("</head>", 1)[0]
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    for expected in (
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        "<title>Example Gadget review</title>",
        '<meta name="description" content="What the search result shows.">',
        '<link rel="canonical" href="https://example.org/reviews/example-gadget">',
        '<meta property="og:type" content="article">',
        '<meta property="og:title" content="Example Gadget review">',
        '<meta property="og:image" content="https://example.org/reviews/assets/hero.png">',
        "<style>",
        '<script type="application/ld+json">',
    ):
        assert expected in head, expected
    assert '<main class="review-page">\n<article' in page


def test_page_falls_back_to_title_and_summary_without_seo(full_review: Review) -> None:
    page = page_of(full_review.model_copy(update={"seo": None, "hero": None}))
    assert f"<title>{full_review.title}</title>" in page
    assert f'<meta name="description" content="{full_review.summary}">' in page
    assert "canonical" not in page
    assert "og:image" not in page


def test_page_can_link_its_css_and_leave_out_json_ld(full_review: Review) -> None:
    page = render_page(
        full_review, "", LayoutOptions(asset_base="static/"), jsonld=None, css_inline=False
    )
    assert '<link rel="stylesheet" href="static/review.css">' in page
    assert "<style>" not in page
    assert "<script" not in page


def test_embedded_hero_is_not_repeated_as_og_image(full_review: Review) -> None:
    options = LayoutOptions(image_sources={"assets/hero.png": "data:image/png;base64,AAAA"})
    assert "og:image" not in page_of(full_review, options)


def test_css_is_self_contained() -> None:
    css = page_css()
    assert "prefers-color-scheme: dark" in css
    assert not re.search(r"url\(|@import|https?://", css)


@pytest.mark.parametrize(("language", "expected"), [("en", "en"), ("de", "de"), ("en-GB", "en-GB")])
def test_the_page_says_the_reviews_language(language: str, expected: str) -> None:
    review = Review(title="T", language=language)
    page = render_page(review, "", LayoutOptions(), jsonld=None)
    assert f'<html lang="{expected}">' in page
