from datetime import date, datetime, timedelta, timezone

import pytest

from reviewdesk.core import yaml_text
from reviewdesk.core.yaml_text import YamlError

HAND_WRITTEN = """\
# Written by hand
format: reviewdesk/1
title: "Quoted: title"   # a comment on the line

pros:
  - Fast  # why
  - Cheap
custom: {kept: as-is}
# trailing comment
"""


def patch(text: str, new: dict[str, object], changed: set[str]) -> str | None:
    order = ("format", "title", "subtitle", "pros", "cons")
    return yaml_text.patch(yaml_text.parse(text), new, lambda key: key not in changed, order)


def test_nothing_changed_gives_the_same_text() -> None:
    assert patch(HAND_WRITTEN, {"format": "x", "title": "y"}, set()) == HAND_WRITTEN


def test_only_the_changed_key_is_rewritten() -> None:
    out = patch(HAND_WRITTEN, {"pros": ["Fast", "Cheap", "Small"]}, {"pros"})
    assert out == HAND_WRITTEN.replace("  - Cheap\n", "  - Cheap\n  - Small\n").replace(
        "  - Fast  # why\n", "  - Fast\n"
    )


def test_new_keys_go_after_the_key_before_them_in_order() -> None:
    out = patch(HAND_WRITTEN, {"subtitle": "Deck", "cons": ["Slow"]}, {"subtitle", "cons"})
    assert out is not None
    lines = out.splitlines()
    assert (
        lines[lines.index('title: "Quoted: title"   # a comment on the line') + 1]
        == "subtitle: Deck"
    )
    assert lines[lines.index("  - Cheap") + 1 : lines.index("  - Cheap") + 3] == [
        "cons:",
        "  - Slow",
    ]
    assert out.endswith("custom: {kept: as-is}\n# trailing comment\n")


def test_removed_keys_lose_their_lines_only() -> None:
    out = patch(HAND_WRITTEN, {"title": "y"}, {"pros"})
    assert out == HAND_WRITTEN.replace("pros:\n  - Fast  # why\n  - Cheap\n", "")


def test_crlf_files_stay_crlf() -> None:
    text = HAND_WRITTEN.replace("\n", "\r\n")
    out = patch(text, {"title": "New"}, {"title"})
    assert out == text.replace('"Quoted: title"   # a comment on the line', "New")


def test_flow_mapping_files_cannot_be_patched() -> None:
    assert patch("{format: reviewdesk/1, title: x}\n", {"title": "y"}, {"title"}) is None


def test_dump_writes_block_style_iso_dates_and_literal_blocks() -> None:
    text = yaml_text.dump(
        {
            "published": date(2026, 4, 11),
            "updated": datetime(2026, 4, 12, 9, 30, tzinfo=timezone(timedelta(hours=2))),
            "summary": "Two\nlines",
            "pros": ["A"],
            "rating": {"value": 4.0},
        }
    )
    assert text == (
        "published: 2026-04-11\n"
        "updated: 2026-04-12T09:30:00+02:00\n"
        "summary: |-\n  Two\n  lines\n"
        "pros:\n  - A\n"
        "rating:\n  value: 4.0\n"
    )


def test_line_of_finds_nested_nodes() -> None:
    document = yaml_text.parse(HAND_WRITTEN)
    assert document.line_of(("pros", 1)) == 7
    assert document.line_of(("custom", "kept")) == 8
    assert document.line_of(("missing",)) == 2  # the mapping itself


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: [1, 2\nb: 3\n", "invalid YAML", 2),
        ("a: 1\na: 2\n", "duplicate key 'a'", 2),
        ("a: !!python/object:os.system ls\n", "invalid YAML", 1),
        ("x: " + "[" * 300 + "]" * 300 + "\n", "nested too deeply", 1),
    ],
)
def test_bad_yaml_names_the_line(text: str, message: str, line: int) -> None:
    with pytest.raises(YamlError, match=message) as caught:
        yaml_text.parse(text)
    assert caught.value.line == line


def test_alias_bomb_is_refused_quickly() -> None:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(YamlError, match="alias bomb"):
        yaml_text.parse("\n".join(rows))
