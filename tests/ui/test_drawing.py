"""The window and the preview are drawn through the GPU where there is one, by the CPU alone
where there is none, and as the writer set otherwise."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reviewdesk.ui.drawing import NO_GPU, drawn_in_software, set_up_drawing

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's devices")


def _devices(tmp_path: Path, *names: str) -> Path:
    devices = tmp_path / "dev"
    (devices / "dri").mkdir(parents=True)
    for name in names:
        (devices / name).touch()
    return devices


@pytest.mark.parametrize("gpu", ["dri/card0", "dri/renderD128", "nvidia0", "dxg"])
def test_a_gpu_device_draws_through_the_gpu_from_the_first_paint(tmp_path: Path, gpu: str) -> None:
    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}
    set_up_drawing(environ, _devices(tmp_path, gpu))
    assert environ == {"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox", "QT_WIDGETS_RHI": "1"}


def test_no_gpu_device_draws_with_the_cpu_alone_and_never_starts_opengl(tmp_path: Path) -> None:
    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}
    set_up_drawing(environ, _devices(tmp_path))
    assert environ == {
        "QTWEBENGINE_CHROMIUM_FLAGS": f"--no-sandbox {NO_GPU}",
        "QT_QUICK_BACKEND": "software",
        "QT_XCB_GL_INTEGRATION": "none",
        "QSG_RHI_BACKEND": "null",
    }
    no_dri = tmp_path / "bare"
    no_dri.mkdir()
    assert drawn_in_software({}, no_dri)


@pytest.mark.parametrize(
    ("value", "software"),
    [("1", True), ("true", True), ("Yes", True), ("0", False), ("no", False), ("", False)],
)
def test_mesa_asked_for_software_is_taken_at_its_word(
    tmp_path: Path, value: str, software: bool
) -> None:
    devices = _devices(tmp_path, "dri/card0")
    assert drawn_in_software({"LIBGL_ALWAYS_SOFTWARE": value}, devices) is software


def test_what_the_writer_set_is_kept(tmp_path: Path) -> None:
    """Asked to draw through OpenGL all the same (README), OpenGL is left loadable."""
    environ = {
        "QT_QUICK_BACKEND": "rhi",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--enable-gpu-rasterization",
    }  # fmt: skip
    set_up_drawing(environ, _devices(tmp_path))
    assert environ == {
        "QT_QUICK_BACKEND": "rhi",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--enable-gpu-rasterization",
    }  # fmt: skip
    gl_kept = {"QT_XCB_GL_INTEGRATION": "xcb_glx"}
    set_up_drawing(gl_kept, _devices(tmp_path / "again"))
    assert gl_kept["QT_XCB_GL_INTEGRATION"] == "xcb_glx"
    chosen = {"QT_WIDGETS_RHI": "0"}
    set_up_drawing(chosen, _devices(tmp_path / "gpu", "dri/card0"))
    assert chosen == {"QT_WIDGETS_RHI": "0"}


@pytest.mark.parametrize("platform", ["offscreen", "minimal"])
def test_a_platform_that_shows_nothing_is_left_as_it_is(tmp_path: Path, platform: str) -> None:
    environ = {"QT_QPA_PLATFORM": platform}
    set_up_drawing(environ, _devices(tmp_path))
    assert environ == {"QT_QPA_PLATFORM": platform}
