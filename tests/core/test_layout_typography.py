# ruff: noqa: RUF001  (curly quotes are what these tests are about)
"""Every text field a page shows has the body's typographic punctuation, in the html layout and
in the WordPress and Ghost article; the JSON-LD says the pros and cons as the page shows them,
the meta tags keep the writer's text as typed."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest
from markupsafe import escape

from reviewdesk.core import exports
from reviewdesk.core.jsonld import review_jsonld
from reviewdesk.core.layout import LayoutOptions, render_article
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import Author, Hero, Offer, Review, Score, Seo, Spec, Update
from reviewdesk.core.publish.blocks import post_content
from reviewdesk.core.publish.theme import ThemeParts
from tests.review_blocks import with_blocks

TYPED = 'It\'s "new" -- and --- done...'
SHOWN = "It’s “new” – and — done…"
KEPT = "`a--b` https://example.org/x--y"  # code and a URL, as typed

# Every text field a page shows, by the data-field of its section.
LIST_FIELDS = ("best_for", "skip_if", "pros", "cons", "key_features", "key_insights")
FIELDS = (
    "category", "badges", "title", "subtitle", "tags", "authors", "hero", "summary", "verdict",
    *LIST_FIELDS, "scores", "specs", "disclosure", "offers", "updates",
)  # fmt: skip


@pytest.fixture
def typed(full_review: Review) -> Review:
    return typed_everywhere(full_review)


def typed_everywhere(review: Review) -> Review:
    """`review` with every text field holding `TYPED` (each list's second item `KEPT`), every
    block filled in and a hero at `assets/hero.png`."""
    return with_blocks(
        review,
        title=TYPED,
        subtitle=TYPED,
        category=TYPED,
        badges=[TYPED],
        tags=[TYPED],
        authors=[Author(name=TYPED, url="https://example.org/a--b"), Author(name=TYPED)],
        hero=Hero(image="assets/hero.png", alt=TYPED, caption=TYPED),
        summary=f"{TYPED}\n\n{TYPED}",
        verdict=TYPED,
        disclosure=TYPED,
        **{name: [TYPED, KEPT] for name in LIST_FIELDS},
        scores=[Score(name=TYPED, value=4)],
        specs=[Spec(name=TYPED, value=TYPED)],
        offers=[Offer(seller=TYPED, url="https://shop.example.com/a--b", price=1, currency="EUR")],
        updates=[Update(date=date(2026, 4, 20), note=TYPED)],
        body=f"{TYPED}\n\n`{TYPED}`",
        seo=Seo(title=TYPED, description=TYPED, canonical_url="https://example.org/r"),
    )


def section(page: str, field: str) -> str:
    """The text of the element with `data-field="field"` (the html layout's sections)."""
    found = re.search(rf'<(\w+)\b[^>]*\bdata-field="{field}"[^>]*>(.*?)</\1>', page, re.S)
    assert found, field
    return html.unescape(found[2])


def test_every_text_field_of_the_page_is_typeset(typed: Review) -> None:
    article = render_article(typed, render_markdown(typed.body), LayoutOptions())
    for field in FIELDS:
        text = re.sub(r"<[^>]*>", "", section(article, field))  # the text, not the attributes
        assert SHOWN in text, field
        assert TYPED not in text and '"' not in text, field
    for field in LIST_FIELDS:  # code and URLs in a text field stay as typed
        assert f"<li>{KEPT}</li>" in section(article, field)
    assert 'alt="It&#39;s &#34;new&#34; -- and --- done..."' in article  # an attribute: as typed
    assert 'href="https://example.org/a--b"' in article
    assert 'href="https://shop.example.com/a--b"' in article


def test_title_lists_and_body_show_the_same_punctuation(typed: Review) -> None:
    article = render_article(typed, render_markdown(typed.body), LayoutOptions())
    assert f'data-field="title">{html.escape(SHOWN, quote=False)}</h1>' in article
    assert f"<li>{html.escape(SHOWN, quote=False)}</li>" in section(article, "pros")
    body = section(article, "body")
    assert f"<p>{SHOWN}</p>" in body
    assert f"<code>{TYPED}</code>" in body  # the body's code is kept too


def test_the_wordpress_and_ghost_article_is_typeset_as_the_page(typed: Review) -> None:
    nothing_printed = ThemeParts(
        title=False, excerpt=False, featured_image=False, tags=False, byline=False
    )
    article = html.unescape(post_content(typed, {}, nothing_printed, delimiters=False).markup)
    shown = article.count(SHOWN)
    # Title, deck, category, badge, tag, 2 authors, caption, 2 summary paragraphs, verdict,
    # 6 lists, score, spec name and value, disclosure, seller, update note, the body's paragraph.
    assert shown == 24, shown
    assert article.count(TYPED) == 2  # the body's code, the hero's alt
    assert article.count(KEPT) == len(LIST_FIELDS)
    assert 'alt="It\'s "new" -- and --- done..."' in article


def test_the_json_ld_says_the_notes_as_the_page_shows_them(typed: Review, tmp_path: Path) -> None:
    page = exports.export(typed, tmp_path, "html").text
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert script
    data = json.loads(script[1])
    notes = [item["name"] for item in data["review"]["positiveNotes"]["itemListElement"]]
    assert notes == [SHOWN, KEPT]
    for note in notes:
        assert f"<li>{html.escape(note, quote=False)}</li>" in page
    # The rest is the review's data as typed, as the meta tags have it.
    assert data["review"]["name"] == TYPED
    assert [author["name"] for author in data["review"]["author"]] == [TYPED, TYPED]
    assert data["additionalProperty"][0]["value"] == TYPED
    assert f"<title>{escape(TYPED)}</title>" in page
    for meta in ("og:title", "og:description", "og:image:alt"):
        assert f'<meta property="{meta}" content="{escape(TYPED)}">' in page


def test_the_json_ld_notes_are_as_typed_unless_the_page_is_typeset(typed: Review) -> None:
    as_typed = review_jsonld(typed)["review"]
    assert as_typed["positiveNotes"]["itemListElement"][0]["name"] == TYPED
    assert as_typed["negativeNotes"]["itemListElement"][0]["name"] == TYPED
    shown = review_jsonld(typed, typeset=True)
    assert shown["review"]["positiveNotes"]["itemListElement"][0]["name"] == SHOWN
    assert shown["review"]["negativeNotes"]["itemListElement"][0]["name"] == SHOWN
    assert shown == review_jsonld(typed) | {"review": shown["review"]}
    assert shown["review"]["name"] == TYPED


GERMAN = "It’s „new“ – and — done…"


def test_every_output_quotes_in_the_review_s_language(typed: Review, tmp_path: Path) -> None:
    german = typed.model_copy(update={"language": "de"})
    article = render_article(german, render_markdown(german.body, language="de"), LayoutOptions())
    for field in FIELDS:
        text = re.sub(r"<[^>]*>", "", section(article, field))
        assert GERMAN in text and SHOWN not in text, field
    assert f"<p>{GERMAN}</p>" in section(article, "body")
    nothing_printed = ThemeParts(
        title=False, excerpt=False, featured_image=False, tags=False, byline=False
    )
    post = html.unescape(post_content(german, {}, nothing_printed, delimiters=False).markup)
    assert post.count(GERMAN) == 24 and SHOWN not in post
    page = exports.export(german, tmp_path, "html").text
    assert f"<p>{GERMAN}</p>" in page and SHOWN not in page
    notes = review_jsonld(german, typeset=True)["review"]["positiveNotes"]["itemListElement"]
    assert notes[0]["name"] == GERMAN
