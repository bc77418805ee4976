"""The ReviewDesk plugin (resources/wordpress/reviewdesk/) on a real WordPress 6.1, with
reviews published by ReviewDesk's own publishing: the meta kept with its types, one Review
JSON-LD per review page that follows Google's rules and that no text of the review can break
out of, the stylesheet on ReviewDesk's posts only, and `site test` saying whether the plugin
is active."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest

import reviewdesk
from reviewdesk.core import bundle
from reviewdesk.core.exports.wordpress import META_TYPES
from reviewdesk.core.model import Author, Review, Seo
from reviewdesk.core.publish import post
from reviewdesk.core.publish.diagnose import diagnose
from reviewdesk.core.publish.publish import PublishResult, publish
from reviewdesk.core.publish.sites import Site, make
from reviewdesk.core.typography import typeset
from tests.e2e.jsonld_rules import check, format_problems, parse_page
from tests.missing_tools import SETUP_TOOLS, require, skip_or_fail
from tests.review_blocks import BLOCKS
from tests.wordpress_server import WordPressServer

pytestmark = pytest.mark.slow

# Text that would end the script element, open a comment in it, or end a JSON string, were
# it printed as it is. (No "--" in a pro or con: WordPress shows it as an en dash.)
HOSTILE_PRO = '</script><script>alert("pro")</script> still one pro'
HOSTILE_CON = "Quotes \"double\" and 'single', a back\\slash, ]]> & &amp; </SCRIPT >"
HOSTILE_SUMMARY = 'A summary with <!-- <script> and </script> and "quotes".'


def _site(wordpress: WordPressServer, role: str, monkeypatch: pytest.MonkeyPatch) -> Site:
    account = wordpress.admin if role == "administrator" else wordpress.author
    monkeypatch.setenv("TEST_WP_SECRET", account.app_password)
    return make("test", "wordpress", wordpress.url, account.login, secret_env="TEST_WP_SECRET")


def _page(url: str) -> str:
    answer = httpx.get(url, timeout=30)
    answer.raise_for_status()
    return answer.text


def _edit(folder: Path, **changes: Any) -> Review:
    review = bundle.load(folder).model_copy(update=changes)
    bundle.save(review, folder)
    return review


def _publish(folder: Path, site: Site) -> PublishResult:
    result = publish(folder, site, "publish")
    assert result.post_id is not None
    return result


class _Scripts(HTMLParser):
    """Every script element of a page: its type and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[tuple[str, str]] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append((dict(attrs).get("type") or "", ""))
            self._open = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)


def scripts(page: str) -> list[tuple[str, str]]:
    parser = _Scripts()
    parser.feed(page)
    parser.close()
    return parser.scripts


def _stylesheet(page: str) -> list[str]:
    """Our stylesheets on the page: the layout's, then the review blocks'."""
    return re.findall(
        r"<link rel='stylesheet' id='reviewdesk(?:-blocks)?-css' href='([^']+)'", page
    )


@pytest.fixture
def debug_log(wordpress: WordPressServer) -> Iterator[None]:
    """After the test: no notice, warning or error of WordPress's log names the plugin."""
    before = wordpress.debug_log.stat().st_size if wordpress.debug_log.exists() else 0
    yield
    if wordpress.debug_log.exists():
        with wordpress.debug_log.open(encoding="utf-8", errors="replace") as log:
            log.seek(before)
            written = log.read()
        assert "plugins/reviewdesk/" not in written, written


def test_the_meta_is_registered_with_the_types_publishing_sends(
    wordpress: WordPressServer, reviewdesk_plugin: Path
) -> None:
    schema = wordpress.rest("OPTIONS", "/wp/v2/posts")["schema"]
    meta = schema["properties"]["meta"]["properties"]
    ours = {key: value for key, value in meta.items() if key.startswith("reviewdesk_")}
    sent = post.meta_fields(Review(title="A review"), page_url=None, image_url=None)
    assert set(ours) == set(META_TYPES) == set(sent)
    for key, kind in META_TYPES.items():
        assert ours[key]["type"] == kind, key
        if kind == "array":
            assert ours[key]["items"] == {"type": "string"}, key
    registered = json.loads(
        wordpress.php(
            "echo wp_json_encode(array_map(function ($args) {"
            " return [$args['single'], $args['auth_callback']]; },"
            " get_registered_meta_keys('post', 'post')));"
        )
    )
    assert {registered[key][0] for key in META_TYPES} == {True}
    assert {registered[key][1] for key in META_TYPES} == {"reviewdesk_may_edit_meta"}


