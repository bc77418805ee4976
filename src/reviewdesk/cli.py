"""The command line over `reviewdesk.core` (works headless, in CI pipelines of static sites).

Exit codes: 0 clean, 1 problems found or a command failed, 2 usage errors.

The window's way in is here, and only what it needs is imported: the commands, and what
they load (the exports, the library, publishing), are in cli_commands.py, imported for a
command alone (bench/first_paint_imports.py lists what the window loads)."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Sequence

from reviewdesk.core import bundle_files
from reviewdesk.core.problems import BundleError, Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
COMMANDS = (
    "new", "validate", "check", "export", "import", "list", "compare", "site", "publish", "schema"
)  # fmt: skip
"""The commands of cli_commands.py, named here: a word that is none opens the window."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["--smoke-test"]:
            return open_app(args[1:], smoke_test=True)
        if not args or (args[0] not in COMMANDS and not args[0].startswith("-")):
            return open_app(args)
        # A command: its modules load now (exports, the library, publishing...).
        from reviewdesk.cli_commands import run_command  # noqa: PLC0415

        return run_command(args)
    except BundleError as error:
        report(error.problems)
        return EXIT_PROBLEMS
    except OSError as error:  # a file that could not be written (a full disk, a read-only folder)
        print(os_error_line(error), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130


def open_app(args: list[str], *, smoke_test: bool = False) -> int:
    """The desktop app on the bundle given, or on the review opened last (at the first start,
    the user's copy of the sample)."""
    if len(args) > 1:
        print("usage: reviewdesk [--smoke-test] [BUNDLE]", file=sys.stderr)
        return EXIT_USAGE
    if args and not os.path.exists(args[0]):
        print(f"reviewdesk: {_neither(args[0])}", file=sys.stderr)
        return EXIT_USAGE
    folder = bundle_files.folder_of(args[0]) if args else None
    # A smoke test starts as the app does (it times the start): a bad bundle is its problems
    # and exit 1, said by the app as it loads the review, not a dialog to click.
    from reviewdesk.ui import app  # noqa: PLC0415 (Qt loads only when the window is wanted)

    return app.run(folder, smoke_test=smoke_test)


def _neither(word: str) -> str:
    """Why `word` opens nothing: a mistyped command, or no such review folder."""
    close = difflib.get_close_matches(word, COMMANDS, n=1)
    if close:
        return f"unknown command '{word}' (did you mean {close[0]}?)"
    return f"'{word}' is neither a command nor a review folder (see reviewdesk --help)"


def report(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def os_error_line(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else f"error: {reason}"


if __name__ == "__main__":
    sys.exit(main())
