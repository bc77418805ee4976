"""Imports without PySide6 reading each module's source.

Once PySide6 is loaded, its import hook (shibokensupport.feature) reads the whole source of
every module imported after it, to see whether it names PySide6 and may switch on a
`__feature__` (snake_case, true_property). The lines read stay in Python's linecache: 230
files, 13 MiB, and 30 ms of a start's 240 ms of imports. Every module is now marked as one
that uses PySide6 with no feature, without the read (a module that imports a feature marks
itself so). Not "ignored", the mark of a module without PySide6: an ignored module keeps
whatever features the last module switched on."""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401 (loads the hook this replaces)

_HOOK_MODULE = "shibokensupport.feature"


def skip_source_reads() -> bool:
    """Replace the hook's source read; False when this PySide6 has no such hook."""
    feature = sys.modules.get(_HOOK_MODULE)
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", _may_use_pyside)  # noqa: B010 (PySide6's private hook)
    return True


def _may_use_pyside(module: object) -> bool:
    return True
