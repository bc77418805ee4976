"""ReviewDesk against its peers: `python -m bench.peers [--runs N] [--warm] [--words N]`.

Starts its own Xvfb (the xcb platform, a real X server; no window manager) and runs ghostwriter,
ReText and ReviewDesk on the same 2,000-word body (`--words`: another length; a bundle for
ReviewDesk, its body.md as a Markdown file for the others), interleaved, one unmeasured round
first, each app as it starts with no settings. For each run it measures the time from just
before the process starts to the X server's MapNotify of the app's first top-level window (an X
client watching the root window), and of the last one mapped by the time the total PSS of the
app's process tree is read, 5 s after the first: a window that Qt makes anew (for a web view
drawn on the GPU) maps again. ReviewDesk's preview ready is its own `--smoke-test` report, from
a run of its own in each round (the smoke test exits as soon as the preview is ready, before the
memory would be read). Each run has a new empty home and XDG folders, and ends with its process
tree killed by PID; the bundle's lock is removed after each. A last row, "PySide6 floor"
(bench/pyside_floor.py), is a window with an editor and a web view and no code of ours: what any
PySide6 app of this kind starts at. When packaging/build has made the PyInstaller app in dist/,
it runs too, as "ReviewDesk, frozen". Prints a Markdown table of the medians, with the ratios to
ghostwriter. The peers are Debian's packages, installed by `bash scripts/setup-tools --peers`
(benchmarks only; the tests never need them).
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from Xlib import X, Xatom
from Xlib.display import Display
from Xlib.error import XError
from Xlib.xobject.drawable import Window

from bench.generate import write_bundle
from reviewdesk.core import bundle
from reviewdesk.core.locks import LOCK_FILE
from reviewdesk.ui.process_stats import pss_kib, tree

WORDS = 2_000
SCREEN = "1440x900x24"
SETTLE_S = 5.0  # from mapping to reading the memory
MAP_TIMEOUT_S = 60.0
SMOKE_TIMEOUT_S = 120.0
TERM_GRACE_S = 3.0  # SIGTERM, then SIGKILL to what is left
INSTALL = "bash scripts/setup-tools --peers"
PEERS = ("ghostwriter", "retext")
REVIEWDESK = "ReviewDesk"
FLOOR = "PySide6 floor"  # a window and a web view, no code of ours
FLOOR_SCRIPT = Path(__file__).with_name("pyside_floor.py")
FROZEN = "ReviewDesk, frozen"  # the PyInstaller build in dist/, when there is one
FROZEN_APP = Path(__file__).resolve().parent.parent / "dist" / "ReviewDesk" / "reviewdesk"


@dataclass(frozen=True)
class App:
    name: str
    argv: tuple[str, ...]
    smoke_test: tuple[str, ...] = ()  # the command that reports its preview ready, if any


@dataclass(frozen=True)
class Sample:
    mapped_ms: float  # the first top-level window
    last_mapped_ms: float  # the last one by the time the memory is read
    maps: int  # top-level windows mapped by then (a window made anew maps again)
    pss_mib: float
    processes: int


@dataclass(frozen=True)
class Row:
    """One app's medians; `preview_ms` is None for apps with no report of their own."""

    name: str
    mapped_ms: float
    last_mapped_ms: float
    maps: float
    preview_ms: float | None
    pss_mib: float
    processes: float


# --- process trees ------------------------------------------------------------------------------


def tree_pss(pid: int) -> tuple[float, int]:
    """Total PSS of `pid` and its descendants in MiB (shared pages counted once overall), and
    how many processes that is."""
    pids = tree(pid)
    return sum(pss_kib(each) for each in pids) / 1024, len(pids)


