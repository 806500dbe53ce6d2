"""Server-rendered SVG charts, for the pages and for the PDF reports alike.

Pure SVG with presentation attributes: no script, no stylesheet, no web font, so that browsers
and WeasyPrint draw the same picture. Every chart has a title and a description for assistive
technology, and every page that shows one also shows its numbers in a table
(templates/includes/chart.html). Series differ by marker shape and dash as well as colour.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = "Arial, Helvetica, sans-serif"
TEXT = "#0b0c0c"
MUTED = "#505a5f"
GRID = "#b1b4b6"
# Brand green first; every colour has at least 3:1 contrast with white.
PALETTE = ["#00594f", "#1d70b8", "#b34700", "#4c2c92", "#d4351c"]
DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 2"]
MARKERS = ["circle", "square", "triangle", "diamond", "circle"]

_ids = itertools.count(1)


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float | None]
    colour: str | None = None


@dataclass(frozen=True)
class Chart:
    title: str
    categories: list[str]
    series: list[Series]
    unit: str = ""
    y_max: float | None = None
    category_label: str = "Category"
    notes: list[str] = field(default_factory=list)

    def table_headers(self) -> list[str]:
        return [self.category_label, *[series.label for series in self.series]]

    def table_rows(self) -> list[list[str]]:
        return [
            [category, *[format_value(series.values[index], self.unit) for series in self.series]]
            for index, category in enumerate(self.categories)
        ]


def format_value(value, unit: str = "") -> str:
    """62%, 1,204, 3.5 – at most one decimal place; "no data" for None."""
    if value is None:
        return "no data"
    number = round(float(value), 1)
    text = f"{number:,.1f}".removesuffix(".0")
    return f"{text}{unit}" if unit == "%" else (f"{text} {unit}" if unit else text)


def _n(value: float) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _nice_max(values: list[float | None], y_max: float | None) -> tuple[float, float]:
    """A round top for the axis, and the step between gridlines."""
    if y_max is not None:
        top = float(y_max)
    else:
        largest = max([value for value in values if value is not None] or [0])
        top = float(largest) if largest > 0 else 1.0
    raw_step = top / 5
    magnitude = 10 ** math.floor(math.log10(raw_step)) if raw_step > 0 else 1
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * magnitude
        if step >= raw_step:
            break
    if y_max is None:
        top = math.ceil(top / step) * step
    return top, step


def _colour(series: Series, index: int) -> str:
    return series.colour or PALETTE[index % len(PALETTE)]


def _text(x, y, content, *, size=13, anchor="middle", colour=TEXT, weight="normal") -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family="{FONT}" font-size="{size}" '
        f'fill="{colour}" text-anchor="{anchor}" font-weight="{weight}">{escape(content)}</text>'
    )


def _wrap(label: str, width_px: float, size: int = 12) -> list[str]:
    """Split a label into at most two lines that fit; shorten the second with an ellipsis."""
    per_line = max(4, int(width_px / (size * 0.55)))
    words, lines, line = label.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if len(candidate) <= per_line or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return [text if len(text) <= per_line else text[: per_line - 1] + "…" for text in lines]


def _open(chart: Chart, width: int, height: int, id_prefix: str | None) -> tuple[str, str]:
    ident = id_prefix or f"chart{next(_ids)}"
    summary = "; ".join(
        f"{series.label}: "
        + ", ".join(
            f"{category} {format_value(series.values[index], chart.unit)}"
            for index, category in enumerate(chart.categories)
        )
        for series in chart.series
    )
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(summary)}.</desc>'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>'
    )
    return head, ident


def _legend(chart: Chart, x: float, y: float, *, lines: bool) -> str:
    parts = []
    for index, series in enumerate(chart.series):
        colour = _colour(series, index)
        if lines:
            dash = DASHES[index % len(DASHES)]
            parts.append(
                f'<line x1="{_n(x)}" y1="{_n(y - 4)}" x2="{_n(x + 24)}" y2="{_n(y - 4)}" '
                f'stroke="{colour}" stroke-width="3"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
                + _marker(MARKERS[index % len(MARKERS)], x + 12, y - 4, colour)
            )
        else:
            parts.append(
                f'<rect x="{_n(x)}" y="{_n(y - 12)}" width="16" height="16" fill="{colour}"'
                + _pattern_attr(index)
                + "/>"
            )
        parts.append(_text(x + 30, y, series.label, anchor="start", size=13))
        y += 20
    return "".join(parts)


def _pattern_attr(index: int) -> str:
    # Bars of the second and later series get an outline pattern too, so colour is not alone.
    if index == 0:
        return ""
    dash = DASHES[index % len(DASHES)] or "4 2"
    return f' stroke="{TEXT}" stroke-width="1.5" stroke-dasharray="{dash}"'


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{_n(x - 4.5)}" y="{_n(y - 4.5)}" width="9" height="9" fill="{colour}"/>'
    if shape == "triangle":
        points = f"{_n(x)},{_n(y - 6)} {_n(x + 5.5)},{_n(y + 4)} {_n(x - 5.5)},{_n(y + 4)}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "diamond":
        points = f"{_n(x)},{_n(y - 6)} {_n(x + 6)},{_n(y)} {_n(x)},{_n(y + 6)} {_n(x - 6)},{_n(y)}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="5" fill="{colour}"/>'


def _axis(chart, left, top, plot_w, plot_h) -> tuple[str, float]:
    values = [value for series in chart.series for value in series.values]
    y_top, step = _nice_max(values, chart.y_max)
    parts = []
    tick = 0.0
    while tick <= y_top + 1e-9:
        y = top + plot_h - (tick / y_top) * plot_h
        parts.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(left + plot_w)}" y2="{_n(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(_text(left - 8, y + 4, format_value(tick, chart.unit), anchor="end", size=12))
        tick += step
    return "".join(parts), y_top


def bar_chart(
    chart: Chart, *, width: int = 640, height: int = 320, id_prefix: str | None = None
) -> SafeString:
    """Vertical bars, grouped by category, one bar per series."""
    legend_h = 22 * len(chart.series) if len(chart.series) > 1 else 0
    left, right, top, bottom = 56, 16, 24, 48 + legend_h
    plot_w, plot_h = width - left - right, height - top - bottom
    head, _ident = _open(chart, width, height, id_prefix)
    grid, y_top = _axis(chart, left, top, plot_w, plot_h)
    parts = [head, grid]
    groups = max(len(chart.categories), 1)
    group_w = plot_w / groups
    bars = max(len(chart.series), 1)
    bar_w = min(56, group_w * 0.8 / bars)
    for c_index, category in enumerate(chart.categories):
        group_left = left + c_index * group_w + (group_w - bar_w * bars) / 2
        for s_index, series in enumerate(chart.series):
            value = series.values[c_index] if c_index < len(series.values) else None
            x = group_left + s_index * bar_w
            if value is None:
                parts.append(
                    _text(x + bar_w / 2, top + plot_h - 6, "no data", size=10, colour=MUTED)
                )
                continue
            bar_h = max(0.0, min(float(value), y_top) / y_top * plot_h)
            y = top + plot_h - bar_h
            parts.append(
                f'<rect x="{_n(x + 1)}" y="{_n(y)}" width="{_n(max(bar_w - 2, 1))}" '
                f'height="{_n(bar_h)}" fill="{_colour(series, s_index)}"'
                + _pattern_attr(s_index)
                + "/>"
            )
            parts.append(_text(x + bar_w / 2, y - 5, format_value(value, chart.unit), size=11))
        for line_index, line in enumerate(_wrap(category, group_w - 4)):
            parts.append(
                _text(
                    left + (c_index + 0.5) * group_w,
                    top + plot_h + 18 + 14 * line_index,
                    line,
                    size=12,
                )
            )
    parts.append(
        f'<line x1="{_n(left)}" y1="{_n(top + plot_h)}" x2="{_n(left + plot_w)}" '
        f'y2="{_n(top + plot_h)}" stroke="{TEXT}" stroke-width="1"/>'
    )
    if legend_h:
        parts.append(_legend(chart, left, height - legend_h + 14, lines=False))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped


def horizontal_bar_chart(
    chart: Chart,
    *,
    width: int = 640,
    colours: list[str] | None = None,
    id_prefix: str | None = None,
) -> SafeString:
    """One row per category (first series only), with the value at the end of each bar."""
    row_h, top = 30, 8
    longest = max((len(category) for category in chart.categories), default=10)
    label_w = min(max(120, int(longest * 7.2) + 20), width // 2)
    height = top * 2 + row_h * max(len(chart.categories), 1)
    head, _ident = _open(chart, width, height, id_prefix)
    series = chart.series[0] if chart.series else Series("", [])
    values = [value for value in series.values if value is not None]
    largest = max(values or [0]) or 1
    top_value = float(chart.y_max or largest)
    plot_w = width - label_w - 70
    parts = [head]
    for index, category in enumerate(chart.categories):
        y = top + index * row_h
        value = series.values[index] if index < len(series.values) else None
        label = _wrap(category, label_w - 12)[0]
        parts.append(_text(label_w - 10, y + row_h / 2 + 4, label, anchor="end", size=13))
        if value is None:
            parts.append(_text(label_w + 4, y + row_h / 2 + 4, "no data", anchor="start", size=12))
            continue
        bar_w = max(0.0, float(value) / top_value * plot_w)
        colour = (colours[index] if colours and index < len(colours) else None) or _colour(
            series, 0
        )
        parts.append(
            f'<rect x="{label_w}" y="{_n(y + 5)}" width="{_n(bar_w)}" height="{row_h - 10}" '
            f'fill="{colour}"/>'
        )
        parts.append(
            _text(
                label_w + bar_w + 6,
                y + row_h / 2 + 4,
                format_value(value, chart.unit),
                anchor="start",
            )
        )
    parts.append(
        f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - top}" '
        f'stroke="{TEXT}" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped


def line_chart(
    chart: Chart, *, width: int = 640, height: int = 320, id_prefix: str | None = None
) -> SafeString:
    """Points joined by lines, one line per series; a missing value breaks the line."""
    legend_h = 22 * len(chart.series) if len(chart.series) > 1 else 0
    left, right, top, bottom = 56, 24, 24, 48 + legend_h
    plot_w, plot_h = width - left - right, height - top - bottom
    head, _ident = _open(chart, width, height, id_prefix)
    grid, y_top = _axis(chart, left, top, plot_w, plot_h)
    parts = [head, grid]
    count = max(len(chart.categories), 1)
    step = plot_w / count

    def x_at(index):
        return left + step * (index + 0.5)

    for s_index, series in enumerate(chart.series):
        colour = _colour(series, s_index)
        dash = DASHES[s_index % len(DASHES)]
        segment: list[str] = []
        segments = []
        for index, value in enumerate(series.values):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            y = top + plot_h - min(float(value), y_top) / y_top * plot_h
            segment.append(f"{_n(x_at(index))},{_n(y)}")
        if segment:
            segments.append(segment)
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                    f'stroke-width="3"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
                )
        for index, value in enumerate(series.values):
            if value is None:
                parts.append(_text(x_at(index), top + plot_h - 6, "no data", size=10, colour=MUTED))
                continue
            y = top + plot_h - min(float(value), y_top) / y_top * plot_h
            parts.append(_marker(MARKERS[s_index % len(MARKERS)], x_at(index), y, colour))
            parts.append(_text(x_at(index), y - 10, format_value(value, chart.unit), size=11))
    for index, category in enumerate(chart.categories):
        for line_index, line in enumerate(_wrap(category, step - 4)):
            parts.append(_text(x_at(index), top + plot_h + 18 + 14 * line_index, line, size=12))
    parts.append(
        f'<line x1="{_n(left)}" y1="{_n(top + plot_h)}" x2="{_n(left + plot_w)}" '
        f'y2="{_n(top + plot_h)}" stroke="{TEXT}" stroke-width="1"/>'
    )
    if legend_h:
        parts.append(_legend(chart, left, height - legend_h + 14, lines=True))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped
