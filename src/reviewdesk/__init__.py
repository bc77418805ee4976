"""ReviewDesk: write structured reviews offline and publish them anywhere."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reviewdesk")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0"
