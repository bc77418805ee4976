"""The comparison page (core/compare.py, core/comparison.py): rows matched by name, empty
cells, the number of reviews, offers, escaping, each column's language, images, the JSON-LD's
shape and the site pages. Real tools check the pages in tests/e2e/test_compare_pages.py."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.core import bundle, front_matter
from reviewdesk.core.compare import FORMATS, render_comparison
from reviewdesk.core.comparison import CompareError, Comparison, matched
from reviewdesk.core.exports import ExportOptions, write
from reviewdesk.core.model import Offer, Rating, Review, Score, Seo, Spec, Subject
from reviewdesk.core.resources import resource
from tests.compare_reviews import write_bundles
from tests.core.test_exports_static_sites import FORBIDDEN
from tests.core.test_hostile_exports import dangers
from tests.review_blocks import with_blocks

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>{{ site.title }}{% raw %}"


def review(name: str, **changes: Any) -> Review:
    return Review(title=f"{name} Review", subject=Subject(name=name), **changes)


def pair(tmp_path: Path, *reviews: Review) -> list[tuple[Review, Path]]:
    return [(each, tmp_path) for each in reviews]


class _Table(HTMLParser):
    """The comparison table's body rows: each row's name and its cells' visible text (what is
    only for screen readers left out), None for a cell marked empty; and every cell's
    attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, list[str | None]] = {}
        self.cells: list[dict[str, str | None]] = []
        self._row: list[str | None] | None = None
        self._name: str | None = None
        self._text: list[str] | None = None
        self._in_body = False
        self._hidden = 0  # inside a visually hidden span

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "span" and (self._hidden or found.get("class") == "visually-hidden"):
            self._hidden += 1
        if tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self._row, self._name = [], None
        elif self._row is not None and tag in ("th", "td"):
            self._text = []
            if tag == "td":
                self.cells.append(found)
                if found.get("class") == "compare-empty":
                    self._row.append(None)
                    self._text = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._hidden:
            self._hidden -= 1
        if tag in ("th", "td") and self._text is not None and self._row is not None:
            text = " ".join("".join(self._text).split())
            if tag == "th":
                self._name = text
            else:
                self._row.append(text)
            self._text = None
        elif tag == "tr" and self._row is not None:
            if self._name is not None and self._row:
                self.rows[self._name] = self._row
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._hidden:
            self._text.append(data)


def table(html: str) -> _Table:
    parser = _Table()
    parser.feed(html)
    return parser


def rows(html: str) -> dict[str, list[str | None]]:
    return table(html).rows


# --- rows matched by name ---------------------------------------------------------------------


def test_names_match_ignoring_case_and_surrounding_spaces() -> None:
    found = matched([[" Build ", "Screen"], ["build", "Battery life"], ["BATTERY LIFE  "]], str)
    assert [(row.name, row.source, row.cells) for row in found] == [
        ("Build", 0, (" Build ", "build", None)),
        ("Screen", 0, ("Screen", None, None)),
        ("Battery life", 1, (None, "Battery life", "BATTERY LIFE  ")),
    ]


def test_a_name_repeated_in_a_review_meets_its_namesake_in_order() -> None:
    found = matched([["Price", "Price"], ["price"]], str)
    assert [row.cells for row in found] == [("Price", "price"), ("Price", None)]


def test_scores_and_specs_are_rows_by_name_with_empty_cells(tmp_path: Path) -> None:
    first = review(
        "Alpha",
        scores=[Score(name="Build", value=4), Score(name="Screen", value=3)],
        specs=[Spec(name="Weight", value="182 g")],
    )
    second = review(
        "Beta",
        rating=Rating(value=8, best=10),
        scores=[Score(name="battery LIFE", value=9), Score(name="BUILD", value=7)],
        specs=[Spec(name="weight", value="201 g"), Spec(name="Ports", value="USB-C")],
    )
    comparison = Comparison.of(pair(tmp_path, first, second))
    assert [row.name for row in comparison.scores] == ["Build", "Screen", "battery LIFE"]
    assert [row.name for row in comparison.specs] == ["Weight", "Ports"]

    shown = rows(render_comparison(pair(tmp_path, first, second)).text)
    assert shown["Build"] == ["4.0 / 5", "7.0 / 10"]
    assert shown["Screen"] == ["3.0 / 5", None]
    assert shown["battery LIFE"] == [None, "9.0 / 10"]
    assert shown["Weight"] == ["182 g", "201 g"]
    assert shown["Ports"] == [None, "USB-C"]


