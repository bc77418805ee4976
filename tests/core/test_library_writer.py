"""The refresh's writing thread: everything put is written, in order, in batches; an error of
the writing comes back to the thread that puts."""

from __future__ import annotations

import threading

import pytest

from reviewdesk.core.library_writer import QUEUED, BatchWriter


def test_everything_put_is_written_in_order() -> None:
    written: list[list[int]] = []
    with BatchWriter(written.append, lambda: 60.0) as writer:
        for number in range(QUEUED * 3):
            writer.put(number)
    assert [item for batch in written for item in batch] == list(range(QUEUED * 3))
    assert len(written) == 1  # a minute per batch: all of it at the close


def test_a_batch_is_written_when_its_time_is_up() -> None:
    written: list[list[int]] = []
    first = threading.Event()

    def write(batch: list[int]) -> None:
        written.append(batch)
        first.set()

    with BatchWriter(write, lambda: 0.01) as writer:
        writer.put(1)
        assert first.wait(10)  # before the close
        writer.put(2)
    assert written == [[1], [2]]


def test_an_error_of_the_writing_is_raised_by_the_next_put_and_nothing_more_is_written() -> None:
    written: list[int] = []
    failed = threading.Event()

    def write(batch: list[int]) -> None:
        if 2 in batch:
            failed.set()
            raise OSError("disk full")
        written.extend(batch)

    writer = BatchWriter(write, lambda: 0.0)
    writer.put(1)
    writer.put(2)
    assert failed.wait(10)
    with pytest.raises(OSError, match="disk full"):
        writer.put(3)
    writer.close()  # raised once
    assert written == [1]


def test_an_error_of_the_writing_is_raised_by_the_close() -> None:
    def write(batch: list[int]) -> None:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"), BatchWriter(write, lambda: 60.0) as writer:
        writer.put(1)


def test_an_error_on_its_way_out_wins_over_the_writings() -> None:
    def write(batch: list[int]) -> None:
        raise ValueError("the writing's")

    def put_then_fail() -> None:
        with BatchWriter(write, lambda: 60.0) as writer:
            writer.put(1)
            raise KeyError("the caller's")

    with pytest.raises(KeyError):
        put_then_fail()
