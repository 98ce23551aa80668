"""The board's status charts as inline SVG, drawn from plain data: a stacked bar of the count per status
and the stacked columns of the month-end trend. Pages and the PDF board pack use the same drawing.

Each SVG is an image with a <title> and <desc> (named by aria-labelledby); the page puts the same figures
in a table beside it. Segments are outlined so neighbouring colours stay apart, and every count is also
written as text, so colour never carries the meaning alone.
"""

from dataclasses import dataclass
from html import escape

#: Fill and text colour for each status, matching the status tags (enums: grey, red, yellow, green, blue).
COLOURS = {
    "not_started": ("#505a5f", "#ffffff"),
    "high_risk": ("#ca3535", "#ffffff"),
    "underway": ("#ffdd00", "#0b0c0c"),
    "complete": ("#0f7a52", "#ffffff"),
    "complete_update_on_call": ("#1d70b8", "#ffffff"),
}
FONT = "Arial, 'Liberation Sans', sans-serif"


@dataclass(frozen=True)
class Segment:
    key: str  # status value
    label: str
    count: int


@dataclass(frozen=True)
class Column:
    label: str  # "Jan"
    segments: list[Segment]
    sublabel: str = ""  # the year, under the first column and each January

    @property
    def total(self) -> int:
        return sum(s.count for s in self.segments)


def _head(chart_id: str, width: int, height: int, title: str, description: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
            f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
            f'font-family="{FONT}" class="app-board-chart">'
            f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>')


def _legend(segments: list[Segment], y: int, width: int) -> str:
    parts, x = [], 0
    for segment in segments:
        fill, _ = COLOURS.get(segment.key, ("#505a5f", "#ffffff"))
        text_width = 22 + 7 * len(segment.label)
        if x + text_width > width:
            x, y = 0, y + 24
        parts.append(f'<rect x="{x}" y="{y}" width="16" height="16" fill="{fill}" stroke="#0b0c0c"/>'
                     f'<text x="{x + 22}" y="{y + 13}" font-size="14" fill="#0b0c0c">{escape(segment.label)}</text>')
        x += text_width + 16
    return "".join(parts)


def legend_height(segments: list[Segment], width: int) -> int:
    rows, x = 1, 0
    for segment in segments:
        text_width = 22 + 7 * len(segment.label)
        if x + text_width > width:
            x, rows = 0, rows + 1
        x += text_width + 16
    return rows * 24


def status_bar(segments: list[Segment], chart_id: str, title: str, description: str) -> str:
    """One horizontal bar split by status, each part as long as its share, its count written in it.

    Drawn in percentages with no viewBox, so the bar fills any width while its numbers keep their size on
    a phone. The key is left to the page (``swatch`` for each status) where its text stays legible.
    """
    total = sum(s.count for s in segments) or 1
    bar_h = 48
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{bar_h}" role="img" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" font-family="{FONT}" '
             f'class="app-board-chart"><title id="{chart_id}-title">{escape(title)}</title>'
             f'<desc id="{chart_id}-desc">{escape(description)}</desc>']
    x = 0.0
    for segment in segments:
        if not segment.count:
            continue
        fill, ink = COLOURS.get(segment.key, ("#505a5f", "#ffffff"))
        w = 100.0 * segment.count / total
        parts.append(f'<rect x="{x:.2f}%" y="0" width="{w:.2f}%" height="{bar_h}" fill="{fill}" stroke="#0b0c0c" '
                     f'stroke-width="1"/>')
        # Written in the segment when it is wide enough even on a 320px screen.
        if w * 3.2 >= 11 * len(str(segment.count)) + 6:
            parts.append(f'<text x="{x + w / 2:.2f}%" y="{bar_h / 2 + 6:.1f}" font-size="18" font-weight="bold" '
                         f'text-anchor="middle" fill="{ink}">{segment.count}</text>')
        x += w
    parts.append("</svg>")
    return "".join(parts)


def swatch(status: str) -> str:
    """A small square of a status's colour, for a key written in HTML beside a chart (decorative)."""
    fill, _ = COLOURS.get(status, ("#505a5f", "#ffffff"))
    return (f'<svg class="app-board-swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
            f'focusable="false"><rect x="0.5" y="0.5" width="15" height="15" fill="{fill}" stroke="#0b0c0c"/></svg>')


