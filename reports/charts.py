"""Server-rendered SVG charts, for the pages and for the PDF reports alike.

Pure SVG with presentation attributes: no script, no stylesheet, no web font, so that browsers
and WeasyPrint draw the same picture. Every chart has a <title> and a one-sentence <desc> that
lists its values, and every page that shows one also shows its numbers in a table beside it
(templates/includes/chart.html). Series differ by fill pattern, marker shape and dash as well as
by colour, so colour is never the only way to tell them apart.

Labels come from user data: every piece of text is cleaned of characters XML cannot hold and then
escaped. Coordinates are rounded to one decimal place and nothing depends on the clock or on
chance except the default id, so the same chart with the same ``id_prefix`` gives the same string.

Values below zero are not charted below the axis: their bars start and end at zero, and their
labels (and the table) still show the real figure.
"""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = [
    "PALETTE",
    "Chart",
    "Series",
    "bar_chart",
    "format_value",
    "horizontal_bar_chart",
    "line_chart",
]

FONT = "Arial, Helvetica, sans-serif"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
WHITE = "#ffffff"
# The council's brand green first. Every colour has at least 3:1 contrast with white; GOV.UK's
# orange (#f47738, 2.8:1) is too light for that, so the third colour is a darker orange.
PALETTE = ("#00594f", "#1d70b8", "#b34700", "#4c2c92", "#d4351c")
# Second and later series: a pattern on the bars, a dash on the lines, a shape for the markers.
PATTERNS = ("solid", "diagonal", "dots", "horizontal", "crosshatch")
DASHES = ("", "8 4", "2 3", "10 3 2 3", "5 5")
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
    unit: str = ""  # "%" follows the number; any other unit follows it after a space
    y_max: float | None = None
    category_label: str = "Category"

    def table_headers(self) -> list[str]:
        return [self.category_label, *[series.label for series in self.series]]

    def table_rows(self) -> list[list[str]]:
        return [
            [category, *[format_value(_value(series, index), self.unit) for series in self.series]]
            for index, category in enumerate(self.categories)
        ]


