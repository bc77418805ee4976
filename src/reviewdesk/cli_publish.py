"""`reviewdesk site ...` and `reviewdesk publish ...`: the command line over core/publish.
Loaded only for these commands (it brings the keyring and the HTTP client). Each failure is
one line on standard error and exit 1."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from reviewdesk.core.problems import BundleError
from reviewdesk.core.publish import authorize, secrets, sites
from reviewdesk.core.publish.companion import write_plugin_zip
from reviewdesk.core.publish.diagnose import diagnose
from reviewdesk.core.publish.publish import ConflictError, PublishError, PublishResult, publish
from reviewdesk.core.publish.theme import ThemeParts

EXIT_OK, EXIT_PROBLEMS = 0, 1


class _FailedError(Exception):
    """A command that stops with one line for the writer."""


def site_command(options: argparse.Namespace) -> int:
    actions = {"add": _add, "list": _list, "remove": _remove, "test": _test, "plugin": _plugin}
    return _run(lambda: actions[options.action](options))


def publish_command(options: argparse.Namespace) -> int:
    return _run(lambda: _publish(options))


def _run(command: object) -> int:
    assert callable(command)
    try:
        return int(command())
    except (_FailedError, sites.SiteError, secrets.SecretError, PublishError) as error:
        if isinstance(error, ConflictError):
            for line in error.differences:
                print(f"  {line}", file=sys.stderr)
        print(f"reviewdesk: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BundleError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS


def _add(options: argparse.Namespace) -> int:
    try:
        theme = ThemeParts.named(_parts(options.theme_prints))
    except ValueError as error:
        raise _FailedError(f"--theme-prints: {error}") from None
    site = sites.make(
        options.name,
        "wordpress",
        options.wordpress,
        options.user,
        theme=theme,
        secret_env=options.secret_env or "",
    )
    if options.browser:
        _show_authorization_page(site)
    secret = _read_secret(site)
    previous = sites.load_all().get(site.name)
    kept = _keep(site, secret)
    secrets.forget_replaced(previous, site)
    sites.save(site)
    print(f"Added site {site.name}: {site.user} at {site.url}{kept}")
    if site.plain_http:
        print(f"{site.name}: warning: plain http sends the password unencrypted", file=sys.stderr)
    print(f"Check it with: reviewdesk site test {site.name}")
    return EXIT_OK


def _parts(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    return [] if names == ["none"] else names


def _show_authorization_page(site: sites.Site) -> None:
    """The site's own page that makes an Application Password named for this computer. It is
    shown to the writer rather than sent back: nothing here can catch a browser's redirect."""
    if site.secret_env:
        raise _FailedError("--browser and --secret-env: give one (the password goes to one place)")
    try:
        endpoint = authorize.find_endpoint(site.url)
    except authorize.AuthorizeError as error:
        raise _FailedError(str(error)) from None
    page = authorize.manual_url(endpoint, authorize.app_name())
    print(
        f"Open this page, log in as {site.user}, approve ReviewDesk, then paste the password "
        f"the site shows:\n{page}",
        file=sys.stderr,
    )


def _read_secret(site: sites.Site) -> str:
    if site.secret_env:
        secret = os.environ.get(site.secret_env, "").strip()
        if not secret:
            raise _FailedError(f"{site.secret_env} is not set; set it to the Application Password")
        return secret
    if sys.stdin is not None and sys.stdin.isatty():
        prompt = f"Application Password of {site.user} at {site.url}: "
        secret = getpass.getpass(prompt, stream=sys.stderr).strip()
    else:
        secret = (sys.stdin.readline() if sys.stdin is not None else "").strip()
    if not secret:
        raise _FailedError("no password given (type it, or pipe it to standard input)")
    return secret


def _keep(site: sites.Site, secret: str) -> str:
    """Store the secret in the keyring; with --secret-env and no keyring, say it is not kept."""
    try:
        secrets.store(site, secret)
    except secrets.SecretError as error:
        if not site.secret_env:
            raise
        print(f"{site.name}: {error}", file=sys.stderr)
        return f" (password read from {site.secret_env} when publishing)"
    return " (password in the system keyring)"


def _list(options: argparse.Namespace) -> int:
    found = sites.load_all()
    if not found:
        print("No sites yet; add one with: reviewdesk site add NAME --wordpress URL --user LOGIN")
    for site in found.values():
        parts = ", ".join(site.theme.names()) or "none"
        extra = f", password from ${site.secret_env}" if site.secret_env else ""
        print(f"{site.name}\t{site.kind}\t{site.url}\t{site.user}\ttheme prints: {parts}{extra}")
    return EXIT_OK


def _remove(options: argparse.Namespace) -> int:
    site = sites.get(options.name)
    secrets.forget(site)
    sites.remove(site.name)
    print(f"Removed site {site.name} and its stored password")
    return EXIT_OK


def _test(options: argparse.Namespace) -> int:
    site = sites.get(options.name)
    findings = diagnose(site, secrets.load(site))
    for finding in findings:
        print(finding)
    return EXIT_OK if all(finding.ok for finding in findings) else EXIT_PROBLEMS


def _plugin(options: argparse.Namespace) -> int:
    out = Path(options.output)
    written = write_plugin_zip(out / "reviewdesk.zip" if out.is_dir() else out)
    print(
        f"Wrote {written}: in WordPress, upload it under Plugins > Add New > Upload Plugin, "
        "then activate it"
    )
    return EXIT_OK


def _publish(options: argparse.Namespace) -> int:
    site = sites.get(options.site)

    def progress(step: str) -> None:
        print(f"{step}...", file=sys.stderr)

    result = publish(
        options.path,
        site,
        options.status,
        dry_run=options.dry_run,
        force=options.force,
        progress=progress,
    )
    _print_result(result, options.path)
    return EXIT_OK


def _print_result(result: PublishResult, path: str) -> None:
    for warning in result.warnings:
        print(f"{path}: warning: {warning}", file=sys.stderr)
    if result.dry_run:
        for file in result.uploaded:
            print(f"Would upload {file}")
        for file in result.retexted:
            print(f"Would update the alt text and caption of {file}")
        for term in result.created_terms:
            print(f"Would create {term}")
        target = f" post {result.post_id}" if result.post_id else " a post"
        print(f"{result.action.capitalize()}{target} on {result.site} ({result.status})")
        return
    for file in result.uploaded:
        print(f"Uploaded {file}")
    for file in result.retexted:
        print(f"Updated the alt text and caption of {file}")
    for term in result.created_terms:
        print(f"Created {term}")
    if result.action == "unchanged":
        print(f"Post {result.post_id} on {result.site} is up to date: {result.link}")
    else:
        what = result.action.capitalize()
        print(f"{what} post {result.post_id} on {result.site} ({result.status}): {result.link}")
    for difference in result.differences:
        print(f"{result.site}: read back: {difference}", file=sys.stderr)
