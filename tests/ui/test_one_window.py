"""On a real X server the app maps its window once: drawn through Qt's RHI from its first
paint, it is not destroyed and mapped anew when the preview's web view comes (it was: mapped
at 0.7 s, blank, mapped again at 1.3 s). The app runs as a writer starts it, on Xvfb (xcb)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench import peers
from bench.peers import App, MapWatcher, kill_tree, measure
from reviewdesk.core.locks import LOCK_FILE
from reviewdesk.ui.process_stats import tree
from tests.missing_tools import require


def test_the_window_is_mapped_once_and_the_preview_comes_into_it(
    sample_bundle: Path, tmp_path: Path
) -> None:
    require("Xvfb", shutil.which("Xvfb"))
    app = App("ReviewDesk", (sys.executable, "-m", "reviewdesk", str(sample_bundle)))
    with peers.xvfb() as display:
        watcher = MapWatcher(display)
        try:
            sample = measure(
                app, watcher, peers.app_env(tmp_path / "home", display), tmp_path / "log"
            )
        finally:
            watcher.close()
            (sample_bundle / LOCK_FILE).unlink(missing_ok=True)
    assert sample.maps == 1, (tmp_path / "log").read_text(errors="replace")[-3000:]
    assert sample.processes > 1  # the web engine's processes: the preview came


MESA_GL = ("libLLVM", "swrast_dri", "libGLX_mesa", "libEGL_mesa", "libgallium")
"""Mesa's OpenGL drawn by the CPU (llvmpipe): its libraries, as a process maps them."""


def test_without_a_gpu_the_window_and_preview_never_load_opengl(
    sample_bundle: Path, tmp_path: Path
) -> None:
    """Where OpenGL can only be the CPU emulating a GPU (here asked for, as on a machine with
    no GPU device), the window and the preview are drawn by the CPU alone and Mesa's OpenGL
    is never loaded: the context Qt shares with QtWebEngine and QtWebEngine's look at the GPU
    loaded it, some 40 MiB. The app runs as a writer starts it, on Xvfb, until its page loads."""
    require("Xvfb", shutil.which("Xvfb"))
    with peers.xvfb() as display:
        watcher = MapWatcher(display)
        env = peers.app_env(tmp_path / "home", display) | {"LIBGL_ALWAYS_SOFTWARE": "1"}
        app = subprocess.Popen(
            [sys.executable, "-m", "reviewdesk", str(sample_bundle)], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            assert watcher.wait_mapped(app.pid, peers.MAP_TIMEOUT_S) is not None
            assert _page_loading(app.pid, timeout_s=60), "the preview's page never loaded"
            mapped = Path(f"/proc/{app.pid}/maps").read_text()
        finally:
            kill_tree(app)
            watcher.close()
            (sample_bundle / LOCK_FILE).unlink(missing_ok=True)
    assert [name for name in MESA_GL if name in mapped] == []


def _page_loading(pid: int, timeout_s: float) -> bool:
    """Whether QtWebEngine's renderer process for the page comes within `timeout_s`: by then
    the engine has started and looked at the GPU. The renderer is forked by the engine's
    zygote, a child of the app: the one process two generations below it."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        children = set(tree(pid)[1:])
        if any(set(tree(child)[1:]) for child in children):
            return True
        time.sleep(0.05)  # a condition of other processes': polled, with a deadline
    return False
