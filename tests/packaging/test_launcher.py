"""The frozen app's entry point, run from the source: multiprocessing is imported only in the
processes it starts (the frozen batch test runs those)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from multiprocessing import spawn
from types import ModuleType

from .conftest import ROOT

PROBE = """
import sys
sys.path.insert(0, {packaging!r})
sys.argv = ["reviewdesk", *{arguments!r}]
import launcher
launcher.run_multiprocessing_child()
print("multiprocessing" in sys.modules)
"""


def imports_multiprocessing(*arguments: str) -> bool:
    code = PROBE.format(packaging=str(ROOT / "packaging"), arguments=list(arguments))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip() == "True"


def test_the_app_and_its_commands_start_without_multiprocessing() -> None:
    assert not imports_multiprocessing()
    assert not imports_multiprocessing("--smoke-test", "some-folder")
    assert not imports_multiprocessing("export", "some-folder", "--to", "html")


def launcher() -> ModuleType:
    spec = importlib.util.spec_from_file_location("launcher", ROOT / "packaging" / "launcher.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_worker_of_a_batch_is_told_by_its_arguments() -> None:
    # What multiprocessing passes a frozen executable it starts again (spawn.get_command_line).
    frozen = getattr(sys, "frozen", False)
    try:
        sys.frozen = True  # type: ignore[attr-defined]
        command = spawn.get_command_line(tracker_fd=3, pipe_handle=4)
    finally:
        if frozen:
            sys.frozen = frozen  # type: ignore[attr-defined]
        else:
            del sys.frozen  # type: ignore[attr-defined]
    assert launcher().MULTIPROCESSING_ARGUMENTS & set(command[1:])
