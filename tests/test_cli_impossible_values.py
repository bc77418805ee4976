"""Dates and numbers no review can hold, through every command: one line naming the file,
its line and the field, exit code 1, nothing written, never a traceback. An unquoted
`published: 2026-02-30` made PyYAML raise ValueError out of validate, check and every export."""

from pathlib import Path

import pytest

from reviewdesk.core import bundle
from reviewdesk.core.exports import FORMATS
from tests.conftest import run_reviewdesk

NO_DAY = "is not a date (day is out of range for month)"
# A line added to a review.yaml, and what is said of it after `FILE:LINE: `.
IMPOSSIBLE = {
    "day 30 of February": ("published: 2026-02-30", f"published: 2026-02-30 {NO_DAY}"),
    "hour 25": (
        "published: 2026-04-11T25:00:00+02:00",
        "published: 2026-04-11T25:00:00+02:00 is not a date-time (hour must be in 0..23)",
    ),
    "offset +99:00": (
        "updated: 2026-04-11T09:30:00+99:00",
        "updated: 2026-04-11T09:30:00+99:00 is not a date-time "
        "(the UTC offset +99:00 is beyond -23:59..+23:59)",
    ),
    "year 0": (
        "published: 0000-01-01",
        "published: 0000-01-01 is not a date (year 0 is out of range)",
    ),
    "in extra": ("extra: {checked: 2026-02-30}", f"extra.checked: 2026-02-30 {NO_DAY}"),
    "nested": (
        "extra: {history: [{when: 2026-04-31}]}",
        f"extra.history.0.when: 2026-04-31 {NO_DAY}",
    ),
    "unknown key": ("retested: [2026-02-30]", f"retested.0: 2026-02-30 {NO_DAY}"),
    "rating .inf": ("rating: {value: .inf}", "rating.value: .inf is not a finite number"),
    "rating .nan": ("rating: {value: .nan}", "rating.value: .nan is not a finite number"),
    "best .inf": ("rating: {value: 4, best: .inf}", "rating.best: .inf is not a finite number"),
    "worst -.inf": (
        "rating: {value: 4, worst: -.inf}",
        "rating.worst: -.inf is not a finite number",
    ),
}
COMMANDS = {
    "validate": ("validate",),
    "check": ("check",),
    **{f"export {name}": ("export", "--to", name) for name in FORMATS},
}


def typo_bundle(tmp_path: Path, line: str) -> Path:
    """A bundle made as the app makes one, with `line` added to its review.yaml (line 4)."""
    folder = tmp_path / "review"
    bundle.create(folder, "A review")
    text = (folder / "review.yaml").read_text(encoding="utf-8")
    assert text.count("\n") == 3
    (folder / "review.yaml").write_text(f"{text}{line}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
@pytest.mark.parametrize(("line", "problem"), IMPOSSIBLE.values(), ids=IMPOSSIBLE.keys())
def test_every_command_names_the_file_line_and_field(
    tmp_path: Path, command: tuple[str, ...], line: str, problem: str
) -> None:
    typo_bundle(tmp_path, line)
    output = ("-o", "out") if command[0] == "export" else ()
    done = run_reviewdesk(*command, "review", *output, cwd=tmp_path)
    assert (done.returncode, done.stderr, done.stdout) == (
        1,
        f"review/review.yaml:4: {problem}\n",
        "",
    )
    assert not (tmp_path / "out").exists()


FRONT_MATTER = {
    # ReviewDesk's own export: the keys of a review.yaml.
    "review": ("---\nformat: reviewdesk/1\ntitle: T\n{line}\n---\n\nBody\n", 4),
    # Hugo or Jekyll: the same keys land in a review or in its `extra`.
    "site": ("---\ntitle: T\n{line}\n---\n\nBody\n", 3),
}


@pytest.mark.parametrize("kind", FRONT_MATTER)
@pytest.mark.parametrize(("line", "problem"), IMPOSSIBLE.values(), ids=IMPOSSIBLE.keys())
def test_import_names_the_file_line_and_field(
    tmp_path: Path, kind: str, line: str, problem: str
) -> None:
    template, number = FRONT_MATTER[kind]
    (tmp_path / "post.md").write_text(template.format(line=line), encoding="utf-8")
    done = run_reviewdesk("import", "post.md", "-o", "imported", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (1, f"post.md:{number}: {problem}\n")
    assert not (tmp_path / "imported").exists()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            '+++\ntitle = "T"\n[rating]\nvalue = inf\n+++\n',
            "3: rating.value: should be a finite number",
        ),
        (
            '+++\ntitle = "T"\nweight = nan\n+++\n',
            "3: weight: weight is nan; numbers must be finite",
        ),
        (
            '{"title": "T", "rating": {"value": NaN}}\n',
            "1: rating.value: should be a finite number",
        ),
        (
            '{"title": "T", "extra": {"w": -Infinity}}\n',
            "1: extra: w is -inf; numbers must be finite",
        ),
    ],
)
def test_numbers_that_are_not_finite_in_toml_or_json_front_matter_are_refused(
    tmp_path: Path, text: str, problem: str
) -> None:
    """TOML and JSON (as Python reads it) hold them too: the review refuses them, naming the
    line of the key."""
    (tmp_path / "post.md").write_text(text, encoding="utf-8")
    done = run_reviewdesk("import", "post.md", "-o", "imported", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (1, f"post.md:{problem}\n")
    assert not (tmp_path / "imported").exists()
