"""The layout's templates compiled once, not at every start: Jinja compiling them was more than
half of the preview's first render (some 30 of 53 ms), each time the app or a command started."""

from __future__ import annotations

import os
import pickle

import jinja2
from jinja2.bccache import Bucket

from reviewdesk.core.user_files import cache_dir

FOLDER = "templates"


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates, in the user's cache folder. Each entry is
    keyed by its template's source (and Jinja's and Python's versions): a changed template is
    compiled anew. A cache that cannot be read or written is no cache, never a failed render."""

    def __init__(self) -> None:
        super().__init__(str(cache_dir() / FOLDER), "%s.jinja")

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()  # a damaged entry: compiled again, and written over

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)  # a temporary file renamed: never half written
        except OSError:
            pass  # a full disk or a read-only home: the next start compiles again
