"""Tests that need a program from outside Python: skipped where it is missing, with the command
that installs it, except under CI=true, where everything is installed and a skip would hide a
broken install."""

from __future__ import annotations

import os
from typing import NoReturn, TypeVar

import pytest

SETUP_TOOLS = "bash scripts/setup-tools"

Found = TypeVar("Found")


def skip_or_fail(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def require(what: str, found: Found | None, install: str = SETUP_TOOLS) -> Found:
    """`found`, or a skip (a failure under CI=true) saying that `what` needs `install`."""
    if found is None:
        skip_or_fail(f"needs {what}: {install}")
    return found
