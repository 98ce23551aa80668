"""Board meetings (the "since the last board" baseline) and the inspection call."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class BoardMeeting(Base):
    __tablename__ = "board_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(200), default="SEND Improvement Board")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InspectionCall(Base):
    """The notification of an inspection. Deadlines are computed in working days, never stored."""

    __tablename__ = "inspection_calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[datetime]
    inspection_type: Mapped[str] = mapped_column(String(30), default="full")
    notes: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
