"""A short run of the long editing session (bench/long_session.py runs it for 30 minutes):
the writer's actions all go through, no Qt warning, no reference count falling."""

from pathlib import Path

from PySide6.QtWidgets import QApplication

from bench.long_session import run, verdict


def test_a_short_editing_session_stays_clean(qapp: QApplication, tmp_path: Path) -> None:
    samples, warnings = run(minutes=0.3, sample_every_s=5, folder=tmp_path)
    assert warnings == []
    assert samples[-1].actions > 200  # an action every 60 ms for 18 s, typing, undo, saves...
    assert len(samples) >= 4
    assert [p for p in verdict(samples, warm_minutes=0.1) if "refs" in p] == []
