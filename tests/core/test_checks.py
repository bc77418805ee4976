import os
from pathlib import Path

import pytest

from bench.images import write_png, write_png_claiming
from reviewdesk.core import assets, checks
from reviewdesk.core.problems import Problem, Severity
from tests.conftest import MakeBundle

GOOD_SEO = (
    "seo:\n  description: " + "A description long enough for a search result to show it." + "\n"
)


def lines(problems: list[Problem], folder: Path) -> list[str]:
    return [str(p).removeprefix(f"{folder}{os.sep}") for p in problems]


def test_the_sample_passes_every_check(sample_bundle: Path) -> None:
    assert checks.check(sample_bundle) == []


def test_validate_reports_load_errors(make_bundle: MakeBundle) -> None:
    folder = make_bundle("format: reviewdesk/1\ntitle: T\npros: 7\n")
    assert lines(checks.validate(folder), folder) == ["review.yaml:3: pros: should be a valid list"]


def test_images_that_leave_the_bundle_are_errors(make_bundle: MakeBundle, tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"x")
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: T\nhero:\n  image: assets/link.png\n  alt: A\n",
        "Text\n\n![a](../secret.png)\n\n<img src='/etc/passwd' alt=''>\n![b](assets/link.png)\n",
    )
    (folder / "assets").mkdir()
    os.symlink(tmp_path / "secret.png", folder / "assets" / "link.png")
    assert lines(checks.validate(folder), folder) == [
        "review.yaml:4: hero.image: 'assets/link.png' is a link to a file outside the review",
        "body.md:3: body: image '../secret.png' uses '..'; give the path from the bundle's "
        "folder down",
        "body.md:6: body: image 'assets/link.png' is a link to a file outside the review",
    ]


def test_publishing_checks_with_levels(make_bundle: MakeBundle) -> None:
    folder = make_bundle(
        "format: reviewdesk/1\n"
        f"title: {'Long title ' * 7}\n"
        "hero:\n  image: assets/missing.png\n"
        "pros: [Only one, '']\n"
        "key_features: [Same, same]\n"
        "seo:\n  title: Short\n  description: Too short\n"
        "titel: typo\n",
        "![](assets/gone.png)\n",
    )
    found = {(p.field, p.severity, p.line): p.message for p in checks.check(folder)}
    assert found == {
        ("title", Severity.WARNING, 2): "is 76 characters; search results show about 60",
        ("summary", Severity.WARNING, 1): "is empty; the summary box will be missing",
        ("authors", Severity.WARNING, 1): "none given; search engines show reviews with an author",
        ("seo.description", Severity.WARNING, 9): "is 9 characters; search results show 50-160",
        (
            "hero.alt",
            Severity.ERROR,
            3,
        ): "is missing; describe the image for readers who cannot see it",
        ("hero.image", Severity.ERROR, 4): "'assets/missing.png' does not exist",
        ("pros", Severity.WARNING, 5): (
            "this review cannot get a pros/cons rich result: it has one pro or con, and search "
            "engines want at least 2 in all"
        ),
        ("subject.name", Severity.WARNING, 1): (
            "this review cannot get a pros/cons rich result: nothing names the product it "
            "reviews; give the subject's name"
        ),
        ("pros.1", Severity.ERROR, 5): "is empty",
        ("key_features.1", Severity.WARNING, 6): "repeats 'same'",
        ("body", Severity.ERROR, 1): "image 'assets/gone.png' does not exist",
        ("titel", Severity.WARNING, 10): (
            "is not a reviewdesk/1 key; it is kept but not shown (use 'extra:')"
        ),
    } | {("body", Severity.WARNING, 1): "image 'assets/gone.png' has no alt text"}


def test_a_clean_minimal_review_only_warns(make_bundle: MakeBundle) -> None:
    folder = make_bundle("format: reviewdesk/1\ntitle: T\nsummary: S\nauthors: [Ann]\n" + GOOD_SEO)
    assert checks.check(folder) == []


