from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from reviewdesk.core import bundle
from reviewdesk.core.importer import import_markdown
from reviewdesk.core.problems import BundleError

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
    assert warnings == []
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
        ("---\ntitle: T\ntags: [a, A]\n---\n", r"post.md: tags: tag 'A' repeats 'a'"),
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
