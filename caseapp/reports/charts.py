"""Chart geometry for the portfolio report, drawn as SVG by the templates. Plain Python.

Charts are vector drawings so they stay sharp in the PDF and on screen, and
they are computed here rather than in the template so the numbers can be
tested. Labels are plain strings: the template escapes them like any text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

BAR_HEIGHT = 16
BAR_GAP = 6
LABEL_WIDTH = 230
CHART_WIDTH = 640
VALUE_WIDTH = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float  # of the bar, in SVG units
    parts: tuple[tuple[str, int, float, float], ...] = ()  # (series, value, x, width) of a stacked bar


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int
    series: tuple[str, ...] = ()
    empty: bool = False


def bar_chart(title: str, rows: list[tuple[str, int]]) -> BarChart:
    """Horizontal bars, longest scale = the largest value, labels on the left."""
    scale_width = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    top = max((value for _, value in rows), default=0)
    bars = []
    for index, (label, value) in enumerate(rows):
        width = scale_width * value / top if top else 0.0
        bars.append(Bar(label, value, index * (BAR_HEIGHT + BAR_GAP), round(width, 1)))
    height = max(len(rows), 1) * (BAR_HEIGHT + BAR_GAP)
    return BarChart(title, tuple(bars), CHART_WIDTH, height, LABEL_WIDTH, empty=not rows or top == 0)


def stacked_chart(title: str, series: tuple[str, ...], rows: list[tuple[str, dict[str, int]]]) -> BarChart:
    """Horizontal bars split by series, e.g. an indicator's present and suspected counts."""
    scale_width = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    top = max((sum(values.values()) for _, values in rows), default=0)
    bars = []
    for index, (label, values) in enumerate(rows):
        x = 0.0
        parts = []
        for name in series:
            value = values.get(name, 0)
            width = round(scale_width * value / top, 1) if top else 0.0
            parts.append((name, value, round(x, 1), width))
            x += width
        bars.append(Bar(label, sum(values.values()), index * (BAR_HEIGHT + BAR_GAP), round(x, 1), tuple(parts)))
    height = max(len(rows), 1) * (BAR_HEIGHT + BAR_GAP)
    return BarChart(title, tuple(bars), CHART_WIDTH, height, LABEL_WIDTH, series, empty=not rows or top == 0)


@dataclass(frozen=True)
class Column:
    label: str
    value: int
    x: float
    height: float


@dataclass(frozen=True)
class Timeline:
    title: str
    columns: tuple[Column, ...]
    width: int
    height: int
    top: int
    column_width: float
    ticks: tuple[tuple[str, float], ...] = field(default_factory=tuple)  # (label, x) shown under the axis
    empty: bool = False


TIMELINE_HEIGHT = 140


def timeline(title: str, rows: list[tuple[str, int]]) -> Timeline:
    """Columns per period (e.g. per year the cases began), with at most about a dozen axis labels."""
    count = max(len(rows), 1)
    column_width = (CHART_WIDTH - 40) / count
    top = max((value for _, value in rows), default=0)
    columns = tuple(
        Column(label, value, round(20 + index * column_width, 1),
               round(TIMELINE_HEIGHT * value / top, 1) if top else 0.0)
        for index, (label, value) in enumerate(rows)
    )
    step = max(1, -(-len(rows) // 12))
    ticks = tuple((c.label, round(c.x + column_width / 2, 1)) for i, c in enumerate(columns) if i % step == 0)
    return Timeline(title, columns, CHART_WIDTH, TIMELINE_HEIGHT, top, round(column_width, 1), ticks,
                    empty=top == 0)
