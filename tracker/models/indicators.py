"""KPIs: indicator definitions, a value per period, and benchmarks. Derived figures live in services."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamps, utcnow
from .enums import Frequency, Polarity, Unit, YearTotal
from .users import User


def _year_total_for_unit(context) -> str:
    return YearTotal.for_unit(context.get_current_parameters().get("unit")).value


class Indicator(Timestamps, Base):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    theme: Mapped[str] = mapped_column(String(120), default="", index=True)
    definition: Mapped[str] = mapped_column(Text, default="")
    numerator_definition: Mapped[str] = mapped_column(Text, default="")
    denominator_definition: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(20), default=Unit.COUNT.value)
    polarity: Mapped[str] = mapped_column(String(20), default=Polarity.NEUTRAL.value)
    frequency: Mapped[str] = mapped_column(String(20), default=Frequency.MONTHLY.value)
    # How the year to date is worked out (YearTotal): set by an admin, and in the reference catalogue.
    year_total: Mapped[str] = mapped_column(String(20), default=_year_total_for_unit,
                                            server_default=YearTotal.SUM.value)
    target: Mapped[float | None]
    tolerance: Mapped[float | None]
    source: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    owner: Mapped[User | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}


class IndicatorValue(Base):
    """The value of an indicator for one period (the period's length is the indicator's frequency)."""

    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("indicator_id", "period_start", name="uq_indicator_values_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    period_start: Mapped[date]
    value: Mapped[float]
    numerator: Mapped[float | None]
    denominator: Mapped[float | None]
    note: Mapped[str] = mapped_column(Text, default="")
    # Why a red value is red and what is being done: required when the value is red.
    commentary: Mapped[str] = mapped_column(Text, default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Optimistic lock: a save names the version it replaces, so two people saving one period cannot
    # silently overwrite each other, and the audit trail's "before" is what was really replaced.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    indicator: Mapped[Indicator] = relationship(lazy="raise")
    entered_by: Mapped[User | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}


class Benchmark(Base):
    """A comparator value: national, statistical neighbours or regional, for a year or period."""

    __tablename__ = "benchmarks"
    __table_args__ = (UniqueConstraint("indicator_id", "kind", "period_label", name="uq_benchmarks_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    # As published: a calendar year "2024" or a span "2021-22".
    period_label: Mapped[str] = mapped_column(String(20))
    # The first calendar year the label covers, for sorting and for matching to local periods.
    year: Mapped[int]
    value: Mapped[float]
    source: Mapped[str] = mapped_column(Text, default="")

    indicator: Mapped[Indicator] = relationship(lazy="raise")
