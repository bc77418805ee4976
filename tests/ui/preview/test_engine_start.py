"""QtWebEngine starts without the GPU where OpenGL is drawn in software, and as told otherwise."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from bench import peers
from reviewdesk.ui.drawing import NO_GPU
from reviewdesk.ui.preview.engine_start import DARK_PAGES, in_scheme, switches
from tests.missing_tools import require

LLVMPIPE = "llvmpipe (LLVM 15.0.6, 256 bits)"


@pytest.mark.parametrize(
    "renderer",
    [LLVMPIPE, "softpipe", "Software Rasterizer", "Google SwiftShader", "GDI Generic",
     "Microsoft Basic Render Driver"],
)  # fmt: skip
def test_a_software_renderer_starts_the_engine_without_the_gpu(renderer: str) -> None:
    assert switches("", lambda: renderer) == NO_GPU
    assert switches("--no-sandbox", lambda: renderer) == f"--no-sandbox {NO_GPU}"


@pytest.mark.parametrize(
    "renderer",
    [None, "Mesa Intel(R) UHD Graphics 620 (KBL GT2)", "AMD Radeon RX 6600 (radeonsi, navi23)",
     "NVIDIA GeForce RTX 3060/PCIe/SSE2", "Apple M2"],
)  # fmt: skip
def test_a_gpu_or_an_unknown_renderer_leaves_the_switches_alone(renderer: str | None) -> None:
    assert switches("--no-sandbox", lambda: renderer) == "--no-sandbox"


@pytest.mark.parametrize(
    "flags", ["--enable-gpu-rasterization", "--ignore-gpu-blocklist", "--use-gl=angle",
              "--use-angle=swiftshader", NO_GPU],
)  # fmt: skip
def test_switches_that_choose_the_gpu_are_kept_and_no_gl_is_asked(flags: str) -> None:
    """The writer's own, or ui/drawing.py's for a machine with no GPU: the window draws
    without OpenGL there, and asking GL_RENDERER would start it."""

    def asked() -> str:
        raise AssertionError("GL was asked")

    assert switches(f"--no-sandbox {flags}", asked) == f"--no-sandbox {flags}"


_PROBE = """
import json, os
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
from reviewdesk.ui.preview.engine_start import before_web_engine, gl_renderer
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QApplication([])
before_web_engine()
print(json.dumps({"renderer": gl_renderer(), "flags": os.environ["QTWEBENGINE_CHROMIUM_FLAGS"]}))
"""


def test_on_a_real_x_server_drawn_by_mesa_in_software_the_engine_gets_no_gpu() -> None:
    """Xvfb has no GPU: the OpenGL that Qt makes there is Mesa's llvmpipe, as on a virtual
    machine's desktop. The app's own start-up code reads it through the context it shares."""
    require("Xvfb", shutil.which("Xvfb"))
    with peers.xvfb() as display:
        env = {
            **os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
            "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
        }  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=60
        )
    assert done.returncode == 0, done.stderr[-2000:]
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert "llvmpipe" in shown["renderer"]
    assert shown["flags"] == f"--no-sandbox {NO_GPU}"


@pytest.mark.parametrize("dark", [True, False])
def test_a_dark_app_starts_the_engine_with_pages_preferring_dark(dark: bool) -> None:
    assert in_scheme("--no-sandbox", dark=dark) == (
        f"--no-sandbox {DARK_PAGES}" if dark else "--no-sandbox"
    )
    own = "--blink-settings=preferredColorScheme=1"  # the writer's, kept as they are
    assert in_scheme(own, dark=dark) == own


_SCHEME_PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication
from reviewdesk.ui.color_scheme import apply_color_scheme
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QApplication([])
apply_color_scheme(sys.argv[1])
from reviewdesk.ui.preview.page_view import PageView
view = PageView(lambda: None)
view.show()
view.shown.connect(lambda: view.run_js_async(
    "matchMedia('(prefers-color-scheme: dark)').matches", lambda seen: (print(seen), app.quit())))
view.show_page("<!doctype html><title>t</title><p>A page.</p>")
QTimer.singleShot(30_000, app.quit)
app.exec()
"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_in_a_dark_app_a_page_prefers_dark_from_its_start(scheme: str) -> None:
    """Chromium's own preference, not the script's rules switched once the page is parsed:
    a page's first frame was light in a dark window."""
    env = {
        **os.environ, "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --disable-gpu",
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", _SCHEME_PROBE, scheme],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == (["True"] if scheme == "dark" else ["False"])
