"""Exported pages pass axe-core (WCAG 2.0/2.1 A and AA) in Chromium: desktop and phone widths,
light and dark colour schemes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from reviewdesk.core import bundle, exports
from reviewdesk.core.layout import BLOCK_FIELDS
from reviewdesk.core.resources import resource
from tests.review_blocks import with_blocks

from .axe import SCHEMES, WIDTHS, AxeReport, format_violations, run_axe

EVERYTHING_YAML = """\
format: reviewdesk/1
title: "Example Kettle Review: Quick, Quiet and a Little Fussy"
subtitle: A one-paragraph deck under the title, long enough to wrap on a phone screen.
published: 2026-04-11
updated: 2026-04-12T09:30:00+02:00
category: Kitchen Gadgets
badges: [NEW, HANDS-ON, EDITOR'S CHOICE]
authors:
  - {name: Jane Doe, url: https://example.org/jane}
  - Sam Roe
subject: {name: Example Kettle, type: Product, brand: Example Co, url: https://example.org/k}
rating: {value: 3.5, best: 5, worst: 1}
tags: [Example Co, Small Appliances, Energy Use]
hero: {image: assets/hero.png, alt: A steel kettle on a wooden worktop, caption: Our test unit.}
summary: |-
  The first paragraph of the summary.

  A second paragraph, because writers use them.
pros: [Boils a litre in under three minutes, Quiet, Keeps water warm for an hour]
cons: [Lid hinge feels flimsy, "Limescale filter is hard to reach"]
key_features: [1.7 litre capacity, Five temperature presets, Keep-warm mode]
key_insights: [Speed matters less than the presets, The filter decides how long it lasts]
seo: {title: Example Kettle review, description: What the search result shows.}
"""

EVERYTHING_BODY = """\
## First impressions

It's a "quiet" kettle -- mostly. Read the [maker's page](https://example.org/k) and press
<kbd>Ctrl</kbd>+<kbd>B</kbd> to <mark>boil</mark>; the log says `boil(100)`.

![A bar chart of boiling times for five kettles](assets/chart.png)

| Kettle | Capacity (litres) | Time to boil one litre | Noise at one metre | Standby power | Price |
|:-------|------:|-----:|-----:|-----:|-----:|
| Example Kettle | 1.7 | 2 min 51 s | 52 dB(A) | 0.3 W | 49.00 |
| Other Kettle | 1.5 | 3 min 20 s | 61 dB(A) | 0.5 W | 39.00 |

### Details that matter

1. Fill it.
2. Press the button:
   - once to boil,
   - twice to keep warm.

> A quote from the manual, which is longer than it needs to be.

```
preset 80C: green tea
preset 95C: coffee, and a line long enough to scroll sideways on a phone: --keep-warm=60min
```

<details open><summary>Test method</summary>

We boiled 1 litre of 20 °C water ten times.

</details>

Term
: A definition.

---

## Verdict

Worth it[^1].

[^1]: For most people.
"""

PAGES = ("sample-files", "sample-embed", "minimal", "everything", "blocks")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The exported pages, by name."""
    root = tmp_path_factory.mktemp("a11y")
    out = root / "out"
    sample = root / "sample"
    shutil.copytree(resource("sample"), sample)
    everything = root / "everything"
    (everything / "assets").mkdir(parents=True)
    (everything / "review.yaml").write_text(EVERYTHING_YAML, encoding="utf-8")
    (everything / "body.md").write_text(EVERYTHING_BODY, encoding="utf-8")
    for image in ("hero.png", "chart.png"):
        shutil.copyfile(sample / "assets" / image, everything / "assets" / image)
    bundle.create(root / "minimal", "Only a title")
    blocks = root / "blocks"  # the sample with every review block, rated by its scores
    shutil.copytree(resource("sample"), blocks)
    bundle.save(with_blocks(bundle.load(blocks), rating=None), blocks)
    made = {
        "sample-files": (sample, exports.ExportOptions()),
        "sample-embed": (sample, exports.ExportOptions(embed_images=True)),
        "minimal": (root / "minimal", exports.ExportOptions()),
        "everything": (everything, exports.ExportOptions(show_footer=True)),
        "blocks": (blocks, exports.ExportOptions()),
    }
    files = {}
    for name, (folder, options) in made.items():
        result = exports.export(bundle.load(folder), folder, "html", options, stem=name)
        assert result.warnings == (), result.warnings
        files[name] = out / f"{name}.html"
        exports.write(result, files[name])
    return files


@pytest.fixture(scope="module")
def report(pages: dict[str, Path], chromium: Path) -> AxeReport:
    """One Chromium run over every page, width and colour scheme."""
    return run_axe(list(pages.values()), chromium=chromium)


@pytest.mark.slow
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(
    name: str, pages: dict[str, Path], report: AxeReport
) -> None:
    runs = [run for run in report.runs if run.file == pages[name].resolve()]
    assert sorted((run.width, run.scheme) for run in runs) == sorted(
        (width, scheme) for width in WIDTHS for scheme in SCHEMES
    )
    mine = AxeReport(tuple(runs), ())
    assert mine.violations == [], format_violations(mine)
    # Contrast must be decided, not only "not failed": nothing left for a person to review.
    undecided = [(run.width, run.scheme) for run in runs if "color-contrast" in run.incomplete]
    assert undecided == []


def test_blocks_page_shows_every_block(pages: dict[str, Path]) -> None:
    page = pages["blocks"].read_text(encoding="utf-8")
    for field in BLOCK_FIELDS:
        assert f'data-field="{field}"' in page
    assert "from the scores" in page


def test_everything_page_shows_what_it_should(pages: dict[str, Path]) -> None:
    """The page audited really holds the parts named in its test."""
    page = pages["everything"].read_text(encoding="utf-8")
    for needle in ("<table", "<kbd>", "<mark>", "<details open", "<blockquote>", "<pre>", "<dl>"):
        assert needle in page
    assert 'id="review-footer"' in page
    assert page.count("<img ") == 2
    for field in ("rating", "hero", "pros", "cons", "key_features", "key_insights", "badges"):
        assert f'data-field="{field}"' in page


@pytest.mark.slow
def test_the_audit_reports_missing_alt_text_and_dark_only_contrast_failures(
    pages: dict[str, Path], chromium: Path, tmp_path: Path
) -> None:
    page = pages["sample-files"].read_text(encoding="utf-8")
    page, removed = re.subn(
        r'(<figure class="review-hero"[^>]*>\s*<img src="[^"]*") alt="[^"]*"', r"\1", page
    )
    assert removed == 1
    # Grey on near-black, in the dark scheme only.
    page = page.replace(
        "</style>", "@media (prefers-color-scheme: dark) { :root { --muted: #3a3f47; } }\n</style>"
    )
    broken = pages["sample-files"].with_name("broken.html")
    broken.write_text(page, encoding="utf-8")
    report = run_axe([broken], chromium=chromium)
    found = {(run.width, run.scheme, v.id) for run, v in report.violations}
    for width in WIDTHS:
        assert (width, "light", "image-alt") in found
        assert (width, "dark", "image-alt") in found
        assert (width, "dark", "color-contrast") in found
        assert (width, "light", "color-contrast") not in found
    alt = next(v for _, v in report.violations if v.id == "image-alt")
    assert any("review-hero" in " ".join(node.target) for node in alt.nodes), alt.nodes
