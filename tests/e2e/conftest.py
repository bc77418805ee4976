"""Fixtures for end-to-end tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.missing_tools import require, skip_or_fail

from .vnu import VnuChecker, VnuMessage, check_html, vnu_jar

NOT_INSTALLED = "Nu HTML Checker not installed: run scripts/setup-tools"


@pytest.fixture(scope="session")
def vnu() -> VnuChecker:
    """A function that checks HTML files with vnu and returns their errors.

    Skips when vnu.jar or java is missing, except on CI (CI=true), where a
    missing checker fails the test instead of silently skipping it.
    """
    jar = vnu_jar()
    java = shutil.which("java")
    if jar is None or java is None:
        missing = ", ".join(
            name for name, found in (("vnu.jar", jar), ("java", java)) if found is None
        )
        skip_or_fail(f"{NOT_INSTALLED} (missing: {missing})")

    def checker(paths: list[Path]) -> list[VnuMessage]:
        return check_html(paths, jar=jar, java=java)

    return checker


TOOLS = Path(__file__).resolve().parents[2] / "tools"
SETUP = "run scripts/setup-tools"


def _require(what: str, found: Path | None) -> Path:
    """`found`, or a skip naming the install command; on CI (CI=true) a failure instead."""
    return require(what, found, SETUP)


def _which(command: str) -> Path | None:
    found = shutil.which(command)
    return Path(found) if found else None


def _node_package(name: str) -> Path | None:
    folder = TOOLS / "node_modules" / name
    return folder if (folder / "package.json").is_file() and shutil.which("node") else None


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium, for axe-core (driven by puppeteer-core)."""
    _require("puppeteer-core", _node_package("puppeteer-core"))
    _require("axe-core", _node_package("axe-core"))
    return _require("Chromium", _which("chromium"))


@pytest.fixture(scope="session")
def hugo() -> Path:
    return _require("Hugo", _which("hugo"))


@pytest.fixture(scope="session")
def jekyll() -> Path:
    return _require("Jekyll", _which("jekyll"))


@pytest.fixture(scope="session")
def ghost_schema() -> Path:
    """The folder of @tryghost/admin-api-schema (Ghost's own validator), for node."""
    return _require("@tryghost/admin-api-schema", _node_package("@tryghost/admin-api-schema"))
