from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.images import write_png, write_png_claiming
from reviewdesk.core.image_size import ImageSize, measure, too_large

HEADERS = [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"RIFF\0\0\0\0WEBP", b"<svg", b""]


def test_a_header_gives_the_size_without_decoding(tmp_path: Path) -> None:
    size = measure(write_png_claiming(tmp_path / "bomb.png", 60_000, 60_000))
    assert size is not None and (size.width, size.height) == (60_000, 60_000)
    assert size.file_bytes < 1024


def test_what_is_too_large(tmp_path: Path) -> None:
    assert too_large(ImageSize(2560, 1600, 900_000)) is None
    assert too_large(ImageSize(1600, 2561, 900_000)) is not None
    assert too_large(ImageSize(None, None, 5 * 1024 * 1024)) is None
    assert too_large(ImageSize(None, None, 5 * 1024 * 1024 + 1)) is not None
    assert measure(tmp_path / "missing.png") is None


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".gif", ".webp", ".svg"])
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.sampled_from(HEADERS), rest=st.binary(max_size=400))
def test_any_bytes_in_an_image_file_measure_without_an_error(
    tmp_path: Path, suffix: str, header: bytes, rest: bytes
) -> None:
    path = tmp_path / f"image{suffix}"
    path.write_bytes(header + rest)
    size = measure(path)
    assert size is not None and size.file_bytes == len(header + rest)
    assert (size.width is None) == (size.height is None)


def test_a_changed_file_is_measured_again(tmp_path: Path) -> None:
    path = write_png(tmp_path / "photo.png", 3000, 2000)
    assert measure(path) == ImageSize(3000, 2000, path.stat().st_size)
    write_png(path, 300, 200)
    assert measure(path) == ImageSize(300, 200, path.stat().st_size)
