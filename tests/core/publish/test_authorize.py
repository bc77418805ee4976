"""Connecting through WordPress's authorization page: the page's address, and WordPress's
answer read and checked (fixed answers, then the real site's own redirect)."""

import re
from datetime import datetime
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest

from reviewdesk.core.publish.authorize import (
    APP_ID,
    Authorization,
    AuthorizeError,
    Credentials,
    app_name,
    endpoint_from_index,
    find_endpoint,
    manual_url,
)
from tests.wordpress_server import WordPressServer

SITE = "https://example.org/news"
ENDPOINT = "https://example.org/news/wp-admin/authorize-application.php"
PASSWORD = "abcd EFGH 1234 ijkl MNOP 5678"


def _index(endpoint: str) -> dict[str, object]:
    return {"authentication": {"application-passwords": {"endpoints": {"authorization": endpoint}}}}


def _answer(request: Authorization, **fields: str) -> str:
    """What auth-app.js sends the browser to: our success URL, its fields appended with '&'."""
    success = parse_qs(urlsplit(request.url).query)["success_url"][0]
    added = "&".join(f"{key}={quote(value, safe='')}" for key, value in fields.items())
    return f"{success}&{added}"


def _request() -> Authorization:
    return Authorization(SITE, ENDPOINT, "ReviewDesk on desk, 2026-12-06 18:49")


def test_the_page_asks_for_our_app_with_addresses_that_never_load() -> None:
    request = _request()
    parts = urlsplit(request.url)
    assert parts.scheme == "https" and parts.path == "/news/wp-admin/authorize-application.php"
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query["app_name"] == "ReviewDesk on desk, 2026-12-06 18:49"
    assert query["app_id"] == APP_ID
    for key, path in (("success_url", "/authorized"), ("reject_url", "/rejected")):
        callback = urlsplit(query[key])
        assert (callback.scheme, callback.hostname, callback.path) == (
            "https",
            "reviewdesk.invalid",
            path,
        )
        assert parse_qs(callback.query) == {"state": [request.state]}
        assert Authorization.is_callback(query[key])
    assert not Authorization.is_callback(request.url)
    assert request.state not in repr(request)


def test_each_request_has_its_own_state() -> None:
    assert _request().state != _request().state


def test_a_query_of_the_endpoint_is_kept() -> None:
    request = Authorization(SITE, ENDPOINT + "?lang=fr", "R")
    assert parse_qs(urlsplit(request.url).query)["lang"] == ["fr"]


def test_the_manual_page_shows_the_password_instead_of_sending_it() -> None:
    query = parse_qs(urlsplit(manual_url(ENDPOINT, "R")).query)
    assert query == {"app_name": ["R"], "app_id": [APP_ID]}


def test_the_name_says_which_computer_and_when() -> None:
    assert (
        app_name("desk", datetime(2026, 12, 6, 18, 49, 30))
        == "ReviewDesk on desk, 2026-12-06 18:49"
    )
    assert app_name("", datetime(2026, 1, 2, 3, 4)).startswith("ReviewDesk on this computer, ")


def test_an_approval_gives_the_credentials() -> None:
    request = _request()
    found = request.result(
        _answer(
            request, site_url="https://example.org/news", user_login="jane doe", password=PASSWORD
        )
    )
    assert found == Credentials("https://example.org/news", "jane doe", "abcdEFGH1234ijklMNOP5678")
    assert "abcd" not in repr(found)


def test_a_subdirectory_install_on_the_same_host_is_the_same_site() -> None:
    request = Authorization("https://example.org", "https://example.org:443/wp/wp-admin/a.php", "R")
    found = request.result(
        _answer(request, site_url="https://example.org/wp/", user_login="j", password="x1")
    )
    assert found is not None and found.site_url == "https://example.org/wp"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"site_url": "https://evil.example", "user_login": "j", "password": PASSWORD},
            r"^the answer names another site \(https://evil.example\), not "
            r"https://example.org/news; nothing was stored$",
        ),
        (
            {"site_url": "https://example.org:8443", "user_login": "j", "password": PASSWORD},
            r"names another site",
        ),
        (
            {"site_url": "http://example.org/news", "user_login": "j", "password": PASSWORD},
            r"^http://example.org/news answered over plain http: the password would cross",
        ),
        (
            {"site_url": SITE, "user_login": "j"},
            r"^https://example.org/news sent no password; nothing was stored$",
        ),
        (
            {"site_url": SITE, "user_login": "", "password": ""},
            r"sent no user_login and no password;",
        ),
        (
            {"site_url": SITE, "user_login": "j", "password": "<script>"},
            r"sent something that is not an Application Password",
        ),
    ],
)
def test_an_answer_not_to_trust_is_refused(fields: dict[str, str], message: str) -> None:
    request = _request()
    with pytest.raises(AuthorizeError, match=message):
        request.result(_answer(request, **fields))


