"""Benchmarks: national, statistical neighbour and regional values an admin keeps for each indicator."""

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Benchmark, Indicator, User
from ...models.enums import BenchmarkKind, Unit
from .. import audit
from ..errors import ServiceError
from .definitions import require_can_define
from .formatting import format_value

LABEL_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def benchmark_year(period_label: str) -> int:
    """The first calendar year of a label: '2024' → 2024, '2024-25' → 2024. Raises ServiceError otherwise."""
    match = LABEL_PATTERN.match(period_label.strip())
    if not match:
        raise ServiceError("Enter the year as 4 digits, like 2024, or a span of years, like 2024-25",
                           field="period_label")
    year = int(match.group(1))
    if match.group(2) is not None and int(match.group(2)) != (year + 1) % 100:
        raise ServiceError(f"A span of years must be consecutive, like {year}-{(year + 1) % 100:02d}",
                           field="period_label")
    if not 1990 <= year <= 2100:
        raise ServiceError("Enter a year between 1990 and 2100", field="period_label")
    return year


def save_benchmark(session: Session, user: User, indicator: Indicator, kind: str, period_label: str,
                   value: float, source: str = "", benchmark: Benchmark | None = None) -> Benchmark:
    """Add a benchmark, or change ``benchmark``. Adding a kind and year that exist already updates it."""
    require_can_define(user)
    if kind not in BenchmarkKind.values():
        raise ServiceError("Choose national, statistical neighbours or regional", field="kind")
    period_label = period_label.strip()
    year = benchmark_year(period_label)
    if value is None:
        raise ServiceError("Enter the value", field="value")
    if value < 0 and indicator.unit != Unit.CURRENCY:
        raise ServiceError("Value must be 0 or more", field="value")
    same = session.scalar(select(Benchmark).where(
        Benchmark.indicator_id == indicator.id, Benchmark.kind == kind, Benchmark.period_label == period_label))
    if benchmark is None:
        benchmark = same
    elif same is not None and same.id != benchmark.id:
        raise ServiceError(f"There is already a {BenchmarkKind.label_for(kind).lower()} value for {period_label}: "
                           "change that one instead", field="period_label")
    after = {"kind": kind, "period_label": period_label, "year": year, "value": value, "source": source.strip()}
    words = f"{BenchmarkKind.label_for(kind)} {period_label}: {format_value(value, indicator.unit)}"
    if benchmark is None:
        benchmark = Benchmark(indicator_id=indicator.id, **after)
        session.add(benchmark)
        session.flush()
        audit.record(session, user, "indicator", indicator.id, "benchmark_added", audit.diff({}, after),
                     summary=f"Added benchmark {words}")
        return benchmark
    before = {name: getattr(benchmark, name) for name in after}
    changes = audit.diff(before, after)
    if changes:
        for name, new in after.items():
            setattr(benchmark, name, new)
        audit.record(session, user, "indicator", indicator.id, "benchmark_updated", changes,
                     summary=f"Changed benchmark {words}")
    return benchmark


def delete_benchmark(session: Session, user: User, benchmark: Benchmark, unit: str) -> None:
    require_can_define(user)
    kept = {"kind": benchmark.kind, "period_label": benchmark.period_label, "value": benchmark.value}
    audit.record(session, user, "indicator", benchmark.indicator_id, "benchmark_deleted", kept,
                 summary=f"Removed benchmark {BenchmarkKind.label_for(benchmark.kind)} {benchmark.period_label}: "
                         f"{format_value(benchmark.value, unit)}")
    session.delete(benchmark)
