"""Run axe-core on HTML files in headless Chromium, through ``axe_run.js`` (puppeteer-core).

axe-core and puppeteer-core are installed into ``tools/node_modules`` by
``scripts/setup-tools``; Chromium is Debian's. Each file is audited at every width, in the
light and the dark colour scheme, against WCAG 2.0 and 2.1 A and AA.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

SCRIPT = Path(__file__).with_name("axe_run.js")
DESKTOP, PHONE = 1280, 390
WIDTHS: tuple[int, ...] = (DESKTOP, PHONE)
Scheme = Literal["light", "dark"]
SCHEMES: tuple[Scheme, ...] = ("light", "dark")


class AxeError(RuntimeError):
    """The script could not be run or its output could not be understood."""


@dataclass(frozen=True)
class AxeNode:
    """One element a rule failed on: its CSS selector path and axe's explanation."""

    target: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class AxeViolation:
    id: str
    impact: str
    help: str
    help_url: str
    nodes: tuple[AxeNode, ...]


@dataclass(frozen=True)
class AxeRun:
    """The result of one file at one width in one colour scheme."""

    file: Path
    width: int
    scheme: str
    violations: tuple[AxeViolation, ...]
    incomplete: tuple[str, ...]
    """Ids of rules axe could not decide (for example contrast over an image)."""


@dataclass(frozen=True)
class PageText:
    """What Chromium rendered: the body's innerText and the page's JSON-LD scripts."""

    file: Path
    text: str
    jsonld: tuple[str, ...]


@dataclass(frozen=True)
class AxeReport:
    runs: tuple[AxeRun, ...]
    pages: tuple[PageText, ...]

    @property
    def violations(self) -> list[tuple[AxeRun, AxeViolation]]:
        return [(run, violation) for run in self.runs for violation in run.violations]


def run_axe(
    files: Sequence[Path],
    *,
    chromium: Path,
    widths: Sequence[int] = WIDTHS,
    schemes: Sequence[Scheme] = SCHEMES,
    text: bool = False,
    timeout: float = 180.0,
) -> AxeReport:
    """Audit `files`; with `text`, also read each page's rendered text and JSON-LD."""
    if not files:
        raise ValueError("run_axe() needs at least one file")
    for file in files:
        if not file.is_file():
            raise FileNotFoundError(f"not a file, cannot check it: {file}")
    node = shutil.which("node")
    if node is None:
        raise AxeError("node is not on PATH: run scripts/setup-tools")
    command = [
        node,
        str(SCRIPT),
        f"--chromium={chromium}",
        f"--widths={','.join(str(width) for width in widths)}",
        f"--schemes={','.join(schemes)}",
        *(["--text"] if text else []),
        *(str(file.resolve()) for file in files),
    ]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise AxeError(f"axe_run.js took more than {timeout:g} s") from error
    if result.returncode != 0:
        raise AxeError(f"axe_run.js exited with status {result.returncode}:\n{result.stderr}")
    return parse_report(result.stdout)


def parse_report(output: str) -> AxeReport:
    """The script's JSON as typed objects."""
    try:
        data: Any = json.loads(output)
        return AxeReport(
            runs=tuple(_run(raw) for raw in data["runs"]),
            pages=tuple(
                PageText(Path(raw["file"]), str(raw["text"]), tuple(map(str, raw["jsonld"])))
                for raw in data["pages"]
            ),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise AxeError(f"unexpected output of axe_run.js ({error!r}):\n{output[:2000]}") from error


def _run(raw: dict[str, Any]) -> AxeRun:
    return AxeRun(
        file=Path(raw["file"]),
        width=int(raw["width"]),
        scheme=str(raw["scheme"]),
        violations=tuple(
            AxeViolation(
                id=str(v["id"]),
                impact=str(v["impact"]),
                help=str(v["help"]),
                help_url=str(v["helpUrl"]),
                nodes=tuple(
                    AxeNode(tuple(map(str, n["target"])), str(n["summary"])) for n in v["nodes"]
                ),
            )
            for v in raw["violations"]
        ),
        incomplete=tuple(map(str, raw["incomplete"])),
    )


def format_violations(report: AxeReport) -> str:
    """The violations one per line with their elements, for an assertion message."""
    found = report.violations
    if not found:
        return "axe: no violations"
    lines = [f"axe: {len(found)} violation(s):"]
    for run, violation in found:
        lines.append(
            f"  {run.file.name} @ {run.width}px {run.scheme}: {violation.id} "
            f"({violation.impact}): {violation.help}"
        )
        for node in violation.nodes:
            summary = node.summary.replace("\n", " ")
            lines.append(f"      {' > '.join(node.target)}: {summary}")
    return "\n".join(lines)
