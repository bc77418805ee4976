"""A comparison page of 2 to 6 reviews (core/comparison.py says what it shows), in one of
`FORMATS`:

- `html`: a standalone page, its CSS inlined (the layout's, the review blocks' and
  `compare.css`), the ItemList JSON-LD of the reviews (compare_jsonld.py) in its head;
- `fragment`: the `<article>` alone, for a CMS's HTML block (its stylesheets are the site's);
- `hugo`, `jekyll`: a page for the site, written into it (compare_site.py).

The templates are the layout's environment's (`compare_page`, `compare_article` and
`compare_cells`, resources/templates/), so every text is escaped, and typeset in its own
review's language, as on that review's page. Each review's hero is its column's thumbnail: for
html and fragment copied beside the page, under `STEM_files/SLUG/` (one folder a review, so two
heroes of one name never meet), or embedded with `ExportOptions.embed_images`; a fragment's
links are under `asset_base_url` when it is given. A hero that cannot be used is left out, with
a warning naming its bundle."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from reviewdesk.core import render
from reviewdesk.core.compare_jsonld import comparison_jsonld
from reviewdesk.core.comparison import Column, CompareError, Comparison
from reviewdesk.core.exports.base import Asset, ExportOptions, ExportResult
from reviewdesk.core.exports.publication import as_exported
from reviewdesk.core.jsonld import jsonld_script
from reviewdesk.core.layout import blocks_css, environment, page_css
from reviewdesk.core.model import Review
from reviewdesk.core.resources import resource
from reviewdesk.core.slug import slugify

__all__ = [
    "CSS_FILENAME",
    "FORMATS",
    "CompareError",
    "Comparison",
    "Hero",
    "compare_css",
    "page_slug",
    "render_article",
    "render_comparison",
]

FORMATS: tuple[str, ...] = ("html", "fragment", "hugo", "jekyll")
CSS_FILENAME = "compare.css"


@dataclass(frozen=True)
class Hero:
    """A column's thumbnail: the file to copy (None when embedded) and the page's link to it."""

    asset: Asset | None
    src: str


def render_comparison(
    reviews: Sequence[tuple[Review, Path]],
    *,
    to: str = "html",
    options: ExportOptions | None = None,
    title: str | None = None,
    stem: str = "",
) -> ExportResult:
    """The comparison of `reviews` (each with its bundle's folder, in the order of the
    columns) as format `to`. `title` is the page's (default "A vs B vs C"); `stem` names the
    html page's file and the folder of images beside it, the site page's slug (default: the
    title's). CompareError for fewer than 2 or more than 6 reviews, or an unknown format."""
    if to not in FORMATS:
        raise CompareError(f"a comparison is made as {', '.join(FORMATS)}, not {to!r}")
    now = datetime.now().astimezone()
    warnings: list[str] = []
    exported: list[tuple[Review, Path]] = []
    for review, folder in reviews:
        # Each review as its own export sees it (dated when published without a date), so
        # the comparison's JSON-LD says what the review's page says.
        shown, notes = as_exported(review, now)
        exported.append((shown, Path(folder)))
        warnings += [f"{folder}: {note}" for note in notes]
    comparison = Comparison.of(exported)
    options = options or ExportOptions()
    title = (title or "").strip() or comparison.title
    stem = stem or page_slug(exported, title)
    if to in ("hugo", "jekyll"):
        from reviewdesk.core.compare_site import site_page  # noqa: PLC0415

        result = site_page(comparison, to, title=title, slug=stem)
    else:
        result = _html(comparison, to, options, title=title, stem=stem)
    return ExportResult(
        result.text,
        result.suffix,
        result.assets,
        (*warnings, *result.warnings),
        location=result.location,
    )


def page_slug(reviews: Sequence[tuple[Review, Path]], title: str | None = None) -> str:
    """The slug a comparison of `reviews` titled `title` (default: "A vs B vs C") gets."""
    title = (title or "").strip() or Comparison.of(reviews).title
    return slugify(title) or "comparison"


def _html(
    comparison: Comparison, to: str, options: ExportOptions, *, title: str, stem: str
) -> ExportResult:
    files = f"{stem}_files/"
    link = files
    if to == "fragment" and options.asset_base_url:
        link = options.asset_base_url.rstrip("/") + "/" + files
    heroes, warnings = heroes_of(comparison, into=files, link=link, embed=options.embed_images)
    copies = tuple(hero.asset for hero in heroes.values() if hero.asset is not None)
    sources = {position: hero.src for position, hero in heroes.items()}
    if to == "fragment":
        return ExportResult(render_article(comparison, sources, title), ".html", copies, warnings)
    images = _absolute(heroes, options.asset_base_url)
    jsonld = comparison_jsonld(comparison, title=title, images=images)
    context = _context(comparison, sources, title) | {
        "language": comparison.language,
        "description": description(comparison),
        "css": Markup(page_css() + "\n" + blocks_css() + "\n" + compare_css()),  # our files
        "jsonld_script": jsonld_script(jsonld),
    }
    page = environment().get_template("compare_page.html.j2").render(context)
    return ExportResult(page, ".html", copies, warnings)


def render_article(comparison: Comparison, hero_sources: Mapping[int, str], title: str) -> str:
    """The comparison's `<article>`: each column's thumbnail at `hero_sources[position]`."""
    template = environment().get_template("compare_article.html.j2")
    return template.render(_context(comparison, hero_sources, title))


def description(comparison: Comparison) -> str:
    """The page's meta description: what it compares."""
    names = comparison.names
    listed = f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{listed} compared: ratings, scores, specifications, pros and cons."


@cache
def compare_css() -> str:
    """The comparison's stylesheet, after the layout's and the review blocks' (read once)."""
    return resource("css", CSS_FILENAME).read_text(encoding="utf-8")


def heroes_of(
    comparison: Comparison, *, into: str, link: str, embed: bool = False
) -> tuple[dict[int, Hero], tuple[str, ...]]:
    """Each column's thumbnail (by position) that can be shown: copied to `into` (a folder
    relative to the page's file), in a folder of its review's, and linked under `link`; or
    embedded. A warning for each that cannot be shown."""
    heroes: dict[int, Hero] = {}
    warnings: list[str] = []
    for column, folder in zip(comparison.columns, image_folders(comparison), strict=True):
        if column.review.hero is None:
            continue
        # The hero alone: the body's images are not shown.
        hero_only = column.review.model_copy(update={"body": ""})
        files, problems = render.local_assets(hero_only, column.folder)
        warnings += [f"{column.folder}: {problem}" for problem in problems]
        if not files:
            continue
        (found,) = files
        if embed and (uris := render.data_uris(files)):
            heroes[column.position] = Hero(None, uris[found.target])
            continue
        path = f"{folder}/{found.path}"
        heroes[column.position] = Hero(
            Asset(found.source, into + path, found.path), link + quote(path, safe="/")
        )
    return heroes, tuple(warnings)


def image_folders(comparison: Comparison) -> list[str]:
    """The folder of each column's images: its review's slug, numbered when two share one."""
    folders: list[str] = []
    for column in comparison.columns:
        slug = column.review.effective_slug
        folder, number = slug, 1
        while folder in folders:
            number += 1
            folder = f"{slug}-{number}"
        folders.append(folder)
    return folders


def _absolute(heroes: Mapping[int, Hero], base_url: str | None) -> dict[int, str]:
    """The heroes' absolute addresses for the JSON-LD: only under `base_url`, where the page's
    files are published (a relative address or a data: URI says nothing to a search engine)."""
    if not base_url:
        return {}
    return {
        position: render.absolute_url(base_url, hero.asset.target)
        for position, hero in heroes.items()
        if hero.asset is not None
    }


def _context(comparison: Comparison, hero_sources: Mapping[int, str], title: str) -> dict[str, Any]:
    return {
        "comparison": comparison,
        "title": title,
        "columns": [
            _ColumnView(
                column, _cells(column, hero_sources.get(column.position)), _lang(comparison, column)
            )
            for column in comparison.columns
        ],
    }


@dataclass(frozen=True)
class _ColumnView:
    """A column as the article template reads it: its macros and its own language."""

    column: Column
    cells: Any  # compare_cells.html.j2 as a module, with this column's review in its context
    lang: str | None

    @property
    def position(self) -> int:
        return self.column.position


def _cells(column: Column, hero_src: str | None) -> Any:
    """compare_cells.html.j2 as a module of macros whose context is `column`'s review: the
    `typeset` filter reads the language from the context's `review`."""
    template = environment().get_template("compare_cells.html.j2")
    return template.make_module(
        {
            "review": column.review,
            "rating": column.rating,
            "name": column.name,
            "url": column.url,
            "hero_src": hero_src,
        }
    )


def _lang(comparison: Comparison, column: Column) -> str | None:
    language = column.review.language
    return language if language != comparison.language else None
