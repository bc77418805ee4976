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
    assert library.sibling_tags(own) == [
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
    assert library.sibling_tags(own) == ["Good"]


def test_a_review_alone_or_a_missing_folder_has_no_siblings(tmp_path: Path) -> None:
    assert library.sibling_tags(make(tmp_path, "alone", ["Solo"])) == []
    assert library.sibling_tags(tmp_path / "missing" / "review") == []


def test_a_new_unsaved_folder_sees_its_future_siblings(tmp_path: Path) -> None:
    make(tmp_path, "saved", ["Saved"])
    assert library.sibling_tags(tmp_path / "not-yet-saved") == ["Saved"]


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
    assert len(library.sibling_tags(own)) <= 3
    assert 2 <= len(loaded) <= 3
