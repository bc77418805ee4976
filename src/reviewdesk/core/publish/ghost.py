"""A client of Ghost's Admin API (`/ghost/api/admin/`), over httpx: a short-lived HS256 token
made from the Admin API key for each request, timeouts, retries on connection errors only (a
request that reached the server is never sent twice). Every failure is a GhostError of one line.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import httpx

import reviewdesk

RETRIES: Final = 3
API_VERSION: Final = "v5.0"
# Ghost refuses a token that lives longer than five minutes.
TOKEN_SECONDS: Final = 300
ADMIN_PATH: Final = "/ghost/api/admin"
CONTENT_PATH: Final = "/ghost/api/content"
_ADMIN_KEY: Final = re.compile(r"([0-9a-f]{24}):([0-9a-f]{64})")
_CONTENT_KEY: Final = re.compile(r"[0-9a-f]{26}")
_WHERE_KEYS_ARE: Final = "Ghost Admin > Settings > Integrations > your integration"


class GhostError(RuntimeError):
    """A request that failed; the text is one line. `status` is the HTTP status (0 when the
    server never answered) and `type` Ghost's error type (`UpdateCollisionError`...)."""

    def __init__(self, message: str, status: int = 0, type_: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.type = type_


class NotAnAdminKey(ValueError):  # noqa: N818 (names what the text is)
    """Text that is no Admin API key; the message says what it is and where the right one is."""


@dataclass(frozen=True)
class AdminKey:
    id: str
    secret: str

    @classmethod
    def parse(cls, text: str) -> AdminKey:
        """The Admin API key in `text` (`id:secret`), or NotAnAdminKey naming what was given:
        a Content API key is the common mistake, as Ghost shows both side by side."""
        key = text.strip()
        found = _ADMIN_KEY.fullmatch(key)
        if found:
            return cls(found[1], found[2])
        if is_content_key(key):
            raise NotAnAdminKey(
                "this is a Content API key, which can only read; give the Admin API key "
                f"(two parts joined by ':') from {_WHERE_KEYS_ARE}"
            )
        raise NotAnAdminKey(
            "this is not a Ghost Admin API key (24 and 64 hexadecimal characters joined by ':'); "
            f"copy it from {_WHERE_KEYS_ARE}"
        )

    def token(self, now: float | None = None) -> str:
        """A JSON Web Token for the Admin API: HS256, the key's id as `kid`, `aud` /admin/,
        valid for TOKEN_SECONDS."""
        issued = int(time.time() if now is None else now)
        header = {"alg": "HS256", "typ": "JWT", "kid": self.id}
        claims = {"iat": issued, "exp": issued + TOKEN_SECONDS, "aud": "/admin/"}
        signed = f"{_b64_json(header)}.{_b64_json(claims)}"
        signature = hmac.new(bytes.fromhex(self.secret), signed.encode(), hashlib.sha256)
        return f"{signed}.{_b64(signature.digest())}"


def is_content_key(text: str) -> bool:
    return bool(_CONTENT_KEY.fullmatch(text.strip()))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64_json(value: Mapping[str, Any]) -> str:
    return _b64(json.dumps(value, separators=(",", ":"), allow_nan=False).encode())


class Ghost:
    """One site, one Admin API key. Use as a context manager, or close()."""

    def __init__(self, url: str, key: AdminKey, *, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self.key = key
        self._http = httpx.Client(
            transport=httpx.HTTPTransport(retries=RETRIES),  # connection errors only
            timeout=httpx.Timeout(timeout, connect=10.0),
            follow_redirects=True,
            headers={
                "User-Agent": f"ReviewDesk/{reviewdesk.__version__}",
                "Accept-Version": API_VERSION,
            },
        )

    def __enter__(self) -> Ghost:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- requests ------------------------------------------------------------------------------

    def _send(self, method: str, url: str, **options: Any) -> httpx.Response:
        try:
            return self._http.request(method, url, **options)
        except httpx.TimeoutException:
            raise GhostError(f"{self.url} did not answer in time") from None
        except httpx.HTTPError as error:
            raise GhostError(f"{self.url} cannot be reached: {_first_line(error)}") from None

    def call(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        auth: bool = True,
        **options: Any,
    ) -> Any:
        """`method` on the Admin API's `path` (`/posts/`); its JSON, or GhostError with
        Ghost's own message."""
        headers = {"Authorization": f"Ghost {self.key.token()}"} if auth else {}
        answer = self._send(
            method, self.url + ADMIN_PATH + path, params=params, headers=headers, **options
        )
        if answer.status_code >= 400:
            raise _error(answer, method, path)
        if answer.status_code == 204 or not answer.content:
            return {}
        try:
            return answer.json()
        except ValueError:
            raise GhostError(
                f"{method} {path}: the site answered with something other than JSON "
                f"(is {self.url} a Ghost site?)",
                answer.status_code,
            ) from None

    def page(self, url: str) -> httpx.Response:
        """A public page, as a visitor gets it."""
        return self._send("GET", url)

    # --- the site -----------------------------------------------------------------------------

    def site(self) -> dict[str, Any]:
        """The site's title, address and Ghost version (public: no key needed)."""
        return dict(self.call("GET", "/site/", auth=False).get("site", {}))

    def settings(self) -> dict[str, Any]:
        """The site's settings, by key (`timezone`...)."""
        entries = self.call("GET", "/settings/").get("settings", [])
        return {str(entry.get("key")): entry.get("value") for entry in entries}

    def users(self) -> list[dict[str, Any]]:
        """The site's staff users (name, slug, email, website)."""
        return list(self.call("GET", "/users/", {"limit": "all"}).get("users", []))

    def newsletters(self) -> list[dict[str, Any]]:
        found = self.call("GET", "/newsletters/", {"filter": "status:active", "limit": "all"})
        return list(found.get("newsletters", []))

    def content_key_works(self, key: str) -> bool:
        """Whether `key` is a Content API key of this site (it reads the public settings)."""
        answer = self._send("GET", f"{self.url}{CONTENT_PATH}/settings/", params={"key": key})
        return answer.status_code == 200

    # --- images -------------------------------------------------------------------------------

    def upload_image(self, data: bytes, file_name: str, mime: str, ref: str) -> str:
        """The URL of the uploaded image; `ref` is returned by Ghost as given (ours: the
        bundle path)."""
        found = self.call(
            "POST",
            "/images/upload/",
            files={"file": (file_name, data, mime)},
            data={"purpose": "image", "ref": ref},
        )
        return str(found["images"][0]["url"])

    def image_exists(self, url: str) -> bool:
        """Whether the image at `url` is still served (an upload removed from the content
        folder is uploaded again)."""
        try:
            return self._send("HEAD", url).status_code == 200
        except GhostError:
            return False

    # --- posts --------------------------------------------------------------------------------

    def post(self, post_id: str) -> dict[str, Any] | None:
        """The post with its HTML, tags and authors; None when it no longer exists."""
        try:
            found = self.call(
                "GET", f"/posts/{post_id}/", {"formats": "html", "include": "tags,authors"}
            )
        except GhostError as error:
            if error.status == 404:
                return None
            raise
        return dict(found["posts"][0])

    def create_post(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        params = {"source": "html", "formats": "html", "include": "tags,authors"}
        found = self.call("POST", "/posts/", params, json={"posts": [dict(fields)]})
        return dict(found["posts"][0])

    def update_post(
        self, post_id: str, fields: Mapping[str, Any], email: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        """Write `fields` over the post; `fields["updated_at"]` must be the post's own, or
        Ghost refuses with 409 (UpdateCollisionError): someone else saved it in between.
        `email` (newsletter, email_segment) sends it by email as this update publishes it."""
        params = {"source": "html", "formats": "html", "include": "tags,authors", **(email or {})}
        found = self.call("PUT", f"/posts/{post_id}/", params, json={"posts": [dict(fields)]})
        return dict(found["posts"][0])


def _error(answer: httpx.Response, method: str, path: str) -> GhostError:
    try:
        body = answer.json()
    except ValueError:
        body = {}
    errors = body.get("errors") if isinstance(body, dict) else None
    first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
    parts = [str(first.get(key) or "").strip() for key in ("message", "context")]
    text = " ".join(part for part in parts if part) or (
        f"HTTP {answer.status_code} {answer.reason_phrase}"
    )
    return GhostError(
        f"{method} {path}: {_first_line(text)}", answer.status_code, str(first.get("type") or "")
    )


def _first_line(error: object) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
