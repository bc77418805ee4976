"""Hostile content in a review: every export that carries HTML is sanitized unless the writer
asks for the body's HTML as written, for that one export."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reviewdesk.core import bundle, exports
from tests.conftest import MakeBundle, run_reviewdesk

HOSTILE_BODY = """\
Intro.

<script>alert('body')</script>
<img src="x.png" onerror="alert('img')">
<a href="javascript:alert('link')">click</a> <a href="data:text/html,<script>x</script>">d</a>
<iframe src="https://example.org/embed"></iframe>
<p style="background: url(https://example.org/x.png)">styled</p>
<meta http-equiv="refresh" content="0; url=https://example.org">
<object data="https://example.org/o"></object>
"""
HOSTILE_YAML = (
    "format: reviewdesk/1\n"
    "title: <script>alert('title')</script>\n"
    "summary: <img src=x onerror=alert(1)>\n"
    "pros: ['<b onclick=alert(2)>pro</b>', 'two']\n"
    "cons: ['javascript:alert(3)']\n"
)
HTML_FORMATS = ("html", "fragment", "json", "ghost", "wordpress")


class _Dangers(HTMLParser):
    """What in a page could run, load or navigate: as markup, not as escaped text."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "object", "embed", "frame") or (
            tag == "script" and ("type", "application/ld+json") not in attrs
        ):
            self.found.append(tag)
        for name, value in attrs:
            text = (value or "").strip().lower()
            if name.startswith("on") or name == "http-equiv":
                self.found.append(f"{tag} {name}")
            elif name in ("href", "src") and text.startswith(("javascript:", "data:text")):
                self.found.append(f"{tag} {name}={text[:20]}")
            elif name == "style" and "url(" in text:
                self.found.append(f"{tag} style url()")


def dangers(html: str) -> list[str]:
    parser = _Dangers()
    parser.feed(html)
    return parser.found


def html_of(to: str, text: str) -> str:
    """The HTML an export carries: the page, or its JSON's HTML fields (the others are text,
    which the CMS escapes)."""
    if to in ("html", "fragment"):
        return text
    data = json.loads(text)
    if to == "json":
        return str(data["body_html"] + data["article_html"])
    if to == "ghost":
        post = data["posts"][0]
        return str(post["html"] + post["codeinjection_head"])
    content = data["content"]
    return str(content["raw"] if isinstance(content, dict) else content)


@pytest.fixture
def hostile(make_bundle: MakeBundle) -> Path:
    return make_bundle(HOSTILE_YAML, HOSTILE_BODY)


@pytest.mark.parametrize("to", HTML_FORMATS)
def test_every_html_export_is_sanitized_by_default(hostile: Path, to: str) -> None:
    html = html_of(to, exports.export(bundle.load(hostile), hostile, to).text)
    assert "Intro." in html
    assert dangers(html) == []


@pytest.mark.parametrize("to", HTML_FORMATS)
def test_raw_html_is_kept_only_when_asked_for(hostile: Path, to: str) -> None:
    options = exports.ExportOptions(raw_html=True)
    html = html_of(to, exports.export(bundle.load(hostile), hostile, to, options).text)
    found = dangers(html)
    assert "iframe" in found and "script" in found and "img onerror" in found
    # Fields are text, never HTML, raw or not: the title's script stays escaped.
    assert "<script>alert('title')" not in html


def test_the_command_line_asks_for_raw_html_by_name(hostile: Path) -> None:
    def fragment(*flags: str) -> str:
        done = run_reviewdesk("export", hostile, "--to", "fragment", *flags)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert dangers(fragment()) == []
    assert "iframe" in dangers(fragment("--raw-html"))