def test_an_http_answer_on_this_computer_is_trusted() -> None:
    request = Authorization("http://127.0.0.1:8080", "http://127.0.0.1:8080/wp-admin/a.php", "R")
    found = request.result(
        _answer(request, site_url="http://127.0.0.1:8080", user_login="j", password="x")
    )
    assert found == Credentials("http://127.0.0.1:8080", "j", "x")


def test_a_declined_request_gives_nothing() -> None:
    request = _request()
    reject = parse_qs(urlsplit(request.url).query)["reject_url"][0]
    assert request.result(reject) is None
    # WordPress before 6.1.4 sends the success URL with success=false when there is no reject URL
    assert request.result(_answer(request, success="false")) is None


def test_an_answer_to_another_request_is_refused() -> None:
    other = _request()
    answer = _answer(other, site_url=SITE, user_login="j", password=PASSWORD)
    with pytest.raises(AuthorizeError, match="not one to this request"):
        _request().result(answer)
    with pytest.raises(AuthorizeError, match="not one to this request"):
        _request().result("https://reviewdesk.invalid/authorized?password=x")


def test_passwords_off_for_the_account_are_said() -> None:
    request = _request()
    reject = parse_qs(urlsplit(request.url).query)["reject_url"][0]
    with pytest.raises(
        AuthorizeError, match=r"^Application Passwords are not available to this account"
    ):
        request.result(reject + "&error=disabled")


@pytest.mark.parametrize(
    "url",
    [
        "http://reviewdesk.invalid/authorized",
        "https://example.org/authorized",
        "https://reviewdesk.invalid/other",
    ],
)
def test_an_answer_at_another_address_is_refused(url: str) -> None:
    request = _request()
    with pytest.raises(AuthorizeError, match="answered at an unexpected address"):
        request.result(f"{url}?state={request.state}&site_url={SITE}&user_login=j&password=x")


def test_the_endpoint_is_read_from_the_index() -> None:
    assert endpoint_from_index(SITE, _index(ENDPOINT)) == ENDPOINT
    loopback = "http://127.0.0.1:8080/wp-admin/authorize-application.php"
    assert endpoint_from_index("http://127.0.0.1:8080", _index(loopback)) == loopback


@pytest.mark.parametrize(
    ("site", "index", "message"),
    [
        (
            SITE,
            {"namespaces": ["wp/v2"]},
            r"^https://example.org/news does not offer Application Passwords \(",
        ),
        (SITE, {"authentication": []}, "does not offer Application Passwords"),
        (SITE, _index("https://login.example.net/authorize"), "on another host: https://login"),
        (
            "http://example.org",
            _index("http://example.org/wp-admin/authorize-application.php"),
            r"over plain http, which would send your WordPress password unencrypted",
        ),
    ],
)
def test_an_endpoint_not_to_use_is_refused(
    site: str, index: dict[str, object], message: str
) -> None:
    with pytest.raises(AuthorizeError, match=message):
        endpoint_from_index(site, index)


def test_the_real_site_announces_its_page(wordpress: WordPressServer) -> None:
    assert (
        find_endpoint(wordpress.url + "/") == f"{wordpress.url}/wp-admin/authorize-application.php"
    )


def test_a_site_that_is_not_there_is_one_line() -> None:
    with pytest.raises(AuthorizeError, match=r"^http://127.0.0.1:9 cannot be reached: ") as caught:
        find_endpoint("http://127.0.0.1:9")
    assert "\n" not in str(caught.value)


def test_the_real_sites_redirect_gives_a_password_that_logs_in(wordpress: WordPressServer) -> None:
    """The page's form without its script (WordPress's no-JS way): the site itself redirects to
    our success URL, and what we read from it authenticates a REST call."""
    request = Authorization(wordpress.url, find_endpoint(wordpress.url), "ReviewDesk core test")
    with httpx.Client(timeout=30, cookies={"wordpress_test_cookie": "WP Cookie check"}) as browser:
        login = browser.post(
            f"{wordpress.url}/wp-login.php",
            data={"log": wordpress.author.login, "pwd": wordpress.author.password},
        )
        assert login.status_code == 302, login.text[:300]
        page = browser.get(request.url)
        nonce = re.search(r'name="_wpnonce" value="([^"]+)"', page.text)
        assert page.status_code == 200 and nonce is not None
        form = {key: values[0] for key, values in parse_qs(urlsplit(request.url).query).items()}
        answer = browser.post(
            request.endpoint,
            data={
                **form,
                "_wpnonce": nonce[1],
                "action": "authorize_application_password",
                "approve": "1",
            },
        )
    assert answer.status_code == 302
    assert Authorization.is_callback(answer.headers["location"])
    found = request.result(answer.headers["location"])
    assert found is not None
    assert (found.site_url, found.user) == (wordpress.url, "author")
    me = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/users/me?context=edit",
        auth=(found.user, found.password),
        timeout=30,
    )
    assert me.status_code == 200 and me.json()["roles"] == ["author"]
