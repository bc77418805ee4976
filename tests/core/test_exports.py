import ast
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from bench.images import write_png
from reviewdesk.cli_commands import review_schema
from reviewdesk.core import bundle, exports, front_matter, importer
from reviewdesk.core.exports import markdown, markdown_blocks
from reviewdesk.core.exports.json_payload import payload_schema
from reviewdesk.core.model import Review
from tests.conftest import MakeBundle
from tests.strategies import reviews

ROOT = Path(__file__).resolve().parents[2]


def jsonld_of(page: str) -> dict[str, object]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "the page carries JSON-LD"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_html_copies_images_beside_the_page(sample_bundle: Path, tmp_path: Path) -> None:
    review = bundle.load(sample_bundle)
    result = exports.export(review, sample_bundle, "html", stem="page")
    written = exports.write(result, tmp_path / "out" / "page.html")
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in written) == [
        "page.html",
        "page_files/assets/chart.png",
        "page_files/assets/hero.png",
    ]
    assert 'src="page_files/assets/hero.png"' in result.text
    assert 'src="page_files/assets/chart.png"' in result.text
    assert "<style>" in result.text and "<link" not in result.text.replace(
        '<link rel="canonical"', ""
    )


def test_an_html_image_whose_src_comes_first_is_linked_beside_the_page(
    make_bundle: MakeBundle,
) -> None:
    folder = make_bundle(body='<img src="assets/b.png" alt="B">\n')
    (folder / "assets").mkdir()
    (folder / "assets" / "b.png").write_bytes(b"png")
    result = exports.export(bundle.load(folder), folder, "html", stem="page")
    assert 'src="page_files/assets/b.png"' in result.text