def _nice_max(value: int) -> int:
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if value <= step * 5:
            return max(step, -(-value // step) * step)
    return value


def trend_columns(columns: list[Column], chart_id: str, title: str, description: str, width: int = 720) -> str:
    """Stacked columns, one per month end, each split by status from the bottom up in status order."""
    if not columns:
        return ""
    left, top, plot_h = 48, 10, 220
    legend_y = top + plot_h + 52
    height = legend_y + legend_height(columns[0].segments, width)
    top_value = _nice_max(max((c.total for c in columns), default=0) or 1)
    slot = (width - left) / len(columns)
    bar_w = slot * 0.7
    parts = [_head(chart_id, width, height, title, description)]
    for i in range(5 + 1):
        value = top_value * i / 5
        y = top + plot_h - plot_h * i / 5
        parts.append(f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6" stroke-width="1"/>'
                     f'<text x="{left - 6}" y="{y + 5:.1f}" font-size="13" text-anchor="end" fill="#0b0c0c">'
                     f'{value:g}</text>')
    step = 1 if len(columns) <= 12 else 2
    for n, column in enumerate(columns):
        x = left + slot * n + (slot - bar_w) / 2
        y = top + plot_h
        for segment in column.segments:
            if not segment.count:
                continue
            fill, _ = COLOURS.get(segment.key, ("#505a5f", "#ffffff"))
            h = plot_h * segment.count / top_value
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{fill}" '
                         f'stroke="#0b0c0c" stroke-width="0.75"/>')
        if n % step == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 20}" font-size="13" text-anchor="middle" '
                         f'fill="#0b0c0c">{escape(column.label)}</text>')
            if column.sublabel:
                parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 36}" font-size="13" '
                             f'text-anchor="middle" fill="#0b0c0c">{escape(column.sublabel)}</text>')
    parts.append(_legend(columns[0].segments, legend_y, width))
    parts.append("</svg>")
    return "".join(parts)


def _segments(counts) -> list[Segment]:
    return [Segment(row.status.value, row.label, row.count) for row in counts.rows]


def readiness_line(summary):
    """Readiness month by month: the actual trend, then the projection (a LineChart for reports.charts)."""
    from .charts import Line, LineChart

    actual = [p.counts.readiness for p in summary.trend]
    projected = [p.readiness for p in summary.projection]
    labels = [p.label.replace(" (to date)", "") for p in summary.trend]
    labels = [f"{label[:3]} {label[-4:]}" for label in labels] + [f"{p.label[:3]} {p.label[-4:]}"
                                                                   for p in summary.projection]
    lines = [Line("Actual", [*actual, *([None] * len(projected))])]
    if projected:
        lines.append(Line("Projected", [*([None] * (len(actual) - 1)), actual[-1], *projected], style="target"))
    return LineChart(
        title="Readiness month by month, actual and projected",
        description=(f"Readiness was {summary.trend[0].counts.readiness_text} at the end of {summary.trend[0].label} "
                     f"and is {summary.counts.readiness_text} now; projected "
                     f"{summary.projection[-1].readiness_text if summary.projection else 'unknown'} by the end of "
                     f"{summary.projection[-1].label if summary.projection else 'the period'}."),
        labels=labels, lines=lines, y_format=lambda y: f"{y:.0f}%", y_key="percent")


def for_summary(summary) -> dict[str, str]:
    """The board summary's three charts as SVG: the status bar, the monthly trend and readiness over time."""
    from .charts import cached_svg

    counts = summary.counts
    bar = status_bar(
        _segments(counts), "status-bar", "Evidence items by status",
        ", ".join(f"{row.label}: {row.count}" for row in counts.rows) + f". {counts.total} active items in all.")
    columns = []
    for n, point in enumerate(summary.trend):
        columns.append(Column(point.on.strftime("%b"), _segments(point.counts),
                              str(point.on.year) if n == 0 or point.on.month == 1 else ""))
    first, last = summary.trend[0], summary.trend[-1]
    trend = trend_columns(
        columns, "status-trend", "Evidence items by status at each month end",
        f"From {first.label} to {last.label}. Complete or complete with an update on call went from "
        f"{first.counts.done} to {last.counts.done} of {last.counts.total} items. The table below gives every figure.")
    line = cached_svg(readiness_line(summary), chart_id="readiness-line")
    return {"bar": bar, "trend": trend, "readiness": line}
