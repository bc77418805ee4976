"""The live page equals the HTML export after any sequence of reviews, and its patches say
exactly what changed."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewdesk.core import bundle
from reviewdesk.core.exports import html
from reviewdesk.core.layout import LayoutOptions
from reviewdesk.core.live_page import LivePage, group_at
from reviewdesk.core.model import Review
from reviewdesk.core.page_marks import BODY_SLOT
from reviewdesk.core.page_patch import PagePatch
from reviewdesk.core.resources import resource
from tests.review_blocks import BLOCKS, with_blocks
from tests.strategies import reviews

SAMPLE = bundle.load(resource("sample"))
BODIES = st.sampled_from([
    SAMPLE.body,
    "",
    "[x]: https://example.org\n",
    "# One\n\nText with a [link][x].\n\n[x]: https://example.org\n",
    "Intro.\n\n## Review body\n\nA heading whose id the layout uses.\n",
    "![Chart](assets/chart.png)\n\n- a\n- b\n",
])  # fmt: skip


def page_of(patches: list[PagePatch]) -> tuple[str, list[str]]:
    """Replay patches as the page does: the skeleton (or its sections), then the splice."""
    skeleton, groups = "", list[str]()
    for patch in patches:
        if patch.skeleton is not None:
            skeleton = patch.skeleton
        for field, section in patch.sections.items():
            start = skeleton.index(f'data-field="{field}"')
            start = skeleton.rindex("<", 0, start)
            tag = skeleton[start + 1 : skeleton.index(" ", start)]
            end = skeleton.index(f"</{tag}>", start) + len(tag) + 3
            skeleton = skeleton[:start] + section + skeleton[end:]
        if patch.head is not None:
            skeleton = (
                skeleton[: skeleton.index("<head>") + 6] + patch.head
                + skeleton[skeleton.index("</head>"):]
            )  # fmt: skip
        groups[patch.start : patch.start + patch.removed] = patch.inserted
    return skeleton, groups


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(reviews, BODIES), min_size=1, max_size=5))
def test_after_any_reviews_the_page_is_the_export_and_patches_replay_to_it(
    versions: list[tuple[Review, str]],
) -> None:
    page = LivePage()
    patches = []
    for drawn, body in versions:
        review = drawn.model_copy(update={"body": body})
        patches.append(page.update(review))
        exported = html.render(review, LayoutOptions())
        assert page.html() == exported
        skeleton, groups = page_of(patches)
        assert skeleton.replace(BODY_SLOT, "".join(groups)) == exported


def test_typing_in_a_paragraph_patches_its_group_alone() -> None:
    page = LivePage()
    first = page.update(SAMPLE)
    assert first.skeleton is not None and "".join(first.inserted) in page.html()
    body = SAMPLE.body
    middle = body.index("\n\n", len(body) // 2) + 2
    patch = page.update(SAMPLE.model_copy(update={"body": body[:middle] + "X" + body[middle:]}))
    assert (patch.removed, len(patch.inserted)) == (1, 1)
    assert patch.skeleton is None and patch.sections == {} and patch.head is None
    line = body[:middle].count("\n")
    assert group_at(page.lines, line) == patch.start


def test_a_field_edit_patches_its_section_and_the_head() -> None:
    page = LivePage()
    page.update(SAMPLE)
    patch = page.update(SAMPLE.model_copy(update={"title": "Another title"}))
    assert set(patch.sections) == {"title"}
    assert patch.sections["title"].endswith(">Another title</h1>")
    assert patch.head is not None and '"name": "Another title"' in patch.head  # JSON-LD
    assert (patch.removed, patch.inserted, patch.skeleton) == (0, (), None)


def test_a_section_appearing_rebuilds_the_frame() -> None:
    page = LivePage()
    page.update(SAMPLE.model_copy(update={"pros": [], "cons": []}))
    patch = page.update(SAMPLE)
    assert patch.skeleton is not None and 'data-field="pros"' in patch.skeleton


def test_an_unchanged_review_patches_nothing() -> None:
    page = LivePage()
    page.update(SAMPLE)
    assert page.update(SAMPLE.model_copy()).is_empty


def test_a_block_edit_patches_its_section_alone() -> None:
    page = LivePage()
    page.update(with_blocks(SAMPLE))
    later = BLOCKS["updates"][1].model_copy(update={"note": "Added the red one."})
    patch = page.update(with_blocks(SAMPLE, updates=[BLOCKS["updates"][0], later]))
    assert set(patch.sections) == {"updates"} and patch.skeleton is None
    assert "Added the red one." in patch.sections["updates"]
    patch = page.update(with_blocks(SAMPLE, updates=[], disclosure="We paid for it."))
    assert patch.skeleton is not None  # a section went: the frame changed


def test_a_block_appearing_takes_its_id_from_the_body() -> None:
    """A body heading "Review scores" keeps its id until the scores show."""
    review = SAMPLE.model_copy(update={"body": "## Review scores\n\nText.\n"})
    page = LivePage()
    page.update(review)
    assert 'id="review-scores"' in page.html()
    page.update(with_blocks(review))
    assert 'id="body-review-scores"' in page.html()
    assert page.html() == html.render(with_blocks(review), LayoutOptions())
