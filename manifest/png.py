"""Just enough PNG, in the standard library (zlib + struct), to write and check the Teams app icons.

`encode_png` writes 8-bit RGBA; `read_png` parses the chunks (checking each CRC) and returns the IHDR
fields; `decode_rgba` inflates and unfilters the scanlines of an 8-bit PNG with alpha, so the outline
icon's pixels can be checked. Anything else (16-bit, palette, interlaced) is reported, not guessed at.
"""

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type -> samples per pixel
COLOR_TYPE_NAMES = {0: "greyscale", 2: "RGB", 3: "palette", 4: "greyscale+alpha", 6: "RGBA"}


class PngError(ValueError):
    """The bytes are not a PNG this module can read; the message says why."""


@dataclass(frozen=True)
class PngHeader:
    """The IHDR fields that matter here."""

    width: int
    height: int
    bit_depth: int
    color_type: int
    interlace: int

    def describe(self) -> str:
        """For example "32x32 8-bit RGBA"."""
        return f"{self.width}x{self.height} {self.bit_depth}-bit {COLOR_TYPE_NAMES[self.color_type]}"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(rows: Sequence[bytes]) -> bytes:
    """An 8-bit RGBA PNG (colour type 6) from rows of RGBA bytes, every row with filter type 0."""
    height, width = len(rows), len(rows[0]) // 4
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")


def read_png(data: bytes) -> tuple[PngHeader, bytes]:
    """The header and the concatenated, still-compressed IDAT data of a PNG, with CRCs checked."""
    if not data.startswith(SIGNATURE):
        raise PngError("is not a PNG file (bad signature)")
    pos, header, idat, ended = len(SIGNATURE), None, bytearray(), False
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if pos + 12 + length > len(data):
            raise PngError(f"chunk {kind.decode('latin-1')!r} is truncated")
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise PngError(f"chunk {kind.decode('latin-1')!r} fails its CRC check (corrupt file)")
        if kind == b"IHDR" and length == 13:
            header = PngHeader(*struct.unpack(">IIBBxxB", body))
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            ended = True
            break
        pos += 12 + length
    if not ended:
        raise PngError("is truncated (no IEND chunk)")
    if header is None or header.color_type not in CHANNELS:
        raise PngError("has a missing or invalid IHDR chunk")
    if not idat:
        raise PngError("has no image data (IDAT)")
    return header, bytes(idat)


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def _unfilter(kind: int, line: bytearray, prev: bytearray, bpp: int) -> None:
    """Undo one scanline's filter in place (PNG spec, section 9)."""
    for i in range(len(line) if kind else 0):
        left = line[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + prev[i]) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        else:
            line[i] = (line[i] + _paeth(left, prev[i], prev[i - bpp] if i >= bpp else 0)) & 0xFF


def decode_rgba(data: bytes) -> tuple[PngHeader, list[bytes]]:
    """Rows of RGBA bytes from an 8-bit, non-interlaced PNG with alpha (colour type 4 or 6)."""
    header, idat = read_png(data)
    if header.bit_depth != 8 or header.color_type not in (4, 6) or header.interlace:
        interlaced = " interlaced" if header.interlace else ""
        raise PngError(f"is {header.describe()}{interlaced}; it must be an 8-bit PNG with an alpha channel "
                       "(RGBA or greyscale+alpha), not interlaced")
    bpp = CHANNELS[header.color_type]
    stride = header.width * bpp
    try:
        raw = zlib.decompress(idat)
    except zlib.error as error:
        raise PngError(f"has image data that does not decompress ({error})") from None
    if len(raw) != header.height * (stride + 1):
        raise PngError("has image data of a different size from the one its header gives")
    rows, prev = [], bytearray(stride)
    for y in range(header.height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind > 4:
            raise PngError(f"has an unknown filter type {kind} in row {y}")
        _unfilter(kind, line, prev, bpp)
        prev = line
        if bpp == 2:
            line = bytearray(v for g, a in zip(line[::2], line[1::2], strict=True) for v in (g, g, g, a))
        rows.append(bytes(line))
    return header, rows
