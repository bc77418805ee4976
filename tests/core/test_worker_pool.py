"""Tasks in spawned worker processes (core/worker_pool.py): in chunks, cancelled between two
tasks, a task that kills its process kept from taking the others with it."""

from __future__ import annotations

import os
import time

from reviewdesk.core.worker_pool import DIED, Task, WorkerPool, chunk_size


def lost(task: Task, why: str) -> str:
    return f"lost {task[0]}: {why}"


def echo(name: str) -> str:
    """A task of a few milliseconds that kills its process when named 'dead'."""
    if name == "dead":
        os._exit(3)
    time.sleep(0.002)
    return name


def never() -> bool:
    return False


def test_chunks_fit_the_tasks_and_the_workers() -> None:
    assert chunk_size(1, 2) == 1
    assert chunk_size(12, 2) == 1
    assert chunk_size(100, 2) == 12
    assert chunk_size(1000, 2) == 16
    assert chunk_size(1000, 1) == 16


def test_every_task_is_done_once_in_processes_as_here() -> None:
    names = [f"t{n}" for n in range(200)]  # chunks of 16
    for jobs in (1, 2):
        with WorkerPool(jobs) as pool:
            results = list(pool.run(echo, [(name,) for name in names], never, lost))
        assert sorted(results) == sorted(enumerate(names)), jobs


def test_a_task_that_kills_its_process_fails_alone() -> None:
    names = [f"t{n:03d}" for n in range(100)]
    names[37] = "dead"
    with WorkerPool(2) as pool:
        results = dict(pool.run(echo, [(name,) for name in names], never, lost))
    assert sorted(results) == list(range(100))
    failed = {index: found for index, found in results.items() if found.startswith("lost")}
    assert failed == {37: f"lost dead: {DIED}"}
    assert all(results[index] == name for index, name in enumerate(names) if index != 37)


def test_cancelling_stops_each_worker_before_its_next_task() -> None:
    names = [f"t{n:03d}" for n in range(400)]  # chunks of 16: a chunk is cut short
    seen: list[int] = []
    with WorkerPool(2) as pool:
        for index, name in pool.run(
            echo, [(name,) for name in names], lambda: len(seen) >= 20, lost
        ):
            assert name == names[index]
            seen.append(index)
    # Cancelled after 20: at most the rest of the chunks sent (two per worker) come back.
    assert 20 <= len(seen) < 20 + 4 * 16
    assert len(set(seen)) == len(seen)
