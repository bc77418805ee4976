"""The static site an imported post sits in, and the images it shows from there.

A Jekyll or Hugo post links its images by their path on the site (`/assets/img/x.png`), served
from the site's folder (Jekyll) or its `static/` folder (Hugo). When the post lies inside such
a site, the import copies those images into the new bundle, at `assets/...`, and points the
review at the copies; only regular files inside the site's folder are read."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reviewdesk.core import assets, safe_files
from reviewdesk.core.image_sources import HTML_IMAGE, MARKDOWN_IMAGE
from reviewdesk.core.template_links import Note, outside_code

_JEKYLL = ("_config.yml", "_config.yaml", "_config.toml")
_HUGO = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")
_HUGO_OLD = ("config.toml", "config.yaml", "config.yml", "config.json")  # with a content/ beside
_LEVELS = 8  # how far above the post its site's folder is looked for
_SITE = "the site's folder"


@dataclass(frozen=True)
class Site:
    root: Path
    served: Path  # the folder whose files the site serves at `/`


def find_site(file: Path) -> Site | None:
    """The Jekyll or Hugo site whose folder holds `file`, by its configuration file."""
    folder = Path(os.path.abspath(file)).parent
    for candidate in [folder, *folder.parents][:_LEVELS]:
        if any((candidate / name).is_file() for name in _JEKYLL):
            return Site(candidate, candidate)
        hugo = any((candidate / name).is_file() for name in _HUGO) or (
            any((candidate / name).is_file() for name in _HUGO_OLD)
            and (candidate / "content").is_dir()
        )
        if hugo:
            return Site(candidate, candidate / "static")
    return None


def is_web_address(src: str) -> bool:
    parts = urlsplit(src)
    return bool(parts.scheme or parts.netloc) or src.startswith(("//", "#"))


@dataclass
class ImagePlaces:
    """Where the images of one post are: beside it, or in its site's folder. `copies` says
    which bundle paths are copied from the site, and from which file."""

    file: Path
    site: Site | None = None
    subpath: str = ""  # Chirpy's `media_subpath`: the site folder of the post's relative images
    copies: dict[str, Path] = field(default_factory=dict)  # file of the bundle -> site file

    @classmethod
    def of(cls, file: Path, front: dict[str, Any]) -> ImagePlaces:
        return cls(file, find_site(file), _media_subpath(front))

    def bundle_path(self, src: str) -> tuple[str | None, str]:
        """The bundle path that image `src` of the post gets, or None and why it cannot be
        in the bundle. A relative path stays as it is (looked for beside the post, then in
        the site's folder); a site path gets `assets/...`."""
        if is_web_address(src):
            return None, f"image {src!r} is a web address, not a file"
        if not src.startswith("/"):
            if self.subpath and not self._beside(src):
                return self.bundle_path(f"/{self.subpath.strip('/')}/{src.removeprefix('./')}")
            self._from_site(src, src)
            return src, ""
        if self.site is None:
            return None, (
                f"image {src!r} is a path on the site, and no site folder (with _config.yml "
                "or hugo.toml) holds the Markdown file"
            )
        written = src.lstrip("/")  # as written: percent-escapes stay escaped in the link
        try:
            path = assets.relative(written)
        except assets.AssetError as error:
            return None, f"image {error}"
        bundle = written if path.startswith("assets/") else f"assets/{written}"
        if not self._from_site(written, bundle):
            return None, f"image {src!r} is not a file in the site's folder ({self.site.root})"
        return bundle, ""

    def copy_from_site(self, site_path: str, bundle: str) -> None:
        """Copy the file at `site_path` on the site (`/assets/x.png`) to `bundle`, when the
        site's folder holds it and no file beside the post has that bundle path."""
        if self.site is not None and site_path.startswith("/") and not is_web_address(site_path):
            self._from_site(site_path.lstrip("/"), bundle)

    def _beside(self, src: str) -> bool:
        try:
            return os.path.lexists(self.file.parent / assets.relative(src))
        except assets.AssetError:
            return False

    def _from_site(self, site_path: str, bundle: str) -> bool:
        """Whether the site serves `site_path` as a file; when it does, and it is not the
        file beside the post that `bundle` names anyway, it is copied to `bundle`."""
        try:
            beside = self.file.parent / assets.relative(bundle)
            if self.site is None:
                return False
            served = self.site.served / assets.relative(site_path)
            real = safe_files.regular_file_inside(self.site.root, served, within=_SITE)
        except (assets.AssetError, safe_files.UnsafeFile, OSError):
            return False
        if os.path.lexists(beside):
            return Path(os.path.realpath(beside)) == real  # a file of its own: that one
        # False when another file of the site has that bundle path already.
        return self.copies.setdefault(assets.relative(bundle), real) == real


def _media_subpath(front: dict[str, Any]) -> str:
    """Chirpy's folder for a post's relative images (`media_subpath`, once `img_path`)."""
    for key, value in front.items():
        if key.lower() in ("media_subpath", "img_path") and isinstance(value, str):
            return value
    return ""


def rewrite_site_images(body: str, places: ImagePlaces) -> tuple[str, list[Note]]:
    """`body` with each image it shows by its site path pointed at the bundle's copy, and a
    note for each that cannot be copied (its link is kept as written)."""
    lines = body.split("\n")
    notes: list[Note] = []
    for number, line in outside_code(body):

        def replace(match: re.Match[str], number: int = number) -> str:
            src = match["src"]
            if is_web_address(src) or src.startswith("data:"):
                return match[0]
            bundle, why = places.bundle_path(src)
            if bundle is None:
                notes.append((number, f"{why}; kept as written"))
                return match[0]
            return match["lead"] + bundle

        lines[number - 1] = HTML_IMAGE.sub(replace, MARKDOWN_IMAGE.sub(replace, line))
    return "\n".join(lines), notes
