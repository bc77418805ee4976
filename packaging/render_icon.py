"""Render the app icon from `packaging/icons/reviewdesk.svg`.

Writes, beside the SVG: `reviewdesk.png` (256x256, the Linux icon), `reviewdesk.ico` (Windows:
16 to 256 px, PNG-compressed entries) and `reviewdesk.icns` (macOS: 16 to 1024 px, PNG entries).
The ICO and ICNS containers are written with the standard library; Qt only rasterises the SVG.

Usage: QT_QPA_PLATFORM=offscreen python packaging/render_icon.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: TID251 (a build tool)
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: TID251
from PySide6.QtSvg import QSvgRenderer  # noqa: TID251

ICONS = Path(__file__).resolve().parent / "icons"
SVG = ICONS / "reviewdesk.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types holding PNG data, by pixel size (the @2x variants share the bitmaps).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG as a `size` x `size` PNG with an alpha channel."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as str; its stubs say bytes.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RuntimeError(f"could not encode the {size} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (supported since Windows Vista)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        png = images[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS .icns of PNG entries."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(images[size])) + images[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # QPainter needs the GUI application
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icon: {SVG} is not a valid SVG", file=sys.stderr)
        return 1
    sizes = sorted({*ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    images = {size: render_png(renderer, size) for size in sizes}
    outputs = {
        "reviewdesk.png": images[256],
        "reviewdesk.ico": ico({size: images[size] for size in ICO_SIZES}),
        "reviewdesk.icns": icns(images),
    }
    for name, data in outputs.items():
        (ICONS / name).write_bytes(data)
        print(f"wrote {ICONS / name} ({len(data)} bytes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
