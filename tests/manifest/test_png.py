"""manifest/png.py: PNGs written by the icon script and by other tools decode to the right pixels."""

import pytest

from manifest.make_icons import outline_icon_pixels
from manifest.png import PngError, decode_rgba, encode_png, read_png
from tests.manifest.png_builders import SIGNATURE, chunk, png, solid


@pytest.mark.parametrize("filter_type", [0, 1, 2, 3, 4])
def test_every_scanline_filter_decodes_to_the_original_pixels(filter_type):
    rows = outline_icon_pixels(32)
    header, decoded = decode_rgba(png(rows, color_type=6, filter_type=filter_type))
    assert (header.width, header.height) == (32, 32)
    assert decoded == rows


def test_greyscale_with_alpha_is_widened_to_rgba():
    grey_alpha = [bytes((255, 0, 255, 200)), bytes((10, 255, 255, 0))]
    _, rows = decode_rgba(png(grey_alpha, color_type=4, filter_type=4))
    assert rows == [bytes((255, 255, 255, 0, 255, 255, 255, 200)), bytes((10, 10, 10, 255, 255, 255, 255, 0))]


def test_encode_png_round_trips():
    rows = solid(3, (1, 2, 3, 4))
    header, decoded = decode_rgba(encode_png(rows))
    assert header.describe() == "3x3 8-bit RGBA"
    assert decoded == rows


def _flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 1]) + data[index + 1:]


GOOD = png(solid(2, (0, 0, 0, 0)))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"GIF89a", "bad signature", id="not-png"),
        pytest.param(SIGNATURE + chunk(b"IEND", b""), "IHDR", id="no-header"),
        pytest.param(GOOD[:-6], "truncated", id="cut-short"),
        pytest.param(_flip(GOOD, 23), "CRC", id="bit-flip-in-header"),
    ],
)
def test_damaged_files_are_rejected_with_a_reason(data, reason):
    with pytest.raises(PngError, match=reason):
        read_png(data)


def test_decoding_needs_an_alpha_channel():
    with pytest.raises(PngError, match=r"8-bit RGB.*alpha channel"):
        decode_rgba(png([bytes(3 * 4)] * 4, color_type=2))
