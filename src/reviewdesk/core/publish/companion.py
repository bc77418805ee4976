"""The ReviewDesk plugin for WordPress (resources/wordpress/reviewdesk/) as the zip a site's
administrator installs under Plugins > Add New > Upload Plugin.

The zip holds the plugin's folder, `reviewdesk/`, and its files in name order, each dated
1980-01-01 (the earliest date a zip can hold): the same plugin makes the same bytes, whenever
and wherever it is built."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from reviewdesk.core.destination import Destination
from reviewdesk.core.resources import resource

__all__ = ["FOLDER", "plugin_files", "plugin_folder", "plugin_zip", "write_plugin_zip"]

FOLDER = "reviewdesk"
"""The plugin's folder in wp-content/plugins, and the zip's top folder."""

_DATE = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o100644  # a regular file, rw-r--r--


def plugin_folder() -> Path:
    return resource("wordpress", FOLDER)


def plugin_files() -> list[PurePosixPath]:
    """The plugin's files, relative to its folder, in the order the zip holds them. Hidden
    files (an editor's swap file, .DS_Store) are not part of it."""
    root = plugin_folder()
    found = [
        PurePosixPath(path.relative_to(root).as_posix())
        for path in root.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
    if not found:
        raise FileNotFoundError(f"the WordPress plugin is missing from this installation: {root}")
    return sorted(found)


def plugin_zip() -> bytes:
    """The installable zip, as bytes."""
    root = plugin_folder()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in plugin_files():
            entry = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=_DATE)
            entry.external_attr = _FILE_MODE << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, root.joinpath(*name.parts).read_bytes())
    return buffer.getvalue()


def write_plugin_zip(target: Path) -> Path:
    """Write the zip to `target` (a file, replaced whole or left as it was); the path written.
    OSError (destination.WriteError) names `target` when it cannot be written."""
    data = plugin_zip()
    target = Path(target)
    with Destination(target.parent) as destination:
        destination.write(target, data)
    return target
