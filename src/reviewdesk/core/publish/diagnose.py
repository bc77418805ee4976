"""`reviewdesk site test`: what stands between ReviewDesk and publishing on a site, in plain
words: no REST API, Application Passwords off, an Authorization header the server strips, a
wrong password, a role that may not publish or create terms, the ReviewDesk plugin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reviewdesk
from reviewdesk.core.exports.wordpress import META_TYPES
from reviewdesk.core.publish.sites import Site
from reviewdesk.core.publish.wordpress import User, WordPress, WordPressError

PLUGIN_NAMESPACE = "reviewdesk/v1"
_WRONG_LOGIN = ("incorrect_password", "invalid_username", "invalid_email")
# WordPress names a wrong login only when it checks the password after knowing the request is
# for the API; when something asked for the current user earlier (a theme, a plugin; Debian's
# 6.1 as installed), a wrong password and a header the server drops both read "not logged in".
_NOT_LOGGED_IN = (
    "the site did not log {user} in: either the Application Password is wrong (make a new one "
    "under Users > Profile) or the web server drops the Authorization header before WordPress "
    "sees it (on Apache add 'SetEnvIf Authorization \"(.*)\" HTTP_AUTHORIZATION=$1' to the "
    "site's .htaccess)"
)


@dataclass(frozen=True)
class Finding:
    ok: bool
    text: str
    # Worth knowing, no obstacle: publishing works (an author needs the category to exist).
    note: bool = False

    def __str__(self) -> str:
        return f"{'note' if self.note else 'ok' if self.ok else 'problem'}: {self.text}"


def diagnose(site: Site, password: str) -> list[Finding]:
    """Each check in order; the first that fails ends the list when later ones need it."""
    with WordPress(site.url, site.user, password) as client:
        return _Checks(client, site).run()


class _Checks:
    def __init__(self, client: WordPress, site: Site) -> None:
        self.client = client
        self.site = site
        self.found: list[Finding] = []

    def say(self, ok: bool, text: str, *, note: bool = False) -> None:
        self.found.append(Finding(ok or note, text, note))

    def run(self) -> list[Finding]:
        try:
            index = self._api()
            if index is None:
                return self.found
            user = self._login(index)
            if user is not None:
                self._rights(user)
                self._plugin()
                self._timezone()
        except WordPressError as error:
            self.say(False, str(error))
        return self.found

    def _api(self) -> dict[str, Any] | None:
        try:
            root = self.client.api_root()
        except WordPressError as error:
            self.say(False, str(error))
            return None
        index = self.client.index()
        if "wp/v2" not in index.get("namespaces", []):
            self.say(False, f"the REST API at {root} has no wp/v2 routes (turned off by a plugin?)")
            return None
        self.say(True, f"WordPress REST API at {root}")
        if self.site.plain_http:
            self.say(False, "the site is plain http: the password crosses the network unencrypted")
        return index

    def _login(self, index: dict[str, Any]) -> User | None:
        passwords_on = "application-passwords" in (index.get("authentication") or {})
        if not passwords_on:
            self.say(
                False,
                "Application Passwords are off on this site (WordPress offers them over https, "
                "or over http with WP_ENVIRONMENT_TYPE 'local'; a plugin may turn them off)",
            )
        try:
            user = self.client.me()
        except WordPressError as error:
            if error.code in _WRONG_LOGIN:
                self.say(False, f"the site refused {self.site.user!r} with this password: {error}")
            elif error.status == 401 and passwords_on:
                self.say(False, _NOT_LOGGED_IN.format(user=repr(self.site.user)))
            elif passwords_on:
                self.say(False, str(error))
            return None
        roles = ", ".join(user.roles) or "no role"
        self.say(True, f"logged in as {user.name} ({roles})")
        return user

    def _rights(self, user: User) -> None:
        rights = (
            ("publish_posts", "publish posts", "only drafts, for an editor to publish", False),
            ("upload_files", "upload images", "images cannot be published", False),
            (
                "manage_categories",
                "create categories",
                "a category must exist before publishing",
                True,
            ),
        )
        for capability, what, otherwise, note in rights:
            if user.can(capability):
                self.say(True, f"may {what}")
            else:
                self.say(False, f"{self.site.user} may not {what}: {otherwise}", note=note)

    def _plugin(self) -> None:
        """Whether the ReviewDesk plugin is active (its REST namespace) and keeps every field
        this ReviewDesk sends (an older plugin keeps fewer)."""
        schema = self.client.json("OPTIONS", "/wp/v2/posts").get("schema", {})
        kept = schema.get("properties", {}).get("meta", {}).get("properties", {})
        missing = [key for key in META_TYPES if key not in kept]
        if PLUGIN_NAMESPACE not in self.client.index().get("namespaces", []):
            self.say(
                False,
                "the ReviewDesk plugin is not active: posts are published without ReviewDesk's "
                "fields, JSON-LD and stylesheet (install the zip 'reviewdesk site plugin' writes, "
                "under Plugins > Add New > Upload Plugin)",
                note=True,
            )
            return
        version = self.client.json("GET", f"/{PLUGIN_NAMESPACE}/plugin").get("version", "?")
        if missing:
            self.say(
                False,
                f"the ReviewDesk plugin {version} is active but does not keep "
                f"{', '.join(missing)}: install the plugin of this ReviewDesk "
                f"({reviewdesk.__version__})",
                note=True,
            )
        else:
            self.say(
                True,
                f"the ReviewDesk plugin {version} is active (fields kept, JSON-LD and "
                "stylesheet on reviews)",
            )

    def _timezone(self) -> None:
        zone = self.client.timezone()
        if zone is None:
            self.say(True, "time zone not readable by this role; dates are sent as site time")
        else:
            name, offset = zone
            self.say(True, f"time zone {name or f'UTC{offset:+g}'}")
