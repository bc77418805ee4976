"""A Hugo site of the shipped layouts and stylesheets, pages only: the fixture the static-site
build tests build and the batch-export benchmark times Hugo on."""

from __future__ import annotations

import shutil
from pathlib import Path

from reviewdesk.core.resources import resource

STYLESHEETS = ("review.css", "review-blocks.css")  # as the READMEs say to copy them


def hugo_site(root: Path) -> Path:
    """`root/hugo-site` with our layouts, stylesheets and a config of pages only: list pages
    would need templates of a theme this site has not got, and with --panicOnWarning a missing
    template stops the build."""
    site = root / "hugo-site"
    shutil.copytree(resource("hugo", "layouts"), site / "layouts")
    (site / "assets" / "reviewdesk").mkdir(parents=True)
    for name in STYLESHEETS:
        shutil.copyfile(resource("css", name), site / "assets" / "reviewdesk" / name)
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\nlanguageCode = "en"\ntitle = "Fixture"\n'
        'disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT",'
        ' "404"]\n',
        encoding="utf-8",
    )
    return site
