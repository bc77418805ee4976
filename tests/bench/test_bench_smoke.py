"""The benchmark's generator and runner work; timings are never asserted."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.core import BATCH_TITLE, CORE_TITLE, SIZES, size_label
from bench.generate import count_words, make_review, write_bundle
from reviewdesk.core import bundle, checks
from reviewdesk.core.markdown_body import render_markdown

ROOT = Path(__file__).resolve().parents[2]


def visible_words(markdown_text: str) -> int:
    """The words a reader sees on the rendered page, counted apart from the generator."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", render_markdown(markdown_text)))
    return len(re.findall(r"\S*[A-Za-z]\S*", text))


def test_same_seed_same_review() -> None:
    first, second = make_review(2_000, seed=7), make_review(2_000, seed=7)
    assert first.body == second.body
    assert bundle.review_yaml(first) == bundle.review_yaml(second)
    assert make_review(2_000, seed=8).body != first.body


def test_same_seed_same_bundle_files(tmp_path: Path) -> None:
    one = write_bundle(tmp_path / "one", 2_000, seed=3)
    two = write_bundle(tmp_path / "two", 2_000, seed=3)
    for name in ("review.yaml", "body.md", "assets/hero.png"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


@pytest.mark.parametrize("words", [2_000, 20_000])
def test_word_count_within_two_percent(words: int) -> None:
    body = make_review(words, seed=1).body
    assert abs(count_words(body) - words) <= words * 0.02
    assert abs(visible_words(body) - words) <= words * 0.02


def test_body_has_the_usual_markup() -> None:
    body = make_review(20_000, seed=2).body
    page = render_markdown(body)
    for tag in ("<h2", "<p>", "<em>", "<code>", '<a href="https://example.org/', "<ul>", "<ol>"):
        assert tag in page, tag
    for tag in ("<table>", "<blockquote>"):
        assert tag in page, tag
    sections = body.count("\n## ")
    assert 20_000 / 500 <= sections <= 20_000 / 300


def test_bundle_loads_and_passes_the_checks(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "review", 2_000, seed=4)
    review = bundle.load(folder)
    assert review == make_review(2_000, seed=4)
    assert review.hero is not None
    assert review.hero.image == "assets/hero.png"
    assert (folder / "assets" / "hero.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert checks.check(folder) == []
    filled = {name for name in type(review).model_fields if getattr(review, name)}
    assert {"title", "subtitle", "tags", "summary", "pros", "cons", "key_features"} <= filled
    assert {"key_insights", "rating", "authors", "subject", "seo", "hero", "body"} <= filled


@pytest.mark.slow
def test_quick_run_prints_both_tables() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.core", "--quick", "--reviews", "20"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert CORE_TITLE in out
    assert BATCH_TITLE in out
    for words in SIZES:
        label = size_label(words)
        for operation in ("load", "markdown", "render", "export-html", "save"):
            assert re.search(rf"^{label}\s+{operation}\s+[\d.]+\s+[\d.]+$", out, re.M), (
                label,
                operation,
            )
    assert "serial (1 process)" in out
    assert "pool (2 processes" in out
