"""How the window and its preview are drawn: through the GPU, or by the CPU alone where there is
no GPU to draw with. Chosen before the application exists (Qt reads it as the first window is
made, QtWebEngine as it starts), from what the machine has; no Qt here, nothing loaded.

With a GPU, the window is drawn through Qt's RHI from its first paint, as it must be once the
preview's web view is in it: without that, the web view, made after the first paint, makes Qt
destroy the window and map it anew (on Xvfb, mapped at 0.7 s, then again at 1.3 s, blank
between).

Without one (Mesa's llvmpipe: a virtual machine, a server, Xvfb), OpenGL would be the CPU
emulating a GPU: the web view is drawn by Qt Quick's software renderer and Chromium's own
(--disable-gpu), the window by Qt's raster engine, and OpenGL is never loaded. On Xvfb: the
main process some 80 MiB smaller (llvmpipe's LLVM, its buffers and contexts), the preview
ready sooner, the window mapped once all the same."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"
NO_GPU = "--disable-gpu"
_NO_DRAWING = ("offscreen", "minimal")  # platforms that show nothing, tests and smoke runs
_MESA_TRUE = ("1", "true", "y", "yes")  # as Mesa reads a boolean variable; anything else: no


def set_up_drawing(
    environ: MutableMapping[str, str] = os.environ, devices: Path = Path("/dev")
) -> None:
    """Before the application: the GPU's way where there is one, else the CPU's. What the
    writer set (QT_WIDGETS_RHI, QT_QUICK_BACKEND, GPU or GL switches) is kept."""
    if environ.get("QT_QPA_PLATFORM", "") in _NO_DRAWING:
        return
    if drawn_in_software(environ, devices):
        if environ.setdefault("QT_QUICK_BACKEND", "software") == "software":
            # Nothing draws through OpenGL: X11's is never loaded, and QtWebEngine's look at
            # the GPU (an RHI it makes to read the vendor) takes RHI's null backend.
            environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
            environ.setdefault("QSG_RHI_BACKEND", "null")
        environ[FLAGS] = without_gpu(environ.get(FLAGS, ""))
    else:
        environ.setdefault("QT_WIDGETS_RHI", "1")


def drawn_in_software(
    environ: MutableMapping[str, str] = os.environ, devices: Path = Path("/dev")
) -> bool:
    """Whether OpenGL here can only be drawn by the CPU (Linux): asked to be
    (LIBGL_ALWAYS_SOFTWARE), or no GPU device at all (no DRM device, no NVIDIA one, no
    Windows GPU of WSL's). A GPU the X server cannot use (a remote desktop's) is found later,
    by engine_start."""
    if not sys.platform.startswith("linux"):
        return False
    if environ.get("LIBGL_ALWAYS_SOFTWARE", "").strip().lower() in _MESA_TRUE:
        return True
    try:
        gpus = [*(devices / "dri").glob("*"), *devices.glob("nvidia*"), *devices.glob("dxg")]
    except OSError:
        return False
    return not gpus


def chooses_gpu(flags: str) -> bool:
    """Whether QtWebEngine's switches `flags` say anything of the GPU or GL."""
    return any("gpu" in switch or switch.startswith(("--use-gl", "--use-angle"))
               for switch in flags.split())  # fmt: skip


def without_gpu(flags: str) -> str:
    """`flags` with --disable-gpu, unless they choose the GPU's use themselves."""
    return flags if chooses_gpu(flags) else f"{flags} {NO_GPU}".strip()
