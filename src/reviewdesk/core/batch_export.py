"""Many bundles exported to one format into one folder: `reviewdesk export FOLDER... -o OUT`,
and the library's Export selection (which calls `export_bundles` from a worker thread).

Each review goes where `reviewdesk export BUNDLE --to FORMAT -o OUT/` puts it: `OUT/SLUG.EXT`
with its images beside it, or for hugo and jekyll into the site's folder OUT; all its files or
none (exports.write), and the pages it supersedes retired as for one export. A bundle that
cannot be read or written is a failure of its own, one line naming the file (and the line and
field), and the rest go on.

Two bundles with the same slug would write the same files: neither is written, and each one's
failure names the other. A suffix (SLUG-2) would publish a review at an address that its slug,
its canonical URL and its JSON-LD do not name, and which of the two got it would depend on the
order of the paths given; which review owns the address is the writer's to say. So every slug
is read first (a load per bundle, about a tenth of an export), then the pages are written.

With `jobs` > 1 the bundles are shared out among worker processes (core/worker_pool.py):
`cancelled` is asked between any two bundles; those under way when it says yes are finished
(each is written whole), none is started after."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from reviewdesk.core import bundle, commit, exports, safe_files
from reviewdesk.core.exports import ExportOptions
from reviewdesk.core.exports.superseded import retire
from reviewdesk.core.problems import BundleError
from reviewdesk.core.slug import is_slug, slugify
from reviewdesk.core.worker_pool import Task, WorkerPool

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Progress = Callable[[int, int, Path], None]  # (done, total, the bundle just done)
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class Exported:
    bundle: Path
    written: tuple[Path, ...]  # the main file first, then the images copied beside it
    # Earlier pages of the review at the same address, now removed (exports/superseded.py).
    removed: tuple[Path, ...] = ()
    # Lines as `reviewdesk export` prints them: how an interrupted save was settled, and
    # the export's own warnings ("BUNDLE: warning: ...").
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failure:
    bundle: Path
    message: str  # one line naming the file (and the line and field) and why; no traceback

    @property
    def line(self) -> str:
        """The message, led by the bundle's path when it does not already name it."""
        named = self.message.startswith(str(self.bundle))
        return self.message if named else f"{self.bundle}: {self.message}"


@dataclass(frozen=True)
class BatchResult:
    total: int
    exported: tuple[Exported, ...]  # in the order of the bundles given
    failures: tuple[Failure, ...]
    cancelled: bool = False  # some bundles were neither exported nor failed

    @property
    def left(self) -> int:
        """The bundles not exported because the batch was cancelled."""
        return self.total - len(self.exported) - len(self.failures)


def export_bundles(
    bundles: Sequence[Path],
    to: str,
    out: Path,
    options: ExportOptions | None = None,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BatchResult:
    """Export each bundle of `bundles` as format `to` (a key of exports.FORMATS) into the
    folder `out`, in `jobs` processes (this one when 1). `progress(done, total, bundle)` is
    called here as each bundle is done with, exported or failed; `cancelled()` is asked
    before each bundle is started. Raises OSError only when `out` is not a folder."""
    if to not in exports.FORMATS:
        raise ValueError(f"unknown format {to!r}")
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "is not a folder", str(out))
    settings = options or ExportOptions()
    paths = list(bundles)
    outcome: dict[int, Exported | Failure] = {}
    stopped = _Stop(cancelled)

    def done(index: int, result: Exported | Failure) -> None:
        outcome[index] = result
        if progress is not None:
            progress(len(outcome), len(paths), paths[index])

    with WorkerPool(jobs) as workers:
        slugs: dict[int, str] = {}
        for index, found in workers.run(read_slug, [(path,) for path in paths], stopped, _lost):
            if isinstance(found, Failure):
                done(index, found)
            else:
                slugs[index] = found
        # Cancelled while the slugs were read: no clash is said of bundles not all read.
        ready = [] if stopped() else _settle_clashes(paths, slugs, out, to, done)
        tasks = [(paths[index], to, out, settings, slugs[index]) for index in ready]
        for position, result in workers.run(export_one, tasks, stopped, _lost):
            done(ready[position], result)
    if any(isinstance(result, Exported) for result in outcome.values()):
        os.sync()  # every page written reaches the disk before the batch says it is done
    ordered = [outcome[index] for index in sorted(outcome)]
    return BatchResult(
        total=len(paths),
        exported=tuple(item for item in ordered if isinstance(item, Exported)),
        failures=tuple(item for item in ordered if isinstance(item, Failure)),
        cancelled=len(outcome) < len(paths),
    )


# --- one bundle, in a worker -------------------------------------------------------------------


def read_slug(folder: Path) -> str | Failure:
    """The slug `folder`'s review is published under, or why it cannot be read."""
    try:
        return _plain_slug(folder) or bundle.read(folder).review.effective_slug
    except Exception as error:  # one bundle's trouble, whatever it is, is its own
        return _failure(folder, error)


