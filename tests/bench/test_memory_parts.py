"""The memory benchmark's own parts: the roles of a process tree, the tables, and the parts
measured in a process that has loaded none of them. Sizes are never asserted beyond > 0."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from bench.generate import write_bundle
from bench.memory_of_parts import FLOOR_PARTS, KINDS
from bench.memory_parts import Process, parts_table, process_table, processes
from reviewdesk.ui.process_stats import tree

# A parent that starts a child that starts a grandchild, as QtWebEngine's zygote its renderer;
# the grandchild says when it runs (on the parent's stdout, which all three share).
GRANDCHILD = "import time; print('ok', flush=True); time.sleep(60)"
CHILD = f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {GRANDCHILD!r}]); time.sleep(60)"  # noqa: E501
PARENT = f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {CHILD!r}]); time.sleep(60)"  # noqa: E501


def kib(pss: int) -> dict[str, int]:
    return {"Pss": pss, "Pss_Anon": pss // 2, "Pss_File": pss // 2, "Pss_Shmem": 0}


def test_roles_in_a_tree_of_three_generations() -> None:
    with subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE) as parent:
        try:
            assert parent.stdout is not None and parent.stdout.readline() == b"ok\n"
            found = processes(parent.pid)
            assert [each.role for each in found] == ["app process", "zygote", "renderer"]
            assert all(each.kib["Pss"] > 0 for each in found)
        finally:
            for pid in reversed(tree(parent.pid)):
                os.kill(pid, signal.SIGKILL)


def test_the_table_sums_zygotes_and_takes_medians() -> None:
    def run(app: int, zygote: int, renderer: int) -> list[Process]:
        return [
            Process("app process", kib(app)),
            Process("zygote", kib(zygote)),
            Process("zygote", kib(zygote)),
            Process("renderer", kib(renderer)),
        ]

    table = process_table(
        {"App": [run(1024, 512, 2048), run(3072, 512, 4096), run(2048, 1024, 3072)]}
    )
    rows = table.splitlines()[2:]
    assert rows[0] == "| App | app process | 2.0 | 1.0 | 1.0 | 0.0 |"
    assert rows[1] == "| App | zygote (2) | 1.0 | 0.5 | 0.5 | 0.0 |"
    assert rows[2] == "| App | renderer | 3.0 | 1.5 | 1.5 | 0.0 |"
    assert rows[3] == "| App | total | 7.0 | 3.5 | 3.5 | 0.0 |"  # medians of the totals


def test_the_parts_are_measured_in_a_process_that_had_none_loaded(tmp_path: Path) -> None:
    """Each part adds memory of its own: had the measuring process loaded pydantic or Qt
    before the first part, that part would show (almost) nothing."""
    loaded = "import sys, bench.memory_of_parts; print(' '.join(sys.modules))"
    modules = subprocess.run([sys.executable, "-c", loaded], capture_output=True, check=True)
    assert not {"PySide6", "pydantic", "yaml", "reviewdesk"} & set(modules.stdout.decode().split())
    review = write_bundle(tmp_path / "review", 300, seed=19)
    child = [sys.executable, "-m", "bench.memory_of_parts", str(review)]
    parts = json.loads(subprocess.run(child, capture_output=True, check=True).stdout)
    names = [name for name, _ in parts]
    assert names[:3] == [
        "PySide6's Qt Widgets",
        "QtWebEngine's modules",
        "pydantic and the review's models",
    ]
    for name, sizes in parts:
        assert set(sizes) == set(KINDS)
        if name != "PyYAML and the review read":  # pydantic's part has loaded most of it
            assert sizes["Pss"] > 256, (name, sizes)
    table = parts_table([(name, sizes) for name, sizes in parts])
    ours = sum(sizes["Pss"] for _, sizes in parts[FLOOR_PARTS:]) / 1024
    assert table.splitlines()[-1].startswith(f"| all but the floor's | {ours:.1f} |")
    assert "| PySide6's Qt Widgets (the floor's too) |" in table
