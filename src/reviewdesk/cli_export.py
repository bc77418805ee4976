"""`reviewdesk export PATH... --to FORMAT -o OUT [-j N]` with several reviews: each path a
bundle or a folder of bundles (core/bundle_tree.py), exported into the folder OUT by
core/batch_export.py.

A progress bar (tqdm) is drawn on standard error when it is a terminal, and nothing but the
final lines otherwise (a CI log gets no carriage returns or escape codes). At the end: each
warning, each failure (one line each), then `N exported, M failed`; exit 1 when any failed.
Ctrl-C cancels: the reviews under way are finished (each is written whole), no other is
started, and the summary says how many were left (exit 130); a second Ctrl-C stops at once.

One path that is a bundle (or that leads to none) is the one-bundle export, as it always was."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from reviewdesk.core import bundle

if TYPE_CHECKING:
    from reviewdesk.core.batch_export import BatchResult
    from reviewdesk.core.bundle_tree import Unfound

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def export_batch(options: argparse.Namespace) -> int | None:
    """Run the batch `options` asks for and return the exit code; None when its one path is
    a bundle, or no folder of them, for the one-bundle export to handle."""
    if options.jobs < 1:
        return _usage(f"-j {options.jobs}: give 1 or more processes")
    if len(options.paths) == 1 and _one_bundle_or_none(options.paths[0]):
        return None
    # Loaded here only: the export formats and the pool are for batches.
    from reviewdesk.core.bundle_tree import find_bundles  # noqa: PLC0415

    found = find_bundles(options.paths)
    if len(options.paths) == 1 and not found.bundles:
        return None  # the one-bundle export says why, as it always has
    out = _output_folder(options.output)
    if isinstance(out, str):
        return _usage(out)
    result = _run(found.bundles, out, options)
    return _summary(result, found.problems, out)


def _one_bundle_or_none(path: str) -> bool:
    return not os.path.isdir(path) or os.path.lexists(os.path.join(path, bundle.REVIEW_FILE))


def _usage(message: str) -> int:
    print(f"reviewdesk export: {message}", file=sys.stderr)
    return EXIT_USAGE


def _output_folder(output: str | None) -> Path | str:
    """The folder -o names, or why it cannot take several reviews."""
    if not output or output == "-":
        return "several reviews are exported into a folder: give -o FOLDER"
    out = Path(output)
    if out.exists() and not out.is_dir():
        return f"-o {output}: is a file; several reviews are exported into a folder"
    # A folder to be made under a file cannot be: said once, not once a review.
    above = next((folder for folder in out.parents if folder.exists()), None)
    if above is not None and not above.is_dir():
        return f"-o {output}: {above} is a file; several reviews are exported into a folder"
    return out


def _run(bundles: list[Path], out: Path, options: argparse.Namespace) -> BatchResult:
    from reviewdesk.core.batch_export import export_bundles  # noqa: PLC0415
    from reviewdesk.core.exports import ExportOptions  # noqa: PLC0415

    settings = ExportOptions(
        embed_images=options.embed,
        asset_base_url=options.asset_base_url,
        summary_label=options.summary_label,
        show_footer=options.footer,
        raw_html=options.raw_html,
    )
    with _interrupts() as interrupted, _progress(len(bundles)) as progress:
        return export_bundles(
            bundles,
            options.to,
            out,
            settings,
            jobs=options.jobs,
            progress=progress,
            cancelled=interrupted,
        )


def _summary(result: BatchResult, unfound: list[Unfound], out: Path) -> int:
    for exported in result.exported:
        for warning in exported.warnings:
            print(warning, file=sys.stderr)
        for page in exported.removed:
            print(f"Removed {page}, the earlier page of this review at the same address")
    for problem in unfound:
        print(problem, file=sys.stderr)
    for failure in result.failures:
        print(failure.line, file=sys.stderr)
    failed = len(unfound) + len(result.failures)
    counts = f"{len(result.exported)} exported, {failed} failed"
    if result.cancelled:
        print(f"Cancelled: {counts}, {result.left} not exported (into {out})")
        return EXIT_INTERRUPTED
    print(f"{counts} (into {out})")
    return EXIT_PROBLEMS if failed else EXIT_OK


@contextmanager
def _interrupts() -> Iterator[Callable[[], bool]]:
    """A `cancelled` that says yes once Ctrl-C was pressed; a second Ctrl-C interrupts."""
    pressed = False

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        nonlocal pressed
        if pressed:
            raise KeyboardInterrupt
        pressed = True
        print("\nCancelling: finishing the reviews under way...", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield lambda: pressed
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int, int, Path], None] | None]:
    """A progress bar on standard error when it is a terminal; else no progress at all."""
    if not sys.stderr.isatty():
        yield None
        return
    # Here only: a terminal's bar is all tqdm is for.
    from tqdm import tqdm  # noqa: PLC0415

    with tqdm(total=total, unit="review", file=sys.stderr, dynamic_ncols=True, leave=False) as bar:

        def advance(done: int, total: int, path: Path) -> None:
            bar.set_postfix_str(path.name, refresh=False)
            bar.update(done - bar.n)

        yield advance
