"""Small server-side SVG charts for the dashboard: right-to-left, Persian digits, no script, no CDN.

Two shapes cover the dashboard: horizontal bars (categories, bars growing leftwards from the
right edge where the labels are) and vertical column groups ordered right to left (weeks,
probability bins). Each chart is drawn with its data table below it in the template, so the
numbers are readable without the picture. Colours are presentation attributes, not inline
styles, so the page's Content-Security-Policy (style-src 'self') holds.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from markupsafe import Markup, escape

from screening.text.digits import to_fa_digits

PALETTE = ("#1f5f8b", "#c8702a", "#5a8f3c", "#8b3a62")
FONT = "Vazirmatn, Tahoma, sans-serif"
_ids = count(1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as people read it, e.g. «۴۲» or «۱۷٪»


@dataclass(frozen=True)
class ColumnGroup:
    label: str
    values: tuple[float | None, ...]  # one per series; None = nothing to draw
    shown: tuple[str, ...]


# With direction="rtl", SVG's text-anchor is relative to the reading direction: "start" puts the
# text's right edge at x, "end" its left edge.
_ANCHOR = {"right": "start", "left": "end", "middle": "middle"}


def _text(x: float, y: float, s: str, *, align: str = "right", size: int = 12, fill: str = "#222") -> str:
    """Text whose right edge (align="right"), left edge or middle is at x."""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{_ANCHOR[align]}" direction="rtl" font-family="{FONT}" '
            f'font-size="{size}" fill="{fill}">{escape(s)}</text>')


def _open(width: int, height: int, title: str, desc: str) -> tuple[str, str]:
    n = next(_ids)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-labelledby="chart-t{n} chart-d{n}" direction="rtl">'
            f'<title id="chart-t{n}">{escape(title)}</title><desc id="chart-d{n}">{escape(desc)}</desc>')
    return head, "</svg>"


MAX_LABEL_CHARS = 44  # what fits in label_width at 12 px; the full label is in the table below


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def hbars(bars: Sequence[Bar], title: str, *, max_value: float | None = None, width: int = 640,
          label_width: int = 280, row: int = 26, colour: str = PALETTE[0]) -> Markup:
    """Horizontal bars: labels on the right, bars growing leftwards, value at the bar's end."""
    height = max(len(bars), 1) * row + 10
    head, tail = _open(width, height, title, "، ".join(f"{b.label}: {b.shown}" for b in bars) or "بدون داده")
    parts = [head]
    top = max_value if max_value is not None else max((b.value for b in bars), default=0)
    span = width - label_width - 60
    right = width - label_width - 8
    for i, b in enumerate(bars):
        y = 5 + i * row
        length = 0 if top <= 0 else max(span * b.value / top, 1 if b.value > 0 else 0)
        parts.append(_text(width - 4, y + row * 0.62, _short(b.label)))
        parts.append(f'<rect x="{right - length:.1f}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" fill="{colour}"/>')
        parts.append(_text(right - length - 4, y + row * 0.62, b.shown, align="right", size=11, fill="#444"))
    if not bars:
        parts.append(_text(width / 2, row * 0.7, "داده‌ای نیست", align="middle"))
    parts.append(tail)
    return Markup("".join(parts))


def columns(groups: Sequence[ColumnGroup], series: Sequence[str], title: str, *, max_value: float | None = None,
            width: int = 640, height: int = 220, percent_axis: bool = False) -> Markup:
    """Vertical columns, one group per label, the first group at the right (time runs right to left)."""
    head, tail = _open(width, height, title, "، ".join(
        f"{g.label}: " + "، ".join(f"{s} {v}" for s, v in zip(series, g.shown)) for g in groups) or "بدون داده")
    parts = [head]
    legend_h, axis_h, pad = 22, 34, 8
    plot_top, plot_bottom = legend_h + pad, height - axis_h
    plot_h = plot_bottom - plot_top
    values = [v for g in groups for v in g.values if v is not None]
    top = max_value if max_value is not None else max(values, default=0)
    # legend, right-aligned
    x = width - 4
    for i, name in enumerate(series):
        parts.append(f'<rect x="{x - 12}" y="6" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>')
        parts.append(_text(x - 16, 16, name, size=11))
        x -= 24 + 9 * len(name)
    # gridlines at 0, ½, max
    for frac in (0, 0.5, 1):
        y = plot_bottom - plot_h * frac
        parts.append(f'<line x1="4" x2="{width - 4}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd" stroke-width="1"/>')
        if top > 0:
            label = f"{round(top * frac * 100)}٪" if percent_axis else f"{top * frac:.0f}"
            parts.append(_text(6, y - 2, to_fa_digits(label), align="left", size=10, fill="#777"))
    if groups:
        slot = (width - 40) / len(groups)
        bar_w = max(min(slot * 0.8 / max(len(series), 1), 28), 2)
        for gi, g in enumerate(groups):
            slot_right = width - 4 - gi * slot
            centre = slot_right - slot / 2
            start = centre + bar_w * len(series) / 2
            for si, v in enumerate(g.values):
                if v is None:
                    continue
                h = 0 if top <= 0 else plot_h * v / top
                parts.append(f'<rect x="{start - (si + 1) * bar_w:.1f}" y="{plot_bottom - h:.1f}" width="{bar_w - 1:.1f}" '
                             f'height="{h:.1f}" fill="{PALETTE[si % len(PALETTE)]}"/>')
            parts.append(_text(centre, height - 12, g.label, align="middle", size=10))
    else:
        parts.append(_text(width / 2, height / 2, "داده‌ای نیست", align="middle"))
    parts.append(tail)
    return Markup("".join(parts))
