"""Fixtures for end-to-end tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

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
        if os.environ.get("CI") == "true":
            pytest.fail(f"{NOT_INSTALLED} (missing: {missing})", pytrace=False)
        pytest.skip(NOT_INSTALLED)

    def checker(paths: list[Path]) -> list[VnuMessage]:
        return check_html(paths, jar=jar, java=java)

    return checker
