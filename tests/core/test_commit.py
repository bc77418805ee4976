"""A save killed at any moment, followed by whatever a writer does next, loads as one consistent
version; a journal is data, never a command; files the writer cannot write are not replaced;
two processes saving one bundle take turns."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.core import bundle, checks, commit
from reviewdesk.core.model import Review
from reviewdesk.core.problems import BundleError, has_errors

OLD = Review(title="Old review", body="Old body\n")
NEW = Review(title="New review", body="New body\n")
THIRD = Review(title="Third review", body="Third body\n")


def version(review: Review) -> tuple[str, str]:
    """Which version each file of a loaded review comes from (an edit keeps the word)."""
    return review.title.split()[0], review.body.split()[0]


def one_of(review: Review, *versions: Review) -> bool:
    """Whether `review` is one of `versions`, give or take a writer's edits."""
    title = review.title.removesuffix(" edited")
    body = review.body.removesuffix("edited\n")
    return any((title, body) == (each.title, each.body) for each in versions)


# The saves a crash interrupts: both files change, or one.
SAVES = {
    "both files": NEW,
    "review.yaml alone": OLD.model_copy(update={"title": "New review"}),
    "body.md alone": OLD.model_copy(update={"body": "New body\n"}),
}


def killed_save(folder: Path, new: Review, kill_at: int, *, links: bool = True) -> int:
    """Save `new` in a forked child that SIGKILLs itself at its `kill_at`th write step (each
    fsync, rename, link and unlink); return the child's step count when it was not killed.
    `links=False`: the child's file system has no hard links (vfat, exFAT, some shares)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no pytest, no cleanup, only the save
        os.close(read)
        steps = 0

        def counted(real: Callable[..., object]) -> Callable[..., object]:
            def step(*args: object, **kwargs: object) -> object:
                nonlocal steps
                steps += 1
                if steps == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(*args, **kwargs)

            return step

        if not links:

            def no_link(*args: object, **kwargs: object) -> None:
                raise OSError(errno.EPERM, "Operation not permitted")

            os.link = no_link
        for name in ("fsync", "replace", "link", "unlink"):
            setattr(os, name, counted(getattr(os, name)))
        try:
            bundle.save(new, folder)
        finally:
            os.write(write, str(steps).encode())
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as stream:
        told = stream.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return -1
    return int(told)


def edit_title(folder: Path) -> None:
    """A writer's editor changes the title in review.yaml as it is on disk."""
    path = folder / "review.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 edited", text), encoding="utf-8")


