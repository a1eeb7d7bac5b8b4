"""A grouped bar chart as a small hand-written SVG (standard library only).

Why not matplotlib: one chart does not justify a plotting stack (matplotlib brings numpy, Pillow,
fonttools, kiwisolver, contourpy and more) in the bench extra, and an SVG is text: it diffs in review,
renders in any browser and in the repository's Markdown view, and comes out byte-identical for the same
figures. Each panel is groups (concurrency levels) of bars (servers), with an optional whisker per bar.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

COLOURS = ("#1f5fa8", "#e07b00", "#3a9a3a", "#8e44ad")
PANEL_WIDTH = 420
PANEL_HEIGHT = 300
MARGIN = {"left": 64, "right": 16, "top": 40, "bottom": 56}


@dataclass(frozen=True)
class Panel:
    """One chart: a title, a y-axis label, group labels, and per series its bar values (and whiskers)."""

    title: str
    y_label: str
    groups: Sequence[str]
    series: dict[str, Sequence[float]]
    whiskers: dict[str, Sequence[float]] | None = None


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least `top`."""
    if top <= 0 or math.isnan(top):
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def _label(value: float) -> str:
    if math.isnan(value):
        return "–"
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _panel(panel: Panel, x0: float) -> list[str]:
    left, top = x0 + MARGIN["left"], MARGIN["top"]
    width = PANEL_WIDTH - MARGIN["left"] - MARGIN["right"]
    height = PANEL_HEIGHT - MARGIN["top"] - MARGIN["bottom"]
    whiskers = panel.whiskers or {}
    values = [v for vs in (*panel.series.values(), *whiskers.values()) for v in vs if not math.isnan(v)]
    ticks = nice_ticks(max(values, default=1.0))
    scale = height / ticks[-1]
    out = [f'<text x="{x0 + PANEL_WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">'
           f"{escape(panel.title)}</text>",
           f'<text transform="translate({x0 + 14},{top + height / 2}) rotate(-90)" text-anchor="middle">'
           f"{escape(panel.y_label)}</text>"]
    for tick in ticks:
        y = top + height - tick * scale
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + width}" y2="{y:.1f}" stroke="#ddd"/>')
        tick_label = f"{tick:.0f}" if tick == int(tick) else _label(tick)
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{tick_label}</text>')
    group_width = width / max(len(panel.groups), 1)
    bar_width = group_width * 0.8 / max(len(panel.series), 1)
    for g, group in enumerate(panel.groups):
        gx = left + g * group_width + group_width * 0.1
        out.append(f'<text x="{left + (g + 0.5) * group_width:.1f}" y="{top + height + 18}" text-anchor="middle">'
                   f"{escape(group)}</text>")
        for s, (name, series_values) in enumerate(panel.series.items()):
            value = series_values[g]
            x = gx + s * bar_width
            bar = 0.0 if math.isnan(value) else value * scale
            out.append(f'<rect x="{x:.1f}" y="{top + height - bar:.1f}" width="{bar_width - 2:.1f}" '
                       f'height="{bar:.1f}" fill="{COLOURS[s % len(COLOURS)]}"><title>{escape(name)} {group}: '
                       f"{_label(value)}</title></rect>")
            label_x, anchor = x + bar_width / 2 - 1, "middle"
            if name in whiskers and not math.isnan(whiskers[name][g]):
                wy = top + height - whiskers[name][g] * scale
                cx = x + bar_width / 2 - 1
                out.append(f'<line x1="{cx:.1f}" y1="{top + height - bar:.1f}" x2="{cx:.1f}" y2="{wy:.1f}" '
                           f'stroke="#333"/><line x1="{cx - 3:.1f}" y1="{wy:.1f}" x2="{cx + 3:.1f}" y2="{wy:.1f}" '
                           f'stroke="#333"/>')
                label_x, anchor = cx - 2, "end"  # beside the whisker, so it reads as the bar's value
            out.append(f'<text x="{label_x:.1f}" y="{top + height - bar - 3:.1f}" '
                       f'text-anchor="{anchor}" font-size="9">{_label(value)}</text>')
    out.append(f'<line x1="{left}" y1="{top + height}" x2="{left + width}" y2="{top + height}" stroke="#333"/>')
    return out


def render(panels: Sequence[Panel], caption: str = "") -> str:
    """The panels side by side with one shared legend (series names of the first panel) as SVG text."""
    width = PANEL_WIDTH * len(panels)
    height = PANEL_HEIGHT + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>']
    for index, panel in enumerate(panels):
        parts.extend(_panel(panel, index * PANEL_WIDTH))
    legend_y = PANEL_HEIGHT + 4
    x = MARGIN["left"]
    for s, name in enumerate(panels[0].series if panels else ()):
        parts.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{COLOURS[s % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 16}" y="{legend_y}">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    if caption:
        parts.append(f'<text x="{x + 12}" y="{legend_y}" fill="#555" font-size="11">{escape(caption)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
