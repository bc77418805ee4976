"""Tasks shared out among worker processes, as core/batch_export.py runs them: cancellable
between any two tasks, a task that crashes its process kept from taking others with it.

- Spawned, never forked: the app runs a batch from a thread of a Qt process, and a fork copies
  whatever lock another thread holds at that moment. A worker ignores Ctrl-C: the process that
  started it decides whether the batch stops.
- In chunks: a task of a batch takes about 10 ms, and each round trip through the pool costs
  the calling process about 0.5 ms on the cores the workers need. Chunks of up to 16 tasks,
  fewer when there are few, so that every worker has some.
- Cancel: `stopped()` is asked before each chunk is sent and every 0.1 s while waiting; once it
  says yes, an event shared with the workers stops each before its next task. The tasks under
  way are finished; those not started are not reported at all.
- A worker that dies (killed, out of memory, a crash in a library) takes its pool with it, and
  every chunk the pool had. Those tasks are run again one at a time, alone in a new pool: the
  one that kills its process again fails (`lost`), the others are done. A pool that dies before
  any of its processes started means that none can start here: the other tasks fail."""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

_Result = TypeVar("_Result")
Task = tuple[Any, ...]  # the arguments of one call
Lost = Callable[[Task, str], _Result]  # the result of a task not run: its arguments and why

_CHUNK_MAX = 16
_CHUNKS_PER_WORKER = 4  # at least, when there are tasks enough
_WAITING_PER_WORKER = 2  # chunks sent per worker: enough that none waits for the next
_POLL_S = 0.1
DIED = "the process running it ended unexpectedly"
NO_PROCESS = "no worker process could be started"

_cancel: Any = None  # in a worker: the batch's cancel event


def _start_worker(cancel: Any, started: Any) -> None:
    global _cancel  # noqa: PLW0603 (the one state a worker keeps between chunks)
    _cancel = cancel
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    started.set()


def _run_chunk(call: Callable[..., _Result], chunk: list[Task]) -> list[_Result]:
    """The results of the chunk's first tasks: all of them, unless the batch is cancelled."""
    results: list[_Result] = []
    for task in chunk:
        if _cancel is not None and _cancel.is_set():
            break
        results.append(call(*task))
    return results


def chunk_size(tasks: int, jobs: int) -> int:
    return max(1, min(_CHUNK_MAX, tasks // (jobs * _CHUNKS_PER_WORKER)))


@dataclass(frozen=True)
class _Sent(Generic[_Result]):
    indexes: list[int]
    pool: ProcessPoolExecutor
    alone: bool  # a task run again after its pool died


class WorkerPool:
    """Runs tasks here (`jobs` 1) or in `jobs` spawned processes; use it as a context manager.
    On leaving, tasks under way are finished and none is started."""

    def __init__(self, jobs: int) -> None:
        self._jobs = jobs
        self._context = multiprocessing.get_context("spawn")
        self._cancel: Any = None  # an event the workers read, once the pool is made
        self._pool: ProcessPoolExecutor | None = None
        self._pool_started: Any = None  # an event a worker of the pool sets as it starts
        self._no_process = False  # a pool died before any of its processes started

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if self._pool is not None:
            if kind is not None:  # interrupted here: the workers stop after their task
                self._cancel.set()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(
        self,
        call: Callable[..., _Result],
        tasks: Sequence[Task],
        stopped: Callable[[], bool],
        lost: Lost[_Result],
    ) -> Iterator[tuple[int, _Result]]:
        """(index, call(*tasks[index])) of each task as it is done, until all are or
        `stopped()` says yes; `lost(task, why)` for a task that could not be run. `call`
        must be a module's function (the workers import it by name)."""
        if self._jobs == 1:
            for index, task in enumerate(tasks):
                if stopped():
                    return
                yield index, call(*task)
            return
        size = chunk_size(len(tasks), self._jobs)
        fresh = deque(
            list(range(at, min(at + size, len(tasks)))) for at in range(0, len(tasks), size)
        )
        again: deque[int] = deque()  # tasks lost with a pool, to run once more, alone
        waiting: dict[Future[list[_Result]], _Sent[_Result]] = {}
        while True:
            if self._stopping(stopped):
                fresh.clear()
                again.clear()
            elif self._no_process:
                for index in [*again, *(index for chunk in fresh for index in chunk)]:
                    yield index, lost(tasks[index], NO_PROCESS)
                fresh.clear()
                again.clear()
            elif again and not waiting:
                self._send(call, tasks, [again.popleft()], waiting, alone=True)
            while fresh and not again and len(waiting) < self._jobs * _WAITING_PER_WORKER:
                self._send(call, tasks, fresh.popleft(), waiting, alone=False)
            if not waiting:
                return
            finished, _ = wait(waiting, timeout=_POLL_S, return_when=FIRST_COMPLETED)
            for future in finished:
                sent = waiting.pop(future)
                yield from self._received(future, sent, tasks, again, lost)

    def _stopping(self, stopped: Callable[[], bool]) -> bool:
        if not stopped():
            return False
        if self._cancel is not None:
            self._cancel.set()
        return True

    def _started(self) -> ProcessPoolExecutor:
        if self._cancel is None:
            self._cancel = self._context.Event()
        if self._pool is None:
            self._pool_started = self._context.Event()
            self._pool = ProcessPoolExecutor(
                max_workers=self._jobs,
                mp_context=self._context,
                initializer=_start_worker,
                initargs=(self._cancel, self._pool_started),
            )
        return self._pool

    def _send(
        self,
        call: Callable[..., _Result],
        tasks: Sequence[Task],
        indexes: list[int],
        waiting: dict[Future[list[_Result]], _Sent[_Result]],
        *,
        alone: bool,
    ) -> None:
        pool = self._started()
        future = pool.submit(_run_chunk, call, [tasks[index] for index in indexes])
        waiting[future] = _Sent(indexes, pool, alone)

    def _received(
        self,
        future: Future[list[_Result]],
        sent: _Sent[_Result],
        tasks: Sequence[Task],
        again: deque[int],
        lost: Lost[_Result],
    ) -> Iterator[tuple[int, _Result]]:
        try:
            results = future.result()
        except BrokenProcessPool:
            if sent.pool is self._pool:
                sent.pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
                self._no_process = not self._pool_started.is_set()
            if sent.alone:
                yield sent.indexes[0], lost(tasks[sent.indexes[0]], DIED)
            else:
                again.extend(sent.indexes)
            return
        # Fewer results than tasks: the batch was cancelled before the others were started.
        yield from zip(sent.indexes, results, strict=False)