def alive(pid: int) -> bool:
    """Running: a zombie (ended, waiting for its parent to reap it) is not."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def kill_tree(process: subprocess.Popen[bytes], grace_s: float = TERM_GRACE_S) -> None:
    """End `process` and every descendant: SIGTERM to each, SIGKILL to those still running
    after `grace_s`. The tree is read while its root still runs: once it ends, its children
    belong to another parent and cannot be found from it."""
    if process.poll() is not None:
        return
    pids = tree(process.pid)
    _signal_all(pids, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        process.poll()  # reaps our child, so that it stops counting as alive
        pids = [pid for pid in pids if alive(pid)]
        if not pids:
            break
        time.sleep(0.05)
    else:
        _signal_all(pids, signal.SIGKILL)
    process.wait()  # reaped even when it ended between the poll and the look at it


def _signal_all(pids: Sequence[int], number: signal.Signals) -> None:
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, number)


# --- the X server -------------------------------------------------------------------------------


@contextmanager
def xvfb() -> Iterator[str]:
    """An Xvfb on a display number it picks free itself (-displayfd), stopped by PID when the
    block ends; yields the display's name (":N")."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        number = _read_line(read_end, timeout_s=15.0)
        if not number.isdigit():
            raise RuntimeError("Xvfb did not start (no display number)")
        yield f":{number}"
    finally:
        os.close(read_end)
        kill_tree(server)


def _read_line(fd: int, timeout_s: float) -> str:
    data = b""
    deadline = time.monotonic() + timeout_s
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(fd, 64) if ready else b""
        if not chunk:
            break
        data += chunk
    return data.decode().strip()


@dataclass(frozen=True)
class Mapped:
    at: float  # time.perf_counter() when the event was read
    window: int


class MapWatcher:
    """An X client on the root window's SubstructureNotify: it sees every top-level window
    mapped, and tells which one an app mapped first."""

    def __init__(self, name: str) -> None:
        self._display = Display(name)
        self._root = self._display.screen().root
        self._root.change_attributes(event_mask=X.SubstructureNotifyMask)
        self._net_wm_pid = self._display.intern_atom("_NET_WM_PID")
        self._display.sync()  # selected before any app starts

    def close(self) -> None:
        self._display.close()

    def drain(self) -> None:
        """Forget the events so far (the windows of earlier runs)."""
        self._display.sync()
        while self._display.pending_events():
            self._display.next_event()

    def wait_mapped(self, pid: int, timeout_s: float) -> Mapped | None:
        """The first new top-level window mapped by `pid` or its descendants (by _NET_WM_PID),
        or, where a window does not say, the first one mapped; None after `timeout_s`."""
        found = self._watch(pid, time.perf_counter() + timeout_s, first=True)
        return found[0] if found else None

    def mapped_until(self, pid: int, deadline: float) -> list[Mapped]:
        """Every top-level window that `pid`'s tree maps from now until `deadline`
        (time.perf_counter())."""
        return self._watch(pid, deadline, first=False)

    def _watch(self, pid: int, deadline: float, *, first: bool) -> list[Mapped]:
        found: list[Mapped] = []
        while True:
            now = time.perf_counter()  # as the events arrive: they are read at once
            while self._display.pending_events():
                event = self._display.next_event()
                mapped = event.type == X.MapNotify and not event.override
                if mapped and self._is_of(event.window, pid):
                    found.append(Mapped(now, event.window.id))
                    if first:
                        return found
            if now >= deadline:
                return found
            select.select([self._display.fileno()], [], [], min(deadline - now, 0.1))

    def _is_of(self, window: Window, pid: int) -> bool:
        try:
            owner = self._owner(window)
        except XError:  # destroyed meanwhile
            return False
        return owner is None or owner in tree(pid)

    def _owner(self, window: Window) -> int | None:
        """The window's _NET_WM_PID, or that of a child (a window manager's frame holds the
        app's window)."""
        for each in (window, *window.query_tree().children):
            value = each.get_full_property(self._net_wm_pid, Xatom.CARDINAL)
            if value is not None and len(value.value):
                return int(value.value[0])
        return None


# --- the runs -----------------------------------------------------------------------------------


