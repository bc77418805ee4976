"""The test WordPress in headless Chromium (`wordpress_browser.js`, puppeteer-core, with
axe-core as the accessibility tests run it): a post's public page as a reader gets it (the test
Ghost's too, its content element named), and the post opened in the block editor of wp-admin by
a logged-in writer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).with_name("wordpress_browser.js")
TOOLS = Path(__file__).resolve().parents[3] / "tools" / "node_modules"
SETUP = "bash scripts/setup-tools"
# The test site is offline: what the editor would fetch from WordPress.org never resolves.
OFFLINE = "net::ERR_NAME_NOT_RESOLVED"


def _require(what: str, found: str | None) -> str:
    """`found`, or a skip naming the install command; under CI=true a failure instead."""
    if found is not None:
        return found
    reason = f"{what} not installed: {SETUP}"
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class Browser:
    node: str
    chromium: str

    def pages(
        self, urls: Sequence[str], widths: Sequence[int] = (1280, 390), content: str = ""
    ) -> list[Page]:
        """Each public page, at each width; `content` is the CSS selector of the post's
        content element where it is not WordPress's."""
        options = [f"--widths={','.join(map(str, widths))}"]
        options += [f"--content={content}"] if content else []
        output = self._run(["page", *urls], *options, timeout=60 + 30 * len(urls))
        return [Page(page["url"], page["runs"], _errors(page)) for page in output["pages"]]

    def editor(
        self, url: str, login: str, password: str, post_ids: Sequence[int]
    ) -> list[EditorPost]:
        """Each post as wp-admin's block editor opens it, for `login`."""
        output = self._run(
            ["editor", url, login, *map(str, post_ids)],
            timeout=60 + 30 * len(post_ids),
            env={"WORDPRESS_PASSWORD": password},
        )
        return [EditorPost(post) for post in output["posts"]]

    def _run(
        self, arguments: list[str], *options: str, timeout: float, env: dict[str, str] | None = None
    ) -> dict[str, Any]:
        done = subprocess.run(
            [self.node, str(SCRIPT), f"--chromium={self.chromium}", *options, *arguments],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **(env or {})},
        )
        if done.returncode:
            raise RuntimeError(f"wordpress_browser.js failed: {done.stderr.strip()}")
        output: dict[str, Any] = json.loads(done.stdout)
        return output


def browser() -> Browser:
    """Node with puppeteer-core and axe-core of tools/, and Debian's Chromium."""
    for package in ("puppeteer-core", "axe-core"):
        found = TOOLS / package / "package.json"
        _require(package, str(found) if found.is_file() else None)
    node = _require("node", shutil.which("node"))
    return Browser(node, _require("Chromium", shutil.which("chromium")))


def visible(box: dict[str, Any]) -> bool:
    """Whether an element, as a page's run boxes it, can be seen."""
    return bool(
        box["width"] > 0
        and box["height"] > 0
        and box["display"] != "none"
        and box["visibility"] == "visible"
        and box["opacity"] > 0
    )


def _errors(read: dict[str, Any]) -> list[str]:
    return [str(error) for error in read["errors"] if OFFLINE not in error]


@dataclass(frozen=True)
class Page:
    url: str
    runs: list[dict[str, Any]]  # one per width, as wordpress_browser.js reads it
    errors: list[str]  # page errors and console errors


@dataclass(frozen=True)
class EditorPost:
    raw: dict[str, Any]

    @property
    def warnings(self) -> list[str]:
        return list(self.raw["warnings"])

    @property
    def errors(self) -> list[str]:
        """Page errors and console errors (the editor logs each invalid block)."""
        return _errors(self.raw)

    @property
    def serialized(self) -> str:
        return str(self.raw["serialized"])

    def blocks(self) -> list[dict[str, Any]]:
        """Every block at any depth."""
        found = []
        pending = list(self.raw["blocks"])
        while pending:
            block = pending.pop(0)
            found.append(block)
            pending[:0] = block["inner"]
        return found

    def invalid(self) -> list[tuple[str, list[str]]]:
        return [(block["name"], block["issues"]) for block in self.blocks() if not block["valid"]]
