"""The user's publishing sites, by name, in `sites.yaml` of the user's settings folder: kind,
address, login, what the theme prints, and at most the *name* of an environment variable
holding the secret. Never a secret: that is in the system keyring (publish.secrets)."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from reviewdesk.core import user_files
from reviewdesk.core.publish import yaml_file
from reviewdesk.core.publish.theme import ThemeParts

SITES_FILE: Final = "sites.yaml"
KINDS: Final = ("wordpress", "ghost")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HEADER = (
    "ReviewDesk's publishing sites (reviewdesk site add/list/remove/test).\n"
    "Passwords are kept in the system keyring, never in this file."
)


class SiteError(ValueError):
    """A site that cannot be added or found; the text is one line for the writer."""


@dataclass(frozen=True)
class Site:
    name: str
    kind: str
    url: str  # the site's home address, without a trailing slash
    user: str
    theme: ThemeParts = field(default_factory=ThemeParts)
    secret_env: str = ""  # a variable whose value is the password, read when set

    @property
    def plain_http(self) -> bool:
        """Whether the password would cross the network unencrypted (http, not loopback)."""
        parts = urlsplit(self.url)
        return parts.scheme == "http" and not is_loopback(parts.hostname or "")


def sites_path() -> Path:
    return user_files.config_dir() / SITES_FILE


def load_all() -> dict[str, Site]:
    """Every site, by name; BundleError naming the file, line and field of a bad one."""
    path = sites_path()
    found = yaml_file.read(path, path.parent) if path.parent.is_dir() else None
    if found is None or found.document is None:
        return {}
    top = found.mapping(found.document.data, ())
    unknown = sorted(set(top) - {"sites"})
    if unknown:
        raise found.fail((unknown[0],), "is not a known key here (sites)")
    entries = found.mapping(top.get("sites"), ("sites",))
    return {name: _site(found, name, entry) for name, entry in entries.items()}


def get(name: str) -> Site:
    sites = load_all()
    if name not in sites:
        known = ", ".join(sorted(sites)) or "none yet; add one with 'reviewdesk site add'"
        raise SiteError(f"no site named {name!r} (sites: {known})")
    return sites[name]


def make(
    name: str,
    kind: str,
    url: str,
    user: str,
    *,
    theme: ThemeParts | None = None,
    secret_env: str = "",
) -> Site:
    """A site from what the writer typed, checked; SiteError saying what is wrong."""
    if not _NAME.fullmatch(name):
        raise SiteError(
            f"site name {name!r}: use letters, digits, '.', '_' or '-' (up to 64), "
            "starting with a letter or digit"
        )
    if kind not in KINDS:
        raise SiteError(f"site kind {kind!r}: ReviewDesk publishes to {', '.join(KINDS)}")
    if not user.strip():
        raise SiteError("the login (--user) must not be empty")
    if secret_env and not _ENV_NAME.fullmatch(secret_env):
        raise SiteError(f"--secret-env {secret_env!r} is not a variable name")
    return Site(name, kind, site_url(url), user.strip(), theme or ThemeParts(), secret_env)


def site_url(url: str) -> str:
    """The site's address as kept: http(s), a host, no query, no trailing slash."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SiteError(f"{url!r} is not a site address; give it as https://example.org")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise SiteError(f"{url!r}: give the site's address alone, without ?, # or a login")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def save(site: Site) -> None:
    """Add or replace `site` in the settings file."""
    sites = load_all()
    sites[site.name] = site
    _write(sites)


def remove(name: str) -> None:
    sites = load_all()
    if sites.pop(name, None) is None:
        raise SiteError(f"no site named {name!r}")
    _write(sites)


def _write(sites: dict[str, Site]) -> None:
    path = sites_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"sites": {name: _entry(sites[name]) for name in sorted(sites)}}
    yaml_file.write(path, _HEADER, data)


def _entry(site: Site) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": site.kind, "url": site.url, "user": site.user}
    entry["theme_prints"] = site.theme.names()
    if site.secret_env:
        entry["secret_env"] = site.secret_env
    return entry


_KEYS: Final = ("kind", "url", "user", "theme_prints", "secret_env")


def _site(found: yaml_file.Fields, name: str, entry: Any) -> Site:
    where: tuple[str, ...] = ("sites", name)
    values = found.mapping(entry, where)
    unknown = sorted(set(values) - set(_KEYS))
    if unknown:
        raise found.fail((*where, unknown[0]), f"is not a known key here ({', '.join(_KEYS)})")
    text = {
        key: found.typed(values.get(key, ""), str, (*where, key), "text")
        for key in ("kind", "url", "user", "secret_env")
    }
    parts = values.get("theme_prints", list(ThemeParts().names()))
    parts = found.typed(parts, list, (*where, "theme_prints"), "a list of parts")
    try:
        theme = ThemeParts.named([str(part) for part in parts])
        return make(
            name,
            text["kind"],
            text["url"],
            text["user"],
            theme=theme,
            secret_env=text["secret_env"],
        )
    except (SiteError, ValueError) as error:
        raise found.fail(where, str(error)) from None


def is_loopback(host: str) -> bool:
    """Whether `host` is this computer: what is sent there never crosses a network."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
