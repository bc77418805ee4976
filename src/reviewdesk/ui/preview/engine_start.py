"""What QtWebEngine must be told before it starts: it reads its switches and locks its schemes
as its first profile is made. Every maker of the app's first QtWebEngine object calls
`before_web_engine` (the preview's view, the sign-in dialog); the window has painted by then.

Where OpenGL is drawn by the CPU (Mesa's llvmpipe in a virtual machine, a remote desktop, Xvfb),
QtWebEngine's GPU thread still draws the page through it, with the same CPU, and keeps its GL
contexts and buffers: some 7 MiB of the main process (measured on Xvfb), for no speed (the
preview is ready as soon without it). So the engine starts with --disable-gpu where the GL
that Qt made reads as a software renderer, unless the writer chose GPU or GL switches. (Where
the machine has no GPU device at all, ui/drawing.py chose so before the window, and the window
draws without OpenGL.)"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

from reviewdesk.ui.color_scheme import is_dark
from reviewdesk.ui.drawing import FLAGS, chooses_gpu, without_gpu
from reviewdesk.ui.preview.scheme import is_registered, register_scheme

SOFTWARE_RENDERERS = (
    "llvmpipe",  # Mesa's
    "softpipe",  # Mesa's
    "software rasterizer",  # Mesa's older swrast
    "swiftshader",  # Google's, as Chromium and ANGLE ship it
    "gdi generic",  # Windows' OpenGL 1.1
    "basic render driver",  # Windows' WARP
    "apple software renderer",
)
_GL_RENDERER = 0x1F01


DARK_PAGES = "--blink-settings=preferredColorScheme=0"
"""Pages prefer dark (CSS prefers-color-scheme) from their first paint: where the platform does
not say dark (a plain X11 session), the page's dark rules were switched on by a script once it
was parsed, and a first frame could be light in a dark window (preview/page_scheme.py switches
them at each change of the app's scheme after)."""


def before_web_engine() -> None:
    """Once, before QtWebEngine starts: the preview's scheme, the GPU off on software GL, and
    pages dark from the start in a dark app."""
    if is_registered():  # QtWebEngine may have started: too late for either
        return
    flags = switches(os.environ.get(FLAGS, ""), gl_renderer)
    os.environ[FLAGS] = in_scheme(flags, dark=is_dark(QGuiApplication.palette()))
    register_scheme()


def in_scheme(flags: str, *, dark: bool) -> str:
    """`flags` with DARK_PAGES when the app is `dark`; the writer's own Blink settings kept."""
    if not dark or "--blink-settings" in flags:
        return flags
    return f"{flags} {DARK_PAGES}".strip()


def switches(flags: str, renderer: Callable[[], str | None]) -> str:
    """QtWebEngine's switches `flags` with --disable-gpu added when `renderer()` (OpenGL's
    GL_RENDERER, None when unknown) is a software one. Flags that choose the GPU's use
    themselves (the writer's, or ui/drawing.py's) are kept, and no GL is asked: a window
    drawn without OpenGL would start it only to answer."""
    if chooses_gpu(flags):
        return flags
    found = renderer()
    return without_gpu(flags) if found is not None and is_software(found) else flags


def is_software(renderer: str) -> bool:
    lowered = renderer.lower()
    return any(name in lowered for name in SOFTWARE_RENDERERS)


def gl_renderer() -> str | None:
    """The GL_RENDERER of the context Qt shares with QtWebEngine (made with the application,
    AA_ShareOpenGLContexts being set; ui/app.py sets it); None where there is none or it
    cannot be made current (no OpenGL: the offscreen platform, a Direct3D or Metal build)."""
    context = QOpenGLContext.globalShareContext()
    if context is None or not context.isValid():
        return None
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    try:
        if not surface.isValid() or not context.makeCurrent(surface):
            return None
        try:
            renderer = context.functions().glGetString(_GL_RENDERER)
        finally:
            context.doneCurrent()
    finally:
        surface.destroy()
    return renderer if isinstance(renderer, str) and renderer else None