def format_value(value, unit: str = "") -> str:
    """62%, 1,204, 3.5 days: at most one decimal place, no ".0"; "no data" for None."""
    number = _number(value)
    if number is None:
        return "no data"
    rounded = Decimal(repr(number)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = Decimal("0.0")  # never "-0"
    text = f"{rounded:,.1f}".removesuffix(".0")
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def bar_chart(
    chart: Chart, *, width: int = 640, height: int = 320, id_prefix: str | None = None
) -> SafeString:
    """Vertical bars, grouped by category with one bar per series, each labelled with its value.

    If the values cannot be labelled legibly (too many narrow bars) the labels are left out; the
    table beside the chart still has every figure.
    """
    svg = _Svg(chart, "Bar chart", id_prefix)
    n_series, n_cats = len(chart.series), len(chart.categories)
    values = [[_value(series, index) for index in range(n_cats)] for series in chart.series]
    y_top, ticks = _scale([v for row in values for v in row], chart.y_max)
    tick_labels = [format_value(tick, chart.unit) for tick in ticks]

    left = max(32.0, max(_width(label, 12) for label in tick_labels) + 14)
    right = 12.0
    plot_w = width - left - right
    legend, legend_h = _legend(svg, chart, left, 12, width - left - right, lines=False)
    top = 12 + legend_h + 20  # room for the value above the tallest bar
    group_w = plot_w / max(n_cats, 1)
    labels = [_wrap(category, group_w - 6, 12) for category in chart.categories]
    bottom = 12 + 15 * max((len(lines) for lines in labels), default=1) + 6
    height = max(height, int(top + bottom + 60))
    plot_h = height - top - bottom
    base = top + plot_h

    parts = [_gridlines(ticks, tick_labels, y_top, left, top, plot_w, plot_h)]
    bar_w = min(56.0, group_w * 0.8 / max(n_series, 1))
    drawn_w = bar_w - 2 if bar_w > 6 else bar_w * 0.8
    value_labels = [[format_value(v, chart.unit) for v in row] for row in values]
    value_size = _fitting_size(
        [
            text
            for row, raw in zip(value_labels, values, strict=True)
            for text, v in zip(row, raw, strict=True)
            if v is not None
        ],
        bar_w - 1,
    )
    for c_index in range(n_cats):
        group_left = left + c_index * group_w + (group_w - bar_w * n_series) / 2
        for s_index, series in enumerate(chart.series):
            centre = group_left + (s_index + 0.5) * bar_w
            value = values[s_index][c_index]
            if value is None:
                parts.append(_no_data(centre, base, bar_w - 1))
                continue
            bar_h = max(0.0, min(value, y_top)) / y_top * plot_h
            if bar_h > 0:
                parts.append(
                    _rect(
                        centre - drawn_w / 2,
                        base - bar_h,
                        drawn_w,
                        bar_h,
                        svg.fill(s_index, _colour(series, s_index)),
                        _colour(series, s_index),
                    )
                )
            if value_size:
                text = value_labels[s_index][c_index]
                parts.append(_text(centre, base - bar_h - 5, text, size=value_size))
        for line_index, line in enumerate(labels[c_index]):
            centre = left + (c_index + 0.5) * group_w
            parts.append(_text(centre, base + 18 + 15 * line_index, line, size=12))
    parts.append(_line(left, base, left + plot_w, base, TEXT))
    parts.append(legend)
    return svg.render(width, height, parts)


def horizontal_bar_chart(
    chart: Chart,
    *,
    width: int = 640,
    colours: list[str] | None = None,
    id_prefix: str | None = None,
) -> SafeString:
    """One row per category, bars running right with the value at the end; as tall as it needs.

    ``colours`` colours the bars category by category (for example red, amber and green risk
    categories); a colour too light to stand out on white gets a dark outline.
    """
    svg = _Svg(chart, "Horizontal bar chart", id_prefix)
    n_series, n_cats = len(chart.series), len(chart.categories)
    values = [[_value(series, index) for index in range(n_cats)] for series in chart.series]
    known = [v for row in values for v in row if v is not None]
    if chart.y_max is not None and chart.y_max > 0:
        x_top = float(chart.y_max)
    else:
        x_top = max([*known, 0.0]) or 1.0

    longest = max((_width(category, 13) for category in chart.categories), default=0)
    label_w = min(max(longest, 60.0), width * 0.4)
    labels = [_wrap(category, label_w, 13) for category in chart.categories]
    value_w = max(
        [_width(format_value(v, chart.unit), 13) for v in known] + [_width("no data", 12)]
    )
    legend, legend_h = _legend(svg, chart, 12, 12, width - 24, lines=False)
    axis_x = 12 + label_w + 10
    plot_w = max(width - axis_x - value_w - 18, 20.0)
    bar_h, bar_gap = (22.0, 0.0) if n_series <= 1 else (18.0, 4.0)
    bars_h = n_series * bar_h + (n_series - 1) * bar_gap if n_series else bar_h
    row_h = max(bars_h, 15.0 * max((len(lines) for lines in labels), default=1)) + 14

    top = 12 + legend_h
    height = int(math.ceil(top + row_h * max(n_cats, 1) + 12))
    parts = []
    for c_index, lines in enumerate(labels):
        row_top = top + c_index * row_h
        middle = row_top + row_h / 2
        first = middle - 7.5 * (len(lines) - 1) + 4.5
        for line_index, line in enumerate(lines):
            parts.append(_text(axis_x - 10, first + 15 * line_index, line, size=13, anchor="end"))
        bars_top = middle - bars_h / 2
        for s_index, series in enumerate(chart.series):
            y = bars_top + s_index * (bar_h + bar_gap)
            value = values[s_index][c_index]
            if value is None:
                parts.append(
                    _text(
                        axis_x + 6,
                        y + bar_h / 2 + 4,
                        "no data",
                        size=12,
                        anchor="start",
                        italic=True,
                    )
                )
                continue
            colour = _colour(series, s_index)
            if colours and c_index < len(colours) and colours[c_index]:
                colour = colours[c_index]
            bar_w = max(0.0, min(value, x_top)) / x_top * plot_w
            if bar_w > 0:
                parts.append(_rect(axis_x, y, bar_w, bar_h, svg.fill(s_index, colour), colour))
            parts.append(
                _text(
                    axis_x + bar_w + 6,
                    y + bar_h / 2 + 4.5,
                    format_value(value, chart.unit),
                    size=13,
                    anchor="start",
                )
            )
    parts.append(_line(axis_x, top + 4, axis_x, top + row_h * max(n_cats, 1) - 4, TEXT))
    parts.append(legend)
    return svg.render(width, height, parts)


def line_chart(
    chart: Chart, *, width: int = 640, height: int = 320, id_prefix: str | None = None
) -> SafeString:
    """A trend: one line per series, a marker at each point, a gap where a value is missing.

    Each series has its own marker shape and dash as well as its own colour. Values are labelled
    above or below their points if every label fits without colliding; otherwise (say, several
    series close together) none is, rather than some, and the table beside the chart has them all.
    """
    svg = _Svg(chart, "Line chart", id_prefix)
    n_cats = len(chart.categories)
    values = [[_value(series, index) for index in range(n_cats)] for series in chart.series]
    y_top, ticks = _scale([v for row in values for v in row], chart.y_max)
    tick_labels = [format_value(tick, chart.unit) for tick in ticks]

    left = max(32.0, max(_width(label, 12) for label in tick_labels) + 14)
    right = 16.0
    plot_w = width - left - right
    legend, legend_h = _legend(svg, chart, left, 12, plot_w, lines=True)
    top = 12 + legend_h + 20
    step = plot_w / max(n_cats, 1)
    labels = [_wrap(category, step - 6, 12) for category in chart.categories]
    bottom = 12 + 15 * max((len(lines) for lines in labels), default=1) + 6
    height = max(height, int(top + bottom + 60))
    plot_h = height - top - bottom
    base = top + plot_h

    def x_at(index: int) -> float:
        return left + step * (index + 0.5)

    def y_at(value: float) -> float:
        return base - max(0.0, min(value, y_top)) / y_top * plot_h

    parts = [_gridlines(ticks, tick_labels, y_top, left, top, plot_w, plot_h)]
    for s_index, series in enumerate(chart.series):
        colour = _colour(series, s_index)
        dash = DASHES[s_index % len(DASHES)]
        run: list[str] = []
        for index, value in enumerate([*values[s_index], None]):
            if value is not None:
                run.append(f"{_n(x_at(index))},{_n(y_at(value))}")
                continue
            if len(run) > 1:
                parts.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="{_attr(colour)}" '
                    f'stroke-width="3" stroke-linejoin="round"'
                    + (f' stroke-dasharray="{dash}"' if dash else "")
                    + "/>"
                )
            run = []
    for s_index, series in enumerate(chart.series):
        shape = MARKERS[s_index % len(MARKERS)]
        for index, value in enumerate(values[s_index]):
            if value is not None:
                parts.append(_marker(shape, x_at(index), y_at(value), _colour(series, s_index)))

    # Values are labelled above (or else below) their points only if every one of them fits
    # without colliding with another label or marker: a chart with some labels missing misleads.
    size = _fitting_size(
        [format_value(v, chart.unit) for row in values for v in row if v is not None], step - 4
    )
    value_labels = []
    for index in range(n_cats):
        if not size:
            break
        points = sorted(
            (y_at(row[index]), s_index)
            for s_index, row in enumerate(values)
            if row[index] is not None
        )
        taken = [(y - 7, y + 7) for y, _s_index in points]  # the markers in this column
        missing = sum(row[index] is None for row in values)
        taken += [(base - 16 - 14 * count, base - 3 - 14 * count) for count in range(missing)]
        for y, s_index in points:
            for baseline in (y - 10, y + 10 + size):
                extent = (baseline - size, baseline + 3)
                inside = top - 18 <= extent[0] and extent[1] <= base - 2
                if inside and not any(_overlaps(extent, other) for other in taken):
                    text = format_value(values[s_index][index], chart.unit)
                    value_labels.append(_text(x_at(index), baseline, text, size=size))
                    taken.append(extent)
                    break
            else:
                size = 0
                break
    if size:
        parts.extend(value_labels)
    for index in range(n_cats):
        x = x_at(index)
        missing = [s_index for s_index, row in enumerate(values) if row[index] is None]
        for count, s_index in enumerate(missing):
            baseline = base - 6 - 14 * count
            if len(chart.series) > 1:
                shape = MARKERS[s_index % len(MARKERS)]
                colour = _colour(chart.series[s_index], s_index)
                text_w = _width("no data", 10)
                parts.append(_marker(shape, x - text_w / 2 - 2, baseline - 3.5, colour, 3.5))
                parts.append(_text(x + 5, baseline, "no data", size=10, italic=True))
            else:
                parts.append(_text(x, baseline, "no data", size=10, italic=True))
    for index, lines in enumerate(labels):
        for line_index, line in enumerate(lines):
            parts.append(_text(x_at(index), base + 18 + 15 * line_index, line, size=12))
    parts.append(_line(left, base, left + plot_w, base, TEXT))
    parts.append(legend)
    return svg.render(width, height, parts)


