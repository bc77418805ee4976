"""A client of the WordPress REST API (`/wp/v2`), over httpx: Basic auth with an Application
Password, timeouts, retries on connection errors only (a request that reached the server is
never sent twice). Every failure is a WordPressError of one line."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

import reviewdesk
from reviewdesk.core.publish.state import UploadedImage

API_LINK: Final = "https://api.w.org/"
RETRIES: Final = 3
PER_PAGE: Final = 100
# Term names WordPress stores escaped (`&` as `&amp;`, and `%` as `&#37;` as create_term sends
# it): `?search=` finds them only by a part without these characters.
_ESCAPED: Final = re.compile(r"[&<>\"'%]+")


class WordPressError(RuntimeError):
    """A request that failed; the text is one line. `status` and `code` are WordPress's
    (HTTP status, `rest_...` code), 0 and "" when the server never answered."""

    def __init__(
        self, message: str, status: int = 0, code: str = "", data: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.data = dict(data or {})


@dataclass(frozen=True)
class User:
    id: int
    name: str
    roles: tuple[str, ...]
    capabilities: frozenset[str]

    def can(self, capability: str) -> bool:
        return capability in self.capabilities


class WordPress:
    """One site, one login. Use as a context manager, or close()."""

    def __init__(self, url: str, user: str, password: str, *, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.Client(
            auth=httpx.BasicAuth(user, password),
            transport=httpx.HTTPTransport(retries=RETRIES),  # connection errors only
            timeout=httpx.Timeout(timeout, connect=10.0),
            follow_redirects=True,
            headers={"User-Agent": f"ReviewDesk/{reviewdesk.__version__}"},
        )
        self._root: str | None = None

    def __enter__(self) -> WordPress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- the API's address --------------------------------------------------------------------

    def api_root(self) -> str:
        """The REST API's root, as the site announces it (`/wp-json/`, or `?rest_route=/`
        without pretty permalinks); WordPressError when there is none."""
        if self._root is None:
            self._root = self._discover()
        return self._root

    def _discover(self) -> str:
        home = self._send("GET", self.url + "/", auth=False)
        link = home.links.get(API_LINK, {}).get("url")
        if link:
            return link
        for candidate in (self.url + "/wp-json/", self.url + "/?rest_route=/"):
            answer = self._send("GET", candidate, auth=False)
            if answer.status_code == 200 and "namespaces" in _json_or_empty(answer):
                return candidate
        raise WordPressError(
            f"{self.url} shows no WordPress REST API (not WordPress, or a plugin turned the "
            "REST API off)",
            home.status_code,
        )

    def route(self, route: str, params: Mapping[str, Any] | None = None) -> str:
        """The URL of `route` (`/wp/v2/posts`) with `params`."""
        root = self.api_root()
        parts = urlsplit(root)
        query = [(key, str(value)) for key, value in (params or {}).items()]
        if "rest_route=" in parts.query:
            base = [(k, v) for k, v in parse_qsl(parts.query) if k != "rest_route"]
            query = [*base, ("rest_route", route), *query]
            return urlunsplit(parts._replace(query=urlencode(query)))
        path = parts.path.rstrip("/") + route
        return urlunsplit(parts._replace(path=path, query=urlencode(query)))

    # --- requests ------------------------------------------------------------------------------

    def _send(self, method: str, url: str, *, auth: bool = True, **options: Any) -> httpx.Response:
        try:
            if not auth:
                options["auth"] = None
            return self._http.request(method, url, **options)
        except httpx.TimeoutException:
            raise WordPressError(f"{self.url} did not answer in time") from None
        except httpx.HTTPError as error:
            raise WordPressError(f"{self.url} cannot be reached: {_first_line(error)}") from None

    def call(
        self,
        method: str,
        route: str,
        params: Mapping[str, Any] | None = None,
        *,
        auth: bool = True,
        **options: Any,
    ) -> httpx.Response:
        """`method` on `route`; WordPressError with WordPress's own message on a failure."""
        answer = self._send(method, self.route(route, params), auth=auth, **options)
        if answer.status_code >= 400:
            raise _error(answer, method, route)
        return answer

    def json(
        self, method: str, route: str, params: Mapping[str, Any] | None = None, **options: Any
    ) -> Any:
        answer = self.call(method, route, params, **options)
        try:
            return answer.json()
        except ValueError:
            raise WordPressError(
                f"{method} {route}: the site answered with something other than JSON "
                "(a PHP notice or a plugin's output in the response?)",
                answer.status_code,
            ) from None

    def index(self) -> dict[str, Any]:
        """The API's index: namespaces and authentication methods. WordPressError, with the
        site's own words, where the site refuses it (a plugin closing the REST API)."""
        root = self.api_root()
        answer = self._send("GET", root, auth=False)
        if answer.is_error:
            raise _error(answer, "GET", root)
        return _json_or_empty(answer)

    def page(self, url: str) -> httpx.Response:
        """A public page, as a visitor gets it."""
        return self._send("GET", url, auth=False)

    # --- the user and the site -------------------------------------------------------------------

    def me(self) -> User:
        data = self.json("GET", "/wp/v2/users/me", {"context": "edit"})
        capabilities = frozenset(name for name, on in data.get("capabilities", {}).items() if on)
        return User(
            int(data["id"]), str(data.get("name", "")), tuple(data.get("roles", ())), capabilities
        )

    def timezone(self) -> tuple[str, float] | None:
        """The site's time zone (name, UTC offset in hours) when the user may read the
        settings (administrators), else None."""
        try:
            settings = self.json("GET", "/wp/v2/settings")
        except WordPressError as error:
            if error.status in (401, 403):
                return None
            raise
        return str(settings.get("timezone", "") or ""), float(settings.get("gmt_offset") or 0)

    # --- terms --------------------------------------------------------------------------------

    def find_terms(self, taxonomy: str, names: Iterable[str]) -> dict[str, int]:
        """The IDs of the terms named exactly `names` (case-insensitive, entities decoded),
        by name as given; names without a term are left out."""
        found: dict[str, int] = {}
        for name in names:
            term = self._find_term(taxonomy, name)
            if term is not None:
                found[name] = term
        return found

    def _find_term(self, taxonomy: str, name: str) -> int | None:
        wanted = _term_key(name)
        # `?search=` matches parts of names: search by the longest plain part, compare whole.
        pieces = sorted(_ESCAPED.split(name), key=len, reverse=True)
        params: dict[str, Any] = {"per_page": PER_PAGE, "context": "view"}
        if pieces and pieces[0].strip():
            params["search"] = pieces[0].strip()
        for term in self._all_pages(f"/wp/v2/{taxonomy}", params):
            if _term_key(str(term.get("name", ""))) == wanted:
                return int(term["id"])
        return None

    def create_term(self, taxonomy: str, name: str) -> int:
        """A new term's ID (an existing one's, when WordPress says it exists). WordPress reads
        a term's name as HTML and strips from it what looks like a tag or a URL-encoded byte
        (`c <d>` became `c`, `e %41f` became `e f`): the name is sent escaped."""
        sent = html.escape(name, quote=False).replace("%", "&#37;")
        try:
            return int(self.json("POST", f"/wp/v2/{taxonomy}", json={"name": sent})["id"])
        except WordPressError as error:
            if error.code == "term_exists" and isinstance(error.data.get("term_id"), int):
                return int(error.data["term_id"])
            raise

    def _all_pages(self, route: str, params: dict[str, Any]) -> Iterable[dict[str, Any]]:
        page = 1
        while True:
            answer = self.call("GET", route, {**params, "page": page})
            yield from answer.json()
            pages = int(answer.headers.get("X-WP-TotalPages", "1") or 1)
            if page >= pages:
                return
            page += 1

    # --- media --------------------------------------------------------------------------------

    def upload(
        self, data: bytes, file_name: str, mime: str, alt: str, caption: str
    ) -> UploadedImage:
        item = self.json(
            "POST",
            "/wp/v2/media",
            files={"file": (file_name, data, mime)},
            data={"alt_text": alt, "caption": caption},
        )
        return UploadedImage(int(item["id"]), str(item["source_url"]))

    def media(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The media items among `ids` that still exist, by ID."""
        wanted = sorted(set(ids))
        found: dict[int, dict[str, Any]] = {}
        for start in range(0, len(wanted), PER_PAGE):
            chunk = wanted[start : start + PER_PAGE]
            params = {"include": ",".join(map(str, chunk)), "per_page": PER_PAGE, "context": "edit"}
            for item in self.json("GET", "/wp/v2/media", params):
                found[int(item["id"])] = item
        return found

    def update_media(self, media_id: int, alt: str, caption: str) -> None:
        self.json("POST", f"/wp/v2/media/{media_id}", json={"alt_text": alt, "caption": caption})

    # --- posts --------------------------------------------------------------------------------

    def post(self, post_id: int) -> dict[str, Any] | None:
        """The post as its editor sees it (raw fields), None when it no longer exists."""
        try:
            data = self.json("GET", f"/wp/v2/posts/{post_id}", {"context": "edit"})
        except WordPressError as error:
            if error.status in (404, 410):
                return None
            raise
        return dict(data)

    def create_post(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        return dict(self.json("POST", "/wp/v2/posts", {"context": "edit"}, json=dict(fields)))

    def update_post(self, post_id: int, fields: Mapping[str, Any]) -> dict[str, Any]:
        return dict(
            self.json("POST", f"/wp/v2/posts/{post_id}", {"context": "edit"}, json=dict(fields))
        )

    def term_names(self, taxonomy: str, ids: Iterable[int]) -> dict[int, str]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        params = {"include": ",".join(map(str, wanted)), "per_page": PER_PAGE}
        return {
            int(term["id"]): html.unescape(str(term["name"]))
            for term in self._all_pages(f"/wp/v2/{taxonomy}", params)
        }


def _term_key(name: str) -> str:
    return " ".join(html.unescape(name).split()).casefold()


def _json_or_empty(answer: httpx.Response) -> dict[str, Any]:
    try:
        data = answer.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _error(answer: httpx.Response, method: str, route: str) -> WordPressError:
    body = _json_or_empty(answer)
    code = str(body.get("code", ""))
    message = html.unescape(re.sub(r"<[^<>]+>", "", str(body.get("message", "")))).strip()
    text = message or f"HTTP {answer.status_code} {answer.reason_phrase}"
    data = body.get("data")
    return WordPressError(
        f"{method} {route}: {_first_line(text)}",
        answer.status_code,
        code,
        data if isinstance(data, dict) else None,
    )


def _first_line(error: object) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