def edit_body(folder: Path) -> None:
    path = folder / "body.md"
    path.write_text(path.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")


def checkout(name: str, pristine: dict[str, bytes]) -> Callable[[Path], None]:
    """`git checkout NAME`: the committed version written as a new file."""

    def run(folder: Path) -> None:
        (folder / name).unlink(missing_ok=True)
        (folder / name).write_bytes(pristine[name])

    return run


def leftovers(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()} - {"review.yaml", "body.md", "assets"}


@pytest.fixture
def pristine(tmp_path: Path) -> dict[str, bytes]:
    folder = tmp_path / "pristine"
    bundle.save(OLD, folder)
    return {name: (folder / name).read_bytes() for name in bundle.COMMITTED_FILES}


def lay_out(folder: Path, pristine: dict[str, bytes]) -> None:
    for path in [*folder.glob(".*"), *folder.glob("*")]:
        if path.is_file():
            path.unlink()
    folder.mkdir(exist_ok=True)
    for name, data in pristine.items():
        (folder / name).write_bytes(data)


def save_steps(folder: Path, pristine: dict[str, bytes], new: Review = NEW) -> int:
    lay_out(folder, pristine)
    steps = killed_save(folder, new, kill_at=0)
    assert steps >= 3  # one file: fsync, rename, fsync the folder
    return steps


ACTIONS = ("save", "edit review.yaml", "edit body.md", "checkout review.yaml", "checkout body.md")


@pytest.mark.parametrize("saved", list(SAVES))
@pytest.mark.parametrize("action", ACTIONS)
def test_a_save_killed_at_any_step_then_an_ordinary_action_loads_one_version(
    tmp_path: Path, pristine: dict[str, bytes], action: str, saved: str
) -> None:
    new = SAVES[saved]
    folder = tmp_path / "review"
    steps = save_steps(folder, pristine, new)
    runs: dict[str, int] = {}
    journaled = 0
    do = {
        "edit review.yaml": edit_title,
        "edit body.md": edit_body,
        "checkout review.yaml": checkout("review.yaml", pristine),
        "checkout body.md": checkout("body.md", pristine),
    }
    for kill_at in range(1, steps + 1):
        lay_out(folder, pristine)
        assert killed_save(folder, new, kill_at) == -1
        crashed = bundle.read(folder)
        assert crashed.review in (OLD, new), kill_at
        which = "Old" if crashed.review == OLD else "New"
        runs[which] = runs.get(which, 0) + 1
        if action == "save":
            bundle.save(THIRD, folder)
            assert bundle.load(folder) == THIRD
        else:
            interrupted = (folder / commit.JOURNAL).exists()
            journaled += interrupted
            do[action](folder)
            after = bundle.read(folder)
            # A save that got as far as removing its journal is complete: checking out one
            # of its files then is the writer's own choice, crash or not.
            consistent = one_of(after.review, OLD, new)
            assert consistent or not interrupted, (kill_at, after.review, after.notes)
            if action.startswith("edit"):  # the writer's edit is never lost
                assert "edited" in after.review.title + after.review.body, kill_at
            # What was decided is the same when the next save settles it for good.
            again = after.review.model_copy(update={"summary": "Saved after"})
            bundle.save(again, folder)
            assert bundle.load(folder) == again, kill_at
        assert leftovers(folder) == set(), kill_at
    # Killed before its journal: the old version; after: the new one, also between renames.
    assert runs == {"Old": runs["Old"], "New": runs["New"]} and runs["Old"] and runs["New"]
    # Kills between the journal and the renames, between them, and after them.
    both = new.title != OLD.title and new.body != OLD.body
    assert journaled >= 3 or action == "save" or not both


def test_a_checkout_after_a_rename_undoes_the_whole_save_and_says_so(
    tmp_path: Path, pristine: dict[str, bytes]
) -> None:
    folder = tmp_path / "review"
    steps = save_steps(folder, pristine)
    for kill_at in range(1, steps + 1):  # find a kill between the two renames
        lay_out(folder, pristine)
        killed_save(folder, NEW, kill_at)
        on_disk = {name: (folder / name).read_bytes() for name in bundle.COMMITTED_FILES}
        if sum(on_disk[name] != pristine[name] for name in on_disk) == 1:
            break
    else:
        pytest.fail("no kill left the save between its renames")
    (renamed,) = [name for name in on_disk if on_disk[name] != pristine[name]]
    checkout(renamed, pristine)(folder)
    source = bundle.read(folder)
    assert source.review == OLD.model_copy(update={"body": OLD.body})
    (note,) = map(str, source.notes)
    assert "was undone" in note and f"{renamed} put back" in note


# The rename of a committed file is slowed by this much in the saving child only, as a slow
# disk's rename and fsync would be: on a tmpfs the renames are a few microseconds apart and
# random kills would almost never land between them.
SLOW_RENAME = 0.003
RANDOM_RUNS = 240  # each of the six actions 40 times
RANDOM_ACTIONS = ("save", "failed save", *ACTIONS[1:])


def saving_child(folder: Path, new: Review) -> tuple[int, int]:
    """Fork a child that says it starts, saves `new` with its renames slowed, and waits to be
    killed; its pid and the pipe it spoke on."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no pytest, only the save
        os.close(read)
        replace = os.replace

        def slow_replace(
            source: str | bytes | os.PathLike[str] | os.PathLike[bytes],
            target: str | bytes | os.PathLike[str] | os.PathLike[bytes],
            **kwargs: Any,
        ) -> None:
            committed = os.path.basename(os.fsdecode(target)) in bundle.COMMITTED_FILES
            if committed:
                os.write(write, b"r")  # about to rename: the commit window opens
            replace(source, target, **kwargs)
            if committed:
                time.sleep(SLOW_RENAME)

        setattr(os, "replace", slow_replace)  # noqa: B010 (a signature of its own)
        os.write(write, b"1")
        bundle.save(new, folder)
        os.write(write, b"2")
        while True:
            time.sleep(1)
    os.close(write)
    assert os.read(read, 1) == b"1"
    return pid, read


def on_disk(folder: Path) -> tuple[str, str]:
    """The version word of each file as it is on disk, not through the journal."""
    text = (folder / "review.yaml").read_text(encoding="utf-8")
    title = re.search(r"(?m)^title: (\w+)", text)
    body = (folder / "body.md").read_text(encoding="utf-8").split()
    return (title.group(1) if title else "?"), (body[0] if body else "?")


def test_saves_killed_from_outside_at_random_moments_leave_one_version(
    full_disk: Path, pristine: dict[str, bytes]
) -> None:
    """SIGKILL from another process at a random moment of a real save (before, during and
    after its journal, between its renames), then one of the writer's ordinary actions in
    turn; every load is one whole version, and the writer's edit is never lost."""
    folder = full_disk / "review"
    rng = random.Random(12)
    landed: dict[str, int] = {}
    started = time.monotonic()
    for run in range(RANDOM_RUNS):
        action = RANDOM_ACTIONS[run % len(RANDOM_ACTIONS)]
        lay_out(folder, pristine)
        pid, read = saving_child(folder, NEW)
        if run % 2:  # any moment of the save: before its journal, in it or after it
            time.sleep(rng.uniform(0, 3 * SLOW_RENAME))
        else:  # weighted to the commit window: once the child says it starts renaming
            assert os.read(read, 1) == b"r"
            time.sleep(rng.uniform(0, 2 * SLOW_RENAME))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read)
        where = "journal" if (folder / commit.JOURNAL).exists() else "none"
        if where == "journal" and len(set(on_disk(folder))) == 2:
            where = "between renames"
        landed[where] = landed.get(where, 0) + 1
        crashed = bundle.load(folder)
        assert one_of(crashed, OLD, NEW), (run, where, crashed)
        if action == "save":
            bundle.save(THIRD, folder)
            assert bundle.load(folder) == THIRD, run
        elif action == "failed save":
            with filled(full_disk), pytest.raises(BundleError):
                bundle.save(THIRD.model_copy(update={"body": "x" * 200_000}), folder)
            assert bundle.load(folder) == crashed, (run, where)
        else:
            {
                "edit review.yaml": edit_title,
                "edit body.md": edit_body,
                "checkout review.yaml": checkout("review.yaml", pristine),
                "checkout body.md": checkout("body.md", pristine),
            }[action](folder)
            after = bundle.read(folder)
            # Checking out one file of a save that was complete is the writer's own choice.
            chosen = where == "none" and crashed == NEW and action.startswith("checkout")
            assert one_of(after.review, OLD, NEW) or chosen, (run, action, where, after)
            if action.startswith("edit"):
                assert "edited" in after.review.title + after.review.body, (run, action)
    # Enough of them between the renames, where a mixed pair is on disk.
    assert landed.get("between renames", 0) >= 20, landed
    assert landed.get("none", 0) >= 20, landed  # and before the journal or after the save
    assert time.monotonic() - started < 60, landed