# ---------------------------------------------------------------------------------------------
# Numbers and scales


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _value(series: Series, index: int) -> float | None:
    return _number(series.values[index]) if index < len(series.values) else None


def _n(value: float) -> str:
    """A coordinate, to one decimal place."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _nice_step(span: float, integral: bool) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ that divides ``span`` into at most five steps."""
    exponent = math.floor(math.log10(span)) - 2
    while True:
        for multiple in (1, 2, 2.5, 5):
            step = float(Decimal(str(multiple)).scaleb(exponent))
            if integral and (step < 1 or not step.is_integer()):
                continue
            if math.ceil(span / step - 1e-9) <= 5:
                return step
        exponent += 1


def _scale(values: list[float | None], y_max: float | None) -> tuple[float, list[float]]:
    """The top of the value axis and its ticks: four to six gridlines from zero."""
    known = [v for v in values if v is not None]
    integral = all(v.is_integer() for v in known)
    if y_max is not None and y_max > 0:
        top = float(y_max)
        step = _nice_step(top, integral)
        if integral and math.ceil(top / step - 1e-9) < 3:
            step = _nice_step(top, False)
        ticks = []
        tick = 0.0
        while tick < top - 0.35 * step:
            ticks.append(tick)
            tick = round(tick + step, 9)
        return top, [*ticks, top]
    largest = max([*known, 0.0])
    if largest <= 0:
        largest = 1.0
    step = _nice_step(largest, integral)
    steps = max(3, math.ceil(largest / step - 1e-9))
    return round(step * steps, 9), [round(step * i, 9) for i in range(steps + 1)]


