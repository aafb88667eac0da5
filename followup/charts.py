"""Small server-rendered SVG charts: bars for one series, lines for several.

The charts need no JavaScript and no inline styles (only SVG presentation attributes), carry a
<title> and axis labels, and sit beside a table with the same numbers (the text alternative).
The colours reach at least 4.5:1 against white; lines also differ in dash pattern and marker, so
colour is never the only difference.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

COLOURS = ("#1d4e89", "#a6400b", "#1e6b34", "#6a2c8e", "#3d4a4f")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")
WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 36, 64
_ids = itertools.count(1)

Number = int | float | Decimal | None


def _fmt(value: Number) -> str:
    if value is None:
        return "–"
    if isinstance(value, Decimal) and value == value.to_integral():
        value = int(value)
    return f"{value}".replace(".", ",")


def _scale_max(values: Sequence[Number], fixed: float | None) -> float:
    """The top of the y axis: four gridline steps of a round size (1, 2, 2.5 or 5 × 10^k)."""
    if fixed is not None:
        return fixed
    top = max((float(v) for v in values if v is not None), default=0.0)
    if top <= 0:
        return 1.0
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return 4 * step


def _short(name: str, limit: int = 20) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _frame(title: str, y_label: str, x_label: str, top: float, chart_id: str) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}">',
        f'<title id="{chart_id}">{escape(title)}</title>',
        f'<text x="{LEFT}" y="20" font-size="15" font-weight="bold" fill="#1a1a1a">'
        f"{escape(title)}</text>",
    ]
    for step in range(5):
        value = top * step / 4
        y = TOP + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#d0d4d8" stroke-width="1"/>'
        )
        label = _fmt(round(value, 1) if value % 1 else int(value))
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="12" text-anchor="end" '
            f'fill="#1a1a1a">{label}</text>'
        )
    parts.append(
        f'<text x="14" y="{TOP + plot_h / 2:.1f}" font-size="12" text-anchor="middle" '
        f'fill="#1a1a1a" transform="rotate(-90 14 {TOP + plot_h / 2:.1f})">{escape(y_label)}</text>'
    )
    parts.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{HEIGHT - 8}" font-size="12" '
        f'text-anchor="middle" fill="#1a1a1a">{escape(x_label)}</text>'
    )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" '
        f'stroke="#1a1a1a" stroke-width="1"/>'
    )
    return parts


def bar_chart(
    *,
    title: str,
    labels: Sequence[str | int],
    values: Sequence[Number],
    y_label: str,
    x_label: str = "År",
    y_max: float | None = None,
    target: float | None = None,
) -> SafeString:
    """One bar per label; a missing value leaves a gap marked "–". `target` draws a dashed
    line (e.g. the 75 % goal)."""
    chart_id = f"diagram-{next(_ids)}"
    top = _scale_max(list(values) + ([target] if target is not None else []), y_max)
    parts = _frame(title, y_label, x_label, top, chart_id)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(labels), 1)
    bar_w = min(slot * 0.6, 64)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + slot * i + (slot - bar_w) / 2
        base = TOP + plot_h
        if value is not None:
            h = plot_h * float(value) / top
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[0]}"/>'
            )
        y_text = base - (plot_h * float(value) / top if value is not None else 0) - 5
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{y_text:.1f}" font-size="12" '
            f'text-anchor="middle" fill="#1a1a1a">{_fmt(value)}</text>'
        )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{base + 16}" font-size="12" '
            f'text-anchor="middle" fill="#1a1a1a">{escape(str(label))}</text>'
        )
    if target is not None:
        y = TOP + plot_h - plot_h * target / top
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#a6400b" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        legend_y = HEIGHT - 30
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + 22}" y1="{legend_y}" y2="{legend_y}" '
            f'stroke="#a6400b" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        parts.append(
            f'<text x="{LEFT + 28}" y="{legend_y + 4}" font-size="12" fill="#1a1a1a">'
            f"Mål: {_fmt(target)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def line_chart(
    *,
    title: str,
    labels: Sequence[str | int],
    series: Sequence[tuple[str, Sequence[Number]]],
    y_label: str,
    x_label: str = "År",
    y_max: float | None = None,
) -> SafeString:
    """One line per series (at most five are drawn distinctly), with a legend below the title."""
    chart_id = f"diagram-{next(_ids)}"
    all_values = [v for _, values in series for v in values]
    top = _scale_max(all_values, y_max)
    parts = _frame(title, y_label, x_label, top, chart_id)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(labels), 1)
    xs = [LEFT + slot * i + slot / 2 for i in range(len(labels))]
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{xs[i]:.1f}" y="{TOP + plot_h + 16}" font-size="12" '
            f'text-anchor="middle" fill="#1a1a1a">{escape(str(label))}</text>'
        )
    for n, (name, values) in enumerate(series):
        colour = COLOURS[n % len(COLOURS)]
        dash = DASHES[n % len(DASHES)]
        points = [
            (xs[i], TOP + plot_h - plot_h * float(v) / top)
            for i, v in enumerate(values)
            if v is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dash_attr}/>'
            )
        for x, y in points:
            if n % 2:
                parts.append(
                    f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
                )
            else:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>')
        legend_x = LEFT + (n % 3) * 170
        legend_y = HEIGHT - 30
        parts.append(
            f'<line x1="{legend_x}" x2="{legend_x + 22}" y1="{legend_y}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="2.5"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
        )
        parts.append(
            f'<text x="{legend_x + 28}" y="{legend_y + 4}" font-size="12" fill="#1a1a1a">'
            f"{escape(_short(name))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
