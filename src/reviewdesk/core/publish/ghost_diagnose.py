"""`reviewdesk site test` for a Ghost site: is it Ghost (and which version), is the key an
Admin API key (a Content API key, shown beside it in Ghost, is the common mistake) that the
site accepts, and what publishing will use there (time zone, staff users, newsletter)."""

from __future__ import annotations

from reviewdesk.core.publish.diagnose import Finding
from reviewdesk.core.publish.ghost import (
    AdminKey,
    Ghost,
    GhostError,
    NotAnAdminKey,
    is_content_key,
)
from reviewdesk.core.publish.sites import Site

# Any well-formed key: the site's version is public, and the key is checked after.
_NO_KEY = AdminKey("0" * 24, "0" * 64)


def diagnose_ghost(site: Site, secret: str) -> list[Finding]:
    """Each check in order; the first that fails ends the list when later ones need it."""
    found: list[Finding] = []

    def say(ok: bool, text: str, *, note: bool = False) -> None:
        found.append(Finding(ok or note, text, note))

    try:
        key = AdminKey.parse(secret)
    except NotAnAdminKey as error:
        key = None
        problem = str(error)
    with Ghost(site.url, key or _NO_KEY) as client:
        try:
            about = client.site()
        except GhostError as error:
            say(False, f"{site.url} shows no Ghost Admin API ({error})")
            return found
        say(True, f"Ghost {about.get('version', '?')} at {site.url}")
        if site.plain_http:
            say(False, "the site is plain http: the key crosses the network unencrypted")
        if key is None:
            if is_content_key(secret) and client.content_key_works(secret.strip()):
                problem = f"the site takes this key as its Content API key: {problem}"
            say(False, problem)
            return found
        try:
            settings = client.settings()
        except GhostError as error:
            if error.status in (401, 403):
                say(
                    False,
                    f"the site refused the Admin API key ({error}): was the integration "
                    "deleted or its key regenerated? Copy the key again",
                )
            else:
                say(False, str(error))
            return found
        say(True, "the Admin API key is accepted")
        say(True, f"time zone {settings.get('timezone') or 'Etc/UTC'}")
        try:
            staff = [str(user.get("name", "")) for user in client.users()]
            newsletters = client.newsletters()
        except GhostError as error:
            say(False, str(error))
            return found
        say(
            True,
            f"staff users (a review's authors by these names become the post's): "
            f"{', '.join(staff) or 'none'}",
            note=True,
        )
        if newsletters:
            say(
                True,
                f"newsletter {newsletters[0].get('name', '?')!r}: a post is emailed only when "
                "published with --email-segment",
                note=True,
            )
    return found
