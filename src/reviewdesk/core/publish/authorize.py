"""Connecting to a WordPress site through its own Application Password authorization page
(`wp-admin/authorize-application.php`, WordPress 5.6+), instead of pasting a password.

The writer logs in and approves on the site's page; WordPress then sends the browser to our
`success_url` with `site_url`, `user_login` and `password` added to its query. That address is
https on a reserved domain that never resolves (`.invalid`, RFC 2606): the app's view catches
the navigation and never loads it, so the password goes nowhere but to the caller. WordPress
refuses an http `success_url` unless the site is a 'local' environment, and refuses
`javascript:` and `data:`; https is accepted everywhere.

No Qt; only `find_endpoint` talks to the site. The app's dialog and the command line share it."""

from __future__ import annotations

import platform
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from reviewdesk.core.publish.sites import is_loopback
from reviewdesk.core.publish.wordpress import WordPress, WordPressError

APP_NAME: Final = "ReviewDesk"
# Groups ReviewDesk's passwords on the writer's profile page (WordPress wants a UUID).
APP_ID: Final = "3a7fe963-e00e-4ab0-9b61-c0aed0b25595"
CALLBACK_HOST: Final = "reviewdesk.invalid"
SUCCESS_PATH: Final = "/authorized"
REJECT_PATH: Final = "/rejected"
# Generated Application Passwords are letters and digits, shown in groups of four.
_PASSWORD: Final = re.compile(r"[A-Za-z0-9]+")
_DISCOVERY_TIMEOUT: Final = 10.0
_DEFAULT_PORTS: Final = {"http": 80, "https": 443}


class AuthorizeError(ValueError):
    """The site cannot be connected this way, or its answer is not one to trust; one line."""


@dataclass(frozen=True)
class Credentials:
    site_url: str  # the WordPress address the site reported (its `site_url()`)
    user: str
    password: str = field(repr=False)  # never in a log or a traceback


def find_endpoint(site_url: str) -> str:
    """The site's authorization page, as its REST API index announces it; AuthorizeError when
    the site cannot be reached or does not offer Application Passwords. Talks to the site."""
    try:
        with WordPress(site_url, "", "", timeout=_DISCOVERY_TIMEOUT) as client:
            index = client.index()
    except WordPressError as error:
        raise AuthorizeError(str(error)) from None
    return endpoint_from_index(site_url, index)


def endpoint_from_index(site_url: str, index: Mapping[str, Any]) -> str:
    """The authorization page named in a REST API index, checked: on the site's own host, and
    https or loopback (the writer types their WordPress password into it)."""
    endpoint = _dig(index, "authentication", "application-passwords", "endpoints", "authorization")
    if not isinstance(endpoint, str) or not endpoint:
        raise AuthorizeError(
            f"{site_url} does not offer Application Passwords (WordPress offers them over "
            "https; a plugin or the host may turn them off)"
        )
    parts = urlsplit(endpoint)
    if (parts.hostname or "").lower() != (urlsplit(site_url).hostname or "").lower():
        raise AuthorizeError(f"{site_url} names its authorization page on another host: {endpoint}")
    if not _secure(endpoint):
        raise AuthorizeError(
            f"{site_url} offers its authorization page over plain http, which would send your "
            "WordPress password unencrypted; connect over https or paste an Application Password"
        )
    return endpoint


def app_name(host: str | None = None, now: datetime | None = None) -> str:
    """The name the new password gets on the writer's profile page: WordPress refuses a name
    the user already has, so it says which computer and when."""
    computer = (host if host is not None else platform.node()) or "this computer"
    return f"{APP_NAME} on {computer}, {(now or datetime.now()):%Y-%m-%d %H:%M}"


def manual_url(endpoint: str, name: str) -> str:
    """The authorization page without a success URL: WordPress shows the new password for the
    writer to copy (the command line's way, where nothing can catch a redirect)."""
    return _with_query(endpoint, {"app_name": name, "app_id": APP_ID})


@dataclass(frozen=True)
class Authorization:
    """One request to connect: the page to open, and what its answer must be."""

    site_url: str  # the address the writer gave
    endpoint: str  # the site's authorize-application.php (find_endpoint)
    name: str  # the new password's name (app_name)
    state: str = field(default_factory=lambda: secrets.token_urlsafe(16), repr=False)

    @property
    def url(self) -> str:
        """The authorization page, with our success and reject addresses."""
        return _with_query(
            self.endpoint,
            {
                "app_name": self.name,
                "app_id": APP_ID,
                "success_url": self._callback(SUCCESS_PATH),
                "reject_url": self._callback(REJECT_PATH),
            },
        )

    def _callback(self, path: str) -> str:
        return urlunsplit(("https", CALLBACK_HOST, path, urlencode({"state": self.state}), ""))

    @staticmethod
    def is_callback(url: str) -> bool:
        """Whether `url` is one of our callback addresses, of this request or another: never to
        be loaded (its query may hold a password)."""
        return (urlsplit(url).hostname or "").lower() == CALLBACK_HOST

    def result(self, url: str) -> Credentials | None:
        """The credentials in WordPress's answer `url`, None when the writer declined;
        AuthorizeError when the answer is not one to trust or lacks a field."""
        parts = urlsplit(url)
        if parts.scheme != "https" or not self.is_callback(url):
            raise AuthorizeError(f"{self.site_url} answered at an unexpected address")
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        if query.get("state") != self.state:
            raise AuthorizeError("the answer is not one to this request; connect again")
        if query.get("error") == "disabled":
            raise AuthorizeError(
                f"Application Passwords are not available to this account on {self.site_url}; "
                "ask the site's administrator"
            )
        if parts.path == REJECT_PATH or query.get("success") == "false":
            return None
        if parts.path != SUCCESS_PATH:
            raise AuthorizeError(f"{self.site_url} answered at an unexpected address")
        return self._credentials(query)

    def _credentials(self, query: Mapping[str, str]) -> Credentials:
        missing = [key for key in ("site_url", "user_login", "password") if not query.get(key)]
        if missing:
            raise AuthorizeError(
                f"{self.site_url} sent no {' and no '.join(missing)}; nothing was stored"
            )
        reported = query["site_url"]
        if not _secure(reported):
            raise AuthorizeError(
                f"{reported} answered over plain http: the password would cross the network "
                "unencrypted; nothing was stored"
            )
        if _origin(reported) != _origin(self.endpoint):
            raise AuthorizeError(
                f"the answer names another site ({reported}), not {self.site_url}; "
                "nothing was stored"
            )
        password = query["password"].replace(" ", "")  # shown in groups; WordPress strips them
        if not _PASSWORD.fullmatch(password):
            raise AuthorizeError(
                f"{self.site_url} sent something that is not an Application Password"
            )
        return Credentials(reported.rstrip("/"), query["user_login"], password)


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def _with_query(url: str, added: Mapping[str, str]) -> str:
    parts = urlsplit(url)
    query = "&".join(filter(None, (parts.query, urlencode(added))))
    return urlunsplit(parts._replace(query=query, fragment=""))


def _origin(url: str) -> tuple[str, int | None]:
    """Host and port, the default port spelled out: https://a.org and https://a.org:443 match."""
    parts = urlsplit(url)
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:  # a port that is not a number
        port = None
    return (parts.hostname or "").lower(), port


def _secure(url: str) -> bool:
    """https, or plain http that never leaves this computer."""
    parts = urlsplit(url)
    return parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname or ""))
