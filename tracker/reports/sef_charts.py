"""A linked indicator's trend as a chart (reports.charts), for the SEF documents: from the plain data only."""

import threading
from collections import OrderedDict
from functools import partial

from ..services.indicators.formatting import format_value
from ..services.sef import IndicatorLink
from . import charts
from .charts import Line, LineChart

#: The SEF shows the last twelve periods (a year of a monthly measure): the chart and the table beside
#: it carry the same figures, so the table stays short enough to read.
POINTS = 12


def trend_chart(link: IndicatorLink) -> LineChart:
    points = [p for p in link.series if p.value is not None][-POINTS:]
    lines = [Line(link.code, [p.value for p in points])]
    if any(p.target is not None for p in points):
        lines.append(Line("Target", [p.target for p in points], "target"))
    if any(p.national is not None for p in points):
        lines.append(Line("National", [p.national for p in points], "benchmark"))
    words = [f"Line chart of {link.code} {link.title}, {points[0].label} to {points[-1].label}.",
             f"Latest value {link.latest_text} in {link.latest_label}."]
    if link.target_text:
        words.append(f"Target {link.target_text}.")
    if link.national_text:
        words.append(f"National {link.national_text}.")
    words.append("The table beside the chart gives the same figures.")
    return LineChart(title=f"{link.code}: {link.title}", description=" ".join(words), labels=[p.label for p in points],
                     lines=lines, y_format=partial(format_value, unit=link.unit), y_key=link.unit)


def trend_rows(link: IndicatorLink) -> list[tuple[str, str, str, str]]:
    """The chart's figures as table rows (period, value, target, national), latest last."""
    points = [p for p in link.series if p.value is not None][-POINTS:]
    return [(p.label, p.value_text, format_value(p.target, link.unit, "–"), format_value(p.national, link.unit, "–"))
            for p in points]


#: PNGs by fingerprint: a chart's data changes only when a value is saved, so the next version of the
#: SEF (in the same worker) draws only what changed.
_PNG_CACHE: OrderedDict[str, bytes] = OrderedDict()
_PNG_LOCK = threading.Lock()
PNG_CACHE_SIZE = 256


def cached_png(chart: LineChart, dpi: int) -> bytes:
    key = chart.fingerprint(f"png-{dpi}")
    with _PNG_LOCK:
        if key in _PNG_CACHE:
            _PNG_CACHE.move_to_end(key)
            return _PNG_CACHE[key]
    with charts._drawing:  # matplotlib's settings are process-wide: one drawing at a time
        drawn = charts.png(chart, dpi=dpi)
    with _PNG_LOCK:
        _PNG_CACHE[key] = drawn
        while len(_PNG_CACHE) > PNG_CACHE_SIZE:
            _PNG_CACHE.popitem(last=False)
    return drawn
