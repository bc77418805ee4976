"""On a real X server the app maps its window once: drawn through Qt's RHI from its first
paint, it is not destroyed and mapped anew when the preview's web view comes (it was: mapped
at 0.7 s, blank, mapped again at 1.3 s). The app runs as a writer starts it, on Xvfb (xcb)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from bench import peers
from bench.peers import App, MapWatcher, measure
from reviewdesk.core.locks import LOCK_FILE
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
