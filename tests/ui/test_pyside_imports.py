"""Modules imported by the app leave no source lines in memory: PySide6's import hook read the
whole file of each (230 files, 13 MiB kept in linecache at start)."""

from __future__ import annotations

import linecache
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from reviewdesk.ui.pyside_imports import skip_source_reads


@pytest.fixture
def module_folder(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))


def import_new(folder: Path, name: str, source: str) -> object:
    (folder / f"{name}.py").write_text(source, encoding="utf-8")
    return __import__(name)  # an import statement's way: the one PySide6's hook wraps


def test_the_hook_of_this_pyside6_is_replaced() -> None:
    assert skip_source_reads()  # a PySide6 without it: this module has to be looked at again


def test_a_module_imported_after_pyside6_leaves_no_lines_in_memory(module_folder: Path) -> None:
    import_new(module_folder, "plain_module", "from PySide6.QtCore import QObject\nVALUE = 1\n")
    assert str(module_folder / "plain_module.py") not in linecache.cache


def test_a_module_that_imports_a_feature_still_has_it(module_folder: Path) -> None:
    source = (
        "from __feature__ import snake_case  # noqa\n"
        "from PySide6.QtCore import QObject\n"
        "def named(text):\n"
        "    thing = QObject()\n"
        "    thing.set_object_name(text)\n"
        "    return thing.object_name()\n"
    )
    module = import_new(module_folder, "snake_module", source)
    assert module.named("snake") == "snake"  # type: ignore[attr-defined]
    plain = import_new(module_folder, "camel_module", "from PySide6.QtCore import QObject\n")
    assert hasattr(plain.QObject, "setObjectName")  # type: ignore[attr-defined]
    assert hasattr(QCoreApplication, "sendPostedEvents")  # here too: the feature stays there
