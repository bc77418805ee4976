"""`reviewdesk check --spelling` as a pipeline runs it: a real process, real dictionaries."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.core.user_files import personal_words_file
from tests.conftest import MakeBundle, run_reviewdesk
from tests.spelling_dictionaries import dictionary

CLEAN_YAML = (
    "format: reviewdesk/1\ntitle: A kettle\nsummary: It boils water.\n"
    "seo: {title: Kettle, description: 'A kettle that boils water quickly and quietly, "
    "reviewed after a month of use.'}\nauthors: [Jane Doe]\n"
)


def test_misspellings_are_listed_with_their_lines_and_exit_1(make_bundle: MakeBundle) -> None:
    dictionary("en")
    yaml_text = CLEAN_YAML + "pros:\n  - Quick\n  - Quiet\n  - teh best\n"
    folder = make_bundle(yaml_text, "It boils.\n\n```\nboyl()\n```\n\nWe recieve it `teh`.\n")
    done = run_reviewdesk("check", "--spelling", folder)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert "warning: subject.name:" in lines[0]  # the other checks', then spelling's
    assert lines[1:] == [
        f"{folder / 'review.yaml'}:9: warning: pros.2: spelling: 'teh' (the?)",
        f"{folder / 'body.md'}:7: warning: body: spelling: 'recieve' (receive?)",
    ]
    plain = run_reviewdesk("check", folder)  # without --spelling: not looked at
    assert (plain.returncode, plain.stderr.splitlines()) == (0, lines[:1])


def test_a_clean_review_exits_0_with_its_other_warnings(make_bundle: MakeBundle) -> None:
    dictionary("en")
    folder = make_bundle("format: reviewdesk/1\ntitle: A kettle\n", "It boils water.\n")
    done = run_reviewdesk("check", "--spelling", folder)
    assert done.returncode == 0
    assert "warning: summary: is empty" in done.stderr
    assert "spelling" not in done.stderr


def test_the_writers_and_the_sites_words_are_not_flagged(
    make_bundle: MakeBundle, tmp_path: Path
) -> None:
    dictionary("en")
    folder = make_bundle(CLEAN_YAML, "Glenrock and Kestrelwood.\n")
    assert run_reviewdesk("check", "--spelling", folder).returncode == 1
    personal_words_file().parent.mkdir(parents=True)
    personal_words_file().write_text("glenrock\n", encoding="utf-8")
    site = tmp_path / ".reviewdesk" / "words.txt"  # the folder above the bundle
    site.parent.mkdir()
    site.write_text("# the site's names\nKestrelwood\n", encoding="utf-8")
    done = run_reviewdesk("check", "--spelling", folder)
    assert (done.returncode, done.stderr) == (0, "")


def test_the_language_picks_the_dictionary(make_bundle: MakeBundle) -> None:
    dictionary("de")
    folder = make_bundle(CLEAN_YAML + "language: de\n", "Die Straße ist schön, aber nass.\n")
    done = run_reviewdesk("check", "--spelling", folder)
    assert done.returncode == 1
    assert "body.md:1: warning: body: spelling: 'nass'" not in done.stderr
    assert "review.yaml:2: warning: title: spelling: 'kettle'" in done.stderr


def test_a_missing_dictionary_is_named_and_exits_1(make_bundle: MakeBundle) -> None:
    folder = make_bundle(CLEAN_YAML + "language: kl\n", "Teh wrod.\n")
    done = run_reviewdesk("check", "--spelling", folder)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{folder / 'review.yaml'}:6: warning: language: no kl dictionary for spell checking "
        "the review's language (kl) (Debian: apt install hunspell-kl)"
    ]


def test_several_bundles_and_a_broken_one(make_bundle: MakeBundle) -> None:
    dictionary("en")
    good = make_bundle(CLEAN_YAML, "Fine words.\n", name="good")
    typo = make_bundle(CLEAN_YAML, "A wrod.\n", name="typo")
    broken = make_bundle("format: reviewdesk/1\n", "x\n", name="broken")
    done = run_reviewdesk("check", "--spelling", good, broken, typo)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == f"{broken / 'review.yaml'}:1: title: is required"
    assert lines[1:] == [f"{typo / 'body.md'}:1: warning: body: spelling: 'wrod' (word?)"]
