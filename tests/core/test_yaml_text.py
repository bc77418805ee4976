from datetime import date, datetime, timedelta, timezone

import pytest
import yaml

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


@pytest.fixture(params=sorted(yaml_text.LOADERS))
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each parser PyYAML has here: libyaml's (the one used when built) and the pure Python."""
    monkeypatch.setattr(yaml_text, "_Loader", yaml_text.LOADERS[request.param])
    return str(request.param)


def test_the_c_parser_is_the_one_used_and_is_checked_too() -> None:
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML was built without libyaml")
    assert yaml_text._Loader is yaml_text.LOADERS["c"]


# Text YAML reads as a date, a date-time or a number by its form, that no date or finite
# number can be; and explicit tags that the text cannot fill.
NO_DAY = "is not a date (day is out of range for month)"
OFFSET = "is not a date-time (the UTC offset {} is beyond -23:59..+23:59)"
IMPOSSIBLE = [
    ("published: 2026-02-30", "published", f"2026-02-30 {NO_DAY}"),
    ("published: 0000-01-01", "published", "0000-01-01 is not a date (year 0 is out of range)"),
    ("updated: 2026-13-01", "updated", "2026-13-01 is not a date (month must be in 1..12)"),
    (
        "published: 2026-04-11T25:00:00+02:00",
        "published",
        "2026-04-11T25:00:00+02:00 is not a date-time (hour must be in 0..23)",
    ),
    (
        "published: 2026-04-11T09:30:00+99:00",
        "published",
        "2026-04-11T09:30:00+99:00 " + OFFSET.format("+99:00"),
    ),
    (
        "published: 2026-04-11 09:30:00 -05:75",
        "published",
        "2026-04-11 09:30:00 -05:75 " + OFFSET.format("-05:75"),
    ),
    (
        "published: 2026-04-11T23:59:60Z",
        "published",
        "2026-04-11T23:59:60Z is not a date-time (second must be in 0..59)",
    ),
    ("extra: {when: 2026-02-30}", "extra.when", f"2026-02-30 {NO_DAY}"),
    (
        "extra:\n  log:\n    - note: ok\n      date: 2026-04-31",
        "extra.log.0.date",
        f"2026-04-31 {NO_DAY}",
    ),
    ("extra: {2026-02-30: a key}", "extra", f"2026-02-30 {NO_DAY}"),
    ("custom: [1, 0000-12-01]", "custom.1", "0000-12-01 is not a date (year 0 is out of range)"),
    ("rating: {value: .inf}", "rating.value", ".inf is not a finite number"),
    ("rating: {value: .NaN}", "rating.value", ".NaN is not a finite number"),
    ("rating: {value: 4, best: 1.0e+999}", "rating.best", "1.0e+999 is not a finite number"),
    ("rating: {value: 4, worst: -.Inf}", "rating.worst", "-.Inf is not a finite number"),
    ("extra: {weight: .nan}", "extra.weight", ".nan is not a finite number"),
    (
        "published: !!timestamp soon",
        "published",
        "soon is not a date (write it as 2026-04-11 or 2026-04-11T09:30:00+02:00)",
    ),
    ("rating: {value: !!int four}", "rating.value", "four is not a whole number"),
    ("rating: {value: !!float four}", "rating.value", "four is not a number"),
    ("extra: {draft: !!bool maybe}", "extra.draft", "maybe is not true or false"),
    ("extra: {big: " + "9" * 5000 + "}", "extra.big", "9" * 59 + "… has too many digits"),
]


@pytest.mark.parametrize(("value", "field", "reason"), IMPOSSIBLE)
def test_an_impossible_value_names_its_line_and_field(
    loader: str, value: str, field: str, reason: str
) -> None:
    with pytest.raises(YamlError) as caught:
        yaml_text.parse(f"format: reviewdesk/1\ntitle: T\n{value}\n")
    error = caught.value
    line = 3 + value.count("\n")
    assert (error.line, error.field, error.reason) == (line, field, reason)
    assert error.message == f"{field}: {reason}"


def test_an_impossible_value_at_the_root_names_no_field(loader: str) -> None:
    with pytest.raises(YamlError) as caught:
        yaml_text.parse("\n2026-02-30\n")
    assert (caught.value.line, caught.value.message) == (
        2,
        "2026-02-30 is not a date (day is out of range for month)",
    )


@pytest.mark.parametrize(
    "text",
    [
        "2026-04-11",
        "0001-01-01",
        "9999-12-31",
        "2026-4-1T9:30:00Z",
        "2026-04-11T09:30:00+02:00",
        "2026-04-11t09:30:00Z",
        "2026-04-11 9:30:00.1234567 -05",
        "2026-04-11T09:30:00.5",
        "2026-04-11T09:30:00 +14:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59.999999-12:00",
        "2026-04-11T23:59:59-23:59",
    ],
)
def test_possible_timestamps_read_as_pyyaml_reads_them(loader: str, text: str) -> None:
    ours = yaml_text.parse(f"x: {text}\n").data["x"]
    theirs = yaml.safe_load(f"x: {text}\n")["x"]
    assert (type(ours), ours, ours.isoformat()) == (type(theirs), theirs, theirs.isoformat())


def test_finite_numbers_and_numbers_as_text_are_kept(loader: str) -> None:
    data = yaml_text.parse("a: 1.5e+300\nb: '.inf'\nc: -0.0\nd: " + "9" * 4000 + "\n").data
    assert data == {"a": 1.5e300, "b": ".inf", "c": -0.0, "d": int("9" * 4000)}
