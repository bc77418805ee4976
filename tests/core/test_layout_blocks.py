"""The review blocks in the published layout (templates/article.html.j2): where each shows,
what it says, and that a page without them is as it was."""

import re
from datetime import date

import pytest

from reviewdesk.core.jsonld import review_jsonld
from reviewdesk.core.layout import (
    BLOCK_FIELDS,
    SECTION_IDS,
    LayoutOptions,
    blocks_css,
    format_price,
    layout_ids,
    page_css,
    render_article,
    render_page,
    shown_blocks,
)
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import Offer, Rating, Review, Score, Spec, Update
from tests.review_blocks import BLOCKS, with_blocks

TIMES = "\N{MULTIPLICATION SIGN}"  # before a weight

# Top to bottom, the markers that open each part of a page with every block.
ORDER = [
    'data-field="rating"',
    'id="review-hero"',
    'id="review-summary"',
    'class="review-bottom-line"',
    'id="review-verdict"',
    'id="review-best-for"',
    'id="review-skip-if"',
    'id="review-body"',
    'id="review-scores"',
    'id="review-pros"',
    'id="review-cons"',
    'id="review-specs"',
    'class="review-where-to-buy"',
    'id="review-disclosure"',
    'id="review-offers"',
    'id="review-updates"',
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


def article_of(review: Review) -> str:
    return render_article(review, render_markdown(review.body), LayoutOptions())


def section(page: str, element_id: str) -> str:
    """The element with id `element_id`, to the first closing tag of its name."""
    found = re.search(rf'<(\w+) [^>]*\bid="{element_id}"[^>]*>.*?</\1>', page, re.DOTALL)
    assert found, element_id
    return found[0]


def text(html: str) -> str:
    """What a reader sees: the text, but what is hidden from sight."""
    shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", html)
    return " ".join(re.sub(r"<[^>]+>", "", shown).split())


def spoken(html: str) -> str:
    """What a screen reader reads: the text, but what is hidden from it."""
    heard = re.sub(r'<span [^>]*aria-hidden="true"[^>]*>.*?</span>', "", html)
    return " ".join(re.sub(r"<[^>]+>", "", heard).split())


@pytest.fixture
def everything(full_review: Review) -> Review:
    return with_blocks(full_review)


def test_every_block_shows_in_its_place(everything: Review) -> None:
    page = page_of(everything)
    positions = [page.find(marker) for marker in ORDER]
    assert -1 not in positions, dict(zip(ORDER, positions, strict=True))
    assert positions == sorted(positions)
    assert shown_blocks(everything) == BLOCK_FIELDS
    for field in BLOCK_FIELDS:
        assert f'id="{SECTION_IDS[field]}" data-field="{field}"' in page
    assert page.count("<h1") == 1
    headings = re.findall(r"<h(\d)[^>]*>(.*?)</h\1>", article_of(everything))
    blocks = [title for level, title in headings if level == "2"]
    for heading in ("Verdict", "Best for", "Skip if", "Scores", "Specifications", "Updates"):
        assert heading in blocks
    assert "Where to buy" in blocks


def test_the_verdict_box_holds_the_verdict_then_who_it_suits(everything: Review) -> None:
    box = page_of(everything).split('<div class="review-bottom-line">', 1)[1]
    box = box.split('<div class="review-body"', 1)[0]
    verdict = section(box, "review-verdict")
    assert re.findall(r"<p>(.*?)</p>", verdict) == [
        "Buy it if you want a small, sturdy gadget that lasts a day.",
        "Look elsewhere if you need a big screen.",
    ]
    assert re.findall(r"<li>(.*?)</li>", section(box, "review-best-for")) == BLOCKS["best_for"]
    assert re.findall(r"<li>(.*?)</li>", section(box, "review-skip-if")) == BLOCKS["skip_if"]
    assert '<div class="review-fit">' in box


def test_a_rating_from_the_scores_says_so(everything: Review) -> None:
    computed = section(article_of(everything.model_copy(update={"rating": None})), "review-rating")
    # (4.5 + 2 * 4 + 3) / 4
    assert text(computed) == "3.88 / 5 from the scores"
    assert spoken(computed) == "Rated 3.88 out of 5 from the scores"
    given = section(article_of(everything), "review-rating")
    assert text(given) == "4.5 / 5"
    assert "from the scores" not in given


def test_each_score_has_a_bar_and_the_same_in_words(everything: Review) -> None:
    scores = section(page_of(everything), "review-scores")
    rows = re.findall(r"<tr>(.*?)</tr>", scores, re.DOTALL)
    assert [text(row) for row in rows] == [
        "Criterion Score Weight",
        f"Build 4.5 / 5 {TIMES}1",
        f"Battery life 4.0 / 5 {TIMES}2",
        f"Screen 3.0 / 5 {TIMES}1",
    ]
    assert [spoken(row) for row in rows[1:]] == [
        f"Build 4.5 out of 5 {TIMES}1",
        f"Battery life 4.0 out of 5 {TIMES}2",
        f"Screen 3.0 out of 5 {TIMES}1",
    ]
    bars = re.findall(
        r'<span class="review-score-bar" style="--fill: (\d+)%" aria-hidden="true">', scores
    )
    assert bars == ["90", "80", "60"]
    assert re.findall(r'<th scope="(\w+)">', scores) == ["col"] * 3 + ["row"] * 3


def test_scores_follow_the_given_ratings_scale_and_weights_show_only_when_they_differ(
    everything: Review,
) -> None:
    review = everything.model_copy(
        update={
            "rating": Rating(value=7, best=10, worst=0),
            "scores": [Score(name="Speed", value=8), Score(name="Price", value=5)],
        }
    )
    scores = section(article_of(review), "review-scores")
    assert [text(row) for row in re.findall(r"<tr>(.*?)</tr>", scores, re.DOTALL)] == [
        "Criterion Score",
        "Speed 8.0 / 10",
        "Price 5.0 / 10",
    ]
    assert 'style="--fill: 80%"' in scores and "Weight" not in scores


def test_the_disclosure_comes_before_the_first_offer_link(everything: Review) -> None:
    page = page_of(everything)
    buy = page.split('<section class="review-where-to-buy">', 1)[1].split("</section>", 1)[0]
    assert re.search(r'<h2 class="review-section-heading">Where to buy</h2>', buy)
    assert buy.index('data-field="disclosure"') < buy.index("<a ")
    assert page.index(BLOCKS["disclosure"]) < page.index('class="review-offer-link"')


def test_offers_show_seller_price_day_checked_and_their_rel(everything: Review) -> None:
    offers = section(page_of(everything), "review-offers")
    items = re.findall(r"<li>(.*?)</li>", offers, re.DOTALL)
    assert [text(item) for item in items] == [
        "Example Store Sponsored EUR 19.90 checked Apr 1, 2026",
        "Other Shop",
    ]
    links = re.findall(r'<a class="review-offer-link" href="([^"]*)" rel="([^"]*)">', offers)
    assert links == [
        ("https://shop.example.com/gadget?ref=rd", "sponsored noopener"),
        ("https://other.example.net/gadget", "noopener"),
    ]
    assert '<time datetime="2026-04-01">Apr 1, 2026</time>' in offers


def test_a_disclosure_without_offers_is_shown_under_its_own_name(everything: Review) -> None:
    page = page_of(everything.model_copy(update={"offers": []}))
    buy = page.split('<section class="review-where-to-buy">', 1)[1].split("</section>", 1)[0]
    assert '<h2 class="review-section-heading">Disclosure</h2>' in buy
    assert BLOCKS["disclosure"] in buy
    assert 'data-field="offers"' not in page and "<a " not in buy


def test_offers_without_a_disclosure_show_no_empty_one(everything: Review) -> None:
    page = page_of(everything.model_copy(update={"disclosure": " \n\n "}))
    assert 'data-field="disclosure"' not in page
    assert 'data-field="offers"' in page


def test_the_update_log_is_latest_first(everything: Review) -> None:
    log = section(page_of(everything), "review-updates")
    assert [text(item) for item in re.findall(r"<li>(.*?)</li>", log)] == [
        "Updated May 3, 2026: Added the new colour.",
        "Updated Apr 20, 2026: Retested the battery after a software update.",
    ]
    assert '<time datetime="2026-05-03T09:30:00+02:00">' in log


def test_updates_of_one_day_show_the_one_written_later_first(everything: Review) -> None:
    day = date(2026, 6, 1)
    review = everything.model_copy(
        update={"updates": [Update(date=day, note="First"), Update(date=day, note="Second")]}
    )
    log = section(article_of(review), "review-updates")
    assert [text(item) for item in re.findall(r"<li>(.*?)</li>", log)] == [
        "Updated Jun 1, 2026: Second",
        "Updated Jun 1, 2026: First",
    ]


@pytest.mark.parametrize("field", BLOCK_FIELDS)
def test_an_empty_block_is_left_out(everything: Review, field: str) -> None:
    empty = "" if isinstance(getattr(everything, field), str) else []
    page = page_of(everything.model_copy(update={field: empty}))
    assert f'data-field="{field}"' not in page
    assert f'id="{SECTION_IDS[field]}"' not in page
    for other in BLOCK_FIELDS:
        if other != field:
            assert f'data-field="{other}"' in page


def test_wrappers_go_with_their_last_block(everything: Review) -> None:
    review = everything.model_copy(
        update={"verdict": "", "best_for": [], "skip_if": [], "offers": [], "disclosure": ""}
    )
    page = page_of(review)
    for wrapper in ("review-bottom-line", "review-fit", "review-where-to-buy"):
        assert wrapper not in page.split("</style>", 1)[1]
    alone = page_of(everything.model_copy(update={"verdict": "", "best_for": []}))
    assert '<div class="review-bottom-line">\n      <div class="review-fit">' in alone


def test_a_page_without_blocks_has_neither_their_markup_nor_their_css(full_review: Review) -> None:
    page = page_of(full_review)
    assert blocks_css() not in page and page_css() in page
    for marker in ("review-bottom-line", "review-section-heading", "review-score", "review-offer"):
        assert marker not in page
    assert blocks_css() in page_of(with_blocks(full_review, scores=[], verdict="", offers=[]))


def test_a_linked_stylesheet_comes_with_the_blocks_one_only_when_needed(
    full_review: Review,
) -> None:
    options = LayoutOptions(asset_base="static/")

    def links(review: Review) -> list[str]:
        page = render_page(review, "", options, jsonld=None, css_inline=False)
        return re.findall(r'<link rel="stylesheet" href="([^"]*)">', page)

    assert links(full_review) == ["static/review.css"]
    assert links(with_blocks(full_review)) == ["static/review.css", "static/review-blocks.css"]


def test_a_body_keeps_a_blocks_id_unless_its_block_is_shown(full_review: Review) -> None:
    body = "## Review scores\n\n## Review pros\n"
    plain = page_of(full_review.model_copy(update={"body": body}))
    assert 'id="review-scores"' in plain  # an old body's anchor stays as it was
    assert 'id="body-review-pros"' in plain
    scored = page_of(with_blocks(full_review, body=body))
    assert 'id="body-review-scores"' in scored
    assert scored.count('id="review-scores"') == 1
    assert "review-scores" not in layout_ids(full_review)
    assert "review-scores" in layout_ids(with_blocks(full_review))


def test_hostile_text_in_blocks_is_escaped(everything: Review) -> None:
    hostile = '<script>alert("x")</script>'
    review = everything.model_copy(
        update={
            "verdict": hostile,
            "best_for": [hostile],
            "skip_if": [hostile],
            "scores": [Score(name=hostile, value=3)],
            "specs": [Spec(name=hostile, value=hostile)],
            "offers": [
                Offer(
                    seller=hostile,
                    url='https://e.org/"><script>x</script>',
                    price=1,
                    currency="USD",
                )
            ],
            "disclosure": hostile,
            "updates": [Update(date=date(2026, 1, 1), note=hostile)],
        }
    )
    page = page_of(review)
    assert page.count("<script") == 1  # the JSON-LD only
    # Escaped, with typographic quotes as every text field has them.
    shown = "&lt;script&gt;alert(\N{LEFT DOUBLE QUOTATION MARK}x\N{RIGHT DOUBLE QUOTATION MARK})"
    assert page.count(shown + "&lt;/script&gt;") >= 9
    assert 'href="https://e.org/&#34;&gt;&lt;script&gt;x&lt;/script&gt;"' in page


@pytest.mark.parametrize(
    ("price", "currency", "shown"),
    [(19.99, "USD", "USD 19.99"), (20, "EUR", "EUR 20.00"), (0.5, "GBP", "GBP 0.50"),
     (1299, "JPY", "JPY 1299.00"), (1234.5, "USD", "USD 1234.50")],
)  # fmt: skip
def test_prices_read_as_the_code_then_two_decimals(price: float, currency: str, shown: str) -> None:
    assert format_price(price, currency) == shown
