"""Board meetings (the "since the last board" baseline) and the inspection call."""

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .evidence import EvidenceItem  # noqa: F401 - named by relationships
from .users import User  # noqa: F401


class BoardMeeting(Base):
    __tablename__ = "board_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(200), default="SEND Improvement Board")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Two admins editing the same meeting: the later save is refused (services.readiness.meetings).
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


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
    # A practice call: behaves the same, but is a drill, statuses stay, and mail stays inside the team.
    rehearsal: Mapped[bool] = mapped_column(default=False)
    # The deadline offsets in force when the call was recorded, so later settings never move its dates.
    offsets: Mapped[dict | None] = mapped_column(JSON)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CallItem(Base):
    """One line of a call's refresh checklist: an item that was complete-update-on-call when the call came."""

    __tablename__ = "call_items"
    __table_args__ = (UniqueConstraint("call_id", "evidence_item_id", name="uq_call_items_call_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("inspection_calls.id", ondelete="CASCADE"), index=True)
    evidence_item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    # The owner when the call came: the person whose list it was, even if the item moves later.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    what: Mapped[str] = mapped_column(Text, default="")
    refreshed_at: Mapped[datetime | None]
    refreshed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    how: Mapped[str | None] = mapped_column(String(20))  # version, link or note
    note: Mapped[str] = mapped_column(Text, default="")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    evidence_item: Mapped["EvidenceItem"] = relationship(lazy="raise")
    owner: Mapped["User | None"] = relationship(foreign_keys=[owner_id], lazy="raise")
    refreshed_by: Mapped["User | None"] = relationship(foreign_keys=[refreshed_by_id], lazy="raise")

    __mapper_args__ = {"version_id_col": version}


class CallInspector(Base):
    """An inspector account given access for one call; deactivated when the call ends."""

    __tablename__ = "call_inspectors"

    call_id: Mapped[int] = mapped_column(ForeignKey("inspection_calls.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
