"""Build PNG files for the icon tests, independently of manifest/png.py: any colour type, any filter."""

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
SAMPLES = {0: 1, 2: 3, 4: 2, 6: 4}


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk with its length and CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _paeth(a: int, b: int, c: int) -> int:
    estimate = a + b - c
    return min((abs(estimate - a), 0, a), (abs(estimate - b), 1, b), (abs(estimate - c), 2, c))[2]


def _filtered(kind: int, row: bytes, prev: bytes, bpp: int) -> bytes:
    out = bytearray()
    for i, value in enumerate(row):
        left = row[i - bpp] if i >= bpp else 0
        up = prev[i]
        upleft = prev[i - bpp] if i >= bpp else 0
        predictor = (0, left, up, (left + up) // 2, _paeth(left, up, upleft))[kind]
        out.append((value - predictor) & 0xFF)
    return bytes(out)


def png(rows: list[bytes], color_type: int = 6, filter_type: int = 0) -> bytes:
    """An 8-bit PNG of the given colour type from raw sample rows, every row with `filter_type`."""
    bpp = SAMPLES[color_type]
    width = len(rows[0]) // bpp
    raw, prev = bytearray(), bytes(len(rows[0]))
    for row in rows:
        raw += bytes([filter_type]) + _filtered(filter_type, row, prev, bpp)
        prev = row
    header = struct.pack(">IIBBBBB", width, len(rows), 8, color_type, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")
    return SIGNATURE + body


def solid(size: int, rgba: tuple[int, int, int, int]) -> list[bytes]:
    """RGBA rows of one colour."""
    return [bytes(rgba) * size for _ in range(size)]


def white_square_on_transparent(size: int) -> list[bytes]:
    """RGBA rows: a white square in the middle, transparent around it (a valid outline icon)."""
    clear, white = bytes((255, 255, 255, 0)), bytes((255, 255, 255, 255))
    return [
        b"".join(white if size // 4 <= x < 3 * size // 4 and size // 4 <= y < 3 * size // 4 else clear
                 for x in range(size))
        for y in range(size)
    ]