# ---------------------------------------------------------------------------------------------
# Text


def _clean(text) -> str:
    """A label as one line of text that XML can hold."""
    return " ".join(_NOT_XML.sub("", str(text)).split())


def _attr(value) -> str:
    return escape(_clean(value))


_NARROW = set("fijlrtI.,:;'|!()[] /-")
_WIDE = set("mwMW%@")


def _width(text: str, size: float) -> float:
    """An estimate of the width of ``text`` set in Arial, a little generous."""
    total = 0.0
    for char in text:
        if char in _NARROW:
            total += 0.32
        elif char in _WIDE:
            total += 0.9
        elif char.isupper() or char.isdigit():
            total += 0.68 if char.isupper() else 0.56
        else:
            total += 0.56
    return total * size


def _truncate(text: str, width: float, size: float) -> str:
    if _width(text, size) <= width:
        return text
    while text and _width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…" if text.strip() else "…"


def _wrap(text: str, width: float, size: float, max_lines: int = 2) -> list[str]:
    """Words on at most ``max_lines`` lines that fit ``width``; the last one shortened with …"""
    lines: list[str] = []
    for word in _clean(text).split():
        if lines and _width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [_truncate(line, width, size) for line in lines] or [""]


def _fitting_size(texts: list[str], width: float) -> int:
    """The largest font size, 12 down to 9, at which every text fits ``width``; 0 if none."""
    for size in (12, 11, 10, 9):
        if all(_width(text, size) <= width for text in texts):
            return size
    return 0


