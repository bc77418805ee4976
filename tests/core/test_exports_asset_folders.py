"""Two reviews exported into one folder, each with images of the same names: every format that
copies images keeps each review's own, and each page links its own. The Markdown export put
both at `assets/hero.png` beside the pages, the second over the first."""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from bench.images import write_png
from reviewdesk.core import front_matter
from tests.conftest import MakeBundle, run_reviewdesk

# `-o` for each format, under the one folder both reviews go into.
OUT = {"markdown": "out/", "html": "out/", "hugo": "out", "jekyll": "out"}
# The pages each export writes for the bundles `alpha` and `beta`, under out/.
PAGES = {
    "markdown": ("alpha.md", "beta.md"),
    "html": ("alpha.html", "beta.html"),
    "hugo": ("alpha/index.html", "beta/index.html"),
    "jekyll": ("_posts/2026-04-11-alpha.html", "_posts/2026-04-11-beta.html"),
}
IMAGE_LINK = re.compile(r'!\[[^\]]*\]\(([^)\s]+)|<img [^>]*src="([^"]+)"')


def imaged(make_bundle: MakeBundle, name: str, width: int) -> tuple[Path, dict[str, bytes]]:
    """A bundle `name` with a hero and a body image at the same paths as the other's, but
    pictures of its own; and those pictures by path."""
    folder = make_bundle(
        f"format: reviewdesk/1\ntitle: {name.title()}\nslug: {name}\nstatus: published\n"
        "published: 2026-04-11\nhero:\n  image: assets/hero.png\n  alt: The hero\n",
        "Text.\n\n![Chart](assets/chart.png)\n",
        name=name,
    )
    (folder / "assets").mkdir()
    write_png(folder / "assets" / "hero.png", width, 8)
    write_png(folder / "assets" / "chart.png", 8, width)
    return folder, {
        path: (folder / path).read_bytes() for path in ("assets/hero.png", "assets/chart.png")
    }


def linked_images(to: str, page: Path, root: Path) -> list[Path]:
    """The files the page `page` (of the site or folder `root`) shows: its hero and its body's
    images, as the site or a Markdown reader finds them."""
    text = page.read_text(encoding="utf-8")
    data = front_matter.split(text).data if to != "html" else {}
    sources = [a or b for a, b in IMAGE_LINK.findall(text)]
    if to in ("markdown", "hugo"):  # the hero is a field of the front matter
        sources.insert(0, data["hero"]["image"])
    if to == "jekyll":
        sources.insert(0, data["image"])
    return [
        (root if src.startswith("/") else page.parent) / unquote(src).lstrip("/") for src in sources
    ]


@pytest.mark.parametrize("to", list(OUT))
def test_two_reviews_into_one_folder_keep_their_own_images(
    make_bundle: MakeBundle, tmp_path: Path, to: str
) -> None:
    reviews = [imaged(make_bundle, "alpha", 16), imaged(make_bundle, "beta", 24)]
    for folder, _ in reviews:
        done = run_reviewdesk("export", folder, "--to", to, "-o", OUT[to], cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "and 2 image(s)" in done.stdout
    root = tmp_path / "out"
    for (_, pictures), page in zip(reviews, PAGES[to], strict=True):
        shown = [file.read_bytes() for file in linked_images(to, root / page, root)]
        assert shown == list(pictures.values()), page
    # Nothing else was written: no shared image left over that a page could link by mistake.
    images = sorted(path for path in root.rglob("*.png"))
    assert len(images) == 4, images
