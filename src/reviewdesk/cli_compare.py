"""`reviewdesk compare BUNDLE BUNDLE... --to html|fragment|hugo|jekyll [-o OUT]`: 2 to 6
reviews side by side (core/compare.py), written as `reviewdesk export` writes a review:

- html, fragment: the file -o names (`-` for standard output; a folder with a trailing `/`
  for SLUG.html in it; default SLUG.html here), the heroes in `NAME_files/` beside it unless
  --embed puts them inside;
- hugo: into the content section -o names (default here), as `SLUG/index.html`;
- jekyll: into the site -o names (default here), as `compare/SLUG.html`.

SLUG is the title's (by default "A vs B vs C"). Each warning is one line on standard error;
a wrong number of reviews is a usage error (exit 2), a bundle that cannot be read its problems
(exit 1)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
FORMATS = ("html", "fragment", "hugo", "jekyll")  # core/compare.py's, without loading it
HELP = "put 2 to 6 reviews side by side on one page"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="BUNDLE", help="2 to 6 bundle folders, in the columns' order"
    )
    parser.add_argument("--to", choices=FORMATS, default="html", help="format (default html)")
    parser.add_argument(
        "-o",
        "--output",
        help="html, fragment: the file to write ('-' for standard output; a folder with a "
        "trailing '/': SLUG.html in it; default SLUG.html); hugo: the content section to write "
        "into, jekyll: the site's folder (default: here)",
    )
    parser.add_argument("--title", help="the page's title (default: 'A vs B vs C')")
    parser.add_argument("--embed", action="store_true", help="html, fragment: embed the images")
    parser.add_argument(
        "--asset-base-url",
        help="absolute URL under which the page's files are published: the fragment's images "
        "link there, and the JSON-LD names them there",
    )


def run(options: argparse.Namespace) -> int:
    # Loaded here only: the renderer is for this command, not for the app's start.
    from reviewdesk.core import bundle, exports  # noqa: PLC0415
    from reviewdesk.core.compare import page_slug, render_comparison  # noqa: PLC0415
    from reviewdesk.core.comparison import CompareError, check_count  # noqa: PLC0415

    try:
        check_count(len(options.paths))
    except CompareError as error:
        return _usage(str(error))
    reviews = []
    for path in options.paths:
        folder = bundle.folder_of(path)
        source = bundle.read(folder)
        for note in source.notes:  # an interrupted save, or a journal ignored
            print(note, file=sys.stderr)
        reviews.append((source.review, folder))
    site = options.to in ("hugo", "jekyll")
    to_stdout = options.output == "-"
    into = not options.output or options.output.endswith(("/", os.sep))
    # The html page's name names the folder of images beside it; a site's page is the slug's.
    stem = ""
    if not site:
        stem = page_slug(reviews, options.title) if into or to_stdout else Path(options.output).stem
    settings = exports.ExportOptions(
        embed_images=options.embed, asset_base_url=options.asset_base_url
    )
    result = render_comparison(
        reviews, to=options.to, options=settings, title=options.title, stem=stem
    )
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if to_stdout:
        if result.assets:
            print(
                "warning: images are not written to standard output; add --embed", file=sys.stderr
            )
        sys.stdout.write(result.text)
        return EXIT_OK
    if site:
        root = Path(options.output or ".")
        out = root / result.location
    else:
        out = Path(options.output or ".") / f"{stem}.html" if into else Path(options.output)
        if out.is_dir():
            print(f"{out}: is a folder; to write into it, give '{out}/'", file=sys.stderr)
            return EXIT_PROBLEMS
        root = out.parent
    written = exports.write(result, out, root=root)
    images = len(written) - 1
    print(f"Wrote {out}" + (f" and {images} image(s)" if images else ""))
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"reviewdesk compare: {message}", file=sys.stderr)
    return EXIT_USAGE


COMMAND = (run, HELP, add_arguments)
"""The command as cli.py's table lists one: its handler, help and arguments."""
