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
from reviewdesk.core.publish.ghost import AdminKey, NotAnAdminKey
from reviewdesk.core.publish.ghost_diagnose import diagnose_ghost
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
    if options.ghost:
        if options.browser:
            raise _FailedError("--browser is for WordPress; a Ghost site needs its Admin API key")
        secret = _read_secret("the Admin API key of the site's integration", options)
        site = sites.make(
            options.name,
            "ghost",
            options.ghost,
            _admin_key(secret).id,
            theme=theme,
            secret_env=options.secret_env or "",
        )
    else:
        if not options.user:
            raise _FailedError("--wordpress needs --user: your login on the site")
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
        secret = _read_secret(f"the Application Password of {site.user} at {site.url}", options)
    previous = sites.load_all().get(site.name)
    kept = _keep(site, secret)
    secrets.forget_replaced(previous, site)
    sites.save(site)
    who = "an Admin API key" if site.kind == "ghost" else site.user
    print(f"Added site {site.name}: {who} at {site.url}{kept}")
    if site.plain_http:
        print(f"{site.name}: warning: plain http sends the secret unencrypted", file=sys.stderr)
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


def _read_secret(what: str, options: argparse.Namespace) -> str:
    """`what` (the password or key) from --secret-env's variable, else typed or piped in."""
    if options.secret_env:
        secret = os.environ.get(options.secret_env, "").strip()
        if not secret:
            raise _FailedError(f"{options.secret_env} is not set; set it to {what}")
        return secret
    if sys.stdin is not None and sys.stdin.isatty():
        secret = getpass.getpass(f"{what[0].upper()}{what[1:]}: ", stream=sys.stderr).strip()
    else:
        secret = (sys.stdin.readline() if sys.stdin is not None else "").strip()
    if not secret:
        raise _FailedError(f"no secret given: type {what}, or pipe it to standard input")
    return secret


def _admin_key(secret: str) -> AdminKey:
    try:
        return AdminKey.parse(secret)
    except NotAnAdminKey as error:
        raise _FailedError(str(error)) from None


def _keep(site: sites.Site, secret: str) -> str:
    """Store the secret in the keyring; with --secret-env and no keyring, say it is not kept."""
    try:
        secrets.store(site, secret)
    except secrets.SecretError as error:
        if not site.secret_env:
            raise
        print(f"{site.name}: {error}", file=sys.stderr)
        return f" ({secrets.secret_name(site)} read from {site.secret_env} when publishing)"
    return f" ({secrets.secret_name(site)} in the system keyring)"


def _list(options: argparse.Namespace) -> int:
    found = sites.load_all()
    if not found:
        print(
            "No sites yet; add one with: reviewdesk site add NAME --wordpress URL --user LOGIN"
            " (or --ghost URL)"
        )
    for site in found.values():
        parts = ", ".join(site.theme.names()) or "none"
        secret = secrets.secret_name(site)
        extra = f", {secret} from ${site.secret_env}" if site.secret_env else ""
        print(f"{site.name}\t{site.kind}\t{site.url}\t{site.user}\ttheme prints: {parts}{extra}")
    return EXIT_OK


def _remove(options: argparse.Namespace) -> int:
    site = sites.get(options.name)
    secrets.forget(site)
    sites.remove(site.name)
    print(f"Removed site {site.name} and its stored {secrets.secret_name(site)}")
    return EXIT_OK


def _test(options: argparse.Namespace) -> int:
    site = sites.get(options.name)
    check = diagnose_ghost if site.kind == "ghost" else diagnose
    findings = check(site, secrets.load(site))
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
        email_segment=options.email_segment,
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
    if result.emailed:
        print(f"Sent by email to the members in {result.emailed!r}")
    for difference in result.differences:
        print(f"{result.site}: read back: {difference}", file=sys.stderr)
