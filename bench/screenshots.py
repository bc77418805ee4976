"""Screenshots of every pane of the window, light and dark, at the sizes a writer's screen has.

    scripts/screenshots [--out docs/screenshots] [--size 1440x900 ...] [--scheme dark ...]
                        [--pane seo ...]

Each size runs on its own Xvfb screen of that size (the xcb platform, as on a plain X11
desktop with no window manager: the window fills the screen), in a fresh home, on a copy of
the sample review. Writes PANE-SIZE-SCHEME.png for each pane, and reload-bar-SIZE-SCHEME.png:
the whole window with the changed-on-disk bar showing. The pane shots hold the form column,
where the panes are; the preview beside it is in the reload-bar shots. library-SIZE-SCHEME.png
is the library window on 40 generated reviews with a search typed, compare-SIZE-SCHEME.png the
comparison of three of them. spelling-SIZE-SCHEME.png is the body with misspellings underlined and
the context menu of one open; spelling-fields-SIZE-SCHEME.png the same in the title and
deck. With pngquant installed, the PNGs are cut to 256 colours: about a third of the size,
text as sharp.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QItemSelectionModel,
    QPoint,
    Qt,
    QTimer,
    SignalInstance,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from bench.generate import write_bundle
from reviewdesk.core import user_files
from reviewdesk.ui.app import _sandbox_off_for_root
from reviewdesk.ui.color_scheme import apply_color_scheme
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_binding import FIELD_PROPERTY
from reviewdesk.ui.field_spelling import FieldSpelling
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.panes.body_pane import BodyPane
from reviewdesk.ui.preview.scheme import register_scheme
from reviewdesk.ui.settings import REVIEWS_FOLDER, Settings

_ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows

ROOT = Path(__file__).resolve().parent.parent
# The window's tabs, in their order, by pane_name of each tab's title.
PANES = (
    "metadata", "tags", "hero", "summary", "body", "scores", "pros-cons", "key-points", "specs",
    "offers", "updates", "seo",
)  # fmt: skip
SIZES = ("1440x900", "1024x700")
SCHEMES = ("light", "dark")
WINDOWS = ("reload-bar", "spelling", "spelling-fields", "library", "compare")
SETTLE_MS = 400  # for the preview to scroll to the pane's section and repaint
LIBRARY_REVIEWS = 40


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", action="append", choices=None, help="WIDTHxHEIGHT")
    parser.add_argument("--scheme", action="append", choices=SCHEMES)
    parser.add_argument("--pane", action="append", choices=(*PANES, *WINDOWS))
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes, schemes = args.size or list(SIZES), args.scheme or list(SCHEMES)
    panes = args.pane or [*PANES, *WINDOWS]
    args.out.mkdir(parents=True, exist_ok=True)
    if args.inside:
        return _capture(args.out.resolve(), sizes[0], schemes, panes)
    if shutil.which("xvfb-run") is None:
        print("screenshots: needs Xvfb (bash scripts/setup-tools)", file=sys.stderr)
        return 1
    for size in sizes:
        if _on_own_screen(size, args.out.resolve(), schemes, panes) != 0:
            return 1
    # Only the shots taken now: quantizing a shot again changes it for nothing.
    _shrink(
        [out for size in sizes for pane in panes for out in args.out.glob(f"{pane}-{size}-*.png")]
    )
    return 0


def _shrink(files: list[Path]) -> None:
    if files and shutil.which("pngquant"):
        command = ["pngquant", "--force", "--skip-if-larger", "--strip", "--ext", ".png"]
        subprocess.run([*command, "--quality", "70-95", *map(str, files)], check=False)


def _on_own_screen(size: str, out: Path, schemes: list[str], panes: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="reviewdesk-shots-") as home:
        env = {
            **os.environ,
            "HOME": home,
            "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_DATA_HOME": f"{home}/data",
            "XDG_CACHE_HOME": f"{home}/cache",
            "QT_QPA_PLATFORM": "xcb",
            "QT_QPA_PLATFORMTHEME": "",  # a plain X11 session: no desktop theme
        }
        env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
        command = [sys.executable, "-m", "bench.screenshots", "--inside", "--out", str(out)]
        command += ["--size", size]
        command += [f"--scheme={s}" for s in schemes] + [f"--pane={p}" for p in panes]
        screen = f"-screen 0 {size}x24"
        run = ["xvfb-run", "-a", "-s", screen, *command]
        return subprocess.run(run, env=env, cwd=ROOT, check=False).returncode


def _capture(out: Path, size: str, schemes: list[str], panes: list[str]) -> int:
    _sandbox_off_for_root()
    register_scheme()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QApplication(sys.argv[:1])

    def wait(ms: int, until: SignalInstance | None = None) -> None:
        loop = QEventLoop()
        if until is not None:
            until.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    folder = user_files.sample_copy()
    document = ReviewDocument.open(folder)
    window = MainWindow(document, Settings(str(folder.parent / "settings.ini")))
    width, height = (int(n) for n in size.split("x"))
    window.setGeometry(0, 0, width, height)
    window.show()
    wait(60_000, window.preview.ready)
    screen = window.screen()

    def save(name: str, whole: bool) -> None:
        wait(SETTLE_MS)
        area = window.centralWidget() if whole else window.form_splitter
        assert area is not None
        corner = area.mapToGlobal(area.rect().topLeft())
        shot = screen.grabWindow(0, corner.x(), corner.y(), area.width(), area.height())
        path = out / f"{name}.png"
        shot.save(str(path))
        print(path, flush=True)

    for scheme in schemes:
        apply_color_scheme(scheme)
        for pane in PANES:
            if pane in panes:
                window.panes.setCurrentIndex(pane_index(window, pane))
                save(f"{pane}-{size}-{scheme}", whole=False)
        if "reload-bar" in panes:
            window.panes.setCurrentIndex(pane_index(window, "metadata"))
            deck = document.review.subtitle
            document.set("subtitle", f"{deck} Edited.")
            (folder / "body.md").write_text(f"{document.review.body}\nTheirs, {scheme}.\n", "utf-8")
            wait(10_000, window.disk_watcher.changed_on_disk)
            save(f"reload-bar-{size}-{scheme}", whole=True)
            window.reload_bar.dismiss()
            document.set("subtitle", deck, merge=False)  # the next scheme's panes as they were
        if "spelling" in panes:
            _spelling_shot(window, out / f"spelling-{size}-{scheme}.png", wait)
        if "spelling-fields" in panes:
            _field_spelling_shot(window, out / f"spelling-fields-{size}-{scheme}.png", wait)
    if "library" in panes or "compare" in panes:
        _library_shots(window, out, size, schemes, panes, wait)
    document.undo_stack.setClean()
    window.close()
    return 0


def pane_name(title: str) -> str:
    """A tab's title as the screenshots name it: 'Pros && cons' is pros-cons."""
    return "-".join(title.replace("&&", " ").lower().split())


