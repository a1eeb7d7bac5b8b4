"""Draw the Teams app icons (a signpost) as PNG files, using only the standard library.

Teams needs two icons in the app package: `color.png`, 192x192, a full-colour icon (here a white
signpost on the accent colour), and `outline.png`, 32x32, the same signpost in white on a transparent
background. The glyph is a handful of convex polygons in a unit square, rasterised with exact horizontal
coverage and vertical supersampling so the edges are anti-aliased. The PNGs are written by manifest/png.py
(zlib + struct). Run `python manifest/make_icons.py` after changing the drawing, and commit both files;
the tests check that the committed icons match what this script draws.
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as `python manifest/make_icons.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from manifest.png import encode_png

HERE = Path(__file__).resolve().parent
ACCENT = (0x0B, 0x5A, 0x7A)  # the manifest's accentColor, #0B5A7A
WHITE = (0xFF, 0xFF, 0xFF)
SUBROWS = 8

Point = tuple[float, float]

# The signpost in a unit square, y downwards: a post, a board pointing right, a board pointing left.
SIGNPOST: tuple[tuple[Point, ...], ...] = (
    ((0.44, 0.05), (0.56, 0.05), (0.56, 0.95), (0.44, 0.95)),
    ((0.14, 0.16), (0.72, 0.16), (0.88, 0.29), (0.72, 0.42), (0.14, 0.42)),
    ((0.86, 0.50), (0.28, 0.50), (0.12, 0.63), (0.28, 0.76), (0.86, 0.76)),
    ((0.32, 0.90), (0.68, 0.90), (0.68, 0.95), (0.32, 0.95)),
)


def _span(polygon: Sequence[Point], y: float) -> tuple[float, float] | None:
    """Where the horizontal line at height y crosses a convex polygon, or None if it misses."""
    xs = []
    for (x0, y0), (x1, y1) in zip(polygon, (*polygon[1:], polygon[0]), strict=True):
        if (y0 <= y < y1) or (y1 <= y < y0):
            xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    return (min(xs), max(xs)) if len(xs) >= 2 else None


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Union of overlapping intervals, so overlapping shapes are not counted twice."""
    merged: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def coverage(size: int, shapes: Sequence[Sequence[Point]], inset: float) -> list[list[float]]:
    """Fraction (0..1) of each pixel covered by the shapes, drawn inside a margin of `inset` pixels."""
    grid = [[0.0] * size for _ in range(size)]
    scale = size - 2 * inset
    for row in range(size):
        cells = grid[row]
        for sub in range(SUBROWS):
            y = ((row + (sub + 0.5) / SUBROWS) - inset) / scale
            spans = [s for s in (_span(shape, y) for shape in shapes) if s]
            for start, end in _merge(spans):
                left, right = inset + start * scale, inset + end * scale
                for col in range(max(0, int(left)), min(size, int(right) + 1)):
                    covered = min(right, col + 1) - max(left, col)
                    if covered > 0:
                        cells[col] += covered / SUBROWS
    return [[min(1.0, value) for value in cells] for cells in grid]


def color_icon_pixels(size: int = 192) -> list[bytes]:
    """RGBA rows of the colour icon: a white signpost on the accent colour, opaque."""
    rows = []
    for cells in coverage(size, SIGNPOST, inset=size * 0.2):
        row = bytearray()
        for a in cells:
            row += bytes(round(bg + (fg - bg) * a) for bg, fg in zip(ACCENT, WHITE, strict=True)) + b"\xff"
        rows.append(bytes(row))
    return rows


def outline_icon_pixels(size: int = 32) -> list[bytes]:
    """RGBA rows of the outline icon: white everywhere, the signpost's coverage as alpha."""
    return [
        b"".join(bytes((*WHITE, round(255 * a))) for a in cells)
        for cells in coverage(size, SIGNPOST, inset=1.0)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Write color.png and outline.png (into manifest/ unless --out-dir says otherwise)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=HERE, help="folder to write the icons to")
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, rows in (("color.png", color_icon_pixels()), ("outline.png", outline_icon_pixels())):
        path = args.out_dir / name
        path.write_bytes(encode_png(rows))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
