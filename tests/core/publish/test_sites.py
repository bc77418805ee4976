"""Sites in the user's settings: checked when added, read back, bad files named in one line."""

import pytest

from reviewdesk.core.problems import BundleError
from reviewdesk.core.publish import sites
from reviewdesk.core.publish.sites import SiteError
from reviewdesk.core.publish.theme import ThemeParts


def test_a_site_is_kept_in_the_config_folder_without_any_secret() -> None:
    site = sites.make("blog", "wordpress", "https://example.org/news/", "jane", secret_env="WP_PW")
    sites.save(site)
    assert sites.load_all() == {"blog": site}
    assert site.url == "https://example.org/news"
    text = sites.sites_path().read_text()
    assert "Passwords are kept in the system keyring" in text
    assert "secret_env: WP_PW" in text
    assert "password" not in text.split("\n", 2)[2]


def test_theme_parts_are_kept() -> None:
    site = sites.make(
        "plain", "wordpress", "https://example.org", "jane", theme=ThemeParts.named(["title"])
    )
    sites.save(site)
    assert sites.get("plain").theme == ThemeParts(True, False, False, False, False)
    assert sites.get("plain").theme.names() == ["title"]


def test_remove_and_unknown_names() -> None:
    sites.save(sites.make("a", "wordpress", "https://a.example", "u"))
    sites.save(sites.make("b", "wordpress", "https://b.example", "u"))
    sites.remove("a")
    assert list(sites.load_all()) == ["b"]
    with pytest.raises(SiteError, match=r"no site named 'a' \(sites: b\)"):
        sites.get("a")


@pytest.mark.parametrize(
    ("name", "url", "user", "message"),
    [
        ("my blog", "https://x.example", "u", "site name"),
        ("blog", "example.org", "u", "not a site address"),
        ("blog", "ftp://example.org", "u", "not a site address"),
        ("blog", "https://example.org/?p=1", "u", "without"),
        ("blog", "https://u:p@example.org", "u", "without"),
        ("blog", "https://example.org", " ", "login"),
    ],
)
def test_what_is_typed_is_checked(name: str, url: str, user: str, message: str) -> None:
    with pytest.raises(SiteError, match=message):
        sites.make(name, "wordpress", url, user)


def test_plain_http_is_flagged_except_on_this_computer() -> None:
    assert sites.make("a", "wordpress", "http://example.org", "u").plain_http
    assert not sites.make("a", "wordpress", "http://127.0.0.1:8080", "u").plain_http
    assert not sites.make("a", "wordpress", "https://example.org", "u").plain_http


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("sites:\n  blog:\n    kind: medium\n", "sites.blog", "publishes to wordpress, ghost"),
        ("sites:\n  blog:\n    kind: wordpress\n    url: 3\n", "sites.blog.url", "must be text"),
        ("sites:\n  blog:\n    password: x\n", "sites.blog.password", "not a known key"),
        ("other: 1\n", "other", "not a known key"),
    ],
)
def test_a_bad_sites_file_is_one_problem(text: str, field: str, message: str) -> None:
    sites.sites_path().parent.mkdir(parents=True)
    sites.sites_path().write_text(text)
    with pytest.raises(BundleError) as caught:
        sites.load_all()
    (problem,) = caught.value.problems
    assert (problem.file, problem.field) == (sites.sites_path(), field)
    assert message in problem.message