def pane_index(window: MainWindow, pane: str) -> int:
    """The index of the tab named `pane`: by title, never by position, which changes as panes
    are added (with Scores before Pros & cons, the shot named seo would show Key points)."""
    titles = [pane_name(window.panes.tabText(i)) for i in range(window.panes.count())]
    return titles.index(pane)


_TYPOS = "A paragraf with a tyop or two: we recieve the point, and `cod` is not checked.\n\n"


def _spelling_shot(
    window: MainWindow, path: Path, wait: Callable[[int, SignalInstance | None], None]
) -> None:
    """The body pane with misspellings underlined and the context menu open on one."""
    window.panes.setCurrentIndex(pane_index(window, "body"))
    document = window.document
    body = document.review.body
    document.set("body", _TYPOS + body, merge=False)
    edit = window.findChild(BodyPane).editor.plain_text_edit  # type: ignore[union-attr]
    cursor = edit.document().find("recieve")
    cursor.setPosition(cursor.selectionStart() + 2)
    wait(SETTLE_MS, None)
    spot = edit.cursorRect(cursor).bottomRight()
    menu = edit.context_menu_at(spot)
    _shot_with_menu(window, menu, edit.viewport().mapToGlobal(spot), path, wait)
    document.set("body", body, merge=False)


def _shot_with_menu(
    window: MainWindow,
    menu: QMenu,
    at: QPoint,
    path: Path,
    wait: Callable[[int, SignalInstance | None], None],
) -> None:
    """The form, `menu` open at `at` (on the screen), saved to `path`; the menu closed."""
    menu.popup(at)
    wait(SETTLE_MS, None)
    area = window.form_splitter
    corner = area.mapToGlobal(area.rect().topLeft())
    shot = window.screen().grabWindow(0, corner.x(), corner.y(), area.width(), area.height())
    shot.save(str(path))
    print(path, flush=True)
    menu.close()
    menu.deleteLater()


