"""The commands of the command line (cli.py names them and sends a command here)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import reviewdesk
from reviewdesk import cli_compare, cli_library
from reviewdesk.cli import EXIT_OK, EXIT_PROBLEMS, open_app, report
from reviewdesk.core import bundle, checks, exports, importer
from reviewdesk.core.model import Review
from reviewdesk.core.problems import Problem, has_errors
from reviewdesk.core.slug import title_from_name


def run_command(args: list[str]) -> int:
    """Run the command `args` name (their first word is one, or an option)."""
    options = _parser().parse_args(args)
    if options.version:
        print(f"ReviewDesk {reviewdesk.__version__}")
        return EXIT_OK
    if options.command is None:
        return open_app([])
    return int(options.run(options))


def _problems_exit(problems: Sequence[Problem]) -> int:
    report(problems)
    return EXIT_PROBLEMS if has_errors(problems) else EXIT_OK


def _new(options: argparse.Namespace) -> int:
    path = Path(options.path)
    review = bundle.create(path, options.title or title_from_name(path.name))
    print(f"Created {path} ({review.title})")
    return EXIT_OK


def _validate(options: argparse.Namespace) -> int:
    return _problems_exit([p for path in options.paths for p in checks.validate(path)])


def _check(options: argparse.Namespace) -> int:
    if not options.spelling:
        return _problems_exit([p for path in options.paths for p in checks.check(path)])
    # Here only: spell checking loads Enchant and a dictionary.
    from reviewdesk.core import spelling_checks  # noqa: PLC0415

    problems: list[Problem] = []
    misspelled = False
    for path in options.paths:
        spelling = spelling_checks.check(path)
        problems += [*checks.check(path), *spelling]
        misspelled = misspelled or bool(spelling)
    report(problems)
    return EXIT_PROBLEMS if misspelled or has_errors(problems) else EXIT_OK


def _export(options: argparse.Namespace) -> int:
    # Several reviews, or a folder of them: a batch (cli_export.py); one bundle, as ever.
    from reviewdesk.cli_export import export_batch  # noqa: PLC0415

    batch = export_batch(options)
    if batch is not None:
        return batch
    folder = bundle.folder_of(options.paths[0])
    source = bundle.read(folder)
    review = source.review
    for note in source.notes:  # an interrupted save, or a journal ignored: say which files
        print(note, file=sys.stderr)
    settings = exports.ExportOptions(
        embed_images=options.embed,
        asset_base_url=options.asset_base_url,
        summary_label=options.summary_label,
        show_footer=options.footer,
        raw_html=options.raw_html,
    )
    to_stdout = options.output == "-"
    out = Path(options.output) if options.output and not to_stdout else None
    into_folder = exports.FORMATS[options.to].into_folder
    # `-o out/`: a folder to write SLUG.EXT into, as for the sites' formats.
    into = out is not None and options.output.endswith(("/", os.sep))
    stem = out.stem if out and not into_folder and not into else ""
    result = exports.export(review, folder, options.to, settings, stem=stem)
    for warning in result.warnings:
        print(f"{folder}: warning: {warning}", file=sys.stderr)
    if into_folder and not to_stdout:  # into a site: -o names its folder
        root = out or Path()
        out = root / result.location
    elif out is None and (to_stdout or not result.assets):
        sys.stdout.write(result.text)
        return EXIT_OK
    else:
        name = review.effective_slug + result.suffix
        out = (out / name if into else out) if out else Path(name)
        if out.is_dir():
            print(f"{out}: is a folder; to export into it, give '{out}/'", file=sys.stderr)
            return EXIT_PROBLEMS
        root = out.parent
    written = exports.write(result, out, root=root)
    print(f"Wrote {out}" + (f" and {len(written) - 1} image(s)" if len(written) > 1 else ""))
    # Here only: it brings the renderer, which the app's start does not need.
    from reviewdesk.core.exports.superseded import retire  # noqa: PLC0415

    removed, warnings = retire(result, root)
    for page in removed:
        print(f"Removed {page}, the earlier page of this review at the same address")
    for warning in warnings:
        print(f"{folder}: warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _import(options: argparse.Namespace) -> int:
    review, warnings = importer.import_markdown(Path(options.file), Path(options.output))
    for warning in warnings:
        print(f"{options.file}: warning: {warning}", file=sys.stderr)
    print(f"Created {options.output} ({review.title})")
    return EXIT_OK


def _schema(options: argparse.Namespace) -> int:
    if options.of == "json-export":
        # Loaded here only: it brings the renderer, which opening the app does not need yet.
        from reviewdesk.core.exports.json_payload import payload_schema  # noqa: PLC0415

        schema = payload_schema()
    else:
        schema = review_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _site(options: argparse.Namespace) -> int:
    # Here only: keyring and httpx load when a site is used, not when the app starts.
    from reviewdesk.cli_publish import site_command  # noqa: PLC0415

    return site_command(options)


def _publish(options: argparse.Namespace) -> int:
    from reviewdesk.cli_publish import publish_command  # noqa: PLC0415

    return publish_command(options)


def review_schema() -> dict[str, object]:
    schema = Review.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "review.yaml (reviewdesk/1)"
    return schema


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewdesk",
        description="Write structured reviews offline and publish them anywhere.",
        epilog="With no command, 'reviewdesk' opens the window on the review you had last (at "
        "the first start, your copy of the sample review); 'reviewdesk FOLDER' opens it on the "
        "review in FOLDER.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (run, help_text, add_arguments) in _COMMANDS.items():
        command = commands.add_parser(name, help=help_text, description=help_text)
        add_arguments(command)
        command.set_defaults(run=run)
    return parser


def _new_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="folder of the new bundle")
    parser.add_argument("--title", help="the review's title (default: from the folder name)")


def _paths_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="bundle folders")


def _check_args(parser: argparse.ArgumentParser) -> None:
    _paths_args(parser)
    parser.add_argument(
        "--spelling",
        action="store_true",
        help="also check the spelling of the body and the text fields, in the review's "
        "language: each misspelling a warning, FILE:LINE: warning: FIELD: spelling: 'word' "
        "(suggestion?), and exit 1 when there is any (or when the language's dictionary is "
        "missing). The review's subject name, brand and tags, your word list and the site's "
        "(.reviewdesk/words.txt in the reviews folder) are never flagged",
    )


def _export_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="bundle folder; several, or folders of bundles (nested), are exported each into "
        "the folder -o names (OUT/SLUG.EXT), a progress bar on a terminal and each failure "
        "named at the end",
    )
    parser.add_argument("--to", required=True, choices=sorted(exports.FORMATS), help="format")
    parser.add_argument(
        "-o",
        "--output",
        help="output file ('-' for standard output; a folder with a trailing '/': SLUG.EXT in "
        "it; default: SLUG.EXT, or standard output for formats without images); for hugo and "
        "jekyll, the folder (content section or site) to write into (default: here); with "
        "several reviews, the folder to write them into",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="several reviews: export them in N processes (default 1)",
    )
    parser.add_argument("--embed", action="store_true", help="html: embed images as data: URIs")
    parser.add_argument(
        "--asset-base-url", help="absolute URL under which the bundle's files are published"
    )
    parser.add_argument("--summary-label", default="Summary", help="label of the summary box")
    parser.add_argument(
        "--footer", action="store_true", help="add 'Was this review helpful?' and share links"
    )
    parser.add_argument(
        "--raw-html",
        action="store_true",
        help="html, fragment, json, ghost, wordpress, hugo and jekyll: keep the body's HTML as "
        "written, unsanitized (scripts, iframes, styles), only for bodies you wrote yourself; "
        "hugo and jekyll then write the body's Markdown for the site to render. The default "
        "sanitizes: it removes scripts, event handlers, javascript: links, frames, objects "
        "and styles, but keeps remote images (http(s) <img> sources), which load when the "
        "page is viewed",
    )


def _import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a Markdown file with YAML, TOML or JSON front matter")
    parser.add_argument("-o", "--output", required=True, metavar="BUNDLE", help="new bundle folder")


def _schema_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--of",
        choices=("review", "json-export"),
        default="review",
        help="review.yaml (default) or the payload of 'export --to json'",
    )


def _site_args(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a site, or replace the one of that name")
    add.add_argument("name", help="a short name for the site, used with --site")
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--wordpress", metavar="URL", help="a WordPress site's address")
    kind.add_argument("--ghost", metavar="URL", help="a Ghost site's address")
    add.add_argument(
        "--user", metavar="LOGIN", help="your login on the site (WordPress; Ghost needs none)"
    )
    add.add_argument(
        "--secret-env",
        metavar="VAR",
        help="read the secret (WordPress: an Application Password; Ghost: the Admin API key) "
        "from the environment variable VAR (also when publishing, where no keyring exists); "
        "default: from standard input",
    )
    add.add_argument(
        "--browser",
        action="store_true",
        help="make the password on the site's own authorization page (https sites): its "
        "address is printed; log in there, approve ReviewDesk and paste what the site shows",
    )
    add.add_argument(
        "--theme-prints",
        metavar="PARTS",
        default="title,excerpt,featured_image,tags,byline",
        help="what the site's theme prints around a post, left out of the article: a comma "
        "list of title, excerpt, featured_image, tags, byline, or 'none' (default: all)",
    )
    actions.add_parser("list", help="the sites added")
    remove = actions.add_parser("remove", help="forget a site and its password")
    remove.add_argument("name")
    test = actions.add_parser("test", help="check that publishing to a site can work")
    test.add_argument("name")
    plugin = actions.add_parser(
        "plugin", help="write the ReviewDesk plugin for WordPress, a zip to install on a site"
    )
    plugin.add_argument(
        "output",
        nargs="?",
        default="reviewdesk.zip",
        metavar="OUT",
        help="the zip to write, or a folder to write reviewdesk.zip into (default: "
        "reviewdesk.zip here)",
    )


def _publish_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="bundle folder")
    parser.add_argument("--site", required=True, metavar="NAME", help="a site from 'site add'")
    parser.add_argument(
        "--status",
        choices=("draft", "publish", "future"),
        help="the post's status (Ghost: draft, published, scheduled; default: publish for a "
        "published review, at its date; otherwise draft, except that a live post stays live)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would be done; write nothing"
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite a post that was edited on the site"
    )
    parser.add_argument(
        "--email-segment",
        metavar="SEGMENT",
        help="Ghost: also send the post by email to these members (all, status:free, "
        "status:-free...), by the site's newsletter; never sent without it",
    )


_Handler = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, tuple[_Handler, str, Callable[[argparse.ArgumentParser], None]]] = {
    "new": (_new, "create a bundle", _new_args),
    "validate": (_validate, "exit 1 and print one line per problem when invalid", _paths_args),
    "check": (
        _check,
        "publishing checks (SEO lengths, alt text, pros and cons), and spelling",
        _check_args,
    ),
    "export": (_export, "export a review, or many", _export_args),
    "import": (_import, "turn a front-matter Markdown file into a bundle", _import_args),
    "list": (cli_library.list_command, "the reviews in folders", cli_library.list_arguments),
    "compare": cli_compare.COMMAND,
    "site": (
        _site,
        "add, list, remove or test the sites to publish to, or write the WordPress plugin",
        _site_args,
    ),
    "publish": (_publish, "publish a review to a site", _publish_args),
    "schema": (_schema, "print the JSON Schema of review.yaml", _schema_args),
}
