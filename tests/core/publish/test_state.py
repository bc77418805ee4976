"""publish.yaml: read back as written, readable, and bad content named in one line."""

from pathlib import Path

import pytest

from reviewdesk.core import bundle
from reviewdesk.core.problems import BundleError
from reviewdesk.core.publish import state
from reviewdesk.core.publish.state import PublishState, SiteState, UploadedImage

DIGEST = "a" * 64
GHOST_ID = "65f0c0ffee00000000000001"


def _state() -> PublishState:
    image = UploadedImage(7, "https://example.org/wp-content/uploads/hero.png", "assets/hero.png")
    return PublishState(
        {
            "blog": SiteState(
                42,
                "https://example.org/review/",
                "2026-04-11T09:30:00",
                "sha256:00",
                "sha256:01",
                {DIGEST: image},
            ),
            "another": SiteState(3),
            "ghost": SiteState(
                GHOST_ID,
                "https://example.org/a-review/",
                sent_hash="sha256:02",
                kept_hash="sha256:03",
                media={DIGEST: UploadedImage(0, "https://example.org/content/images/hero.png")},
                updated_at="2026-04-11T09:30:00.000Z",
            ),
        }
    )


def test_an_unpublished_bundle_has_no_state(sample_bundle: Path) -> None:
    assert state.read(sample_bundle) == PublishState()


def test_state_reads_back_as_written_in_sorted_readable_yaml(sample_bundle: Path) -> None:
    state.write(sample_bundle, _state())
    assert state.read(sample_bundle) == _state()
    text = (sample_bundle / "publish.yaml").read_text()
    assert text.startswith("# Where this review was published")
    assert text.index("another:") < text.index("blog:")
    assert "    post_id: 42\n" in text
    assert f"      {DIGEST}:\n        id: 7\n" in text


def test_saving_the_review_leaves_publish_yaml_alone(sample_bundle: Path) -> None:
    state.write(sample_bundle, _state())
    before = (sample_bundle / "publish.yaml").stat()
    review = bundle.load(sample_bundle)
    bundle.save(review.model_copy(update={"title": "Another title"}), sample_bundle)
    after = (sample_bundle / "publish.yaml").stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert state.read(sample_bundle) == _state()


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("sites: [1]\n", 1, "sites", "must be a mapping of names"),
        ("sites:\n  blog:\n    post_id: x\n", 3, "sites.blog.post_id", "must be a whole number"),
        ("sites:\n  blog:\n    post_id: true\n", 3, "sites.blog.post_id", "must be a whole number"),
        ("sites:\n  blog:\n    post_id: 0\n", 3, "sites.blog.post_id", "above 0"),
        ("sites:\n  blog:\n    link: x\n", 2, "sites.blog", "has no post_id"),
        ("sites:\n  blog:\n    post_id: 1\n    secret: x\n", 4, "sites.blog.secret", "not a known"),
        (
            "sites:\n  blog:\n    post_id: 1\n    media:\n      abc: {id: 2}\n",
            5,
            "sites.blog.media.abc",
            "needs a url",
        ),
        ("sites: {a: 1\n", 2, "", "invalid YAML"),
    ],
)
def test_bad_content_is_one_problem_naming_file_line_and_field(
    sample_bundle: Path, text: str, line: int, field: str, message: str
) -> None:
    (sample_bundle / "publish.yaml").write_text(text)
    with pytest.raises(BundleError) as caught:
        state.read(sample_bundle)
    (problem,) = caught.value.problems
    assert problem.file == sample_bundle / "publish.yaml"
    assert problem.field == field
    assert message in problem.message
    if field:
        assert problem.line == line


def test_a_link_out_of_the_bundle_is_not_read(sample_bundle: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("sites: {}\n")
    (sample_bundle / "publish.yaml").symlink_to(outside)
    with pytest.raises(BundleError, match="outside the review"):
        state.read(sample_bundle)