def _field_spelling_shot(
    window: MainWindow, path: Path, wait: Callable[[int, SignalInstance | None], None]
) -> None:
    """The metadata pane with misspellings in the title and the deck underlined, and the
    title's context menu open on one."""
    window.panes.setCurrentIndex(pane_index(window, "metadata"))
    document = window.document
    title, deck = document.review.title, document.review.subtitle
    document.set("title", f"{title}, Recieved", merge=False)
    document.set("subtitle", f"{deck} A paragraf with a tyop.", merge=False)
    wait(SETTLE_MS, None)
    edit = next(w for w in window.findChildren(QLineEdit) if w.property(FIELD_PROPERTY) == "title")
    spelling = edit.findChild(FieldSpelling)
    assert spelling is not None
    edit.setCursorPosition(len(edit.text()) - 3)
    spot = edit.cursorRect().bottomRight()
    menu = spelling.context_menu(spot)
    _shot_with_menu(window, menu, edit.mapToGlobal(spot), path, wait)
    document.set("title", title, merge=False)
    document.set("subtitle", deck, merge=False)


def _library_shots(  # noqa: PLR0917 (the capture's state, handed on)
    window: MainWindow,
    out: Path,
    size: str,
    schemes: list[str],
    panes: list[str],
    wait: Callable[[int, SignalInstance | None], None],
) -> None:
    """The library window filling the screen with a search typed, and a comparison."""
    from reviewdesk.ui.library.launcher import show_library  # noqa: PLC0415
    from reviewdesk.ui.library.library_window import LibraryWindow  # noqa: PLC0415

    reviews = Path(os.environ["HOME"]) / "Reviews"
    for seed in range(LIBRARY_REVIEWS):
        write_bundle(reviews / f"review-{seed:02d}", 600, seed=seed)
    window.settings.set(REVIEWS_FOLDER, str(reviews))
    library: LibraryWindow = show_library(window, window.settings)
    width, height = (int(n) for n in size.split("x"))
    library.setGeometry(0, 0, width, height)
    wait(30_000, library.worker.listed)
    wait(3_000, library.worker.listed)  # the listing checked against the files
    for scheme in schemes:
        apply_color_scheme(scheme)
        if "library" in panes:
            library.filters.search.setText("battery")
            wait(5_000, library.worker.found)
            library.table.selectRow(0)
            wait(SETTLE_MS, None)
            shot = QApplication.primaryScreen().grabWindow(0, 0, 0, width, height)
            shot.save(str(out / f"library-{size}-{scheme}.png"))
            library.filters.search.clear()
            wait(SETTLE_MS, None)
        if "compare" in panes:
            library.table.selectRow(0)
            library.table.selectionModel().select(library.model.index(1, 0), _ROWS)
            library.table.selectionModel().select(library.model.index(2, 0), _ROWS)
            compared = library.commands.compare_selected()
            assert compared is not None
            compared.setGeometry(0, 0, width, height)
            wait(20_000, compared.view.shown)
            wait(SETTLE_MS * 3, None)
            shot = QApplication.primaryScreen().grabWindow(0, 0, 0, width, height)
            shot.save(str(out / f"compare-{size}-{scheme}.png"))
            compared.close()
    library.close()


if __name__ == "__main__":
    sys.exit(main())
