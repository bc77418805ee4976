"""The review blocks in the Markdown export (core/exports/markdown_blocks.py): shown with the
body in the layout's order, read as plain text by a Markdown renderer, and taken off again by
the import, which gives the review back whole."""

import html
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewdesk.core import bundle, exports, front_matter, importer
from reviewdesk.core.exports import markdown_blocks
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import Offer, Review, Score, Spec, Update
from reviewdesk.core.typography import typeset
from tests.review_blocks import with_blocks

# Top to bottom: the blocks before the body, the body's own first heading, the blocks after.
ORDER = [
    "## Verdict",
    "## Best for",
    "## Skip if",
    "## What Wrenfall 3 Mini is",
    "## Scores",
    "## Specifications",
    "## Where to buy",
    "## Updates",
]


def markdown_of(review: Review, folder: Path) -> str:
    return exports.export(review, folder, "markdown", stem="review").text


def body_of(text: str) -> str:
    return front_matter.split(text).body


def words(markup: str) -> str:
    """The words a reader sees in `markup` (HTML)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_the_sample_shows_its_blocks_in_the_layouts_order(sample_bundle: Path) -> None:
    text = body_of(markdown_of(bundle.load(sample_bundle), sample_bundle))
    places = [text.find(heading) for heading in ORDER]
    assert -1 not in places and places == sorted(places), places
    assert text.startswith(markdown_blocks.OPEN)
    assert text.endswith(f"{markdown_blocks.CLOSE}\n")
    shown = words(render_markdown(text))
    assert "Verdict The small model to run on your own machine" in shown
    assert "Writing and editing 4.5 / 5 \N{MULTIPLICATION SIGN}2" in shown
    assert "Parameters 3.8 billion" in shown


def test_where_to_buy_puts_the_disclosure_first_and_names_sponsored_links(
    sample_bundle: Path,
) -> None:
    text = body_of(markdown_of(bundle.load(sample_bundle), sample_bundle))
    where = text[text.index("## Where to buy") : text.index("## Updates")]
    assert where.index("Quillstack pays us a commission") < where.index("](https://")
    assert (
        "- [Halden Bay Labs](https://example.org/halden-bay/wrenfall-3-mini/pricing), USD 9.00\n"
        "- [Quillstack](https://example.org/quillstack/wrenfall-3-mini) (sponsored link), "
        "USD 8.50\n"
    ) in where
    assert "Quillstack (sponsored link), USD 8.50" in words(render_markdown(where))


def test_dates_read_in_the_reviews_language_and_the_latest_update_comes_first(
    sample_bundle: Path,
) -> None:
    review = with_blocks(bundle.load(sample_bundle), language="de")
    text = markdown_blocks.after_body(review)
    assert "- **Updated 3. Mai 2026:** Added the new colour.\n" in text
    assert text.index("3. Mai 2026") < text.index("20. Apr. 2026")
    assert "checked 1. Apr. 2026" in text
    british = markdown_blocks.after_body(review.model_copy(update={"language": "en-GB"}))
    assert "- **Updated 3 May 2026:** Added the new colour.\n" in british


def test_a_rating_computed_from_the_scores_says_so() -> None:
    scores = [Score(name="Build", value=4), Score(name="Screen", value=3, weight=3)]
    computed = markdown_blocks.after_body(Review(title="T", scores=scores))
    assert "| Build | 4.0 / 5 | \N{MULTIPLICATION SIGN}1 |\n" in computed
    assert "Overall: **3.25** / 5, from the scores.\n" in computed
    given_one = Review.model_validate({"title": "T", "scores": scores, "rating": {"value": 4}})
    assert "Overall" not in markdown_blocks.after_body(given_one)


def test_a_disclosure_without_offers_is_its_own_section() -> None:
    review = Review(title="T", disclosure="We were lent the unit.")
    assert markdown_blocks.after_body(review) == "## Disclosure\n\nWe were lent the unit.\n"


def test_a_review_without_blocks_exports_only_its_body(sample_bundle: Path) -> None:
    """The language and a rating show no block (tests/core/test_golden_exports.py holds a
    whole bundle of that time to its file byte for byte)."""
    bare = Review.model_validate(
        {"title": "T", "body": "## A\n\nText.", "language": "de", "rating": {"value": 3}}
    )
    assert body_of(markdown_of(bare, sample_bundle)) == "## A\n\nText."


def test_the_import_takes_the_blocks_off_and_gives_the_review_back(
    sample_bundle: Path, tmp_path: Path
) -> None:
    review = with_blocks(bundle.load(sample_bundle), body="")
    file = tmp_path / "review.md"
    file.write_text(markdown_of(review, sample_bundle), encoding="utf-8")
    assert importer.read_markdown(file) == (review, [])


def test_blocks_edited_in_the_markdown_are_named_and_the_front_matter_kept(
    sample_bundle: Path, tmp_path: Path
) -> None:
    review = bundle.load(sample_bundle)
    text = markdown_of(review, sample_bundle)
    file = tmp_path / "review.md"
    file.write_text(text.replace("USD 8.50", "USD 7.50"), encoding="utf-8")
    back, warnings = importer.read_markdown(file)
    assert back == review
    line = text[: text.rindex(markdown_blocks.OPEN)].count("\n") + 1
    assert warnings == [
        f"line {line}: the review's blocks shown after the body differ from the front matter; "
        "the front matter's are kept (edit them there)"
    ]


def test_a_body_that_mentions_the_comments_keeps_them(sample_bundle: Path, tmp_path: Path) -> None:
    body = f"{markdown_blocks.OPEN}\n\nNot a block.\n{markdown_blocks.CLOSE}\n\nText.\n"
    review = Review(title="T", body=body, verdict="Fine.")
    file = tmp_path / "review.md"
    file.write_text(markdown_of(review, sample_bundle), encoding="utf-8")
    assert importer.read_markdown(file) == (review, [])


# --- text as text: what a writer types shows as typed, never as markup -------------------------

# Every character and line start Markdown reads as markup, among words.
MARKUP = st.lists(
    st.sampled_from(
        [
            *"ab 1.)#>+=-*_`[]()<>&;|~{}:!\\\n\t",
            *["&amp;", "&#1;", "https://x.y", "1. ", "- ", "> ", "```", "~~~", "\n\n", "==", "--"],
            *["[^1]", "{: #x}", "*[HTML]: x", "<!--"],
        ]
    ),
    max_size=30,
).map("".join)
# Typographic marks back to what was typed: the renderer typesets the text as the page does.
PLAIN = str.maketrans(
    {
        "\N{LEFT DOUBLE QUOTATION MARK}": '"',
        "\N{RIGHT DOUBLE QUOTATION MARK}": '"',
        "\N{LEFT SINGLE QUOTATION MARK}": "'",
        "\N{RIGHT SINGLE QUOTATION MARK}": "'",
        "\N{EN DASH}": "--",
        "\N{EM DASH}": "---",
        "\N{HORIZONTAL ELLIPSIS}": "...",
    }
)


def same_words(rendered: str, typed: str) -> bool:
    def plain(text: str) -> str:
        return " ".join(text.translate(PLAIN).split())

    return plain(words(rendered)) == plain(typeset(typed, "en"))


@settings(max_examples=300, deadline=None)
@given(text=MARKUP.filter(lambda text: any(p.strip() for p in text.split("\n\n"))))
def test_a_verdict_renders_as_its_words(text: str) -> None:
    review = Review(title="T", verdict=text)
    rendered = render_markdown(markdown_blocks.before_body(review))
    assert rendered.count("<h2") == 1 and "<li" not in rendered and "<code" not in rendered
    assert same_words(rendered.split("</h2>", 1)[1], text)


@settings(max_examples=300, deadline=None)
@given(item=MARKUP.filter(str.strip), seller=MARKUP.filter(str.strip))
def test_list_items_table_cells_and_sellers_render_as_their_words(item: str, seller: str) -> None:
    review = Review(
        title="T",
        best_for=[item],
        specs=[Spec(name=item, value="v")],
        offers=[Offer(seller=seller, url="https://example.org/a_(b)\\c")],
        updates=[Update(date="2026-04-11", note=item)],
    )
    best_for = render_markdown(markdown_blocks.before_body(review))
    assert best_for.count("<li>") == 1 and same_words(best_for.split("<li>")[1], item)
    after = render_markdown(markdown_blocks.after_body(review))
    cells = re.findall(r"<td>(.*?)</td>", after, re.S)
    assert len(cells) == 2 and same_words(cells[0], item)
    links = re.findall(r'<a href="([^"]*)">(.*?)</a>', after, re.S)
    assert len(links) == 1 and same_words(links[0][1], seller)
    assert html.unescape(links[0][0]) == "https://example.org/a_(b)\\c"
    update = re.findall(r"</strong>(.*?)</li>", after, re.S)
    assert len(update) == 1 and same_words(update[0], item)
