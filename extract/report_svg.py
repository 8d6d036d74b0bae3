"""Small inline SVG charts: horizontal bars, vertical bars, a heat map.  No plotting library.

Each function returns an ``<svg>`` string; every label goes through ``esc``; each bar or cell
has a ``<title>`` so hovering shows its exact value.
"""
from __future__ import annotations

import unicodedata

from extract.report_assets import esc

_CHAR_W = 6.6  # px per narrow character at 11px; CJK count double


def _w(s: str) -> float:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s) * _CHAR_W


def _cut(s: str, px: float) -> str:
    if _w(s) <= px:
        return s
    out = ""
    for c in s:
        if _w(out + c + "…") > px:
            break
        out += c
    return out + "…"


def _fmt(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.1f}"


def hbar(rows: list[tuple[str, float]], *, title: str, links: list[str | None] | None = None,
         width: int = 560, label_px: int = 190, color: str = "") -> str:
    """Horizontal bars, one per (label, value), in the given order."""
    if not rows:
        return f'<p class="note">{esc(title)}: 无数据 (no data)</p>'
    bar_h, gap, top = 16, 5, 6
    height = top + len(rows) * (bar_h + gap) + 4
    vmax = max(v for _, v in rows) or 1
    span = width - label_px - 60
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{esc(title)}"><title>{esc(title)}</title>']
    for i, (label, v) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = max(1.0, span * v / vmax) if v else 0
        lab = esc(_cut(str(label), label_px - 8))
        link = links[i] if links else None
        text = f'<text x="{label_px - 6}" y="{y + 12}" text-anchor="end">{lab}</text>'
        if link:
            text = f'<a href="{esc(link)}">{text}</a>'
        parts.append(f'{text}<rect class="bar{color}" x="{label_px}" y="{y}" width="{w:.1f}" height="{bar_h}">'
                     f"<title>{esc(label)}: {_fmt(v)}</title></rect>"
                     f'<text x="{label_px + w + 4:.1f}" y="{y + 12}">{_fmt(v)}</text>')
    parts.append(f'<line class="axis" x1="{label_px}" y1="{top - 2}" x2="{label_px}" y2="{height - 2}"/></svg>')
    return "".join(parts)


def vbar(rows: list[tuple[str, float]], *, title: str, width: int = 560, height: int = 200) -> str:
    """Vertical bars (e.g. documents per year), labels thinned to stay readable."""
    if not rows:
        return f'<p class="note">{esc(title)}: 无数据 (no data)</p>'
    left, bottom, top = 34, 30, 14
    plot_w, plot_h = width - left - 6, height - bottom - top
    vmax = max(v for _, v in rows) or 1
    step = plot_w / len(rows)
    every = max(1, int(len(rows) * 34 // plot_w) + 1)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{esc(title)}"><title>{esc(title)}</title>',
             f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}"/>',
             f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{_fmt(vmax)}</text>',
             f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>']
    for i, (label, v) in enumerate(rows):
        h = plot_h * v / vmax
        x = left + i * step
        parts.append(f'<rect class="bar" x="{x + step * 0.1:.1f}" y="{top + plot_h - h:.1f}" '
                     f'width="{max(1.0, step * 0.8):.1f}" height="{h:.1f}"><title>{esc(label)}: {_fmt(v)}</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
                         f"{esc(_cut(str(label), step * every - 2))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def heat(row_labels: list[str], col_labels: list[str], values: dict[tuple[str, str], float], *,
         title: str, label_px: int = 90, cell: int = 18) -> str:
    """A heat map: rows x columns, darker = more; empty cells stay white."""
    if not row_labels or not col_labels:
        return f'<p class="note">{esc(title)}: 无数据 (no data)</p>'
    top = 46
    width = label_px + cell * len(col_labels) + 8
    height = top + cell * len(row_labels) + 6
    vmax = max(values.values()) or 1
    every = 1 if cell >= 16 else 2
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{esc(title)}"><title>{esc(title)}</title>']
    for j, c in enumerate(col_labels):
        if j % every == 0:
            x = label_px + j * cell + cell / 2
            parts.append(f'<text transform="translate({x:.1f},{top - 4}) rotate(-60)">{esc(_cut(str(c), 60))}</text>')
    for i, r in enumerate(row_labels):
        y = top + i * cell
        parts.append(f'<text x="{label_px - 4}" y="{y + cell - 5}" text-anchor="end">{esc(_cut(str(r), label_px - 6))}</text>')
        for j, c in enumerate(col_labels):
            v = values.get((r, c), 0)
            if not v:
                continue
            a = 0.12 + 0.88 * (v / vmax) ** 0.6
            parts.append(f'<rect x="{label_px + j * cell}" y="{y}" width="{cell - 1}" height="{cell - 1}" '
                         f'fill="#1d4ed8" fill-opacity="{a:.2f}"><title>{esc(r)} · {esc(c)}: {_fmt(v)}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)
