from pathlib import Path

import pytest

from reviewdesk.core import bundle, render
from reviewdesk.core.media_types import IMAGE_TYPES, image_filter, is_image_name, media_type
from reviewdesk.core.publish.images import bundle_images
from tests.conftest import MakeBundle


@pytest.fixture
def webp_review(make_bundle: MakeBundle) -> Path:
    folder = make_bundle(
        "format: reviewdesk/1\ntitle: T\nhero:\n  image: assets/shot.webp\n  alt: A shot\n",
        "![Chart](assets/chart.WEBP)\n",
    )
    (folder / "assets").mkdir()
    for name in ("shot.webp", "chart.WEBP"):
        (folder / "assets" / name).write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    return folder


@pytest.mark.usefixtures("bare_machine")
def test_every_image_a_review_holds_has_its_type_on_a_bare_machine() -> None:
    for suffix in IMAGE_TYPES:
        assert media_type(f"assets/a{suffix}").startswith("image/"), suffix
        assert media_type(f"A{suffix.upper()}") == media_type(f"a{suffix}")
    assert media_type("shot.webp") == "image/webp"
    assert media_type("chart.svg") == "image/svg+xml"


@pytest.mark.usefixtures("bare_machine")
def test_a_page_embeds_and_publishing_uploads_webp_as_webp(webp_review: Path) -> None:
    """The standalone page's data: URIs and the uploads to Ghost, which refuses an image sent
    as application/octet-stream."""
    review = bundle.load(webp_review)
    found, warnings = render.local_assets(review, webp_review)
    assert len(found) == 2, warnings
    uris = render.data_uris(found)
    assert all(uri.startswith("data:image/webp;base64,") for uri in uris.values()), uris
    images, _ = bundle_images(review, webp_review)
    assert [image.mime for image in images] == ["image/webp", "image/webp"]


def test_other_files_are_typed_by_the_machine_or_unknown() -> None:
    assert media_type("notes.txt") == "text/plain"
    assert media_type("data.no-such-kind") == "application/octet-stream"
    assert media_type("no-suffix") == "application/octet-stream"


def test_the_dialogs_offer_the_images_a_review_holds() -> None:
    assert image_filter() == "Images (*.png *.jpg *.jpeg *.gif *.webp *.svg)"
    assert is_image_name("Photo.JPG")
    assert not is_image_name("photo.jpg.txt")
    assert not is_image_name("photo")