def test_html_embed_inlines_images(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    options = exports.ExportOptions(embed_images=True)
    result = exports.export(review, sample_bundle, "html", options)
    assert result.assets == ()
    assert result.text.count('src="data:image/png;base64,') == 2
    assert "assets/hero.png" not in result.text.split("</head>")[1]


def test_html_jsonld_notes_match_the_visible_pros_and_cons(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    page = exports.export(review, sample_bundle, "html").text
    data = jsonld_of(page)
    nested = data["review"]
    assert isinstance(nested, dict)
    for key, items in (("positiveNotes", review.pros), ("negativeNotes", review.cons)):
        names = [element["name"] for element in nested[key]["itemListElement"]]
        assert names == items
        text = visible_text(page)
        assert all(name in text for name in names)


def test_fragment_is_the_article_without_page_chrome(sample_bundle: Path) -> None:
    review = bundle.load(sample_bundle)
    fragment = exports.export(review, sample_bundle, "fragment").text
    assert fragment.lstrip().startswith("<article")
    assert not re.search(r"<(html|head|body|style|script)\b", fragment)
    assert review.title.replace("'", "&#39;") in fragment or review.title in fragment


def test_json_payload_matches_its_published_schema(sample_bundle: Path) -> None:
    committed = json.loads((ROOT / "docs" / "json-export.schema.json").read_text())
    assert committed == payload_schema(), "regenerate: reviewdesk schema --of json-export"
    review = bundle.load(sample_bundle)
    options = exports.ExportOptions(asset_base_url="https://cdn.example.org/r/")
    payload = json.loads(exports.export(review, sample_bundle, "json", options).text)
    jsonschema.validate(payload, committed, cls=jsonschema.Draft202012Validator)
    assert payload["slug"] == "wrenfall-3-mini-review"
    assert payload["review"]["pros"] == review.pros
    assert payload["review"]["published"] == "2026-03-18"
    assert payload["images"] == [
        "https://cdn.example.org/r/assets/hero.png",
        "https://cdn.example.org/r/assets/chart.png",
    ]
    assert 'src="https://cdn.example.org/r/assets/chart.png"' in payload["body_html"] or (
        'src="https://cdn.example.org/r/assets/chart.png"' in payload["article_html"]
    )


def test_a_payload_that_breaks_the_schema_is_caught() -> None:
    schema = payload_schema()
    bad = {"payload": "reviewdesk-json/1", "slug": 7}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert errors


def test_committed_review_schema_is_current() -> None:
    committed = json.loads((ROOT / "docs" / "review.schema.json").read_text())
    assert committed == review_schema(), "regenerate: reviewdesk schema > docs/review.schema.json"


def test_markdown_export_reads_back_as_the_same_review(sample_bundle: Path, tmp_path: Path) -> None:
    """The page links its images in `review_files/`; `from_export` gives the bundle's paths
    back, as written (`./assets//a%20b.png` too)."""
    review = bundle.load(sample_bundle)
    body = review.body + "\n![Again](./assets//chart.png)\n"
    review = review.model_copy(update={"body": body})
    result = exports.export(review, sample_bundle, "markdown", stem="review")
    exports.write(result, tmp_path / "md" / "review.md")
    page = front_matter.split((tmp_path / "md" / "review.md").read_text(encoding="utf-8"))
    body = markdown_blocks.split(page.body).body  # the review blocks shown, taken off
    linked = bundle.from_data(page.data, body, tmp_path / "md" / "review.md")
    assert linked.hero is not None and linked.hero.image == "review_files/assets/hero.png"
    assert "![Again](./review_files/assets//chart.png)" in linked.body
    assert markdown.from_export(linked, "review") == review
    assert sorted(
        p.relative_to(tmp_path / "md").as_posix() for p in (tmp_path / "md").rglob("*.png")
    ) == [
        "review_files/assets/chart.png",
        "review_files/assets/hero.png",
    ]


def test_markdown_export_then_import_gives_the_same_review(
    sample_bundle: Path, tmp_path: Path
) -> None:
    review = bundle.load(sample_bundle)
    result = exports.export(review, sample_bundle, "markdown", stem="review")
    exports.write(result, tmp_path / "md" / "review.md")
    imported, warnings = importer.import_markdown(tmp_path / "md" / "review.md", tmp_path / "again")
    assert warnings == []
    assert imported == review
    assert (tmp_path / "again" / "assets" / "hero.png").read_bytes() == (
        sample_bundle / "assets" / "hero.png"
    ).read_bytes()


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(review=reviews)
def test_any_review_survives_markdown_export_and_import(tmp_path: Path, review: Review) -> None:
    shutil.rmtree(tmp_path / "x", ignore_errors=True)
    (tmp_path / "x").mkdir()
    file = tmp_path / "x" / "r.md"
    file.write_text(
        exports.export(review, tmp_path / "x", "markdown").text, encoding="utf-8", newline=""
    )
    assert importer.read_markdown(file)[0] == review


def test_every_export_warns_of_images_far_larger_than_a_page_needs(
    sample_bundle: Path, tmp_path: Path
) -> None:
    write_png(sample_bundle / "assets" / "hero.png", 6000, 4000)
    review = bundle.load(sample_bundle)
    for to in exports.FORMATS:
        result = exports.export(review, sample_bundle, to)
        assert any(
            "'assets/hero.png' is 6,000" in warning and "plenty" in warning
            for warning in result.warnings
        ), to


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
def test_the_ends_of_the_calendar_export_in_every_format(tmp_path: Path, when: str) -> None:
    """Year 1 at +14:00 is before the first UTC moment a date-time holds, 9999-12-31 at
    -12:00 after the last: converting them to UTC raised OverflowError in the CMS exports."""
    folder = tmp_path / "review"
    bundle.create(folder, "At the end of time")
    text = (folder / "review.yaml").read_text(encoding="utf-8").replace("draft", "published")
    (folder / "review.yaml").write_text(f"{text}published: {when}\nupdated: {when}\n")
    review = bundle.load(folder)
    for to in exports.FORMATS:
        result = exports.export(review, folder, to)
        if result.suffix == ".json":
            json.loads(result.text, parse_constant=refuse)
        assert when[:10] in result.text or to in ("ghost", "wordpress"), to
    page = exports.export(review, folder, "markdown").text
    (tmp_path / "r.md").write_text(page, encoding="utf-8")
    assert importer.read_markdown(tmp_path / "r.md")[0] == review


def refuse(constant: str) -> object:
    raise AssertionError(f"{constant} is not JSON")


def test_every_json_the_core_writes_is_strict() -> None:
    """`json.dumps` writes NaN and Infinity, which no JSON parser has to accept, unless told
    not to: every call in the core says `allow_nan=False` (the model refuses such numbers)."""
    calls = []
    for file in sorted((ROOT / "src" / "reviewdesk" / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("dump", "dumps")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "json"
            ):
                strict = any(
                    k.arg == "allow_nan" and isinstance(k.value, ast.Constant) and not k.value.value
                    for k in node.keywords
                )
                calls.append((f"{file.name}:{node.lineno}", strict))
    assert len(calls) >= 5
    assert [where for where, strict in calls if not strict] == []