def _plain_slug(folder: Path) -> str | None:
    """The slug of a plain review.yaml, from its `slug` and `title` alone: a sixth of a full
    read (no body, no checks of the other keys). None for anything less plain (no such keys as
    strings, a save a crash interrupted, YAML only our reader reads), which the full read
    settles; the export's own full read then checks the slug is this one."""
    if (folder / commit.JOURNAL).exists():
        return None
    try:
        text = safe_files.read_inside(folder, folder / bundle.REVIEW_FILE, bundle.MAX_YAML_BYTES)
        data = yaml.load(text, Loader=_LOADER)
    except (OSError, ValueError, yaml.YAMLError, safe_files.UnsafeFile):
        return None
    if not isinstance(data, dict):
        return None
    slug, title = data.get("slug"), data.get("title")
    if isinstance(slug, str) and is_slug(slug):
        return slug
    if slug is None and isinstance(title, str) and title.strip():
        return slugify(title.strip()) or "review"
    return None


def export_one(
    folder: Path, to: str, out: Path, options: ExportOptions, slug: str
) -> Exported | Failure:
    """Export the bundle `folder` into `out` as `reviewdesk export FOLDER -o OUT/` does.
    `slug` is the one read before: a review whose slug changed since is not written, as it
    was not checked against the others'."""
    try:
        return _export(folder, to, out, options, slug)
    except Exception as error:
        return _failure(folder, error)


def _export(
    folder: Path, to: str, out: Path, options: ExportOptions, slug: str
) -> Exported | Failure:
    source = bundle.read(folder)
    review = source.review
    if review.effective_slug != slug:
        return Failure(
            folder,
            f"its slug changed during the export ({slug} -> {review.effective_slug}): "
            "not written; export it again",
        )
    warnings = [str(note) for note in source.notes]
    result = exports.export(review, folder, to, options)
    warnings += [f"{folder}: warning: {warning}" for warning in result.warnings]
    place = result.location if exports.FORMATS[to].into_folder else slug + result.suffix
    # Flushed to the disk once, at the end of the batch (export_bundles): a flush a file was
    # a fifth of each review's time; the pages are made again from their bundles if lost.
    written = exports.write(result, out / place, root=out, durable=False)
    removed, retired = retire(result, out)
    warnings += [f"{folder}: warning: {warning}" for warning in retired]
    return Exported(folder, tuple(written), tuple(removed), tuple(warnings))


def _failure(folder: Path, error: Exception) -> Failure:
    if isinstance(error, BundleError):
        text = "; ".join(str(problem) for problem in error.problems) or str(error)
    elif isinstance(error, OSError):
        reason = error.strerror or str(error)
        text = f"{error.filename}: {reason}" if error.filename else reason
    else:  # a fault of ours: its kind and words, never a traceback
        text = f"could not be exported: {type(error).__name__}: {error}"
    return Failure(folder, " ".join(text.split()))


# --- slugs -------------------------------------------------------------------------------------


def _settle_clashes(
    paths: list[Path],
    slugs: dict[int, str],
    out: Path,
    to: str,
    done: Callable[[int, Failure], None],
) -> list[int]:
    """The indexes of the bundles whose slug no other bundle has; each other one failed
    (`done`) naming the bundles it shares its slug with."""
    by_slug: dict[str, list[int]] = {}
    for index in sorted(slugs):
        by_slug.setdefault(slugs[index], []).append(index)
    ready: list[int] = []
    for slug, indexes in by_slug.items():
        if len(indexes) == 1:
            ready += indexes
            continue
        where = _place(out, to, slug)
        for index in indexes:
            others = ", ".join(str(paths[other]) for other in indexes if other != index)
            done(
                index,
                Failure(
                    paths[index],
                    f"{paths[index]}: its slug '{slug}' is also the slug of {others}: neither "
                    f"is written (both would be {where}); give one of them another slug",
                ),
            )
    return sorted(ready)


def _place(out: Path, to: str, slug: str) -> str:
    if to == "hugo":
        return str(out / slug) + "/"
    if to == "jekyll":
        return f"{out / '_posts'}/DATE-{slug} and {out / 'assets' / slug}/"
    return str(out / (slug + exports.FORMATS[to].suffix))


# --- cancelling ------------------------------------------------------------------------------


class _Stop:
    """`cancelled`, asked until it first says yes."""

    def __init__(self, cancelled: Cancelled | None) -> None:
        self._cancelled = cancelled
        self.stopped = False

    def __call__(self) -> bool:
        if not self.stopped and self._cancelled is not None:
            self.stopped = bool(self._cancelled())
        return self.stopped


def _lost(task: Task, why: str) -> Failure:
    folder = Path(str(task[0]))
    return Failure(folder, f"{folder}: not exported: {why}")
