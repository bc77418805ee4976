from pathlib import Path

import pytest

from reviewdesk.core import bundle, library


def make(parent: Path, name: str, tags: list[str]) -> Path:
    """A real bundle `parent/name` holding `tags`."""
    folder = parent / name
    review = bundle.create(folder, f"Review {name}")
    bundle.save(review.model_copy(update={"tags": tags}), folder)
    return folder


def test_tags_of_the_siblings_unique_and_sorted_ignoring_case(tmp_path: Path) -> None:
    own = make(tmp_path, "a-own", ["Own Tag", "shared"])
    make(tmp_path, "b-first", ["Zeta", "multimodal AI", "Shared"])
    make(tmp_path, "c-second", ["Multimodal AI", "alpha", "Example Labs"])
    assert library.sibling_tags(own).tags == [
        "alpha",
        "Example Labs",
        "multimodal AI",  # b-first comes before c-second: its spelling wins
        "Shared",
        "Zeta",
    ]


def test_the_folder_itself_and_broken_or_foreign_folders_are_skipped(tmp_path: Path) -> None:
    own = make(tmp_path, "own", ["Mine"])
    make(tmp_path, "good", ["Good"])
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "review.yaml").write_text("format: reviewdesk/1\ntitle: [unclosed\n")
    (broken / "body.md").write_text("")
    no_body = make(tmp_path, "no-body", ["Lost"])
    (no_body / "body.md").unlink()
    (tmp_path / "not-a-bundle").mkdir()
    (tmp_path / "not-a-bundle" / "notes.txt").write_text("tags: [Nope]")
    (tmp_path / "a-file.yaml").write_text("tags: [Nope]")
    found = library.sibling_tags(own)
    assert found.tags == ["Good"]
    assert [note.split(": ", 1)[0] for note in found.notes] == [
        "tags of ../broken not offered",
        "tags of ../no-body not offered",
    ]
    assert found.notes[1] == "tags of ../no-body not offered: its body.md: is missing"


def test_a_review_alone_or_a_missing_folder_has_no_siblings(tmp_path: Path) -> None:
    assert library.sibling_tags(make(tmp_path, "alone", ["Solo"])) == library.SiblingTags([], [])
    assert library.sibling_tags(tmp_path / "missing" / "review") == library.SiblingTags([], [])


def test_a_new_unsaved_folder_sees_its_future_siblings(tmp_path: Path) -> None:
    make(tmp_path, "saved", ["Saved"])
    assert library.sibling_tags(tmp_path / "not-yet-saved").tags == ["Saved"]


def test_the_work_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = make(tmp_path, "own", [])
    for index in range(6):
        make(tmp_path, f"other-{index}", [f"Tag {index}"])
    loaded: list[Path] = []
    load = bundle.load

    def counting_load(path: Path) -> object:
        loaded.append(path)
        return load(path)

    monkeypatch.setattr(library, "MAX_SIBLINGS", 3)
    monkeypatch.setattr(bundle, "load", counting_load)
    assert len(library.sibling_tags(own).tags) <= 3
    assert 2 <= len(loaded) <= 3


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (
            "published: 2026-02-30",
            "published: 2026-02-30 is not a date (day is out of range for month)",
        ),
        (
            "updated: 2026-04-11T25:00:00+02:00",
            "updated: 2026-04-11T25:00:00+02:00 is not a date-time (hour must be in 0..23)",
        ),
        (
            "extra: {when: 0000-01-01}",
            "extra.when: 0000-01-01 is not a date (year 0 is out of range)",
        ),
        ("rating: {value: .nan}", "rating.value: .nan is not a finite number"),
    ],
)
def test_a_sibling_with_an_impossible_value_is_skipped_with_a_note(
    tmp_path: Path, value: str, reason: str
) -> None:
    """Such a typo in any review of the folder stopped every review beside it from opening."""
    own = make(tmp_path, "a-own", [])
    make(tmp_path, "b-good", ["Benchmarks"])
    typo = make(tmp_path, "c-typo", ["Lost"])
    text = (typo / "review.yaml").read_text(encoding="utf-8")
    (typo / "review.yaml").write_text(f"{text}{value}\n", encoding="utf-8")
    make(tmp_path, "d-good", ["Quiet"])
    line = text.count("\n") + 1
    assert library.sibling_tags(own) == library.SiblingTags(
        ["Benchmarks", "Quiet"],
        [f"tags of ../c-typo not offered: its review.yaml:{line}: {reason}"],
    )
