"""bench/spelling.py runs and prints its table; timings are never asserted."""

from __future__ import annotations

import pytest

from bench import spelling
from tests.spelling_dictionaries import dictionary


def test_the_spelling_benchmark_prints_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    dictionary("en")
    assert spelling.main(["--words", "2000", "--keys", "12"]) == 0
    out = capsys.readouterr().out
    assert "spell checking, 2,000 words" in out
    for row in ("check the whole body, cold cache", "a keystroke, median of 12", "suggestions"):
        assert row in out