def test_a_missing_value_is_an_empty_cell_never_a_zero(tmp_path: Path) -> None:
    first = review("Alpha", scores=[Score(name="Build", value=4)])
    second = review("Beta", scores=[Score(name="Noise", value=2)])
    html = render_comparison(pair(tmp_path, first, second)).text
    shown = rows(html)
    assert shown["Build"][1] is None and shown["Noise"][0] is None
    empty = re.findall(r"<td[^>]*>\s*</td>", html)
    assert empty == ['<td class="compare-corner"></td>', *['<td class="compare-empty"></td>'] * 2]
    assert not re.search(r"<strong>0(\.0)?</strong>", html)


def test_rows_no_review_has_are_left_out(tmp_path: Path) -> None:
    shown = rows(render_comparison(pair(tmp_path, review("Alpha"), review("Beta"))).text)
    assert shown == {}
    html = render_comparison(pair(tmp_path, review("Alpha", verdict="Good."), review("Beta"))).text
    assert rows(html) == {"Verdict": ["Good.", None]}


# --- how many reviews -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "given"), [(0, "0 were given"), (1, "1 was given"), (7, "7 were given")]
)
def test_fewer_than_two_or_more_than_six_are_refused_naming_the_count(
    tmp_path: Path, count: int, given: str
) -> None:
    reviews = pair(tmp_path, *(review(f"R{number}") for number in range(count)))
    with pytest.raises(CompareError) as refused:
        render_comparison(reviews)
    assert str(refused.value) == f"a comparison needs 2 to 6 reviews; {given}"


def test_two_to_six_reviews_make_as_many_columns(tmp_path: Path) -> None:
    for count in (2, 6):
        reviews = pair(tmp_path, *(review(f"R{number}") for number in range(count)))
        html = render_comparison(reviews).text
        assert html.count('<th scope="col"') == count


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CompareError, match="html, fragment, hugo, jekyll"):
        render_comparison(pair(tmp_path, review("A"), review("B")), to="json")


# --- what the cells show ------------------------------------------------------------------------


def test_ratings_show_on_their_own_scale_and_say_when_the_scores_make_them(
    tmp_path: Path,
) -> None:
    first = review("Alpha", rating=Rating(value=7.5, best=10))
    second = review("Beta", scores=[Score(name="Build", value=4), Score(name="Noise", value=3)])
    html = render_comparison(pair(tmp_path, first, second)).text
    shown = rows(html)
    assert shown["Rating"] == ["7.5 / 10", "3.5 / 5 from the scores"]
    assert "Rated 7.5 out of 10" in html and "Rated 3.5 out of 5" in html


def test_sponsored_offers_say_so_with_the_disclosure_as_on_the_review_page(
    tmp_path: Path,
) -> None:
    blocks = with_blocks(review("Alpha"))
    plain = review("Beta", offers=[Offer(seller="Shop", url="https://shop.example.org/b")])
    html = render_comparison(pair(tmp_path, blocks, plain)).text
    links = re.findall(r'<a class="review-offer-link" href="([^"]*)" rel="([^"]*)">', html)
    assert links == [
        ("https://shop.example.com/gadget?ref=rd", "sponsored noopener"),
        ("https://other.example.net/gadget", "noopener"),
        ("https://shop.example.org/b", "noopener"),
    ]
    offers = rows(html)["Offers"]
    assert offers[0] is not None and offers[1] is not None
    disclosure = "We earn a commission when you buy through a sponsored link."
    assert offers[0].startswith(disclosure)  # before the first offer's link
    assert "Sponsored EUR 19.90" in offers[0]  # the price as the review's page formats it
    assert disclosure not in offers[1] and "Sponsored" not in offers[1]


def test_every_text_is_typeset_in_its_own_reviews_language(tmp_path: Path) -> None:
    english = review("Alpha", verdict='It is "quiet".', pros=['A "fast" one'])
    german = review("Beta", language="de", verdict='Es ist "leise".', pros=['Ein "schnelles"'])
    html = render_comparison(pair(tmp_path, english, german)).text
    shown = rows(html)
    assert shown["Verdict"] == ["It is \u201cquiet\u201d.", "Es ist \u201eleise\u201c."]
    assert shown["Pros"] == ["A \u201cfast\u201d one", "Ein \u201eschnelles\u201c"]
    assert '<html lang="en">' in html
    # The German column says its language: every cell of it, and its heading.
    cells = table(html).cells
    assert [cell.get("lang") for cell in cells] == [None, "de", None, "de"]
    assert '<th scope="col" id="compare-2" lang="de">' in html


