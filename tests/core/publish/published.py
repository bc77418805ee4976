"""Helpers of the tests that publish to the test WordPress and look at the result: a site for
a role, requests as "the web" (the administrator), a review with body images."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from bench.images import write_png
from reviewdesk.core import bundle
from reviewdesk.core.publish.sites import Site, make
from reviewdesk.core.resources import resource
from tests.review_blocks import BLOCKS
from tests.wordpress_server import WordPressAccount, WordPressServer

ROLES = ["administrator", "author"]
SAMPLE_CATEGORY = "Small Language Models"


PLUGIN = "reviewdesk"


@contextmanager
def plugin_active(wordpress: WordPressServer) -> Iterator[None]:
    """ReviewDesk's WordPress plugin (resources/wordpress/reviewdesk/) installed and active, as
    an administrator installs it; removed after."""
    installed = wordpress.content_dir / "plugins" / PLUGIN
    shutil.rmtree(installed, ignore_errors=True)
    shutil.copytree(resource("wordpress", PLUGIN), installed)
    try:
        state = wordpress.php(
            "require_once ABSPATH . 'wp-admin/includes/plugin.php';"
            f"$result = activate_plugin('{PLUGIN}/reviewdesk.php');"
            "echo is_wp_error($result) ? $result->get_error_message() : 'active';"
        )
        assert state == "active"
        yield
    finally:
        wordpress.php(
            "require_once ABSPATH . 'wp-admin/includes/plugin.php';"
            f"deactivate_plugins('{PLUGIN}/reviewdesk.php');"
        )
        shutil.rmtree(installed, ignore_errors=True)


def account(wordpress: WordPressServer, role: str) -> WordPressAccount:
    return wordpress.admin if role == "administrator" else wordpress.author


def site_for(
    wordpress: WordPressServer, role: str, monkeypatch: pytest.MonkeyPatch, name: str = "test"
) -> Site:
    """A publishing site logged in as the account of `role`."""
    login = account(wordpress, role)
    variable = f"TEST_WP_SECRET_{role.upper()}"
    monkeypatch.setenv(variable, login.app_password)
    return make(name, "wordpress", wordpress.url, login.login, secret_env=variable)


def stored(wordpress: WordPressServer, post_id: int | str) -> dict[str, Any]:
    """The post as its editor sees it (raw fields)."""
    return dict(wordpress.rest("GET", f"/wp/v2/posts/{post_id}", params={"context": "edit"}))


def add_sample_category(wordpress: WordPressServer) -> None:
    """The sample's category, which an author may not create."""
    wordpress.rest("POST", "/wp/v2/categories", json={"name": SAMPLE_CATEGORY})


def edit_review(folder: Path, **changes: Any) -> None:
    review = bundle.load(folder)
    bundle.save(review.model_copy(update=changes), folder)


def blocks_bundle(sample_bundle: Path) -> Path:
    """The sample under a slug of its own with every review block, rated by its scores; its
    hero an image of its own (a theme's list of other posts shows the sample's)."""
    folder = sample_bundle.with_name("blocks")
    shutil.copytree(sample_bundle, folder)
    write_png(folder / "assets" / "cover.png", 1200, 630)
    hero = bundle.load(folder).hero
    assert hero is not None
    edit_review(
        folder,
        **BLOCKS,
        slug="wrenfall-3-mini-with-blocks",
        rating=None,
        hero=hero.model_copy(update={"image": "assets/cover.png"}),
    )
    return folder


def body_images_bundle(make_bundle: Callable[..., Path], sample_bundle: Path) -> Path:
    """A review without a hero whose body shows two images of its own, and every list."""
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: Two Pictures & a <Verdict>\nstatus: published\n"
        "authors: [Jo Writer]\n"
        "tags: [Cameras, Q&A]\nsummary: Sharp and light, but loud.\n"
        "pros: [Sharp lens, Light body]\ncons: [Loud shutter]\n"
        "key_features: [24 megapixels, Weather sealing]\nkey_insights: [Light beats sharp]\n",
        "Before the pictures.\n\n![A bar chart of scores](assets/chart.png)\n\n"
        "Between them.\n\n![The camera from above](assets/photo.png)\n\nAfter them.\n",
        name="pictures",
    )
    (folder / "assets").mkdir()
    shutil.copy(sample_bundle / "assets" / "chart.png", folder / "assets" / "chart.png")
    shutil.copy(sample_bundle / "assets" / "hero.png", folder / "assets" / "photo.png")
    return folder
