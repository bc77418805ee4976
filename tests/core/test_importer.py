import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from reviewdesk.core import bundle, front_matter
from reviewdesk.core.importer import import_markdown
from reviewdesk.core.model import Hero, Rating
from reviewdesk.core.problems import BundleError
from tests.conftest import run_reviewdesk

HUGO_TOML = """\
+++
title = "Hugo Review"
date = 2026-04-11T10:00:00Z
lastmod = 2026-04-12
draft = false
slug = "hugo-review"
description = "Seen in search results."
tags = ["One", "Two"]
categories = ["Reviews", "Gadgets"]
images = ["cover.png"]
weight = 3
+++
Body with ![chart](img/chart.png).
"""

JEKYLL_YAML = """\
---
layout: post
title: Jekyll Review
date: 2026-04-11 10:00:00
author: Jane Doe
category: Reviews
pros: [Fast, Cheap]
---
Body.
"""


def test_hugo_toml_becomes_a_bundle_with_its_images(tmp_path: Path) -> None:
    source = tmp_path / "site" / "post.md"
    (source.parent / "img").mkdir(parents=True)
    source.write_text(HUGO_TOML)
    (source.parent / "cover.png").write_bytes(b"cover")
    (source.parent / "img" / "chart.png").write_bytes(b"chart")
    review, warnings = import_markdown(source, tmp_path / "out")
    assert warnings == [
        "line 9: categories: 2 categories; the first, 'Reviews', is the review's, "
        "and all are kept under extra",
        "kept under extra (not fields of a review): weight",
    ]
    assert bundle.load(tmp_path / "out") == review
    assert review.title == "Hugo Review"
    assert review.published == datetime(2026, 4, 11, 10, tzinfo=UTC)
    assert review.updated == date(2026, 4, 12)
    assert review.status == "published"
    assert review.seo is not None and review.seo.description == "Seen in search results."
    assert (review.tags, review.category) == (["One", "Two"], "Reviews")
    assert review.hero is not None and review.hero.image == "cover.png"
    assert review.extra == {"categories": ["Reviews", "Gadgets"], "weight": 3}
    assert (tmp_path / "out" / "cover.png").read_bytes() == b"cover"
    assert (tmp_path / "out" / "img" / "chart.png").read_bytes() == b"chart"


def test_jekyll_yaml_keeps_unknown_keys_and_review_fields(tmp_path: Path) -> None:
    source = tmp_path / "2026-04-11-jekyll.md"
    source.write_text(JEKYLL_YAML)
    review, _ = import_markdown(source, tmp_path / "out")
    assert review.published == datetime(2026, 4, 11, 10, tzinfo=UTC)
    assert [a.name for a in review.authors] == ["Jane Doe"]
    assert review.pros == ["Fast", "Cheap"]
    assert review.extra == {"layout": "post"}
    assert review.body == "Body.\n"


def test_missing_images_are_warned_about(tmp_path: Path) -> None:
    source = tmp_path / "post.md"
    source.write_text("---\ntitle: T\n---\n![x](gone.png) ![y](../up.png)\n")
    _, warnings = import_markdown(source, tmp_path / "out")
    assert warnings == [
        "image 'gone.png' not found beside the Markdown file; not copied",
        "image '../up.png' uses '..'; give the path from the bundle's folder down; not copied",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: [\n---\n", r"post.md:3: invalid YAML"),
        ('+++\ntitle = "T"\nweight = nan\n+++\n', r"post.md:3: weight: weight is nan"),
        (
            "---\nformat: reviewdesk/1\ntitle: T\npros: 7\n---\n",
            r"post.md:4: pros: should be a valid list",
        ),
    ],
)
def test_bad_files_name_file_line_and_field_and_write_nothing(
    tmp_path: Path, text: str, message: str
) -> None:
    source = tmp_path / "post.md"
    source.write_text(text)
    with pytest.raises(BundleError, match=message):
        import_markdown(source, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_import_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "file").write_text("x")
    (tmp_path / "post.md").write_text("---\ntitle: T\n---\n")
    with pytest.raises(BundleError, match="already exists"):
        import_markdown(tmp_path / "post.md", tmp_path / "out")


