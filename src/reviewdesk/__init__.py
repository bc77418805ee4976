"""ReviewDesk: write structured reviews offline and publish them anywhere."""

from __future__ import annotations

from functools import cache


def __getattr__(name: str) -> str:
    # Looked up on first use: reading the installed metadata costs ~20 ms of every start.
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 (see above)

    try:
        return version("reviewdesk")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0"
