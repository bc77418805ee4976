"""The comparison page checked by real tools, as the review pages are: the Nu HTML Checker,
axe-core in Chromium (desktop and phone, light and dark), its ItemList JSON-LD against the
carousel rules and each embedded review against the review rules (itemlist_rules.py, on the
text Chromium shows), and the Hugo and Jekyll pages built by the real generators into sites
that hold the reviews too (build_site)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from reviewdesk.core import bundle, front_matter
from reviewdesk.core.compare import render_comparison
from reviewdesk.core.exports import ExportOptions, write
from reviewdesk.core.model import Review, Seo, Status
from reviewdesk.core.resources import resource
from tests.compare_reviews import write_bundles
from tests.core.test_compare import HOSTILE
from tests.core.test_hostile_exports import dangers

from .axe import SCHEMES, WIDTHS, format_violations, run_axe
from .itemlist_rules import check_item_list
from .jsonld_rules import format_problems, parse_page
from .test_static_site_builds import (
    assert_hugo_built,
    build_site,
    hugo_build,
    jekyll_build,
)
from .vnu import VnuChecker, format_messages

Reviews = list[tuple[Review, Path]]
ARTICLE = re.compile(r'<article class="compare".*?</article>', re.S)
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The sample and its two variants, published (the sites build published pages only)."""
    made = write_bundles(tmp_path_factory.mktemp("reviews"))
    for folder in made:
        bundle.save(bundle.load(folder).model_copy(update={"status": Status.PUBLISHED}), folder)
    return made


def loaded(folders: list[Path]) -> Reviews:
    return [(bundle.load(folder), folder) for folder in folders]


def rated(reviews: Reviews) -> list[bool]:
    return [review.overall_rating is not None for review, _ in reviews]


@pytest.fixture(scope="module")
def pages(folders: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The comparisons to check, as files: the three reviews (images beside), the same with
    images embedded, every review with a page of its own (the JSON-LD's other shape), two
    hostile reviews, and the fragment inside a bare page (as a CMS shows it)."""
    out = tmp_path_factory.mktemp("pages")
    reviews = loaded(folders)
    linked = [
        (review.model_copy(update={"seo": Seo(canonical_url=f"https://example.org/r/{n}")}), f)
        for n, (review, f) in enumerate(reviews)
    ]
    hostile = Review(title=HOSTILE, pros=[HOSTILE, "two"], verdict=HOSTILE)
    found: dict[str, Path] = {}
    for name, these, options in (
        ("three", reviews, ExportOptions()),
        ("embedded", reviews, ExportOptions(embed_images=True)),
        ("linked", linked, ExportOptions()),
        ("hostile", [(hostile, out), (hostile, out)], ExportOptions()),
    ):
        found[name] = out / f"{name}.html"
        write(render_comparison(these, options=options, stem=name), found[name])
    fragment = render_comparison(reviews, to="fragment", stem="three").text
    found["fragment"] = out / "fragment.html"
    found["fragment"].write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>A page of a CMS</title>\n</head>\n<body>\n{fragment}</body>\n</html>\n",
        encoding="utf-8",
    )
    return found


# --- the html page ------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_pages_are_valid_html(pages: dict[str, Path], vnu: VnuChecker) -> None:
    messages = vnu(list(pages.values()))
    assert messages == [], format_messages(messages)


@pytest.mark.slow
def test_the_page_passes_axe_at_every_width_in_both_schemes(
    pages: dict[str, Path], chromium: Path
) -> None:
    report = run_axe([pages["three"], pages["hostile"]], chromium=chromium)
    assert len(report.runs) == 2 * len(WIDTHS) * len(SCHEMES)
    assert report.violations == [], format_violations(report)


@pytest.mark.slow
def test_the_json_ld_follows_the_rules_on_the_text_chromium_shows(
    pages: dict[str, Path], folders: list[Path], chromium: Path
) -> None:
    report = run_axe([pages["three"], pages["linked"]], chromium=chromium, widths=(), text=True)
    embedded, linked = report.pages
    for page in (embedded, linked):
        problems = check_item_list(page.jsonld, page.text, rated=rated(loaded(folders)))
        assert problems == [], format_problems(problems)
    assert "item" in json.loads(embedded.jsonld[0])["itemListElement"][0]
    assert "url" in json.loads(linked.jsonld[0])["itemListElement"][0]


def test_the_rules_catch_a_broken_list(pages: dict[str, Path], folders: list[Path]) -> None:
    """The checks can fail: a mixed list, wrong positions, a note the page does not show."""
    page = parse_page(pages["three"].read_text(encoding="utf-8"))
    marks = rated(loaded(folders))
    data = json.loads(page.jsonld[0])

    def rules(changed: dict[str, object], text: str = page.text) -> set[str]:
        return {p.rule for p in check_item_list([json.dumps(changed)], text, rated=marks)}

    assert rules(data) == set()
    mixed = json.loads(page.jsonld[0])
    mixed["itemListElement"][1] = {"@type": "ListItem", "position": 2, "url": "https://e.org/"}
    assert rules(mixed) == {"list-shape"}
    shuffled = json.loads(page.jsonld[0])
    shuffled["itemListElement"][0]["position"] = 3
    assert rules(shuffled) == {"list-item"}
    assert rules(data, page.text.replace("Tiny download", "")) == {"item"}
    linked = json.loads(parse_page(pages["linked"].read_text(encoding="utf-8")).jsonld[0])
    linked["itemListElement"][2]["url"] = linked["itemListElement"][1]["url"]
    assert rules(linked) == {"list-url"}


def test_the_hostile_page_runs_nothing(pages: dict[str, Path]) -> None:
    page = pages["hostile"].read_text(encoding="utf-8")
    assert dangers(page) == [] and "<script>alert" not in page


# --- Hugo and Jekyll --------------------------------------------------------------------------


def built_article(page: Path) -> str:
    found = ARTICLE.search(page.read_text(encoding="utf-8"))
    assert found, f"no comparison in {page}"
    return found[0]


def without_sources(article: str) -> str:
    return re.sub(r' src="[^"]*"', "", article)


def assert_site_page(built: Path, root: Path, reviews: Reviews) -> None:
    """The built page shows the html export's comparison (its images where the site publishes
    them), links three stylesheets that exist, and carries the html export's JSON-LD."""
    page = built.read_text(encoding="utf-8")
    html = render_comparison(reviews).text
    article = built_article(built)
    assert without_sources(article) == without_sources(ARTICLE.findall(html)[0])
    url = "/" + built.relative_to(root).as_posix()
    images = re.findall(r'<img class="compare-thumb" src="([^"]*)"', article)
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]*)"', page)
    assert len(images) == 2 and len(sheets) == 3
    for src in [*images, *sheets]:
        assert (root / unquote(urljoin(url, src)).lstrip("/")).is_file(), src
    assert JSONLD.findall(page) == JSONLD.findall(html)
    assert "<title>Wrenfall 3 Mini vs Brightloom 2 vs Pellucid Nano</title>" in page