# --- ordinary posts: each named case of issue 13, item 15 ---------------------------------------


def post(folder: Path, name: str, text: str) -> Path:
    file = folder / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


@pytest.mark.parametrize(
    ("written", "value", "best", "worst"),
    [("4", 4, 5, 1), ("4.5", 4.5, 5, 1), ("8", 8, 10, 1), ('"7/10"', 7, 10, 1), ("0.5", 0.5, 5, 0)],
)
def test_a_plain_number_rating_is_read_with_its_scale(
    tmp_path: Path, written: str, value: float, best: float, worst: float
) -> None:
    source = post(tmp_path, "post.md", f"---\ntitle: T\nrating: {written}\n---\n")
    review, warnings = import_markdown(source, tmp_path / "out")
    assert review.rating == Rating(value=value, best=best, worst=worst)
    assert f"line 3: rating: {written.strip(chr(34))} read as {value:g} out of {best:g}" in warnings


def test_a_value_no_review_field_can_hold_is_kept_under_extra_with_its_line(tmp_path: Path) -> None:
    source = post(tmp_path, "post.md", "---\ntitle: T\ndate: soon\nrating: excellent\n---\n")
    review, warnings = import_markdown(source, tmp_path / "out")
    assert review.extra == {"date": "soon", "rating": "excellent"}
    assert (review.published, review.rating) == (None, None)
    assert warnings[:2] == [
        "line 3: date: 'soon' is not a date; kept under extra",
        "line 4: rating: 'excellent' is not a rating; kept under extra",
    ]


@pytest.mark.parametrize(
    ("written", "tags"),
    [("a b", ["a", "b"]), ("machine-learning  gpu", ["machine-learning", "gpu"]),
     ("Deep Work, Focus", ["Deep Work", "Focus"]), ("[a, 7]", ["a", "7"]), ("solo", ["solo"])],
)  # fmt: skip
def test_tags_as_jekyll_writes_them(tmp_path: Path, written: str, tags: list[str]) -> None:
    source = post(tmp_path, "post.md", f"---\ntitle: T\ntags: {written}\n---\n")
    review, _ = import_markdown(source, tmp_path / "out")
    assert review.tags == tags


def test_space_separated_categories_give_the_first_as_category(tmp_path: Path) -> None:
    source = post(tmp_path, "post.md", "---\ntitle: T\ncategories: jekyll update\n---\n")
    review, warnings = import_markdown(source, tmp_path / "out")
    assert review.category == "jekyll"
    assert review.extra == {"categories": "jekyll update"}  # as written
    assert warnings == [
        "line 3: categories: 2 categories; the first, 'jekyll', is the review's, "
        "and all are kept under extra"
    ]


def test_case_repeats_among_tags_are_left_out_and_said(tmp_path: Path) -> None:
    source = post(tmp_path, "post.md", "---\ntitle: T\ntags: [AI, ai, Tools]\n---\n")
    review, warnings = import_markdown(source, tmp_path / "out")
    assert review.tags == ["AI", "Tools"]
    assert warnings == ["line 3: tags: 'ai' repeats 'AI' (tags ignore case); left out"]


LIQUID_BODY = """\
![Board]({{ site.baseurl }}/assets/img/board.png)
![Case]({{ "/assets/img/case.png" | relative_url }} "The case")
<img src="{{ '/assets/img/port.png' | absolute_url }}" alt="Port">
[Next post]({% post_url 2024-01-02-other %})
"""


