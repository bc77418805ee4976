"""Draw the images of the sample review bundle.

Writes ``resources/sample/assets/hero.png`` (1200x630) and
``resources/sample/assets/chart.png`` (800x400) with the standard library
only: shapes are drawn into an RGB pixel buffer, then encoded as PNG with
``zlib`` and ``struct``. The output is deterministic, byte for byte.

Usage: python scripts/make_sample_images.py [--out DIR]
"""

from __future__ import annotations

import argparse
import math
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

Color = tuple[int, int, int]

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "resources" / "sample" / "assets"


def hex_color(value: str) -> Color:
    """Turn ``#rrggbb`` into an (r, g, b) tuple."""
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def clamp01(value: float) -> float:
    return max(0.0, min(value, 1.0))


class Canvas:
    """An RGB pixel buffer with a few anti-aliased drawing primitives."""

    def __init__(self, width: int, height: int, background: Color) -> None:
        self.width = width
        self.height = height
        self.pixels = bytearray(bytes(background) * (width * height))

    def blend(self, x: int, y: int, color: Color, alpha: float) -> None:
        """Blend ``color`` over the pixel at (x, y) with opacity ``alpha``."""
        if alpha <= 0.0 or not (0 <= x < self.width and 0 <= y < self.height):
            return
        i = (y * self.width + x) * 3
        px = self.pixels
        if alpha >= 1.0:
            px[i], px[i + 1], px[i + 2] = color
            return
        inv = 1.0 - alpha
        px[i] = round(px[i] * inv + color[0] * alpha)
        px[i + 1] = round(px[i + 1] * inv + color[1] * alpha)
        px[i + 2] = round(px[i + 2] * inv + color[2] * alpha)

    def gradient(self, stops: Sequence[Color], angle_x: float, angle_y: float) -> None:
        """Fill with a linear gradient through ``stops`` along (angle_x, angle_y)."""
        norm = abs(angle_x) * (self.width - 1) + abs(angle_y) * (self.height - 1)
        segments = len(stops) - 1
        row = bytearray(self.width * 3)
        for y in range(self.height):
            for x in range(self.width):
                t = (angle_x * x + angle_y * y) / norm
                pos = clamp01(t) * segments
                k = min(int(pos), segments - 1)
                f = pos - k
                a, b = stops[k], stops[k + 1]
                j = x * 3
                row[j] = round(lerp(a[0], b[0], f))
                row[j + 1] = round(lerp(a[1], b[1], f))
                row[j + 2] = round(lerp(a[2], b[2], f))
            start = y * self.width * 3
            self.pixels[start : start + len(row)] = row

    def circle(self, cx: float, cy: float, radius: float, color: Color, alpha: float) -> None:
        """A filled, anti-aliased disc."""
        for y in range(max(0, int(cy - radius - 1)), min(self.height, int(cy + radius + 2))):
            for x in range(max(0, int(cx - radius - 1)), min(self.width, int(cx + radius + 2))):
                d = math.hypot(x + 0.5 - cx, y + 0.5 - cy)
                coverage = clamp01(radius + 0.5 - d)
                if coverage > 0.0:
                    self.blend(x, y, color, coverage * alpha)

    def ring(
        self,
        cx: float,
        cy: float,
        radius: float,
        *,
        width: float,
        color: Color,
        alpha: float,
    ) -> None:
        """An anti-aliased circle outline of stroke ``width``."""
        outer = radius + width
        for y in range(max(0, int(cy - outer - 1)), min(self.height, int(cy + outer + 2))):
            for x in range(max(0, int(cx - outer - 1)), min(self.width, int(cx + outer + 2))):
                d = math.hypot(x + 0.5 - cx, y + 0.5 - cy)
                coverage = clamp01(width / 2 + 0.5 - abs(d - radius))
                if coverage > 0.0:
                    self.blend(x, y, color, coverage * alpha)

    def rounded_rect(
        self,
        box: tuple[float, float, float, float],
        radius: float,
        color: Color,
        alpha: float,
        feather: float = 1.0,
    ) -> None:
        """A filled rounded rectangle; a large ``feather`` gives a soft shadow."""
        x0, y0, x1, y1 = box
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        hx, hy = (x1 - x0) / 2 - radius, (y1 - y0) / 2 - radius
        pad = feather + 1
        for y in range(max(0, int(y0 - pad)), min(self.height, int(y1 + pad + 1))):
            for x in range(max(0, int(x0 - pad)), min(self.width, int(x1 + pad + 1))):
                qx = abs(x + 0.5 - cx) - hx
                qy = abs(y + 0.5 - cy) - hy
                outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
                d = outside + min(max(qx, qy), 0.0) - radius
                coverage = clamp01(0.5 - d / feather)
                if coverage > 0.0:
                    self.blend(x, y, color, coverage * alpha)

    def rect(self, x0: int, y0: int, x1: int, y1: int, color: Color) -> None:
        """An opaque, pixel-aligned rectangle, ``x1`` and ``y1`` exclusive."""
        for y in range(max(0, y0), min(self.height, y1)):
            for x in range(max(0, x0), min(self.width, x1)):
                self.blend(x, y, color, 1.0)


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _filter_rows(pixels: bytes, width: int, height: int) -> bytes:
    """Filter each scanline with the PNG filter giving the smallest residuals."""
    stride = width * 3
    out = bytearray()
    prev = bytes(stride)
    for y in range(height):
        row = pixels[y * stride : (y + 1) * stride]
        left = bytes(3) + row[:-3]
        up_left = bytes(3) + prev[:-3]
        candidates = [
            (0, bytes(row)),
            (1, bytes((r - a) & 0xFF for r, a in zip(row, left, strict=True))),
            (2, bytes((r - b) & 0xFF for r, b in zip(row, prev, strict=True))),
            (
                4,
                bytes(
                    (r - _paeth(a, b, c)) & 0xFF
                    for r, a, b, c in zip(row, left, prev, up_left, strict=True)
                ),
            ),
        ]
        kind, data = min(
            candidates, key=lambda item: sum(v if v < 128 else 256 - v for v in item[1])
        )
        out.append(kind)
        out += data
        prev = row
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def encode_png(canvas: Canvas) -> bytes:
    """Encode an RGB canvas as an 8-bit truecolor PNG."""
    header = struct.pack(">IIBBBBB", canvas.width, canvas.height, 8, 2, 0, 0, 0)
    raw = _filter_rows(bytes(canvas.pixels), canvas.width, canvas.height)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def draw_hero() -> Canvas:
    """An abstract cover: a night-to-teal gradient, soft discs and a chat card."""
    canvas = Canvas(1200, 630, hex_color("#1b1f4b"))
    canvas.gradient([hex_color("#1a1c46"), hex_color("#23467a"), hex_color("#1f8585")], 0.65, 0.35)
    white = hex_color("#ffffff")

    # Soft background discs and rings.
    canvas.circle(1030, 110, 250, hex_color("#46c7c9"), 0.16)
    canvas.circle(150, 590, 220, hex_color("#7c6cf2"), 0.22)
    canvas.circle(600, -40, 120, hex_color("#9aa8ff"), 0.10)
    for radius in (70, 115, 160, 205):
        canvas.ring(905, 330, radius, width=2.0, color=white, alpha=0.13)
    canvas.circle(905, 330, 26, hex_color("#f2b950"), 0.95)
    canvas.circle(1066, 250, 9, white, 0.55)
    canvas.circle(760, 470, 6, white, 0.45)
    canvas.circle(1010, 505, 12, hex_color("#46c7c9"), 0.75)

    # Dot grid, lower right.
    for row in range(5):
        for col in range(9):
            canvas.circle(880 + col * 30, 470 + row * 28, 2.6, white, 0.22)

    # A stylised chat window with prompt and reply "lines".
    card = (130.0, 140.0, 640.0, 480.0)
    canvas.rounded_rect((142.0, 162.0, 652.0, 502.0), 26, hex_color("#0b0d24"), 0.35, 22.0)
    canvas.rounded_rect(card, 22, hex_color("#f7f8fc"), 0.97)
    canvas.rounded_rect((130.0, 140.0, 640.0, 196.0), 22, hex_color("#e4e8f3"), 1.0)
    canvas.rect(130, 176, 640, 196, hex_color("#e4e8f3"))
    for i, dot in enumerate(("#ef6f6c", "#f2b950", "#5cc48a")):
        canvas.circle(164 + i * 24, 168, 7, hex_color(dot), 1.0)

    grey = hex_color("#cfd5e4")
    teal = hex_color("#1f8585")
    canvas.rounded_rect((330.0, 222.0, 610.0, 290.0), 16, hex_color("#2c5c94"), 1.0)
    canvas.rounded_rect((352.0, 241.0, 585.0, 251.0), 5, hex_color("#d7e4f6"), 1.0)
    canvas.rounded_rect((352.0, 262.0, 520.0, 272.0), 5, hex_color("#d7e4f6"), 1.0)
    canvas.rounded_rect((160.0, 312.0, 560.0, 452.0), 16, hex_color("#e9f4f3"), 1.0)
    for i, width in enumerate((360, 330, 350, 210)):
        canvas.rounded_rect(
            (182.0, 334.0 + i * 28, 182.0 + width, 345.0 + i * 28),
            5.5,
            grey if i else teal,
            1.0,
        )
    return canvas