@pytest.mark.usefixtures("reviewdesk_plugin", "debug_log")
@pytest.mark.parametrize("role", ["administrator", "author"])
def test_a_hostile_review_keeps_its_fields_and_cannot_break_out_of_its_jsonld(
    wordpress: WordPressServer, sample_bundle: Path, role: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(wordpress, role, monkeypatch)
    wordpress.rest("POST", "/wp/v2/categories", json={"name": "Small Language Models"})
    rating = bundle.load(sample_bundle).rating
    assert rating is not None
    review = _edit(
        sample_bundle,
        rating=rating.model_copy(update={"value": 4.5}),
        pros=[HOSTILE_PRO, "Fast on ordinary laptops, even without a GPU"],
        cons=[HOSTILE_CON, "Thin general knowledge"],
        summary=HOSTILE_SUMMARY,
        authors=[Author(name='Mara "M" </script> Ellison')],
    )
    result = _publish(sample_bundle, site)
    # The read-back found every field as sent and the Review JSON-LD on the page.
    assert result.differences == []

    stored = wordpress.rest("GET", f"/wp/v2/posts/{result.post_id}", params={"context": "edit"})[
        "meta"
    ]
    assert stored["reviewdesk_pros"] == list(review.pros)  # a pro with spaces is one string
    assert stored["reviewdesk_cons"] == list(review.cons)
    assert stored["reviewdesk_key_features"] == list(review.key_features)
    assert stored["reviewdesk_authors"] == ['Mara "M" </script> Ellison']
    assert stored["reviewdesk_summary"] == review.summary
    assert stored["reviewdesk_rating"] == 4.5  # a number, not the text "4.5"
    assert (stored["reviewdesk_rating_best"], stored["reviewdesk_rating_worst"]) == (5, 1)
    assert stored["reviewdesk_subject_version"] == "3.0"  # a string that looks like a number

    page = _page(result.link)
    assert "</script><script>alert" not in page
    found = scripts(page)
    jsonld = [text for kind, text in found if kind == "application/ld+json"]
    assert len(jsonld) == 1
    assert not any("alert(" in text for kind, text in found if kind != "application/ld+json")
    assert not set("<>&") & set(jsonld[0])  # written as \u escapes
    data = json.loads(jsonld[0])
    notes = data["review"]
    # The notes as the post shows the pros: with typographic punctuation.
    shown = [typeset(pro, review.language) for pro in review.pros]
    assert [n["name"] for n in notes["positiveNotes"]["itemListElement"]] == shown
    assert [n["name"] for n in notes["negativeNotes"]["itemListElement"]] == [
        typeset(con, review.language) for con in review.cons
    ]
    assert data["review"]["description"] == review.summary
    assert data["review"]["reviewRating"]["ratingValue"] == 4.5
    assert data["review"]["author"] == [{"@type": "Person", "name": 'Mara "M" </script> Ellison'}]
    parsed = parse_page(page)
    assert parsed.jsonld == (jsonld[0],)
    problems = check(parsed.jsonld, parsed.text, rated=True)
    assert problems == [], format_problems(problems)


@pytest.mark.usefixtures("reviewdesk_plugin", "debug_log")
def test_the_page_address_and_featured_image_complete_the_jsonld(
    wordpress: WordPressServer, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Published for the first time, the review's address is not known when its JSON-LD is
    written (nor, without a canonical URL, in the review): the plugin adds the post's."""
    site = _site(wordpress, "administrator", monkeypatch)
    _edit(sample_bundle, seo=Seo())
    result = _publish(sample_bundle, site)
    sent = json.loads(
        wordpress.rest("GET", f"/wp/v2/posts/{result.post_id}", params={"context": "edit"})["meta"][
            "reviewdesk_jsonld"
        ]
    )
    assert "url" not in sent["review"]
    page = _page(result.link)
    (jsonld,) = parse_page(page).jsonld
    shown = json.loads(jsonld)["review"]
    assert shown["url"] == result.link
    featured = wordpress.rest("GET", f"/wp/v2/posts/{result.post_id}")["featured_media"]
    hero = wordpress.rest("GET", f"/wp/v2/media/{featured}")
    assert shown["image"] == hero["source_url"]
    assert {key: value for key, value in shown.items() if key not in ("url",)} == sent["review"]


@pytest.mark.usefixtures("reviewdesk_plugin", "debug_log")
def test_a_rating_cleared_in_the_review_is_deleted_on_the_site(
    wordpress: WordPressServer, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Null deletes a key; WordPress first checks the value it holds, and a number it holds
    # none of must still read as a number (the plugin's default), for a new post too.
    numbers = [key for key, kind in META_TYPES.items() if kind == "number"]
    created = wordpress.rest(
        "POST",
        "/wp/v2/posts",
        json={"title": "Unrated", "status": "draft", "meta": dict.fromkeys(numbers)},
    )
    assert {key: created["meta"][key] for key in numbers} == dict.fromkeys(numbers, 0)

    site = _site(wordpress, "author", monkeypatch)
    wordpress.rest("POST", "/wp/v2/categories", json={"name": "Small Language Models"})
    first = _publish(sample_bundle, site)
    _edit(sample_bundle, rating=None, scores=[])  # no rating given, none from scores
    again = _publish(sample_bundle, site)
    assert (again.action, again.post_id, again.differences) == ("updated", first.post_id, [])
    held = wordpress.php(
        f"echo wp_json_encode(array_map(function ($key) {{"
        f" return metadata_exists('post', {again.post_id}, $key); }},"
        f" {json.dumps(numbers).replace('[', 'array(').replace(']', ')')}));"
    )
    assert json.loads(held) == [False] * len(numbers)
    parsed = parse_page(_page(again.link))
    (jsonld,) = parsed.jsonld
    assert "reviewRating" not in json.loads(jsonld)["review"]
    problems = check(parsed.jsonld, parsed.text, rated=False)
    assert problems == [], format_problems(problems)


@pytest.mark.usefixtures("debug_log")
def test_the_stylesheet_and_jsonld_are_on_reviewdesks_posts_only(
    wordpress: WordPressServer,
    reviewdesk_plugin: Path,
    sample_bundle: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = _site(wordpress, "administrator", monkeypatch)
    result = _publish(sample_bundle, site)
    review_page = _page(result.link)
    hrefs = _stylesheet(review_page)
    names = ["review.css", "review-blocks.css"]
    assert len(hrefs) == len(names)
    for href, name in zip(hrefs, names, strict=True):
        assert href.startswith(f"{wordpress.url}/wp-content/plugins/reviewdesk/{name}?ver=")
        served = httpx.get(href, timeout=30)
        assert served.status_code == 200
        assert served.content == (reviewdesk_plugin / name).read_bytes()

    plain = wordpress.rest(
        "POST",
        "/wp/v2/posts",
        json={"title": "A plain post", "content": "<p>Nothing of ours.</p>", "status": "publish"},
    )
    for page in (_page(plain["link"]), _page(wordpress.url + "/")):
        assert _stylesheet(page) == []
        assert parse_page(page).jsonld == ()

    # A password-protected review shows neither its notes nor its styles before the password.
    wordpress.rest("POST", f"/wp/v2/posts/{result.post_id}", json={"password": "secret"})
    locked = _page(result.link)
    assert (parse_page(locked).jsonld, _stylesheet(locked)) == ((), [])


@pytest.mark.usefixtures("reviewdesk_plugin", "debug_log")
def test_an_authors_review_blocks_keep_what_their_layout_needs(
    wordpress: WordPressServer, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WordPress filters an author's post (kses): the bars' fill, the tables' scopes and the
    offers' rel survive it."""
    site = _site(wordpress, "author", monkeypatch)
    _edit(sample_bundle, **BLOCKS)
    page = _page(_publish(sample_bundle, site).link)
    assert len(_stylesheet(page)) == 2
    article = page[page.index("wp-block-group review ") :]
    assert re.findall(r'class="review-score-bar" style="--fill: (\d+)%"', article) == [
        "90",
        "80",
        "60",
    ]
    assert article.count('<th scope="row">') == len(BLOCKS["scores"]) + len(BLOCKS["specs"])
    rels = re.findall(r'class="review-offer-link" href="[^"]*" rel="([^"]*)"', article)
    assert rels == ["sponsored noopener", "noopener"]
    assert article.index(BLOCKS["disclosure"]) < article.index('class="review-offer-link"')
    assert "from the scores" not in article  # the sample's rating is its own


@pytest.mark.usefixtures("reviewdesk_plugin", "debug_log")
@pytest.mark.parametrize(
    "kept", ["not JSON", "[1, 2]", '{"@type": "Product", "name": "No review"}', '{"review": 3}']
)
def test_jsonld_meta_that_names_no_review_prints_nothing(
    wordpress: WordPressServer, kept: str
) -> None:
    made = wordpress.rest(
        "POST",
        "/wp/v2/posts",
        json={"title": "Odd", "status": "publish", "meta": {"reviewdesk_jsonld": kept}},
    )
    assert made["meta"]["reviewdesk_jsonld"] == kept
    page = _page(made["link"])
    assert parse_page(page).jsonld == ()
    assert len(_stylesheet(page)) == 2  # still a post of ReviewDesk's


def _layout_tools() -> tuple[str, str]:
    """node (with puppeteer-core in tools/) and Chromium; skipped where missing, except under
    CI=true."""
    node, chromium = shutil.which("node"), shutil.which("chromium")
    puppeteer = Path(__file__).resolve().parents[3] / "tools/node_modules/puppeteer-core"
    if not puppeteer.is_dir():
        skip_or_fail(f"needs puppeteer-core: {SETUP_TOOLS}")
    return require("node", node), require("Chromium", chromium)


def _layout(url: str, cases: list[tuple[int, str | None]]) -> list[dict[str, Any]]:
    node, chromium = _layout_tools()
    done = subprocess.run(
        [
            node,
            str(Path(__file__).with_name("review_layout.js")),
            f"--chromium={chromium}",
            url,
            json.dumps([{"window": window, "review": review} for window, review in cases]),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    runs: list[dict[str, Any]] = json.loads(done.stdout)["runs"]
    return runs


@pytest.mark.usefixtures("reviewdesk_plugin")
def test_the_pros_and_cons_follow_the_width_of_the_column_not_the_window(
    wordpress: WordPressServer, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In Twenty Twenty-Three's 650px post column the pros and cons stand side by side, in a
    narrow window one above the other, in a narrow column of a wide window too; a review given
    a wide column has its key points beside the article."""
    result = _publish(sample_bundle, _site(wordpress, "administrator", monkeypatch))
    runs = _layout(result.link, [(1280, None), (700, None), (390, None), (1280, "420px"),
                                 (1280, "1100px")])  # fmt: skip
    side_by_side = []
    for run in runs:
        pros, cons = run["boxes"]["pros"], run["boxes"]["cons"]
        assert run["prosBackground"] == "rgb(234, 245, 238)"  # styled
        beside = pros["top"] == cons["top"] and pros["right"] <= cons["left"]
        assert beside or cons["top"] >= pros["bottom"], run  # else overlapping
        side_by_side.append(beside)
    assert side_by_side == [True, True, False, False, True]
    boxes = [run["boxes"] for run in runs]
    assert [b["aside"]["left"] >= b["main"]["right"] for b in boxes] == [False] * 4 + [True]
    assert boxes[4]["review"]["right"] - boxes[4]["review"]["left"] == 1100


def test_without_the_plugin_the_page_has_neither(
    wordpress: WordPressServer, sample_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wordpress.reset()
    result = _publish(sample_bundle, _site(wordpress, "administrator", monkeypatch))
    page = _page(result.link)
    assert (parse_page(page).jsonld, _stylesheet(page)) == ((), [])


def _plugin_line(wordpress: WordPressServer) -> str:
    site = make("test", "wordpress", wordpress.url, wordpress.author.login)
    found = [str(f) for f in diagnose(site, wordpress.author.app_password)]
    (line,) = [line for line in found if "ReviewDesk plugin" in line]
    return line


def test_site_test_says_the_plugin_is_not_active(wordpress: WordPressServer) -> None:
    wordpress.reset()
    assert _plugin_line(wordpress).startswith("note: the ReviewDesk plugin is not active: ")


def test_site_test_says_the_plugin_is_active_and_whether_it_keeps_every_field(
    wordpress: WordPressServer, reviewdesk_plugin: Path, must_use_plugin: Path
) -> None:
    version = reviewdesk.__version__
    assert _plugin_line(wordpress) == (
        f"ok: the ReviewDesk plugin {version} is active (fields kept, JSON-LD and stylesheet "
        "on reviews)"
    )
    # An older plugin, which keeps fewer fields than this ReviewDesk sends.
    must_use_plugin.write_text(
        "<?php add_action('init', function () {"
        " unregister_post_meta('post', 'reviewdesk_badges'); }, 20);\n"
    )
    assert _plugin_line(wordpress) == (
        f"note: the ReviewDesk plugin {version} is active but does not keep reviewdesk_badges: "
        f"install the plugin of this ReviewDesk ({version})"
    )
