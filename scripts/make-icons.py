#!/usr/bin/env python3
"""Draws the app icons (PNG) with the standard library only: two figures
(parent and mentor) under a bridge arch, white on the brand teal.

    python3 scripts/make-icons.py   # writes public/icons/*.png
"""
import math
import struct
import zlib
from pathlib import Path

TEAL = (29, 92, 99)
WHITE = (255, 255, 255)


def inside(x, y, scale):
    """Whether the point (in 0..1 icon units, scaled about the centre) is white."""
    x = (x - 0.5) / scale + 0.5
    y = (y - 0.5) / scale + 0.5
    # The bridge: a thick arch.
    d = math.hypot(x - 0.5, y - 0.72)
    if 0.37 <= d <= 0.45 and y <= 0.72:
        return True
    # Two people: heads and bodies.
    for cx in (0.39, 0.61):
        if math.hypot(x - cx, y - 0.44) <= 0.055:
            return True
        if abs(x - cx) <= 0.07 and 0.52 <= y <= 0.72 and math.hypot((x - cx) / 0.07, max(0.0, 0.58 - y) / 0.06) <= 1:
            return True
    return False


def draw(size, scale, rounded):
    samples = 3
    rows = []
    radius = 0.18 if rounded else 0.0
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            hits = 0
            covered = 0
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) / size
                    y = (py + (sy + 0.5) / samples) / size
                    if radius:
                        qx = max(radius - x, 0, x - (1 - radius))
                        qy = max(radius - y, 0, y - (1 - radius))
                        if math.hypot(qx, qy) > radius:
                            continue
                    covered += 1
                    hits += inside(x, y, scale)
            n = samples * samples
            a = covered / n
            if covered == 0:
                row += bytes((0, 0, 0, 0))
                continue
            t = hits / covered
            colour = [round(TEAL[i] * (1 - t) + WHITE[i] * t) for i in range(3)]
            row += bytes(colour + [round(255 * a)])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    out = Path(__file__).resolve().parent.parent / "public" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    (out / "icon-192.png").write_bytes(draw(192, 1.0, True))
    (out / "icon-512.png").write_bytes(draw(512, 1.0, True))
    # Maskable: full bleed, the drawing inside the 80% safe zone.
    (out / "icon-maskable-512.png").write_bytes(draw(512, 0.75, False))


if __name__ == "__main__":
    main()
