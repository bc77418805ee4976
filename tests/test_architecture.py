"""The core is a Qt-free library: importing it never loads PySide6, and ruff's
banned-api rule refuses Qt imports there."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_importing_the_core_and_cli_does_not_import_qt() -> None:
    modules = sorted(
        "reviewdesk."
        + ".".join(path.relative_to(ROOT / "src" / "reviewdesk").with_suffix("").parts)
        for path in (ROOT / "src" / "reviewdesk" / "core").rglob("*.py")
    )
    code = (
        "import sys, importlib\n"
        f"for name in {[*modules, 'reviewdesk.cli']!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert len(modules) > 10
    assert done.stdout.strip() == "[]"


def test_ruff_refuses_qt_in_the_core_and_allows_it_in_the_ui() -> None:
    def ruff(path: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "ruff",
                "check",
                "--select",
                "TID251",
                "--stdin-filename",
                path,
                "-",
            ],
            input="from PySide6.QtCore import QObject\n\nprint(QObject)\n",
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    core = ruff("src/reviewdesk/core/anything.py")
    assert core.returncode == 1 and "TID251" in core.stdout
    assert ruff("src/reviewdesk/ui/anything.py").returncode == 0
