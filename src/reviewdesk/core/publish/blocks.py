"""A review as WordPress block markup: the post's `content` as the block editor saves it.

For WordPress 6.1 and newer. Every block is written exactly as its `save()` in 6.1's block
library writes it from the attributes in its comment delimiter (classes, attributes, the
editor's JSON escaping), so the editor opens the post without "unexpected or invalid content".
Later versions read these blocks too: a block whose `save()` changed keeps the old one as a
deprecation and updates it silently. 6.1's lists and quotes already hold inner blocks
(`core/list-item`, paragraphs), so that is how they are written.

The article follows the published layout (DESIGN §1, templates/article.html.j2) with the same
class names, so one stylesheet serves the page and the post: a `core/group` per section
(`review`, `review-header`, `review-main`, `review-summary`, `review-verdict`, `review-list
review-list--pros`...), `core/heading`, `core/paragraph`, `core/list` and `core/image` in them.
What the theme prints itself (`ThemeParts` of the site) is left out: the title, the deck
(`excerpt`), the hero (`featured_image`), the tags (with the category: the post's terms) and
the byline (with the dates: themes print the author and the date together). Badges, the
rating, the summary, the body and the four lists are always the article's.

The review blocks take their places in the layout too: the verdict box (`review-bottom-line`:
`review-verdict-box`, then `review-fit` with the lists `review-list--best-for` and
`review-list--skip-if`) after the summary; the scores (`review-scores`, a `core/table` with a
bar and the value in words per criterion) after the body; after the pros and cons the
specifications (`review-specs`, a `core/table` of row headings), where to buy
(`review-where-to-buy`: the disclosure, `review-disclosure`, before the list of offers,
`review-offers`, whose links are `rel="sponsored noopener"` when sponsored) and the update log
(`review-updates`, latest first). The plugin's `review-blocks.css` styles them.

The body is the Markdown rendered and sanitized as every export renders it (raw, unsanitized,
only when asked), then mapped to core blocks element by element: paragraphs, headings, lists,
quotes, images (a paragraph or figure holding one image), code, preformatted text, separators
and tables. What no core block of 6.1 can hold as written (definition lists, footnotes,
`<details>`, tables with captions or spans, a list item of several paragraphs, an attribute a
block does not keep) goes whole into a `core/html` block.

Everything written is escaped as the templates escape it; `[` is written `&#91;` so that the
site runs no shortcode a review happens to spell, and the `//` of an `http(s)://` in text as
`&#47;&#47;` so that a URL alone on a line or in a paragraph is not made into an embed (the
code block's own escaping, applied to all text). Images of the bundle point at their uploads
(`images`, by the path the review writes), with the media id and the `wp-image-N` class the
editor gives them, so WordPress serves them with their sizes and `srcset`.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any, Final, NamedTuple
from urllib.parse import unquote

import nh3
from markupsafe import escape

from reviewdesk.core import assets
from reviewdesk.core.dates import human_date
from reviewdesk.core.layout import environment, format_price, updates_newest_first
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import Author, Offer, Rating, Review
from reviewdesk.core.publish.state import UploadedImage
from reviewdesk.core.publish.theme import ThemeParts
from reviewdesk.core.shown_text import as_shown

__all__ = ["PostContent", "post_content"]

# Control characters, which HTML does not allow and WordPress removes from an author's posts
# (kses): left out for every role, so the site keeps what is sent.
_CONTROLS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class PostContent(NamedTuple):
    """The post's block markup, and what the writer should know about it (an image of the
    review that has no upload keeps its path, which the site cannot show)."""

    markup: str
    warnings: list[str]


def post_content(
    review: Review,
    images: Mapping[str, UploadedImage],
    theme: ThemeParts = ThemeParts(),  # noqa: B008 (frozen: one shared default is safe)
    *,
    summary_label: str = "Summary",
    raw_html: bool = False,
    delimiters: bool = True,
) -> PostContent:
    """The review as the block markup of a post's content.

    `images` maps an image's path as the review writes it (`hero.image`, a body image's
    source) to its upload; one with a media id (not 0) gets the id and the `wp-image-N` class,
    one without a URL yet (a dry run's) keeps its path.
    `theme` says what the site's theme prints itself, left out of the article. `raw_html`
    keeps the body's HTML unsanitized, as the exports' option of that name. Without
    `delimiters` it is the same HTML without the block comments: the article for a CMS that
    takes HTML (Ghost's HTML card), styled by the same stylesheet."""
    writer = _Writer(images)
    body = (
        render_markdown(review.body, raw_html=raw_html, language=review.language)
        if review.body.strip()
        else ""
    )
    if raw_html:
        body = _as_browsers_read(body)
    body_blocks = writer.body(body)
    shown = as_shown(review)  # its text fields typeset, as the layout's templates show them
    article = _article(shown, theme, writer, body_blocks, summary_label or "Summary")
    markup = _CONTROLS.sub("", _serialize(article, delimiters=delimiters))
    return PostContent(markup + "\n", writer.warnings())


# --- blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    """A core block: `html` is all of its own markup, or its start when it holds blocks,
    which go between `html` and `end`."""

    name: str
    attrs: Mapping[str, Any]
    html: str
    inner: tuple[_Block, ...] = ()
    end: str = ""


def _serialize(block: _Block, *, delimiters: bool = True) -> str:
    """As the editor serializes a block: delimiters on lines of their own, inner blocks one
    blank line apart and flush against their parent's start and end tags."""
    if not delimiters:
        inner = "\n".join(_serialize(child, delimiters=False) for child in block.inner)
        return f"{block.html}{inner}{block.end}"
    attrs = f"{_comment_json(block.attrs)} " if block.attrs else ""
    inner = "\n\n".join(_serialize(child) for child in block.inner)
    return (
        f"<!-- wp:{block.name} {attrs}-->\n"
        f"{block.html}{inner}{block.end}\n"
        f"<!-- /wp:{block.name} -->"
    )


_JSON_ESCAPES: Final = {"--": "\\u002d\\u002d", "<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_JSON_UNSAFE = re.compile(r"--|[<>&]|\\.")


def _comment_json(attrs: Mapping[str, Any]) -> str:
    """JSON as the editor writes it in a delimiter (serializeAttributes): `--` cannot end the
    comment, `<`, `>` and `&` cannot be read as markup, and `\\"` becomes `\\u0022`, which
    WordPress's slash stripping leaves alone."""

    def replace(match: re.Match[str]) -> str:
        found = match[0]
        if found.startswith("\\"):  # an escape of JSON's own, taken whole
            return "\\u0022" if found == '\\"' else found
        return _JSON_ESCAPES[found]

    text = json.dumps(attrs, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(replace, text)


def _paragraph(content: str, class_name: str = "") -> _Block:
    attrs = {"className": class_name} if class_name else {}
    return _Block("paragraph", attrs, f"<p{_class(class_name)}>{content}</p>")


def _heading(content: str, level: int = 2, class_name: str = "", anchor: str = "") -> _Block:
    attrs: dict[str, Any] = {} if level == 2 else {"level": level}
    if class_name:
        attrs["className"] = class_name
    anchor_attr = f' id="{_attr(anchor)}"' if anchor else ""
    return _Block(
        "heading", attrs, f"<h{level}{_class(class_name)}{anchor_attr}>{content}</h{level}>"
    )


def _list(items: Sequence[_Block], *, ordered: bool = False, class_name: str = "") -> _Block:
    tag = "ol" if ordered else "ul"
    attrs: dict[str, Any] = {"ordered": True} if ordered else {}
    if class_name:
        attrs["className"] = class_name
    return _Block("list", attrs, f"<{tag}{_class(class_name)}>", tuple(items), f"</{tag}>")


def _list_item(content: str, nested: _Block | None = None) -> _Block:
    inner = (nested,) if nested else ()
    return _Block("list-item", {}, f"<li>{content}", inner, "</li>")


def _group(class_name: str, inner: Sequence[_Block], tag: str = "div") -> _Block:
    attrs: dict[str, Any] = {} if tag == "div" else {"tagName": tag}
    attrs["className"] = class_name
    start = f'<{tag} class="wp-block-group {_attr(class_name)}">'
    return _Block("group", attrs, start, tuple(inner), f"</{tag}>")


@dataclass(frozen=True)
class _Image:
    """What an image block shows: `src` as written, `media` its upload when it has one."""

    src: str
    alt: str = ""
    media: UploadedImage | None = None
    title: str | None = None
    width: int | None = None
    height: int | None = None
    link: tuple[tuple[str, str], ...] = ()  # the link's href, rel, class (as written)
    caption: str = ""  # HTML
    class_name: str = ""


def _image_block(image: _Image) -> _Block:
    """core/image as 6.1's save() writes it; an upload adds the id, `size-large` and the
    `wp-image-N` class the editor gives an image from the media library."""
    media = image.media
    uploaded = media is not None and media.id > 0
    attrs: dict[str, Any] = {}
    if uploaded and media is not None:
        attrs["id"] = media.id
    if image.width is not None:
        attrs["width"] = image.width
    if image.height is not None:
        attrs["height"] = image.height
    if uploaded:
        attrs["sizeSlug"] = "large"
    attrs["linkDestination"] = "custom" if image.link else "none"
    if image.class_name:
        attrs["className"] = image.class_name
    figure_classes = ["wp-block-image"]
    figure_classes += ["size-large"] if uploaded else []
    figure_classes += ["is-resized"] if image.width or image.height else []
    figure_classes += [image.class_name] if image.class_name else []
    img = [("src", media.url if media and media.url else image.src), ("alt", image.alt)]
    img += [("class", f"wp-image-{media.id}")] if uploaded and media else []
    img += [("width", str(image.width))] if image.width is not None else []
    img += [("height", str(image.height))] if image.height is not None else []
    img += [("title", image.title)] if image.title is not None else []
    html = _open("img", img)[:-1] + "/>"
    if image.link:
        html = _open("a", image.link) + html + "</a>"
    if image.caption:
        html += f'<figcaption class="wp-element-caption">{image.caption}</figcaption>'
    return _Block(
        "image", attrs, f'<figure class="{_attr(" ".join(figure_classes))}">{html}</figure>'
    )


def _html_block(html: str) -> _Block:
    return _Block("html", {}, html)


# --- escaping ----------------------------------------------------------------------------------

_URL_SLASHES = re.compile(r"(?i)\b(https?:)//")


def _text(value: str) -> str:
    """Text as HTML: escaped as the templates escape it, `[` so that WordPress runs no
    shortcode, and a URL's `//` so that a URL on a line of its own is not made an embed."""
    return _URL_SLASHES.sub(r"\1&#47;&#47;", str(escape(value)).replace("[", "&#91;"))


def _field(value: str) -> str:
    """A text field of the review (plain text: a title, a list item, a caption...), typeset
    already (`as_shown`), escaped."""
    return _text(value)


def _attr(value: str) -> str:
    return str(escape(value)).replace("[", "&#91;")


def _join(*classes: str) -> str:
    return " ".join(filter(None, classes))


def _class(class_name: str) -> str:
    return f' class="{_attr(class_name)}"' if class_name else ""


def _open(tag: str, attrs: Sequence[tuple[str, str | None]]) -> str:
    written = "".join(f" {name}" if v is None else f' {name}="{_attr(v)}"' for name, v in attrs)
    return f"<{tag}{written}>"


# --- the article -------------------------------------------------------------------------------


def _article(
    review: Review, theme: ThemeParts, writer: _Writer, body: list[_Block], summary_label: str
) -> _Block:
    main = _main(review, theme, writer, body, summary_label)
    aside = _aside(review)
    parts = [part for part in (_header(review, theme), main, aside) if part is not None]
    return _group("review review--with-aside" if aside else "review", parts)


def _header(review: Review, theme: ThemeParts) -> _Block | None:
    parts: list[_Block] = []
    if not theme.byline and (dates := _dates(review)):
        parts.append(_group("review-topbar", [_paragraph(dates, "review-dates")]))
    kicker = []
    if review.category and not theme.tags:
        kicker.append(_paragraph(_field(review.category), "review-category"))
    if review.badges:
        kicker.append(
            _paragraph(_chips(review.badges, "chip chip--badge", ""), "review-badges chips")
        )
    if kicker:
        parts.append(_group("review-kicker", kicker))
    if not theme.title:
        parts.append(_heading(_field(review.title), 1, "review-title"))
    if review.subtitle and not theme.excerpt:
        parts.append(_paragraph(_field(review.subtitle), "review-deck"))
    if review.tags and not theme.tags:
        parts.append(_paragraph(_chips(review.tags, "chip chip--tag", "#"), "review-tags chips"))
    meta = []
    if review.authors and not theme.byline:
        meta.append(_paragraph(f"By {_byline(review.authors)}", "review-byline"))
    if (rating := review.overall_rating) is not None:
        meta.append(_paragraph(_rating(rating, review.rating_from_scores), "review-rating"))
    if meta:
        parts.append(_group("review-meta", meta))
    return _group("review-header", parts, "header") if parts else None


def _main(
    review: Review, theme: ThemeParts, writer: _Writer, body: list[_Block], summary_label: str
) -> _Block | None:
    parts: list[_Block] = []
    if review.hero is not None and not theme.featured_image:
        hero = review.hero
        image = _Image(hero.image, hero.alt, writer.upload_of(hero.image), class_name="review-hero")
        parts.append(_image_block(_with_caption(image, _field(hero.caption))))
    summary = _paragraphs(review.summary)
    if summary:
        label = _heading(_text(summary_label), class_name="review-summary-label")
        paragraphs = [_paragraph(_field(text)) for text in summary]
        parts.append(_group("review-summary", [label, *paragraphs], "section"))
    parts += _shown(_bottom_line(review))
    if body:
        parts.append(_group("review-body", body))
    parts += _shown(_scores(review))
    verdict = [
        _list_section(field, heading, items)
        for field, heading, items in (("pros", "Pros", review.pros), ("cons", "Cons", review.cons))
        if items
    ]
    if verdict:
        parts.append(_group("review-verdict", verdict))
    parts += _shown(_specs(review)) + _shown(_where_to_buy(review)) + _shown(_updates(review))
    return _group("review-main", parts) if parts else None


def _aside(review: Review) -> _Block | None:
    lists = []
    if review.key_features:
        lists.append(
            _list_section("key-features", "Key Features", review.key_features, ordered=True)
        )
    if review.key_insights:
        lists.append(_list_section("key-insights", "Key Insights", review.key_insights))
    return _group("review-aside", lists) if lists else None


def _list_section(
    name: str, heading: str, items: Sequence[str], *, ordered: bool = False
) -> _Block:
    entries = [_list_item(_field(item)) for item in items]
    return _group(
        f"review-list review-list--{name}",
        [_heading(heading, class_name="review-list-heading"), _list(entries, ordered=ordered)],
        "section",
    )


def _shown(block: _Block | None) -> list[_Block]:
    return [] if block is None else [block]


# --- the review blocks -------------------------------------------------------------------------


def _section_heading(text: str) -> _Block:
    return _heading(text, class_name="review-section-heading")


def _bottom_line(review: Review) -> _Block | None:
    """The verdict box: the verdict, then who the item suits and who should skip it."""
    parts = []
    if verdict := _paragraphs(review.verdict):
        paragraphs = [_paragraph(_field(text)) for text in verdict]
        parts.append(
            _group("review-verdict-box", [_section_heading("Verdict"), *paragraphs], "section")
        )
    fit = [
        _list_section(name, heading, items)
        for name, heading, items in (
            ("best-for", "Best for", review.best_for),
            ("skip-if", "Skip if", review.skip_if),
        )
        if items
    ]
    if fit:
        parts.append(_group("review-fit", fit))
    return _group("review-bottom-line", parts) if parts else None


def _scores(review: Review) -> _Block | None:
    """A row per criterion: a bar for the stylesheet to draw, and its value in words."""
    rating = review.overall_rating
    if not review.scores or rating is None:
        return None
    filters = environment().filters
    best = filters["number"](rating.best)
    weighted = any(score.weight != 1 for score in review.scores)
    head = ["Criterion", "Score", *(["Weight"] if weighted else [])]
    rows = []
    for score in review.scores:
        fill = filters["percent_of_best"](score.value, rating.best, rating.worst)
        bar = f'<span class="review-score-bar" style="--fill: {fill}" aria-hidden="true"></span>'
        value = f"{bar} <strong>{filters['score'](score.value)}</strong> / {best}"
        weight = [f"\N{MULTIPLICATION SIGN}{filters['number'](score.weight)}"] if weighted else []
        rows.append((_field(score.name), [value, *weight]))
    table = _table("review-score-table", head, rows)
    return _group("review-scores", [_section_heading("Scores"), table], "section")


def _specs(review: Review) -> _Block | None:
    if not review.specs:
        return None
    rows = [(_field(spec.name), [_field(spec.value)]) for spec in review.specs]
    table = _table("review-spec-table", [], rows)
    return _group("review-specs", [_section_heading("Specifications"), table], "section")


def _table(class_name: str, head: Sequence[str], rows: Sequence[tuple[str, list[str]]]) -> _Block:
    """core/table as 6.1's save() writes it: column headings in `<thead>`, then a row per
    (row heading, cells); all HTML."""
    thead = "".join(f'<th scope="col">{cell}</th>' for cell in head)
    tbody = "".join(
        f'<tr><th scope="row">{name}</th>{"".join(f"<td>{cell}</td>" for cell in cells)}</tr>'
        for name, cells in rows
    )
    table = (f"<thead><tr>{thead}</tr></thead>" if head else "") + f"<tbody>{tbody}</tbody>"
    html = f'<figure class="wp-block-table {_attr(class_name)}"><table>{table}</table></figure>'
    return _Block("table", {"className": class_name}, html)


def _where_to_buy(review: Review) -> _Block | None:
    """The disclosure, then the offers: the reader has read it before any link."""
    disclosure = _paragraphs(review.disclosure)
    if not disclosure and not review.offers:
        return None
    parts = [_section_heading("Where to buy" if review.offers else "Disclosure")]
    if disclosure:
        paragraphs = [_paragraph(_field(text)) for text in disclosure]
        parts.append(_group("review-disclosure", paragraphs))
    if review.offers:
        offers = [_list_item(_offer(offer, review.language)) for offer in review.offers]
        parts.append(_list(offers, class_name="review-offers"))
    return _group("review-where-to-buy", parts, "section")


def _offer(offer: Offer, language: str) -> str:
    rel = "sponsored noopener" if offer.sponsored else "noopener"
    link = _open("a", [("class", "review-offer-link"), ("href", offer.url), ("rel", rel)])
    parts = [f"{link}{_field(offer.seller)}</a>"]
    if offer.sponsored:
        parts.append('<span class="review-offer-sponsored">Sponsored</span>')
    if offer.price is not None:
        price = _text(format_price(offer.price, offer.currency))
        parts.append(f'<span class="review-offer-price">{price}</span>')
    if offer.checked is not None:
        day = _text(human_date(offer.checked, language))
        parts.append(f'<span class="review-offer-checked">checked {day}</span>')
    return " ".join(parts)


def _updates(review: Review) -> _Block | None:
    """The update log, latest first; plain text dates, as the header's."""
    items = [
        _list_item(
            f"<strong>Updated {_text(human_date(update.date, review.language))}:</strong> "
            f"{_field(update.note)}"
        )
        for update in updates_newest_first(review)
    ]
    if not items:
        return None
    return _group("review-updates", [_section_heading("Updates"), _list(items)], "section")


def _with_caption(image: _Image, caption: str) -> _Image:
    return replace(image, caption=caption)


def _chips(names: Sequence[str], classes: str, mark: str) -> str:
    """Names as the layout's chips, in a paragraph: read as "#A #B" where no stylesheet
    makes chips of them."""
    hidden = f'<span aria-hidden="true">{mark}</span>' if mark else ""
    return " ".join(f'<span class="{classes}">{hidden}{_field(name)}</span>' for name in names)


def _byline(authors: Sequence[Author]) -> str:
    """ "A", "A and B", "A, B and C", each linked when the author has a URL."""
    names = [
        f'<a href="{_attr(a.url)}" rel="author">{_field(a.name)}</a>' if a.url else _field(a.name)
        for a in authors
    ]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _rating(rating: Rating, from_scores: bool) -> str:
    """Stars for the stylesheet to draw and words that read the same with it or without it
    (a hidden "Rated ..." beside a visible "4.0 / 5" reads twice where the site does not hide
    it); a rating computed from the scores says so."""
    filters = environment().filters
    fill = filters["percent_of_best"](rating.value, rating.best, rating.worst)
    value, best = filters["score"](rating.value), filters["number"](rating.best)
    stars = f'<span class="review-stars" style="--fill: {fill}" aria-hidden="true"></span>'
    source = ' <span class="review-rating-source">from the scores</span>' if from_scores else ""
    return f"{stars} Rated <strong>{value}</strong> out of {best}{source}"


def _dates(review: Review) -> str:
    """ "Apr 11, 2026", with "Updated Apr 12, 2026" when that is a later day, in the review's
    language; plain text, as WordPress keeps no `<time>` in the posts of authors."""
    language = review.language
    parts = [_text(human_date(review.published, language))] if review.published else []
    if review.updated and (not review.published or _day(review.updated) > _day(review.published)):
        updated = _text(human_date(review.updated, language))
        parts.append(f'<span class="review-updated">Updated {updated}</span>')
    return " ".join(parts)


def _day(when: date) -> date:
    return when.date() if isinstance(when, datetime) else when


def _paragraphs(text: str) -> list[str]:
    """Plain text split into paragraphs at blank lines, as the layout's filter splits it."""
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


# --- the body: HTML to blocks ------------------------------------------------------------------


@dataclass
class _Node:
    tag: str
    attrs: list[tuple[str, str | None]]
    children: list[_Node | str]


_VOID: Final = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
_RAW_TEXT: Final = frozenset({"script", "style"})
_PHRASING: Final = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i",
     "img", "ins", "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
     "strong", "sub", "sup", "time", "u", "var", "wbr"}
)  # fmt: skip
_MAX_NESTING: Final = 24
"""Blocks nested deeper than this (quotes in quotes, lists in lists) go into an HTML block."""
_BLOCK_DELIMITER: Final = re.compile(r"<!--(\s+/?wp:)")


class _Tree(HTMLParser):
    """HTML into nodes. The sanitizer writes well-formed HTML (every element closed, void
    elements bare) and raw HTML is first put in that shape (`_as_browsers_read`), so a stack
    is enough; a stray end tag is dropped all the same. Comments are dropped: one spelling
    `<!-- wp:... -->` would be read as a block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("", [], [])
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, attrs, [])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, attrs, []))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _parse(html: str) -> list[_Node | str]:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root.children


_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def _as_browsers_read(html: str) -> str:
    """Raw HTML as a browser's parser builds it (a `<div>` closes the `<p>` it was in, a table
    gets its `<tbody>`), with nothing taken out: the editor checks an HTML block against what
    the browser made of it. Through the sanitizer's HTML5 parser, told to allow every tag,
    attribute and URL scheme the HTML holds."""
    tags: set[str] = set()
    attributes: set[str] = set()
    schemes: set[str] = set()
    stack = _parse(html)
    while stack:
        node = stack.pop()
        if isinstance(node, _Node):
            tags.add(node.tag)
            attributes.update(name for name, _ in node.attrs)
            schemes.update(m[1].lower() for _, v in node.attrs if v and (m := _SCHEME.match(v)))
            stack.extend(node.children)
    cleaner = nh3.Cleaner(
        tags=tags,
        clean_content_tags=set(),
        attributes={"*": attributes},
        url_schemes=schemes,
        link_rel=None,
        strip_comments=True,
    )
    return str(cleaner.clean(html))


def _elements(nodes: Sequence[_Node | str]) -> list[_Node] | None:
    """The elements of `nodes`, or None when text other than white space lies between."""
    found = []
    for node in nodes:
        if isinstance(node, str):
            if node.strip():
                return None
        else:
            found.append(node)
    return found


def _phrasing(nodes: Sequence[_Node | str]) -> bool:
    """Only text and inline elements, at any depth: what a paragraph, heading, list item or
    table cell holds as its rich text."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, _Node):
            if node.tag not in _PHRASING:
                return False
            stack.extend(node.children)
    return True


_CELL_ALIGN = re.compile(r"^\s*text-align\s*:\s*(left|center|right)\s*;?\s*$")
_SCOPES: Final = frozenset({"row", "col", "rowgroup", "colgroup"})


class _Writer:
    """Maps the body's HTML to blocks, pointing images at their uploads."""

    def __init__(self, images: Mapping[str, UploadedImage]) -> None:
        self.images = images
        self.missing: dict[str, None] = {}  # ordered, without repeats

    def warnings(self) -> list[str]:
        return [
            f"image {src!r} was not uploaded; the post shows it by its path, "
            "which the site cannot serve"
            for src in self.missing
        ]

    def upload_of(self, src: str) -> UploadedImage | None:
        """The upload of the bundle image `src`; None (and a warning) when there is none, and
        None without one for a URL."""
        if not assets.is_local(src):
            return None
        candidates = [src, src.removeprefix("./"), unquote(src)]
        with contextlib.suppress(assets.AssetError):  # climbs out: only as written
            candidates.append(assets.relative(src))
        for key in candidates:
            if key in self.images:
                return self.images[key]
        self.missing[src] = None
        return None

    # -- HTML out --

    def html(self, nodes: Sequence[_Node | str]) -> str:
        """`nodes` as HTML, escaped as ours, images at their uploads. A loop, not recursion:
        raw HTML may nest hundreds deep."""
        out: list[str] = []
        stack: list[_Node | str | tuple[str]] = list(reversed(nodes))
        parents: list[str] = []
        while stack:
            node = stack.pop()
            if isinstance(node, tuple):  # an end tag
                out.append(f"</{node[0]}>")
                parents.pop()
            elif isinstance(node, str):
                raw = parents and parents[-1] in _RAW_TEXT
                out.append(_BLOCK_DELIMITER.sub(r"<\\!--\1", node) if raw else _text(node))
            else:
                out.append(_open(node.tag, self._attrs(node)))
                if node.tag not in _VOID:
                    parents.append(node.tag)
                    stack.append((node.tag,))
                    stack.extend(reversed(node.children))
        return "".join(out)

    def _attrs(self, node: _Node) -> list[tuple[str, str | None]]:
        if node.tag != "img":
            return node.attrs
        attrs = dict(node.attrs)
        media = self.upload_of(attrs["src"] or "") if attrs.get("src") else None
        if media is None or not media.url:
            return node.attrs
        attrs["src"] = media.url
        if media.id > 0:
            attrs["class"] = " ".join(filter(None, [attrs.get("class"), f"wp-image-{media.id}"]))
        return list(attrs.items())

    # -- blocks --

    def body(self, html: str) -> list[_Block]:
        return self.blocks(_parse(html), 0)

    def blocks(self, nodes: Sequence[_Node | str], depth: int) -> list[_Block]:
        """Blocks for a run of sibling nodes; inline content between blocks becomes a
        paragraph of its own."""
        found: list[_Block] = []
        inline: list[_Node | str] = []
        for node in [*nodes, None]:
            if node is not None and (isinstance(node, str) or node.tag in _PHRASING):
                inline.append(node)
                continue
            if any(isinstance(n, _Node) or n.strip() for n in inline):
                found.append(self._inline_block(inline))
            inline = []
            if node is not None:
                found.append(self._element(node, depth))
        return found

    def _element(self, node: _Node, depth: int) -> _Block:
        mapper = _MAPPERS.get(node.tag)
        block = mapper(self, node, depth) if mapper and depth < _MAX_NESTING else None
        return block or _html_block(self.html([node]))

    def _inline_block(self, nodes: Sequence[_Node | str]) -> _Block:
        if (image := self._only_image(nodes)) is not None:
            return _image_block(image)
        if not _phrasing(nodes):
            return _html_block(self.html(nodes).strip())
        return _paragraph(self.html(nodes).strip())

    def _only_image(self, nodes: Sequence[_Node | str]) -> _Image | None:
        """The image block for content that is one image, linked or not, and nothing else."""
        elements = _elements(nodes)
        if elements is None or len(elements) != 1:
            return None
        (only,) = elements
        link: tuple[tuple[str, str], ...] = ()
        if only.tag == "a":
            inner = _elements(only.children)
            attrs = dict(only.attrs)
            kept = {"href", "rel", "class"}
            if inner is None or len(inner) != 1 or not set(attrs) <= kept or not attrs.get("href"):
                return None
            link = tuple(
                (name, attrs[name] or "") for name in ("class", "href", "rel") if name in attrs
            )
            only = inner[0]
        if only.tag != "img":
            return None
        return self._image(only, link)

    def _image(self, img: _Node, link: tuple[tuple[str, str], ...] = ()) -> _Image | None:
        attrs = dict(img.attrs)
        src, alt, title = attrs.pop("src", None), attrs.pop("alt", ""), attrs.pop("title", None)
        size = {name: attrs.pop(name, None) for name in ("width", "height")}
        if not src or attrs or not all(v is None or v.isdigit() for v in size.values()):
            return None
        width, height = (int(v) if v is not None else None for v in size.values())
        return _Image(src, alt or "", self.upload_of(src), title, width, height, link)

    # -- element mappers: None when the element cannot be a block as written --

    def _p(self, node: _Node, depth: int) -> _Block | None:
        attrs = dict(node.attrs)
        if not _phrasing(node.children) or not set(attrs) <= {"class", "id", "dir"}:
            return None
        if not attrs and (image := self._only_image(node.children)) is not None:
            return _image_block(image)
        direction = attrs.get("dir")
        if direction is not None and direction not in ("ltr", "rtl"):
            return None
        json_attrs: dict[str, Any] = {"direction": direction} if direction else {}
        if attrs.get("class"):
            json_attrs["className"] = attrs["class"]
        html = _open("p", [(k, attrs[k]) for k in ("class", "dir", "id") if attrs.get(k)])
        return _Block("paragraph", json_attrs, f"{html}{self.html(node.children)}</p>")

    def _h(self, node: _Node, depth: int) -> _Block | None:
        attrs = dict(node.attrs)
        if not _phrasing(node.children) or not set(attrs) <= {"class", "id"}:
            return None
        content = self.html(node.children)
        return _heading(content, int(node.tag[1]), attrs.get("class") or "", attrs.get("id") or "")

    def _list(self, node: _Node, depth: int) -> _Block | None:
        attrs = dict(node.attrs)
        start = attrs.pop("start", None)
        reversed_ = "reversed" in attrs
        attrs.pop("reversed", None)
        class_name = attrs.pop("class", None) or ""
        items = _elements(node.children)
        if attrs or items is None or (start is not None and not re.fullmatch(r"-?\d+", start)):
            return None
        entries = []
        for item in items:
            entry = self._list_item(item, depth + 1) if item.tag == "li" else None
            if entry is None:
                return None
            entries.append(entry)
        ordered = node.tag == "ol"
        json_attrs: dict[str, Any] = {"ordered": True} if ordered else {}
        html: list[tuple[str, str | None]] = [("reversed", None)] if reversed_ else []
        if start is not None:
            json_attrs["start"] = int(start)
            html.append(("start", str(int(start))))
        if reversed_:
            json_attrs["reversed"] = True
        if class_name:
            json_attrs["className"] = class_name
            html.append(("class", class_name))
        return _Block("list", json_attrs, _open(node.tag, html), tuple(entries), f"</{node.tag}>")

    def _list_item(self, node: _Node, depth: int) -> _Block | None:
        if node.attrs:  # an id or value: a list item keeps neither
            return None
        children = list(node.children)
        while children and isinstance(children[-1], str) and not children[-1].strip():
            children.pop()
        nested = None
        last = children[-1] if children else None
        if isinstance(last, _Node) and last.tag in ("ul", "ol"):
            nested = self._list(last, depth + 1)
            if nested is None:
                return None
            children.pop()
        elements = _elements(children)
        if elements is not None and len(elements) == 1 and elements[0].tag == "p":
            if elements[0].attrs:
                return None
            children = elements[0].children  # a loose list's item: one paragraph
        if not _phrasing(children):
            return None
        return _list_item(self.html(children).strip(), nested)

    def _blockquote(self, node: _Node, depth: int) -> _Block | None:
        attrs = dict(node.attrs)
        if not set(attrs) <= {"class"}:
            return None
        inner = self.blocks(node.children, depth + 1)
        class_name = attrs.get("class") or ""
        json_attrs = {"className": class_name} if class_name else {}
        start = f"<blockquote{_class(_join('wp-block-quote', class_name))}>"
        return _Block("quote", json_attrs, start, tuple(inner), "</blockquote>")

    def _pre(self, node: _Node, depth: int) -> _Block | None:
        attrs = dict(node.attrs)
        if not set(attrs) <= {"class"}:
            return None
        class_name = attrs.get("class") or ""
        elements = _elements(node.children)
        if elements is not None and len(elements) == 1 and elements[0].tag == "code":
            code = dict(elements[0].attrs)
            if not set(code) <= {"class"} or not _phrasing(elements[0].children):
                return None
            # The block keeps no class on <code>: `language-x` goes on the <pre>.
            return self._code(elements[0].children, _join(class_name, code.get("class") or ""))
        if not _phrasing(node.children):
            return None
        json_attrs = {"className": class_name} if class_name else {}
        start = f"<pre{_class(_join('wp-block-preformatted', class_name))}>"
        return _Block("preformatted", json_attrs, f"{start}{self.html(node.children)}</pre>")

    def _code(self, nodes: Sequence[_Node | str], class_name: str) -> _Block:
        json_attrs = {"className": class_name} if class_name else {}
        start = f"<pre{_class(_join('wp-block-code', class_name))}>"
        return _Block("code", json_attrs, f"{start}<code>{self.html(nodes)}</code></pre>")

    def _hr(self, node: _Node, depth: int) -> _Block | None:
        if node.attrs:
            return None
        return _Block("separator", {}, '<hr class="wp-block-separator has-alpha-channel-opacity"/>')

    def _figure(self, node: _Node, depth: int) -> _Block | None:
        elements = _elements(node.children)
        if node.attrs or not elements:
            return None
        caption = ""
        if elements[-1].tag == "figcaption":
            figcaption = elements.pop()
            if figcaption.attrs or not _phrasing(figcaption.children):
                return None
            caption = self.html(figcaption.children).strip()
        image = self._only_image(elements)
        return _image_block(_with_caption(image, caption)) if image else None

    def _table(self, node: _Node, depth: int) -> _Block | None:
        sections = _elements(node.children)
        order = ("thead", "tbody", "tfoot")
        if (
            node.attrs
            or sections is None
            or [s.tag for s in sections]
            != [tag for tag in order if tag in {s.tag for s in sections}]
        ):
            return None  # a caption, a colgroup, rows outside a section, a section twice
        written = []
        for section in sections:
            rows = _elements(section.children)
            if section.attrs or rows is None:
                return None
            cells = [self._row(row) for row in rows]
            if any(row is None for row in cells):
                return None
            if cells:  # save() writes no empty section
                written.append(f"<{section.tag}>{''.join(map(str, cells))}</{section.tag}>")
        if not written:
            return None  # save() writes nothing at all for a table without rows
        html = f'<figure class="wp-block-table"><table>{"".join(written)}</table></figure>'
        return _Block("table", {}, html)

    def _row(self, row: _Node) -> str | None:
        cells = _elements(row.children)
        if row.tag != "tr" or row.attrs or cells is None:
            return None
        written = []
        for cell in cells:
            attrs = dict(cell.attrs)
            style, scope = attrs.pop("style", None), attrs.pop("scope", None)
            align = _CELL_ALIGN.match(style) if style is not None else None
            if (
                cell.tag not in ("td", "th")
                or attrs
                or (style is not None and align is None)
                or (scope is not None and (cell.tag != "th" or scope not in _SCOPES))
                or not _phrasing(cell.children)
            ):
                return None
            html: list[tuple[str, str | None]] = []
            if align:
                html += [("class", f"has-text-align-{align[1]}"), ("data-align", align[1])]
            html += [("scope", scope)] if scope else []
            content = self.html(cell.children).strip()
            written.append(f"{_open(cell.tag, html)}{content}</{cell.tag}>")
        return f"<tr>{''.join(written)}</tr>"


_MAPPERS: Final[dict[str, Any]] = {
    "p": _Writer._p,
    **{f"h{level}": _Writer._h for level in range(1, 7)},
    "ul": _Writer._list,
    "ol": _Writer._list,
    "blockquote": _Writer._blockquote,
    "pre": _Writer._pre,
    "hr": _Writer._hr,
    "figure": _Writer._figure,
    "table": _Writer._table,
}
