"""The improvement programme: workstreams, their actions and milestones, risks and issues."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamps, utcnow
from .enums import ActionKind, ActionStatus, Rag, RiskKind
from .users import User


class Workstream(Timestamps, Base):
    __tablename__ = "workstreams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    group: Mapped[str] = mapped_column(String(120), index=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    purpose: Mapped[str] = mapped_column(Text, default="")
    rag: Mapped[str] = mapped_column(String(10), default=Rag.GREEN.value)
    rag_reason: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    lead: Mapped[User | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}


class RagChange(Base):
    """One change of a workstream's RAG, with its reason. Never edited or deleted."""

    __tablename__ = "rag_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workstream_id: Mapped[int] = mapped_column(ForeignKey("workstreams.id"), index=True)
    from_rag: Mapped[str | None] = mapped_column(String(10))
    to_rag: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    user: Mapped[User | None] = relationship(lazy="raise")


class Action(Timestamps, Base):
    """An action or a milestone of a workstream. Its RAG is derived, never stored."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    workstream_id: Mapped[int] = mapped_column(ForeignKey("workstreams.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default=ActionKind.ACTION.value)
    title: Mapped[str] = mapped_column(String(300))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_date: Mapped[date | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(20), default=ActionStatus.NOT_STARTED.value)
    completed_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    workstream: Mapped[Workstream] = relationship(lazy="raise")
    owner: Mapped[User | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}


class Risk(Timestamps, Base):
    """A risk or an issue of a workstream, scored likelihood × impact (1–5 each)."""

    __tablename__ = "risks"

    id: Mapped[int] = mapped_column(primary_key=True)
    workstream_id: Mapped[int] = mapped_column(ForeignKey("workstreams.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default=RiskKind.RISK.value)
    description: Mapped[str] = mapped_column(Text)
    likelihood: Mapped[int] = mapped_column(default=3)
    impact: Mapped[int] = mapped_column(default=3)
    mitigation: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    is_open: Mapped[bool] = mapped_column(default=True)
    closed_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    workstream: Mapped[Workstream] = relationship(lazy="raise")
    owner: Mapped[User | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}

    @property
    def score(self) -> int:
        return self.likelihood * self.impact
