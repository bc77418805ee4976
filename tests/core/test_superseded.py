"""A static-site export replaces the page of the other kind it left at the same address (HTML by
default, Markdown with --raw-html), and never a page of the writer's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.core import bundle, exports
from reviewdesk.core.exports.superseded import retire
from tests.conftest import run_reviewdesk


def export_into(site: Path, folder: Path, to: str, *, raw_html: bool) -> Path:
    options = exports.ExportOptions(raw_html=raw_html)
    result = exports.export(bundle.load(folder), folder, to, options)
    exports.write(result, site / result.location, root=site)
    _, warnings = retire(result, site)
    assert warnings == []
    return site / result.location


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_the_page_of_the_other_kind_is_replaced_both_ways(
    sample_bundle: Path, tmp_path: Path, to: str
) -> None:
    site = tmp_path / "site"
    markdown = export_into(site, sample_bundle, to, raw_html=True)
    assert markdown.suffix == ".md"
    html = export_into(site, sample_bundle, to, raw_html=False)
    assert html.suffix == ".html" and html.exists() and not markdown.exists()
    again = export_into(site, sample_bundle, to, raw_html=True)
    assert again == markdown and markdown.exists() and not html.exists()


@pytest.mark.parametrize("to", ["hugo", "jekyll"])
def test_a_page_of_the_writers_own_at_the_address_is_kept_with_a_warning(
    sample_bundle: Path, tmp_path: Path, to: str
) -> None:
    site = tmp_path / "site"
    result = exports.export(bundle.load(sample_bundle), sample_bundle, to)
    (mine,) = result.supersedes
    (site / mine).parent.mkdir(parents=True)
    (site / mine).write_text("---\ntitle: My own page\n---\nHand-written.\n", encoding="utf-8")
    exports.write(result, site / result.location, root=site)
    removed, warnings = retire(result, site)
    assert removed == []
    assert warnings == [
        f"{site / mine} is another page at the same address; the site builds only one of "
        "them: remove it"
    ]
    assert (site / mine).read_text(encoding="utf-8").endswith("Hand-written.\n")


def test_the_command_line_says_what_it_removed(sample_bundle: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = run_reviewdesk("export", sample_bundle, "--to", "hugo", "--raw-html", "-o", site)
    assert first.returncode == 0, first.stderr
    (markdown,) = site.glob("*/index.md")
    run = run_reviewdesk("export", sample_bundle, "--to", "hugo", "-o", site)
    assert run.returncode == 0, run.stderr
    removed = f"Removed {markdown}, the earlier page of this review at the same address"
    assert removed in run.stdout.splitlines()
    assert not markdown.exists() and markdown.with_suffix(".html").exists()
