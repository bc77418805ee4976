from datetime import date

import pytest

from reviewdesk.core import front_matter
from reviewdesk.core.front_matter import FrontMatterError


def test_yaml_front_matter() -> None:
    matter = front_matter.split("---\ntitle: T\ndate: 2026-04-11\n---\n\nBody\n")
    assert (matter.kind, matter.data, matter.body) == (
        "yaml",
        {"title": "T", "date": date(2026, 4, 11)},
        "Body\n",
    )
    assert matter.body_line == 6


def test_toml_front_matter() -> None:
    matter = front_matter.split('+++\ntitle = "T"\ntags = ["a", "b"]\n+++\nBody\n')
    assert (matter.kind, matter.data, matter.body) == (
        "toml",
        {"title": "T", "tags": ["a", "b"]},
        "Body\n",
    )


def test_json_front_matter() -> None:
    matter = front_matter.split('{\n  "title": "T"\n}\n\nBody\n')
    assert (matter.kind, matter.data, matter.body) == ("json", {"title": "T"}, "Body\n")


def test_no_front_matter_is_all_body() -> None:
    assert front_matter.split("# Just text\n").body == "# Just text\n"


def test_crlf_and_bom() -> None:
    matter = front_matter.split("\ufeff---\r\ntitle: T\r\n---\r\nBody\r\n")
    assert (matter.data, matter.body) == ({"title": "T"}, "Body\r\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: T\n", "never closed"),
        ("---\ntitle: [\n---\n", "invalid YAML"),
        ("+++\ntitle = \n+++\n", "invalid TOML"),
        ('{"title": }\n', "invalid JSON"),
        ("---\n- a list\n---\n", "must be a mapping"),
    ],
)
def test_bad_front_matter(text: str, message: str) -> None:
    with pytest.raises(FrontMatterError, match=message):
        front_matter.split(text)


def test_join_writes_yaml_front_matter() -> None:
    assert front_matter.join({"title": "T"}, "Body\n") == "---\ntitle: T\n---\n\nBody\n"
