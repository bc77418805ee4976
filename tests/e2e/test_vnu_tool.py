"""Prove that the Nu HTML Checker helper works, and that it can fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .vnu import VnuChecker, format_messages, parse_vnu_json

GOOD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ReviewDesk</title>
</head>
<body>
<main>
<h1>A review</h1>
<p id="intro">Well written, <span>mostly</span>.</p>
</main>
</body>
</html>
"""


def page(body: str, head: str = "<title>ReviewDesk</title>") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_document_has_no_errors(vnu: VnuChecker, tmp_path: Path) -> None:
    errors = vnu([write(tmp_path, "good.html", GOOD)])
    assert errors == [], format_messages(errors)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            page("<span><div>block in inline</div></span>"),
            "not allowed as child of element",
            id="div-in-span",
        ),
        pytest.param(
            page('<p id="same">one</p>\n<p id="same">two</p>'),
            "Duplicate ID",
            id="duplicate-id",
        ),
        pytest.param(
            page("<p>no title</p>", head=""),
            "child element \u201ctitle\u201d",
            id="missing-title",
        ),
    ],
)
def test_invalid_document_is_reported(
    vnu: VnuChecker, tmp_path: Path, html: str, expected: str
) -> None:
    errors = vnu([write(tmp_path, "bad.html", html)])
    assert errors, "vnu found no errors in a known-bad document"
    assert all(error.type == "error" for error in errors), format_messages(errors)
    assert any(expected in error.message for error in errors), format_messages(errors)
    assert "Nu HTML Checker: " in format_messages(errors)


def test_warnings_are_not_errors(vnu: VnuChecker, tmp_path: Path) -> None:
    # No lang attribute: vnu only warns ("Consider adding a lang attribute").
    html = GOOD.replace('<html lang="en">', "<html>")
    errors = vnu([write(tmp_path, "warn.html", html)])
    assert errors == [], format_messages(errors)


def test_errors_name_their_file_and_line(vnu: VnuChecker, tmp_path: Path) -> None:
    good = write(tmp_path, "good.html", GOOD)
    bad = write(tmp_path, "bad.html", page('<p id="x">1</p>\n<p id="x">2</p>'))
    errors = vnu([good, bad])
    assert len(errors) == 1, format_messages(errors)
    assert errors[0].url.endswith("/bad.html")
    assert errors[0].line == 9
    assert "bad.html:9: error: Duplicate ID" in format_messages(errors)


def test_missing_file_is_not_a_pass(vnu: VnuChecker, tmp_path: Path) -> None:
    # vnu itself prints no messages for a missing file.
    with pytest.raises(FileNotFoundError):
        vnu([tmp_path / "missing.html"])


def test_parse_keeps_errors_and_drops_info_and_warnings() -> None:
    output = json.dumps(
        {
            "messages": [
                {"type": "info", "message": "plain info"},
                {"type": "info", "subType": "warning", "message": "a warning"},
                {
                    "type": "error",
                    "url": "file:/x/a%20b.html",
                    "lastLine": 3,
                    "message": "an error",
                    "extract": "<p>\n",
                },
                {"type": "error", "subType": "fatal", "message": "fatal"},
                {"type": "non-document-error", "message": "could not read"},
            ]
        }
    )
    errors = parse_vnu_json(output)
    assert [error.message for error in errors] == [
        "an error",
        "fatal",
        "could not read",
    ]
    assert errors[0].line == 3
    assert errors[1].line is None
    text = format_messages(errors)
    assert "/x/a b.html:3: error: an error" in text
    assert "<p>\\n" in text