@pytest.mark.parametrize("to", FORMATS)
def test_hostile_text_is_escaped_and_runs_nowhere(tmp_path: Path, to: str) -> None:
    def hostile(name: str) -> Review:
        return with_blocks(
            Review(
                title=HOSTILE,
                subject=Subject(name=f"{name}{HOSTILE}"),
                pros=[HOSTILE, "two"],
                cons=[HOSTILE],
                verdict=HOSTILE,
                best_for=[HOSTILE],
                disclosure=HOSTILE,
                seo=Seo(canonical_url="https://example.org/x?a=1&b=<2>"),
            ),
            scores=[Score(name=HOSTILE, value=3)],
            specs=[Spec(name=HOSTILE, value=HOSTILE)],
            offers=[Offer(seller=HOSTILE, url="https://example.org/buy", sponsored=True)],
        )

    result = render_comparison(pair(tmp_path, hostile("A"), hostile("B")), to=to)
    page = result.text
    article = front_matter.split(page).body if to in ("hugo", "jekyll") else page
    assert dangers(article) == []
    assert "<script>alert" not in article and "<img src=x" not in article
    assert "&lt;script&gt;alert(" in article and "&lt;img src=x onerror=alert(1)&gt;" in article
    if to != "html":  # the page's own head has its style, meta and JSON-LD script
        assert FORBIDDEN.search(article) is None
    if to in ("hugo", "jekyll"):  # no shortcode or Liquid left to run
        assert "{" not in article
        head = front_matter.split(page).data["reviewdesk"]["head"]
        assert "<" not in head["jsonld"] and HOSTILE in json.loads(head["jsonld"])["name"]


# --- images -------------------------------------------------------------------------------------


def test_heroes_are_copied_beside_the_page_one_folder_a_review(tmp_path: Path) -> None:
    folders = write_bundles(tmp_path)
    reviews = [(bundle.load(folder), folder) for folder in folders]
    result = render_comparison(reviews, stem="page")
    assert [asset.target for asset in result.assets] == [
        "page_files/wrenfall-3-mini-review/assets/hero.png",
        "page_files/brightloom-2-review/assets/chart.png",
    ]
    sources = re.findall(r'<img class="compare-thumb" src="([^"]*)" alt="">', result.text)
    assert sources == [asset.target for asset in result.assets]  # the third has no hero
    written = write(result, tmp_path / "out" / "page.html")
    assert all(path.is_file() for path in written) and len(written) == 3


def test_embedded_heroes_are_inside_the_page(tmp_path: Path) -> None:
    folders = write_bundles(tmp_path)
    reviews = [(bundle.load(folder), folder) for folder in folders]
    result = render_comparison(reviews, options=ExportOptions(embed_images=True))
    assert result.assets == ()
    sources = re.findall(r'<img class="compare-thumb" src="([^"]*)"', result.text)
    assert len(sources) == 2 and all(src.startswith("data:image/png;base64,") for src in sources)


def test_a_hero_that_cannot_be_shown_is_left_out_with_a_warning(tmp_path: Path) -> None:
    folders = write_bundles(tmp_path)
    (folders[0] / "assets" / "hero.png").unlink()
    reviews = [(bundle.load(folder), folder) for folder in folders]
    result = render_comparison(reviews)
    assert result.warnings == (
        f"{folders[0]}: image 'assets/hero.png' does not exist; not exported",
    )
    assert result.text.count('class="compare-thumb"') == 1


def test_two_reviews_of_one_slug_keep_their_images_apart(tmp_path: Path) -> None:
    folders = write_bundles(tmp_path)
    sample = bundle.load(folders[0])
    result = render_comparison([(sample, folders[0]), (sample, folders[0])], stem="p")
    assert [asset.target for asset in result.assets] == [
        "p_files/wrenfall-3-mini-review/assets/hero.png",
        "p_files/wrenfall-3-mini-review-2/assets/hero.png",
    ]


# --- JSON-LD ------------------------------------------------------------------------------------