def with_compare_css(site: Path) -> None:
    """The comparison's stylesheet beside the others, as resources/hugo's README says."""
    shutil.copyfile(resource("css", "compare.css"), site / "assets" / "reviewdesk" / "compare.css")


@pytest.mark.slow
def test_hugo_builds_the_comparison_beside_the_reviews(
    hugo: Path, folders: list[Path], tmp_path: Path
) -> None:
    site, review_pages = build_site(hugo, "hugo", tmp_path, folders)
    with_compare_css(site)
    reviews = loaded(folders)
    result = render_comparison(reviews, to="hugo")
    write(result, site / "content" / "reviews" / result.location)
    assert_hugo_built(hugo_build(hugo, site))
    assert all((site / page).is_file() for page in review_pages)
    built = site / "public" / "reviews" / result.location
    assert_site_page(built, site / "public", reviews)


@pytest.mark.slow
def test_hugo_stops_with_a_message_without_the_comparison_stylesheet(
    hugo: Path, folders: list[Path], tmp_path: Path
) -> None:
    site, _ = build_site(hugo, "hugo", tmp_path, folders[:1])
    result = render_comparison(loaded(folders), to="hugo")
    write(result, site / "content" / "reviews" / result.location)
    done = hugo_build(hugo, site)
    assert done.returncode != 0
    assert "assets/reviewdesk/compare.css is missing" in done.stdout + done.stderr


@pytest.mark.slow
def test_jekyll_builds_the_comparison_beside_the_reviews(
    jekyll: Path, folders: list[Path], tmp_path: Path
) -> None:
    site, review_pages = build_site(jekyll, "jekyll", tmp_path, folders)
    with_compare_css(site)
    reviews = loaded(folders)
    result = render_comparison(reviews, to="jekyll")
    write(result, site / result.location)
    done = jekyll_build(jekyll, site)
    assert done.returncode == 0 and "Warning" not in done.stderr, done.stderr
    assert all((site / page).is_file() for page in review_pages)
    built = site / "_site" / result.location
    assert_site_page(built, site / "_site", reviews)
    front = front_matter.split(result.text).data
    assert front["layout"] == "comparison" and front["render_with_liquid"] is False


@pytest.mark.slow
def test_jekyll_serves_the_images_under_the_sites_baseurl(
    jekyll: Path, folders: list[Path], tmp_path: Path
) -> None:
    site, _ = build_site(jekyll, "jekyll", tmp_path, folders[:1])
    with_compare_css(site)
    config = site / "_config.yml"
    config.write_text(config.read_text() + "baseurl: /blog\n")
    result = render_comparison(loaded(folders), to="jekyll")
    write(result, site / result.location)
    assert jekyll_build(jekyll, site).returncode == 0
    article = built_article(site / "_site" / result.location)
    sources = re.findall(r'<img class="compare-thumb" src="([^"]*)"', article)
    assert sources and all(src.startswith("/blog/assets/") for src in sources)
    assert all((site / "_site" / src.removeprefix("/blog/")).is_file() for src in sources)


@pytest.mark.slow
def test_the_built_pages_are_valid_html(
    hugo: Path, jekyll: Path, folders: list[Path], tmp_path: Path, vnu: VnuChecker
) -> None:
    built: list[Path] = []
    for tool, to in ((hugo, "hugo"), (jekyll, "jekyll")):
        site, _ = build_site(tool, to, tmp_path / to, folders[:1])
        with_compare_css(site)
        result = render_comparison(loaded(folders), to=to)
        into = site / "content" / "reviews" if to == "hugo" else site
        write(result, into / result.location)
        done = hugo_build(tool, site) if to == "hugo" else jekyll_build(tool, site)
        assert done.returncode == 0, done.stderr
        public = site / ("public/reviews" if to == "hugo" else "_site")
        built.append(public / result.location)
    messages = vnu(built)
    assert messages == [], format_messages(messages)