def app_env(home: Path, display: str) -> dict[str, str]:
    """The same environment for every app: the X display on xcb, and a new empty home and XDG
    folders (no settings, caches or locks of an earlier run or of the user)."""
    dropped = ("XDG_", "QT_", "DBUS_", "WAYLAND_", "XAUTHORITY", "PYTHONDONTWRITEBYTECODE")
    env = {key: value for key, value in os.environ.items() if not key.startswith(dropped)}
    for name in ("config", "data", "cache", "state", "runtime"):
        folder = home / name
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # a home kept across rounds
        env[f"XDG_{name.upper()}_{'DIR' if name == 'runtime' else 'HOME'}"] = str(folder)
    env.update(HOME=str(home), DISPLAY=display, QT_QPA_PLATFORM="xcb")
    if os.geteuid() == 0:  # QtWebEngine refuses its sandbox to root, and the apps would not start
        flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags.split():
            env["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()
    return env


def measure(app: App, watcher: MapWatcher, env: dict[str, str], log: Path) -> Sample:
    """Start `app`, wait for its window, read its tree's memory SETTLE_S later, kill it."""
    watcher.drain()
    with log.open("ab") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            app.argv, env=env, cwd=env["HOME"], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=errors,
        )  # fmt: skip
        try:
            mapped = watcher.wait_mapped(process.pid, MAP_TIMEOUT_S)
            if mapped is None:
                wait = f"{MAP_TIMEOUT_S:g} s"
                raise RuntimeError(f"{app.name} mapped no window in {wait}:\n{_tail(log)}")
            maps = [mapped, *watcher.mapped_until(process.pid, mapped.at + SETTLE_S)]
            if process.poll() is not None:
                raise RuntimeError(f"{app.name} exited ({process.returncode}):\n{_tail(log)}")
            pss_mib, processes = tree_pss(process.pid)
        finally:
            kill_tree(process)
    ms = [(each.at - started) * 1000 for each in maps]
    return Sample(ms[0], ms[-1], len(ms), pss_mib, processes)


def preview_ready(argv: Sequence[str], env: dict[str, str], log: Path) -> tuple[float, bool]:
    """ReviewDesk's own start to preview ready, from its `--smoke-test` line, and whether the
    preview started on its page kept from the start before (a warm home's)."""
    with log.open("ab") as errors:
        process = subprocess.Popen(
            argv, env=env, cwd=env["HOME"], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=errors,
        )  # fmt: skip
        try:
            out, _ = process.communicate(timeout=SMOKE_TIMEOUT_S)
        finally:
            kill_tree(process)
    lines = out.decode().strip().splitlines()
    if process.returncode != 0 or not lines:
        raise RuntimeError(f"ReviewDesk's smoke test failed:\n{_tail(log)}")
    report = json.loads(lines[-1])
    return float(report["preview_ready_ms"]), bool(report.get("early_page"))


@dataclass
class Results:
    samples: dict[str, list[Sample]]
    preview_ms: dict[str, list[float]]  # of the apps with a smoke test of their own

    def rows(self) -> list[Row]:
        return [
            Row(
                name,
                statistics.median(s.mapped_ms for s in samples),
                statistics.median(s.last_mapped_ms for s in samples),
                statistics.median(s.maps for s in samples),
                statistics.median(self.preview_ms[name]) if self.preview_ms.get(name) else None,
                statistics.median(s.pss_mib for s in samples),
                statistics.median(s.processes for s in samples),
            )
            for name, samples in self.samples.items()
        ]


class Homes:
    """Each run's home: a new empty one (a first start: no settings, and no caches, so shaders
    are compiled and fonts looked up anew), or with `warm` one per app kept across the rounds,
    as a writer's own home is from the second start on (the warm-up round fills its caches)."""

    def __init__(self, work: Path, *, warm: bool) -> None:
        self._work, self._warm = work, warm
        self._kept: dict[str, Path] = {}

    def of(self, name: str) -> Path:
        if not self._warm:
            return self._work / _new_name(self._work)
        if name not in self._kept:
            self._kept[name] = self._work / _new_name(self._work)
        return self._kept[name]


def run_rounds(
    apps: Sequence[App], folder: Path, work: Path, runs: int, display: str, *, warm: bool = False
) -> Results:
    """One warm-up round, then `runs` measured ones: each app in turn, then the smoke tests of
    those that have one; each in a new home, or with `warm` in its own home kept across the
    rounds."""
    results = Results({app.name: [] for app in apps}, {app.name: [] for app in apps})
    log = work / "stderr.log"
    watcher = MapWatcher(display)
    homes = Homes(work, warm=warm)
    try:
        for number in range(runs + 1):
            said = []
            for app in apps:
                sample = measure(app, watcher, app_env(homes.of(app.name), display), log)
                (folder / LOCK_FILE).unlink(missing_ok=True)  # left by a kill; asks at the next
                said.append(
                    f"{app.name} mapped {sample.mapped_ms:.0f} ms (last of {sample.maps}: "
                    f"{sample.last_mapped_ms:.0f} ms) {sample.pss_mib:.0f} MiB"
                )
                if number:
                    results.samples[app.name].append(sample)
            for app in apps:
                if not app.smoke_test:
                    continue
                home = app_env(homes.of(f"{app.name} smoke test"), display)
                ready, early = preview_ready(app.smoke_test, home, log)
                (folder / LOCK_FILE).unlink(missing_ok=True)
                kept = " (on its page kept)" if early else ""
                said.append(f"{app.name} preview {ready:.0f} ms{kept}")
                if number:
                    results.preview_ms[app.name].append(ready)
            round_name = f"run {number}/{runs}" if number else "warm-up"
            print(f"{round_name}: {', '.join(said)}", file=sys.stderr)
    finally:
        watcher.close()
    return results