def _text(x, y, content, *, size=12, anchor="middle", italic=False) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family="{FONT}" font-size="{size}" '
        f'fill="{TEXT}" text-anchor="{anchor}"'
        + (' font-style="italic"' if italic else "")
        + f">{escape(_clean(content))}</text>"
    )


def _no_data(centre: float, base: float, width: float) -> str:
    size = _fitting_size(["no data"], width)
    if size:
        return _text(centre, base - 6, "no data", size=min(size, 11), italic=True)
    return _text(centre, base - 17, "no", size=9, italic=True) + _text(
        centre, base - 6, "data", size=9, italic=True
    )


# ---------------------------------------------------------------------------------------------
# Shapes and colours


def _colour(series: Series, index: int) -> str:
    return series.colour or PALETTE[index % len(PALETTE)]


def _pattern(index: int) -> str:
    """Series after the fifth repeat the colours, so they move on to the next pattern."""
    return PATTERNS[(index + index // len(PALETTE)) % len(PATTERNS)]


def _luminance(colour: str) -> float | None:
    hex_digits = colour.strip().lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(digit * 2 for digit in hex_digits)
    if not re.fullmatch("[0-9a-fA-F]{6}", hex_digits):
        return None
    channels = []
    for start in (0, 2, 4):
        c = int(hex_digits[start : start + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast_with_white(colour: str) -> float | None:
    """The WCAG contrast ratio of a #rgb or #rrggbb colour against white; None if not hex."""
    luminance = _luminance(colour)
    return None if luminance is None else 1.05 / (luminance + 0.05)


def _rect(x, y, w, h, fill: str, colour: str) -> str:
    """A bar, outlined in its own colour, or in text colour if its colour is light."""
    ratio = contrast_with_white(colour)
    outline = _attr(colour) if ratio is not None and ratio >= 3 else TEXT
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}" '
        f'stroke="{outline}" stroke-width="1"/>'
    )


def _line(x1, y1, x2, y2, colour, width=1) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
        f'stroke="{colour}" stroke-width="{width}"/>'
    )


def _marker(shape: str, x: float, y: float, colour: str, r: float = 5.5) -> str:
    """A point marker, edged in white so that it stands out where lines cross."""
    paint = f'fill="{_attr(colour)}" stroke="{WHITE}" stroke-width="1.5"'
    if shape == "square":
        s = r * 0.9
        return (
            f'<rect x="{_n(x - s)}" y="{_n(y - s)}" width="{_n(2 * s)}" height="{_n(2 * s)}" '
            f"{paint}/>"
        )
    if shape in ("triangle", "triangle-down"):
        d = -1 if shape == "triangle" else 1
        points = [
            (x, y + d * r * 1.2),
            (x + r * 1.1, y - d * r * 0.8),
            (x - r * 1.1, y - d * r * 0.8),
        ]
        return f'<polygon points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in points)}" {paint}/>'
    if shape == "diamond":
        s = r * 1.25
        points = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
        return f'<polygon points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in points)}" {paint}/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" {paint}/>'


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gridlines(ticks, tick_labels, y_top, left, top, plot_w, plot_h) -> str:
    parts = []
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = top + plot_h - tick / y_top * plot_h
        if tick > 0:
            parts.append(_line(left, y, left + plot_w, y, GRID))
        parts.append(_text(left - 8, y + 4, label, size=12, anchor="end"))
    return "".join(parts)


def _legend(svg: _Svg, chart: Chart, x0: float, y0: float, width: float, *, lines: bool):
    """A key for two or more series, in rows that wrap; the markup and the height it takes."""
    if len(chart.series) < 2:
        return "", 0.0
    swatch = 30.0 if lines else 16.0
    parts, x, y = [], x0, y0
    for index, series in enumerate(chart.series):
        label = _truncate(_clean(series.label), width - swatch - 8, 13)
        item_w = swatch + 8 + _width(label, 13)
        if x > x0 and x + item_w > x0 + width:
            x, y = x0, y + 24
        colour = _colour(series, index)
        middle = y + 8
        if lines:
            dash = DASHES[index % len(DASHES)]
            parts.append(
                f'<line x1="{_n(x)}" y1="{_n(middle)}" x2="{_n(x + swatch)}" y2="{_n(middle)}" '
                f'stroke="{_attr(colour)}" stroke-width="3"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
            parts.append(_marker(MARKERS[index % len(MARKERS)], x + swatch / 2, middle, colour))
        else:
            parts.append(_rect(x, y, swatch, 16, svg.fill(index, colour), colour))
        parts.append(_text(x + swatch + 8, middle + 4.5, label, size=13, anchor="start"))
        x += item_w + 24
    return "".join(parts), y - y0 + 24


class _Svg:
    """The outer element, its title and description, and the patterns its bars use."""

    def __init__(self, chart: Chart, kind: str, id_prefix: str | None):
        self.chart = chart
        self.kind = kind
        self.ident = _clean(id_prefix) if id_prefix else f"chart-{uuid.uuid4().hex[:8]}"
        self.patterns: dict[tuple[str, str], str] = {}

    def fill(self, index: int, colour: str) -> str:
        """The fill for a bar of series ``index``: its colour, patterned after the first."""
        kind = _pattern(index)
        if kind == "solid":
            return _attr(colour)
        key = (kind, colour)
        if key not in self.patterns:
            self.patterns[key] = f"{self.ident}-pattern{len(self.patterns) + 1}"
        return f"url(#{_attr(self.patterns[key])})"

    def _pattern_defs(self) -> str:
        shapes = {
            "diagonal": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" '
            'stroke-width="2"/>',
            "dots": '<circle cx="4" cy="4" r="1.8" fill="#ffffff"/>',
            "horizontal": '<rect x="0" y="3" width="8" height="2" fill="#ffffff"/>',
            "crosshatch": '<path d="M0,4 h8 M4,0 v8" stroke="#ffffff" stroke-width="1.5"/>',
        }
        parts = []
        for (kind, colour), ident in self.patterns.items():
            parts.append(
                f'<pattern id="{_attr(ident)}" patternUnits="userSpaceOnUse" width="8" height="8">'
                f'<rect x="0" y="0" width="8" height="8" fill="{_attr(colour)}"/>'
                f"{shapes[kind]}</pattern>"
            )
        return f"<defs>{''.join(parts)}</defs>" if parts else ""

    def summary(self) -> str:
        chart = self.chart
        if not chart.series or not chart.categories:
            return f"{self.kind} with no data."
        described = []
        for series in chart.series:
            figures = ", ".join(
                f"{_clean(category)} {format_value(_value(series, index), chart.unit)}"
                for index, category in enumerate(chart.categories)
            )
            label = _clean(series.label)
            described.append(f"{label}: {figures}" if label else figures)
        return f"{self.kind} showing " + "; ".join(described) + "."

    def render(self, width: int, height: int, parts: list[str]) -> SafeString:
        ident = _attr(self.ident)
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc">'
            f'<title id="{ident}-title">{escape(_clean(self.chart.title))}</title>'
            f'<desc id="{ident}-desc">{escape(self.summary())}</desc>'
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="{WHITE}"/>'
        )
        body = "".join(parts)  # drawn first, so that the patterns it uses are known
        return mark_safe(  # noqa: S308 - every label and attribute above is cleaned and escaped
            head + self._pattern_defs() + body + "</svg>"
        )