def test_images_too_large_to_publish_are_warned_of_by_their_header_alone(
    make_bundle: MakeBundle,
) -> None:
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: T\nsummary: S\nauthors: [Ann]\n"
        + GOOD_SEO
        + "hero:\n  image: assets/hero.png\n  alt: A\n",
        "![Chart](assets/chart.png)\n\n![Scan](assets/scan.png)\n\n![Fine](assets/fine.png)\n",
    )
    (folder / "assets").mkdir()
    write_png_claiming(folder / "assets" / "hero.png", 60_000, 40_000)  # never decoded
    write_png(folder / "assets" / "chart.png", 3000, 1000)
    (folder / "assets" / "scan.png").write_bytes(os.urandom(6 * 1024 * 1024))  # no header
    write_png(folder / "assets" / "fine.png", 2560, 1440)
    warnings = {(p.field, p.line): p.message for p in checks.check(folder)}
    x = "\N{MULTIPLICATION SIGN}"
    plenty = "2,560 px on the long side is plenty for a page"
    assert warnings == {
        ("hero.image", 8): f"'assets/hero.png' is 60,000 {x} 40,000 px, 0 KB; {plenty}",
        ("body", 1): f"image 'assets/chart.png' is 3,000 {x} 1,000 px, 42 KB; {plenty}",
        (
            "body",
            3,
        ): "image 'assets/scan.png' is 6.0 MB; readers download all of it, so compress it",
    }
    write_png(folder / "assets" / "chart.png", 1200, 400)  # resized: the warning goes
    assert ("body", 1) not in {(p.field, p.line) for p in checks.check(folder)}


def test_an_image_shown_many_times_is_looked_at_once(
    make_bundle: MakeBundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks run on the UI thread whenever typing pauses: 500 `<img src=x>` once cost
    1,500 path resolutions (120 ms) each time."""
    folder = make_bundle("format: reviewdesk/1\ntitle: T\n", '<img src="x.png">\n' * 500)
    resolved: list[str] = []
    real = assets.resolve

    def counted(folder: Path, src: str) -> Path:
        resolved.append(src)
        return real(folder, src)

    monkeypatch.setattr(assets, "resolve", counted)
    found = checks.check(folder)
    assert resolved == ["x.png"]
    assert sum("'x.png' does not exist" in p.message for p in found) == 500


@pytest.mark.parametrize("status", ["draft", "ready", "published"])
def test_a_published_review_without_a_date_is_warned_of(
    make_bundle: MakeBundle, status: str
) -> None:
    """Exports date it themselves (tests/core/test_exports_publication.py), each anew: the
    writer is told, on the date field, at the status's line."""
    folder = make_bundle(
        f"format: reviewdesk/1\ntitle: T\nsummary: S\nauthors: [Ann]\nstatus: {status}\n" + GOOD_SEO
    )
    found = [(p.field, p.line, p.severity, p.message) for p in checks.check(folder)]
    if status != "published":
        assert found == []
        return
    assert found == [
        (
            "published",
            5,
            Severity.WARNING,
            "Status is published but there is no publication date; today's date will be "
            "used when exported",
        )
    ]
    dated = make_bundle(
        "format: reviewdesk/1\ntitle: T\nsummary: S\nauthors: [Ann]\nstatus: published\n"
        "published: 2026-04-11\n" + GOOD_SEO,
        name="dated",
    )
    assert checks.check(dated) == []


@pytest.mark.parametrize(
    "tag", ["en", "en-GB", "de-CH-1996", "sr-Latn-RS", "zh-Hant-TW", "es-419", "en-x-house"]
)
def test_a_well_formed_language_tag_passes(make_bundle: MakeBundle, tag: str) -> None:
    folder = make_bundle(f"format: reviewdesk/1\ntitle: T\nlanguage: {tag}\n")
    assert [p for p in checks.check(folder) if p.field == "language"] == []


@pytest.mark.parametrize("tag", ["en-G", "en-GB1", "de-CHX-1", "en-GB-1"])
def test_a_typo_in_the_language_tag_is_named_with_its_line(
    make_bundle: MakeBundle, tag: str
) -> None:
    # "en-G" loaded and exported: its pages carried a lang browsers and the checkers refuse.
    folder = make_bundle(f"format: reviewdesk/1\ntitle: T\nlanguage: {tag}\n")
    found = [p for p in checks.check(folder) if p.field == "language"]
    assert lines(found, folder) == [
        f"review.yaml:3: warning: language: '{tag}' is not a language tag browsers know "
        "(such as en, en-GB, de or pt-BR): each subtag has its own length"
    ]
    assert found[0].severity == Severity.WARNING