#: Median generation speed (tokens per second) per device, as in body.md.
CHART_VALUES: tuple[int, ...] = (9, 18, 34, 71, 126)


def draw_chart() -> Canvas:
    """A plain bar chart of ``CHART_VALUES`` with grid lines and axes, no text."""
    canvas = Canvas(800, 400, hex_color("#fbfaf7"))
    left, right, top, bottom = 70, 770, 30, 350
    top_value = 140
    scale = (bottom - top) / top_value
    grid = hex_color("#e4e1d9")
    axis = hex_color("#4b4f58")

    for value in range(20, top_value + 1, 20):
        y = bottom - round(value * scale)
        canvas.rect(left, y, right, y + 1, grid)
        canvas.rect(left - 8, y, left, y + 2, axis)

    slot = (right - left) / len(CHART_VALUES)
    bar_width = 84
    shades = ("#9fc4d6", "#7fb0c8", "#5f9bba", "#3f86ab", "#22678d")
    for i, value in enumerate(CHART_VALUES):
        x0 = left + slot * i + (slot - bar_width) / 2
        y0 = bottom - value * scale
        color = hex_color(shades[i])
        canvas.rounded_rect((x0, y0, x0 + bar_width, float(bottom)), 7, color, 1.0)
        canvas.rect(round(x0), math.ceil(y0 + 7), round(x0) + bar_width, bottom, color)
        xm = round(x0 + bar_width / 2)
        canvas.rect(xm - 1, bottom, xm + 1, bottom + 8, axis)

    canvas.rect(left - 2, top - 10, left, bottom + 2, axis)
    canvas.rect(left - 2, bottom, right, bottom + 2, axis)
    return canvas


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name, canvas in (("hero.png", draw_hero()), ("chart.png", draw_chart())):
        path = out / name
        path.write_bytes(encode_png(canvas))
        print(f"wrote {path} ({canvas.width}x{canvas.height}, {path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