def jsonld_of(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found
    data: dict[str, Any] = json.loads(found[1])
    return data


def test_reviews_with_pages_are_listed_by_their_addresses(tmp_path: Path) -> None:
    first = review("Alpha", seo=Seo(canonical_url="https://example.org/alpha"))
    second = review("Beta", seo=Seo(canonical_url="https://example.org/beta"))
    data = jsonld_of(render_comparison(pair(tmp_path, first, second)).text)
    assert data == {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": "Alpha vs Beta",
        "numberOfItems": 2,
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "url": "https://example.org/alpha"},
            {"@type": "ListItem", "position": 2, "url": "https://example.org/beta"},
        ],
    }


def test_without_a_page_for_each_the_reviews_are_embedded_as_on_their_pages(
    tmp_path: Path,
) -> None:
    folders = write_bundles(tmp_path)  # the third has no canonical URL
    reviews = [(bundle.load(folder), folder) for folder in folders]
    data = jsonld_of(render_comparison(reviews).text)
    elements = data["itemListElement"]
    assert [(e["position"], e["name"]) for e in elements] == [
        (1, "Wrenfall 3 Mini"),
        (2, "Brightloom 2"),
        (3, "Pellucid Nano"),
    ]
    assert "url" not in elements[0]  # one shape for every item, never a mix
    first = elements[0]["item"]
    assert first["review"]["url"] == "https://example.org/reviews/wrenfall-3-mini"
    # The notes as the page shows them: typeset.
    assert first["review"]["positiveNotes"]["itemListElement"][0]["name"] == (
        "Fast on ordinary laptops, even without a GPU"
    )
    assert "@context" not in first and "image" not in first["review"]


def test_with_an_asset_base_url_embedded_reviews_name_their_heroes(tmp_path: Path) -> None:
    folders = write_bundles(tmp_path)
    reviews = [(bundle.load(folder), folder) for folder in folders]
    options = ExportOptions(asset_base_url="https://cdn.example.org/c/")
    data = jsonld_of(render_comparison(reviews, options=options, stem="c").text)
    images = [e["item"]["review"].get("image") for e in data["itemListElement"]]
    assert images == [
        "https://cdn.example.org/c/c_files/wrenfall-3-mini-review/assets/hero.png",
        "https://cdn.example.org/c/c_files/brightloom-2-review/assets/chart.png",
        None,
    ]


# --- formats ------------------------------------------------------------------------------------


def test_the_fragment_is_the_article_alone(tmp_path: Path) -> None:
    folders = write_bundles(tmp_path)
    reviews = [(bundle.load(folder), folder) for folder in folders]
    options = ExportOptions(asset_base_url="https://cdn.example.org/c")
    fragment = render_comparison(reviews, to="fragment", options=options, stem="c").text
    assert fragment.startswith('<article class="compare"') and "<html" not in fragment
    assert 'src="https://cdn.example.org/c/c_files/wrenfall-3-mini-review/assets/hero.png"' in (
        fragment
    )
    page = render_comparison(reviews, stem="c").text
    assert fragment.replace("https://cdn.example.org/c/", "") in page


@pytest.mark.parametrize(
    ("to", "key", "location", "layout"),
    [
        ("hugo", "type", "a-vs-b/index.html", "hugo/layouts/comparison/single.html"),
        ("jekyll", "layout", "compare/a-vs-b.html", "jekyll/_layouts/comparison.html"),
    ],
)
def test_site_pages_name_the_shipped_comparison_layout(
    tmp_path: Path, to: str, key: str, location: str, layout: str
) -> None:
    result = render_comparison(pair(tmp_path, review("A"), review("B")), to=to)
    assert result.location == location and result.suffix == ".html"
    page = front_matter.split(result.text)
    assert page.data[key] == "comparison" and resource(*layout.split("/")).is_file()
    assert page.data["title"] == "A vs B"
    assert page.data["reviewdesk"]["compares"] == ["a-review", "b-review"]
    assert page.body.startswith('<article class="compare"')
    if to == "jekyll":
        assert page.data["render_with_liquid"] is False


def test_a_title_of_ones_own_names_the_page_and_its_files(tmp_path: Path) -> None:
    reviews = pair(tmp_path, review("A"), review("B"))
    result = render_comparison(reviews, to="hugo", title="  Small models, spring 2026 ")
    assert result.location == "small-models-spring-2026/index.html"
    assert front_matter.split(result.text).data["title"] == "Small models, spring 2026"