def jekyll_site(root: Path, body: str = LIQUID_BODY, front: str = "title: T\n") -> Path:
    (root / "_config.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text("title: A site\n")
    for name in ("board", "case", "port"):
        (root / "assets" / "img").mkdir(parents=True, exist_ok=True)
        (root / "assets" / "img" / f"{name}.png").write_bytes(name.encode())
    return post(root, "_posts/2024-03-05-liquid-links.md", f"---\n{front}---\n{body}")


def test_liquid_image_links_bring_the_site_images_into_the_bundle(tmp_path: Path) -> None:
    source = jekyll_site(tmp_path / "site")
    review, warnings = import_markdown(source, tmp_path / "out")
    assert review.body == (
        "![Board](assets/img/board.png)\n"
        '![Case](assets/img/case.png "The case")\n'
        '<img src="assets/img/port.png" alt="Port">\n'
        "[Next post]({% post_url 2024-01-02-other %})\n"
    )
    for name in ("board", "case", "port"):
        assert (tmp_path / "out" / "assets" / "img" / f"{name}.png").read_bytes() == name.encode()
    assert warnings == [
        "line 7: '{% post_url 2024-01-02-other %}' is Liquid that only the site can run; "
        "kept as written"
    ]


def test_liquid_image_links_outside_a_site_become_site_paths_and_are_said(tmp_path: Path) -> None:
    source = post(tmp_path, "post.md", f"---\ntitle: T\n---\n{LIQUID_BODY}")
    review, warnings = import_markdown(source, tmp_path / "out")
    assert review.body.splitlines()[:3] == [
        "![Board](/assets/img/board.png)",
        '![Case](/assets/img/case.png "The case")',
        '<img src="/assets/img/port.png" alt="Port">',
    ]
    assert "line 4: image '/assets/img/board.png' is a path on the site" in warnings[0]


def test_liquid_stays_as_written_where_the_post_turns_liquid_off(tmp_path: Path) -> None:
    body = "![x]({{ site.baseurl }}/x.png)\n"
    source = post(tmp_path, "post.md", f"---\ntitle: T\nrender_with_liquid: false\n---\n{body}")
    review, _ = import_markdown(source, tmp_path / "out")
    assert review.body == body


@pytest.mark.parametrize("where", ["beside", "site"])
def test_an_image_mapping_with_path_and_alt_is_the_hero(tmp_path: Path, where: str) -> None:
    if where == "beside":
        source = post(tmp_path, "post.md", "---\ntitle: T\nimage:\n  path: cover.png\n"
                      "  alt: A desk\n  lqip: data:image/webp;base64,AAAA\n---\n")  # fmt: skip
        (tmp_path / "cover.png").write_bytes(b"cover")
        bundle_path = "cover.png"
    else:
        front = "title: T\nimage:\n  path: /assets/img/board.png\n  alt: A desk\n"
        source = jekyll_site(
            tmp_path, body="", front=front + "  lqip: data:image/webp;base64,AAAA\n"
        )
        bundle_path = "assets/img/board.png"
    review, warnings = import_markdown(source, tmp_path / "out")
    assert review.hero == Hero(image=bundle_path, alt="A desk")
    assert review.extra == {"image": {"lqip": "data:image/webp;base64,AAAA"}}
    assert (tmp_path / "out" / bundle_path).exists()
    assert warnings == ["kept under extra (not fields of a review): image.lqip"]


def test_the_slug_and_day_of_a_jekyll_file_name_are_kept(tmp_path: Path) -> None:
    source = post(tmp_path, "_posts/2024-03-05-quiet-keyboards.md", "---\nlayout: post\n---\n")
    review, _ = import_markdown(source, tmp_path / "out")
    assert (review.slug, review.published) == ("quiet-keyboards", date(2024, 3, 5))
    assert review.title == "quiet keyboards"


def test_a_slug_in_the_front_matter_wins_over_the_file_name(tmp_path: Path) -> None:
    source = post(tmp_path, "2024-03-05-x.md", "---\ntitle: T\nslug: given\n---\n")
    review, _ = import_markdown(source, tmp_path / "out")
    assert review.slug == "given"


def test_a_hugo_page_bundle_takes_its_slug_from_its_folder(tmp_path: Path) -> None:
    source = post(tmp_path, "content/posts/desk-lamp/index.md", "+++\ntitle = 'T'\n+++\n")
    review, _ = import_markdown(source, tmp_path / "out")
    assert review.slug == "desk-lamp"


def test_a_second_image_key_is_kept_under_extra_not_dropped(tmp_path: Path) -> None:
    front = "title: T\nfeatured_image: f.png\nimages: [h.png, i.png]\n"
    source = post(tmp_path, "post.md", f"---\n{front}---\n")
    for name in ("f.png", "h.png"):
        (tmp_path / name).write_bytes(b"x")
    review, warnings = import_markdown(source, tmp_path / "out")
    assert review.hero == Hero(image="f.png")
    assert review.extra == {"images": ["h.png", "i.png"]}
    assert "kept under extra (not fields of a review): images" in warnings


def test_an_error_left_names_the_file_the_line_and_the_key_of_toml(tmp_path: Path) -> None:
    source = post(tmp_path, "post.md", f'+++\ndraft = false\ntitle = "{"x" * 1001}"\n+++\n')
    with pytest.raises(BundleError, match=r"post\.md:3: title: is 1,001 characters long"):
        import_markdown(source, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- the corpus: posts in the shapes the common Jekyll and Hugo themes document ---------------

CORPUS = Path(__file__).parent / "import_corpus"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)


def test_every_post_of_the_corpus_has_its_expectations() -> None:
    posts = {
        path.relative_to(CORPUS).as_posix()
        for path in CORPUS.rglob("*")
        if path.suffix in (".md", ".markdown")
    }
    assert posts == set(EXPECTED)
    assert len(posts) >= 20


def part_of(kept: Any, written: Any) -> bool:
    """Whether `kept` is what is left of `written` once the hero was taken from it."""
    if isinstance(written, dict) and isinstance(kept, dict):
        return kept.items() <= written.items()
    return isinstance(written, list) and kept == written[1:]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_post_imports_with_every_key_read_or_kept_and_said(name: str, tmp_path: Path) -> None:
    source = CORPUS / name
    expected = EXPECTED[name]
    front = front_matter.split(source.read_text(encoding="utf-8")).data
    review, warnings = import_markdown(source, tmp_path / "out")
    assert bundle.load(tmp_path / "out") == review
    fields = review.model_dump(mode="json")
    assert {field: fields[field] for field in expected["fields"]} == expected["fields"]
    mapped, kept = set(expected["mapped"]), set(expected.get("extra", []))
    assert mapped | kept == set(front), "each key is read into a field or kept under extra"
    assert set(review.extra) == kept
    for key in kept:
        assert review.extra[key] == front[key] or part_of(review.extra[key], front[key]), key
        assert any(re.search(rf"(^|[ :]){re.escape(key)}\b", w) for w in warnings), key
    for path in expected.get("files", []):
        assert (tmp_path / "out" / path).is_file(), path


def test_the_command_line_names_file_line_and_key_of_each_warning(tmp_path: Path) -> None:
    source = post(tmp_path, "2024-03-05-gloves.md", "---\ntitle: T\nrating: 4\ntoc: true\n---\n")
    done = run_reviewdesk("import", source, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"{source}: warning: line 3: rating: 4 read as 4 out of 5",
        f"{source}: warning: kept under extra (not fields of a review): toc",
    ]


def test_hugo_images_give_the_first_as_hero_and_keep_the_others(tmp_path: Path) -> None:
    source = post(tmp_path, "post.md", "---\ntitle: T\nimages: [a.png, b.png]\n---\n")
    (tmp_path / "a.png").write_bytes(b"a")
    review, warnings = import_markdown(source, tmp_path / "out")
    assert review.hero == Hero(image="a.png")
    assert review.extra == {"images": ["b.png"]}
    assert warnings == ["kept under extra (not fields of a review): images (all but the first)"]


def test_template_code_left_in_the_body_is_named_with_its_line(tmp_path: Path) -> None:
    body = (
        'See [the other one]({{< ref "other.md" >}}).\n'
        "```\n{{ site.baseurl }} in a code block is text on the site too\n```\n"
        "{% include gallery.html %}\n"
    )
    source = post(tmp_path, "post.md", f"---\ntitle: T\n---\n{body}")
    review, warnings = import_markdown(source, tmp_path / "out")
    assert review.body == body
    assert warnings == [
        "line 4: '{{< ref \"other.md\" >}}' is a Hugo shortcode that only the site can run; "
        "kept as written",
        "line 8: '{% include gallery.html %}' is Liquid that only the site can run; "
        "kept as written",
    ]