def test_a_failed_save_after_a_kill_between_renames_leaves_a_whole_version(
    full_disk: Path, pristine: dict[str, bytes]
) -> None:
    folder = full_disk / "review"
    folder.mkdir()
    steps = save_steps(folder, pristine)
    for kill_at in range(1, steps + 1):
        lay_out(folder, pristine)
        killed_save(folder, NEW, kill_at)
        crashed = bundle.load(folder)
        with filled(full_disk), pytest.raises(BundleError) as raised:
            bundle.save(THIRD.model_copy(update={"body": "x" * 200_000}), folder)
        assert "No space left on device" in str(raised.value)
        assert ".tmp" not in str(raised.value)  # it names the file, never a temporary one
        assert bundle.load(folder) == crashed, kill_at
        assert version(crashed) in {("Old", "Old"), ("New", "New")}


@contextlib.contextmanager
def filled(disk: Path) -> Iterator[None]:
    """The disk with no byte left, for the span of the block."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError as error:
        if error.errno != errno.ENOSPC:
            raise
    finally:
        os.close(fd)
    try:
        yield
    finally:
        filler.unlink()


# --- a journal is data ---------------------------------------------------------------------


def journal_of(entries: object) -> str:
    return json.dumps({"format": commit.JOURNAL_FORMAT, "entries": entries})


def entry(target: str, temp: str, before: bytes | None, after: bytes) -> dict[str, object]:
    def fingerprint(data: bytes) -> dict[str, object]:
        return commit.Fingerprint.of(data).as_json()

    return {
        "target": target,
        "temp": temp,
        "backup": None,
        "before": None if before is None else fingerprint(before),
        "after": fingerprint(after),
    }


def hostile_journals(folder: Path) -> dict[str, str]:
    yaml, body = (folder / "review.yaml").read_bytes(), (folder / "body.md").read_bytes()
    (folder / ".bashrc").write_bytes(yaml)
    os.symlink("review.yaml", folder / ".body.md.link.tmp")
    os.link(folder / "review.yaml", folder / ".body.md.hard.tmp")
    return {
        "a list of renames": '[["review.yaml", "body.md"]]',
        "review.yaml as the body": journal_of([entry("body.md", "review.yaml", body, yaml)]),
        "a hidden file not ours": journal_of([entry("body.md", ".bashrc", body, yaml)]),
        "a path out": journal_of([entry("body.md", "../secret.tmp", body, b"secret")]),
        "a target not of the review": journal_of([entry("../x", ".x.a.tmp", None, b"")]),
        "a temporary file that is a link": journal_of(
            [entry("body.md", ".body.md.link.tmp", body, yaml)]
        ),
        "a temporary file linked to review.yaml": journal_of(
            [entry("body.md", ".body.md.hard.tmp", body, yaml)]
        ),
        "not JSON": "[[",
        "deep JSON": "[" * 10_000,
        "too large": " " * 100_000,
    }


@pytest.mark.parametrize(
    "kind",
    [
        "a list of renames",
        "review.yaml as the body",
        "a hidden file not ours",
        "a path out",
        "a target not of the review",
        "a temporary file that is a link",
        "a temporary file linked to review.yaml",
        "not JSON",
        "deep JSON",
        "too large",
    ],
)
def test_a_hostile_journal_changes_nothing_and_deletes_nothing(
    tmp_path: Path, pristine: dict[str, bytes], kind: str
) -> None:
    folder = tmp_path / "review"
    lay_out(folder, pristine)
    (tmp_path / "secret.tmp").write_text("secret", encoding="utf-8")
    (folder / commit.JOURNAL).write_text(hostile_journals(folder)[kind], encoding="utf-8")
    source = bundle.read(folder)
    assert source.review == OLD
    assert source.notes, "the writer is told the journal was not followed"
    assert bundle.save(OLD.model_copy(update={"summary": "Saved"}), folder)
    assert bundle.load(folder) == OLD.model_copy(update={"summary": "Saved"})
    assert (folder / "body.md").read_bytes() == pristine["body.md"]
    assert (folder / ".bashrc").exists() and (tmp_path / "secret.tmp").exists()
    assert not (folder / commit.JOURNAL).exists()


# --- files the writer may not write --------------------------------------------------------


def test_a_read_only_file_is_refused_and_nothing_changes(
    tmp_path: Path, pristine: dict[str, bytes]
) -> None:
    folder = tmp_path / "review"
    lay_out(folder, pristine)
    (folder / "review.yaml").chmod(0o444)
    with pytest.raises(BundleError) as raised:
        bundle.save(NEW, folder)
    assert str(raised.value) == f"{folder / 'review.yaml'}: is read-only; not saved"
    assert {name: (folder / name).read_bytes() for name in pristine} == pristine
    assert leftovers(folder) == set()


def test_a_link_is_not_replaced(tmp_path: Path, pristine: dict[str, bytes]) -> None:
    folder = tmp_path / "review"
    lay_out(folder, pristine)
    (folder / "notes.md").write_bytes(pristine["body.md"])
    (folder / "body.md").unlink()
    (folder / "body.md").symlink_to("notes.md")
    with pytest.raises(BundleError, match=r"body\.md: is a link, not a file; not saved"):
        bundle.save(NEW, folder)
    assert (folder / "body.md").is_symlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving files to another user needs root")
def test_owner_and_mode_of_replaced_files_are_kept(
    tmp_path: Path, pristine: dict[str, bytes]
) -> None:
    folder = tmp_path / "review"
    lay_out(folder, pristine)
    for name in pristine:
        os.chown(folder / name, 65534, 65534)
        (folder / name).chmod(0o640)
    bundle.save(NEW, folder)
    for name in pristine:
        found = (folder / name).stat()
        assert (found.st_uid, found.st_gid, found.st_mode & 0o777) == (65534, 65534, 0o640)


@pytest.mark.skipif(os.geteuid() != 0, reason="running as another user needs root")
def test_another_users_file_is_refused_to_a_writer_who_may_not_write_it(
    pristine: dict[str, bytes],
) -> None:
    shared = Path(tempfile.mkdtemp())  # outside pytest's folders, which only root may enter
    try:
        folder = shared / "review"
        lay_out(folder, pristine)
        bundle.load(folder)  # everything a save needs is imported before giving up root
        shared.chmod(0o755)
        folder.chmod(0o777)  # the folder is shared; the files are root's, 0644
        refused = f"{folder / 'body.md'}: is read-only (another user's file); not saved"
        assert as_nobody(lambda: bundle.save(NEW, folder)) == refused  # the first it writes
        assert {name: (folder / name).read_bytes() for name in pristine} == pristine
    finally:
        shutil.rmtree(shared)


def as_nobody(action: Callable[[], object]) -> str:
    """What `action` raises as a BundleError, run in a child process as user nobody."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.setgid(65534)
            os.setuid(65534)
            action()
            os.write(write, b"saved")
        except BundleError as error:
            os.write(write, str(error).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as stream:
        told = stream.read()
    os.waitpid(pid, 0)
    return told


# --- two writers ---------------------------------------------------------------------------

WRITER = """
import sys
from pathlib import Path
from reviewdesk.core import bundle
from reviewdesk.core.model import Review
folder, word, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
failed = 0
for n in range(count):
    try:
        bundle.save(Review(title=f"{word} {n}", body=f"{word} {n}\\n"), folder)
    except Exception as error:
        failed += 1
        print(error, file=sys.stderr)
print(failed)
"""

READER = """
import sys
from pathlib import Path
from reviewdesk.core import bundle
folder, count = Path(sys.argv[1]), int(sys.argv[2])
bad = 0
for _ in range(count):
    try:
        review = bundle.load(folder)
        if review.title.split()[0] != review.body.split()[0]:
            bad += 1
            print("mixed", review.title, review.body, file=sys.stderr)
    except Exception as error:
        bad += 1
        print(error, file=sys.stderr)
print(bad)
"""


def test_two_processes_saving_one_bundle_both_succeed_and_a_reader_sees_whole_versions(
    tmp_path: Path, pristine: dict[str, bytes]
) -> None:
    folder = tmp_path / "review"
    lay_out(folder, pristine)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), word, "400"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for word in ("Alpha", "Beta")
    ]
    processes.append(
        subprocess.Popen(
            [sys.executable, "-c", READER, str(folder), "800"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert out.strip() == "0", err[-2000:]
    assert leftovers(folder) == set()
    first, second = version(bundle.load(folder))
    assert first == second and first in {"Alpha", "Beta"}


def test_the_folder_lock_is_held_by_one_committer(tmp_path: Path) -> None:
    from reviewdesk.core import folder_lock  # noqa: PLC0415

    with folder_lock.locked(tmp_path, exclusive=True) as held:
        assert held
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            folder_lock.WAIT_SECONDS = 0.05
            with folder_lock.locked(tmp_path, exclusive=False) as other:
                os.write(write, b"1" if other else b"0")
            os._exit(0)
        os.waitpid(pid, 0)
        assert os.read(read, 1) == b"0"
        os.close(read)
        os.close(write)


def test_validate_says_how_an_interrupted_save_reads(
    tmp_path: Path, pristine: dict[str, bytes]
) -> None:
    folder = tmp_path / "review"
    lay_out(folder, pristine)
    (folder / commit.JOURNAL).write_text('[["review.yaml", "body.md"]]', encoding="utf-8")
    (warning,) = checks.validate(folder)
    assert str(warning) == (
        f"{folder / commit.JOURNAL}: warning: ignored: not a journal of this version of ReviewDesk"
    )
    assert not has_errors([warning])  # the files themselves are fine: exit 0


def between_renames(folder: Path, pristine: dict[str, bytes], *, links: bool = True) -> str:
    """Kill a save of NEW between its two renames; the name of the file it renamed."""
    lay_out(folder, pristine)
    steps = killed_save(folder, NEW, 0, links=links)
    for kill_at in range(1, steps + 1):
        lay_out(folder, pristine)
        killed_save(folder, NEW, kill_at, links=links)
        changed = [name for name in pristine if (folder / name).read_bytes() != pristine[name]]
        if len(changed) == 1 and (folder / commit.JOURNAL).exists():
            return changed[0]
    pytest.fail("no kill left the save between its renames")


@pytest.mark.parametrize("edited", ["review.yaml", "body.md"])
def test_without_hard_links_a_kill_between_renames_then_an_edit_loads_one_version(
    tmp_path: Path, pristine: dict[str, bytes], edited: str
) -> None:
    """On a file system without hard links the old version is kept by a copy, so the save is
    undone (or completed) around the writer's edit, and the note says which, truthfully."""
    folder = tmp_path / "review"
    renamed = between_renames(folder, pristine, links=False)
    (edit_title if edited == "review.yaml" else edit_body)(folder)
    source = bundle.read(folder)
    assert one_of(source.review, OLD, NEW), source.review
    assert "edited" in source.review.title + source.review.body
    (note,) = map(str, source.notes)
    assert "both changed" not in note and "left as the files are" not in note, note
    way = "completed" if edited == renamed else "undone"
    assert f"was {way}" in note, note
    bundle.save(source.review, folder)
    assert bundle.load(folder) == source.review
    assert leftovers(folder) == set()


def test_a_journal_whose_old_copy_is_gone_says_so_not_both_changed(
    tmp_path: Path, pristine: dict[str, bytes]
) -> None:
    folder = tmp_path / "review"
    between_renames(folder, pristine)
    for old in folder.glob(".*.old"):
        old.unlink()
    edit_title(folder)
    (note,) = map(str, bundle.read(folder).notes)
    assert "cannot be undone" in note and "both" not in note, note


def forged_journal(folder: Path, hidden: bytes) -> None:
    """A well-formed journal a co-author wrote by hand: body.md's 'new version' is the hidden
    file's text, every hash real; sealed with a key that is not this user's."""
    body = (folder / "body.md").read_bytes()
    (folder / ".body.md.evil.tmp").write_bytes(hidden)
    entries = [entry("body.md", ".body.md.evil.tmp", body, hidden)]
    data = json.loads(journal_of(entries))
    data["seal"] = "0" * 64
    (folder / commit.JOURNAL).write_text(json.dumps(data), encoding="utf-8")


def test_a_forged_journal_never_puts_a_hidden_files_text_in_a_load(
    tmp_path: Path, pristine: dict[str, bytes]
) -> None:
    folder = tmp_path / "review"
    lay_out(folder, pristine)
    forged_journal(folder, pristine["review.yaml"])
    source = bundle.read(folder)
    assert source.review == OLD  # body.md as it is on disk
    (note,) = map(str, source.notes)
    assert note.startswith(f"{folder / commit.JOURNAL}: warning: ignored: it was not written by")
    bundle.save(NEW, folder)  # a save removes it, and the hidden file it names
    assert bundle.load(folder) == NEW and leftovers(folder) == set()


def test_a_journal_of_this_users_save_is_followed_and_anothers_is_not(
    tmp_path: Path, pristine: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same interrupted save: followed by the user who made it; for another user (another
    key) the files are read as they are, and the note says why."""
    folder = tmp_path / "review"
    renamed = between_renames(folder, pristine)
    assert bundle.load(folder) == NEW
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "another-user"))
    source = bundle.read(folder)
    mixed = ("New", "Old") if renamed == "review.yaml" else ("Old", "New")
    assert version(source.review) == mixed
    (note,) = map(str, source.notes)
    assert "not written by your ReviewDesk" in note
