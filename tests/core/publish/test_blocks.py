"""core/publish/blocks.py: a review as the block markup of a WordPress post, read back by
WordPress 6.1's own block parser (PHP, as the site renders the post) and its block editor's
scripts (in Chromium, as the editor opens the post: every block valid, saved back unchanged)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from reviewdesk.core import bundle
from reviewdesk.core.model import LIST_FIELDS, Author, Hero, Offer, Review, Score, Spec, Update
from reviewdesk.core.publish.blocks import post_content
from reviewdesk.core.publish.state import UploadedImage
from reviewdesk.core.publish.theme import ThemeParts
from reviewdesk.core.resources import resource
from reviewdesk.core.typography import typeset
from tests.core.publish import wordpress_blocks as wp
from tests.core.publish.wordpress_blocks import Block
from tests.missing_tools import require
from tests.review_blocks import BLOCKS, with_blocks
from tests.strategies import line, reviews

PRINTS_NOTHING = ThemeParts(
    title=False, excerpt=False, featured_image=False, tags=False, byline=False
)
UPLOADS = "https://site.test/wp-content/uploads/2026/04/"
HERO = UploadedImage(41, UPLOADS + "hero.png", "assets/hero.png")
CHART = UploadedImage(42, UPLOADS + "chart-1.png", "assets/chart.png")
IMAGES = {"assets/hero.png": HERO, "assets/chart.png": CHART}
WRITTEN = {
    "core/group", "core/heading", "core/paragraph", "core/list", "core/list-item", "core/image",
    "core/quote", "core/code", "core/preformatted", "core/separator", "core/table", "core/html",
}  # fmt: skip
"""Every block the markup may hold."""
CONTAINERS = {"core/group", "core/list", "core/quote"}
TOOLS = Path(__file__).resolve().parents[3] / "tools" / "node_modules"
SETUP = "bash scripts/setup-tools"

BODY = """\
# Findings

