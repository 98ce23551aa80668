"""Charts drawn once on the server with matplotlib: SVG for pages and PDFs, PNG for Word documents.

Builders take plain data and never query. Every chart is described for assistive technology (an SVG
<title> and <desc> named by aria-labelledby) and pages put the same figures in a table beside it.
Lines differ by style and marker as well as colour, in colours with at least 3:1 contrast on white.
"""

import hashlib
import io
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import matplotlib

matplotlib.use("Agg")  # no display on a server; set before anything draws

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from .svg_attributes import without_css  # noqa: E402

#: GOV.UK colours: blue for the measure, black for the target, purple for the national line.
STYLES = {
    "series": {"color": "#1d70b8", "linewidth": 2.5, "marker": "o", "markersize": 4, "linestyle": "-"},
    "target": {"color": "#0b0c0c", "linewidth": 1.5, "linestyle": "--"},
    "benchmark": {"color": "#912b88", "linewidth": 2, "linestyle": "-.", "drawstyle": "steps-mid"},
}

FONT = {
    "font.family": "sans-serif",
    # Arial where installed (as on most council PCs); metric-compatible Liberation Sans on Linux.
    "font.sans-serif": ["Arial", "Liberation Sans", "DejaVu Sans"],
    "font.size": 12,
    "svg.fonttype": "none",  # real text in the SVG, in the page's own font: nothing to download
}


@dataclass(frozen=True)
class Line:
    name: str
    values: list[float | None]
    style: str = "series"  # series | target | benchmark


@dataclass(frozen=True)
class LineChart:
    title: str
    description: str
    labels: list[str]
    lines: list[Line] = field(default_factory=list)
    y_format: Callable[[float], str] = str
    y_from_zero: bool = True
    # What ``y_format`` depends on (such as the unit), so a cached drawing is reused only when it would
    # be drawn the same way.
    y_key: str = ""

    def fingerprint(self, chart_id: str) -> str:
        """A hash of everything that decides how the chart looks: the same data gives the same drawing."""
        parts = repr((self.title, self.description, self.labels, [(line.name, line.values, line.style)
                                                                    for line in self.lines],
                      self.y_from_zero, self.y_key, chart_id))
        return hashlib.sha256(parts.encode()).hexdigest()


def _figure(chart: LineChart) -> Figure:
    figure = Figure(figsize=(7, 3.6), layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(chart.labels)))
    for line in chart.lines:
        ys = [math.nan if v is None else v for v in line.values]
        if all(math.isnan(y) for y in ys):
            continue
        axes.plot(positions, ys, label=line.name, **STYLES[line.style])
    # Long labels ("Q3 2025-26") need more room than short ones ("Oct 2025") before they collide.
    longest = max((len(label) for label in chart.labels), default=0)
    step = max(1, math.ceil(len(positions) / (8 if longest <= 8 else 5)))
    axes.set_xticks(positions[::step], [chart.labels[i] for i in positions[::step]])
    axes.yaxis.set_major_locator(MaxNLocator(nbins=6))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: chart.y_format(y)))
    if chart.y_from_zero:
        axes.set_ylim(bottom=0)
    axes.set_xlim(-0.5, max(len(positions) - 0.5, 0.5))
    axes.grid(axis="y", color="#b1b4b6", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors="#0b0c0c")
    if len(axes.lines) > 1:
        figure.legend(loc="outside lower center", ncols=len(axes.lines), frameon=False)
    return figure


def png(chart: LineChart, dpi: int = 150) -> bytes:
    """The chart as PNG bytes, for Word documents."""
    with matplotlib.rc_context(FONT):
        buffer = io.BytesIO()
        _figure(chart).savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def svg(chart: LineChart, chart_id: str = "chart") -> str:
    """The chart as an inline <svg> element, with ids prefixed by ``chart_id`` so several fit on a page."""
    with matplotlib.rc_context({**FONT, "svg.hashsalt": chart_id}):
        buffer = io.StringIO()
        _figure(chart).savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = without_css(buffer.getvalue())  # the page's Content Security Policy refuses inline CSS
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    # Prefix every id and every reference to one, so two charts on a page never share an id.
    text = re.sub(r'\bid="([^"]+)"', rf'id="{chart_id}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", text)
    text = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{chart_id}-\1"', text)
    described = (
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false"'
    )
    text = text.replace("<svg", described, 1)
    head_end = text.index(">") + 1
    accessible = (f'<title id="{chart_id}-title">{escape(chart.title)}</title>'
                  f'<desc id="{chart_id}-desc">{escape(chart.description)}</desc>')
    return text[:head_end] + accessible + text[head_end:]


#: Drawn charts by fingerprint. Drawing takes most of an indicator page's time; the data changes only
#: when a value or benchmark is saved, so each chart is drawn once per change (per process).
CACHE_SIZE = 512
_drawn: OrderedDict[str, str] = OrderedDict()
_drawn_lock = threading.Lock()
# matplotlib's rc settings are process-wide: two threads drawing at once could mix their fonts.
_drawing = threading.Lock()


def cached_svg(chart: LineChart, chart_id: str = "chart") -> str:
    """``svg(chart, chart_id)``, drawn only the first time this exact chart is asked for."""
    key = chart.fingerprint(chart_id)
    with _drawn_lock:
        if key in _drawn:
            _drawn.move_to_end(key)
            return _drawn[key]
    with _drawing:
        drawn = svg(chart, chart_id)
    with _drawn_lock:
        _drawn[key] = drawn
        while len(_drawn) > CACHE_SIZE:
            _drawn.popitem(last=False)
    return drawn


def clear_cache() -> None:
    with _drawn_lock:
        _drawn.clear()