def _new_name(work: Path) -> str:
    return Path(tempfile.mkdtemp(prefix="home-", dir=work)).name


def _tail(log: Path, lines: int = 30) -> str:
    """The end of the apps' standard error, which goes with the temporary folder."""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


# --- the report ---------------------------------------------------------------------------------


def format_table(rows: Sequence[Row]) -> str:
    """A Markdown table of `rows`, with the ratios to the first row's (ghostwriter's)."""
    base = rows[0]
    lines = [
        f"| app | window mapped (ms) | vs {base.name} | last window mapped (ms) | windows mapped "
        f"| preview ready (ms) | total PSS (MiB) | vs {base.name} | processes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        preview = "-" if row.preview_ms is None else f"{row.preview_ms:.0f}"
        lines.append(
            f"| {row.name} | {row.mapped_ms:.0f} | {row.mapped_ms / base.mapped_ms:.2f}x "
            f"| {row.last_mapped_ms:.0f} | {row.maps:g} | {preview} "
            f"| {row.pss_mib:.0f} | {row.pss_mib / base.pss_mib:.2f}x | {row.processes:g} |"
        )
    return "\n".join(lines)


def missing_programs() -> list[str]:
    return [name for name in (*PEERS, "Xvfb") if shutil.which(name) is None]


def _version(package: str) -> str:
    """The Debian package's version, where dpkg knows it."""
    if shutil.which("dpkg-query") is None:
        return ""
    done = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", package],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return done.stdout.strip() if done.returncode == 0 else ""


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="measured rounds (default 7)")
    parser.add_argument(
        "--warm", action="store_true", help="each app in its own home kept across the rounds"
    )
    parser.add_argument(
        "--words",
        type=int,
        default=WORDS,
        help=f"of the body (default {WORDS:,}; the issue's long review: 100000)",
    )
    options = parser.parse_args(argv)
    missing = missing_programs()
    if missing:
        print(f"bench.peers: {', '.join(missing)} not found; install: {INSTALL}", file=sys.stderr)
        return 1
    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="reviewdesk-peers-") as folder:
        work = Path(folder)
        review = write_bundle(work / "review", options.words, seed=19)
        markdown = work / "peers" / "review.md"
        markdown.parent.mkdir()
        shutil.copyfile(review / bundle.BODY_FILE, markdown)
        apps = [
            App("ghostwriter", ("ghostwriter", str(markdown))),
            App("ReText", ("retext", str(markdown))),
            App(
                REVIEWDESK,
                (sys.executable, "-m", "reviewdesk", str(review)),
                (sys.executable, "-m", "reviewdesk", "--smoke-test", str(review)),
            ),
            App(FLOOR, (sys.executable, str(FLOOR_SCRIPT), str(markdown))),
        ]
        if FROZEN_APP.exists():  # the PyInstaller build, by packaging/build
            frozen = (str(FROZEN_APP), str(review))
            apps.insert(3, App(FROZEN, frozen, (str(FROZEN_APP), "--smoke-test", str(review))))
        with xvfb() as display:
            results = run_rounds(apps, review, work, options.runs, display, warm=options.warm)
    versions = ", ".join(f"{name} {_version(name)}".strip() for name in PEERS)
    print(
        f"Medians of {options.runs} interleaved runs after a warm-up; Xvfb {SCREEN} (xcb, no "
        f"window manager); the same {options.words:,}-word body; "
        f"{'each app in its own home, caches warm' if options.warm else 'a new home each run'}; "
        f"PSS {SETTLE_S:g} s after mapping; "
        f"{versions}; {os.cpu_count()} cores, load average {load_before} before, {_load()} after\n"
    )
    print(format_table(results.rows()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
