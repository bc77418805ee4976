"""Image files for benchmarks and tests, from the standard library: huge ones cost little to
write."""

import struct
import zlib
from pathlib import Path


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)


def write_png(path: Path, width: int, height: int, rgb: bytes = b"\x28\x5a\xa0") -> Path:
    """A solid-colour PNG of any size: rows are compressed one at a time."""
    row = b"\x00" + rgb * width
    packer = zlib.compressobj(1)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    path.write_bytes(_header(width, height) + _chunk(b"IDAT", data) + _chunk(b"IEND", b""))
    return path


def write_png_claiming(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims `width` x `height` but holds one row: a decompression bomb's
    first bytes, cheap to write."""
    data = zlib.compress(b"\x00" + b"\x00" * 3 * min(width, 1024))
    path.write_bytes(_header(width, height) + _chunk(b"IDAT", data) + _chunk(b"IEND", b""))
    return path
