"""Run the Nu HTML Checker (vnu.jar, npm package ``vnu-jar``) from tests.

The jar is installed into ``tools/node_modules`` by ``scripts/setup-tools``
and run with the ``java`` found on ``PATH``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

REPO_ROOT = Path(__file__).resolve().parents[2]
VNU_JAR_PATH = Path("tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")


class VnuError(RuntimeError):
    """vnu could not be run or its output could not be understood."""


@dataclass(frozen=True)
class VnuMessage:
    """One message from vnu's JSON output."""

    type: str
    message: str
    extract: str
    line: int | None
    url: str


VnuChecker = Callable[[list[Path]], list[VnuMessage]]


def vnu_jar() -> Path | None:
    """Return the installed vnu.jar, or None if scripts/setup-tools has not run."""
    jar = REPO_ROOT / VNU_JAR_PATH
    return jar if jar.is_file() else None


def check_html(
    paths: list[Path],
    *,
    jar: Path | None = None,
    java: str | None = None,
    timeout: float = 600.0,
) -> list[VnuMessage]:
    """Check HTML files with vnu and return its errors (warnings and info dropped)."""
    if not paths:
        raise ValueError("check_html() needs at least one file to check")
    for path in paths:
        # vnu reports nothing at all for a missing file, which would pass.
        if not path.is_file():
            raise FileNotFoundError(f"not a file, cannot check it: {path}")
    jar = jar if jar is not None else vnu_jar()
    if jar is None:
        raise VnuError("vnu.jar is not installed: run scripts/setup-tools")
    java = java if java is not None else shutil.which("java")
    if java is None:
        raise VnuError("java is not on PATH: run scripts/setup-tools")

    command = [
        java,
        "-jar",
        str(jar),
        "--format",
        "json",
        "--stdout",
        "--exit-zero-always",
        *(str(path.resolve()) for path in paths),
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise VnuError(
            f"vnu exited with status {result.returncode}:\n"
            f"{result.stderr.strip() or result.stdout.strip()}"
        )
    return parse_vnu_json(result.stdout)


def parse_vnu_json(text: str) -> list[VnuMessage]:
    """Parse vnu's ``--format json`` output and keep only the errors."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise VnuError(f"vnu did not print JSON ({exc}):\n{text[:2000]}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise VnuError(f"unexpected vnu JSON output:\n{text[:2000]}")

    errors: list[VnuMessage] = []
    for raw in data["messages"]:
        if not isinstance(raw, dict):
            raise VnuError(f"unexpected vnu message: {raw!r}")
        kind = str(raw.get("type", ""))
        # "info" covers both plain info and warnings (subType "warning").
        # Everything else ("error", "non-document-error" when a document
        # could not be checked, or an unknown type) is kept, so no problem
        # can slip through as a pass.
        if kind == "info":
            continue
        line = raw.get("firstLine", raw.get("lastLine"))
        errors.append(
            VnuMessage(
                type=kind,
                message=str(raw.get("message", "")),
                extract=str(raw.get("extract", "")),
                line=line if isinstance(line, int) else None,
                url=str(raw.get("url", "")),
            )
        )
    return errors


def _location(message: VnuMessage) -> str:
    where = message.url
    if where.startswith("file:"):
        where = unquote(where.removeprefix("file:"))
    where = where or "<unknown>"
    return f"{where}:{message.line}" if message.line is not None else where


def format_messages(messages: Sequence[VnuMessage]) -> str:
    """Render messages one per line, for use as an assertion message."""
    if not messages:
        return "Nu HTML Checker: no errors"
    lines = [f"Nu HTML Checker: {len(messages)} error(s):"]
    for message in messages:
        lines.append(f"  {_location(message)}: {message.type}: {message.message}")
        if message.extract:
            extract = message.extract.replace("\n", "\\n")
            lines.append(f"      {extract}")
    return "\n".join(lines)