Plain *text* with a [link](https://example.org/a) and `code`.

## Details {: #details-here .lead }

1. First
2. Second
    - nested one
    - nested two

Then [x]:

5. Fifth
6. Sixth

- loose item

- another loose item

> A quote with **bold**.
>
> > Nested quote.

```python
print("[gallery]")
https://example.org/alone
```

    indented code

| Left | Right | Centre |
|:-----|------:|:------:|
| a    | 1     | x      |

![Scores by task](assets/chart.png "Scores")

***

Term
:   Definition

<details><summary>More</summary>Hidden.</details>

A remote picture: ![Remote](https://cdn.example.org/remote.png) and words[^1].

[^1]: A footnote.
"""


def _require(what: str, found: str | None) -> str:
    return require(what, found, SETUP)


@pytest.fixture(scope="session")
def php() -> str:
    """php-cli, with WordPress's block parser at hand."""
    _require("WordPress (Debian's wordpress)", str(wp.PARSER) if wp.PARSER.is_file() else None)
    return _require("php-cli", shutil.which("php"))


Editor = Callable[[Sequence[str]], list[wp.Opened]]


@pytest.fixture(scope="session")
def editor() -> Editor:
    """Opens contents with the block editor's scripts of Debian's WordPress in Chromium."""
    _require("WordPress", str(wp.WORDPRESS) if (wp.WORDPRESS / "wp-includes").is_dir() else None)
    puppeteer = TOOLS / "puppeteer-core" / "package.json"
    _require("puppeteer-core", str(puppeteer) if puppeteer.is_file() else None)
    node = _require("node", shutil.which("node"))
    chromium = _require("Chromium", shutil.which("chromium"))
    return lambda contents: wp.open_in_editor(node, chromium, contents)


def markup(review: Review, images: dict[str, UploadedImage] | None = None, **theme: bool) -> str:
    parts = replace(PRINTS_NOTHING, **theme)
    return post_content(review, IMAGES if images is None else images, parts).markup


def blocks_of(php: str, text: str) -> list[Block]:
    return wp.parse(php, text)


def everything(found: list[Block]) -> list[Block]:
    """Every block at any depth; white space between the top's blocks is no block."""
    return [block for top in found if top.name is not None for block in top.walk()]


def with_class(found: list[Block], name: str) -> list[Block]:
    return [block for block in everything(found) if name in block.class_names]


def only(found: list[Block], name: str) -> Block:
    (block,) = with_class(found, name)
    return block


def list_texts(section: Block) -> list[str]:
    (items,) = [block for block in section.inner if block.name == "core/list"]
    return [wp.text(item.html).strip() for item in items.inner]


def layout_classes() -> set[str]:
    """The classes of the published layout: its templates' and its stylesheets'."""
    found = set()
    for name in ("review.css", "review-blocks.css"):
        found.update(re.findall(r"\.([a-z][a-z0-9_-]*)", resource("css", name).read_text()))
    for path in resource("templates").iterdir():
        for value in re.findall(r'class="([^"{]*)', path.read_text(encoding="utf-8")):
            found.update(value.split())
    # _lists.html.j2 writes `review-list--{{ field }}` for each list of the review.
    lists = (*LIST_FIELDS, "best_for", "skip_if")
    return found | {f"review-list--{field.replace('_', '-')}" for field in lists}


def hostile_review() -> Review:
    return Review(
        title="</h1><script>alert(1)</script> & <!-- wp:html --> title",
        subtitle="Deck --> with <b>tags</b> & [embed]https://evil.example/x[/embed]",
        category="<i>cat</i> --",
        badges=["<NEW>", "-->"],
        tags=['"quoted"', "<!-- /wp:paragraph -->", "a & b"],
        authors=[Author(name="<Jane>", url='https://example.org/?a=1&b="2"')],
        hero=Hero(image="assets/hero.png", alt='" onerror="alert(1)', caption="</figcaption>x"),
        summary="Line <one>\n\n<!-- wp:paragraph -->\n\nhttps://www.youtube.com/watch?v=abc",
        pros=["<script>alert(1)</script>", "-->", "Tom & Jerry &amp; co", '[gallery ids="1"]'],
        cons=["<!-- /wp:list-item -->", "https://www.youtube.com/watch?v=abc", "\\u002d\\"],
        key_features=["--", "<li>x</li>"],
        key_insights=["]]> <![CDATA[", "&#60;"],
        body=(
            "Text <script>alert(1)</script> and <!-- wp:html --> a comment.\n\n"
            "A paragraph with a class\n{: .lead }\n\n"
            '<p class="x--y" onclick="alert(1)">raw p</p>\n\n'
            "<div><!-- /wp:group --></div>\n"
        ),
    )


HOSTILE = "</td><script>x</script> [embed] <!-- wp:html --> https://www.youtube.com/watch?v=a"
HOSTILE_BLOCKS = {
    "verdict": HOSTILE,
    "best_for": [HOSTILE],
    "skip_if": ["-->"],
    "scores": [Score(name=HOSTILE, value=3, weight=2)],
    "specs": [Spec(name="<th>", value=HOSTILE)],
    "offers": [
        Offer(
            seller=HOSTILE,
            url='https://e.org/?a=1&b="2"[x]',
            price=1,
            currency="USD",
            checked=date(2026, 1, 2),
            sponsored=True,
        )
    ],
    "disclosure": HOSTILE,
    "updates": [Update(date=date(2026, 1, 3), note=HOSTILE)],
}


def unique_review() -> Review:
    """A review whose list items each occur nowhere else in it."""
    return Review(
        title="Unique items",
        subtitle="Deck",
        summary="Summary",
        pros=["Pro alpha", "Pro beta"],
        cons=["Con gamma"],
        key_features=["Feature delta", "Feature epsilon", "Feature zeta"],
        key_insights=["Insight eta"],
        body="Body text.",
    )


# --- structure -----------------------------------------------------------------------------------


def test_the_article_is_one_group_of_known_core_blocks_with_nothing_outside(
    php: str, full_review: Review
) -> None:
    found = blocks_of(php, markup(full_review))
    assert all(not block.html.strip() for block in found if block.name is None)
    (article,) = [block for block in found if block.name is not None]
    assert article.name == "core/group"
    assert article.class_names == ["review", "review--with-aside"]
    for block in article.walk():
        assert block.name in WRITTEN
        if block.name in CONTAINERS:  # its own HTML is the wrapping element alone
            assert not wp.text(block.html).strip(), block
        if block.name == "core/list":
            assert {child.name for child in block.inner} <= {"core/list-item"}
        if block.name == "core/list-item":
            assert {child.name for child in block.inner} <= {"core/list"}
        if block.name not in CONTAINERS | {"core/list-item"}:
            assert not block.inner
        assert set(block.class_names) <= set(wp.element_classes(block.html)), block


def test_the_sections_follow_the_published_layout_with_the_templates_classes(
    php: str, full_review: Review
) -> None:
    found = blocks_of(php, markup(full_review))
    # The body of this review writes no class of its own.
    classes = [" ".join(block.class_names) for block in everything(found) if block.class_names]
    assert classes == [
        "review review--with-aside",
        "review-header",
        "review-topbar",
        "review-dates",
        "review-kicker",
        "review-category",
        "review-badges chips",
        "review-title",
        "review-deck",
        "review-tags chips",
        "review-meta",
        "review-byline",
        "review-rating",
        "review-main",
        "review-hero",
        "review-summary",
        "review-summary-label",
        "review-body",
        "review-verdict",
        "review-list review-list--pros",
        "review-list-heading",
        "review-list review-list--cons",
        "review-list-heading",
        "review-aside",
        "review-list review-list--key-features",
        "review-list-heading",
        "review-list review-list--key-insights",
        "review-list-heading",
    ]
    article = markup(full_review.model_copy(update={"body": ""}))
    written = {name for v in re.findall(r'class="([^"]*)"', article) for name in v.split()}
    assert {name for name in written if not name.startswith(("wp-", "size-"))} <= layout_classes()


def test_the_delimiters_hold_the_attributes_the_blocks_need(php: str, full_review: Review) -> None:
    found = blocks_of(php, markup(full_review))
    assert only(found, "review-header").attrs == {"tagName": "header", "className": "review-header"}
    assert only(found, "review-title").attrs == {"level": 1, "className": "review-title"}
    assert only(found, "review-summary").attrs == {
        "tagName": "section",
        "className": "review-summary",
    }
    assert only(found, "review-hero").attrs == {
        "id": 41,
        "sizeSlug": "large",
        "linkDestination": "none",
        "className": "review-hero",
    }
    features = only(found, "review-list--key-features")
    assert [block.attrs for block in features.inner] == [
        {"className": "review-list-heading"},
        {"ordered": True},
    ]
    pros = only(found, "review-list--pros")
    assert [block.attrs for block in pros.inner] == [{"className": "review-list-heading"}, {}]
    assert "<ol>" in features.inner[1].html and "<ul>" in pros.inner[1].html


def review_lists(review: Review) -> list[tuple[str, list[str]]]:
    """Each list of the review, by the name of its block's class (review-list--NAME)."""
    return [
        ("pros", review.pros),
        ("cons", review.cons),
        ("key-features", review.key_features),
        ("key-insights", review.key_insights),
    ]


def test_each_list_item_is_in_its_list_once(php: str) -> None:
    review = unique_review()
    article = markup(review)
    found = blocks_of(php, article)
    for name, items in review_lists(review):
        assert list_texts(only(found, f"review-list--{name}")) == items
        for item in items:
            assert wp.text(article).count(item) == 1


def test_the_rating_reads_once_with_or_without_a_stylesheet(php: str, full_review: Review) -> None:
    rating = only(blocks_of(php, markup(full_review)), "review-rating")
    assert " ".join(wp.text(rating.html).split()) == "Rated 4.5 out of 5"
    assert 'style="--fill: 90%"' in rating.html


# --- the review blocks ---------------------------------------------------------------------------


def test_the_review_blocks_take_their_places_in_the_layout(php: str, full_review: Review) -> None:
    found = blocks_of(php, markup(with_blocks(full_review, body="")))
    classes = [" ".join(block.class_names) for block in everything(found) if block.class_names]
    main = classes[classes.index("review-main") + 1 : classes.index("review-aside")]
    assert main == [
        "review-hero",
        "review-summary",
        "review-summary-label",
        "review-bottom-line",
        "review-verdict-box",
        "review-section-heading",
        "review-fit",
        "review-list review-list--best-for",
        "review-list-heading",
        "review-list review-list--skip-if",
        "review-list-heading",
        "review-scores",
        "review-section-heading",
        "review-score-table",
        "review-verdict",
        "review-list review-list--pros",
        "review-list-heading",
        "review-list review-list--cons",
        "review-list-heading",
        "review-specs",
        "review-section-heading",
        "review-spec-table",
        "review-where-to-buy",
        "review-section-heading",
        "review-disclosure",
        "review-offers",
        "review-updates",
        "review-section-heading",
    ]
    article = markup(with_blocks(full_review, body=""))
    written = {name for v in re.findall(r'class="([^"]*)"', article) for name in v.split()}
    assert {name for name in written if not name.startswith(("wp-", "size-"))} <= layout_classes()
    assert only(found, "review-scores").attrs == {
        "tagName": "section",
        "className": "review-scores",
    }
    assert only(found, "review-score-table").attrs == {"className": "review-score-table"}


def test_the_blocks_say_what_the_page_says(php: str, full_review: Review) -> None:
    found = blocks_of(php, markup(with_blocks(full_review)))
    verdict = only(found, "review-verdict-box")
    assert [wp.text(block.html).strip() for block in verdict.inner] == [
        "Verdict",
        *BLOCKS["verdict"].split("\n\n"),
    ]
    assert list_texts(only(found, "review-list--best-for")) == BLOCKS["best_for"]
    assert list_texts(only(found, "review-list--skip-if")) == BLOCKS["skip_if"]
    scores = only(found, "review-score-table").html
    rows = [
        [" ".join(wp.text(cell).split()) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>.*?</tr>", scores)
    ]
    times = "\N{MULTIPLICATION SIGN}"
    assert rows == [
        ["Criterion", "Score", "Weight"],
        ["Build", "4.5 / 5", f"{times}1"],
        ["Battery life", "4.0 / 5", f"{times}2"],
        ["Screen", "3.0 / 5", f"{times}1"],
    ]
    assert re.findall(r'style="--fill: (\d+)%" aria-hidden="true"', scores) == ["90", "80", "60"]
    specs = only(found, "review-spec-table").html
    assert '<tr><th scope="row">Weight</th><td>182 g</td></tr>' in specs
    updates = only(found, "review-updates")
    assert list_texts(updates) == [
        "Updated May 3, 2026: Added the new colour.",
        "Updated Apr 20, 2026: Retested the battery after a software update.",
    ]


def test_the_disclosure_comes_before_the_offers_and_sponsored_links_say_so(
    php: str, full_review: Review
) -> None:
    found = blocks_of(php, markup(with_blocks(full_review)))
    buy = only(found, "review-where-to-buy")
    assert [block.class_names for block in buy.inner] == [
        ["review-section-heading"],
        ["review-disclosure"],
        ["review-offers"],
    ]
    assert wp.text(buy.inner[0].html).strip() == "Where to buy"
    assert wp.text(buy.inner[1].inner[0].html).strip() == BLOCKS["disclosure"]
    assert list_texts(buy) == [
        "Example Store Sponsored EUR 19.90 checked Apr 1, 2026",
        "Other Shop",
    ]
    links = re.findall(r'<a class="review-offer-link" href="([^"]*)" rel="([^"]*)">', markup(
        with_blocks(full_review)
    ))  # fmt: skip
    assert links == [
        ("https://shop.example.com/gadget?ref=rd", "sponsored noopener"),
        ("https://other.example.net/gadget", "noopener"),
    ]


def test_a_rating_from_the_scores_says_so(php: str, full_review: Review) -> None:
    rating = only(blocks_of(php, markup(with_blocks(full_review, rating=None))), "review-rating")
    assert " ".join(wp.text(rating.html).split()) == "Rated 3.88 out of 5 from the scores"


def test_without_blocks_nothing_of_theirs_is_written(full_review: Review) -> None:
    article = markup(full_review)
    for name in ("review-bottom-line", "review-scores", "review-specs", "review-where-to-buy"):
        assert name not in article
    assert "review-updates" not in article and "review-rating-source" not in article


# --- escaping ------------------------------------------------------------------------------------


def test_hostile_text_stays_text(php: str) -> None:
    review = hostile_review()
    article = markup(review, {})
    assert "<script" not in article.lower()
    assert "[" not in article  # no shortcode can run, and no JSON holds a list
    assert "https://www.youtube.com" not in article  # no URL alone on a line to embed
    comments = re.findall(r"<!--(.*?)-->", article, re.DOTALL)
    assert comments
    for comment in comments:  # every comment is a block delimiter, and only ours
        assert re.fullmatch(r" /?wp:[a-z-]+ (\{[^<>&]*\} )?", comment), comment

    found = blocks_of(php, article)
    assert all(not block.html.strip() for block in found if block.name is None)
    assert {block.name for block in everything(found)} <= WRITTEN
    # The text as typed, but for its typographic punctuation (`--` is a dash on the page).
    assert wp.text(only(found, "review-title").html).strip() == typeset(review.title)
    assert wp.text(only(found, "review-deck").html).strip() == typeset(review.subtitle)
    assert wp.text(only(found, "review-category").html).strip() == typeset(review.category)
    for name, items in review_lists(review):
        assert list_texts(only(found, f"review-list--{name}")) == list(map(typeset, items))
    tags = wp.text(only(found, "review-tags").html)
    assert all(typeset(tag) in tags for tag in review.tags)
    hero = only(found, "review-hero").html
    assert 'alt="&#34; onerror=&#34;alert(1)"' in hero
    body = only(found, "review-body")
    classes = [block.attrs.get("className") for block in body.inner]
    assert "lead" in classes and "x--y" in classes
    assert r"x\u002d\u002dy" in article  # as the editor escapes `--` in a delimiter


def test_hostile_text_in_the_blocks_stays_text(php: str) -> None:
    article = markup(with_blocks(hostile_review(), **HOSTILE_BLOCKS), {})
    assert "<script" not in article.lower() and "[" not in article
    assert "https://www.youtube.com" not in article
    for comment in re.findall(r"<!--(.*?)-->", article, re.DOTALL):
        assert re.fullmatch(r" /?wp:[a-z-]+ (\{[^<>&]*\} )?", comment), comment
    found = blocks_of(php, article)
    assert {block.name for block in everything(found)} <= WRITTEN
    assert list_texts(only(found, "review-list--best-for")) == [typeset(HOSTILE)]
    assert list_texts(only(found, "review-list--skip-if")) == ["\N{EN DASH}>"]
    offer = list_texts(only(found, "review-where-to-buy"))[0]
    assert offer.startswith(typeset(HOSTILE) + " Sponsored")
    assert 'href="https://e.org/?a=1&amp;b=&#34;2&#34;&#91;x]"' in article


def test_a_delimiter_escapes_as_the_editor_does() -> None:
    review = Review(title="T", body='<p class="--&lt;x&gt;&amp;&quot;">text</p>\n')
    article = post_content(review, {}, ThemeParts(), raw_html=True).markup
    assert r'{"className":"\u002d\u002d\u003cx\u003e\u0026\u0022"}' in article


# --- images -------------------------------------------------------------------------------------


def test_images_point_at_their_uploads(php: str, full_review: Review) -> None:
    made = post_content(full_review, IMAGES, PRINTS_NOTHING)
    assert made.warnings == []
    found = blocks_of(php, made.markup)
    hero = only(found, "review-hero").html
    assert f'<img src="{HERO.url}" alt="The gadget on a desk" class="wp-image-41"/>' in hero
    assert wp.element_classes(hero) == ["wp-block-image", "size-large", "review-hero"]
    assert '<figcaption class="wp-element-caption">Our test unit.</figcaption>' in hero
    images = [b for b in everything(found) if b.name == "core/image" and not b.class_names]
    (chart,) = images
    assert chart.attrs == {"id": 42, "sizeSlug": "large", "linkDestination": "none"}
    assert f'src="{CHART.url}"' in chart.html and 'class="wp-image-42"' in chart.html
    assert 'src="https://cdn.example.org/remote.png"' in made.markup  # a URL stays as written


def test_an_image_without_upload_keeps_its_path_and_says_so(php: str, full_review: Review) -> None:
    made = post_content(full_review, {"assets/hero.png": HERO}, PRINTS_NOTHING)
    assert len(made.warnings) == 1 and "'assets/chart.png'" in made.warnings[0]
    (chart,) = [
        b for b in everything(blocks_of(php, made.markup)) if b.name == "core/image"
        and not b.class_names
    ]  # fmt: skip
    assert chart.attrs == {"linkDestination": "none"}
    assert 'src="assets/chart.png"' in chart.html and "wp-image" not in chart.html


def test_a_hero_the_theme_shows_needs_no_upload_here(full_review: Review) -> None:
    made = post_content(full_review, {"assets/chart.png": CHART}, ThemeParts())
    assert made.warnings == []
    assert "hero.png" not in made.markup and "review-hero" not in made.markup


def test_an_image_is_found_by_the_path_the_review_writes(full_review: Review) -> None:
    review = full_review.model_copy(update={"body": "![x](./assets/my%20chart.png)\n"})
    made = post_content(review, {"./assets/my%20chart.png": CHART}, ThemeParts())
    assert made.warnings == [] and CHART.url in made.markup
    made = post_content(review, {"assets/my chart.png": CHART}, ThemeParts())
    assert made.warnings == [] and CHART.url in made.markup


def test_a_dry_runs_stand_in_upload_keeps_the_path(full_review: Review) -> None:
    pending = {path: UploadedImage(0, "", path) for path in IMAGES}
    content, warnings = post_content(full_review, pending, PRINTS_NOTHING)
    assert warnings == []
    assert 'src="assets/hero.png"' in content and 'src="assets/chart.png"' in content
    assert "wp-image-" not in content and '"id":' not in content


def test_the_summary_box_has_the_label_asked_for(php: str, full_review: Review) -> None:
    made = post_content(full_review, IMAGES, summary_label="AI Summary <beta>")
    label = only(blocks_of(php, made.markup), "review-summary-label")
    assert wp.text(label.html).strip() == "AI Summary <beta>"


# --- what the theme prints ----------------------------------------------------------------------

PARTS = {
    "title": ["review-title"],
    "excerpt": ["review-deck"],
    "featured_image": ["review-hero"],
    "tags": ["review-tags", "review-category"],
    "byline": ["review-byline", "review-dates"],
}


@pytest.mark.parametrize("part", sorted(PARTS))
def test_a_part_the_theme_prints_is_left_out(php: str, full_review: Review, part: str) -> None:
    printed = ThemeParts(**{name: name == part for name in PARTS})
    found = blocks_of(php, post_content(full_review, IMAGES, printed).markup)
    for name, classes in PARTS.items():
        for class_name in classes:
            assert len(with_class(found, class_name)) == (name != part), class_name


def test_by_default_the_theme_prints_the_posts_own_fields(php: str, full_review: Review) -> None:
    found = blocks_of(php, post_content(full_review, IMAGES).markup)
    for classes in PARTS.values():
        for class_name in classes:
            assert not with_class(found, class_name)
    kept = ["review-badges", "review-rating", "review-summary", "review-body", "review-verdict"]
    for class_name in kept:
        assert len(with_class(found, class_name)) == 1
    assert "<h1" not in post_content(full_review, IMAGES).markup


# --- the body -----------------------------------------------------------------------------------


def test_the_body_maps_to_core_blocks(php: str) -> None:
    review = Review(title="Body", body=BODY)
    found = blocks_of(php, markup(review))
    body = only(found, "review-body")
    assert [(block.name, block.attrs) for block in body.inner] == [
        ("core/heading", {}),
        ("core/paragraph", {}),
        ("core/heading", {"level": 3, "className": "lead"}),
        ("core/list", {"ordered": True}),
        ("core/paragraph", {}),
        ("core/list", {"ordered": True, "start": 5}),
        ("core/list", {}),
        ("core/quote", {}),
        ("core/code", {"className": "language-python"}),
        ("core/code", {}),
        ("core/table", {}),
        ("core/image", {"id": 42, "sizeSlug": "large", "linkDestination": "none"}),
        ("core/separator", {}),
        ("core/html", {}),  # a definition list
        ("core/html", {}),  # <details>
        ("core/paragraph", {}),
        ("core/html", {}),  # the footnotes
    ]
    ordered = body.inner[3]
    assert [wp.text(item.html).strip() for item in ordered.inner] == ["First", "Second"]
    assert [b.name for b in ordered.inner[1].inner] == ["core/list"]
    assert [wp.text(i.html).strip() for i in ordered.inner[1].inner[0].inner] == [
        "nested one",
        "nested two",
    ]
    assert '<ol start="5">' in body.inner[5].html
    assert "&#91;x]" in body.inner[4].html
    assert "<li>loose item</li>" in body.inner[6].inner[0].html
    quote = body.inner[7]
    assert [b.name for b in quote.inner] == ["core/paragraph", "core/quote"]
    code = body.inner[8].html
    assert "&#91;gallery]" in code and "https:&#47;&#47;example.org/alone" in code
    table = body.inner[10].html
    assert '<th class="has-text-align-left" data-align="left">Left</th>' in table
    assert '<td class="has-text-align-right" data-align="right">1</td>' in table
    assert '<td class="has-text-align-center" data-align="center">x</td>' in table
    assert 'id="details-here"' in body.inner[2].html
    assert 'title="Scores"' in body.inner[11].html
    assert "cdn.example.org/remote.png" in body.inner[15].html


def test_raw_html_is_kept_only_when_asked_and_only_in_html_blocks(php: str) -> None:
    review = Review(
        title="Raw", body='<div class="box">in a box<script>go()</script></div>\n\nText'
    )
    sanitized = markup(review)
    assert "<script" not in sanitized and "go()" not in sanitized
    raw = post_content(review, {}, PRINTS_NOTHING, raw_html=True).markup
    body = only(blocks_of(php, raw), "review-body")
    assert [block.name for block in body.inner] == ["core/html", "core/paragraph"]
    assert "<script>go()</script>" in body.inner[0].html


# Quotes in quotes and lists in lists, as raw HTML: Markdown's `>` nests as deep.
DEEP = "<blockquote>" * 40 + "deep" + "</blockquote>" * 40 + "\n\n" + "<ul><li>" * 40 + "x"


def test_deep_nesting_ends_in_an_html_block(php: str) -> None:
    review = Review(title="Deep", body=DEEP)
    found = blocks_of(php, markup(review))
    assert any(block.name == "core/html" for block in everything(found))
    assert "deep" in wp.text(markup(review))


# --- random reviews ------------------------------------------------------------------------------

SNIPPETS = [
    "## Heading {: #custom-id }",
    "### Sub *em* `code`",
    'Text with `code`, <kbd>Ctrl</kbd>, <abbr title="x">X</abbr> and [a link](https://e.org/?a&b).',
    "- a\n- b\n    - c\n    - d",
    "1. one\n2. two",
    "3. three\n4. four",
    "- loose\n\n- items",
    "- two\n\n    paragraphs",
    "> quote\n>\n> - list in a quote",
    "```js\nx[0] = '<b>' // --> \n```",
    "    indented code",
    "| a | b |\n|---|:-:|\n| 1 | 2 |",
    "![up](assets/a.png)",
    "![gone](assets/missing.png)",
    "[![linked](assets/a.png)](https://e.org/)",
    '![remote](https://cdn.e.org/x.png "title")',
    "***",
    "Term\n:   Definition",
    "<details><summary>S</summary>D</details>",
    "Note[^n].\n\n[^n]: A footnote.",
    "<div>raw <b>div</b></div>",
    '<figure><img src="assets/a.png" alt="f"><figcaption>Cap <em>x</em></figcaption></figure>',
    '<table><caption>c</caption><tr><td colspan="2">x</td></tr></table>',
    '<p dir="rtl" lang="ar">نص</p>',
    '<p dir="rtl">نص</p>',
    '<ol reversed start="3"><li>x</li></ol>',
    "<pre>pre <b>bold</b></pre>",
    '<img src="assets/a.png" alt="bare" width="30" height="20">',
    "https://www.youtube.com/watch?v=x",
    "[gallery] and <!-- wp:paragraph --> text",
]
bodies = st.lists(st.sampled_from(SNIPPETS) | line, max_size=8).map("\n\n".join)
random_reviews = st.builds(
    lambda review, body: review.model_copy(update={"body": body}),
    reviews,
    bodies | reviews.map(lambda review: review.body),
)
UPLOADED = {"assets/a.png": UploadedImage(7, UPLOADS + "a.png", "assets/a.png")}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(review=random_reviews, printed=st.builds(ThemeParts, *[st.booleans()] * 5))
def test_random_reviews_parse_into_known_blocks_holding_every_item(
    php: str, review: Review, printed: ThemeParts
) -> None:
    found = blocks_of(php, post_content(review, UPLOADED, printed).markup)
    assert all(not block.html.strip() for block in found if block.name is None)
    assert {block.name for block in everything(found)} <= WRITTEN
    for name, items in (
        ("pros", review.pros),
        ("cons", review.cons),
        ("key-features", review.key_features),
        ("key-insights", review.key_insights),
        ("best-for", review.best_for),
        ("skip-if", review.skip_if),
    ):
        sections = with_class(found, f"review-list--{name}")
        as_shown = [typeset(item, review.language) for item in items]
        assert list_texts(sections[0]) == as_shown if items else sections == []
    for name, shown in (
        ("review-scores", review.scores),
        ("review-specs", review.specs),
        ("review-offers", review.offers),
        ("review-updates", review.updates),
    ):
        assert len(with_class(found, name)) == (1 if shown else 0), name


# --- the block editor ----------------------------------------------------------------------------


def assert_opens_unchanged(opened: wp.Opened, article: str) -> None:
    assert opened.invalid() == []
    assert wp.tokens(opened.serialized) == wp.tokens(article)


def test_the_block_editor_opens_every_block_valid_and_would_save_it_unchanged(
    editor: Editor, full_review: Review
) -> None:
    sample = bundle.load(resource("sample"))
    articles = [
        markup(full_review),
        post_content(full_review, IMAGES).markup,
        markup(full_review, {}),
        markup(hostile_review(), {}),
        post_content(hostile_review(), {}, PRINTS_NOTHING, raw_html=True).markup,
        markup(Review(title="Body", body=BODY)),
        markup(Review(title="Deep", body=DEEP)),
        markup(Review(title="Snippets", body="\n\n".join(SNIPPETS)), UPLOADED),
        post_content(
            Review(title="Raw", body="\n\n".join(SNIPPETS)), UPLOADED, raw_html=True
        ).markup,
        markup(sample),
        markup(sample.model_copy(update={"published": date(2026, 1, 2), "updated": None})),
        markup(with_blocks(full_review)),
        markup(with_blocks(full_review, rating=None, offers=[])),
        markup(with_blocks(hostile_review(), **HOSTILE_BLOCKS), {}),
        post_content(with_blocks(sample), IMAGES).markup,
    ]
    for opened, article in zip(editor(articles), articles, strict=True):
        assert_opens_unchanged(opened, article)


@settings(max_examples=1, phases=[Phase.generate], deadline=None)
@given(batch=st.lists(st.tuples(random_reviews, st.booleans()), min_size=40, max_size=40))
def test_random_reviews_open_valid_in_the_block_editor(
    editor: Editor, batch: list[tuple[Review, bool]]
) -> None:
    articles = [
        post_content(review, UPLOADED, PRINTS_NOTHING, raw_html=raw).markup for review, raw in batch
    ]
    for opened, article in zip(editor(articles), articles, strict=True):
        assert_opens_unchanged(opened, article)


def test_without_delimiters_it_is_the_same_html_for_a_cms_that_takes_html() -> None:
    review = bundle.load(resource("sample"))
    upload = UploadedImage(0, "https://example.org/content/images/hero.png")
    images = {"assets/hero.png": upload, "assets/chart.png": upload}
    blocks = post_content(review, images, ThemeParts.named([])).markup
    html = post_content(review, images, ThemeParts.named([]), delimiters=False).markup
    assert "<!--" not in html
    assert "".join(re.sub(r"<!-- /?wp:[^>]*-->", "", blocks).split()) == "".join(html.split())
    assert html.count('src="https://example.org/content/images/hero.png"') == 2
    assert "wp-image-" not in html  # no media library ids on a site without one
